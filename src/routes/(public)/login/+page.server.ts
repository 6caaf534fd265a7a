import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { attemptLogin } from '$lib/server/auth/login';
import { safeRedirectTarget, startSession } from '$lib/server/auth/login-flow';
import { rolesOf } from '$lib/server/user/users';
import { parseForm, requiredText } from '$lib/server/forms';
import { errorText } from '$lib/i18n/zh';
import { homeFor } from '$lib/domain/roles';

const loginSchema = z.object({
	username: requiredText('用户名', 64),
	password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128, '密码不能超过 128 个字符')
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')) ?? homeFor(locals.user.roles));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const input = parseForm(loginSchema, await request.formData());
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors, message: null });
		const db = getDb();
		const result = await attemptLogin(db, { ...input.data, ip: getClientAddress() });
		if (!result.ok) {
			return fail(result.error.code === 'auth.throttled' ? 429 : 400, {
				values: { username: input.data.username },
				errors: {} as Record<string, string>,
				message: errorText(result.error)
			});
		}
		startSession(db, cookies, url, result.value.userId, locals.session?.id ?? null);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')) ?? homeFor(rolesOf(db, result.value.userId)));
	}
};
