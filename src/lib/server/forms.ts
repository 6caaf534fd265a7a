import { z } from 'zod';

z.config(z.locales.zhCN());

export type FieldErrors = Record<string, string>;
export type ParsedForm<T> =
	| { ok: true; data: T }
	| { ok: false; values: Record<string, string>; errors: FieldErrors };

/** Fields whose values are never echoed back to the browser on error. */
const SECRET_FIELDS = /password|confirm|idNumber|token/i;

/**
 * Validates form data against a zod object schema. Repeated keys (checkboxes) become arrays when the
 * schema asks for an array; files in text fields fail validation as the wrong type. Errors come back
 * keyed by field name, one Chinese message each.
 */
export function parseForm<S extends z.ZodObject>(schema: S, formData: FormData): ParsedForm<z.infer<S>> {
	const raw: Record<string, unknown> = {};
	for (const key of Object.keys(schema.shape)) {
		const all = formData.getAll(key);
		const field = schema.shape[key] as z.ZodType;
		const wantsArray = unwrap(field) instanceof z.ZodArray;
		raw[key] = wantsArray ? all : all.length ? all[all.length - 1] : undefined;
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? '_form');
		errors[key] ??= issue.message;
	}
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 500);
	}
	return { ok: false, values, errors };
}

function unwrap(t: z.ZodType): z.ZodType {
	let cur: z.ZodType = t;
	for (let i = 0; i < 5; i++) {
		if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault) {
			cur = cur.unwrap() as z.ZodType;
		} else break;
	}
	return cur;
}

/** A required text field with Chinese messages: empty, too long, not text. */
export function requiredText(label: string, max: number, min = 1) {
	return z
		.string({ error: (iss) => (iss.input === undefined ? `请填写${label}` : `${label}格式不正确`) })
		.trim()
		.min(1, `请填写${label}`)
		.min(Math.max(min, 1), `${label}至少需要 ${min} 个字符`)
		.max(max, `${label}不能超过 ${max} 个字符`);
}

/** An optional text field: empty becomes null. */
export function optionalText(label: string, max: number) {
	return z
		.string({ error: `${label}格式不正确` })
		.trim()
		.max(max, `${label}不能超过 ${max} 个字符`)
		.optional()
		.transform((v) => (v ? v : null));
}

/** A choice from a fixed list. */
export function choice<T extends readonly [string, ...string[]]>(label: string, values: T) {
	return z.enum(values, {
		error: (iss) => (iss.input === undefined || iss.input === '' ? `请选择${label}` : `${label}的取值无效`)
	});
}

/** An optional positive integer id from a <select>; empty means none. */
export function optionalId(label: string) {
	return z
		.union([z.literal(''), z.string().regex(/^\d{1,9}$/, `${label}的取值无效`)], { error: `${label}的取值无效` })
		.optional()
		.transform((v) => (v ? Number(v) : null));
}

export function requiredId(label: string) {
	return z
		.string({ error: `请选择${label}` })
		.regex(/^\d{1,9}$/, `请选择${label}`)
		.transform(Number);
}

/** Usernames: letters, digits, dot, dash, underscore; compared case-insensitively. */
export const usernameField = requiredText('用户名', 32, 3)
	.regex(/^[A-Za-z0-9._-]+$/, '用户名只能包含字母、数字、点、横线和下划线')
	.transform((v) => v.toLowerCase());

export const newPasswordField = z
	.string({ error: '请填写密码' })
	.min(1, '请填写密码')
	.min(8, '密码至少需要 8 个字符')
	.max(128, '密码不能超过 128 个字符');

export const phoneField = z
	.string({ error: '手机号格式不正确' })
	.trim()
	.regex(/^(1\d{10})?$/, '请填写 11 位手机号')
	.optional()
	.transform((v) => (v ? v : null));

/** The submitted text values, to send back with a refusal so the user need not retype (never secrets). */
export function echoValues(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of formData) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 500);
	}
	return values;
}
