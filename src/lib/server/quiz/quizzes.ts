/**
 * Quizzes (测验): settings, draw rules, and the builder's checks (how many questions each rule can draw,
 * a sample attempt). Every write is audited in the transaction that makes it.
 */
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { perDatabase, type Db } from '../db';
import { course, courseQuiz, drill, drillStage, question, questionCategory, quiz, quizAttempt, quizRule, type QuizStatus } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { availableFor, drawAttempt, seededRandom } from '../../domain/quiz/draw';
import type { AttemptSlot, BankQuestion, Difficulty, DrawRule, QuestionOption, QuestionStatus, ReviewOptions } from '../../domain/quiz/types';

export const MAX_QUESTIONS_PER_QUIZ = 200;
export const MAX_TIME_LIMIT_MINUTES = 600;

export const REVIEW_NONE: ReviewOptions = { score: false, correctness: false, answers: false, explanations: false };
export const REVIEW_ALL: ReviewOptions = { score: true, correctness: true, answers: true, explanations: true };
/** Moodle-like default: the score and what was right right away; answers and explanations after the quiz closes. */
export const REVIEW_AFTER_SUBMIT_DEFAULT: ReviewOptions = { score: true, correctness: true, answers: false, explanations: false };

export interface RuleInput {
	categoryId: number;
	difficulty: Difficulty | null;
	count: number;
	points: number;
}

export interface QuizInput {
	title: string;
	description: string;
	timeLimitMinutes: number;
	opensAt: number | null;
	closesAt: number | null;
	attemptsAllowed: number;
	passMark: number;
	shuffleOptions: boolean;
	reviewAfterSubmit: ReviewOptions;
	reviewAfterClose: ReviewOptions;
	rules: RuleInput[];
}

export type QuizError =
	| 'quiz.not_found'
	| 'quiz.title'
	| 'quiz.time_limit'
	| 'quiz.window'
	| 'quiz.attempts'
	| 'quiz.pass_mark'
	| 'quiz.no_rules'
	| 'quiz.rule_count'
	| 'quiz.rule_points'
	| 'quiz.too_many_questions'
	| 'quiz.category_not_found'
	| 'quiz.rule_short'
	| 'quiz.has_attempts'
	| 'quiz.in_drill';

function checkInput(input: QuizInput): Result<null, QuizError> {
	if (!input.title.trim() || input.title.length > 100) return err('quiz.title');
	if (!Number.isInteger(input.timeLimitMinutes) || input.timeLimitMinutes < 0 || input.timeLimitMinutes > MAX_TIME_LIMIT_MINUTES) return err('quiz.time_limit');
	if (input.opensAt !== null && input.closesAt !== null && input.closesAt <= input.opensAt) return err('quiz.window');
	if (!Number.isInteger(input.attemptsAllowed) || input.attemptsAllowed < 0 || input.attemptsAllowed > 100) return err('quiz.attempts');
	if (!Number.isInteger(input.passMark) || input.passMark < 0 || input.passMark > 100) return err('quiz.pass_mark');
	if (input.rules.length === 0) return err('quiz.no_rules');
	let total = 0;
	for (const r of input.rules) {
		if (!Number.isInteger(r.count) || r.count < 1) return err('quiz.rule_count');
		if (!Number.isFinite(r.points) || r.points <= 0 || r.points > 100) return err('quiz.rule_points');
		total += r.count;
	}
	if (total > MAX_QUESTIONS_PER_QUIZ) return err('quiz.too_many_questions', { max: MAX_QUESTIONS_PER_QUIZ });
	return ok(null);
}

export type DrawBank = { questions: (BankQuestion & { optionKeys: string[] })[]; categories: { id: number; parentId: number | null }[] };

/**
 * The draw columns of every question and category as one JSON text (one statement, so one snapshot), in
 * the order plain SELECTs of those columns return them (same query plans: a scan of question, the
 * covering parent index of question_category).
 */
const bankStatements = perDatabase((db) => ({
	snapshot: db.$client.prepare<[], { questions: string; categories: string }>(
		'SELECT (SELECT json_group_array(json_array(id, category_id, difficulty, status, json(options))) FROM question) AS questions, ' +
			'(SELECT json_group_array(json_array(id, parent_id)) FROM question_category) AS categories'
	),
	watch: null as Database.Statement<[], { own: number; other: number }> | null,
	last: null as { questions: string; categories: string; bank: DrawBank; seen: string | null } | null
}));

/**
 * Whether the bank may have changed, in O(1): PRAGMA data_version changes when another connection (or
 * process) commits, and this connection's own writes to question or question_category count up a
 * TEMP table through TEMP triggers (per connection, not part of the schema or its migrations; a rolled
 * back write rolls its count back too). Set up on first use outside a transaction (a TEMP table created
 * inside one would vanish if it rolled back); null until then. Migrations run before the first draw of a
 * connection: one that recreated a table on a connection already watching would drop its triggers.
 */
