import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { insertImageRow, stageImage } from '$lib/server/scenario/images';
import type { Tx } from '$lib/server/audit';
import { imageErrorText } from '$lib/server/scenario/scenarios';
import { moveItemToArea, removeItem, setItemAnswer, setItemPhoto, updateItem } from '$lib/domain/scenario/edit';
import { chain, echoForm, loadScenario, saveDraft, type Edit } from '../../../editor.server';
import { keyField } from '../../../fields.server';
import { hazardSchema, itemSchema, toAnswer } from './schema';
import { err, ok } from '$lib/domain/result';

const moveSchema = z.object({ toArea: keyField });

/** The item must be in the area the address names, as for the page itself (an address is user input). */
const inArea =
	(params: { areaKey: string; itemKey: string }): Edit =>
	(c) =>
		c.areas.some((a) => a.key === params.areaKey && a.items.some((i) => i.key === params.itemKey)) ? ok(c) : err('scenario.item_not_found');

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
			inArea(params),
			(c) => updateItem(c, params.itemKey, { title: b.title, observation: b.observation, hotspot: b.hotspotX !== null && b.hotspotY !== null ? { x: b.hotspotX, y: b.hotspotY } : null }),
			(c) => setItemAnswer(c, params.itemKey, toAnswer(b.kind, b.explanation, hazard?.ok ? hazard.data : null))
		];
		const photo = formData.get('photo');
		let photoRow: ((tx: Tx) => void) | undefined;
		if (photo instanceof File && photo.size > 0) {
			const staged = stageImage(new Uint8Array(await photo.arrayBuffer()));
			if (!staged.ok) return fail(400, { action: 'save', values, errors: { photo: imageErrorText(staged.error.code) } });
			const { id, mime, bytes } = staged.value;
			edits.push((c) => setItemPhoto(c, params.itemKey, { id }));
			photoRow = (tx) => insertImageRow(tx, id, Number(params.scenarioId), mime, bytes);
		} else if (b.removePhoto) {
			edits.push((c) => setItemPhoto(c, params.itemKey, null));
		}
		const r = saveDraft(user, params, 'item.update', chain(...edits), photoRow);
		if (!r.ok) return fail(422, { action: 'save', values, message: r.message });
		return { action: 'save', saved: '检查点已保存', savedAt: Date.now() };
	},
	move: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(moveSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'move', message: '请选择要移到的区域' });
		const r = saveDraft(user, params, 'item.move', chain(inArea(params), (c) => moveItemToArea(c, params.itemKey, input.data.toArea)));
		if (!r.ok) return fail(422, { action: 'move', message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/areas/${input.data.toArea}/${params.itemKey}?moved=1`);
	},
	remove: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = saveDraft(user, params, 'item.remove', chain(inArea(params), (c) => removeItem(c, params.itemKey)));
		if (!r.ok) return fail(422, { action: 'remove', message: r.message });
		redirect(303, `/scenarios/${params.scenarioId}/areas/${params.areaKey}`);
	}
};
