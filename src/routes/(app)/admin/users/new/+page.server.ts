import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm } from '$lib/server/forms';
import { unitTree } from '$lib/server/unit/units';
import { createUser } from '$lib/server/user/users';
import { createUserSchema } from '$lib/server/user/schemas';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = () => {
	requireRole('admin');
	return { units: unitTree(getDb()).map((r) => ({ value: r.unit.id, label: r.unit.name, depth: r.depth })) };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const admin = requireRole('admin');
		const formData = await request.formData();
		const input = parseForm(createUserSchema, formData);
		const roles = formData.getAll('roles').filter((v): v is string => typeof v === 'string');
		if (!input.ok) return fail(400, { values: { ...input.values, roles }, errors: input.errors });
		const { password, ...rest } = input.data;
		const r = await createUser(getDb(), admin.id, { ...rest, password });
		if (!r.ok) {
			const field = r.error.code === 'user.username_taken' ? 'username' : 'unitId';
			return fail(409, { values: { ...echoValues(formData), roles }, errors: { [field]: errorText(r.error) } as Record<string, string> });
		}
		redirect(303, `/admin/users/${r.value.id}?created=1`);
	}
};