function bankWatch(db: Db, s: ReturnType<typeof bankStatements>): Database.Statement<[], { own: number; other: number }> | null {
	if (s.watch) return s.watch;
	if (db.$client.inTransaction) return null;
	const triggers = ['question', 'question_category'].flatMap((table) =>
		['INSERT', 'UPDATE', 'DELETE'].map((op) => `CREATE TEMP TRIGGER IF NOT EXISTS bank_writes_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} BEGIN UPDATE bank_writes SET n = n + 1; END;`)
	);
	db.$client.exec(`CREATE TEMP TABLE IF NOT EXISTS bank_writes (n INTEGER NOT NULL); INSERT INTO bank_writes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM bank_writes); ${triggers.join(' ')}`);
	s.watch = db.$client.prepare('SELECT (SELECT n FROM temp.bank_writes) AS own, (SELECT data_version FROM pragma_data_version) AS other');
	return s.watch;
}

/**
 * The draw inputs of the bank: every question with its category, difficulty, status and option keys.
 * Every quiz start draws, so the objects are kept per database. While no write could have changed the
 * bank (bankWatch) they are given back at once; otherwise the bank's snapshot text is read, and the
 * objects are rebuilt only when it differs from the one they were built from (an equal text is an equal
 * bank). The result is shared and frozen: callers must not change it.
 */
export function bankForDraw(db: Db): DrawBank {
	const s = bankStatements(db);
	// Read before the snapshot: a commit in between makes the next call look again, never keeps a stale bank.
	const w = bankWatch(db, s)?.get();
	const seen = w ? `${w.own}:${w.other}` : null;
	if (seen !== null && s.last?.seen === seen) return s.last.bank;
	const snap = s.snapshot.get()!;
	if (s.last && s.last.questions === snap.questions && s.last.categories === snap.categories) {
		s.last.seen = seen;
		return s.last.bank;
	}
	const questions = (JSON.parse(snap.questions) as [number, number, Difficulty, QuestionStatus, QuestionOption[]][]).map(([id, categoryId, difficulty, status, options]) =>
		Object.freeze({ id, categoryId, difficulty, status, optionKeys: Object.freeze(options.map((o) => o.key)) as string[] })
	);
	const categories = (JSON.parse(snap.categories) as [number, number | null][]).map(([id, parentId]) => Object.freeze({ id, parentId }));
	const bank: DrawBank = Object.freeze({ questions: Object.freeze(questions) as DrawBank['questions'], categories: Object.freeze(categories) as DrawBank['categories'] });
	s.last = { questions: snap.questions, categories: snap.categories, bank, seen };
	return bank;
}

/** For each rule, how many active questions it could draw (before other rules take theirs). */
export function ruleAvailability(db: Db, rules: readonly DrawRule[]): number[] {
	const bank = bankForDraw(db);
	return rules.map((r) => availableFor(r, bank.questions, bank.categories));
}

function categoriesExist(db: Db, ids: number[]): boolean {
	if (ids.length === 0) return true;
	const unique = [...new Set(ids)];
	const found = db.select({ n: count() }).from(questionCategory).where(inArray(questionCategory.id, unique)).get();
	return (found?.n ?? 0) === unique.length;
}

/** Whether the rules can be drawn from the bank now, with the first problem as an error. */
function checkDrawable(db: Db, rules: readonly DrawRule[]): Result<null, QuizError> {
	const bank = bankForDraw(db);
	const r = drawAttempt({ ...bank, rules: [...rules], shuffleOptions: false, random: seededRandom(1) });
	if (!r.ok) {
		const p = r.problems[0];
		return err('quiz.rule_short', { rule: p.rule + 1, available: p.available, needed: p.needed });
	}
	return ok(null);
}

function toRules(input: QuizInput): DrawRule[] {
	return input.rules.map((r) => ({ categoryId: r.categoryId, difficulty: r.difficulty, count: r.count, points: r.points }));
}

export function createQuiz(db: Db, actorId: number, input: QuizInput, status: QuizStatus = 'draft'): Result<{ id: number }, QuizError> {
	const checked = checkInput(input);
	if (!checked.ok) return checked;
	if (!categoriesExist(db, input.rules.map((r) => r.categoryId))) return err('quiz.category_not_found');
	if (status === 'published') {
		const d = checkDrawable(db, toRules(input));
		if (!d.ok) return d;
	}
	return db.transaction((tx) => {
		const { rules, ...fields } = input;
		const row = tx
			.insert(quiz)
			.values({ ...fields, title: fields.title.trim(), status, createdBy: actorId })
			.returning({ id: quiz.id })
			.get();
		rules.forEach((r, i) => tx.insert(quizRule).values({ quizId: row.id, ...r, sortOrder: i }).run());
		recordAudit(tx, { actorId, action: 'quiz.create', entity: 'quiz', entityId: row.id, after: input });
		return ok({ id: row.id });
	});
}

