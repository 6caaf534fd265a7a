import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { optionalId, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { categoryTree, createCategory, deleteCategory, moveCategory, renameCategory } from '$lib/server/quiz/bank';
import { CATEGORY_NAME_MAX } from '$lib/domain/quiz/bank-rules';
import { errorText } from '$lib/i18n/zh';
import { formDataOf } from '../question-form';

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	return { categories: categoryTree(getDb()), nameMax: CATEGORY_NAME_MAX };
};

const name = requiredText('分类名称', CATEGORY_NAME_MAX);
const createSchema = z.object({ name, parentId: optionalId('上级分类') });
const renameSchema = z.object({ id: requiredId('分类'), name });
const moveSchema = z.object({ id: requiredId('分类'), parentId: optionalId('上级分类') });
const deleteSchema = z.object({ id: requiredId('分类') });

/** Every action answers with its name and the category, so the page shows the outcome beside the right form. */
type Refusal = { action: string; id: number | null; message: string; errors?: Record<string, string>; values?: Record<string, string> };
const refuse = (status: number, a: Refusal) => fail(status, { ...a, ok: false as const });
const done = (action: string, id: number | null, message: string) => ({ action, id, message, ok: true as const, errors: undefined, values: undefined });

export const actions: Actions = {
	create: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		const input = fd ? parseForm(createSchema, fd) : null;
		if (!input?.ok) return refuse(400, { action: 'create', id: null, message: '请按提示修改', errors: input?.errors ?? {}, values: input?.values ?? {} });
		const r = createCategory(getDb(), user.id, input.data);
		if (!r.ok) return refuse(422, { action: 'create', id: null, message: errorText(r.error), values: { name: input.data.name, parentId: String(input.data.parentId ?? '') } });
		return done('create', r.value.id, `已新建分类“${input.data.name}”`);
	},

	rename: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		const input = fd ? parseForm(renameSchema, fd) : null;
		if (!input?.ok) return refuse(400, { action: 'rename', id: Number(fd?.get('id')) || null, message: input?.errors.name ?? '请按提示修改' });
		const r = renameCategory(getDb(), user.id, input.data.id, input.data.name);
		if (!r.ok) return refuse(422, { action: 'rename', id: input.data.id, message: errorText(r.error) });
		return done('rename', input.data.id, `已改名为“${input.data.name}”`);
	},

	move: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		const input = fd ? parseForm(moveSchema, fd) : null;
		if (!input?.ok) return refuse(400, { action: 'move', id: Number(fd?.get('id')) || null, message: '请选择有效的上级分类' });
		const r = moveCategory(getDb(), user.id, input.data.id, input.data.parentId);
		if (!r.ok) return refuse(422, { action: 'move', id: input.data.id, message: errorText(r.error) });
		return done('move', input.data.id, '已移动');
	},

	delete: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const fd = await formDataOf(request);
		const input = fd ? parseForm(deleteSchema, fd) : null;
		if (!input?.ok) return refuse(400, { action: 'delete', id: null, message: '请选择要删除的分类' });
		const r = deleteCategory(getDb(), user.id, input.data.id);
		if (!r.ok) return refuse(409, { action: 'delete', id: input.data.id, message: errorText(r.error) });
		return done('delete', null, '分类已删除');
	}
};
