import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { answerQuizSave } from '$lib/server/quiz/endpoints';

/**
 * Autosave of one quiz answer (and its 标记 flag). The attempt must be the caller's own and still open;
 * every refusal is JSON `{ code, message }` with a 4xx status, never a 500 for what a client sent. In
 * production the custom server answers it first (src/server/fast-save.ts), with the same rules
 * (answerQuizSave).
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const user = requireUser();
	const { status, body } = answerQuizSave(getDb(), user.id, Number(params.attemptId), await request.text());
	return json(body, { status });
};
