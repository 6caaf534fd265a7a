/**
 * A learner's way through online courses: lessons marked as read, quizzes passed (a submitted, passed
 * attempt in the stand-alone context ''), the completion that credits the course's 学时 and carries a
 * 课程结业证明 number, and what the learner's pages show.
 *
 * The quiz pages call `completeIfDoneForQuiz` after a passed attempt; marking the last lesson read calls
 * `completeIfDone` here. Both are idempotent: a course is completed once per learner.
 */
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db';
import { course, courseCompletion, courseQuiz, lesson, lessonProgress, quizAttempt, unit, user, type CourseStatus, type QuizStatus } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { StaffCategory } from '../../domain/roles';
import { courseCertificateNumber, parseCourseCertificateNumber, summariseProgress, type NextStep } from '../../domain/course/progress';
import { chinaDate } from '../training/attendance';
import {
	canManageCourses,
	courseAccess,
	courseLessons,
	courseQuizzes,
	isOpenTo,
	lessonIdsByCourse,
	openCourses,
	quizIdsByCourse,
	staffCategoryOf,
	type Viewer
} from './courses';

export interface CourseProgress {
	lessonsRead: number;
	lessonsTotal: number;
	quizzesPassed: number;
	quizzesTotal: number;
	/** Whole percent done; 100 once the course is completed. */
	percent: number;
	/** A completion is recorded. */
	complete: boolean;
	/** epoch ms */
	completedAt: number | null;
	certificateNumber: string | null;
	/** 学时 credited by the completion (the course's hours at that moment). */
	hoursCredited: number | null;
	/** First unread lesson, else first quiz not passed. */
	next: NextStep;
}

/** Which of `quizIds` the user has passed: a submitted attempt marked passed, outside any drill. */
export function passedQuizIds(db: Tx, userId: number, quizIds: readonly number[]): Set<number> {
	if (quizIds.length === 0) return new Set();
	const rows = db
		.selectDistinct({ quizId: quizAttempt.quizId })
		.from(quizAttempt)
		.where(
			and(
				eq(quizAttempt.userId, userId),
				inArray(quizAttempt.quizId, [...quizIds]),
				eq(quizAttempt.context, ''),
				eq(quizAttempt.status, 'submitted'),
				eq(quizAttempt.passed, true)
			)
		)
		.all();
	return new Set(rows.map((r) => r.quizId));
}

/** Which of `lessonIds` the user has marked as read. */
export function readLessonIds(db: Tx, userId: number, lessonIds: readonly number[]): Set<number> {
	if (lessonIds.length === 0) return new Set();
	const rows = db
		.select({ lessonId: lessonProgress.lessonId })
		.from(lessonProgress)
		.where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, [...lessonIds])))
		.all();
	return new Set(rows.map((r) => r.lessonId));
}

function completionOf(db: Tx, userId: number, courseId: number) {
	return db
		.select()
		.from(courseCompletion)
		.where(and(eq(courseCompletion.userId, userId), eq(courseCompletion.courseId, courseId)))
		.get();
}

function progressFrom(
	lessonIds: readonly number[],
	quizIds: readonly number[],
	read: ReadonlySet<number>,
	passed: ReadonlySet<number>,
	completion: { completedAt: number; certificateNumber: string | null; hours: number } | undefined
): CourseProgress {
	const s = summariseProgress({ lessonIds, readLessonIds: read, quizIds, passedQuizIds: passed });
	return {
		lessonsRead: s.lessonsRead,
		lessonsTotal: s.lessonsTotal,
		quizzesPassed: s.quizzesPassed,
		quizzesTotal: s.quizzesTotal,
		percent: completion ? 100 : s.percent,
		complete: !!completion,
		completedAt: completion?.completedAt ?? null,
		certificateNumber: completion?.certificateNumber ?? null,
		hoursCredited: completion?.hours ?? null,
		next: s.next
	};
}

/** The user's progress in one course (zeros for a course without lessons or quizzes). */
export function courseProgress(db: Tx, userId: number, courseId: number): CourseProgress {
	const lessonIds = lessonIdsByCourse(db, [courseId]).get(courseId) ?? [];
	const quizIds = quizIdsByCourse(db, [courseId]).get(courseId) ?? [];
	return progressFrom(lessonIds, quizIds, readLessonIds(db, userId, lessonIds), passedQuizIds(db, userId, quizIds), completionOf(db, userId, courseId));
}

