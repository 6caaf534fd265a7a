/**
 * Demo content of the question bank, quizzes and courses (quiz-content/), written into the database,
 * plus a class of demo learners who already took the stand-alone quiz, so that the statistics page has
 * numbers to show. Runs inside the caller's transaction (same connection).
 */
import type { Db } from '../db';
import { course, courseQuiz, lesson, question, questionCategory, quizAttempt } from '../db/schema';
import type { Response } from '../../domain/quiz/types';
import { CATEGORIES, COURSES, QUESTIONS, STANDALONE_QUIZZES, THEORY_QUIZ, type SeedQuiz } from './quiz-content';
import { createQuiz, REVIEW_ALL } from '../quiz/quizzes';
import { saveAnswer, startAttempt, submitAttempt } from '../quiz/attempts';
import { eq } from 'drizzle-orm';
import type { Rng } from './training';

export interface QuizSeedResult {
	categories: number;
	questions: number;
	quizzes: { id: number; title: string }[];
	theoryQuizId: number;
	courses: { id: number; title: string }[];
}

export function seedQuizContent(db: Db, trainerId: number, now = Date.now()): QuizSeedResult {
	const categoryIds = new Map<string, number>();
	CATEGORIES.forEach((c, i) => {
		const row = db
			.insert(questionCategory)
			.values({ name: c.name, parentId: c.parent ? categoryIds.get(c.parent)! : null, sortOrder: i })
			.returning({ id: questionCategory.id })
			.get();
		categoryIds.set(c.key, row.id);
	});
	for (const q of QUESTIONS) {
		const { category, tags, ...data } = q;
		db.insert(question)
			.values({ ...data, categoryId: categoryIds.get(category)!, tags: tags.join(','), createdBy: trainerId })
			.run();
	}
	const makeQuiz = (q: SeedQuiz, window: { opensAt: number | null; closesAt: number | null } = { opensAt: null, closesAt: null }) => {
		const r = createQuiz(
			db,
			trainerId,
			{
				title: q.title,
				description: q.description ?? '',
				timeLimitMinutes: q.timeLimitMinutes,
				...window,
				attemptsAllowed: q.attemptsAllowed,
				passMark: q.passMark,
				shuffleOptions: true,
				// Course quizzes teach: right/wrong and the answers with explanations right after submitting.
				reviewAfterSubmit: REVIEW_ALL,
				reviewAfterClose: REVIEW_ALL,
				rules: q.rules.map((r) => ({ categoryId: categoryIds.get(r.category)!, difficulty: r.difficulty, count: r.count, points: r.points }))
			},
			'published'
		);
		if (!r.ok) throw new Error(`demo quiz 「${q.title}」: ${r.error.code} ${JSON.stringify(r.error.params ?? {})}`);
		return r.value.id;
	};
	const quizzes: { id: number; title: string }[] = [];
	const courses: { id: number; title: string }[] = [];
	for (const c of COURSES) {
		const row = db
			.insert(course)
			.values({ title: c.title, summary: c.summary, hours: c.hours, audience: c.audience, status: 'published', createdBy: trainerId })
			.returning({ id: course.id })
			.get();
		courses.push({ id: row.id, title: c.title });
		c.lessons.forEach((l, i) => db.insert(lesson).values({ courseId: row.id, sortOrder: i, title: l.title, body: l.body }).run());
		c.quizzes.forEach((q, i) => {
			const id = makeQuiz(q);
			quizzes.push({ id, title: q.title });
			db.insert(courseQuiz).values({ courseId: row.id, quizId: id, sortOrder: i }).run();
		});
	}
	for (const q of STANDALONE_QUIZZES) quizzes.push({ id: makeQuiz(q), title: q.title });
	// The drill's theory exam shows nothing but the score until the debrief (the drill decides that).
	// Closed for stand-alone use from the start (a 理论考试 stage ignores the window), so nobody can practise
	// the exam's questions before a drill uses it.
	const theoryQuizId = makeQuiz(THEORY_QUIZ, { opensAt: now - 1, closesAt: now });
	quizzes.push({ id: theoryQuizId, title: THEORY_QUIZ.title });
	return { categories: CATEGORIES.length, questions: QUESTIONS.length, quizzes, theoryQuizId, courses };
}

/**
 * Demo learners who took a quiz once: each has an ability p (0.45–0.95) and answers each question right
 * with probability p, otherwise picks a wrong option (or a wrong text). Attempts start a week before
 * `now` and are submitted by the learner.
 */
export function seedQuizAttempts(db: Db, quizId: number, learnerIds: number[], rng: Rng, now: number): number {
	let n = 0;
	learnerIds.forEach((userId, i) => {
		const startedAt = now - 7 * 86_400_000 + i * 3_600_000;
		const started = startAttempt(db, userId, quizId, startedAt, { seed: Math.floor(rng() * 2 ** 31), ignoreWindow: true });
		if (!started.ok) return;
		const attemptId = started.value.attemptId;
		const slots = db.select({ slots: quizAttempt.slots }).from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get()!.slots;
		const ability = 0.45 + rng() * 0.5;
		slots.forEach((s, slot) => {
			const q = db.select({ type: question.type, answer: question.answer, options: question.options }).from(question).where(eq(question.id, s.questionId)).get();
			if (!q || rng() < 0.03) return; // a few left blank
			const right = rng() < ability;
			const response = demoResponse(q.answer, q.options.map((o) => o.key), right, rng);
			saveAnswer(db, userId, { attemptId, slot, response, flagged: false }, startedAt + (slot + 1) * 20_000);
		});
		if (submitAttempt(db, userId, attemptId, startedAt + 10 * 60_000).ok) n++;
	});
	return n;
}

function demoResponse(answer: (typeof question.$inferSelect)['answer'], keys: string[], right: boolean, rng: Rng): Response {
	const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
	switch (answer.kind) {
		case 'single':
			return { kind: 'single', key: right ? answer.key : pick(keys.filter((k) => k !== answer.key)) };
		case 'multiple': {
			if (right) return { kind: 'multiple', keys: [...answer.keys] };
			// Typical mistakes: one right option missed, or a wrong one added.
			const wrong = keys.filter((k) => !answer.keys.includes(k));
			const keysOut = rng() < 0.5 || wrong.length === 0 ? answer.keys.slice(1) : [...answer.keys, pick(wrong)];
			return { kind: 'multiple', keys: keysOut.sort() };
		}
		case 'truefalse':
			return { kind: 'truefalse', value: right ? answer.value : !answer.value };
		case 'fill':
			return { kind: 'fill', text: right ? answer.accepted[0] : '不清楚' };
		case 'citation':
			return { kind: 'citation', text: right ? answer.citations : '《中华人民共和国安全生产法》第一条' };
	}
}

