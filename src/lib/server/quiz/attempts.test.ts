import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { attemptAnswer, auditLog, course, courseCompletion, courseQuiz, lesson, lessonProgress, question, quizAttempt } from '../db/schema';
import type { Response } from '../../domain/quiz/types';
import {
	attemptView,
	checkResponse,
	learnerQuizzes,
	myAttempts,
	quizStartInfo,
	regradePreview,
	regradeQuiz,
	reviewView,
	SAVE_GRACE_MS,
	saveAnswer,
	startAttempt,
	submitAttempt,
	sweepExpired
} from './attempts';
import { mkUser, seedTestQuiz, TEST_QUESTIONS } from './test-quiz';
import { setQuizStatus } from './quizzes';

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const MIN = 60_000;
const render = (md: string) => `<p>${md}</p>`;

/** Right answers by test question index (0 单选, 1 多选, 2 判断, 3 填空). */
const RIGHT: Response[] = [
	{ kind: 'single', key: 'B' },
	{ kind: 'multiple', keys: ['A', 'C'] },
	{ kind: 'truefalse', value: true },
	{ kind: 'fill', text: '６０日' }
];

function setup(over = {}) {
	const db = createTestDb();
	const trainer = mkUser(db, 'trainer', 'trainer');
	const learner = mkUser(db, 'learner');
	const other = mkUser(db, 'other');
	const q = seedTestQuiz(db, trainer, over);
	const start = (userId = learner, now = T0) => {
		const r = startAttempt(db, userId, q.quizId, now, { seed: 7 });
		if (!r.ok) throw new Error(r.error.code);
		return r.value.attemptId;
	};
	/** The slot of test question i in an attempt. */
	const slotOf = (attemptId: number, i: number) => {
		const a = db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get()!;
		return a.slots.findIndex((s) => s.questionId === q.questionIds[i]);
	};
	const answer = (attemptId: number, i: number, response: Response | null, now = T0 + MIN, userId = learner) =>
		saveAnswer(db, userId, { attemptId, slot: slotOf(attemptId, i), response, flagged: false }, now);
	return { db, trainer, learner, other, ...q, start, slotOf, answer };
}

describe('starting and resuming', () => {
	it('draws every question once, in one attempt that a refresh or second device resumes', () => {
		const t = setup();
		const id = t.start();
		const a = t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!;
		expect(a.slots.map((s) => s.questionId).sort((x, y) => x - y)).toEqual([...t.questionIds].sort((x, y) => x - y));
		expect(a.endsAt).toBe(T0 + 10 * MIN);
		expect(a.maxScore).toBe(20);
		const again = startAttempt(t.db, t.learner, t.quizId, T0 + MIN);
		expect(again).toEqual({ ok: true, value: { attemptId: id, resumed: true } });
	});

	it('refuses a new attempt when the allowed attempts are used up', () => {
		const t = setup({ attemptsAllowed: 1 });
		const id = t.start();
		expect(submitAttempt(t.db, t.learner, id, T0 + MIN).ok).toBe(true);
		expect(startAttempt(t.db, t.learner, t.quizId, T0 + 2 * MIN)).toMatchObject({ ok: false, error: { code: 'quiz.no_attempts_left' } });
		expect(quizStartInfo(t.db, t.learner, t.quizId, T0 + 2 * MIN)?.blocked).toBe('quiz.no_attempts_left');
	});

	it('respects the window and the publication', () => {
		const t = setup({ opensAt: T0 + MIN, closesAt: T0 + 60 * MIN });
		expect(startAttempt(t.db, t.learner, t.quizId, T0)).toMatchObject({ ok: false, error: { code: 'quiz.not_open_yet' } });
		expect(startAttempt(t.db, t.learner, t.quizId, T0 + 60 * MIN)).toMatchObject({ ok: false, error: { code: 'quiz.closed' } });
		// An attempt started 5 minutes before the close ends at the close, not after its 10 minutes.
		const r = startAttempt(t.db, t.learner, t.quizId, T0 + 55 * MIN);
		expect(r.ok).toBe(true);
		const a = t.db.select().from(quizAttempt).get()!;
		expect(a.endsAt).toBe(T0 + 60 * MIN);
		setQuizStatus(t.db, t.trainer, t.quizId, 'draft');
		expect(startAttempt(t.db, t.other, t.quizId, T0 + 56 * MIN)).toMatchObject({ ok: false, error: { code: 'quiz.not_published' } });
	});
});

