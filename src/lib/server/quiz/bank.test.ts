import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { auditLog, question, questionCategory, questionRevision, quiz, quizAttempt, quizRule, user, userRole } from '../db/schema';
import type { QuestionInput } from '../../domain/quiz/validate';
import {
	PAGE_SIZE,
	attemptsUsing,
	categoryTree,
	createCategory,
	createQuestion,
	deleteCategory,
	deleteQuestion,
	getQuestion,
	getRevision,
	listQuestions,
	moveCategory,
	renameCategory,
	setQuestionStatus,
	updateQuestion
} from './bank';

const T0 = Date.UTC(2026, 3, 1, 2, 0, 0);

function setup() {
	const db = createTestDb();
	const trainer = db.insert(user).values({ username: 'trainer', displayName: '李老师', passwordHash: 'x' }).returning().get().id;
	db.insert(userRole).values({ userId: trainer, role: 'trainer' }).run();
	const other = db.insert(user).values({ username: 'trainer2', displayName: '王老师', passwordHash: 'x' }).returning().get().id;
	db.insert(userRole).values({ userId: other, role: 'trainer' }).run();
	const cat = (name: string, parentId: number | null = null) => {
		const r = createCategory(db, trainer, { name, parentId }, T0);
		if (!r.ok) throw new Error(r.error.code);
		return r.value.id;
	};
	const laws = cat('安全生产法律法规');
	const wsl = cat('安全生产法（2021）', laws);
	const rights = cat('从业人员的权利和义务', wsl);
	const dust = cat('粉尘防爆');
	return { db, trainer, other, laws, wsl, rights, dust };
}

const single = (over: Partial<QuestionInput> = {}): QuestionInput => ({
	type: 'single',
	stem: '从业人员发现直接危及人身安全的紧急情况时，有权（　　）。',
	options: [
		{ key: 'A', text: '继续作业' },
		{ key: 'B', text: '停止作业或者在采取可能的应急措施后撤离作业场所' },
		{ key: 'C', text: '经批准后撤离' }
	],
	answer: 'B',
	explanation: '紧急避险权。',
	difficulty: 1,
	provisions: '《中华人民共和国安全生产法》第五十五条',
	tags: '从业人员权利、紧急避险',
	...over
});

const fill = (stem: string, over: Partial<QuestionInput> = {}): QuestionInput => ({
	type: 'fill',
	stem,
	options: [],
	answer: '三十日|30日',
	explanation: '',
	difficulty: 2,
	provisions: '',
	tags: '',
	...over
});

function create(db: Db, actor: number, categoryId: number, input: QuestionInput, status?: 'draft' | 'active' | 'retired', now = T0): number {
	const r = createQuestion(db, actor, { categoryId, input, status }, now);
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r.value.id;
}

