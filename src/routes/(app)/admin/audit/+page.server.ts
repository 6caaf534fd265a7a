import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { AUDIT_PAGE_SIZE, listAudit, type AuditRow } from '$lib/server/audit-query';
import { optionalText, parseForm } from '$lib/server/forms';

function dateField(label: string) {
	return z
		.string({ error: `${label}格式不正确` })
		.trim()
		.refine((v) => v === '' || isCalendarDate(v), `${label}应为有效日期，格式如 2024-05-01`)
		.optional()
		.transform((v) => (v ? v : null));
}

function isCalendarDate(v: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	// Date rolls 2024-02-30 over to March; a real date survives the round trip unchanged.
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

// Search parameters are user input: a bad one is reported next to its field, never a 500.
const filterSchema = z
	.object({
		actor: optionalText('操作人', 64),
		entity: z
			.string({ error: '对象类型的取值无效' })
			.regex(/^([a-z][a-z_]{0,31})?$/, '对象类型的取值无效')
			.optional()
			.transform((v) => (v ? v : null)),
		action: optionalText('操作', 64),
		from: dateField('开始日期'),
		to: dateField('结束日期'),
		page: z
			.string({ error: '页码无效' })
			.regex(/^([1-9]\d{0,5})?$/, '页码无效')
			.optional()
			.transform((v) => (v ? Number(v) : 1))
	})
	.refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' });

const FIELDS = ['actor', 'entity', 'action', 'from', 'to'] as const;

export const load: PageServerLoad = ({ url }) => {
	requireRole('admin');
	const formData = new FormData();
	for (const [k, v] of url.searchParams) formData.append(k, v);
	const values = Object.fromEntries(FIELDS.map((k) => [k, url.searchParams.get(k) ?? ''])) as Record<(typeof FIELDS)[number], string>;
	const isFiltered = FIELDS.some((k) => values[k] !== '');
	const input = parseForm(filterSchema, formData);
	if (!input.ok) {
		return {
			values,
			errors: input.errors,
			isFiltered,
			result: { total: 0, page: 1, pageSize: AUDIT_PAGE_SIZE, rows: [] as AuditRow[] }
		};
	}
	return { values, errors: {} as Record<string, string>, isFiltered, result: listAudit(getDb(), input.data) };
};
