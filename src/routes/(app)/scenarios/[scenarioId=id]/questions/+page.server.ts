import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { removeQuestion, upsertQuestion } from '$lib/domain/scenario/edit';
import { echoForm, loadScenario, saveDraft } from '../editor.server';
import { keyField } from '../fields.server';
import { optionErrors, questionSchema, toQuestion } from './schema';

const removeSchema = z.object({ key: keyField });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const { questions } = loadScenario(params).draft;
	const edit = url.searchParams.get('edit');
	return {
		questions,
		editing: questions.find((q) => q.key === edit) ?? null,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const values = echoForm(formData);
		const input = parseForm(questionSchema, formData);
		const options = optionErrors(formData);
		if (!input.ok || Object.keys(options).length) return fail(400, { values, errors: { ...(input.ok ? {} : input.errors), ...options } });
		const question = toQuestion(input.data, formData);
		const r = saveDraft(user, params, 'question.save', (c) => upsertQuestion(c, question));
		if (!r.ok) return fail(422, { values, message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/questions?saved=${question.key ? 'edit' : 'add'}`);
	},
	remove: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(removeSchema, await request.formData());
		if (!input.ok) return fail(400, { message: input.errors.key });
		const r = saveDraft(user, params, 'question.remove', (c) => removeQuestion(c, input.data.key));
		if (!r.ok) return fail(422, { message: r.message });
		return { removed: '情景题已删除', savedAt: Date.now() };
	}
};