describe('categories', () => {
	it('lists the tree in order with counts that include subcategories', () => {
		const s = setup();
		create(s.db, s.trainer, s.rights, single());
		create(s.db, s.trainer, s.wsl, fill('题一'));
		create(s.db, s.trainer, s.wsl, fill('题二'));
		create(s.db, s.trainer, s.dust, fill('题三'));
		const tree = categoryTree(s.db);
		expect(tree.map((c) => [c.name, c.depth, c.ownCount, c.totalCount])).toEqual([
			['安全生产法律法规', 0, 0, 3],
			['安全生产法（2021）', 1, 2, 3],
			['从业人员的权利和义务', 2, 1, 1],
			['粉尘防爆', 0, 1, 1]
		]);
		expect(tree[2].path).toEqual(['安全生产法律法规', '安全生产法（2021）', '从业人员的权利和义务']);
	});

	it('refuses bad names, slashes and a sibling of the same name; allows the same name elsewhere', () => {
		const s = setup();
		expect(createCategory(s.db, s.trainer, { name: '  ', parentId: null })).toMatchObject({ ok: false, error: { code: 'bank.category_name_required' } });
		expect(createCategory(s.db, s.trainer, { name: 'a/b', parentId: null })).toMatchObject({ ok: false, error: { code: 'bank.category_name_slash' } });
		expect(createCategory(s.db, s.trainer, { name: '字'.repeat(51), parentId: null })).toMatchObject({ ok: false, error: { code: 'bank.category_name_too_long' } });
		expect(createCategory(s.db, s.trainer, { name: '粉尘防爆', parentId: null })).toMatchObject({ ok: false, error: { code: 'bank.category_name_taken' } });
		expect(createCategory(s.db, s.trainer, { name: '粉尘防爆', parentId: s.wsl }).ok).toBe(true);
		expect(createCategory(s.db, s.trainer, { name: '新分类', parentId: 9999 })).toMatchObject({ ok: false, error: { code: 'bank.category_parent_not_found' } });
	});

	it('renames and moves, audited', () => {
		const s = setup();
		expect(renameCategory(s.db, s.trainer, s.dust, '工贸企业粉尘防爆', T0).ok).toBe(true);
		expect(moveCategory(s.db, s.trainer, s.dust, s.laws, T0).ok).toBe(true);
		const moved = categoryTree(s.db).find((c) => c.id === s.dust)!;
		expect(moved.path).toEqual(['安全生产法律法规', '工贸企业粉尘防爆']);
		const actions = s.db.select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);
		expect(actions.filter((a) => a === 'bank.category_rename' || a === 'bank.category_move')).toEqual(['bank.category_rename', 'bank.category_move']);
	});

	it('refuses to move a category under itself or its own descendant', () => {
		const s = setup();
		expect(moveCategory(s.db, s.trainer, s.laws, s.laws)).toMatchObject({ ok: false, error: { code: 'bank.category_cycle' } });
		expect(moveCategory(s.db, s.trainer, s.laws, s.rights)).toMatchObject({ ok: false, error: { code: 'bank.category_cycle' } });
		expect(s.db.select().from(questionCategory).where(eq(questionCategory.id, s.laws)).get()!.parentId).toBeNull();
		// moving a leaf to the top level is fine
		expect(moveCategory(s.db, s.trainer, s.rights, null).ok).toBe(true);
	});

	it('deletes only an empty category: not with children, questions, or quiz rules', () => {
		const s = setup();
		expect(deleteCategory(s.db, s.trainer, s.wsl)).toEqual({ ok: false, error: { code: 'bank.category_has_children', params: { count: 1 } } });
		create(s.db, s.trainer, s.rights, single());
		expect(deleteCategory(s.db, s.trainer, s.rights)).toEqual({ ok: false, error: { code: 'bank.category_has_questions', params: { count: 1 } } });
		const quizId = s.db
			.insert(quiz)
			.values({ title: '安全生产法知识测验', reviewAfterSubmit: { score: true, correctness: true, answers: true, explanations: true }, reviewAfterClose: { score: true, correctness: true, answers: true, explanations: true } })
			.returning()
			.get().id;
		s.db.insert(quizRule).values({ quizId, categoryId: s.dust, count: 5 }).run();
		const r = deleteCategory(s.db, s.trainer, s.dust);
		expect(r).toEqual({ ok: false, error: { code: 'bank.category_in_quiz', params: { quizzes: '“安全生产法知识测验”' } } });
		expect(categoryTree(s.db)).toHaveLength(4);
		const fresh = createCategory(s.db, s.trainer, { name: '空分类', parentId: s.laws });
		expect(fresh.ok && deleteCategory(s.db, s.trainer, fresh.value.id).ok).toBe(true);
		expect(categoryTree(s.db)).toHaveLength(4);
	});
});

