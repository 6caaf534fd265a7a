import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues } from '$lib/server/forms';
import { getDrillSettings, resetDrillSettings, setDrillSettings } from '$lib/server/drill/settings';
import { DEFAULT_SCORING } from '$lib/domain/drill/types';
import { errorText } from '$lib/i18n/zh';
import { parseSettingsForm, toFormValues } from './settings-form';

const NOT_FOUND = '未找到该比武活动';

export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const found = getDrillSettings(getDb(), Number(params.drillId));
	if (!found) error(404, NOT_FOUND);
	return {
		drill: { id: found.drillId, title: found.title, status: found.status },
		isLocked: found.isLocked,
		values: toFormValues(found.settings),
		defaults: toFormValues(DEFAULT_SCORING)
	};
};

/** What both actions return, so the page can show the message and, for a refused save, the fields as typed. */
type Outcome = { action: 'save' | 'reset'; message: string; values?: Record<string, string>; errors?: Record<string, string> };
const done = (o: Outcome) => ({ ...o, isError: false });
const refused = (o: Outcome) => ({ ...o, isError: true });

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const db = getDb();
		const drillId = Number(params.drillId);
		const current = getDrillSettings(db, drillId);
		if (!current) error(404, NOT_FOUND);
		const formData = await request.formData().catch(() => null);
		if (!formData) return fail(400, refused({ action: 'save', message: '提交的内容无法读取，请刷新页面后重试', values: {}, errors: {} }));
		const input = parseSettingsForm(formData, current.settings);
		if (!input.ok) return fail(400, refused({ action: 'save', message: input.errors._form ?? '请按提示修改', values: input.values, errors: input.errors }));
		const r = setDrillSettings(db, user.id, drillId, input.settings);
		if (!r.ok) return fail(409, refused({ action: 'save', message: errorText(r.error), values: echoValues(formData), errors: {} }));
		return done({ action: 'save', message: '评分规则已保存' });
	},
	reset: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = resetDrillSettings(getDb(), user.id, Number(params.drillId));
		if (!r.ok) {
			if (r.error.code === 'drill.not_found') error(404, NOT_FOUND);
			return fail(409, refused({ action: 'reset', message: errorText(r.error) }));
		}
		return done({ action: 'reset', message: '已恢复默认评分规则' });
	}
};
