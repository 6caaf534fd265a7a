import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { boardViewFor, getDrill } from '$lib/server/drill/drills';
import { standingsStream } from '$lib/server/drill/live';

/** Server-sent standings for the in-app scoreboard; the view is decided per user, as for the page. */
export const GET: RequestHandler = ({ params }) => {
	const user = requireRole('trainer', 'admin', 'judge', 'officer');
	const db = getDb();
	const drillId = Number(params.drillId);
	const view = boardViewFor(db, user, drillId);
	if (!view) error(403, '您不是该比武活动的参赛队员或评委');
	if (!getDrill(db, drillId)) error(404, '未找到该比武活动');
	return standingsStream(getDb, drillId, view);
};
