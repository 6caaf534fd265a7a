import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { getDrill, publishedVersions } from '$lib/server/drill/drills';
import { rescoreCandidates, rescoreDrill, rescorePreview, type RescoreRow } from '$lib/server/drill/rescore';
import { getVersion } from '$lib/server/scenario/scenarios';
import { roundPoints } from '$lib/domain/drill/points';
import { errorText } from '$lib/i18n/zh';

const rescoreSchema = z.object({
	versionId: requiredId('评分版本'),
	reason: requiredText('原因', 200)
});

/** A ?version= value is user input: anything but a plain id is treated as a version that cannot be used. */
const ID = /^[1-9]\d{0,8}$/;

/** The rows as the table shows them: with the change of the total, rounded like the totals themselves. */
const tableRows = (rows: RescoreRow[]) => rows.map((r) => ({ ...r, change: roundPoints(r.after.total - r.before.total) }));

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const drillId = Number(params.drillId);
	const found = getDrill(db, drillId);
	const candidates = rescoreCandidates(db, drillId);
	if (!found || !candidates) error(404, '未找到该比武活动');
	const scenario = publishedVersions(db).find((v) => v.id === candidates.current.id);

	// The preview is a GET (?version=ID) so it can be shared and reloaded; it changes nothing.
	const raw = url.searchParams.get('version');
	let preview: { versionId: number; number: number; rows: ReturnType<typeof tableRows> } | null = null;
	let previewError: string | null = null;
	let isCurrent = false;
	if (raw !== null && raw !== '') {
		const versionId = ID.test(raw) ? Number(raw) : null;
		if (versionId !== null && versionId === candidates.current.id) isCurrent = true;
		else {
			const r = versionId === null ? null : rescorePreview(db, drillId, versionId);
			if (r?.ok) preview = { versionId: versionId!, number: candidates.newer.find((v) => v.id === versionId)!.number, rows: tableRows(r.value) };
			else previewError = errorText(r ? r.error : { code: 'drill.rescore_version' });
		}
	}

	return {
		drill: { id: found.drill.id, title: found.drill.title },
		scenario: scenario ? { id: scenario.scenarioId, title: scenario.title } : null,
		current: candidates.current,
		newer: candidates.newer.map((v) => ({ id: v.id, number: v.number, publishedAt: v.publishedAt.getTime() })),
		selected: raw,
		isCurrent,
		preview,
		previewError
	};
};

/** A refused re-score: the message for the page, and field errors and the typed values when the form was invalid. */
const refused = (o: { message: string; values: Record<string, string>; errors: Record<string, string> }) => ({ ...o, success: false as const });

export const actions: Actions = {
	rescore: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(rescoreSchema, formData);
		if (!input.ok) return fail(400, refused({ message: '请按提示修改', values: input.values, errors: input.errors }));
		const db = getDb();
		const drillId = Number(params.drillId);
		const { versionId, reason } = input.data;
		const r = rescoreDrill(db, user.id, drillId, versionId, reason);
		if (!r.ok) return fail(409, refused({ message: errorText(r.error), values: echoValues(formData), errors: {} }));
		// rescoreDrill accepted it, so it is a published version of this drill's scenario.
		const number = getVersion(db, versionId)!.number;
		return { success: true as const, message: `已按第 ${number} 版重新评分`, number, rows: tableRows(r.value) };
	}
};
