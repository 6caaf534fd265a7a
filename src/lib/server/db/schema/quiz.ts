import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import type {
	AnswerKey,
	AttemptSlot,
	Difficulty,
	MultipleScoring,
	QuestionOption,
	QuestionStatus,
	QuestionType,
	Response,
	ReviewOptions
} from '../../../domain/quiz/types';
import type { StaffCategory } from '../../../domain/roles';

/** The bank's category tree (安全生产法 › 从业人员的权利和义务 …). */
export const questionCategory = sqliteTable(
	'question_category',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		parentId: integer('parent_id'),
		name: text('name').notNull(),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [index('question_category_parent_idx').on(t.parentId)]
);

/** A question of the bank. `version` goes up on every edit; question_revision keeps each old version. */
export const question = sqliteTable(
	'question',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		categoryId: integer('category_id')
			.notNull()
			.references(() => questionCategory.id, { onDelete: 'restrict' }),
		type: text('type').$type<QuestionType>().notNull(),
		stem: text('stem').notNull(),
		options: text('options', { mode: 'json' }).$type<QuestionOption[]>().notNull(),
		answer: text('answer', { mode: 'json' }).$type<AnswerKey>().notNull(),
		explanation: text('explanation').notNull().default(''),
		difficulty: integer('difficulty').$type<Difficulty>().notNull().default(2),
		multipleScoring: text('multiple_scoring').$type<MultipleScoring>().notNull().default('all'),
		provisions: text('provisions').notNull().default(''),
		/** comma-separated */
		tags: text('tags').notNull().default(''),
		status: text('status').$type<QuestionStatus>().notNull().default('draft'),
		version: integer('version').notNull().default(1),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`),
		updatedAt: integer('updated_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [index('question_category_idx').on(t.categoryId), index('question_status_idx').on(t.status)]
);

/** Earlier versions of a question: the whole question as it was, who replaced it and when. */
export const questionRevision = sqliteTable(
	'question_revision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		questionId: integer('question_id')
			.notNull()
			.references(() => question.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		snapshot: text('snapshot', { mode: 'json' }).notNull(),
		editedBy: integer('edited_by').references(() => user.id, { onDelete: 'set null' }),
		editedAt: integer('edited_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [uniqueIndex('question_revision_version_idx').on(t.questionId, t.version)]
);

export type QuizStatus = 'draft' | 'published';

/** A quiz: draw rules, time limit, window, attempts, pass mark, review options. */
export const quiz = sqliteTable('quiz', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	description: text('description').notNull().default(''),
	/** minutes; 0 = no limit */
	timeLimitMinutes: integer('time_limit_minutes').notNull().default(0),
	/** epoch ms; null = always open */
	opensAt: integer('opens_at'),
	closesAt: integer('closes_at'),
	/** 0 = unlimited */
	attemptsAllowed: integer('attempts_allowed').notNull().default(1),
	/** percent 0–100 */
	passMark: integer('pass_mark').notNull().default(60),
	shuffleOptions: integer('shuffle_options', { mode: 'boolean' }).notNull().default(true),
	reviewAfterSubmit: text('review_after_submit', { mode: 'json' }).$type<ReviewOptions>().notNull(),
	reviewAfterClose: text('review_after_close', { mode: 'json' }).$type<ReviewOptions>().notNull(),
	status: text('status').$type<QuizStatus>().notNull().default('draft'),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`)
});

export const quizRule = sqliteTable(
	'quiz_rule',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		quizId: integer('quiz_id')
			.notNull()
			.references(() => quiz.id, { onDelete: 'cascade' }),
		categoryId: integer('category_id')
			.notNull()
			.references(() => questionCategory.id, { onDelete: 'restrict' }),
		difficulty: integer('difficulty').$type<Difficulty>(),
		count: integer('count').notNull(),
		points: real('points').notNull().default(1),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [index('quiz_rule_quiz_idx').on(t.quizId)]
);

export type AttemptStatus = 'open' | 'submitted';
/** learner: submitted by the learner · server: time ran out · trainer: closed by a trainer */
export type SubmittedBy = 'learner' | 'server' | 'trainer';

/**
 * An attempt at a quiz. `context` separates attempts made in different places: '' for a course or a
 * stand-alone quiz, 'drill:<drillId>:<stageId>' for a drill's 理论考试 stage.
 */
export const quizAttempt = sqliteTable(
	'quiz_attempt',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		quizId: integer('quiz_id')
			.notNull()
			.references(() => quiz.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		context: text('context').notNull().default(''),
		attemptNo: integer('attempt_no').notNull(),
		/** epoch ms */
		startedAt: integer('started_at').notNull(),
		/** epoch ms the server ends the attempt; null = no time limit */
		endsAt: integer('ends_at'),
		submittedAt: integer('submitted_at'),
		submittedBy: text('submitted_by').$type<SubmittedBy>(),
		status: text('status').$type<AttemptStatus>().notNull().default('open'),
		slots: text('slots', { mode: 'json' }).$type<AttemptSlot[]>().notNull(),
		score: real('score'),
		maxScore: real('max_score').notNull(),
		passed: integer('passed', { mode: 'boolean' })
	},
	(t) => [
		uniqueIndex('quiz_attempt_no_idx').on(t.quizId, t.userId, t.context, t.attemptNo),
		index('quiz_attempt_open_idx').on(t.status, t.endsAt),
		index('quiz_attempt_context_idx').on(t.context)
	]
);

/** A saved answer of one slot; `points` is filled on grading. */
export const attemptAnswer = sqliteTable(
	'attempt_answer',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => quizAttempt.id, { onDelete: 'cascade' }),
		slot: integer('slot').notNull(),
		response: text('response', { mode: 'json' }).$type<Response | null>(),
		flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
		savedAt: integer('saved_at').notNull(),
		points: real('points')
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.slot] })]
);

export type CourseStatus = 'draft' | 'published';

/** A course: ordered lessons and quizzes worth `hours` 学时 for an audience category. */
export const course = sqliteTable('course', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	/** markdown */
	summary: text('summary').notNull().default(''),
	hours: real('hours').notNull(),
	/** null = everyone */
	audience: text('audience').$type<StaffCategory>(),
	status: text('status').$type<CourseStatus>().notNull().default('draft'),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`)
});

export const lesson = sqliteTable(
	'lesson',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		sortOrder: integer('sort_order').notNull(),
		title: text('title').notNull(),
		/** markdown, rendered with renderMarkdown */
		body: text('body').notNull()
	},
	(t) => [index('lesson_course_idx').on(t.courseId, t.sortOrder)]
);

/** Quizzes of a course, in order; a course is complete when every lesson is read and every quiz passed. */
export const courseQuiz = sqliteTable(
	'course_quiz',
	{
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		quizId: integer('quiz_id')
			.notNull()
			.references(() => quiz.id, { onDelete: 'cascade' }),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.courseId, t.quizId] })]
);

export const lessonProgress = sqliteTable(
	'lesson_progress',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		readAt: integer('read_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId] })]
);

/** A learner's completed course: the hours credited to the training record and the certificate number. */
export const courseCompletion = sqliteTable(
	'course_completion',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		/** epoch ms */
		completedAt: integer('completed_at').notNull(),
		hours: real('hours').notNull(),
		certificateNumber: text('certificate_number').unique()
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] })]
);