/** Edits a quiz. Draw rules cannot change once anyone has attempted it (their slots came from the old rules). */
export function updateQuiz(db: Db, actorId: number, quizId: number, input: QuizInput): Result<null, QuizError> {
	const existing = getQuiz(db, quizId);
	if (!existing) return err('quiz.not_found');
	const checked = checkInput(input);
	if (!checked.ok) return checked;
	if (!categoriesExist(db, input.rules.map((r) => r.categoryId))) return err('quiz.category_not_found');
	const rulesChanged = JSON.stringify(existing.rules.map(({ categoryId, difficulty, count, points }) => ({ categoryId, difficulty, count, points }))) !== JSON.stringify(input.rules);
	if (rulesChanged && attemptCount(db, quizId) > 0) return err('quiz.has_attempts');
	if (existing.status === 'published' && rulesChanged) {
		const d = checkDrawable(db, toRules(input));
		if (!d.ok) return d;
	}
	db.transaction((tx) => {
		const { rules, ...fields } = input;
		tx.update(quiz)
			.set({ ...fields, title: fields.title.trim() })
			.where(eq(quiz.id, quizId))
			.run();
		if (rulesChanged) {
			tx.delete(quizRule).where(eq(quizRule.quizId, quizId)).run();
			rules.forEach((r, i) => tx.insert(quizRule).values({ quizId, ...r, sortOrder: i }).run());
		}
		const { rules: oldRules, ...before } = existing;
		recordAudit(tx, { actorId, action: 'quiz.update', entity: 'quiz', entityId: quizId, before: { ...before, rules: oldRules }, after: input });
	});
	return ok(null);
}

export function setQuizStatus(db: Db, actorId: number, quizId: number, status: QuizStatus): Result<null, QuizError> {
	const existing = getQuiz(db, quizId);
	if (!existing) return err('quiz.not_found');
	if (status === 'published') {
		const d = checkDrawable(db, existing.rules);
		if (!d.ok) return d;
	}
	db.transaction((tx) => {
		tx.update(quiz).set({ status }).where(eq(quiz.id, quizId)).run();
		recordAudit(tx, { actorId, action: 'quiz.status', entity: 'quiz', entityId: quizId, before: { status: existing.status }, after: { status } });
	});
	return ok(null);
}

export function deleteQuiz(db: Db, actorId: number, quizId: number): Result<null, QuizError> {
	const existing = getQuiz(db, quizId);
	if (!existing) return err('quiz.not_found');
	if (attemptCount(db, quizId) > 0) return err('quiz.has_attempts');
	// drill_stage.quiz_id has no foreign key (added by ALTER TABLE): a drill's 理论考试 stage would be left
	// pointing at nothing, so a quiz a drill uses is kept.
	if (quizUsage(db, quizId).drills.length > 0) return err('quiz.in_drill');
	db.transaction((tx) => {
		tx.delete(quiz).where(eq(quiz.id, quizId)).run();
		recordAudit(tx, { actorId, action: 'quiz.delete', entity: 'quiz', entityId: quizId, before: existing });
	});
	return ok(null);
}

export function attemptCount(db: Db, quizId: number): number {
	return db.select({ n: count() }).from(quizAttempt).where(eq(quizAttempt.quizId, quizId)).get()?.n ?? 0;
}

export type QuizRow = typeof quiz.$inferSelect;
export type QuizWithRules = QuizRow & { rules: (DrawRule & { id: number; categoryName: string })[] };

/** getQuiz's two reads, prepared once per database (every quiz start reads the quiz). */
const quizStatements = perDatabase((db) => {
	const quizId = sql.placeholder('quizId');
	return {
		quiz: db.select().from(quiz).where(eq(quiz.id, quizId)).prepare(),
		rules: db
			.select({ id: quizRule.id, categoryId: quizRule.categoryId, difficulty: quizRule.difficulty, count: quizRule.count, points: quizRule.points, categoryName: questionCategory.name })
			.from(quizRule)
			.innerJoin(questionCategory, eq(questionCategory.id, quizRule.categoryId))
			.where(eq(quizRule.quizId, quizId))
			.orderBy(asc(quizRule.sortOrder), asc(quizRule.id))
			.prepare()
	};
});

export function getQuiz(db: Db, quizId: number): QuizWithRules | null {
	const s = quizStatements(db);
	const row = s.quiz.get({ quizId });
	if (!row) return null;
	const rules = s.rules.all({ quizId });
	return { ...row, rules };
}