describe('question list', () => {
	function bank() {
		const s = setup();
		// ids 1–25: 25 fill questions in wsl, the odd ones active, every fifth hard
		for (let i = 1; i <= 25; i++) {
			create(s.db, s.trainer, s.wsl, fill(`填空第${i}题：生产经营单位应当在（　）内报告`, { difficulty: i % 5 === 0 ? 3 : 2, tags: i % 2 ? '报告,期限' : '期限' }), i % 2 ? 'active' : 'draft', T0 + i * 1000);
		}
		// id 26: in a subcategory of wsl; id 27: elsewhere
		create(s.db, s.trainer, s.rights, single(), 'active', T0 + 26_000);
		create(s.db, s.trainer, s.dust, fill('粉尘爆炸危险场所应当（　）', { tags: '粉尘' }), 'retired', T0 + 27_000);
		return s;
	}

	it('pages by 20, newest change first, and clamps a page past the end', () => {
		const s = bank();
		const p1 = listQuestions(s.db, {});
		expect(PAGE_SIZE).toBe(20);
		expect(p1.total).toBe(27);
		expect(p1.rows).toHaveLength(20);
		expect(p1.rows[0].id).toBe(27);
		expect(p1.rows[19].id).toBe(8);
		const p2 = listQuestions(s.db, { page: 2 });
		expect(p2.rows.map((r) => r.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
		expect(listQuestions(s.db, { page: 99 }).page).toBe(2);
		expect(listQuestions(s.db, { sort: 'id_asc' }).rows[0].id).toBe(1);
	});

	it('filters by category including subcategories', () => {
		const s = bank();
		expect(listQuestions(s.db, { categoryId: s.laws }).total).toBe(26);
		expect(listQuestions(s.db, { categoryId: s.rights }).rows.map((r) => r.id)).toEqual([26]);
		expect(listQuestions(s.db, { categoryId: s.dust }).rows.map((r) => r.id)).toEqual([27]);
		expect(listQuestions(s.db, { categoryId: 9999 }).total).toBe(0);
	});

	it('filters by type, difficulty, status, tag and stem text, combined', () => {
		const s = bank();
		expect(listQuestions(s.db, { type: 'single' }).rows.map((r) => r.id)).toEqual([26]);
		expect(listQuestions(s.db, { difficulty: 3, sort: 'id_asc' }).rows.map((r) => r.id)).toEqual([5, 10, 15, 20, 25]);
		expect(listQuestions(s.db, { status: 'retired' }).rows.map((r) => r.id)).toEqual([27]);
		expect(listQuestions(s.db, { status: 'active' }).total).toBe(14);
		// a tag matches whole tags only: '报' is no tag
		expect(listQuestions(s.db, { tag: '报告' }).total).toBe(13);
		expect(listQuestions(s.db, { tag: '报' }).total).toBe(0);
		expect(listQuestions(s.db, { q: '第2题' }).rows.map((r) => r.id)).toEqual([2]);
		expect(listQuestions(s.db, { q: '第1', difficulty: 3, sort: 'id_asc' }).rows.map((r) => r.id)).toEqual([10, 15]);
		expect(listQuestions(s.db, { q: '100%_' }).total).toBe(0);
	});
});

describe('create and edit', () => {
	it('creates as a draft by default; refuses invalid content with field problems and writes nothing', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single());
		expect(getQuestion(s.db, id)).toMatchObject({ status: 'draft', version: 1, answer: { kind: 'single', key: 'B' }, tags: ['从业人员权利', '紧急避险'] });
		const bad = createQuestion(s.db, s.trainer, { categoryId: s.rights, input: single({ answer: 'E', stem: '' }) });
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.error.code).toBe('bank.invalid_question');
			expect(bad.problems!.map((p) => p.field).sort()).toEqual(['answer', 'stem']);
		}
		expect(createQuestion(s.db, s.trainer, { categoryId: 9999, input: fill('新题') })).toMatchObject({ ok: false, error: { code: 'bank.category_not_found' } });
		expect(s.db.select().from(question).all()).toHaveLength(1);
	});

	it('refuses a duplicate: same stem and options, ignoring spaces and full-width forms', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single());
		const again = single({ stem: ' 从业人员发现直接危及人身安全的紧急情况时，有权（　　）。 ' });
		expect(createQuestion(s.db, s.trainer, { categoryId: s.dust, input: again })).toEqual({ ok: false, error: { code: 'bank.duplicate', params: { id } } });
		// same stem, different options: a different question
		const other = single({ options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }] });
		expect(createQuestion(s.db, s.trainer, { categoryId: s.rights, input: other }).ok).toBe(true);
	});

	it('keeps the old version as a revision on every edit, bumps the version and audits', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single(), 'active');
		const r = updateQuestion(s.db, s.other, id, { categoryId: s.wsl, input: single({ answer: 'B', explanation: '紧急避险权，见第五十五条。' }), expectedVersion: 1 }, T0 + 60_000);
		expect(r).toEqual({ ok: true, value: { id, version: 2, changed: true } });
		const rev = s.db.select().from(questionRevision).where(eq(questionRevision.questionId, id)).all();
		expect(rev).toHaveLength(1);
		expect(rev[0]).toMatchObject({ version: 1, editedBy: s.other });
		expect(rev[0].snapshot).toMatchObject({ categoryId: s.rights, status: 'active', explanation: '紧急避险权。', type: 'single' });
		const q = getQuestion(s.db, id)!;
		expect(q).toMatchObject({ version: 2, categoryId: s.wsl, explanation: '紧急避险权，见第五十五条。', status: 'active' });
		expect(q.versions).toEqual([
			{ version: 2, author: '王老师', at: T0 + 60_000, isCurrent: true },
			{ version: 1, author: '李老师', at: T0, isCurrent: false }
		]);
		expect(getRevision(s.db, id, 1)).toMatchObject({ version: 1, explanation: '紧急避险权。', categoryPath: ['安全生产法律法规', '安全生产法（2021）', '从业人员的权利和义务'] });
		expect(getRevision(s.db, id, 2)).toBeNull();
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'bank.question_update')).all();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].before!)).toMatchObject({ version: 1, explanation: '紧急避险权。' });
		expect(JSON.parse(audit[0].after!)).toMatchObject({ version: 2, explanation: '紧急避险权，见第五十五条。' });
	});

	it('writes nothing for an edit that changes nothing, and refuses a stale version', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single());
		expect(updateQuestion(s.db, s.trainer, id, { categoryId: s.rights, input: single() })).toEqual({ ok: true, value: { id, version: 1, changed: false } });
		expect(updateQuestion(s.db, s.trainer, id, { categoryId: s.rights, input: single({ difficulty: 3 }), expectedVersion: 1 }).ok).toBe(true);
		expect(updateQuestion(s.db, s.other, id, { categoryId: s.rights, input: single({ difficulty: 1 }), expectedVersion: 1 })).toEqual({ ok: false, error: { code: 'bank.stale', params: { version: 2 } } });
		expect(getQuestion(s.db, id)).toMatchObject({ version: 2, difficulty: 3 });
		expect(s.db.select().from(questionRevision).all()).toHaveLength(1);
	});

	it('refuses an invalid edit without touching the question', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single());
		const r = updateQuestion(s.db, s.trainer, id, { categoryId: s.rights, input: single({ type: 'multiple', answer: 'B' }) });
		expect(r.ok).toBe(false);
		expect(getQuestion(s.db, id)).toMatchObject({ version: 1, type: 'single' });
		expect(updateQuestion(s.db, s.trainer, 9999, { categoryId: s.rights, input: single() })).toMatchObject({ ok: false, error: { code: 'bank.question_not_found' } });
	});
});

