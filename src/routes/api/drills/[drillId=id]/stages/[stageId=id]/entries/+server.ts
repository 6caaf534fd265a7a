import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { officerSheet, saveEntry } from '$lib/server/drill/sheets';
import { errorText } from '$lib/i18n/zh';

/**
 * Autosave of an officer's answer sheet, one entry at a time, and the team's entries for polling.
 * Membership is checked by officerSheet/saveEntry (the officer's own team only); every refusal is
 * JSON `{ code, message }` with a 4xx status, never a 500 for what a client sent.
 */

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

const MAX_BODY_CHARS = 64 * 1024;

const saveBody = z
	.object({
		ref: z.string().min(1).max(64),
		baseVersion: z.number().int().min(0).max(1_000_000_000),
		data: z.unknown()
	})
	.strict();

const refuse = (code: string, status = STATUS[code] ?? 400, message = errorText({ code })) => json({ code, message }, { status });

export const GET: RequestHandler = ({ params }) => {
	const user = requireRole('officer');
	const r = officerSheet(getDb(), user.id, Number(params.drillId), Number(params.stageId));
	if (!r.ok) return refuse(r.error.code);
	const { stage, submittedAt, entries } = r.value;
	return json({ stage: { status: stage.status, endsAt: stage.endsAt, serverNow: stage.serverNow, isPaused: stage.isPaused }, submittedAt, entries });
};

export const POST: RequestHandler = async ({ params, request }) => {
	const user = requireRole('officer');
	const text = await request.text();
	if (text.length > MAX_BODY_CHARS) return refuse('drill.bad_request', 413, '答卷内容过长');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return refuse('drill.bad_request', 400, '请求内容不是有效的 JSON');
	}
	const body = saveBody.safeParse(raw);
	// `data` must be present: null withdraws a record, so a missing one must not be read as null.
	if (!body.success || !Object.hasOwn(raw as object, 'data')) return refuse('drill.bad_request', 400, '请求格式不正确（需要 ref、baseVersion 和 data）');
	const { ref, baseVersion, data } = body.data;
	const r = saveEntry(getDb(), user.id, { drillId: Number(params.drillId), stageId: Number(params.stageId), ref, baseVersion, data: data ?? null });
	if (r.ok) return json(r.value);
	if (r.error.code === 'drill.conflict') return json({ code: r.error.code, message: errorText(r.error), current: r.current ?? null }, { status: 409 });
	return refuse(r.error.code);
};