describe('autosave', () => {
	it('saves the caller’s own answers only, of the right kind for the question', () => {
		const t = setup();
		const id = t.start();
		expect(t.answer(id, 0, RIGHT[0])).toEqual({ ok: true, value: { savedAt: T0 + MIN } });
		expect(t.answer(id, 0, RIGHT[0], T0 + MIN, t.other)).toMatchObject({ ok: false, error: { code: 'attempt.not_found' } });
		expect(t.answer(id, 0, { kind: 'truefalse', value: true })).toMatchObject({ ok: false, error: { code: 'attempt.bad_response' } });
		expect(t.answer(id, 0, { kind: 'single', key: 'Z' })).toMatchObject({ ok: false, error: { code: 'attempt.bad_response' } });
		expect(saveAnswer(t.db, t.learner, { attemptId: id, slot: 99, response: null, flagged: false }, T0)).toMatchObject({ ok: false, error: { code: 'attempt.bad_slot' } });
		// A later save of the same slot replaces the earlier one.
		t.answer(id, 0, { kind: 'single', key: 'A' }, T0 + 2 * MIN);
		const rows = t.db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, id)).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].response).toEqual({ kind: 'single', key: 'A' });
	});

	it('checkResponse rejects duplicate or unknown keys and over-long text', () => {
		expect(checkResponse('multiple', ['A', 'B'], { kind: 'multiple', keys: ['A', 'A'] })).toBe(false);
		expect(checkResponse('multiple', ['A', 'B'], { kind: 'multiple', keys: ['B', 'A'] })).toBe(true);
		expect(checkResponse('fill', [], { kind: 'fill', text: 'x'.repeat(501) })).toBe(false);
		expect(checkResponse('citation', [], null)).toBe(true);
	});

	it('accepts a save 1 s before the end and within the grace; refuses after, submitting what was saved', () => {
		const t = setup();
		const id = t.start();
		const end = T0 + 10 * MIN;
		expect(t.answer(id, 0, RIGHT[0], end - 1000).ok).toBe(true);
		expect(t.answer(id, 1, RIGHT[1], end + SAVE_GRACE_MS).ok).toBe(true);
		expect(t.answer(id, 2, RIGHT[2], end + SAVE_GRACE_MS + 1000)).toMatchObject({ ok: false, error: { code: 'attempt.time_up' } });
		const a = t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!;
		expect(a).toMatchObject({ status: 'submitted', submittedBy: 'server', submittedAt: end, score: 10, passed: false });
	});
});

describe('grading and submitting', () => {
	it('grades each question: single 5, multiple partial 2.5, true/false 0, full-width fill 5 → 12.5 of 20, passed at 60%', () => {
		const t = setup();
		const id = t.start();
		t.answer(id, 0, RIGHT[0]);
		t.answer(id, 1, { kind: 'multiple', keys: ['A'] });
		t.answer(id, 2, { kind: 'truefalse', value: false });
		t.answer(id, 3, RIGHT[3]);
		expect(submitAttempt(t.db, t.learner, id, T0 + 2 * MIN)).toEqual({ ok: true, value: { score: 12.5, passed: true, by: 'learner' } });
		expect(submitAttempt(t.db, t.learner, id, T0 + 3 * MIN)).toMatchObject({ ok: false, error: { code: 'attempt.submitted' } });
		expect(t.answer(id, 2, RIGHT[2], T0 + 3 * MIN)).toMatchObject({ ok: false, error: { code: 'attempt.submitted' } });
		const points = t.db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, id)).all();
		expect(points).toHaveLength(4);
		expect(points.map((p) => p.points).sort()).toEqual([0, 2.5, 5, 5]);
	});

	it('the sweeper submits attempts past their end (plus grace) with what was saved', () => {
		const t = setup();
		const id = t.start();
		const other = t.start(t.other, T0 + 5 * MIN);
		t.answer(id, 0, RIGHT[0]);
		expect(sweepExpired(t.db, T0 + 10 * MIN + SAVE_GRACE_MS)).toBe(0);
		expect(sweepExpired(t.db, T0 + 10 * MIN + SAVE_GRACE_MS + 1)).toBe(1);
		const a = t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!;
		expect(a).toMatchObject({ status: 'submitted', submittedBy: 'server', score: 5 });
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, other)).get()!.status).toBe('open');
		expect(myAttempts(t.db, t.learner, t.quizId, '', T0 + 11 * MIN)[0]).toMatchObject({ status: 'submitted', submittedBy: 'server' });
	});
});

describe('what the learner sees', () => {
	it('an open attempt shows stems and options, never answers or explanations', () => {
		const t = setup();
		const id = t.start();
		const v = attemptView(t.db, t.learner, id, render, T0 + MIN);
		expect(v.ok).toBe(true);
		if (!v.ok) return;
		expect(v.value.questions).toHaveLength(4);
		const json = JSON.stringify(v.value);
		for (const q of TEST_QUESTIONS) expect(json).not.toContain(q.explanation);
		expect(json).not.toContain('六十日');
		expect(json).not.toContain('"answer"');
		expect(attemptView(t.db, t.other, id, render, T0 + MIN)).toMatchObject({ ok: false, error: { code: 'attempt.not_found' } });
	});

	it('review after submit follows the options: score and right/wrong now, answers and explanations after the close', () => {
		const t = setup({ closesAt: T0 + 60 * MIN });
		const id = t.start();
		t.answer(id, 0, RIGHT[0]);
		submitAttempt(t.db, t.learner, id, T0 + 2 * MIN);
		const now = reviewView(t.db, { id: t.learner, isStaff: false }, id, render, T0 + 3 * MIN);
		expect(now.ok && now.value.score).toBe(5);
		expect(now.ok && now.value.questions.every((q) => q.line !== null && q.answerText === null && q.explanationHtml === null)).toBe(true);
		const later = reviewView(t.db, { id: t.learner, isStaff: false }, id, render, T0 + 61 * MIN);
		expect(later.ok && later.value.questions.every((q) => q.answerText !== null && q.explanationHtml !== null)).toBe(true);
		expect(reviewView(t.db, { id: t.other, isStaff: false }, id, render, T0 + 61 * MIN)).toMatchObject({ ok: false });
		const hidden = reviewView(t.db, { id: t.learner, isStaff: false }, id, render, T0 + 61 * MIN, true);
		expect(hidden.ok && hidden.value.score === null && hidden.value.questions.every((q) => q.line === null && q.answerText === null)).toBe(true);
	});
});