describe('status and delete', () => {
	it('changes status with an audit row, without a new version', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, single());
		expect(setQuestionStatus(s.db, s.trainer, id, 'active').ok).toBe(true);
		expect(setQuestionStatus(s.db, s.trainer, id, 'retired').ok).toBe(true);
		expect(getQuestion(s.db, id)).toMatchObject({ status: 'retired', version: 1 });
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'bank.question_status')).all();
		expect(audit.map((a) => [JSON.parse(a.before!).status, JSON.parse(a.after!).status])).toEqual([
			['draft', 'active'],
			['active', 'retired']
		]);
		expect(setQuestionStatus(s.db, s.trainer, id, 'gone' as never)).toMatchObject({ ok: false, error: { code: 'bank.bad_status' } });
	});

	it('deletes a question never drawn, and refuses one an attempt drew (telling to retire it)', () => {
		const s = setup();
		const unused = create(s.db, s.trainer, s.rights, fill('未使用的题'));
		const used = create(s.db, s.trainer, s.rights, fill('已作答的题'));
		// a slot of question 101 is no use of question 1: the check reads the JSON, not the text
		const decoy = create(s.db, s.trainer, s.rights, fill('另一题'));
		const quizId = s.db
			.insert(quiz)
			.values({ title: '测验', reviewAfterSubmit: { score: true, correctness: true, answers: true, explanations: true }, reviewAfterClose: { score: true, correctness: true, answers: true, explanations: true } })
			.returning()
			.get().id;
		s.db.insert(quizAttempt)
			.values({ quizId, userId: s.trainer, attemptNo: 1, startedAt: T0, maxScore: 2, slots: [{ questionId: used, points: 1, optionOrder: [] }, { questionId: 100 + unused, points: 1, optionOrder: [] }] })
			.run();
		expect(attemptsUsing(s.db, used)).toBe(1);
		expect(attemptsUsing(s.db, unused)).toBe(0);
		expect(deleteQuestion(s.db, s.trainer, used)).toEqual({ ok: false, error: { code: 'bank.question_used', params: { count: 1 } } });
		expect(deleteQuestion(s.db, s.trainer, unused, T0).ok).toBe(true);
		expect(deleteQuestion(s.db, s.trainer, decoy).ok).toBe(true);
		expect(s.db.select({ id: question.id }).from(question).all()).toEqual([{ id: used }]);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'bank.question_delete')).all()).toHaveLength(2);
		expect(deleteQuestion(s.db, s.trainer, unused)).toMatchObject({ ok: false, error: { code: 'bank.question_not_found' } });
	});

	it('deleting a question removes its revisions too', () => {
		const s = setup();
		const id = create(s.db, s.trainer, s.rights, fill('会被修改的题'));
		updateQuestion(s.db, s.trainer, id, { categoryId: s.rights, input: fill('会被修改的题（改）') });
		expect(s.db.select().from(questionRevision).all()).toHaveLength(1);
		expect(deleteQuestion(s.db, s.trainer, id).ok).toBe(true);
		expect(s.db.select().from(questionRevision).all()).toHaveLength(0);
	});
});
