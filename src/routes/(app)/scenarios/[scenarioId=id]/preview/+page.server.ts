import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/markdown';
import { toOfficerView } from '$lib/domain/scenario/officer-view';
import { officerMarkdown } from '$lib/components/scenario/officer-html';
import { loadScenario } from '../editor.server';

// Only the officer view leaves this load: no key, classification, explanation or author key of any kind.
export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	const officer = toOfficerView(s.draft, `preview-${s.id}`);
	const html = Object.fromEntries(Object.entries(officerMarkdown(officer)).map(([k, md]) => [k, md.trim() ? renderMarkdown(md) : '']));
	return { officer, html };
};