describe('regrade', () => {
	it('shows the change before applying it, applies it audited, and a second run changes nothing', () => {
		const t = setup();
		const id = t.start();
		t.answer(id, 0, { kind: 'single', key: 'A' });
		submitAttempt(t.db, t.learner, id, T0 + 2 * MIN);
		expect(regradePreview(t.db, t.quizId).changes).toEqual([]);
		// The key was wrong: A is declared right.
		t.db.update(question).set({ answer: { kind: 'single', key: 'A' } }).where(eq(question.id, t.questionIds[0])).run();
		const preview = regradePreview(t.db, t.quizId);
		expect(preview.changes).toEqual([{ attemptId: id, oldScore: 0, newScore: 5, delta: 5, oldPassed: false, newPassed: false, userName: 'learner' }]);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!.score).toBe(0);
		expect(regradeQuiz(t.db, t.trainer, t.quizId, '单选题答案有误', T0 + 5 * MIN)).toEqual({ ok: true, value: { attempts: 1, changed: 1 } });
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()!.score).toBe(5);
		const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'quiz.regrade')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0].reason).toBe('单选题答案有误');
		expect(regradePreview(t.db, t.quizId).changes).toEqual([]);
	});
});

describe('course completion', () => {
	it('a course quiz passed when the server submits it at the end completes the course and credits its hours', () => {
		const t = setup();
		const courseId = t.db.insert(course).values({ title: '测试课程', hours: 4, status: 'published' }).returning().get().id;
		const lessonId = t.db.insert(lesson).values({ courseId, sortOrder: 0, title: '第一课', body: '正文' }).returning().get().id;
		t.db.insert(courseQuiz).values({ courseId, quizId: t.quizId }).run();
		t.db.insert(lessonProgress).values({ userId: t.learner, lessonId, readAt: T0 }).run();
		const id = t.start();
		RIGHT.forEach((r, i) => t.answer(id, i, r));
		expect(t.db.select().from(courseCompletion).all()).toEqual([]);
		// Nobody submits: the sweeper does, after the end and the grace.
		sweepExpired(t.db, T0 + 10 * MIN + SAVE_GRACE_MS + 1);
		expect(t.db.select().from(quizAttempt).where(eq(quizAttempt.id, id)).get()).toMatchObject({ submittedBy: 'server', score: 20, passed: true });
		const done = t.db.select().from(courseCompletion).all();
		expect(done).toHaveLength(1);
		expect(done[0]).toMatchObject({ userId: t.learner, courseId, hours: 4 });
	});

	it('a failed attempt completes nothing', () => {
		const t = setup();
		const courseId = t.db.insert(course).values({ title: '测试课程', hours: 4, status: 'published' }).returning().get().id;
		t.db.insert(courseQuiz).values({ courseId, quizId: t.quizId }).run();
		const id = t.start();
		t.answer(id, 0, RIGHT[0]);
		submitAttempt(t.db, t.learner, id, T0 + 2 * MIN);
		expect(t.db.select().from(courseCompletion).all()).toEqual([]);
	});
});

describe('a drill’s theory quiz', () => {
	it('cannot be taken on its own once a drill stage uses it, and is not listed for learners', () => {
		const t = setup();
		expect(learnerQuizzes(t.db, t.learner, T0).map((q) => q.id)).toEqual([t.quizId]);
		// A stage row pointing at the quiz is all that matters here (no drill machinery needed): insert it raw.
		t.db.$client.pragma('foreign_keys = OFF');
		t.db.$client.prepare("insert into drill_stage (drill_id, kind, title, weight, duration_minutes, position, quiz_id) values (999, 'theory', '理论考试', 20, 30, 0, ?)").run(t.quizId);
		expect(startAttempt(t.db, t.learner, t.quizId, T0)).toMatchObject({ ok: false, error: { code: 'quiz.drill_only' } });
		expect(quizStartInfo(t.db, t.learner, t.quizId, T0)?.blocked).toBe('quiz.drill_only');
		expect(learnerQuizzes(t.db, t.learner, T0)).toEqual([]);
	});
});
