import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, course, courseCompletion, courseQuiz, lesson, lessonProgress } from '../db/schema';
import type { Db } from '../db';
import {
	attachQuiz,
	courseAccess,
	courseForEditor,
	createCourse,
	createLesson,
	deleteCourse,
	deleteLesson,
	detachQuiz,
	listCourses,
	moveLesson,
	moveQuiz,
	setCourseStatus,
	updateCourse,
	updateLesson,
	type CourseInput
} from './courses';
import { addQuiz, setupCourses } from './test-fixture';

const BASE: CourseInput = { title: '安全生产法解读', summary: '## 概要', hours: 2, audience: null };

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
	if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
	return r.value;
}
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? null : r.error!.code);

/** A published course with `lessons` lessons, for `audience`. */
function publishedCourse(db: Db, actorId: number, title: string, audience: CourseInput['audience'], lessons = 1): number {
	const { id } = must(createCourse(db, actorId, { ...BASE, title, audience }));
	for (let i = 1; i <= lessons; i++) must(createLesson(db, actorId, id, { title: `第${i}课`, body: `正文${i}` }));
	must(setCourseStatus(db, actorId, id, 'published'));
	return id;
}

const auditActions = (db: Db) => db.select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);

describe('creating and editing a course', () => {
	it('creates a draft and audits it', () => {
		const s = setupCourses();
		const { id } = must(createCourse(s.db, s.trainer, { ...BASE, title: '  安全生产法解读  ', hours: 1.5, audience: 'safety_manager' }));
		const row = s.db.select().from(course).where(eq(course.id, id)).get()!;
		expect(row).toMatchObject({ title: '安全生产法解读', hours: 1.5, audience: 'safety_manager', status: 'draft', createdBy: s.trainer });
		expect(s.db.select().from(auditLog).all()).toMatchObject([{ action: 'course.create', entity: 'course', entityId: String(id), actorId: s.trainer }]);
	});

	it.each([
		[{ hours: 0 }, 'course.hours'],
		[{ hours: 200.5 }, 'course.hours'],
		[{ hours: -2 }, 'course.hours'],
		[{ title: '   ' }, 'course.title_required']
	])('refuses %o with %s and writes nothing', (change, expected) => {
		const s = setupCourses();
		expect(code(createCourse(s.db, s.trainer, { ...BASE, ...change }))).toBe(expected);
		expect(s.db.select().from(course).all()).toEqual([]);
		expect(s.db.select().from(auditLog).all()).toEqual([]);
	});

	it('accepts 200 hours, the upper limit', () => {
		const s = setupCourses();
		expect(code(createCourse(s.db, s.trainer, { ...BASE, hours: 200 }))).toBeNull();
	});

	it('publishes only a course with at least one lesson', () => {
		const s = setupCourses();
		const { id } = must(createCourse(s.db, s.trainer, BASE));
		expect(code(updateCourse(s.db, s.trainer, id, { ...BASE, status: 'published' }))).toBe('course.no_lessons');
		expect(code(setCourseStatus(s.db, s.trainer, id, 'published'))).toBe('course.no_lessons');
		expect(s.db.select().from(course).get()!.status).toBe('draft');
		must(createLesson(s.db, s.trainer, id, { title: '第一课', body: '' }));
		must(updateCourse(s.db, s.trainer, id, { ...BASE, title: '新标题', hours: 3, status: 'published' }));
		expect(s.db.select().from(course).get()).toMatchObject({ title: '新标题', hours: 3, status: 'published' });
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'course.update')).get()!;
		expect(JSON.parse(audit.before!)).toMatchObject({ title: '安全生产法解读', hours: 2, status: 'draft' });
		expect(JSON.parse(audit.after!)).toMatchObject({ title: '新标题', hours: 3, status: 'published', summaryChanged: false });
	});

	it('reports a missing course', () => {
		const s = setupCourses();
		expect(code(updateCourse(s.db, s.trainer, 99, { ...BASE, status: 'draft' }))).toBe('course.not_found');
		expect(code(createLesson(s.db, s.trainer, 99, { title: 'x', body: '' }))).toBe('course.not_found');
		expect(code(deleteCourse(s.db, s.trainer, 99))).toBe('course.not_found');
	});
});

