import { z } from 'zod';
import type { Db } from '../db';
import type { Role } from '../../domain/roles';
import { errorText } from '../../i18n/zh';
import { saveEntry } from './sheets';

/**
 * The rules of POST /api/drills/:drillId/stages/:stageId/entries (an officer's autosave), shared by the
 * SvelteKit endpoint and the custom server's fast path (src/server/fast-save.ts), so that both answer
 * the same statuses and the same JSON. Every refusal is `{ code, message }` with a 4xx status, never a
 * 500 for what a client sent; a conflict adds `current`, the teammate's entry.
 */

/** Who may save: the endpoint's requireRole, and the fast path's check before it reads a body. */
export const SAVE_ROLE: Role = 'officer';

export const MAX_BODY_CHARS = 64 * 1024;

const STATUS: Record<string, number> = {
	'drill.not_found': 404,
	'drill.stage_not_found': 404,
	'drill.not_member': 403,
	'drill.stage_not_open': 409,
	'drill.stage_closed': 409,
	'drill.submitted': 409,
	'drill.time_up': 409,
	'drill.paused': 409,
	'drill.conflict': 409,
	'drill.unknown_item': 422,
	'drill.bad_answer': 422
};

const saveBody = z
	.object({
		ref: z.string().min(1).max(64),
		baseVersion: z.number().int().min(0).max(1_000_000_000),
		data: z.unknown()
	})
	.strict();

/** A status and the JSON body to send with it. */
export interface JsonAnswer {
	status: number;
	body: unknown;
}

export const refusal = (code: string, status = STATUS[code] ?? 400, message = errorText({ code })): JsonAnswer => ({ status, body: { code, message } });

/** Answers one autosave: `text` is the request body as received. */
export function answerSave(db: Db, userId: number, drillId: number, stageId: number, text: string, now = Date.now()): JsonAnswer {
	if (text.length > MAX_BODY_CHARS) return refusal('drill.bad_request', 413, '答卷内容过长');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return refusal('drill.bad_request', 400, '请求内容不是有效的 JSON');
	}
	const body = saveBody.safeParse(raw);
	// `data` must be present: null withdraws a record, so a missing one must not be read as null.
	if (!body.success || !Object.hasOwn(raw as object, 'data')) return refusal('drill.bad_request', 400, '请求格式不正确（需要 ref、baseVersion 和 data）');
	const { ref, baseVersion, data } = body.data;
	const r = saveEntry(db, userId, { drillId, stageId, ref, baseVersion, data: data ?? null }, now);
	if (r.ok) return { status: 200, body: r.value };
	if (r.error.code === 'drill.conflict') return { status: 409, body: { code: r.error.code, message: errorText(r.error), current: r.current ?? null } };
	return refusal(r.error.code);
}
