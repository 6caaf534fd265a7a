import { error, fail } from '@sveltejs/kit';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb, type Db } from '$lib/server/db';
import { drillStage, user as userTable } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { getDrill } from '$lib/server/drill/drills';
import { judgeOf } from '$lib/server/drill/judging';
import { addDocumentAdjustment, documentStageReview } from '$lib/server/drill/documents';
import { getVersion } from '$lib/server/scenario/scenarios';
import { roundPoints } from '$lib/domain/drill/points';
import type { DocumentType } from '$lib/domain/scenario/types';
import { errorText } from '$lib/i18n/zh';
import { readPoints } from '../points-form';

/** The drill and its scenario content for a judge of the drill, else the page's 404 (no drill) or 403 (not its judge). */
function judgedDrill(db: Db, userId: number, drillId: number) {
	const found = getDrill(db, drillId);
	if (!found) error(404, errorText({ code: 'drill.not_found' }));
	if (!judgeOf(db, drillId, userId)) error(403, errorText({ code: 'drill.not_judge' }));
	const content = getVersion(db, found.drill.scenarioVersionId)!.content;
	return { ...found, content };
}

export const load: PageServerLoad = ({ params }) => {
	const me = requireRole('judge');
	const db = getDb();
	const drillId = Number(params.drillId);
	const { drill, stages, content } = judgedDrill(db, me.id, drillId);
	const documentStages = stages.filter((s) => s.kind === 'document');
	const reviews = documentStages.map((s) => ({ stage: s, teams: s.status === 'pending' ? [] : documentStageReview(db, drillId, s.id, content) }));
	// Every judge sees every adjustment and who made it: they are not secret among the judges.
	const judgeIds = [...new Set(reviews.flatMap((r) => r.teams.flatMap((t) => t.adjustments.map((a) => a.judgeId))))];
	const judges = judgeIds.length ? db.select({ id: userTable.id, name: userTable.displayName }).from(userTable).where(inArray(userTable.id, judgeIds)).all() : [];
	const names = new Map(judges.map((u) => [u.id, u.name]));
	return {
		drill: { id: drill.id, title: drill.title },
		stages: reviews.map(({ stage, teams }) => ({
			id: stage.id,
			title: stage.title,
			status: stage.status,
			teams: teams.map((t) => ({
				id: t.teamId,
				name: t.name,
				documents: t.documents.map((d) => {
					const adjustments = t.adjustments.filter((a) => a.documentKey === d.key);
					// checkTeamDocuments appends one 'judge.adjustment' line per adjustment, in the same order.
					const adjustmentLines = d.result.lines.filter((l) => l.check === 'judge.adjustment');
					const checkLines = d.result.lines.filter((l) => l.check !== 'judge.adjustment');
					return {
						key: d.key,
						type: d.type as DocumentType,
						total: d.result.total,
						max: d.result.max,
						checked: roundPoints(checkLines.reduce((n, l) => n + l.points, 0)),
						lines: checkLines.map((l) => ({ ref: l.ref, check: l.check, label: l.label, points: l.points, max: l.max, passed: l.passed, reason: l.reason })),
						adjustments: adjustments.map((a, i) => ({
							id: a.id,
							requested: a.points,
							applied: adjustmentLines[i]?.points ?? a.points,
							reason: adjustmentLines[i]?.reason ?? a.reason,
							judge: names.get(a.judgeId) ?? '',
							isMine: a.judgeId === me.id,
							createdAt: a.createdAt
						}))
					};
				})
			}))
		}))
	};
};

const adjustSchema = z.object({
	stageId: requiredId('阶段'),
	teamId: requiredId('队伍'),
	documentKey: z.string({ error: '请选择文书' }).trim().min(1, '请选择文书').max(64, '请选择文书'),
	reason: requiredText('调整理由', 200)
});