describe('who sees which course', () => {
	function catalogue() {
		const s = setupCourses();
		const everyone = publishedCourse(s.db, s.trainer, '全员课程', null);
		const managers = publishedCourse(s.db, s.trainer, '管理人员课程', 'safety_manager');
		const workers = publishedCourse(s.db, s.trainer, '从业人员课程', 'other');
		const draft = must(createCourse(s.db, s.trainer, { ...BASE, title: '草稿课程' })).id;
		return { ...s, everyone, managers, workers, draft };
	}
	const titles = (r: { rows: { title: string }[] }) => r.rows.map((x) => x.title);

	it('trainers see every course, newest first, with counts', () => {
		const s = catalogue();
		const list = listCourses(s.db, s.trainerV);
		expect(titles(list)).toEqual(['草稿课程', '从业人员课程', '管理人员课程', '全员课程']);
		expect(list.total).toBe(4);
		expect(list.rows[3]).toMatchObject({ lessonCount: 1, quizCount: 0, completionCount: 0, status: 'published' });
		expect(titles(listCourses(s.db, s.trainerV, { status: 'draft' }))).toEqual(['草稿课程']);
	});

	it('a learner sees published courses for everyone or for their staff category', () => {
		const s = catalogue();
		expect(titles(listCourses(s.db, s.managerV))).toEqual(['全员课程', '管理人员课程']);
		expect(titles(listCourses(s.db, s.workerV))).toEqual(['全员课程', '从业人员课程']);
	});

	it('a learner without a staff category sees only courses for everyone', () => {
		const s = catalogue();
		expect(titles(listCourses(s.db, s.uncategorisedV))).toEqual(['全员课程']);
	});

	it('pages the list', () => {
		const s = catalogue();
		const p2 = listCourses(s.db, s.trainerV, { page: 2, pageSize: 3 });
		expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
		expect(titles(p2)).toEqual(['全员课程']);
		expect(listCourses(s.db, s.trainerV, { page: 9, pageSize: 3 }).page).toBe(2);
	});

	it('access: learners cannot open drafts or courses for another category; trainers can', () => {
		const s = catalogue();
		expect(courseAccess(s.db, s.managerV, s.draft)).toBeNull();
		expect(courseAccess(s.db, s.managerV, s.workers)).toBeNull();
		expect(courseAccess(s.db, s.managerV, s.managers)).toMatchObject({ canManage: false, canLearn: true, hasCompleted: false });
		expect(courseAccess(s.db, s.trainerV, s.draft)).toMatchObject({ canManage: true, canLearn: false });
		expect(courseAccess(s.db, s.trainerV, 999)).toBeNull();
	});

	it('a learner who completed a course keeps access after it is unpublished', () => {
		const s = catalogue();
		s.db.insert(courseCompletion).values({ userId: s.manager, courseId: s.managers, completedAt: 1, hours: 2, certificateNumber: null }).run();
		must(setCourseStatus(s.db, s.trainer, s.managers, 'draft'));
		expect(courseAccess(s.db, s.managerV, s.managers)).toMatchObject({ canLearn: false, hasCompleted: true });
		expect(titles(listCourses(s.db, s.managerV))).toEqual(['全员课程']);
	});
});

describe('lessons in order', () => {
	function withLessons() {
		const s = setupCourses();
		const id = must(createCourse(s.db, s.trainer, BASE)).id;
		const [a, b, c] = ['甲', '乙', '丙'].map((t) => must(createLesson(s.db, s.trainer, id, { title: t, body: '' })).id);
		const order = () =>
			s.db
				.select({ title: lesson.title, sortOrder: lesson.sortOrder })
				.from(lesson)
				.where(eq(lesson.courseId, id))
				.orderBy(lesson.sortOrder)
				.all()
				.map((l) => `${l.sortOrder}${l.title}`);
		return { ...s, id, a, b, c, order };
	}

	it('adds lessons at the end', () => {
		const s = withLessons();
		expect(s.order()).toEqual(['1甲', '2乙', '3丙']);
	});

	it('moves a lesson up and down; at the ends nothing changes', () => {
		const s = withLessons();
		expect(must(moveLesson(s.db, s.trainer, s.id, s.c, 'up'))).toEqual({ moved: true });
		expect(s.order()).toEqual(['1甲', '2丙', '3乙']);
		expect(must(moveLesson(s.db, s.trainer, s.id, s.a, 'down'))).toEqual({ moved: true });
		expect(s.order()).toEqual(['1丙', '2甲', '3乙']);
		expect(must(moveLesson(s.db, s.trainer, s.id, s.c, 'up'))).toEqual({ moved: false });
		expect(must(moveLesson(s.db, s.trainer, s.id, s.b, 'down'))).toEqual({ moved: false });
		expect(s.order()).toEqual(['1丙', '2甲', '3乙']);
		expect(auditActions(s.db).filter((a) => a === 'course.lesson_move')).toHaveLength(2);
	});

	it('refuses to move a lesson of another course', () => {
		const s = withLessons();
		const other = must(createCourse(s.db, s.trainer, BASE)).id;
		expect(code(moveLesson(s.db, s.trainer, other, s.a, 'down'))).toBe('course.lesson_not_found');
		expect(code(updateLesson(s.db, s.trainer, other, s.a, { title: 'x', body: '' }))).toBe('course.lesson_not_found');
		expect(code(deleteLesson(s.db, s.trainer, other, s.a))).toBe('course.lesson_not_found');
	});

	it('deletes a lesson, renumbers the rest and drops who read it', () => {
		const s = withLessons();
		s.db.insert(lessonProgress).values({ userId: s.manager, lessonId: s.a, readAt: 1 }).run();
		must(deleteLesson(s.db, s.trainer, s.id, s.a));
		expect(s.order()).toEqual(['1乙', '2丙']);
		expect(s.db.select().from(lessonProgress).all()).toEqual([]);
	});

	it('keeps the last lesson of a published course', () => {
		const s = setupCourses();
		const id = publishedCourse(s.db, s.trainer, '课程', null, 1);
		const only = s.db.select().from(lesson).get()!.id;
		expect(code(deleteLesson(s.db, s.trainer, id, only))).toBe('course.last_lesson');
		expect(s.db.select().from(lesson).all()).toHaveLength(1);
	});

	it('refuses a lesson without a title', () => {
		const s = withLessons();
		expect(code(updateLesson(s.db, s.trainer, s.id, s.a, { title: ' ', body: 'x' }))).toBe('course.lesson_title');
		expect(s.order()).toEqual(['1甲', '2乙', '3丙']);
	});
});

