import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { choice, parseForm } from '$lib/server/forms';
import { removeDocument, upsertDocument } from '$lib/domain/scenario/edit';
import { DOCUMENT_TYPES } from '$lib/domain/scenario/types';
import { echoForm, loadScenario, saveDraft } from '../editor.server';
import { intField, keyField, linesField } from '../fields.server';

const documentSchema = z.object({
	key: keyField.optional(),
	type: choice('文书种类', DOCUMENT_TYPES),
	facts: linesField('必须包含的事实', 50, 300),
	points: intField('分值', 0, 1000)
});
const removeSchema = z.object({ key: keyField });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const { documents } = loadScenario(params).draft;
	const edit = url.searchParams.get('edit');
	return { documents, editing: documents.find((d) => d.key === edit) ?? null, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(documentSchema, formData);
		if (!input.ok) return fail(400, { values: echoForm(formData), errors: input.errors });
		const r = saveDraft(user, params, 'document.save', (c) => upsertDocument(c, input.data));
		if (!r.ok) return fail(422, { values: echoForm(formData), message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/documents?saved=${input.data.key ? 'edit' : 'add'}`);
	},
	remove: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(removeSchema, await request.formData());
		if (!input.ok) return fail(400, { message: input.errors.key });
		const r = saveDraft(user, params, 'document.remove', (c) => removeDocument(c, input.data.key));
		if (!r.ok) return fail(422, { message: r.message });
		return { removed: '文书要求已删除', savedAt: Date.now() };
	}
};