export interface CompletionOutcome {
	/** A completion exists now (made by this call or earlier). */
	completed: boolean;
	/** This call made it. */
	created: boolean;
	certificateNumber: string | null;
}

/** The next free certificate number of a course for completions in `year`. */
function nextCertificateNumber(tx: Tx, courseId: number, year: number): string {
	const prefix = courseCertificateNumber(year, courseId, 1).slice(0, -6); // KC2026-012-
	const numbers = tx
		.select({ number: courseCompletion.certificateNumber })
		.from(courseCompletion)
		.where(and(eq(courseCompletion.courseId, courseId), like(courseCompletion.certificateNumber, `${prefix}%`)))
		.all();
	const seq = numbers.reduce((n, r) => Math.max(n, (r.number && parseCourseCertificateNumber(r.number)?.seq) || 0), 0);
	return courseCertificateNumber(year, courseId, seq + 1);
}

/**
 * Records the completion of a course once every lesson is read and every attached quiz passed, if the
 * course is published and open to the user: hours = the course's hours now, a certificate number of the
 * China-time year of `now`, audited. Does nothing when already completed or not yet done.
 * Takes a transaction too (the quiz engine may call it inside its own); it nests as a savepoint.
 */
export function completeIfDone(db: Tx, userId: number, courseId: number, now = Date.now()): CompletionOutcome {
	// Both Db and a transaction have transaction(); TypeScript cannot call the union of the two generics.
	return (db as Db).transaction((tx) => {
		const existing = completionOf(tx, userId, courseId);
		if (existing) return { completed: true, created: false, certificateNumber: existing.certificateNumber };
		const notYet: CompletionOutcome = { completed: false, created: false, certificateNumber: null };
		const c = tx.select().from(course).where(eq(course.id, courseId)).get();
		if (!c || !isOpenTo(c, staffCategoryOf(tx, userId))) return notYet;
		const p = courseProgress(tx, userId, courseId);
		if (p.lessonsRead !== p.lessonsTotal || p.quizzesPassed !== p.quizzesTotal || p.lessonsTotal + p.quizzesTotal === 0) return notYet;
		const certificateNumber = nextCertificateNumber(tx, courseId, Number(chinaDate(now).slice(0, 4)));
		tx.insert(courseCompletion).values({ userId, courseId, completedAt: now, hours: c.hours, certificateNumber }).run();
		recordAudit(tx, {
			actorId: userId,
			action: 'course.complete',
			entity: 'course',
			entityId: courseId,
			after: { courseId, userId, hours: c.hours, certificateNumber },
			at: now
		});
		return { completed: true, created: true, certificateNumber };
	});
}

/**
 * For the quiz pages, after an attempt is submitted: completes every published course containing
 * `quizId` that the user has now finished. Returns the completions this call made.
 */
export function completeIfDoneForQuiz(db: Tx, userId: number, quizId: number, now = Date.now()): { courseId: number; certificateNumber: string | null }[] {
	const courseIds = db
		.select({ id: course.id })
		.from(courseQuiz)
		.innerJoin(course, eq(course.id, courseQuiz.courseId))
		.where(and(eq(courseQuiz.quizId, quizId), eq(course.status, 'published')))
		.orderBy(asc(course.id))
		.all()
		.map((r) => r.id);
	const out: { courseId: number; certificateNumber: string | null }[] = [];
	for (const courseId of courseIds) {
		const r = completeIfDone(db, userId, courseId, now);
		if (r.created) out.push({ courseId, certificateNumber: r.certificateNumber });
	}
	return out;
}

export type MarkReadError = 'course.lesson_not_found' | 'course.not_open';

/**
 * Marks a lesson as read (again is fine: the first time stays), then completes the course if that was the
 * last thing left. Only for a published course open to the learner.
 */
export function markLessonRead(db: Db, userId: number, lessonId: number, now = Date.now()): Result<{ courseId: number; completion: CompletionOutcome }, MarkReadError> {
	return db.transaction((tx) => {
		const l = tx.select({ courseId: lesson.courseId }).from(lesson).where(eq(lesson.id, lessonId)).get();
		if (!l) return err('course.lesson_not_found');
		const c = tx.select().from(course).where(eq(course.id, l.courseId)).get();
		if (!c || !isOpenTo(c, staffCategoryOf(tx, userId))) return err('course.not_open');
		tx.insert(lessonProgress).values({ userId, lessonId, readAt: now }).onConflictDoNothing().run();
		return ok({ courseId: l.courseId, completion: completeIfDone(tx, userId, l.courseId, now) });
	});
}

