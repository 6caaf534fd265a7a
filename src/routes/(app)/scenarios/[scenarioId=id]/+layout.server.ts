import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { loadScenario } from './editor.server';

// The editor's header only: title and versions, never the draft (the officer preview's page data must
// hold nothing but the officer view). Layout loads guard no action: each page and action checks again.
export const load: LayoutServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	return {
		scenario: {
			id: s.id,
			title: s.title,
			latestVersion: s.latestVersion,
			updatedAt: s.updatedAt,
			versions: s.versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt }))
		}
	};
};
