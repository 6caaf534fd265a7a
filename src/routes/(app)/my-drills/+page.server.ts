import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { drillsOfOfficer, getDrill, SHEET_STAGE_KINDS } from '$lib/server/drill/drills';

export const load: PageServerLoad = () => {
	const user = requireRole('officer');
	const db = getDb();
	const drills = drillsOfOfficer(db, user.id).map((d) => {
		const full = getDrill(db, d.drillId);
		const mine = full?.teams.find((t) => t.members.some((m) => m.userId === user.id));
		return {
			id: d.drillId,
			title: d.title,
			venue: d.venue,
			startDate: d.startDate,
			status: d.status,
			isDebriefOpen: d.debriefOpen,
			teamName: d.teamName,
			teammates: (mine?.members ?? []).map((m) => m.displayName),
			// Only what the list shows: no scenario, no other team.
			stages: (full?.stages ?? []).map((s) => ({ id: s.id, kind: s.kind, title: s.title, status: s.status, hasSheet: SHEET_STAGE_KINDS.includes(s.kind) }))
		};
	});
	return { displayName: user.displayName, drills };
};
