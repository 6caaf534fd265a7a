import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, checkBankRows, importBankRows, readBankFile, type BankCheck } from '$lib/server/quiz/bank-import';
import { bankImportMessage } from '$lib/i18n/zh';
import { formDataOf } from '../question-form';

/** Problems listed on the page; the rest are counted. */
const SHOWN_PROBLEMS = 500;

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	return { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS };
};

const optionsSchema = z.object({
	status: z.enum(['draft', 'active']).catch('draft'),
	createCategories: z.boolean()
});
type Options = z.infer<typeof optionsSchema>;

function previewOf(check: BankCheck) {
	return {
		problems: check.problems.slice(0, SHOWN_PROBLEMS),
		problemTotal: check.problems.length,
		fileLevel: check.fileLevel,
		rowCount: check.rowCount,
		ready: check.items.length,
		byType: check.byType,
		missingCategories: check.missingCategories,
		clean: check.problems.length === 0
	};
}

/** The uploaded file and the options, or a refusal to show beside the file input. */
async function upload(request: Request): Promise<{ ok: true; file: File; bytes: Uint8Array; options: Options } | { ok: false; fileError: string; options: Options }> {
	const fd = await formDataOf(request);
	const options = optionsSchema.parse({ status: fd?.get('status'), createCategories: fd?.get('createCategories') === 'on' });
	const file = fd?.get('file');
	if (!(file instanceof File) || file.size === 0) return { ok: false, fileError: bankImportMessage(file instanceof File ? 'upload.empty' : 'upload.missing'), options };
	if (file.size > MAX_IMPORT_BYTES) return { ok: false, fileError: bankImportMessage('upload.too_large', { max: MAX_IMPORT_BYTES / 1024 / 1024 }), options };
	return { ok: true, file, bytes: new Uint8Array(await file.arrayBuffer()), options };
}

export const actions: Actions = {
	/** 检查: reads and checks every row; writes nothing. */
	check: async ({ request }) => {
		requireRole('trainer', 'admin');
		const u = await upload(request);
		if (!u.ok) return fail(400, { step: 'file' as const, fileError: u.fileError, options: u.options });
		const read = await readBankFile(u.bytes, u.file.name);
		if (!read.ok) return fail(400, { step: 'file' as const, fileError: read.message, fileName: u.file.name, options: u.options });
		const check = checkBankRows(getDb(), read.rows, { createCategories: u.options.createCategories });
		return { step: 'checked' as const, fileName: u.file.name, preview: previewOf(check), options: u.options };
	},

	/** 导入: the same file checked again and, only when every row is clean, written in one transaction. */
	import: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const u = await upload(request);
		if (!u.ok) return fail(400, { step: 'file' as const, fileError: u.fileError, options: u.options });
		const read = await readBankFile(u.bytes, u.file.name);
		if (!read.ok) return fail(400, { step: 'file' as const, fileError: read.message, fileName: u.file.name, options: u.options });
		const r = importBankRows(getDb(), user.id, read.rows, { ...u.options, fileName: u.file.name });
		if (!r.ok) return fail(422, { step: 'checked' as const, fileName: u.file.name, preview: previewOf(r.check), importError: r.message, options: u.options });
		return { step: 'imported' as const, fileName: u.file.name, imported: { count: r.count, categoriesCreated: r.categoriesCreated, byType: r.byType, status: u.options.status } };
	}
};
