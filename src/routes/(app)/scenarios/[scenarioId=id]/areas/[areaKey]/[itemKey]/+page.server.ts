import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { storeImage } from '$lib/server/scenario/images';
import { imageErrorText } from '$lib/server/scenario/scenarios';
import { moveItemToArea, removeItem, setItemAnswer, setItemPhoto, updateItem } from '$lib/domain/scenario/edit';
import { chain, echoForm, loadScenario, saveDraft, type Edit } from '../../../editor.server';
import { keyField } from '../../../fields.server';
import { hazardSchema, itemSchema, toAnswer } from './schema';

const moveSchema = z.object({ toArea: keyField });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	const area = s.draft.areas.find((a) => a.key === params.areaKey);
	const item = area?.items.find((i) => i.key === params.itemKey);
	if (!area || !item) error(404, '未找到该检查点');
	return {
		created: url.searchParams.has('created'),
		moved: url.searchParams.has('moved'),
		area: {
			key: area.key,
			name: area.name,
			image: area.image,
			items: area.items.map((i) => ({ key: i.key, title: i.title, hotspot: i.hotspot }))
		},
		otherAreas: s.draft.areas.filter((a) => a.key !== area.key).map((a) => ({ key: a.key, name: a.name })),
		item
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const values = echoForm(formData);
		// Both parts are checked in one go, so every mistake is reported at once.
		const base = parseForm(itemSchema, formData);
		const hazard = formData.get('kind') === 'hazard' ? parseForm(hazardSchema, formData) : null;
		if (!base.ok || (hazard && !hazard.ok)) {
			return fail(400, { action: 'save', values, errors: { ...(hazard && !hazard.ok ? hazard.errors : {}), ...(base.ok ? {} : base.errors) } });
		}
		const b = base.data;
		const edits: Edit[] = [
			(c) => updateItem(c, params.itemKey, { title: b.title, observation: b.observation, hotspot: b.hotspotX !== null && b.hotspotY !== null ? { x: b.hotspotX, y: b.hotspotY } : null }),
			(c) => setItemAnswer(c, params.itemKey, toAnswer(b.kind, b.explanation, hazard?.ok ? hazard.data : null))
		];
		const photo = formData.get('photo');
		if (photo instanceof File && photo.size > 0) {
			const stored = storeImage(getDb(), Number(params.scenarioId), new Uint8Array(await photo.arrayBuffer()));
			if (!stored.ok) return fail(400, { action: 'save', values, errors: { photo: imageErrorText(stored.error.code) } });
			edits.push((c) => setItemPhoto(c, params.itemKey, { id: stored.value.id }));
		} else if (b.removePhoto) {
			edits.push((c) => setItemPhoto(c, params.itemKey, null));
		}
		const r = saveDraft(user, params, 'item.update', chain(...edits));
		if (!r.ok) return fail(422, { action: 'save', values, message: r.message });
		return { action: 'save', saved: '检查点已保存', savedAt: Date.now() };
	},
	move: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(moveSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'move', message: '请选择要移到的区域' });
		const r = saveDraft(user, params, 'item.move', (c) => moveItemToArea(c, params.itemKey, input.data.toArea));
		if (!r.ok) return fail(422, { action: 'move', message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/areas/${input.data.toArea}/${params.itemKey}?moved=1`);
	},
	remove: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = saveDraft(user, params, 'item.remove', (c) => removeItem(c, params.itemKey));
		if (!r.ok) return fail(422, { action: 'remove', message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/areas/${params.areaKey}`);
	}
};
