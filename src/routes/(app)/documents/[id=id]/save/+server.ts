import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { savePractice } from '$lib/server/document/practice';
import { errorText } from '$lib/i18n/zh';

/**
 * Autosave of a practice document: `{ values, baseVersion }` as JSON, the whole document each time.
 * Refusals are JSON `{ code, message }` with a 4xx status: 409 with `current` for a stale version,
 * 422 with `fieldErrors` (field key → Chinese message) for values the template does not accept.
 */

const MAX_BODY_CHARS = 256 * 1024;

const saveBody = z.object({ values: z.unknown(), baseVersion: z.number().int().min(0).max(1_000_000_000) }).strict();

const refuse = (code: string, status: number, message = errorText({ code }), extra: Record<string, unknown> = {}) => json({ code, message, ...extra }, { status });

export const POST: RequestHandler = async ({ params, request }) => {
	const user = requireRole('officer', 'trainer', 'admin');
	const text = await request.text();
	if (text.length > MAX_BODY_CHARS) return refuse('document.too_large', 413, '文书内容过长，未保存');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return refuse('document.bad_request', 400, '请求内容不是有效的 JSON');
	}
	const body = saveBody.safeParse(raw);
	if (!body.success || !Object.hasOwn(raw as object, 'values')) return refuse('document.bad_request', 400, '请求格式不正确（需要 values 和 baseVersion）');
	const r = savePractice(getDb(), user.id, Number(params.id), body.data.values, body.data.baseVersion);
	if (r.ok) return json({ version: r.value.version, updatedAt: r.value.updatedAt });
	const { code, params: fieldErrors } = r.error;
	if (code === 'document.conflict') {
		const c = r.current;
		return refuse(code, 409, undefined, { current: c ? { values: c.values, version: c.version, updatedAt: c.updatedAt } : null });
	}
	if (code === 'document.invalid_values') return refuse(code, 422, undefined, { fieldErrors: fieldErrors ?? {} });
	return refuse(code, code === 'document.not_found' ? 404 : 400);
};
