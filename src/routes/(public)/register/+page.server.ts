import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { startSession } from '$lib/server/auth/login-flow';
import { parseForm } from '$lib/server/forms';
import { listEnterprises } from '$lib/server/unit/units';
import { createUser } from '$lib/server/user/users';
import { registerSchema } from '$lib/server/user/schemas';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return { enterprises: listEnterprises(getDb()) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const input = parseForm(registerSchema, await request.formData());
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors, message: null });
		const db = getDb();
		const { username, displayName, password, unitId, staffCategory, phone, position } = input.data;
		// Self-registration grants only the learner role; every other role comes from an admin.
		const result = await createUser(db, null, { username, displayName, password, unitId, staffCategory, phone, position, roles: ['learner'] });
		if (!result.ok) {
			const { password: _p, confirm: _c, ...values } = input.data;
			const field = result.error.code === 'user.username_taken' ? 'username' : 'unitId';
			return fail(400, {
				values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? '' : String(v)])),
				errors: { [field]: errorText(result.error) },
				message: null
			});
		}
		startSession(db, cookies, url, result.value.id, locals.session?.id ?? null);
		redirect(303, '/my-training');
	}
};