// --- learner pages ----------------------------------------------------------------------------------------

export interface MyCourse {
	id: number;
	title: string;
	hours: number;
	audience: StaffCategory | null;
	/** false: completed earlier, no longer offered (unpublished or now for another category). */
	isOpen: boolean;
	progress: CourseProgress;
	/** Where 继续学习 leads: the next lesson or quiz, the certificate once completed, else the course page. */
	continueHref: string;
	continueLabel: string;
}

function continueTo(courseId: number, p: CourseProgress): { href: string; label: string } {
	if (p.complete) return { href: `/courses/${courseId}/certificate`, label: '查看结业证明' };
	const started = p.lessonsRead + p.quizzesPassed > 0;
	if (p.next?.kind === 'lesson') return { href: `/courses/${courseId}/lessons/${p.next.id}`, label: started ? '继续学习' : '开始学习' };
	if (p.next?.kind === 'quiz') return { href: `/quiz/${p.next.id}`, label: '去参加测验' };
	return { href: `/courses/${courseId}`, label: '查看课程' };
}

/** The learner's courses: those open to them, then completed ones no longer offered; with progress. */
export function myCourses(db: Db, userId: number): MyCourse[] {
	const open = openCourses(db, userId);
	const completions = db.select().from(courseCompletion).where(eq(courseCompletion.userId, userId)).all();
	const byCourse = new Map(completions.map((c) => [c.courseId, c]));
	const openIds = new Set(open.map((c) => c.id));
	const closedIds = completions.map((c) => c.courseId).filter((id) => !openIds.has(id));
	const closed = closedIds.length ? db.select().from(course).where(inArray(course.id, closedIds)).orderBy(asc(course.id)).all() : [];
	const all = [...open, ...closed];
	const ids = all.map((c) => c.id);
	const lessonsOf = lessonIdsByCourse(db, ids);
	const quizzesOf = quizIdsByCourse(db, ids);
	const read = readLessonIds(db, userId, [...lessonsOf.values()].flat());
	const passed = passedQuizIds(db, userId, [...new Set([...quizzesOf.values()].flat())]);
	return all.map((c) => {
		const progress = progressFrom(lessonsOf.get(c.id) ?? [], quizzesOf.get(c.id) ?? [], read, passed, byCourse.get(c.id));
		const to = continueTo(c.id, progress);
		return { id: c.id, title: c.title, hours: c.hours, audience: c.audience, isOpen: openIds.has(c.id), progress, continueHref: to.href, continueLabel: to.label };
	});
}

export interface CourseView {
	course: { id: number; title: string; summary: string; hours: number; audience: StaffCategory | null; status: CourseStatus };
	canManage: boolean;
	canLearn: boolean;
	lessons: { id: number; title: string; isRead: boolean }[];
	quizzes: { id: number; title: string; status: QuizStatus; isPassed: boolean }[];
	progress: CourseProgress;
}

/**
 * The course page: lessons with read ticks, quizzes passed or not, progress. Null when the viewer may not
 * see the course. A learner who has done everything but has no completion yet (the last quiz was passed
 * before this course was published, or a trainer removed what was left) is completed here.
 */
export function courseView(db: Db, viewer: Viewer, courseId: number, now = Date.now()): CourseView | null {
	const access = courseAccess(db, viewer, courseId);
	if (!access) return null;
	if (access.canLearn) completeIfDone(db, viewer.id, courseId, now);
	const lessons = courseLessons(db, courseId);
	const quizzes = courseQuizzes(db, courseId);
	const read = readLessonIds(
		db,
		viewer.id,
		lessons.map((l) => l.id)
	);
	const passed = passedQuizIds(
		db,
		viewer.id,
		quizzes.map((q) => q.id)
	);
	const c = access.course;
	return {
		course: { id: c.id, title: c.title, summary: c.summary, hours: c.hours, audience: c.audience, status: c.status },
		canManage: access.canManage,
		canLearn: access.canLearn,
		lessons: lessons.map((l) => ({ id: l.id, title: l.title, isRead: read.has(l.id) })),
		quizzes: quizzes.map((q) => ({ id: q.id, title: q.title, status: q.status, isPassed: passed.has(q.id) })),
		progress: progressFrom(
			lessons.map((l) => l.id),
			quizzes.map((q) => q.id),
			read,
			passed,
			completionOf(db, viewer.id, courseId)
		)
	};
}

