import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, requiredText } from '$lib/server/forms';
import { insertImageRow, stageImage } from '$lib/server/scenario/images';
import { imageErrorText } from '$lib/server/scenario/scenarios';
import { addItem, removeArea, setAreaImage, updateArea } from '$lib/domain/scenario/edit';
import { echoForm, loadScenario, saveDraft } from '../../editor.server';
import { textField } from '../../fields.server';
import { areaSchema } from '../schema';

const itemSchema = z.object({ title: requiredText('检查点名称', 100), observation: textField('现场情况描述', 20_000) });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	const area = s.draft.areas.find((a) => a.key === params.areaKey);
	if (!area) error(404, '未找到该区域');
	return {
		created: url.searchParams.has('created'),
		area: {
			key: area.key,
			name: area.name,
			kind: area.kind,
			description: area.description,
			image: area.image,
			items: area.items.map((i) => ({ key: i.key, title: i.title, hotspot: i.hotspot, kind: i.answer.kind, hasPhoto: !!i.photo }))
		}
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(areaSchema, formData);
		if (!input.ok) return fail(400, { action: 'save', values: echoForm(formData), errors: input.errors });
		const r = saveDraft(user, params, 'area.update', (c) => updateArea(c, params.areaKey, input.data));
		if (!r.ok) return fail(422, { action: 'save', values: echoForm(formData), message: r.message });
		return { action: 'save', saved: '区域信息已保存', savedAt: Date.now() };
	},
	upload: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const file = (await request.formData()).get('image');
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'upload', imageError: '请选择要上传的图片' });
		const staged = stageImage(new Uint8Array(await file.arrayBuffer()));
		if (!staged.ok) return fail(400, { action: 'upload', imageError: imageErrorText(staged.error.code) });
		const { id, mime, bytes } = staged.value;
		const r = saveDraft(user, params, 'area.image', (c) => setAreaImage(c, params.areaKey, { id }), (tx) => insertImageRow(tx, id, Number(params.scenarioId), mime, bytes));
		if (!r.ok) return fail(422, { action: 'upload', message: r.message });
		return { action: 'upload', saved: '区域图片已上传', savedAt: Date.now() };
	},
	removeImage: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = saveDraft(user, params, 'area.image', (c) => setAreaImage(c, params.areaKey, null));
		if (!r.ok) return fail(422, { action: 'removeImage', message: r.message });
		return { action: 'removeImage', saved: '区域图片已移除', savedAt: Date.now() };
	},
	addItem: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(itemSchema, formData);
		if (!input.ok) return fail(400, { action: 'addItem', values: echoForm(formData), errors: input.errors });
		const r = saveDraft(user, params, 'item.add', (c) => addItem(c, params.areaKey, input.data));
		if (!r.ok) return fail(422, { action: 'addItem', values: echoForm(formData), message: r.message });
		const items = r.content.areas.find((a) => a.key === params.areaKey)!.items;
		redirect(303, `/scenarios/${params.scenarioId}/areas/${params.areaKey}/${items[items.length - 1].key}?created=1`);
	},
	remove: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = saveDraft(user, params, 'area.remove', (c) => removeArea(c, params.areaKey));
		if (!r.ok) return fail(422, { action: 'remove', message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/areas?deleted=1`);
	}
};
