import { beforeEach, describe, expect, it, vi } from 'vitest';
import { error, isActionFailure, isHttpError } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import { eq } from 'drizzle-orm';
import { sheetEntry, team } from '$lib/server/db/schema';
import { createDrill, openStage } from '$lib/server/drill/drills';
import { adjustmentsOf, documentRef } from '$lib/server/drill/documents';
import { drillResults } from '$lib/server/drill/results';
import { DOCUMENT_DRILL_STAGES, FIXTURE_INSPECTION_RECORD, setupDrill, T0 } from '$lib/server/drill/test-drill';
import type { DocumentValues } from '$lib/domain/document/types';

// The pages' own checks run for real; only "who is signed in" and "which database" are stubbed.
let db: Db;
let current: SessionUser | null = null;
vi.mock('$lib/server/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('$lib/server/db')>()), getDb: () => db }));
vi.mock('$lib/server/auth/guard', () => ({
	requireRole: (...roles: string[]) => {
		if (!current || !roles.some((r) => current!.roles.includes(r as never))) error(403, '无权访问');
		return current;
	}
}));

const page = await import('./+page.server');
const docPage = await import('./[teamId=id]/[documentKey]/+page.server');

const [HAZARD, DOCUMENT] = [1, 2];
const stages = DOCUMENT_DRILL_STAGES;
const record = FIXTURE_INSPECTION_RECORD;

type Line = { label: string; points: number; max: number; passed: boolean; reason: string };
type Adjustment = { requested: number; applied: number; reason: string; judge: string; isMine: boolean };
type Doc = { key: string; type: string; total: number; max: number; checked: number; lines: Line[]; adjustments: Adjustment[] };
type Data = {
	drill: { id: number; title: string };
	stages: { id: number; title: string; status: string; teams: { id: number; name: string; documents: Doc[] }[] }[];
};

let s: ReturnType<typeof setupDrill>;
const as = (id: number, role: 'judge' | 'officer' = 'judge') => (current = { id, username: `u${id}`, displayName: `u${id}`, unitId: null, roles: [role] });

function setup(open = true) {
	s = setupDrill({ stages });
	db = s.db;
	current = null;
	if (!open) return;
	openStage(db, s.trainer, s.drillId, HAZARD, T0);
	openStage(db, s.trainer, s.drillId, DOCUMENT, T0);
	const put = (teamId: number, stageId: number, ref: string, data: unknown) =>
		db.insert(sheetEntry).values({ teamId, stageId, ref, data: JSON.stringify(data), version: 1, updatedBy: s.a1, updatedAt: T0 }).run();
	// 甲队 recorded the dust collector and drafted the record; 乙队 drafted nothing.
	put(s.teamA, HAZARD, 'item:duct', { classification: 'major', violated: [], penalty: [], measures: ['stop_using_equipment'], deadlineDays: null, note: '' });
	for (const [field, value] of Object.entries(record)) put(s.teamA, DOCUMENT, documentRef('d1', field), value);
}

const load = (drillId = s.drillId) => page.load({ params: { drillId: String(drillId) } } as never) as unknown as Data;
type DocData = { team: { name: string }; document: { key: string; type: string }; values: DocumentValues };
const loadDoc = (teamId: number | string, documentKey: string, search = '') => {
	const params = { drillId: String(s.drillId), teamId: String(teamId), documentKey };
	return docPage.load({ params, url: new URL(`http://x/judging${search}`) } as never) as unknown as DocData;
};

function adjust(fields: Record<string, string>) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	const request = new Request('http://x/judging/documents', { method: 'POST', body: fd });
	return page.actions.adjust!({ request, params: { drillId: String(s.drillId) } } as never);
}

/** The status and data of an action's answer: 200 for a plain result, the failure's status otherwise. */
async function answer(p: unknown) {
	const r = await p;
	if (isActionFailure(r)) return { status: r.status, data: r.data as unknown as Record<string, unknown> };
	return { status: 200, data: r as Record<string, unknown> };
}

function httpStatus(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return isHttpError(e) ? e.status : -1;
	}
}

const docOf = (data: Data, teamId: number) => data.stages[0].teams.find((t) => t.id === teamId)!.documents.find((d) => d.key === 'd1')!;
const valid = (over: Record<string, string> = {}) => ({
	stageId: String(DOCUMENT),
	teamId: String(s.teamA),
	documentKey: 'd1',
	points: '-1',
	reason: '检查情况记录过简',
	...over
});

