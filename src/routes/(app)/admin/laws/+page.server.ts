import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { importedLaws, importLawDataset } from '$lib/server/law/library';
import { parseDatasetText } from '$lib/server/law/dataset-file';
import { LAW_CATALOG } from '$lib/domain/law/catalog';
import { datasetErrorText } from '$lib/i18n/zh';

const MAX_BYTES = 20 * 1024 * 1024;
const SHOWN_ERRORS = 200;

export const load: PageServerLoad = () => {
	requireRole('admin');
	const imported = new Map(importedLaws(getDb()).map((r) => [r.lawId, r]));
	return {
		laws: LAW_CATALOG.map((l) => {
			const r = imported.get(l.id);
			return {
				id: l.id,
				title: l.title,
				edition: l.edition ?? null,
				articleCount: r?.articleCount ?? 0,
				complete: r?.complete ?? false,
				importedAt: r?.importedAt ?? null
			};
		})
	};
};

export const actions: Actions = {
	import: async ({ request }) => {
		const admin = requireRole('admin');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { fileError: '请选择要导入的法规数据文件（.json）' });
		if (file.size > MAX_BYTES) return fail(400, { fileError: '文件超过 20 MB，请检查是否选错了文件' });
		const parsed = parseDatasetText(await file.text());
		if (!parsed.ok) return fail(400, { fileError: parsed.message });
		const result = importLawDataset(getDb(), admin.id, parsed.doc);
		if (!result.ok) {
			return fail(422, {
				fileName: file.name,
				errorCount: result.errors.length,
				errors: result.errors.slice(0, SHOWN_ERRORS).map((e) => ({ path: e.path, message: datasetErrorText(e) }))
			});
		}
		return { fileName: file.name, imported: result.laws };
	}
};
