import { error, fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { drill, team } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm, requiredId } from '$lib/server/forms';
import { judgeSheet, lockJudgedStage, saveJudgeScores } from '$lib/server/drill/judging';
import { errorText } from '$lib/i18n/zh';
import { parsePointsForm, pointsField } from './points-form';

const saveSchema = z.object({ stageId: requiredId('阶段'), teamId: requiredId('队伍') });
const lockSchema = z.object({ stageId: requiredId('阶段') });

export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('judge');
	const db = getDb();
	const drillId = Number(params.drillId);
	const d = db.select({ id: drill.id, title: drill.title }).from(drill).where(eq(drill.id, drillId)).get();
	if (!d) error(404, errorText({ code: 'drill.not_found' }));
	const sheet = judgeSheet(db, user.id, drillId);
	if (!sheet.ok) error(403, errorText(sheet.error));
	// Only this judge's own points (judgeSheet never gives other judges' points).
	return { drill: d, ...sheet.value };
};

/** What every action of this page returns, so the page can tell which stage and row it is about. */
type Outcome = {
	action: 'save' | 'lock';
	message: string;
	stageId?: number;
	teamId?: number;
	/** What was typed, to show again after a refusal without JavaScript. */
	values?: Record<string, string>;
	/** Messages by field name (`p_r1` …). */
	errors?: Record<string, string>;
};
const done = (o: Outcome) => ({ ...o, isError: false });
const refused = (o: Outcome) => ({ ...o, isError: true });

/**
 * Refusals about who may act, or ids of another drill in the form, answer like the page: 403 for a judge
 * of another drill (or not the chief), 404 for a stage or team that is not this drill's. The rest are 409.
 */
const STATUS: Record<string, number> = { 'drill.not_judge': 403, 'drill.not_chief': 403, 'drill.stage_not_found': 404, 'drill.team_not_found': 404 };
const statusOf = (code: string) => STATUS[code] ?? 409;

/** A posted id, for telling which row a refusal belongs to (never trusted for anything else). */
const idOf = (v: FormDataEntryValue | null) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('judge');
		const formData = await request.formData();
		const where = { action: 'save' as const, stageId: idOf(formData.get('stageId')), teamId: idOf(formData.get('teamId')) };
		const values = echoValues(formData);
		const input = parseForm(saveSchema, formData);
		if (!input.ok) return fail(400, refused({ ...where, message: input.errors.stageId ?? input.errors.teamId ?? '请刷新页面后重试', values }));
		const parsed = parsePointsForm(formData);
		if (!parsed.ok) return fail(400, refused({ ...where, message: '请按提示修改', values, errors: parsed.errors }));
		if (Object.keys(parsed.points).length === 0) return fail(400, refused({ ...where, message: '请至少填写一项得分', values }));
		const db = getDb();
		const drillId = Number(params.drillId);
		const { stageId, teamId } = input.data;
		const r = saveJudgeScores(db, user.id, { drillId, stageId, teamId, points: parsed.points });
		if (!r.ok && r.error.code === 'judge.bad_points') {
			const errors: Record<string, string> = {};
			for (const p of r.problems ?? []) errors[pointsField(p.key)] ??= errorText({ code: p.code });
			// An unknown item has no field to mark: the rubric changed since the page was loaded.
			const stale = r.problems?.some((p) => p.code === 'judge.unknown_item');
			return fail(400, refused({ ...where, message: errorText(stale ? { code: 'judge.unknown_item' } : r.error), values, errors }));
		}
		if (!r.ok) return fail(statusOf(r.error.code), refused({ ...where, message: errorText(r.error), values }));
		const name = db.select({ name: team.name }).from(team).where(and(eq(team.id, teamId), eq(team.drillId, drillId))).get()?.name ?? '';
		return done({ action: 'save', stageId, teamId, message: `已保存 ${name}`.trim() });
	},
	lock: async ({ request, params }) => {
		const user = requireRole('judge');
		const formData = await request.formData();
		const stageId = idOf(formData.get('stageId'));
		const input = parseForm(lockSchema, formData);
		if (!input.ok) return fail(400, refused({ action: 'lock', stageId, message: input.errors.stageId }));
		const r = lockJudgedStage(getDb(), user.id, Number(params.drillId), input.data.stageId);
		if (!r.ok) return fail(statusOf(r.error.code), refused({ action: 'lock', stageId, message: errorText(r.error) }));
		return done({ action: 'lock', stageId, message: '已锁定本阶段评分，评分已成为最终成绩' });
	}
};
