import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { deletePractice, getPractice, practicePrefill } from '$lib/server/document/practice';
import { errorText } from '$lib/i18n/zh';

/** The editor of one practice document; saving goes through ./save (JSON, debounced autosave). */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer', 'trainer', 'admin');
	const doc = getPractice(getDb(), user.id, Number(params.id));
	if (!doc) error(404, errorText({ code: 'document.not_found' }));
	return { doc: { id: doc.id, type: doc.type, scenarioLabel: doc.scenarioLabel, values: doc.values, version: doc.version, updatedAt: doc.updatedAt } };
};

export const actions: Actions = {
	/** What 「自动填入」 can give each field; the editor applies it to the fields that are still empty. */
	prefill: ({ params }) => {
		const user = requireRole('officer', 'trainer', 'admin');
		const r = practicePrefill(getDb(), user, Number(params.id));
		if (!r.ok) return fail(404, { message: errorText(r.error) });
		return { prefill: r.value };
	},
	delete: ({ params }) => {
		const user = requireRole('officer', 'trainer', 'admin');
		const r = deletePractice(getDb(), user.id, Number(params.id));
		if (!r.ok) return fail(404, { message: errorText(r.error) });
		redirect(303, '/documents');
	}
};
