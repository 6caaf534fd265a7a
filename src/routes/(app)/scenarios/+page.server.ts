import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, requiredText } from '$lib/server/forms';
import { createScenario, importScenario, listScenarios } from '$lib/server/scenario/scenarios';

// adapter-node is started with BODY_SIZE_LIMIT=20M (src/cli/start.ts); a bigger file never reaches us.
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const SHOWN_PROBLEMS = 200;

const createSchema = z.object({ title: requiredText('场景名称', 100) });

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	return { scenarios: listScenarios(getDb()) };
};

/** Where JSON.parse gave up, in words a trainer can act on. */
function jsonErrorText(e: unknown): string {
	const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
	return `文件不是有效的 JSON${at ? `（约第 ${Number(at) + 1} 个字符处有误）` : ''}，请选择从本平台导出的场景文件`;
}

export const actions: Actions = {
	create: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(createSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'create', values: input.values, errors: input.errors });
		const id = createScenario(getDb(), user.id, input.data.title);
		redirect(303, `/scenarios/${id}?created=1`);
	},
	import: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'import', fileError: '请选择要导入的场景文件（.json）' });
		if (file.size > MAX_IMPORT_BYTES) return fail(400, { action: 'import', fileError: '文件超过 20 MB，请检查是否选错了文件' });
		let doc: unknown;
		try {
			doc = JSON.parse(await file.text());
		} catch (e) {
			return fail(400, { action: 'import', fileError: jsonErrorText(e) });
		}
		const r = importScenario(getDb(), user.id, doc);
		if (!r.ok) {
			const problems = r.problems ?? [{ path: '$', message: '场景文件无法导入' }];
			return fail(422, { action: 'import', fileName: file.name, problemCount: problems.length, problems: problems.slice(0, SHOWN_PROBLEMS) });
		}
		redirect(303, `/scenarios/${r.value.id}?imported=1`);
	}
};
