import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { MAX_TEXT_ANSWER, saveAnswer } from '$lib/server/quiz/attempts';
import { errorText } from '$lib/i18n/zh';

/**
 * Autosave of one quiz answer (and its 标记 flag). The attempt must be the caller's own and still open;
 * every refusal is JSON `{ code, message }` with a 4xx status, never a 500 for what a client sent.
 */

const STATUS: Record<string, number> = {
	'attempt.not_found': 404,
	'attempt.submitted': 409,
	'attempt.time_up': 409,
	'attempt.bad_slot': 422,
	'attempt.bad_response': 422
};

const MAX_BODY_CHARS = 8 * 1024;
const key = z.string().regex(/^[A-H]$/);
const text = z.string().max(MAX_TEXT_ANSWER);
const response = z.union([
	z.object({ kind: z.literal('single'), key }).strict(),
	z.object({ kind: z.literal('multiple'), keys: z.array(key).max(8) }).strict(),
	z.object({ kind: z.literal('truefalse'), value: z.boolean() }).strict(),
	z.object({ kind: z.literal('fill'), text }).strict(),
	z.object({ kind: z.literal('citation'), text }).strict()
]);
const body = z.object({ slot: z.number().int().min(0).max(1000), response: response.nullable(), flagged: z.boolean().default(false) }).strict();

const refuse = (code: string, status = STATUS[code] ?? 400, message = errorText({ code })) => json({ code, message }, { status });

export const POST: RequestHandler = async ({ params, request }) => {
	const user = requireUser();
	const raw = await request.text();
	if (raw.length > MAX_BODY_CHARS) return refuse('attempt.bad_request', 413, '答案内容过长');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return refuse('attempt.bad_request', 400, '请求内容不是有效的 JSON');
	}
	const b = body.safeParse(parsed);
	if (!b.success) return refuse('attempt.bad_request', 400, '请求格式不正确（需要 slot、response 和 flagged）');
	const r = saveAnswer(getDb(), user.id, { attemptId: Number(params.attemptId), slot: b.data.slot, response: b.data.response, flagged: b.data.flagged });
	if (r.ok) return json(r.value);
	return refuse(r.error.code);
};