describe('document review page load', () => {
	beforeEach(() => setup());

	it("shows a judge of the drill both teams' documents with explained line items, scored as the results are", () => {
		as(s.judges[1]);
		const data = load();
		expect(data.drill).toEqual({ id: s.drillId, title: '测试比武' });
		expect(data.stages.map((x) => [x.id, x.title, x.status])).toEqual([[DOCUMENT, '文书制作', 'open']]);
		expect(data.stages[0].teams.map((t) => t.name)).toEqual(['甲队', '乙队']);
		const results = drillResults(db, s.drillId)!;
		for (const teamId of [s.teamA, s.teamB]) {
			const doc = docOf(data, teamId);
			expect(doc).toMatchObject({ key: 'd1', type: 'inspection_record', max: 10, adjustments: [] });
			expect(doc.lines.length).toBeGreaterThan(3);
			for (const l of doc.lines) {
				expect(l.label).toMatch(/\S/);
				expect(l.reason).toMatch(/\S/);
				expect(typeof l.passed).toBe('boolean');
				expect(l.points).toBeLessThanOrEqual(l.max);
			}
			expect(doc.lines.reduce((n, l) => Math.round((n + l.points) * 100) / 100, 0)).toBe(doc.total);
			const stage = results.teams.find((t) => t.teamId === teamId)!.stages.find((x) => x.kind === 'document')!;
			expect(doc.total).toBe(stage.score);
		}
		const a = docOf(data, s.teamA);
		expect(a.total).toBeGreaterThan(5);
		expect(a.lines.find((l) => l.label.length && l.passed)).toBeDefined();
		const b = docOf(data, s.teamB);
		expect(b.total).toBe(0);
		expect(b.lines.every((l) => !l.passed || l.points === 0)).toBe(true);
	});

	it('refuses a judge of another drill and an officer with 403, and an unknown drill with 404', () => {
		as(s.otherJudge);
		expect(httpStatus(() => load())).toBe(403);
		as(s.a1, 'officer');
		expect(httpStatus(() => load())).toBe(403);
		as(s.judges[0]);
		expect(httpStatus(() => load(999))).toBe(404);
		expect(httpStatus(() => load())).toBeNull();
	});
});

describe('document review page before the stage opens', () => {
	it('lists the stage without any team while it has not opened', () => {
		setup(false);
		as(s.judges[0]);
		const data = load();
		expect(data.stages).toEqual([{ id: DOCUMENT, title: '文书制作', status: 'pending', teams: [] }]);
	});

	it('has no stage at all for a drill without a 文书制作 stage', () => {
		s = setupDrill();
		db = s.db;
		as(s.judges[0]);
		expect(load().stages).toEqual([]);
	});
});