type Outcome = {
	action: 'adjust';
	message: string;
	stageId?: number;
	teamId?: number;
	documentKey?: string;
	/** What was typed, to show again after a refusal. */
	values?: Record<string, string>;
	/** Messages by field name (`points`, `reason`). */
	errors?: Record<string, string>;
	isError: boolean;
};

/** A posted id, for telling which form a refusal belongs to (never trusted for anything else). */
const idOf = (v: FormDataEntryValue | null) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
const keyOf = (v: FormDataEntryValue | null) => (typeof v === 'string' && v.length <= 64 ? v : undefined);

/** The typed adjustment: a non-zero multiple of 0.5, at most the document's points either way. */
function readAdjustment(value: FormDataEntryValue | null, max: number | undefined): string | number {
	// Judges type a sign either way: +0.5, ＋0.5, −1 (the minus sign) as well as -1.
	const text = typeof value === 'string' ? value.replace(/^\s*[+＋](?=\s*[0-9０-９.．])/, '').replace(/[−–]/g, '-') : null;
	const n = text === null ? NaN : readPoints(text);
	if (n === null) return '请填写调整分值';
	if (!Number.isFinite(n)) return '请输入数字';
	if (n === 0) return '调整分值不能为 0';
	if (!Number.isInteger(n * 2)) return '分值须为 0.5 的整数倍';
	if (max !== undefined && Math.abs(n) > max) return `调整分值不能超过该文书的分值（${max} 分）`;
	return n;
}

export const actions: Actions = {
	adjust: async ({ request, params }) => {
		const me = requireRole('judge');
		const db = getDb();
		const drillId = Number(params.drillId);
		const formData = await request.formData();
		const where = {
			action: 'adjust' as const,
			stageId: idOf(formData.get('stageId')),
			teamId: idOf(formData.get('teamId')),
			documentKey: keyOf(formData.get('documentKey'))
		};
		const values = echoValues(formData);
		const refuse = (status: number, o: Partial<Outcome> & { message: string }) => fail(status, { ...where, values, ...o, isError: true } satisfies Outcome);

		const found = getDrill(db, drillId);
		if (!found) return refuse(404, { message: errorText({ code: 'drill.not_found' }) });
		if (!judgeOf(db, drillId, me.id)) return refuse(403, { message: errorText({ code: 'drill.not_judge' }) });
		const content = getVersion(db, found.drill.scenarioVersionId)!.content;

		const input = parseForm(adjustSchema, formData);
		const max = content.documents.find((d) => d.key === where.documentKey)?.points;
		const points = readAdjustment(formData.get('points'), max);
		const errors: Record<string, string> = {};
		if (typeof points === 'string') errors.points = points;
		if (!input.ok && input.errors.reason) errors.reason = input.errors.reason;
		if (!input.ok) {
			const other = input.errors.stageId ?? input.errors.teamId ?? input.errors.documentKey;
			if (other) return refuse(400, { message: other, errors });
		}
		if (Object.keys(errors).length || !input.ok || typeof points === 'string') return refuse(400, { message: '请按提示修改', errors });

		const { stageId, teamId, documentKey, reason } = input.data;
		const stage = db.select({ status: drillStage.status, drillId: drillStage.drillId }).from(drillStage).where(eq(drillStage.id, stageId)).get();
		if (stage && stage.drillId === drillId && stage.status === 'pending') return refuse(409, { message: errorText({ code: 'drill.stage_not_open' }) });
		const r = addDocumentAdjustment(db, me.id, { drillId, stageId, teamId, documentKey, points, reason }, content);
		if (!r.ok) return refuse(r.error.code === 'document.bad_adjustment' ? 400 : 409, { message: errorText(r.error) });
		const teamName = found.teams.find((t) => t.id === teamId)?.name ?? '';
		const sign = points > 0 ? `+${points}` : String(points);
		return { ...where, stageId, teamId, documentKey, message: `已为${teamName}调整 ${sign} 分`, isError: false } satisfies Outcome;
	}
};
