import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { projectorState } from '$lib/server/training/attendance';

/** The projector's refresh: the current code, its QR code and the live count for ?slot= of this session. */
export const GET: RequestHandler = async ({ params, url }) => {
	requireRole('trainer', 'admin');
	const slotId = Number(url.searchParams.get('slot'));
	if (!Number.isSafeInteger(slotId) || slotId < 1) error(400, '请选择签到时段');
	const state = await projectorState(getDb(), Number(params.sessionId), slotId, url.origin, Date.now());
	if (!state) error(404, '未找到该签到时段');
	return json(state, { headers: { 'cache-control': 'no-store' } });
};