describe('adjust action', () => {
	beforeEach(() => setup());

	it('changes the shown total by exactly the adjustment and lists it with its reason and judge for every judge', async () => {
		as(s.judges[0]);
		const before = docOf(load(), s.teamA).total;
		const r = await answer(adjust(valid()));
		expect(r).toEqual({
			status: 200,
			data: { action: 'adjust', stageId: DOCUMENT, teamId: s.teamA, documentKey: 'd1', message: '已为甲队调整 -1 分', isError: false }
		});
		as(s.judges[1]);
		const after = docOf(load(), s.teamA);
		expect(after.total).toBe(Math.round((before - 1) * 100) / 100);
		expect(after.checked).toBe(before);
		expect(after.adjustments).toEqual([
			expect.objectContaining({ requested: -1, applied: -1, reason: '检查情况记录过简', judge: 'judge1', isMine: false })
		]);
		// The other team's document is untouched.
		expect(docOf(load(), s.teamB).adjustments).toEqual([]);

		expect((await answer(adjust(valid({ points: '+0.5', reason: '现场处理措施表述准确' })))).status).toBe(200);
		const again = docOf(load(), s.teamA);
		expect(again.total).toBe(Math.round((before - 0.5) * 100) / 100);
		expect(again.adjustments.map((a) => [a.applied, a.reason, a.judge, a.isMine])).toEqual([
			[-1, '检查情况记录过简', 'judge1', false],
			[0.5, '现场处理措施表述准确', 'judge2', true]
		]);
		// The minus sign a Chinese keyboard or a copied 「−1」 gives counts as a minus.
		expect((await answer(adjust(valid({ points: '−1', reason: '日期书写不规范' })))).status).toBe(200);
		expect(docOf(load(), s.teamA).total).toBe(Math.round((before - 1.5) * 100) / 100);
	});

	it('refuses bad points and a missing or too long reason at the fields, in Chinese, changing nothing', async () => {
		as(s.judges[0]);
		const before = docOf(load(), s.teamA).total;
		const cases: [Record<string, string>, Record<string, string>][] = [
			[{ points: '0.3' }, { points: '分值须为 0.5 的整数倍' }],
			[{ points: '+-1' }, { points: '请输入数字' }],
			[{ points: '' }, { points: '请填写调整分值' }],
			[{ points: 'abc' }, { points: '请输入数字' }],
			[{ points: 'NaN' }, { points: '请输入数字' }],
			[{ points: 'Infinity' }, { points: '请输入数字' }],
			[{ points: '0' }, { points: '调整分值不能为 0' }],
			[{ points: '10.5' }, { points: '调整分值不能超过该文书的分值（10 分）' }],
			[{ points: '-11' }, { points: '调整分值不能超过该文书的分值（10 分）' }],
			[{ reason: '  ' }, { reason: '请填写调整理由' }],
			[{ reason: '长'.repeat(201) }, { reason: '调整理由不能超过 200 个字符' }],
			[{ points: 'abc', reason: '' }, { points: '请输入数字', reason: '请填写调整理由' }]
		];
		for (const [over, errors] of cases) {
			const r = await answer(adjust(valid(over)));
			expect({ over, status: r.status, errors: r.data.errors, isError: r.data.isError }).toEqual({ over, status: 400, errors, isError: true });
			expect(r.data).toMatchObject({ stageId: DOCUMENT, teamId: s.teamA, documentKey: 'd1', values: { points: over.points ?? '-1' } });
		}
		expect(adjustmentsOf(db, DOCUMENT)).toEqual([]);
		expect(docOf(load(), s.teamA)).toMatchObject({ total: before, adjustments: [] });
	});

	it('answers bad ids, other drills’ teams, unknown documents and outsiders in Chinese, never with a 500', async () => {
		// A second drill in the same database, whose team is not this drill's.
		const other = createDrill(db, s.trainer, {
			title: '另一场比武',
			organizer: '上饶市应急管理局',
			venue: '会议中心',
			startDate: '2026-11-29',
			endDate: '2026-11-29',
			scenarioVersionId: s.versionId,
			stages,
			teams: [{ name: '丙队', unitId: null, memberIds: [s.outsider] }],
			judgeIds: s.judges
		});
		if (!other.ok) throw new Error(other.error.code);
		const otherTeam = db.select({ id: team.id }).from(team).where(eq(team.drillId, other.value.id)).get()!.id;
		as(s.judges[0]);
		const cases: [Record<string, string>, number, string][] = [
			[{ stageId: 'x' }, 400, '请选择阶段'],
			[{ teamId: '' }, 400, '请选择队伍'],
			[{ teamId: '1e3' }, 400, '请选择队伍'],
			[{ teamId: '99' }, 409, '未找到该队伍'],
			[{ teamId: String(otherTeam) }, 409, '未找到该队伍'],
			[{ stageId: String(HAZARD) }, 409, '该阶段不是文书制作阶段'],
			[{ stageId: '999' }, 409, '未找到该比赛阶段'],
			[{ documentKey: 'dx' }, 409, '本场景没有要求这份文书'],
			[{ documentKey: '' }, 400, '请选择文书']
		];
		for (const [over, status, message] of cases) {
			const r = await answer(adjust(valid(over)));
			expect({ over, status: r.status, message: r.data.message }).toEqual({ over, status, message });
		}
		as(s.otherJudge);
		expect(await answer(adjust(valid()))).toMatchObject({ status: 403, data: { message: '您不是该比武活动的评委' } });
		as(s.a1, 'officer');
		await expect(adjust(valid())).rejects.toMatchObject({ status: 403 });
		expect(adjustmentsOf(db, DOCUMENT)).toEqual([]);
	});

	it('refuses adjustments before the stage opens', async () => {
		setup(false);
		as(s.judges[0]);
		expect(await answer(adjust(valid()))).toMatchObject({ status: 409, data: { message: '该阶段尚未开始' } });
		expect(adjustmentsOf(db, DOCUMENT)).toEqual([]);
	});
});

describe('document view page', () => {
	beforeEach(() => setup());

	it("shows a judge the team's document as saved", () => {
		as(s.judges[2]);
		const a = loadDoc(s.teamA, 'd1');
		expect(a.team.name).toBe('甲队');
		expect(a.document).toEqual({ key: 'd1', type: 'inspection_record' });
		expect(a.values).toEqual(record);
		expect(loadDoc(s.teamB, 'd1').values).toEqual({});
	});

	it('refuses outsiders with 403 and unknown teams, documents and stages with 404', () => {
		as(s.otherJudge);
		expect(httpStatus(() => loadDoc(s.teamA, 'd1'))).toBe(403);
		as(s.a1, 'officer');
		expect(httpStatus(() => loadDoc(s.teamA, 'd1'))).toBe(403);
		as(s.judges[0]);
		expect(httpStatus(() => loadDoc(99, 'd1'))).toBe(404);
		expect(httpStatus(() => loadDoc(s.teamA, 'dx'))).toBe(404);
		expect(httpStatus(() => loadDoc(s.teamA, 'd1', `?stage=${HAZARD}`))).toBe(404);
		expect(httpStatus(() => loadDoc(s.teamA, 'd1', `?stage=${DOCUMENT}`))).toBeNull();
	});
});
