import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import { openStage } from './drills';
import { judgeSheet, lockJudgedStage, saveJudgeScores, setRubric, unlockJudgedStage } from './judging';
import { drillResults } from './results';
import { setupDrill, T0 } from './test-drill';

const CONDUCT = 3;

/** Every judge gives team A `a` and team B `b` on every item of the default rubric (5 items of 4). */
function scoreAll(s: ReturnType<typeof setupDrill>, perJudge: [number, number][]) {
	perJudge.forEach(([a, b], i) => {
		const points = (v: number) => Object.fromEntries(['r1', 'r2', 'r3', 'r4', 'r5'].map((k) => [k, v]));
		expect(saveJudgeScores(s.db, s.judges[i], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: points(a) }, T0).ok).toBe(true);
		expect(saveJudgeScores(s.db, s.judges[i], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamB, points: points(b) }, T0).ok).toBe(true);
	});
}

const conductOf = (s: ReturnType<typeof setupDrill>, teamId: number) => drillResults(s.db, s.drillId)!.teams.find((t) => t.teamId === teamId)!.stages.find((x) => x.kind === 'conduct')!;

describe('judged stage', () => {
	it('refuses scores before the stage opens, from a judge of another drill, and for a team of no drill', () => {
		const s = setupDrill();
		const input = { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 3 } };
		expect(saveJudgeScores(s.db, s.judges[0], input, T0)).toEqual({ ok: false, error: { code: 'drill.stage_not_open' } });
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0);
		expect(saveJudgeScores(s.db, s.otherJudge, input, T0)).toEqual({ ok: false, error: { code: 'drill.not_judge' } });
		expect(saveJudgeScores(s.db, s.a1, input, T0)).toEqual({ ok: false, error: { code: 'drill.not_judge' } });
		expect(saveJudgeScores(s.db, s.judges[0], { ...input, teamId: 99 }, T0)).toEqual({ ok: false, error: { code: 'drill.team_not_found' } });
		expect(saveJudgeScores(s.db, s.judges[0], { ...input, stageId: 1 }, T0)).toEqual({ ok: false, error: { code: 'drill.stage_not_judged' } });
		expect(conductOf(s, s.teamA).score).toBe(0);
	});

	it('refuses out-of-range points as a whole, writing nothing', () => {
		const s = setupDrill();
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0);
		const r = saveJudgeScores(s.db, s.judges[0], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 3, r2: 9, r9: 1 } }, T0);
		expect(r).toEqual({
			ok: false,
			error: { code: 'judge.bad_points' },
			problems: [
				{ code: 'judge.points_range', key: 'r2' },
				{ code: 'judge.unknown_item', key: 'r9' }
			]
		});
		const sheet = judgeSheet(s.db, s.judges[0], s.drillId);
		expect(sheet.ok && sheet.value.stages[0].mine).toEqual({});
	});

	it('shows each judge only their own points; the chief sees how many judges finished each team', () => {
		const s = setupDrill();
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0);
		scoreAll(s, [[4, 2], [3, 2]]);
		saveJudgeScores(s.db, s.judges[2], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 1 } }, T0);
		const second = judgeSheet(s.db, s.judges[1], s.drillId);
		if (!second.ok) throw new Error(second.error.code);
		expect(second.value.isChief).toBe(false);
		expect(second.value.stages[0].mine[s.teamA]).toEqual({ r1: 3, r2: 3, r3: 3, r4: 3, r5: 3 });
		expect(second.value.stages[0].complete).toBeNull();
		const chief = judgeSheet(s.db, s.judges[0], s.drillId);
		if (!chief.ok) throw new Error(chief.error.code);
		expect(chief.value.stages[0].mine[s.teamA].r1).toBe(4);
		// Judge 3 scored one item of five for team A: not complete.
		expect(chief.value.stages[0].complete).toEqual({ [s.teamA]: 2, [s.teamB]: 2 });
		expect(judgeSheet(s.db, s.otherJudge, s.drillId)).toEqual({ ok: false, error: { code: 'drill.not_judge' } });
	});

	it('scores the plain mean under five judges and drops the highest and lowest from five on', () => {
		const three = setupDrill({ judges: 3 });
		openStage(three.db, three.trainer, three.drillId, CONDUCT, T0);
		scoreAll(three, [[4, 1], [3, 2], [2, 4]]);
		// Mean of 4, 3, 2 = 3 per item, five items.
		expect(conductOf(three, three.teamA)).toMatchObject({ score: 15, max: 20 });
		// 1, 2, 4 → 7/3 = 2.333… per item; each line rounds to 2.33.
		expect(conductOf(three, three.teamB)).toMatchObject({ score: 11.65, max: 20 });

		const five = setupDrill({ judges: 5 });
		openStage(five.db, five.trainer, five.drillId, CONDUCT, T0);
		scoreAll(five, [[4, 0], [4, 1], [3, 1], [0, 2], [4, 4]]);
		// A: drop 4 and 0 → mean(4, 3, 4) = 11/3 → 3.67 per item. B: drop 4 and 0 → mean(1, 1, 2) = 4/3 → 1.33.
		expect(conductOf(five, five.teamA).score).toBe(18.35);
		expect(conductOf(five, five.teamB).score).toBe(6.65);
		// The stage weighs 20 of 100: A's total is 20 × 18.35 / 20.
		expect(drillResults(five.db, five.drillId)!.teams.find((t) => t.teamId === five.teamA)!.total).toBe(18.35);
	});

	it('lets only the chief lock; after the lock nobody can change a score until a trainer unlocks', () => {
		const s = setupDrill();
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0);
		scoreAll(s, [[4, 2]]);
		expect(lockJudgedStage(s.db, s.judges[1], s.drillId, CONDUCT, T0)).toEqual({ ok: false, error: { code: 'drill.not_chief' } });
		expect(lockJudgedStage(s.db, s.judges[0], s.drillId, CONDUCT, T0 + 1)).toEqual({ ok: true, value: null });
		const input = { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 0 } };
		expect(saveJudgeScores(s.db, s.judges[0], input, T0 + 2)).toEqual({ ok: false, error: { code: 'drill.stage_locked' } });
		expect(conductOf(s, s.teamA).score).toBe(20);
		expect(unlockJudgedStage(s.db, s.trainer, s.drillId, CONDUCT, '评委录入错误', T0 + 3).ok).toBe(true);
		expect(saveJudgeScores(s.db, s.judges[0], input, T0 + 4).ok).toBe(true);
		expect(conductOf(s, s.teamA).score).toBe(16);
		const actions = s.db.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.entity, 'drill')).all().map((a) => a.action);
		expect(actions.filter((a) => a === 'drill.judge_score')).toHaveLength(3);
		expect(actions).toContain('drill.judge_lock');
		expect(actions).toContain('drill.judge_unlock');
	});

	it('lets the trainer change the rubric only before any judge has scored', () => {
		const s = setupDrill();
		const rubric = [{ key: 'r1', title: '着装', maxPoints: 10 }];
		expect(setRubric(s.db, s.trainer, s.drillId, CONDUCT, rubric).ok).toBe(true);
		expect(setRubric(s.db, s.trainer, s.drillId, 1, rubric)).toEqual({ ok: false, error: { code: 'drill.stage_not_judged' } });
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0);
		saveJudgeScores(s.db, s.judges[0], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamA, points: { r1: 7 } }, T0);
		expect(setRubric(s.db, s.trainer, s.drillId, CONDUCT, rubric)).toEqual({ ok: false, error: { code: 'drill.scores_exist' } });
		expect(conductOf(s, s.teamA)).toMatchObject({ score: 7, max: 10 });
	});
});
