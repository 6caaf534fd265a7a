import { z } from 'zod';
import { ROLES, STAFF_CATEGORIES } from '../../domain/roles';
import { choice, newPasswordField, optionalId, optionalText, phoneField, requiredText, usernameField } from '../forms';

/** Fields an admin edits on any user. */
export const userFields = {
	displayName: requiredText('姓名', 32),
	unitId: optionalId('所属单位'),
	staffCategory: z
		.union([z.literal(''), choice('人员类别', STAFF_CATEGORIES)], { error: '人员类别的取值无效' })
		.optional()
		.transform((v) => (v ? v : null)),
	phone: phoneField,
	position: optionalText('岗位', 32),
	roles: z
		.array(z.enum(ROLES, { error: '角色的取值无效' }), { error: '角色的取值无效' })
		.min(1, '请至少选择一个角色')
		.max(ROLES.length)
};

export const createUserSchema = z.object({ username: usernameField, password: newPasswordField, ...userFields });
export const updateUserSchema = z.object(userFields);

export const resetPasswordSchema = z.object({ password: newPasswordField });

export const changePasswordSchema = z
	.object({
		currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(128, '密码不能超过 128 个字符'),
		password: newPasswordField,
		confirm: z.string({ error: '请再次输入新密码' }).max(128, '密码不能超过 128 个字符')
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: '两次输入的新密码不一致' });

export const registerSchema = z
	.object({
		displayName: requiredText('姓名', 32),
		username: usernameField,
		password: newPasswordField,
		confirm: z.string({ error: '请再次输入密码' }).max(128, '密码不能超过 128 个字符'),
		unitId: z
			.string({ error: '请选择所在企业' })
			.regex(/^\d{1,9}$/, '请选择所在企业')
			.transform(Number),
		staffCategory: choice('人员类别', STAFF_CATEGORIES),
		phone: phoneField,
		position: optionalText('岗位', 32)
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: '两次输入的密码不一致' });
