/**
 * Online courses (线上课程) as trainers manage them: the course itself (title, markdown summary, 学时,
 * audience, draft/published), its ordered lessons and its ordered quizzes, and who may see what.
 * Learners see a course when it is published and meant for everyone or for their staff category; a
 * learner who completed a course keeps seeing it (and its certificate) after it is unpublished.
 * Every write is audited in the transaction that makes it.
 */
import { and, asc, count, desc, eq, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { course, courseCompletion, courseQuiz, lesson, quiz, user, unit, type CourseStatus, type QuizStatus } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { Role, StaffCategory } from '../../domain/roles';
import { checkCourseInput, moveItem, type CourseInputError, type MoveDirection } from '../../domain/course/progress';
import { traineeOfUser } from '../training/trainees';

export type Course = typeof course.$inferSelect;
export type Lesson = typeof lesson.$inferSelect;

export const COURSE_STATUSES = ['draft', 'published'] as const satisfies readonly CourseStatus[];
export const MAX_SUMMARY_LENGTH = 5_000;
export const MAX_LESSON_TITLE = 100;
export const MAX_LESSON_BODY = 50_000;

/** Who is asking: enough of the session user for the role and resource checks. */
export interface Viewer {
	id: number;
	roles: readonly Role[];
}

export type CourseError =
	| CourseInputError
	| 'course.not_found'
	| 'course.no_lessons'
	| 'course.last_lesson'
	| 'course.has_completions'
	| 'course.lesson_not_found'
	| 'course.lesson_title'
	| 'course.quiz_not_found'
	| 'course.quiz_attached'
	| 'course.quiz_not_attached';

export interface CourseInput {
	title: string;
	/** markdown */
	summary: string;
	hours: number;
	/** null = every staff category */
	audience: StaffCategory | null;
}

export interface LessonInput {
	title: string;
	/** markdown */
	body: string;
}

export const canManageCourses = (roles: readonly Role[]) => roles.includes('trainer') || roles.includes('admin');

/** The learner's staff category: the account's profile, else the category of their training record. */
export function staffCategoryOf(db: Tx, userId: number): StaffCategory | null {
	const u = db.select({ category: user.staffCategory }).from(user).where(eq(user.id, userId)).get();
	return u?.category ?? traineeOfUser(db, userId)?.category ?? null;
}

/** A course a learner of `category` may take: published, and for everyone or for that category. */
export function isOpenTo(c: Pick<Course, 'status' | 'audience'>, category: StaffCategory | null): boolean {
	return c.status === 'published' && (c.audience === null || c.audience === category);
}

/** The same rule as SQL over `course`, for lists. */
function openToSql(category: StaffCategory | null): SQL {
	const audience = category ? or(isNull(course.audience), eq(course.audience, category)) : isNull(course.audience);
	return and(eq(course.status, 'published'), audience)!;
}

export interface CourseAccess {
	course: Course;
	/** Trainer or admin: edits the course, previews it in any state. */
	canManage: boolean;
	/** May read lessons and have progress recorded: a learner the course is open to. */
	canLearn: boolean;
	/** Has completed the course (keeps read access and the certificate even when it is no longer open). */
	hasCompleted: boolean;
}

/** What `viewer` may do with a course; null when it does not exist or they may not even see it. */
export function courseAccess(db: Tx, viewer: Viewer, courseId: number): CourseAccess | null {
	const c = db.select().from(course).where(eq(course.id, courseId)).get();
	if (!c) return null;
	const canManage = canManageCourses(viewer.roles);
	const canLearn = viewer.roles.includes('learner') && isOpenTo(c, staffCategoryOf(db, viewer.id));
	const hasCompleted = !!db
		.select({ n: courseCompletion.userId })
		.from(courseCompletion)
		.where(and(eq(courseCompletion.courseId, courseId), eq(courseCompletion.userId, viewer.id)))
		.get();
	if (!canManage && !canLearn && !hasCompleted) return null;
	return { course: c, canManage, canLearn, hasCompleted };
}

export interface CourseListRow {
	id: number;
	title: string;
	hours: number;
	audience: StaffCategory | null;
	status: CourseStatus;
	lessonCount: number;
	quizCount: number;
	completionCount: number;
}

const listColumns = {
	id: course.id,
	title: course.title,
	hours: course.hours,
	audience: course.audience,
	status: course.status,
	// Written out: drizzle leaves columns unqualified inside sql``, which would make these correlate with nothing.
	lessonCount: sql<number>`(select count(*) from lesson l where l.course_id = "course"."id")`,
	quizCount: sql<number>`(select count(*) from course_quiz cq where cq.course_id = "course"."id")`,
	completionCount: sql<number>`(select count(*) from course_completion cc where cc.course_id = "course"."id")`
};

export interface CourseListOptions {
	page?: number;
	pageSize?: number;
	/** Managers only: one status. */
	status?: CourseStatus | null;
}

/**
 * Courses for a list page: every course, newest first, for trainers and admins; for anyone else the
 * published ones open to their staff category, in the order they were created.
 */
export function listCourses(db: Db, viewer: Viewer, opts: CourseListOptions = {}) {
	const pageSize = opts.pageSize ?? 20;
	const manage = canManageCourses(viewer.roles);
	const where = manage ? (opts.status ? eq(course.status, opts.status) : undefined) : openToSql(staffCategoryOf(db, viewer.id));
	const total = db.select({ n: count() }).from(course).where(where).get()?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, opts.page ?? 1), pages);
	const rows: CourseListRow[] = db
		.select(listColumns)
		.from(course)
		.where(where)
		.orderBy(manage ? desc(course.id) : asc(course.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	return { total, page, pageSize, rows };
}

/** Every course open to this learner (no paging: a bureau offers tens of courses, not thousands). */
export function openCourses(db: Tx, userId: number): Course[] {
	return db.select().from(course).where(openToSql(staffCategoryOf(db, userId))).orderBy(asc(course.id)).all();
}

const courseSnapshot = (c: Pick<Course, 'title' | 'hours' | 'audience' | 'status'>) => ({
	title: c.title,
	hours: c.hours,
	audience: c.audience,
	status: c.status
});

function checked(input: CourseInput): Result<CourseInput, CourseError> {
	const r = checkCourseInput(input);
	if (!r.ok) return r;
	return ok({ ...input, title: input.title.trim(), summary: input.summary.slice(0, MAX_SUMMARY_LENGTH) });
}

/** A new course, always a draft: it is published from the editor once it has lessons. */
export function createCourse(db: Db, actorId: number, input: CourseInput, now = Date.now()): Result<{ id: number }, CourseError> {
	const r = checked(input);
	if (!r.ok) return r;
	return db.transaction((tx) => {
		const row = tx
			.insert(course)
			.values({ ...r.value, status: 'draft', createdBy: actorId })
			.returning()
			.get();
		recordAudit(tx, { actorId, action: 'course.create', entity: 'course', entityId: row.id, after: courseSnapshot(row), at: now });
		return ok({ id: row.id });
	});
}

const lessonCount = (tx: Tx, courseId: number) => tx.select({ n: count() }).from(lesson).where(eq(lesson.courseId, courseId)).get()?.n ?? 0;
const completionCount = (tx: Tx, courseId: number) =>
	tx.select({ n: count() }).from(courseCompletion).where(eq(courseCompletion.courseId, courseId)).get()?.n ?? 0;

/**
 * Saves the course fields and its status. Publishing needs at least one lesson (a course of nothing
 * would credit hours for nothing). Hours already credited to completions keep their value.
 */
export function updateCourse(
	db: Db,
	actorId: number,
	courseId: number,
	input: CourseInput & { status: CourseStatus },
	now = Date.now()
): Result<{ id: number }, CourseError> {
	const r = checked(input);
	if (!r.ok) return r;
	return db.transaction((tx) => {
		const before = tx.select().from(course).where(eq(course.id, courseId)).get();
		if (!before) return err('course.not_found');
		if (input.status === 'published' && lessonCount(tx, courseId) === 0) return err('course.no_lessons');
		const values = { ...r.value, status: input.status };
		tx.update(course).set(values).where(eq(course.id, courseId)).run();
		recordAudit(tx, {
			actorId,
			action: 'course.update',
			entity: 'course',
			entityId: courseId,
			before: courseSnapshot(before),
			after: { ...courseSnapshot(values), summaryChanged: before.summary !== values.summary },
			at: now
		});
		return ok({ id: courseId });
	});
}

/** Publishes or unpublishes (下架) a course without touching its other fields. */
export function setCourseStatus(db: Db, actorId: number, courseId: number, status: CourseStatus, now = Date.now()): Result<{ id: number }, CourseError> {
	return db.transaction((tx) => {
		const before = tx.select().from(course).where(eq(course.id, courseId)).get();
		if (!before) return err('course.not_found');
		if (status === 'published' && lessonCount(tx, courseId) === 0) return err('course.no_lessons');
		if (before.status === status) return ok({ id: courseId });
		tx.update(course).set({ status }).where(eq(course.id, courseId)).run();
		recordAudit(tx, { actorId, action: 'course.update', entity: 'course', entityId: courseId, before: { status: before.status }, after: { status }, at: now });
		return ok({ id: courseId });
	});
}

/**
 * Deletes a course with its lessons, quiz links and reading progress. Refused once anyone has completed
 * it: completions carry credited hours and certificate numbers, which must survive (unpublish instead).
 */
export function deleteCourse(db: Db, actorId: number, courseId: number, now = Date.now()): Result<{ id: number }, CourseError> {
	return db.transaction((tx) => {
		const before = tx.select().from(course).where(eq(course.id, courseId)).get();
		if (!before) return err('course.not_found');
		const completed = completionCount(tx, courseId);
		if (completed > 0) return err('course.has_completions', { count: completed });
		const lessons = lessonCount(tx, courseId);
		tx.delete(course).where(eq(course.id, courseId)).run();
		recordAudit(tx, { actorId, action: 'course.delete', entity: 'course', entityId: courseId, before: { ...courseSnapshot(before), lessons }, at: now });
		return ok({ id: courseId });
	});
}

// --- editor -------------------------------------------------------------------------------------------------

export interface EditorQuiz {
	id: number;
	title: string;
	status: QuizStatus;
	sortOrder: number;
}

/** A course with its lessons and quizzes in order and how many have completed it; null when there is none. */
export function courseForEditor(db: Db, courseId: number) {
	const c = db.select().from(course).where(eq(course.id, courseId)).get();
	if (!c) return null;
	const lessons = db
		.select({ id: lesson.id, title: lesson.title, sortOrder: lesson.sortOrder, bodyLength: sql<number>`length(${lesson.body})` })
		.from(lesson)
		.where(eq(lesson.courseId, courseId))
		.orderBy(asc(lesson.sortOrder), asc(lesson.id))
		.all();
	return { course: c, lessons, quizzes: courseQuizzes(db, courseId), completionCount: completionCount(db, courseId) };
}

/** The course's quizzes in order. */
export function courseQuizzes(db: Tx, courseId: number): EditorQuiz[] {
	return db
		.select({ id: quiz.id, title: quiz.title, status: quiz.status, sortOrder: courseQuiz.sortOrder })
		.from(courseQuiz)
		.innerJoin(quiz, eq(quiz.id, courseQuiz.quizId))
		.where(eq(courseQuiz.courseId, courseId))
		.orderBy(asc(courseQuiz.sortOrder), asc(quiz.id))
		.all();
}

/** The course's lessons in order (bodies included). */
export function courseLessons(db: Tx, courseId: number): Lesson[] {
	return db.select().from(lesson).where(eq(lesson.courseId, courseId)).orderBy(asc(lesson.sortOrder), asc(lesson.id)).all();
}

/** Quizzes a trainer may attach: every quiz of the bank's quiz list, newest first. */
export function quizChoices(db: Db): { id: number; title: string; status: QuizStatus }[] {
	return db.select({ id: quiz.id, title: quiz.title, status: quiz.status }).from(quiz).orderBy(desc(quiz.id)).limit(500).all();
}

/** One course, or null. */
export function getCourse(db: Tx, courseId: number): Course | null {
	return db.select().from(course).where(eq(course.id, courseId)).get() ?? null;
}

/** One lesson of a course (null when the lesson is missing or belongs to another course). */
export function getLesson(db: Tx, courseId: number, lessonId: number): Lesson | null {
	return db.select().from(lesson).where(and(eq(lesson.id, lessonId), eq(lesson.courseId, courseId))).get() ?? null;
}

/** The people who completed a course, latest first, for the trainer's record (结业记录). */
export function courseCompletions(db: Db, courseId: number, page = 1, pageSize = 20) {
	const total = completionCount(db, courseId);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const p = Math.min(Math.max(1, page), pages);
	const rows = db
		.select({
			userId: courseCompletion.userId,
			name: user.displayName,
			enterpriseName: unit.name,
			completedAt: courseCompletion.completedAt,
			hours: courseCompletion.hours,
			certificateNumber: courseCompletion.certificateNumber
		})
		.from(courseCompletion)
		.innerJoin(user, eq(user.id, courseCompletion.userId))
		.leftJoin(unit, eq(unit.id, user.unitId))
		.where(eq(courseCompletion.courseId, courseId))
		.orderBy(desc(courseCompletion.completedAt), asc(courseCompletion.userId))
		.limit(pageSize)
		.offset((p - 1) * pageSize)
		.all();
	return { total, page: p, pageSize, rows };
}

// --- lessons --------------------------------------------------------------------------------------------------

function checkLesson(input: LessonInput): Result<LessonInput, CourseError> {
	const title = input.title.trim();
	if (title === '' || Array.from(title).length > MAX_LESSON_TITLE) return err('course.lesson_title', { max: MAX_LESSON_TITLE });
	return ok({ title, body: input.body.slice(0, MAX_LESSON_BODY) });
}

/** Adds a lesson at the end of the course. */
export function createLesson(db: Db, actorId: number, courseId: number, input: LessonInput, now = Date.now()): Result<{ id: number }, CourseError> {
	const r = checkLesson(input);
	if (!r.ok) return r;
	return db.transaction((tx) => {
		if (!tx.select({ id: course.id }).from(course).where(eq(course.id, courseId)).get()) return err('course.not_found');
		const last = tx.select({ n: max(lesson.sortOrder) }).from(lesson).where(eq(lesson.courseId, courseId)).get()?.n ?? 0;
		const row = tx
			.insert(lesson)
			.values({ courseId, sortOrder: last + 1, ...r.value })
			.returning()
			.get();
		recordAudit(tx, { actorId, action: 'course.lesson_create', entity: 'course', entityId: courseId, after: { lessonId: row.id, title: row.title }, at: now });
		return ok({ id: row.id });
	});
}

export function updateLesson(db: Db, actorId: number, courseId: number, lessonId: number, input: LessonInput, now = Date.now()): Result<{ id: number }, CourseError> {
	const r = checkLesson(input);
	if (!r.ok) return r;
	return db.transaction((tx) => {
		const before = getLesson(tx, courseId, lessonId);
		if (!before) return err('course.lesson_not_found');
		tx.update(lesson).set(r.value).where(eq(lesson.id, lessonId)).run();
		recordAudit(tx, {
			actorId,
			action: 'course.lesson_update',
			entity: 'course',
			entityId: courseId,
			before: { lessonId, title: before.title, bodyLength: before.body.length },
			after: { lessonId, title: r.value.title, bodyLength: r.value.body.length },
			at: now
		});
		return ok({ id: lessonId });
	});
}

/** Renumbers a course's lessons 1…n in the given order. */
function renumberLessons(tx: Tx, ids: readonly number[]) {
	ids.forEach((id, i) => tx.update(lesson).set({ sortOrder: i + 1 }).where(eq(lesson.id, id)).run());
}

/**
 * Deletes a lesson and who read it. A published course keeps at least one lesson (unpublish it first).
 * Completions already recorded stay as they are.
 */
export function deleteLesson(db: Db, actorId: number, courseId: number, lessonId: number, now = Date.now()): Result<{ id: number }, CourseError> {
	return db.transaction((tx) => {
		const c = tx.select().from(course).where(eq(course.id, courseId)).get();
		if (!c) return err('course.not_found');
		const before = getLesson(tx, courseId, lessonId);
		if (!before) return err('course.lesson_not_found');
		const ids = courseLessons(tx, courseId).map((l) => l.id);
		if (c.status === 'published' && ids.length === 1) return err('course.last_lesson');
		tx.delete(lesson).where(eq(lesson.id, lessonId)).run();
		renumberLessons(
			tx,
			ids.filter((id) => id !== lessonId)
		);
		recordAudit(tx, { actorId, action: 'course.lesson_delete', entity: 'course', entityId: courseId, before: { lessonId, title: before.title }, at: now });
		return ok({ id: lessonId });
	});
}

/** Moves a lesson one place up or down; at either end nothing changes. */
export function moveLesson(db: Db, actorId: number, courseId: number, lessonId: number, direction: MoveDirection, now = Date.now()): Result<{ moved: boolean }, CourseError> {
	return db.transaction((tx) => {
		const ids = courseLessons(tx, courseId).map((l) => l.id);
		if (!ids.includes(lessonId)) return err('course.lesson_not_found');
		const order = moveItem(ids, lessonId, direction);
		if (!order) return ok({ moved: false });
		renumberLessons(tx, order);
		recordAudit(tx, { actorId, action: 'course.lesson_move', entity: 'course', entityId: courseId, before: { order: ids }, after: { order }, at: now });
		return ok({ moved: true });
	});
}

// --- quizzes -------------------------------------------------------------------------------------------------

function renumberQuizzes(tx: Tx, courseId: number, quizIds: readonly number[]) {
	quizIds.forEach((quizId, i) =>
		tx
			.update(courseQuiz)
			.set({ sortOrder: i + 1 })
			.where(and(eq(courseQuiz.courseId, courseId), eq(courseQuiz.quizId, quizId)))
			.run()
	);
}

/** Adds an existing quiz at the end of the course's quizzes. */
export function attachQuiz(db: Db, actorId: number, courseId: number, quizId: number, now = Date.now()): Result<{ quizId: number }, CourseError> {
	return db.transaction((tx) => {
		if (!tx.select({ id: course.id }).from(course).where(eq(course.id, courseId)).get()) return err('course.not_found');
		const q = tx.select({ id: quiz.id, title: quiz.title }).from(quiz).where(eq(quiz.id, quizId)).get();
		if (!q) return err('course.quiz_not_found');
		const attached = courseQuizzes(tx, courseId);
		if (attached.some((a) => a.id === quizId)) return err('course.quiz_attached');
		tx.insert(courseQuiz)
			.values({ courseId, quizId, sortOrder: attached.reduce((n, a) => Math.max(n, a.sortOrder), 0) + 1 })
			.run();
		recordAudit(tx, { actorId, action: 'course.quiz_attach', entity: 'course', entityId: courseId, after: { quizId, title: q.title }, at: now });
		return ok({ quizId });
	});
}

export function detachQuiz(db: Db, actorId: number, courseId: number, quizId: number, now = Date.now()): Result<{ quizId: number }, CourseError> {
	return db.transaction((tx) => {
		const attached = courseQuizzes(tx, courseId);
		const q = attached.find((a) => a.id === quizId);
		if (!q) return err('course.quiz_not_attached');
		tx.delete(courseQuiz)
			.where(and(eq(courseQuiz.courseId, courseId), eq(courseQuiz.quizId, quizId)))
			.run();
		renumberQuizzes(
			tx,
			courseId,
			attached.filter((a) => a.id !== quizId).map((a) => a.id)
		);
		recordAudit(tx, { actorId, action: 'course.quiz_detach', entity: 'course', entityId: courseId, before: { quizId, title: q.title }, at: now });
		return ok({ quizId });
	});
}

export function moveQuiz(db: Db, actorId: number, courseId: number, quizId: number, direction: MoveDirection, now = Date.now()): Result<{ moved: boolean }, CourseError> {
	return db.transaction((tx) => {
		const ids = courseQuizzes(tx, courseId).map((q) => q.id);
		if (!ids.includes(quizId)) return err('course.quiz_not_attached');
		const order = moveItem(ids, quizId, direction);
		if (!order) return ok({ moved: false });
		renumberQuizzes(tx, courseId, order);
		recordAudit(tx, { actorId, action: 'course.quiz_move', entity: 'course', entityId: courseId, before: { order: ids }, after: { order }, at: now });
		return ok({ moved: true });
	});
}

/** Ids of the quizzes attached to any of `courseIds`, by course, in order. */
export function quizIdsByCourse(db: Tx, courseIds: readonly number[]): Map<number, number[]> {
	const out = new Map<number, number[]>();
	if (courseIds.length === 0) return out;
	const rows = db
		.select({ courseId: courseQuiz.courseId, quizId: courseQuiz.quizId })
		.from(courseQuiz)
		.where(inArray(courseQuiz.courseId, [...courseIds]))
		.orderBy(asc(courseQuiz.courseId), asc(courseQuiz.sortOrder), asc(courseQuiz.quizId))
		.all();
	for (const r of rows) out.set(r.courseId, [...(out.get(r.courseId) ?? []), r.quizId]);
	return out;
}

/** Ids of the lessons of any of `courseIds`, by course, in order. */
export function lessonIdsByCourse(db: Tx, courseIds: readonly number[]): Map<number, number[]> {
	const out = new Map<number, number[]>();
	if (courseIds.length === 0) return out;
	const rows = db
		.select({ courseId: lesson.courseId, id: lesson.id })
		.from(lesson)
		.where(inArray(lesson.courseId, [...courseIds]))
		.orderBy(asc(lesson.courseId), asc(lesson.sortOrder), asc(lesson.id))
		.all();
	for (const r of rows) out.set(r.courseId, [...(out.get(r.courseId) ?? []), r.id]);
	return out;
}
