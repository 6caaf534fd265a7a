import { beforeEach, describe, expect, it, vi } from 'vitest';
import { error, isActionFailure, isHttpError } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import { openStage } from '$lib/server/drill/drills';
import { judgeSheet, saveJudgeScores } from '$lib/server/drill/judging';
import { setupDrill, T0 } from '$lib/server/drill/test-drill';

// The page's own checks run for real; only "who is signed in" and "which database" are stubbed.
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

const CONDUCT = 3;
let s: ReturnType<typeof setupDrill>;
const as = (id: number, role: 'judge' | 'officer' = 'judge') => (current = { id, username: `u${id}`, displayName: `u${id}`, unitId: null, roles: [role] });

beforeEach(() => {
	s = setupDrill();
	db = s.db;
	current = null;
});

const load = (drillId = s.drillId) => page.load({ params: { drillId: String(drillId) } } as never) as Record<string, unknown> & { stages: { mine: unknown }[] };

function act(name: 'save' | 'lock', fields: Record<string, string>, drillId = s.drillId) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	const request = new Request('http://x/judging', { method: 'POST', body: fd });
	return page.actions[name]!({ request, params: { drillId: String(drillId) } } as never);
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

describe('judge scoring page load', () => {
	it('refuses a judge of another drill with 403 and an unknown drill with 404', () => {
		as(s.otherJudge);
		expect(httpStatus(() => load())).toBe(403);
		as(s.judges[0]);
		expect(httpStatus(() => load(999))).toBe(404);
	});

	it("gives the drill's title and only this judge's own points", () => {
		openStage(db, s.trainer, s.drillId, CONDUCT, T0);
		saveJudgeScores(db, s.judges[1], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 2 } }, T0);
		saveJudgeScores(db, s.judges[0], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 4 } }, T0);
		as(s.judges[1]);
		const data = load();
		expect(data.drill).toEqual({ id: s.drillId, title: '测试比武' });
		expect(data.isChief).toBe(false);
		expect(data.stages).toHaveLength(1);
		expect(data.stages[0].mine).toEqual({ [s.teamA]: { r1: 2 } });
	});
});

describe('save action', () => {
	beforeEach(() => {
		openStage(db, s.trainer, s.drillId, CONDUCT, T0);
		as(s.judges[1]);
	});
	const mine = () => {
		const sheet = judgeSheet(db, s.judges[1], s.drillId);
		return sheet.ok ? sheet.value.stages[0].mine : null;
	};

	it('saves the filled items, leaves blanks out and names the team', async () => {
		const r = await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: '３．５', p_r2: '', p_r3: '4' }));
		expect(r).toEqual({ status: 200, data: { action: 'save', stageId: CONDUCT, teamId: s.teamA, message: '已保存 甲队', isError: false } });
		expect(mine()).toEqual({ [s.teamA]: { r1: 3.5, r3: 4 } });
	});

	it('marks fields that are not numbers, and fields out of range or off the 0.5 step, saving nothing', async () => {
		const notNumber = await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: 'abc', p_r2: '3' }));
		expect(notNumber.status).toBe(400);
		expect(notNumber.data.errors).toEqual({ p_r1: '请输入数字' });
		expect(notNumber.data.values).toMatchObject({ p_r1: 'abc', p_r2: '3' });
		const bad = await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: '9', p_r2: '1.3', p_r3: '2' }));
		expect(bad.status).toBe(400);
		expect(bad.data).toMatchObject({ teamId: s.teamA, isError: true, errors: { p_r1: '分值应在 0 到满分之间', p_r2: '分值须为 0.5 的整数倍' } });
		expect(mine()).toEqual({});
	});

	it('refuses an all-blank row', async () => {
		const r = await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: '' }));
		expect(r.status).toBe(400);
		expect(r.data.message).toBe('请至少填写一项得分');
	});

	it('answers bad ids, other drills\u2019 teams and non-judged stages in Chinese, never with a 500', async () => {
		const cases: [Record<string, string>, number, string][] = [
			[{ stageId: 'x', teamId: '1', p_r1: '1' }, 400, '请选择阶段'],
			[{ stageId: String(CONDUCT), p_r1: '1' }, 400, '请选择队伍'],
			[{ stageId: String(CONDUCT), teamId: '99', p_r1: '1' }, 404, '未找到该队伍'],
			[{ stageId: '1', teamId: String(s.teamA), p_r1: '1' }, 409, '该阶段不是评委打分阶段'],
			[{ stageId: '999', teamId: String(s.teamA), p_r1: '1' }, 404, '未找到该比赛阶段'],
			[{ stageId: String(CONDUCT), teamId: String(s.teamA), p_r9: '1' }, 400, '评分项不存在，请刷新页面']
		];
		for (const [fields, status, message] of cases) {
			const r = await answer(act('save', fields));
			expect({ fields, status: r.status, message: r.data.message }).toEqual({ fields, status, message });
		}
		as(s.otherJudge);
		expect(await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: '1' }))).toMatchObject({
			status: 403,
			data: { message: '您不是该比武活动的评委' }
		});
	});
});

describe('lock action', () => {
	beforeEach(() => openStage(db, s.trainer, s.drillId, CONDUCT, T0));

	it('lets only the chief judge lock, after which saving is refused', async () => {
		as(s.judges[1]);
		expect(await answer(act('lock', { stageId: String(CONDUCT) }))).toMatchObject({ status: 403, data: { message: '只有主评委可以锁定评分', stageId: CONDUCT } });
		as(s.judges[0]);
		expect(await answer(act('lock', { stageId: 'abc' }))).toMatchObject({ status: 400, data: { message: '请选择阶段' } });
		expect(await answer(act('lock', { stageId: String(CONDUCT) }))).toMatchObject({ status: 200, data: { action: 'lock', stageId: CONDUCT, isError: false } });
		expect(await answer(act('lock', { stageId: String(CONDUCT) }))).toMatchObject({ status: 409, data: { message: '主评委已锁定本阶段评分，不能再修改' } });
		expect(await answer(act('save', { stageId: String(CONDUCT), teamId: String(s.teamA), p_r1: '1' }))).toMatchObject({
			status: 409,
			data: { message: '主评委已锁定本阶段评分，不能再修改' }
		});
	});
});
