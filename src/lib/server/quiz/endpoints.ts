import { z } from 'zod';
import type { Db } from '../db';
import { errorText } from '../../i18n/zh';
import { attemptView, MAX_TEXT_ANSWER, saveAnswer, startAttempt, type AttemptError, type Render, type TakingView } from './attempts';

/**
 * The rules of the quiz's JSON endpoints, shared by the SvelteKit endpoints (src/routes/api/…/+server.ts)
 * and the custom server's fast path (src/server/fast-save.ts), so that both answer the same statuses and
 * the same JSON:
 *  - POST /api/quizzes/:quizId/attempts starts an attempt (or resumes the open one) as the start page's
 *    form action does, and answers the taking view at once, so that the browser shows the questions
 *    without another request;
 *  - POST /api/attempts/:attemptId/answers autosaves one answer.
 * Every refusal is `{ code, message }` with a 4xx status and a Chinese message, never a 500 for what a
 * client sent. Who may call them: any signed-in user (the callers check the session).
 */

/** A status and the JSON body to send with it. */
export interface JsonAnswer {
	status: number;
	body: unknown;
}

const STATUS: Record<AttemptError | 'attempt.bad_request', number> = {
	// Unpublished is what the start page calls "not found" too (its load answers 404).
	'quiz.not_found': 404,
	'quiz.not_published': 404,
	'quiz.not_open_yet': 409,
	'quiz.closed': 409,
	'quiz.no_attempts_left': 409,
	'quiz.rule_short': 409,
	'quiz.drill_only': 409,
	'attempt.not_found': 404,
	'attempt.submitted': 409,
	'attempt.time_up': 409,
	'attempt.bad_slot': 422,
	'attempt.bad_response': 422,
	'attempt.paused': 409,
	'attempt.bad_request': 400
};

const refusal = (error: { code: string; params?: Record<string, string | number> }, status = STATUS[error.code as AttemptError] ?? 400, message = errorText(error)): JsonAnswer => ({
	status,
	body: { code: error.code, message }
});

/** What a started (or resumed) attempt answers: the taking view, which never holds answers or explanations. */
export interface StartAnswer {
	attemptId: number;
	resumed: boolean;
	view: TakingView;
}

/**
 * Starts the user's attempt at a stand-alone quiz, or resumes the open one: the checks are startAttempt's
 * (published, window, attempts left, not a drill's 理论考试). The request body is not read.
 */
export function answerStart(db: Db, userId: number, quizId: number, render: Render, now = Date.now()): JsonAnswer {
	const r = startAttempt(db, userId, quizId, now);
	if (!r.ok) return refusal(r.error);
	const v = attemptView(db, userId, r.value.attemptId, render, now);
	// The attempt was open a moment ago (an expired one is submitted before it is resumed): only a submit
	// from another device in between can close it. The page would move to the review: say so.
	if (!v.ok) return refusal(v.error);
	if (v.value.status !== 'open') return refusal({ code: 'attempt.submitted' });
	const body: StartAnswer = { attemptId: r.value.attemptId, resumed: r.value.resumed, view: v.value };
	return { status: 200, body };
}

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
const saveBody = z.object({ slot: z.number().int().min(0).max(1000), response: response.nullable(), flagged: z.boolean().default(false) }).strict();

/** Autosaves one answer (and its 标记 flag) of the user's own open attempt; `text` is the request body as received. */
export function answerQuizSave(db: Db, userId: number, attemptId: number, text: string, now = Date.now()): JsonAnswer {
	if (text.length > MAX_BODY_CHARS) return refusal({ code: 'attempt.bad_request' }, 413, '答案内容过长');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return refusal({ code: 'attempt.bad_request' }, 400, '请求内容不是有效的 JSON');
	}
	const b = saveBody.safeParse(parsed);
	if (!b.success) return refusal({ code: 'attempt.bad_request' }, 400, '请求格式不正确（需要 slot、response 和 flagged）');
	const r = saveAnswer(db, userId, { attemptId, slot: b.data.slot, response: b.data.response, flagged: b.data.flagged }, now);
	if (r.ok) return { status: 200, body: r.value };
	return refusal(r.error);
}
