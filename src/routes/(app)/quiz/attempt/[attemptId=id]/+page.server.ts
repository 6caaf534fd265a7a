import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { attemptView, submitAttempt } from '$lib/server/quiz/attempts';
import { renderMarkdown } from '$lib/server/markdown';
import { errorText } from '$lib/i18n/zh';

const render = (md: string) => renderMarkdown(md);

export const load: PageServerLoad = ({ params }) => {
	const user = requireUser();
	const r = attemptView(getDb(), user.id, Number(params.attemptId), render);
	if (!r.ok) error(404, errorText(r.error));
	if (r.value.status !== 'open') redirect(303, `/quiz/attempt/${params.attemptId}/review`);
	return { view: r.value };
};

export const actions: Actions = {
	submit: async ({ params }) => {
		const user = requireUser();
		const r = submitAttempt(getDb(), user.id, Number(params.attemptId));
		// Already submitted (by the server at the end time, or from another device): show the review.
		// Someone else's attempt is one that does not exist (404), as on the page.
		if (!r.ok && r.error.code !== 'attempt.submitted') return fail(r.error.code === 'attempt.not_found' ? 404 : 409, { message: errorText(r.error) });
		redirect(303, `/quiz/attempt/${params.attemptId}/review`);
	}
};