describe('quizzes of a course', () => {
	function withQuizzes() {
		const s = setupCourses();
		const id = must(createCourse(s.db, s.trainer, BASE)).id;
		const [q1, q2, q3] = ['测验一', '测验二', '测验三'].map((t) => addQuiz(s.db, t));
		for (const q of [q1, q2, q3]) must(attachQuiz(s.db, s.trainer, id, q));
		const order = () => courseForEditor(s.db, id)!.quizzes.map((q) => `${q.sortOrder}${q.title}`);
		return { ...s, id, q1, q2, q3, order };
	}

	it('attaches in order and refuses twice or a missing quiz', () => {
		const s = withQuizzes();
		expect(s.order()).toEqual(['1测验一', '2测验二', '3测验三']);
		expect(code(attachQuiz(s.db, s.trainer, s.id, s.q2))).toBe('course.quiz_attached');
		expect(code(attachQuiz(s.db, s.trainer, s.id, 999))).toBe('course.quiz_not_found');
		expect(s.db.select().from(courseQuiz).all()).toHaveLength(3);
	});

	it('moves and detaches, renumbering', () => {
		const s = withQuizzes();
		must(moveQuiz(s.db, s.trainer, s.id, s.q3, 'up'));
		expect(s.order()).toEqual(['1测验一', '2测验三', '3测验二']);
		must(detachQuiz(s.db, s.trainer, s.id, s.q1));
		expect(s.order()).toEqual(['1测验三', '2测验二']);
		expect(code(detachQuiz(s.db, s.trainer, s.id, s.q1))).toBe('course.quiz_not_attached');
		expect(code(moveQuiz(s.db, s.trainer, s.id, s.q1, 'up'))).toBe('course.quiz_not_attached');
		expect(auditActions(s.db).filter((a) => a.startsWith('course.quiz_'))).toEqual([
			'course.quiz_attach',
			'course.quiz_attach',
			'course.quiz_attach',
			'course.quiz_move',
			'course.quiz_detach'
		]);
	});
});

describe('deleting a course', () => {
	it('deletes a course nobody completed, with its lessons and quiz links', () => {
		const s = setupCourses();
		const id = publishedCourse(s.db, s.trainer, '课程', null, 2);
		must(attachQuiz(s.db, s.trainer, id, addQuiz(s.db, '测验')));
		must(deleteCourse(s.db, s.trainer, id));
		expect(s.db.select().from(course).all()).toEqual([]);
		expect(s.db.select().from(lesson).all()).toEqual([]);
		expect(s.db.select().from(courseQuiz).all()).toEqual([]);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'course.delete')).get()!;
		expect(JSON.parse(audit.before!)).toMatchObject({ title: '课程', lessons: 2 });
	});

	it('refuses once someone completed it, and the course can be unpublished instead', () => {
		const s = setupCourses();
		const id = publishedCourse(s.db, s.trainer, '课程', null);
		s.db.insert(courseCompletion).values({ userId: s.manager, courseId: id, completedAt: 1, hours: 2, certificateNumber: 'KC2026-001-0001-0' }).run();
		const r = deleteCourse(s.db, s.trainer, id);
		expect(r).toEqual({ ok: false, error: { code: 'course.has_completions', params: { count: 1 } } });
		expect(s.db.select().from(course).all()).toHaveLength(1);
		expect(auditActions(s.db)).not.toContain('course.delete');
		must(setCourseStatus(s.db, s.trainer, id, 'draft'));
		expect(s.db.select().from(course).get()!.status).toBe('draft');
		expect(s.db.select().from(courseCompletion).where(and(eq(courseCompletion.courseId, id))).all()).toHaveLength(1);
	});
});
