import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { deleteUnit, unitTree, updateUnit } from '$lib/server/unit/units';
import { errorText } from '$lib/i18n/zh';
import { toFormValues, unitSchema } from '../schema';

export const load: PageServerLoad = ({ params }) => {
	requireRole('admin');
	const unitId = Number(params.unitId);
	const tree = unitTree(getDb());
	const index = tree.findIndex((r) => r.unit.id === unitId);
	if (index < 0) error(404, '未找到该单位');
	const { unit: u, depth, userCount } = tree[index];
	// Tree order puts a unit's descendants right after it, deeper than it; none of them can become its parent.
	let end = index + 1;
	while (end < tree.length && tree[end].depth > depth) end++;
	const parentOptions = [...tree.slice(0, index), ...tree.slice(end)].map((r) => ({
		value: r.unit.id,
		name: r.unit.name,
		kind: r.unit.kind,
		depth: r.depth
	}));
	return {
		unit: { id: u.id, name: u.name, kind: u.kind },
		values: toFormValues({
			parentId: u.parentId,
			name: u.name,
			kind: u.kind,
			sector: u.sector,
			address: u.address,
			legalRepresentative: u.legalRepresentative,
			creditCode: u.creditCode
		}),
		userCount,
		childCount: tree.filter((r) => r.unit.parentId === unitId).length,
		parentOptions
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const admin = requireRole('admin');
		const input = parseForm(unitSchema, await request.formData());
		if (!input.ok) return fail(400, { action: 'save', values: input.values, errors: input.errors, message: null });
		const r = updateUnit(getDb(), admin.id, Number(params.unitId), input.data);
		if (!r.ok) {
			const status = r.error.code === 'unit.not_found' ? 404 : 422;
			return fail(status, { action: 'save', values: toFormValues(input.data), errors: {}, message: errorText(r.error) });
		}
		return { action: 'save', values: null, errors: {}, message: '已保存' };
	},
	delete: ({ params }) => {
		const admin = requireRole('admin');
		const r = deleteUnit(getDb(), admin.id, Number(params.unitId));
		if (!r.ok) {
			const status = r.error.code === 'unit.not_found' ? 404 : 409;
			return fail(status, { action: 'delete', values: null, errors: {}, message: errorText(r.error) });
		}
		redirect(303, '/admin/units?deleted=1');
	}
};
