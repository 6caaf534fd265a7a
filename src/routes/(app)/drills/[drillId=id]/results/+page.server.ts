import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { drillResults } from '$lib/server/drill/results';

/** Line items carry the key (which items are hazards, the expected answers): trainers only, never officers. */
export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const r = drillResults(getDb(), Number(params.drillId));
	if (!r) error(404, '未找到该比武活动');
	return {
		drill: r.drill,
		teams: r.teams.map((t) => ({
			teamId: t.teamId,
			name: t.name,
			rank: t.rank,
			total: t.total,
			stages: t.stages.map((s) => ({
				stageId: s.stageId,
				title: s.title,
				weight: s.weight,
				score: s.score,
				max: s.max,
				lines: s.lines.map((l) => ({ ref: l.ref, label: l.label, rule: l.rule, points: l.points, max: typeof l.detail?.max === 'number' ? l.detail.max : null }))
			}))
		}))
	};
};
