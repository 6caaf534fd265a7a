import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { createQuiz } from '$lib/server/quiz/quizzes';
import { errorText } from '$lib/i18n/zh';
import { builderOptions } from '../builder.server';
import { defaultQuizValues, echoQuizForm, fieldOfError, parseQuizForm } from '../schema';

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	return { ...builderOptions(getDb()), values: defaultQuizValues() };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const parsed = parseQuizForm(formData);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const r = createQuiz(getDb(), user.id, parsed.data);
		if (!r.ok) return fail(409, { values: echoQuizForm(formData), errors: { [fieldOfError(r.error)]: errorText(r.error) } as Record<string, string> });
		redirect(303, `/quizzes/${r.value.id}?created`);
	}
};
