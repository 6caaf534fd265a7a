import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { createUnit, unitTree } from '$lib/server/unit/units';
import { errorText } from '$lib/i18n/zh';
import { toFormValues, unitSchema } from './schema';

export const load: PageServerLoad = ({ url }) => {
	requireRole('admin');
	return {
		deleted: url.searchParams.has('deleted'),
		units: unitTree(getDb()).map(({ unit: u, depth, userCount }) => ({
			id: u.id,
			name: u.name,
			kind: u.kind,
			sector: u.sector,
			address: u.address,
			legalRepresentative: u.legalRepresentative,
			creditCode: u.creditCode,
			depth,
			userCount
		}))
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const admin = requireRole('admin');
		const input = parseForm(unitSchema, await request.formData());
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors, message: null, created: null });
		const r = createUnit(getDb(), admin.id, input.data);
		if (!r.ok) return fail(422, { values: toFormValues(input.data), errors: {}, message: errorText(r.error), created: null });
		return { values: {}, errors: {}, message: null, created: { id: r.value.id, name: input.data.name } };
	}
};
