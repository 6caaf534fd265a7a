import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login-flow';
import { parseForm } from '$lib/server/forms';
import { getUnit } from '$lib/server/unit/units';
import { changeOwnPassword, getUser } from '$lib/server/user/users';
import { changePasswordSchema } from '$lib/server/user/schemas';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = () => {
	const me = requireUser();
	const db = getDb();
	const profile = getUser(db, me.id);
	return {
		profile: profile && {
			username: profile.username,
			displayName: profile.displayName,
			roles: profile.roles,
			staffCategory: profile.staffCategory,
			phone: profile.phone,
			unitName: profile.unitId ? (getUnit(db, profile.unitId)?.name ?? null) : null
		}
	};
};

export const actions: Actions = {
	password: async ({ request, cookies, url }) => {
		const me = requireUser();
		const input = parseForm(changePasswordSchema, await request.formData());
		if (!input.ok) return fail(400, { errors: input.errors, message: null, done: false });
		const db = getDb();
		const r = await changeOwnPassword(db, me.id, input.data.currentPassword, input.data.password);
		if (!r.ok) return fail(400, { errors: { currentPassword: errorText(r.error) }, message: null, done: false });
		// Every session of the user ended with the change; this browser continues in a new one.
		startSession(db, cookies, url, me.id, null);
		return { errors: {}, message: '密码已修改，其他设备上的登录已失效。', done: true };
	}
};
