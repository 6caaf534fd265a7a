import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { addArea, moveArea, removeArea } from '$lib/domain/scenario/edit';
import { echoForm, loadScenario, saveDraft } from '../editor.server';
import { directionField, keyField } from '../fields.server';
import { areaSchema } from './schema';

const moveSchema = z.object({ areaKey: keyField, dir: directionField });
const removeSchema = z.object({ areaKey: keyField });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	return {
		deleted: url.searchParams.has('deleted'),
		areas: s.draft.areas.map((a) => ({
			key: a.key,
			name: a.name,
			kind: a.kind,
			image: a.image,
			items: a.items.map((i) => ({ key: i.key, title: i.title, hotspot: i.hotspot, kind: i.answer.kind }))
		}))
	};
};

export const actions: Actions = {
	add: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(areaSchema, formData);
		if (!input.ok) return fail(400, { action: 'add', values: echoForm(formData), errors: input.errors });
		const r = saveDraft(user, params, 'area.add', (c) => addArea(c, input.data));
		if (!r.ok) return fail(422, { action: 'add', values: echoForm(formData), message: r.message });
		const added = r.content.areas[r.content.areas.length - 1];
		redirect(303, `/scenarios/${params.scenarioId}/areas/${added.key}?created=1`);
	},
	move: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(moveSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'move', message: Object.values(input.errors)[0] });
		const r = saveDraft(user, params, 'area.move', (c) => moveArea(c, input.data.areaKey, input.data.dir));
		if (!r.ok) return fail(422, { action: 'move', message: r.message });
		return { action: 'move', saved: '区域顺序已调整', savedAt: Date.now() };
	},
	remove: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(removeSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'remove', message: Object.values(input.errors)[0] });
		const r = saveDraft(user, params, 'area.remove', (c) => removeArea(c, input.data.areaKey));
		if (!r.ok) return fail(422, { action: 'remove', message: r.message });
		return { action: 'remove', saved: '区域已删除', savedAt: Date.now() };
	}
};
