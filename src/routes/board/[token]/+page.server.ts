import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { drillByToken } from '$lib/server/drill/controls';
import { currentStandings } from '$lib/server/drill/live';

/**
 * The big-screen board (大屏) behind a secret link, for the venue's projector and anyone the trainer
 * gives the link to: always the public view (published stages only, frozen during a freeze).
 */
export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const found = drillByToken(db, params.token);
	if (!found) error(404, '该大屏链接无效或已被更换');
	return { board: currentStandings(db, found.id, 'public')!, eventsUrl: `/board/${params.token}/events` };
};
