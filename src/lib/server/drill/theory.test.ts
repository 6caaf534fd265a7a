import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { quizAttempt, quizRule } from '../db/schema';
import { createQuiz, deleteQuiz, getQuiz } from '../quiz/quizzes';
import { quizInput } from '../quiz/test-quiz';
import type { Response } from '../../domain/quiz/types';
import { attemptView, SAVE_GRACE_MS, saveAnswer, submitAttempt, sweepExpired } from '../quiz/attempts';
import { pauseDrill, resumeDrill } from './controls';
import { closeStage, openStage, setDebriefOpen } from './drills';
import { drillResults } from './results';
import { isHiddenDrillAttempt, startTheoryAttempt, theoryContext, theoryStageInfo } from './theory';
import { MIN, setupDrill, T0 } from './test-drill';

const RIGHT: Response[] = [
	{ kind: 'single', key: 'B' },
	{ kind: 'multiple', keys: ['A', 'C'] },
	{ kind: 'truefalse', value: true },
	{ kind: 'fill', text: '60日' }
];

function setup() {
	const t = setupDrill({ theory: true });
	const stageId = 1; // the theory stage comes first
	const quiz = t.quiz!;
	const start = (userId: number, now = T0 + MIN) => {
		const r = startTheoryAttempt(t.db, userId, t.drillId, stageId, now);
		if (!r.ok) throw new Error(r.error.code);
		return r.value.attemptId;
	};
	/** Answers the first `n` test questions right. */
	const answerRight = (userId: number, attemptId: number, n: number, now = T0 + 2 * MIN) => {
		const a = t.db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get()!;
		for (let i = 0; i < n; i++) {
			const slot = a.slots.findIndex((s) => s.questionId === quiz.questionIds[i]);
			expect(saveAnswer(t.db, userId, { attemptId, slot, response: RIGHT[i], flagged: false }, now).ok).toBe(true);
		}
	};
	return { ...t, stageId, start, answerRight };
}

describe('理论考试 stage', () => {
	it('only team members take it, only while the stage is open, once each', () => {
		const t = setup();
		expect(startTheoryAttempt(t.db, t.a1, t.drillId, t.stageId, T0)).toMatchObject({ ok: false, error: { code: 'drill.stage_not_open' } });
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		expect(startTheoryAttempt(t.db, t.outsider, t.drillId, t.stageId, T0 + MIN)).toMatchObject({ ok: false, error: { code: 'drill.not_member' } });
		expect(startTheoryAttempt(t.db, t.a1, t.drillId, 2, T0 + MIN)).toMatchObject({ ok: false, error: { code: 'drill.stage_not_found' } });
		const id = t.start(t.a1);
		submitAttempt(t.db, t.a1, id, T0 + 2 * MIN);
		// The quiz allows 3 attempts elsewhere; in the drill, one.
		expect(startTheoryAttempt(t.db, t.a1, t.drillId, t.stageId, T0 + 3 * MIN)).toMatchObject({ ok: false, error: { code: 'quiz.no_attempts_left' } });
	});

	it('an attempt ends at the team’s stage end when that comes before the quiz’s time limit', () => {
		const t = setup();
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		const id = t.start(t.a1, T0 + 15 * MIN);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!.endsAt).toBe(T0 + 30 * MIN);
		const early = t.start(t.a2, T0 + MIN);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, early)).get()!.endsAt).toBe(T0 + 21 * MIN);
	});

	it('scores each team as the mean of its members, absent members counting 0, with a line per officer', () => {
		const t = setup();
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		const a1 = t.start(t.a1);
		const a2 = t.start(t.a2);
		const b1 = t.start(t.b1);
		t.answerRight(t.a1, a1, 4); // 20
		t.answerRight(t.a2, a2, 1); // 5
		t.answerRight(t.b1, b1, 4); // 20; b2 never starts
		submitAttempt(t.db, t.a1, a1, T0 + 3 * MIN);
		submitAttempt(t.db, t.a2, a2, T0 + 3 * MIN);
		// Still answering when the trainer closes the stage: submitted with what was saved.
		closeStage(t.db, t.trainer, t.drillId, t.stageId, T0 + 4 * MIN);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, b1)).get()).toMatchObject({ status: 'submitted', submittedBy: 'trainer', score: 20 });
		const results = drillResults(t.db, t.drillId)!;
		const stageOf = (teamId: number) => results.teams.find((x) => x.teamId === teamId)!.stages.find((s) => s.kind === 'theory')!;
		const a = stageOf(t.teamA);
		expect(a).toMatchObject({ score: 12.5, max: 20 });
		expect(a.lines.map((l) => [l.rule, l.points])).toEqual([
			['theory.member', 10],
			['theory.member', 2.5]
		]);
		const b = stageOf(t.teamB);
		expect(b).toMatchObject({ score: 10, max: 20 });
		expect(b.lines.map((l) => l.detail?.submitted)).toEqual([1, 0]);
		// 20 % weight: team A 12.5/20 × 20 = 12.5 points of the total from theory.
		expect(drillResults(t.db, t.drillId)).toEqual(results);
	});

	it('keeps the officer’s review closed until the debrief opens', () => {
		const t = setup();
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		t.start(t.a1);
		expect(isHiddenDrillAttempt(t.db, theoryContext(t.drillId, t.stageId))).toBe(true);
		expect(isHiddenDrillAttempt(t.db, '')).toBe(false);
		setDebriefOpen(t.db, t.trainer, t.drillId, true);
		expect(isHiddenDrillAttempt(t.db, theoryContext(t.drillId, t.stageId))).toBe(false);
		const info = theoryStageInfo(t.db, t.a1, t.drillId, t.stageId, T0 + 2 * MIN);
		expect(info.ok && info.value.attempt?.status).toBe('open');
		expect(JSON.stringify(info)).not.toContain('秘密');
	});
});

