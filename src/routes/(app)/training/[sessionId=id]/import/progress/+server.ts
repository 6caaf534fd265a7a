import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { importProgress } from '$lib/server/training/roster-import';

/** Where the import of an upload stands, polled by the import page: only the user running it sees it. */
export const GET: RequestHandler = ({ url }) => {
	const user = requireRole('trainer', 'admin');
	const progress = importProgress(url.searchParams.get('token') ?? '', user.id);
	return json(progress ?? { phase: null, rows: 0 }, { headers: { 'cache-control': 'no-store' } });
};