export function maxScoreOf(rules: readonly Pick<DrawRule, 'count' | 'points'>[]): number {
	return Math.round(rules.reduce((s, r) => s + r.count * r.points, 0) * 100) / 100;
}

export const QUIZ_PAGE_SIZE = 20;

/** Trainers' list: newest first, with question counts, attempts and status; `published` limits to published ones. */
export function listQuizzes(db: Db, opts: { page?: number; published?: boolean; pageSize?: number } = {}) {
	const page = Math.max(1, opts.page ?? 1);
	const size = opts.pageSize ?? QUIZ_PAGE_SIZE;
	const where = opts.published ? eq(quiz.status, 'published') : undefined;
	const total = db.select({ n: count() }).from(quiz).where(where).get()?.n ?? 0;
	const rows = db
		.select({
			id: quiz.id,
			title: quiz.title,
			status: quiz.status,
			timeLimitMinutes: quiz.timeLimitMinutes,
			passMark: quiz.passMark,
			opensAt: quiz.opensAt,
			closesAt: quiz.closesAt,
			questions: sql<number>`(select coalesce(sum(${quizRule.count}), 0) from ${quizRule} where ${quizRule.quizId} = ${quiz.id})`,
			attempts: sql<number>`(select count(*) from ${quizAttempt} where ${quizAttempt.quizId} = ${quiz.id} and ${quizAttempt.status} = 'submitted')`
		})
		.from(quiz)
		.where(where)
		.orderBy(desc(quiz.id))
		.limit(size)
		.offset((page - 1) * size)
		.all();
	return { rows, total, page, pageSize: size };
}

/** A sample attempt for the builder's preview: the questions a learner might get, with stems (no grading). */
export function sampleDraw(db: Db, quizId: number, seed: number): Result<{ slots: AttemptSlot[]; questions: { id: number; type: string; stem: string; difficulty: number; categoryId: number }[] }, QuizError> {
	const q = getQuiz(db, quizId);
	if (!q) return err('quiz.not_found');
	const bank = bankForDraw(db);
	const r = drawAttempt({ ...bank, rules: q.rules, shuffleOptions: q.shuffleOptions, random: seededRandom(seed) });
	if (!r.ok) {
		const p = r.problems[0];
		return err('quiz.rule_short', { rule: p.rule + 1, available: p.available, needed: p.needed });
	}
	const ids = r.slots.map((s) => s.questionId);
	const rows = db
		.select({ id: question.id, type: question.type, stem: question.stem, difficulty: question.difficulty, categoryId: question.categoryId })
		.from(question)
		.where(inArray(question.id, ids))
		.all();
	const byId = new Map(rows.map((x) => [x.id, x]));
	return ok({ slots: r.slots, questions: ids.map((id) => byId.get(id)!).filter(Boolean) });
}

/** Categories as flat options for the rule editor, each with its path (安全生产法律法规 / 安全生产法（2021）). */
export function categoryOptions(db: Db): { id: number; path: string }[] {
	const rows = db.select({ id: questionCategory.id, parentId: questionCategory.parentId, name: questionCategory.name, sortOrder: questionCategory.sortOrder }).from(questionCategory).all();
	const byId = new Map(rows.map((r) => [r.id, r]));
	const pathOf = (id: number, seen = new Set<number>()): string => {
		const r = byId.get(id);
		if (!r || seen.has(id)) return '';
		seen.add(id);
		return r.parentId === null ? r.name : `${pathOf(r.parentId, seen)} / ${r.name}`;
	};
	return rows.map((r) => ({ id: r.id, path: pathOf(r.id) })).sort((a, b) => a.path.localeCompare(b.path, 'zh-CN'));
}


/**
 * Where a quiz is used: courses that include it and drills whose 理论考试 stage draws from it. The
 * builder shows them before a delete (the drill stage has no foreign key to the quiz, so a deleted quiz
 * would leave that stage without questions).
 */
export function quizUsage(db: Db, quizId: number): { courses: { id: number; title: string }[]; drills: { id: number; title: string }[] } {
	const courses = db
		.select({ id: course.id, title: course.title })
		.from(courseQuiz)
		.innerJoin(course, eq(course.id, courseQuiz.courseId))
		.where(eq(courseQuiz.quizId, quizId))
		.orderBy(asc(course.id))
		.all();
	const drills = db
		.selectDistinct({ id: drill.id, title: drill.title })
		.from(drillStage)
		.innerJoin(drill, eq(drill.id, drillStage.drillId))
		.where(eq(drillStage.quizId, quizId))
		.orderBy(asc(drill.id))
		.all();
	return { courses, drills };
}
