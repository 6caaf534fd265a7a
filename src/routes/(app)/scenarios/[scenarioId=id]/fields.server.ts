import { z } from 'zod';

/** Zod fields for the editor's forms (all values arrive as strings); messages name the field in Chinese. */

/** Free text that may be empty (markdown or a plain line); trimmed. */
export function textField(label: string, max: number) {
	return z
		.string({ error: `${label}格式不正确` })
		.max(max, `${label}不能超过 ${max} 个字符`)
		.optional()
		.transform((v) => (v ?? '').trim());
}

/** A whole number within [min, max]; required. */
export function intField(label: string, min: number, max: number) {
	return z
		.string({ error: (iss) => (iss.input === undefined ? `请填写${label}` : `${label}格式不正确`) })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^-?\d{1,9}$/, `${label}应为整数`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${label}应在 ${min}–${max} 之间`);
}

/** A whole number within [min, max], or null when left empty. */
export function optionalIntField(label: string, min: number, max: number) {
	return z
		.string({ error: `${label}格式不正确` })
		.trim()
		.regex(/^(-?\d{1,9})?$/, `${label}应为整数`)
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((n) => n === null || (n >= min && n <= max), `${label}应在 ${min}–${max} 之间`);
}

/** A decimal number within [min, max], or null when left empty. */
export function optionalNumberField(label: string, min: number, max: number) {
	return z
		.string({ error: `${label}格式不正确` })
		.trim()
		.regex(/^(\d{1,3}(\.\d+)?)?$/, `${label}应为 ${min}–${max} 之间的数字`)
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((n) => n === null || (n >= min && n <= max), `${label}应为 ${min}–${max} 之间的数字`);
}

/** A textarea holding one entry per line: blank lines dropped, each line trimmed. */
export function linesField(label: string, maxLines: number, maxLength: number) {
	return z
		.string({ error: `${label}格式不正确` })
		.optional()
		.transform((v) =>
			(v ?? '')
				.split(/\r?\n/)
				.map((l) => l.trim())
				.filter(Boolean)
		)
		.refine((lines) => lines.length <= maxLines, `${label}最多 ${maxLines} 行`)
		.refine((lines) => lines.every((l) => l.length <= maxLength), `${label}每行不能超过 ${maxLength} 个字符`);
}

/** An author key posted back in a hidden field (area, item, step …). */
export const keyField = z.string({ error: '缺少要修改的对象，请刷新页面' }).regex(/^[A-Za-z0-9_-]{1,40}$/, '要修改的对象无效，请刷新页面');

/** 上移 / 下移 buttons. */
export const directionField = z.enum(['up', 'down'], { error: '移动方向无效' }).transform((d) => (d === 'up' ? -1 : 1) as -1 | 1);

/** A checkbox: present (any value) means checked. */
export const checkboxField = z
	.string()
	.optional()
	.transform((v) => v !== undefined);
