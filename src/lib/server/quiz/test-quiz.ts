/** A small bank and a published quiz for server tests. */
import type { Db } from '../db';
import { question, questionCategory, user, userRole } from '../db/schema';
import type { QuestionData } from '../../domain/quiz/types';
import { createQuiz, REVIEW_AFTER_SUBMIT_DEFAULT, REVIEW_ALL, type QuizInput } from './quizzes';

/**
 * Four questions in one category, one of each kind graded here:
 * - 单选 (key B), 多选 A+C with partial credit, 判断 (true), 填空 (三十日 / 30日).
 */
export const TEST_QUESTIONS: (Omit<QuestionData, 'provisions' | 'tags' | 'explanation'> & { explanation: string })[] = [
	{ type: 'single', stem: '单选：安全生产工作应当坚持什么方针？', options: [{ key: 'A', text: '效益优先' }, { key: 'B', text: '安全第一、预防为主、综合治理' }, { key: 'C', text: '先生产后安全' }], answer: { kind: 'single', key: 'B' }, explanation: '单选解析-秘密', difficulty: 1, multipleScoring: 'all' },
	{ type: 'multiple', stem: '多选：下列属于从业人员权利的是？', options: [{ key: 'A', text: '知情权' }, { key: 'B', text: '违章指挥' }, { key: 'C', text: '拒绝违章指挥' }, { key: 'D', text: '擅离职守' }], answer: { kind: 'multiple', keys: ['A', 'C'] }, explanation: '多选解析-秘密', difficulty: 2, multipleScoring: 'partial' },
	{ type: 'truefalse', stem: '判断：生产经营单位的主要负责人对本单位安全生产工作全面负责。', options: [], answer: { kind: 'truefalse', value: true }, explanation: '判断解析-秘密', difficulty: 1, multipleScoring: 'all' },
	{ type: 'fill', stem: '填空：复议期限为收到决定书之日起（　）内。', options: [], answer: { kind: 'fill', accepted: ['六十日', '60日'] }, explanation: '填空解析-秘密', difficulty: 2, multipleScoring: 'all' }
];

export function quizInput(over: Partial<QuizInput> = {}, categoryId = 1): QuizInput {
	return {
		title: '测试测验',
		description: '',
		timeLimitMinutes: 10,
		opensAt: null,
		closesAt: null,
		attemptsAllowed: 2,
		passMark: 60,
		shuffleOptions: true,
		reviewAfterSubmit: REVIEW_AFTER_SUBMIT_DEFAULT,
		reviewAfterClose: REVIEW_ALL,
		rules: [{ categoryId, difficulty: null, count: 4, points: 5 }],
		...over
	};
}

export function seedTestBank(db: Db) {
	const categoryId = db.insert(questionCategory).values({ name: '测试分类' }).returning().get().id;
	const questionIds = TEST_QUESTIONS.map(
		(q) =>
			db
				.insert(question)
				.values({ ...q, categoryId, provisions: '', tags: '', status: 'active' })
				.returning()
				.get().id
	);
	return { categoryId, questionIds };
}

export function mkUser(db: Db, username: string, role: 'learner' | 'trainer' | 'officer' = 'learner') {
	const u = db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get();
	db.insert(userRole).values({ userId: u.id, role }).run();
	return u.id;
}

/** A published quiz over the test bank (20 points: 4 questions × 5). */
export function seedTestQuiz(db: Db, trainerId: number, over: Partial<QuizInput> = {}) {
	const bank = seedTestBank(db);
	const q = createQuiz(db, trainerId, quizInput(over, bank.categoryId), 'published');
	if (!q.ok) throw new Error(q.error.code);
	return { ...bank, quizId: q.value.id };
}
