import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getDrill } from '$lib/server/drill/drills';
import { drillResults } from '$lib/server/drill/results';
import { chineseDate } from '$lib/domain/drill/cn-date';

/** One certificate per awarded team, best first: the awards follow the live results and the drill's award counts. */
export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const drillId = Number(params.drillId);
	const found = getDrill(db, drillId);
	const results = drillResults(db, drillId);
	if (!found || !results) error(404, '未找到该比武活动');
	const { drill: d, teams } = found;
	const membersOf = new Map(teams.map((t) => [t.id, t.members.map((m) => m.displayName)]));
	// Before any score every team ties for first place and so "wins" 一等奖: no certificates until someone has scored.
	const hasScores = results.teams.some((t) => t.total > 0);
	return {
		drill: { id: d.id, title: d.title, organizer: d.organizer, date: chineseDate(d.endDate) },
		hasScores,
		certificates: (hasScores ? results.teams : []).flatMap((t) =>
			t.award === null ? [] : [{ teamId: t.teamId, name: t.name, rank: t.rank, award: t.award, members: membersOf.get(t.teamId) ?? [] }]
		)
	};
};
