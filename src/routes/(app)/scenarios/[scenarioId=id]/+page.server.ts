import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { choice, parseForm, requiredText } from '$lib/server/forms';
import { duplicateScenario, publishScenario } from '$lib/server/scenario/scenarios';
import { setProfile } from '$lib/domain/scenario/edit';
import { SECTORS } from '$lib/domain/roles';
import { errorText } from '$lib/i18n/zh';
import { echoForm, loadScenario, saveDraft } from './editor.server';
import { intField, textField } from './fields.server';

const profileSchema = z.object({
	title: requiredText('场景名称', 100),
	summary: textField('场景简介', 20_000),
	name: textField('企业名称', 100),
	sector: choice('行业类别', SECTORS),
	address: textField('地址', 200),
	legalRepresentative: textField('法定代表人', 32),
	principal: textField('主要负责人', 32),
	staffCount: intField('从业人员数', 0, 1_000_000),
	processes: textField('主要工艺和设备', 20_000),
	description: textField('企业情况', 20_000)
});

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const s = loadScenario(params);
	return {
		profile: { title: s.draft.title, summary: s.draft.summary, ...s.draft.enterprise },
		notice: url.searchParams.has('created')
			? '场景已创建，请先填写企业概况。'
			: url.searchParams.has('imported')
				? '场景已导入为新的草稿。'
				: url.searchParams.has('duplicated')
					? '已复制为新场景（草稿），以下是副本。'
					: null
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(profileSchema, formData);
		if (!input.ok) return fail(400, { values: echoForm(formData), errors: input.errors });
		const { title, summary, ...enterprise } = input.data;
		const r = saveDraft(user, params, 'profile', (c) => setProfile(c, { title, summary, enterprise }));
		if (!r.ok) return fail(422, { values: echoForm(formData), message: r.message });
		return { saved: '企业概况已保存', savedAt: Date.now() };
	},
	// The header's 发布 and 复制 buttons post here from every tab of the editor.
	publish: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const id = Number(params.scenarioId);
		const r = publishScenario(getDb(), user.id, id);
		if (!r.ok) {
			if (r.error.code === 'scenario.not_found') error(404, '未找到该场景');
			if (r.error.code === 'scenario.has_problems') redirect(303, `/scenarios/${id}/check?blocked=1`);
			return fail(409, { message: errorText(r.error) });
		}
		redirect(303, `/scenarios/${id}/check?published=${r.value.number}`);
	},
	duplicate: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = duplicateScenario(getDb(), user.id, Number(params.scenarioId));
		if (!r.ok) {
			if (r.error.code === 'scenario.not_found') error(404, '未找到该场景');
			return fail(409, { message: errorText(r.error) });
		}
		redirect(303, `/scenarios/${r.value.id}?duplicated=1`);
	}
};
