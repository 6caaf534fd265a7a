import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { quizStartInfo, startAttempt } from '$lib/server/quiz/attempts';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = ({ params }) => {
	const user = requireUser();
	const info = quizStartInfo(getDb(), user.id, Number(params.quizId));
	if (!info) error(404, '未找到该测验，或测验尚未发布');
	return { ...info, blockedText: info.blocked ? errorText({ code: info.blocked }) : null };
};

export const actions: Actions = {
	start: async ({ params }) => {
		const user = requireUser();
		const r = startAttempt(getDb(), user.id, Number(params.quizId));
		if (!r.ok) return fail(409, { message: errorText(r.error) });
		redirect(303, `/quiz/attempt/${r.value.attemptId}`);
	}
};
