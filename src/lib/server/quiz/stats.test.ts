import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { attemptAnswer, course, courseQuiz, drill, drillStage, question, questionCategory, quiz, quizAttempt, quizRule, scenario, scenarioVersion, user } from '../db/schema';
import type { AnswerKey, QuestionOption, QuestionType, Response } from '../../domain/quiz/types';
import { quizItemReport } from './stats';
import { quizUsage } from './quizzes';

const REVIEW = { score: true, correctness: true, answers: true, explanations: true };
const ABCD: QuestionOption[] = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` }));

function setup() {
	const db = createTestDb();
	const person = (username: string) => db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get().id;
	const learners = ['l1', 'l2', 'l3', 'l4', 'l5'].map(person);
	const categoryId = db.insert(questionCategory).values({ name: '安全生产法' }).returning().get().id;
	const addQuestion = (type: QuestionType, stem: string, answer: AnswerKey, options: QuestionOption[] = []) =>
		db.insert(question).values({ categoryId, type, stem, options, answer, status: 'active' }).returning().get().id;
	const addQuiz = (title: string, count: number) => {
		const id = db.insert(quiz).values({ title, status: 'published', reviewAfterSubmit: REVIEW, reviewAfterClose: REVIEW }).returning().get().id;
		db.insert(quizRule).values({ quizId: id, categoryId, count, points: 10 }).run();
		return id;
	};
	return { db, learners, addQuestion, addQuiz };
}

let seq = 0;
/**
 * An attempt written straight into the tables, as grading leaves it: one slot per item (10 points
 * each), a saved answer row with its points unless the response is `undefined` (never saved).
 */
function addAttempt(db: Db, quizId: number, userId: number, items: { q: number; r: Response | null | undefined; points: number }[], status: 'submitted' | 'open' = 'submitted') {
	const total = items.reduce((s, i) => s + i.points, 0);
	const id = db
		.insert(quizAttempt)
		.values({
			quizId,
			userId,
			attemptNo: ++seq,
			startedAt: 1_000,
			submittedAt: status === 'submitted' ? 2_000 : null,
			submittedBy: status === 'submitted' ? 'learner' : null,
			status,
			slots: items.map((i) => ({ questionId: i.q, points: 10, optionOrder: [] })),
			score: status === 'submitted' ? total : null,
			maxScore: items.length * 10,
			passed: status === 'submitted' ? total >= items.length * 6 : null
		})
		.returning()
		.get().id;
	items.forEach((i, slot) => {
		if (i.r !== undefined) db.insert(attemptAnswer).values({ attemptId: id, slot, response: i.r, savedAt: 1_500, points: status === 'submitted' ? i.points : null }).run();
	});
	return id;
}

const single = (key: string): Response => ({ kind: 'single', key });
const tf = (value: boolean): Response => ({ kind: 'truefalse', value });
const fill = (text: string): Response => ({ kind: 'fill', text });
const multi = (...keys: string[]): Response => ({ kind: 'multiple', keys });

/**
 * Four submitted attempts over four 10-point questions (max 40):
 *
 *            Q1 单选(B)  Q2 判断(对)  Q3 填空   Q4 多选(AC)   total
 *   A1       B 10        对 10        三十日 10  AC 10         40
 *   A2       B 10        对 10        '' 0      CA 10         30   (slots in reverse order)
 *   A3       C 0         对 10        — 0       AC 10         20
 *   A4       A 0         错 0         x 0       AC 10         10
 *
 * Facility = mean item fraction: Q1 2/4 = 50.0, Q2 3/4 = 75.0, Q3 1/4 = 25.0, Q4 4/4 = 100.0.
 * Discrimination = Pearson r × 100 between the item fraction x and the rest fraction
 * (total − item) / 30. Rest fractions are an affine function of the three-question rest, so:
 *   Q1: x = [1,1,0,0], rest = [30,20,20,10] → r = 0.5 / √(1 · 0.5) = 0.70711 → 70.7
 *   Q2: x = [1,1,1,0], rest = [30,20,10,10] → r = 0.375 / √(0.75 · 0.6875) = 0.52223 → 52.2
 *   Q3: x = [1,0,0,0], rest = [30,30,20,10] → r = 0.375 / √(0.75 · 0.6875) = 0.52223 → 52.2
 *   Q4: x does not vary → null
 * (sums in units of the rest fraction ÷ 20 for Q1–Q3, e.g. Q1: y = [1, .5, .5, 0]).
 * Mean score: 100 / 160 = 62.5%.
 */
function datasetD() {
	const s = setup();
	const { db, learners, addQuestion, addQuiz } = s;
	const q1 = addQuestion('single', '从业人员发现直接危及人身安全的**紧急情况**时，有权（　）。', { kind: 'single', key: 'B' }, ABCD);
	const q2 = addQuestion('truefalse', '生产经营单位可以与从业人员订立协议免除其对从业人员因生产安全事故伤亡依法应承担的责任。', { kind: 'truefalse', value: true });
	const q3 = addQuestion('fill', '整改期限一般不超过（　）。', { kind: 'fill', accepted: ['三十日'] });
	const q4 = addQuestion('multiple', '下列属于从业人员权利的有（　）。', { kind: 'multiple', keys: ['A', 'C'] }, ABCD);
	const quizId = addQuiz('安全生产法测验', 4);
	const [l1, l2, l3, l4, l5] = learners;
	addAttempt(db, quizId, l1, [
		{ q: q1, r: single('B'), points: 10 },
		{ q: q2, r: tf(true), points: 10 },
		{ q: q3, r: fill('三十日'), points: 10 },
		{ q: q4, r: multi('A', 'C'), points: 10 }
	]);
	addAttempt(db, quizId, l2, [
		{ q: q4, r: multi('C', 'A'), points: 10 },
		{ q: q3, r: fill('  '), points: 0 },
		{ q: q2, r: tf(true), points: 10 },
		{ q: q1, r: single('B'), points: 10 }
	]);
	addAttempt(db, quizId, l3, [
		{ q: q1, r: single('C'), points: 0 },
		{ q: q2, r: tf(true), points: 10 },
		{ q: q3, r: undefined, points: 0 },
		{ q: q4, r: multi('A', 'C'), points: 10 }
	]);
	addAttempt(db, quizId, l4, [
		{ q: q1, r: single('A'), points: 0 },
		{ q: q2, r: tf(false), points: 0 },
		{ q: q3, r: fill('x'), points: 0 },
		{ q: q4, r: multi('A', 'C'), points: 10 }
	]);
	// Not counted: an attempt still open, and a submitted attempt at another quiz with the same questions.
	addAttempt(db, quizId, l5, [{ q: q1, r: single('D'), points: 0 }], 'open');
	const other = addQuiz('另一份测验', 1);
	addAttempt(db, other, l5, [{ q: q1, r: single('D'), points: 0 }]);
	return { ...s, quizId, q1, q2, q3, q4 };
}

describe('quizItemReport', () => {
	it('works out facility, discrimination, option counts and blanks per question', () => {
		const { db, quizId, q1, q2, q3, q4 } = datasetD();
		const r = quizItemReport(db, quizId)!;
		expect(r).toMatchObject({ submitted: 4, meanPercent: 62.5, total: 4, flagged: 1, page: 1 });
		expect(r.rows.map((x) => [x.questionId, x.attempts, x.facility, x.discrimination, x.blank])).toEqual([
			[q1, 4, 50, 70.7, 0],
			[q2, 4, 75, 52.2, 0],
			[q3, 4, 25, 52.2, 2],
			[q4, 4, 100, null, 0]
		]);
	});

	it('lists every option with its count, marking the right ones; 判断题 as 对/错; none for 填空题', () => {
		const { db, quizId } = datasetD();
		const [r1, r2, r3, r4] = quizItemReport(db, quizId)!.rows;
		expect(r1.options).toEqual([
			{ key: 'A', count: 1, isRight: false },
			{ key: 'B', count: 2, isRight: true },
			{ key: 'C', count: 1, isRight: false },
			{ key: 'D', count: 0, isRight: false }
		]);
		expect(r2.options).toEqual([
			{ key: '对', count: 3, isRight: true },
			{ key: '错', count: 1, isRight: false }
		]);
		expect(r3.options).toEqual([]);
		expect(r4.options.map((o) => [o.key, o.count, o.isRight])).toEqual([
			['A', 4, true],
			['B', 0, false],
			['C', 4, true],
			['D', 0, false]
		]);
	});

	it('gives each row a plain-text stem excerpt, the type, and the flags', () => {
		const { db, quizId } = datasetD();
		const rows = quizItemReport(db, quizId)!.rows;
		expect(rows[0]).toMatchObject({ exists: true, type: 'single', excerpt: '从业人员发现直接危及人身安全的紧急情况时，有权（ ）。', flags: [] });
		expect(rows.map((x) => x.type)).toEqual(['single', 'truefalse', 'fill', 'multiple']);
		expect(rows[3].flags).toEqual(['过易']);
	});

	it('pages the questions and can keep only the flagged ones', () => {
		const { db, quizId, q3, q4 } = datasetD();
		const p2 = quizItemReport(db, quizId, { page: 2, pageSize: 2 })!;
		expect([p2.page, p2.total, p2.rows.map((x) => x.questionId)]).toEqual([2, 4, [q3, q4]]);
		const far = quizItemReport(db, quizId, { page: 9, pageSize: 2 })!;
		expect(far.page).toBe(2);
		const flagged = quizItemReport(db, quizId, { onlyFlagged: true })!;
		expect([flagged.total, flagged.flagged, flagged.rows.map((x) => x.questionId)]).toEqual([1, 1, [q4]]);
	});

	/**
	 * Three attempts, three single-choice questions (right answer A, 10 points each):
	 *   B1: Q1 A, Q2 A, Q3 B → 20 · B2: Q1 A, Q2 B, Q3 B → 10 · B3: Q1 B, Q2 B, Q3 A → 10
	 * Q3 is answered right only by a learner who got the rest wrong:
	 *   x = [0,0,1], rest fraction = [20,10,0]/20 = [1, .5, 0]; means 1/3 and .5;
	 *   Sxy = −1/6 + 0 − 1/3 = −.5, Sxx = 2/3, Syy = .5 → r = −.5 / √(1/3) = −0.86603 → −86.6
	 *   facility 1/3 → 33.3
	 * Q1: x = [1,1,0], rest = [10,0,10]/20; Sxy = −1/6, Sxx = 2/3, Syy = 1/6 → r = −0.5 → −50.0
	 * Q2: rest = [10,10,10]/20 does not vary → null; facility 33.3
	 */
	it('flags a question that the weaker learners got right (negative discrimination)', () => {
		const { db, learners, addQuestion, addQuiz } = setup();
		const q = [1, 2, 3].map((n) => addQuestion('single', `第${n}题`, { kind: 'single', key: 'A' }, ABCD));
		const quizId = addQuiz('区分度', 3);
		const row = (keys: string[]) => keys.map((k, i) => ({ q: q[i], r: single(k), points: k === 'A' ? 10 : 0 }));
		addAttempt(db, quizId, learners[0], row(['A', 'A', 'B']));
		addAttempt(db, quizId, learners[1], row(['A', 'B', 'B']));
		addAttempt(db, quizId, learners[2], row(['B', 'B', 'A']));
		const r = quizItemReport(db, quizId)!;
		expect(r.rows.map((x) => [x.facility, x.discrimination])).toEqual([
			[66.7, -50],
			[33.3, null],
			[33.3, -86.6]
		]);
		expect(r.rows[2].flags).toHaveLength(1);
		expect(r.rows[2].flags[0]).toMatch(/^区分度为负/);
		expect(r.rows[1].flags).toEqual([]);
		expect(r.flagged).toBe(2);
	});

	it('keeps a question deleted from the bank, counting the keys that were chosen', () => {
		const { db, learners, addQuiz } = setup();
		const quizId = addQuiz('已删试题', 1);
		addAttempt(db, quizId, learners[0], [{ q: 999, r: single('C'), points: 10 }]);
		const [row] = quizItemReport(db, quizId)!.rows;
		expect(row).toMatchObject({ questionId: 999, exists: false, type: null, excerpt: '（试题已从题库删除）', facility: 100, options: [{ key: 'C', count: 1, isRight: false }] });
	});

	it('is empty without submitted attempts, and null for a quiz that does not exist', () => {
		const { db, learners, addQuestion, addQuiz } = setup();
		const q1 = addQuestion('single', '题', { kind: 'single', key: 'A' }, ABCD);
		const quizId = addQuiz('空', 1);
		addAttempt(db, quizId, learners[0], [{ q: q1, r: single('A'), points: 10 }], 'open');
		expect(quizItemReport(db, quizId)).toEqual({ submitted: 0, meanPercent: null, total: 0, flagged: 0, page: 1, pageSize: 50, rows: [] });
		expect(quizItemReport(db, 12345)).toBeNull();
	});
});

// quizUsage (added to quizzes.ts for the builder's delete warning) is tested here with the rest of the builder's server reads.
describe('quizUsage', () => {
	it('lists the courses that include a quiz and the drills whose 理论考试 draws from it, each once', () => {
		const { db, addQuiz } = setup();
		const used = addQuiz('用到的测验', 1);
		const unused = addQuiz('没用到的测验', 1);
		const c1 = db.insert(course).values({ title: '主要负责人培训', hours: 2 }).returning().get().id;
		db.insert(course).values({ title: '其他课程', hours: 1 }).run();
		db.insert(courseQuiz).values({ courseId: c1, quizId: used }).run();
		const sc = db.insert(scenario).values({ title: '场景', draft: '{}' }).returning().get().id;
		const v = db.insert(scenarioVersion).values({ scenarioId: sc, number: 1, content: '{}', salt: 's' }).returning().get().id;
		const d = db.insert(drill).values({ title: '2026 年执法比武', organizer: '应急管理局', venue: '会议中心', startDate: '2026-11-29', endDate: '2026-11-29', scenarioVersionId: v }).returning().get().id;
		// Two theory stages on the same quiz still name the drill once.
		for (const position of [1, 2]) db.insert(drillStage).values({ drillId: d, kind: 'theory', title: '理论考试', weight: 10, durationMinutes: 30, position, quizId: used }).run();
		expect(quizUsage(db, used)).toEqual({ courses: [{ id: c1, title: '主要负责人培训' }], drills: [{ id: d, title: '2026 年执法比武' }] });
		expect(quizUsage(db, unused)).toEqual({ courses: [], drills: [] });
	});
});
