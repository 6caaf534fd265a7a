import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { categoryTree, createQuestion } from '$lib/server/quiz/bank';
import { echoQuestionForm, formDataOf, parseQuestionForm, saveErrors, type QuestionFormValues } from '../question-form';

export const load: PageServerLoad = ({ url }) => {
	requireRole('trainer', 'admin');
	const categories = categoryTree(getDb()).map((c) => ({ value: c.id, label: c.name, depth: c.depth }));
	const wanted = Number(url.searchParams.get('category'));
	const initial: QuestionFormValues = {
		categoryId: categories.some((c) => c.value === wanted) ? String(wanted) : '',
		type: 'single',
		stem: '',
		options: ['', '', '', ''],
		answer: '',
		answerKeys: [],
		explanation: '',
		difficulty: '2',
		multipleScoring: 'all',
		provisions: '',
		tags: '',
		status: 'draft'
	};
	return { categories, initial };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		if (!fd) return fail(400, { values: null, errors: {}, message: '提交的内容格式不正确，请刷新页面后重试', duplicateId: null });
		const form = parseQuestionForm(fd);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors, message: '请按提示修改后再保存', duplicateId: null });
		const r = createQuestion(getDb(), user.id, { categoryId: form.categoryId, status: form.status, input: form.input });
		if (!r.ok) return fail(r.error.code === 'bank.invalid_question' ? 400 : 409, { values: echoQuestionForm(fd), ...saveErrors(r) });
		redirect(303, `/bank/${r.value.id}?created`);
	}
};
