import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import type { SessionUser } from '$lib/server/auth/session';
import { parseForm, requiredText } from '$lib/server/forms';
import { echoForm, loadScenario, saveDraft, type Edit } from '../editor.server';
import { directionField, intField, keyField, textField } from '../fields.server';
import { addDistractor, addStep, moveCard, removeCard, setProcedurePoints, updateDistractor, updateStep } from './procedure-edits';

const listField = z.enum(['steps', 'distractors'], { error: '参数无效，请刷新页面' });
const stepSchema = z.object({ text: requiredText('步骤内容', 200) });
const distractorSchema = z.object({ text: requiredText('干扰步骤内容', 200), explanation: textField('错误原因', 20_000) });
const cardSchema = z.object({ key: keyField });
const moveSchema = z.object({ list: listField, key: keyField, dir: directionField });
const removeSchema = z.object({ list: listField, key: keyField });
const pointsSchema = z.object({ points: intField('执法程序分值', 0, 1000) });

export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	return { procedure: loadScenario(params).draft.procedure };
};

/**
 * Validates `schema`, applies `edit` and reports in the shape the page reads: `action` names the form,
 * `key` the card, so a refusal appears next to what was submitted.
 */
async function run<S extends z.ZodObject>(
	user: SessionUser,
	{ request, params }: { request: Request; params: { scenarioId: string } },
	action: string,
	schema: S,
	edit: (data: z.infer<S>) => Edit,
	saved: string
) {
	const formData = await request.formData();
	const key = String(formData.get('key') ?? '');
	const input = parseForm(schema, formData);
	if (!input.ok) return fail(400, { action, key, values: echoForm(formData), errors: input.errors });
	const r = saveDraft(user, params, `procedure.${action}`, edit(input.data));
	if (!r.ok) return fail(422, { action, key, values: echoForm(formData), message: r.message });
	return { action, key, saved, savedAt: Date.now() };
}

const stepWithKey = stepSchema.extend(cardSchema.shape);
const distractorWithKey = distractorSchema.extend(cardSchema.shape);

export const actions: Actions = {
	addStep: (event) => run(requireRole('trainer', 'admin'), event, 'addStep', stepSchema, (d) => (c) => addStep(c, d.text), '已添加步骤'),
	saveStep: (event) => run(requireRole('trainer', 'admin'), event, 'saveStep', stepWithKey, (d) => (c) => updateStep(c, d.key, d.text), '步骤已保存'),
	addDistractor: (event) => run(requireRole('trainer', 'admin'), event, 'addDistractor', distractorSchema, (d) => (c) => addDistractor(c, d), '已添加干扰步骤'),
	saveDistractor: (event) =>
		run(requireRole('trainer', 'admin'), event, 'saveDistractor', distractorWithKey, (d) => (c) => updateDistractor(c, d.key, { text: d.text, explanation: d.explanation }), '干扰步骤已保存'),
	move: (event) => run(requireRole('trainer', 'admin'), event, 'move', moveSchema, (d) => (c) => moveCard(c, d.list, d.key, d.dir), '顺序已调整'),
	remove: (event) => run(requireRole('trainer', 'admin'), event, 'remove', removeSchema, (d) => (c) => removeCard(c, d.list, d.key), '已删除'),
	points: (event) => run(requireRole('trainer', 'admin'), event, 'points', pointsSchema, (d) => (c) => setProcedurePoints(c, d.points), '分值已保存')
};
