import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { drillByToken } from '$lib/server/drill/controls';
import { standingsStream } from '$lib/server/drill/live';

export const GET: RequestHandler = ({ params }) => {
	const found = drillByToken(getDb(), params.token);
	if (!found) error(404, '该大屏链接无效或已被更换');
	return standingsStream(getDb, found.id, 'public');
};
