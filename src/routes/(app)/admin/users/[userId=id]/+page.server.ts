import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { generatePassword } from '$lib/server/auth/password';
import { echoValues, parseForm } from '$lib/server/forms';
import { unitTree } from '$lib/server/unit/units';
import { getUser, resetPassword, setUserDisabled, updateUser } from '$lib/server/user/users';
import { updateUserSchema } from '$lib/server/user/schemas';
import { errorText } from '$lib/i18n/zh';

const resetSchema = z.object({
	password: z
		.string({ error: '密码格式不正确' })
		.max(128, '密码不能超过 128 个字符')
		.refine((v) => v === '' || v.length >= 8, '密码至少需要 8 个字符')
		.optional()
});

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('admin');
	const db = getDb();
	const target = getUser(db, Number(params.userId));
	if (!target) error(404, '未找到该用户');
	return {
		target,
		created: url.searchParams.has('created'),
		units: unitTree(db).map((r) => ({ value: r.unit.id, label: r.unit.name, depth: r.depth }))
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const admin = requireRole('admin');
		const formData = await request.formData();
		const input = parseForm(updateUserSchema, formData);
		const roles = formData.getAll('roles').filter((v): v is string => typeof v === 'string');
		if (!input.ok) return fail(400, { action: 'save', values: { ...input.values, roles }, errors: input.errors });
		const r = updateUser(getDb(), admin.id, Number(params.userId), input.data);
		if (!r.ok) return fail(409, { action: 'save', values: { ...echoValues(formData), roles }, errors: {} as Record<string, string>, message: errorText(r.error) });
		return { action: 'save', message: '已保存' };
	},
	disable: ({ params }) => {
		const admin = requireRole('admin');
		const r = setUserDisabled(getDb(), admin.id, Number(params.userId), true);
		if (!r.ok) return fail(409, { action: 'status', message: errorText(r.error) });
		return { action: 'status', message: '账号已停用，该用户的所有登录已失效' };
	},
	enable: ({ params }) => {
		const admin = requireRole('admin');
		const r = setUserDisabled(getDb(), admin.id, Number(params.userId), false);
		if (!r.ok) return fail(409, { action: 'status', message: errorText(r.error) });
		return { action: 'status', message: '账号已启用' };
	},
	resetPassword: async ({ request, params }) => {
		const admin = requireRole('admin');
		const input = parseForm(resetSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'reset', errors: input.errors });
		const chosen = input.data.password || null;
		const password = chosen ?? generatePassword();
		const r = await resetPassword(getDb(), admin.id, Number(params.userId), password);
		if (!r.ok) return fail(409, { action: 'reset', message: errorText(r.error) });
		// A generated password is shown once, to the admin who reset it; a chosen one is not echoed.
		return { action: 'reset', message: '密码已重置，该用户的所有登录已失效', generated: chosen ? null : password };
	}
};