export interface LessonView {
	course: { id: number; title: string; status: CourseStatus };
	lesson: { id: number; title: string; body: string };
	/** 1-based place in the course. */
	position: number;
	total: number;
	prev: { id: number; title: string } | null;
	next: { id: number; title: string } | null;
	/** After the last lesson: the first quiz not passed yet, if any. */
	nextQuiz: { id: number; title: string } | null;
	isRead: boolean;
	canLearn: boolean;
	canManage: boolean;
}

/** One lesson with its neighbours; null when the viewer may not see the course or the lesson is not in it. */
export function lessonView(db: Db, viewer: Viewer, courseId: number, lessonId: number): LessonView | null {
	const access = courseAccess(db, viewer, courseId);
	if (!access) return null;
	const lessons = courseLessons(db, courseId);
	const i = lessons.findIndex((l) => l.id === lessonId);
	if (i < 0) return null;
	const l = lessons[i];
	const brief = (x: { id: number; title: string } | undefined) => (x ? { id: x.id, title: x.title } : null);
	const quizzes = courseQuizzes(db, courseId);
	const passed = passedQuizIds(
		db,
		viewer.id,
		quizzes.map((q) => q.id)
	);
	return {
		course: { id: access.course.id, title: access.course.title, status: access.course.status },
		lesson: { id: l.id, title: l.title, body: l.body },
		position: i + 1,
		total: lessons.length,
		prev: brief(lessons[i - 1]),
		next: brief(lessons[i + 1]),
		nextQuiz: i === lessons.length - 1 ? brief(quizzes.find((q) => !passed.has(q.id))) : null,
		isRead: readLessonIds(db, viewer.id, [l.id]).has(l.id),
		canLearn: access.canLearn,
		canManage: access.canManage
	};
}

// --- 课程结业证明 --------------------------------------------------------------------------------------------

export type CertificateError = 'course.not_found' | 'course.forbidden' | 'course.not_completed';

export interface CourseCertificate {
	number: string | null;
	holderName: string;
	staffCategory: StaffCategory | null;
	/** The holder's unit when it is an enterprise. */
	enterpriseName: string | null;
	courseTitle: string;
	hours: number;
	/** yyyy-mm-dd, China time */
	completedDate: string;
	/** The unit of the trainer who created the course; null when unknown. */
	issuerName: string | null;
}

/**
 * The certificate of `holderId` for a course. Learners get only their own; trainers and admins anyone's.
 * Available as long as the completion exists, also after the course is unpublished.
 */
export function courseCertificate(db: Db, viewer: Viewer, courseId: number, holderId: number): Result<CourseCertificate, CertificateError> {
	if (holderId !== viewer.id && !canManageCourses(viewer.roles)) return err('course.forbidden');
	const c = db.select({ title: course.title, createdBy: course.createdBy }).from(course).where(eq(course.id, courseId)).get();
	if (!c) return err('course.not_found');
	const done = completionOf(db, holderId, courseId);
	if (!done) return err('course.not_completed');
	const holder = db
		.select({ name: user.displayName, category: user.staffCategory, unitName: unit.name, unitKind: unit.kind })
		.from(user)
		.leftJoin(unit, eq(unit.id, user.unitId))
		.where(eq(user.id, holderId))
		.get();
	const issuer =
		c.createdBy === null
			? undefined
			: db.select({ name: unit.name }).from(user).innerJoin(unit, eq(unit.id, user.unitId)).where(eq(user.id, c.createdBy)).get();
	return ok({
		number: done.certificateNumber,
		holderName: holder?.name ?? '',
		staffCategory: holder?.category ?? staffCategoryOf(db, holderId),
		enterpriseName: holder?.unitKind === 'enterprise' ? holder.unitName : null,
		courseTitle: c.title,
		hours: done.hours,
		completedDate: chinaDate(done.completedAt),
		issuerName: issuer?.name ?? null
	});
}

