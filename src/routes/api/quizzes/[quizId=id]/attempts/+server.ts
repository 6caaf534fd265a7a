import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/markdown';
import { answerStart } from '$lib/server/quiz/endpoints';

/**
 * Starts (or resumes) the caller's attempt at a quiz and answers its taking view, as the start page's
 * `?/start` action does before its redirect: the start button with JavaScript calls this and shows the
 * questions at once. In production the custom server answers it first (src/server/fast-save.ts), with
 * the same rules (answerStart).
 */
export const POST: RequestHandler = ({ params }) => {
	const user = requireUser();
	const { status, body } = answerStart(getDb(), user.id, Number(params.quizId), (md) => renderMarkdown(md));
	return json(body, { status });
};