describe('a quiz a drill uses', () => {
	it('cannot be deleted, even before anyone took it; a quiz no drill uses can', () => {
		const t = setup();
		const quizId = t.quiz!.quizId;
		expect(deleteQuiz(t.db, t.trainer, quizId)).toMatchObject({ ok: false, error: { code: 'quiz.in_drill' } });
		expect(getQuiz(t.db, quizId)).toBeTruthy();
		const spare = createQuiz(t.db, t.trainer, quizInput({ title: '没有比武使用的测验' }, t.db.select().from(quizRule).where(eq(quizRule.quizId, quizId)).get()!.categoryId));
		if (!spare.ok) throw new Error(spare.error.code);
		expect(deleteQuiz(t.db, t.trainer, spare.value.id).ok).toBe(true);
		expect(getQuiz(t.db, spare.value.id)).toBeFalsy();
	});
});

describe('a pause of the drill', () => {
	it('stops the 理论考试 clock: no answers, no start and no submit by the server while paused; the end moves by the pause', () => {
		const t = setup();
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		const id = t.start(t.a1, T0 + MIN); // ends at T0 + 21 min (20-minute limit)
		const endsAt = () => t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!;
		const save = (now: number) => saveAnswer(t.db, t.a1, { attemptId: id, slot: 0, response: null, flagged: true }, now);
		expect(pauseDrill(t.db, t.trainer, t.drillId, '停电', T0 + 10 * MIN).ok).toBe(true);

		expect(save(T0 + 11 * MIN)).toMatchObject({ ok: false, error: { code: 'attempt.paused' } });
		expect(startTheoryAttempt(t.db, t.a2, t.drillId, t.stageId, T0 + 11 * MIN)).toMatchObject({ ok: false, error: { code: 'drill.paused' } });
		const view = attemptView(t.db, t.a1, id, (md) => md, T0 + 11 * MIN);
		expect(view.ok && view.value.paused).toBe(true);
		// Past the old end (and its grace) during the pause: still open.
		expect(sweepExpired(t.db, T0 + 25 * MIN)).toBe(0);
		expect(endsAt()).toMatchObject({ status: 'open', endsAt: T0 + 21 * MIN });

		expect(resumeDrill(t.db, t.trainer, t.drillId, T0 + 30 * MIN).ok).toBe(true);
		expect(endsAt()).toMatchObject({ status: 'open', endsAt: T0 + 41 * MIN });
		expect(save(T0 + 31 * MIN).ok).toBe(true);
		const after = attemptView(t.db, t.a1, id, (md) => md, T0 + 31 * MIN);
		expect(after.ok && after.value.paused).toBe(false);
		expect(sweepExpired(t.db, T0 + 41 * MIN)).toBe(0);
		expect(sweepExpired(t.db, T0 + 41 * MIN + SAVE_GRACE_MS + 1)).toBe(1);
		expect(endsAt()).toMatchObject({ status: 'submitted', submittedBy: 'server', submittedAt: T0 + 41 * MIN });
	});

	it('leaves stand-alone attempts and other drills’ attempts alone', () => {
		const t = setup();
		openStage(t.db, t.trainer, t.drillId, t.stageId, T0);
		const id = t.start(t.a1, T0 + MIN);
		// Another drill's attempt of the same shape: the context names drill 999.
		t.db.update(quizAttempt).set({ context: 'drill:999:1' }).where(eq(quizAttempt.id, id)).run();
		pauseDrill(t.db, t.trainer, t.drillId, '停电', T0 + 2 * MIN);
		expect(saveAnswer(t.db, t.a1, { attemptId: id, slot: 0, response: null, flagged: true }, T0 + 3 * MIN).ok).toBe(true);
		resumeDrill(t.db, t.trainer, t.drillId, T0 + 5 * MIN);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!.endsAt).toBe(T0 + 21 * MIN);
	});
});
