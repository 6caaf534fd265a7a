import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '../db';
import { createTestDb } from '../db/test-db';
import { question, questionCategory } from '../db/schema';
import { bankForDraw, getQuiz } from './quizzes';
import { startAttempt } from './attempts';
import { mkUser, seedTestBank, seedTestQuiz } from './test-quiz';

/**
 * bankForDraw keeps its answer per database and rebuilds it when the bank changes in any way the draw
 * can see, whoever wrote the change (here: plain updates that bypass bank.ts and its version bump).
 */
describe('bankForDraw', () => {
	function setup() {
		const db = createTestDb();
		const bank = seedTestBank(db);
		return { db, ...bank };
	}

	it('lists every question with its draw fields and every category', () => {
		const { db, categoryId, questionIds } = setup();
		expect(bankForDraw(db)).toEqual({
			questions: [
				{ id: questionIds[0], categoryId, difficulty: 1, status: 'active', optionKeys: ['A', 'B', 'C'] },
				{ id: questionIds[1], categoryId, difficulty: 2, status: 'active', optionKeys: ['A', 'B', 'C', 'D'] },
				{ id: questionIds[2], categoryId, difficulty: 1, status: 'active', optionKeys: [] },
				{ id: questionIds[3], categoryId, difficulty: 2, status: 'active', optionKeys: [] }
			],
			categories: [{ id: categoryId, parentId: null }]
		});
	});

	it('gives the same frozen object back while nothing changed', () => {
		const { db } = setup();
		const first = bankForDraw(db);
		expect(bankForDraw(db)).toBe(first);
		expect(Object.isFrozen(first.questions)).toBe(true);
		expect(Object.isFrozen(first.questions[0])).toBe(true);
		expect(() => (first.questions as unknown[]).push(1)).toThrow();
	});

	it('sees a status change', () => {
		const { db, questionIds } = setup();
		bankForDraw(db);
		db.update(question).set({ status: 'retired' }).where(eq(question.id, questionIds[2])).run();
		expect(bankForDraw(db).questions.map((q) => q.status)).toEqual(['active', 'active', 'retired', 'active']);
	});

	it('sees changed options even when the version stays', () => {
		const { db, questionIds } = setup();
		bankForDraw(db);
		db.update(question)
			.set({ options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }] })
			.where(eq(question.id, questionIds[0]))
			.run();
		expect(bankForDraw(db).questions[0].optionKeys).toEqual(['A', 'B']);
	});

	it('sees a difficulty change, a moved question, a new question and a deleted one', () => {
		const { db, categoryId, questionIds } = setup();
		bankForDraw(db);
		const other = db.insert(questionCategory).values({ name: '子分类', parentId: categoryId }).returning().get().id;
		db.update(question).set({ difficulty: 3, categoryId: other }).where(eq(question.id, questionIds[1])).run();
		db.delete(question).where(eq(question.id, questionIds[3])).run();
		const added = db
			.insert(question)
			.values({ categoryId, type: 'truefalse', stem: '新题', options: [], answer: { kind: 'truefalse', value: false }, status: 'draft' })
			.returning()
			.get().id;
		const bank = bankForDraw(db);
		expect(bank.questions.map((q) => [q.id, q.categoryId, q.difficulty, q.status])).toEqual([
			[questionIds[0], categoryId, 1, 'active'],
			[questionIds[1], other, 3, 'active'],
			[questionIds[2], categoryId, 1, 'active'],
			[added, categoryId, 2, 'draft']
		]);
		expect(bank.categories).toContainEqual({ id: other, parentId: categoryId });
		expect(bank.categories).toHaveLength(2);
	});

	it('keeps one answer per database', () => {
		const a = setup();
		const b = createTestDb();
		expect(bankForDraw(a.db).questions).toHaveLength(4);
		expect(bankForDraw(b)).toEqual({ questions: [], categories: [] });
		expect(bankForDraw(a.db).questions).toHaveLength(4);
	});
});

describe('getQuiz', () => {
	it('reads the quiz and its rules in order, and null for an unknown id', () => {
		const db = createTestDb();
		const trainer = mkUser(db, 'trainer', 'trainer');
		const { quizId, categoryId } = seedTestQuiz(db, trainer);
		const q = getQuiz(db, quizId)!;
		expect(q.title).toBe('测试测验');
		expect(q.reviewAfterSubmit).toEqual({ score: true, correctness: true, answers: false, explanations: false });
		expect(q.rules.map(({ categoryId: c, difficulty, count, points, categoryName }) => ({ c, difficulty, count, points, categoryName }))).toEqual([
			{ c: categoryId, difficulty: null, count: 4, points: 5, categoryName: '测试分类' }
		]);
		expect(getQuiz(db, quizId + 1)).toBeNull();
	});
});

describe('bankForDraw’s change watch', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bank-draw-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('sees a change committed by another connection (another process, or the custom server’s fast path)', () => {
		const path = join(dir, 'two.db');
		const a = openDb(path);
		migrateDb(a);
		const { questionIds } = seedTestBank(a);
		const b = openDb(path);
		try {
			const first = bankForDraw(a);
			expect(bankForDraw(b).questions.map((q) => q.status)).toEqual(['active', 'active', 'active', 'active']);
			b.update(question).set({ status: 'retired' }).where(eq(question.id, questionIds[1])).run();
			expect(bankForDraw(a).questions.map((q) => q.status)).toEqual(['active', 'retired', 'active', 'active']);
			expect(bankForDraw(a)).not.toBe(first);
		} finally {
			a.$client.close();
			b.$client.close();
		}
	});

	it('keeps the bank across writes elsewhere (an attempt), and sees none of a rolled-back change', () => {
		const db = createTestDb();
		const trainer = mkUser(db, 'trainer', 'trainer');
		const { quizId, questionIds } = seedTestQuiz(db, trainer);
		const first = bankForDraw(db);
		expect(startAttempt(db, trainer, quizId).ok).toBe(true);
		expect(bankForDraw(db)).toBe(first);
		expect(() =>
			db.transaction(() => {
				db.update(question).set({ status: 'retired' }).where(eq(question.id, questionIds[0])).run();
				throw new Error('roll back');
			})
		).toThrow('roll back');
		expect(bankForDraw(db).questions.map((q) => q.status)).toEqual(['active', 'active', 'active', 'active']);
	});

	it('is right when first used inside a transaction that rolls back', () => {
		const db = createTestDb();
		const { questionIds } = seedTestBank(db);
		expect(() =>
			db.transaction(() => {
				expect(bankForDraw(db).questions).toHaveLength(4);
				throw new Error('roll back');
			})
		).toThrow('roll back');
		db.update(question).set({ difficulty: 3 }).where(eq(question.id, questionIds[0])).run();
		expect(bankForDraw(db).questions[0].difficulty).toBe(3);
		db.update(question).set({ difficulty: 1 }).where(eq(question.id, questionIds[0])).run();
		expect(bankForDraw(db).questions[0].difficulty).toBe(1);
	});
});
