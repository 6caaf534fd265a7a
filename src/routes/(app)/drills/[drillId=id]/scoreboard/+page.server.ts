import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { boardViewFor } from '$lib/server/drill/drills';
import { currentStandings } from '$lib/server/drill/live';

/** The scoreboard inside the app: live for trainers and judges, the public one for the drill's officers. */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('trainer', 'admin', 'judge', 'officer');
	const db = getDb();
	const drillId = Number(params.drillId);
	const view = boardViewFor(db, user, drillId);
	if (!view) error(403, '您不是该比武活动的参赛队员或评委');
	const board = currentStandings(db, drillId, view);
	if (!board) error(404, '未找到该比武活动');
	return { board, drillId, eventsUrl: `/drills/${drillId}/scoreboard/events` };
};
