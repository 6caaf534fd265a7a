import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { choice, optionalId, parseForm } from '$lib/server/forms';
import { createPractice, listPractice, practiceVersions } from '$lib/server/document/practice';
import { DOCUMENT_TYPES } from '$lib/domain/scenario/types';
import { errorText } from '$lib/i18n/zh';

const PAGE_SIZE = 20;
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
const createSchema = z.object({ type: choice('文书类型', DOCUMENT_TYPES), scenarioVersionId: optionalId('关联场景') });

export const load: PageServerLoad = ({ url }) => {
	const user = requireRole('officer', 'trainer', 'admin');
	const db = getDb();
	const page = pageSchema.parse(url.searchParams.get('page') ?? 1);
	const { total, rows } = listPractice(db, user.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
	// Past the last page (after deleting, or an old link): show the last one instead of an empty table.
	const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
	if (page > last) redirect(303, last > 1 ? `/documents?page=${last}` : '/documents');
	return {
		page,
		pageSize: PAGE_SIZE,
		total,
		documents: rows,
		versions: practiceVersions(db).map((v) => ({ id: v.id, label: `${v.title} v${v.number}` }))
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const user = requireRole('officer', 'trainer', 'admin');
		const input = parseForm(createSchema, await request.formData());
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors });
		const r = createPractice(getDb(), user.id, input.data.type, input.data.scenarioVersionId);
		if (!r.ok) {
			const field = r.error.code === 'document.version_not_found' ? 'scenarioVersionId' : 'type';
			return fail(400, { values: { type: input.data.type, scenarioVersionId: String(input.data.scenarioVersionId ?? '') }, errors: { [field]: errorText(r.error) } });
		}
		redirect(303, `/documents/${r.value.id}`);
	}
};
