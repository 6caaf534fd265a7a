import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/markdown';
import { categoryTree, deleteQuestion, getQuestion, setQuestionStatus, updateQuestion } from '$lib/server/quiz/bank';
import { errorText } from '$lib/i18n/zh';
import { QUESTION_STATUSES } from '$lib/domain/quiz/types';
import { echoQuestionForm, formDataOf, parseQuestionForm, saveErrors, valuesOf } from '../question-form';

const BAD_FORM = '提交的内容格式不正确，请刷新页面后重试';

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const q = getQuestion(db, Number(params.questionId));
	if (!q) error(404, '未找到该试题，可能已被删除');
	return {
		question: { id: q.id, version: q.version, status: q.status, categoryPath: q.categoryPath.join(' / '), createdAt: q.createdAt, updatedAt: q.updatedAt, usedInAttempts: q.usedInAttempts, versions: q.versions },
		values: valuesOf(q),
		html: { stem: renderMarkdown(q.stem), explanation: renderMarkdown(q.explanation), provisions: renderMarkdown(q.provisions) },
		categories: categoryTree(db).map((c) => ({ value: c.id, label: c.name, depth: c.depth })),
		created: url.searchParams.has('created')
	};
};

const statusSchema = z.object({ status: z.enum(QUESTION_STATUSES) });

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		if (!fd) return fail(400, { values: null, errors: {}, message: BAD_FORM, duplicateId: null });
		const form = parseQuestionForm(fd);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors, message: '请按提示修改后再保存', duplicateId: null });
		const version = Number(fd.get('version'));
		const r = updateQuestion(getDb(), user.id, Number(params.questionId), {
			categoryId: form.categoryId,
			input: form.input,
			expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined
		});
		if (!r.ok) return fail(r.error.code === 'bank.invalid_question' ? 400 : 409, { values: echoQuestionForm(fd), ...saveErrors(r) });
		return { saved: { version: r.value.version, changed: r.value.changed } };
	},

	status: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		const parsed = fd ? statusSchema.safeParse({ status: fd.get('status') }) : null;
		if (!parsed?.success) return fail(400, { statusMessage: '请选择有效的试题状态' });
		const r = setQuestionStatus(getDb(), user.id, Number(params.questionId), parsed.data.status);
		if (!r.ok) return fail(409, { statusMessage: errorText(r.error) });
		return { statusChanged: parsed.data.status };
	},

	delete: async ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = deleteQuestion(getDb(), user.id, Number(params.questionId));
		if (!r.ok) return fail(409, { deleteMessage: errorText(r.error) });
		redirect(303, '/bank?deleted');
	}
};
