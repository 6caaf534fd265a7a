import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, course, courseCompletion, lesson, lessonProgress } from '../db/schema';
import type { Db } from '../db';
import { chinaInstant } from '../training/attendance';
import { attachQuiz, createCourse, createLesson, setCourseStatus, updateCourse, type CourseInput } from './courses';
import {
	completeIfDone,
	completeIfDoneForQuiz,
	courseCertificate,
	courseProgress,
	courseView,
	lessonView,
	markLessonRead,
	myCourses
} from './progress';
import { addAttempt, addQuiz, setupCourses } from './test-fixture';

const BASE: CourseInput = { title: '安全生产法解读', summary: '', hours: 4, audience: null };
const MARCH = chinaInstant('2026-03-02', '10:00');

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
	if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
	return r.value;
}

/** A published course (id 1 in a fresh database) with two lessons and one quiz, for everyone unless told. */
function scene(audience: CourseInput['audience'] = null) {
	const s = setupCourses();
	const courseId = must(createCourse(s.db, s.trainer, { ...BASE, audience })).id;
	const [l1, l2] = ['第一课', '第二课'].map((title) => must(createLesson(s.db, s.trainer, courseId, { title, body: `${title}正文` })).id);
	const q = addQuiz(s.db, '结业测验');
	must(attachQuiz(s.db, s.trainer, courseId, q));
	must(setCourseStatus(s.db, s.trainer, courseId, 'published'));
	return { ...s, courseId, l1, l2, q };
}

const completions = (db: Db) => db.select().from(courseCompletion).all();
const completeAudits = (db: Db) => db.select().from(auditLog).where(eq(auditLog.action, 'course.complete')).all();

describe('markLessonRead', () => {
	it('records the first read only (idempotent)', () => {
		const s = scene();
		must(markLessonRead(s.db, s.manager, s.l1, 1000));
		must(markLessonRead(s.db, s.manager, s.l1, 2000));
		expect(s.db.select().from(lessonProgress).all()).toEqual([{ userId: s.manager, lessonId: s.l1, readAt: 1000 }]);
	});

	it('refuses a draft course, a course for another category and a missing lesson, writing nothing', () => {
		const s = scene('safety_manager');
		expect(markLessonRead(s.db, s.worker, s.l1)).toEqual({ ok: false, error: { code: 'course.not_open' } });
		expect(markLessonRead(s.db, s.uncategorised, s.l1)).toEqual({ ok: false, error: { code: 'course.not_open' } });
		must(setCourseStatus(s.db, s.trainer, s.courseId, 'draft'));
		expect(markLessonRead(s.db, s.manager, s.l1)).toEqual({ ok: false, error: { code: 'course.not_open' } });
		expect(markLessonRead(s.db, s.manager, 999)).toEqual({ ok: false, error: { code: 'course.lesson_not_found' } });
		expect(s.db.select().from(lessonProgress).all()).toEqual([]);
	});
});

describe('completion', () => {
	it('needs every lesson read and every quiz passed', () => {
		const s = scene();
		must(markLessonRead(s.db, s.manager, s.l1, MARCH));
		expect(courseProgress(s.db, s.manager, s.courseId)).toMatchObject({ lessonsRead: 1, lessonsTotal: 2, quizzesPassed: 0, quizzesTotal: 1, percent: 33, complete: false });
		const r = must(markLessonRead(s.db, s.manager, s.l2, MARCH));
		expect(r.completion).toEqual({ completed: false, created: false, certificateNumber: null });
		expect(courseProgress(s.db, s.manager, s.courseId)).toMatchObject({ percent: 66, next: { kind: 'quiz', id: s.q } });
		expect(completions(s.db)).toEqual([]);
	});

	it('does not count failed, open, drill or other people’s attempts', () => {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q, { passed: false });
		addAttempt(s.db, s.manager, s.q, { status: 'open', passed: null });
		addAttempt(s.db, s.manager, s.q, { context: 'drill:1:2' });
		addAttempt(s.db, s.worker, s.q);
		expect(completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH)).toEqual([]);
		expect(courseProgress(s.db, s.manager, s.courseId).quizzesPassed).toBe(0);
		expect(completions(s.db)).toEqual([]);
	});

	it('completes once everything is done: hours of the course, a certificate number, audited', () => {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q);
		// course 1, 2026, first completion: digits 20260010001 → 10+0+10+42+0+0+5+0+0+0+5 = 72 → 72 mod 36 = 0
		expect(completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH)).toEqual([{ courseId: s.courseId, certificateNumber: 'KC2026-001-0001-0' }]);
		expect(completions(s.db)).toEqual([{ userId: s.manager, courseId: s.courseId, completedAt: MARCH, hours: 4, certificateNumber: 'KC2026-001-0001-0' }]);
		expect(completeAudits(s.db)).toMatchObject([{ actorId: s.manager, entity: 'course', entityId: String(s.courseId) }]);
		expect(JSON.parse(completeAudits(s.db)[0].after!)).toEqual({ courseId: s.courseId, userId: s.manager, hours: 4, certificateNumber: 'KC2026-001-0001-0' });
		expect(courseProgress(s.db, s.manager, s.courseId)).toEqual({
			lessonsRead: 2,
			lessonsTotal: 2,
			quizzesPassed: 1,
			quizzesTotal: 1,
			percent: 100,
			complete: true,
			completedAt: MARCH,
			certificateNumber: 'KC2026-001-0001-0',
			hoursCredited: 4,
			next: null
		});
	});

	it('is idempotent, and keeps the hours credited when the course changes later', () => {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q);
		expect(completeIfDone(s.db, s.manager, s.courseId, MARCH)).toEqual({ completed: true, created: true, certificateNumber: 'KC2026-001-0001-0' });
		must(updateCourse(s.db, s.trainer, s.courseId, { ...BASE, hours: 8, status: 'published' }));
		expect(completeIfDone(s.db, s.manager, s.courseId, MARCH + 1)).toEqual({ completed: true, created: false, certificateNumber: 'KC2026-001-0001-0' });
		expect(completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH + 2)).toEqual([]);
		must(markLessonRead(s.db, s.manager, s.l1, MARCH + 3));
		expect(completions(s.db)).toHaveLength(1);
		expect(completions(s.db)[0].hours).toBe(4);
		expect(completeAudits(s.db)).toHaveLength(1);
	});

	it('completes a course without quizzes when its last lesson is read', () => {
		const s = setupCourses();
		const id = must(createCourse(s.db, s.trainer, BASE)).id;
		const only = must(createLesson(s.db, s.trainer, id, { title: '唯一一课', body: '' })).id;
		must(setCourseStatus(s.db, s.trainer, id, 'published'));
		expect(must(markLessonRead(s.db, s.worker, only, MARCH)).completion).toMatchObject({ completed: true, created: true });
	});

	it('does not complete a course that is not published or not open to the learner', () => {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q);
		must(setCourseStatus(s.db, s.trainer, s.courseId, 'draft'));
		expect(completeIfDone(s.db, s.manager, s.courseId, MARCH).completed).toBe(false);
		expect(completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH)).toEqual([]);
		must(updateCourse(s.db, s.trainer, s.courseId, { ...BASE, audience: 'other', status: 'published' }));
		expect(completeIfDone(s.db, s.manager, s.courseId, MARCH).completed).toBe(false);
		expect(completions(s.db)).toEqual([]);
	});

	it('numbers certificates uniquely per course and China-time year', () => {
		const s = scene();
		const finish = (userId: number, at: number) => {
			for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, userId, l, at));
			addAttempt(s.db, userId, s.q);
			return completeIfDoneForQuiz(s.db, userId, s.q, at)[0]?.certificateNumber;
		};
		expect(finish(s.manager, chinaInstant('2026-12-31', '20:00'))).toBe('KC2026-001-0001-0');
		// 20260010002 → 77 mod 36 = 5
		expect(finish(s.worker, chinaInstant('2026-12-31', '21:00'))).toBe('KC2026-001-0002-5');
		// 07:00 on 1 Jan in China is still 31 Dec in UTC; the year is China's. 20270010001 → 79 mod 36 = 7
		expect(finish(s.uncategorised, chinaInstant('2027-01-01', '07:00'))).toBe('KC2027-001-0001-7');
		const numbers = completions(s.db).map((c) => c.certificateNumber);
		expect(new Set(numbers).size).toBe(3);
	});

	it('only completes the published courses holding the quiz', () => {
		const s = scene();
		const other = must(createCourse(s.db, s.trainer, { ...BASE, title: '另一门课' })).id;
		must(attachQuiz(s.db, s.trainer, other, s.q));
		must(createLesson(s.db, s.trainer, other, { title: '课', body: '' }));
		must(setCourseStatus(s.db, s.trainer, other, 'published'));
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q);
		expect(completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH).map((c) => c.courseId)).toEqual([s.courseId]);
	});
});

describe('learner pages', () => {
	it('myCourses: continue at the first unread lesson, then the quiz, then the certificate', () => {
		const s = scene();
		const mine = () => myCourses(s.db, s.manager)[0];
		expect(mine()).toMatchObject({ continueHref: `/courses/${s.courseId}/lessons/${s.l1}`, continueLabel: '开始学习', isOpen: true });
		must(markLessonRead(s.db, s.manager, s.l2, MARCH));
		expect(mine()).toMatchObject({ continueHref: `/courses/${s.courseId}/lessons/${s.l1}`, continueLabel: '继续学习' });
		must(markLessonRead(s.db, s.manager, s.l1, MARCH));
		expect(mine()).toMatchObject({ continueHref: `/quiz/${s.q}` });
		addAttempt(s.db, s.manager, s.q);
		completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH);
		expect(mine()).toMatchObject({ continueHref: `/courses/${s.courseId}/certificate`, progress: { percent: 100, complete: true } });
	});

	it('myCourses keeps a completed course that is no longer offered, and hides other categories’ courses', () => {
		const s = scene('safety_manager');
		expect(myCourses(s.db, s.worker)).toEqual([]);
		s.db.insert(courseCompletion).values({ userId: s.manager, courseId: s.courseId, completedAt: MARCH, hours: 4, certificateNumber: 'KC2026-001-0001-0' }).run();
		must(setCourseStatus(s.db, s.trainer, s.courseId, 'draft'));
		expect(myCourses(s.db, s.manager)).toMatchObject([{ id: s.courseId, isOpen: false, progress: { complete: true } }]);
	});

	it('courseView: ticks and passes; null for a learner the course is not open to', () => {
		const s = scene('safety_manager');
		must(markLessonRead(s.db, s.manager, s.l2, MARCH));
		const v = courseView(s.db, s.managerV, s.courseId, MARCH)!;
		expect(v.lessons.map((l) => [l.title, l.isRead])).toEqual([
			['第一课', false],
			['第二课', true]
		]);
		expect(v.quizzes).toEqual([{ id: s.q, title: '结业测验', status: 'published', isPassed: false }]);
		expect(v).toMatchObject({ canLearn: true, canManage: false });
		expect(courseView(s.db, s.workerV, s.courseId, MARCH)).toBeNull();
		expect(courseView(s.db, s.trainerV, s.courseId, MARCH)).toMatchObject({ canManage: true, canLearn: false });
	});

	it('courseView completes a learner who has done everything but has no completion yet', () => {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q); // passed, but nobody called completeIfDoneForQuiz
		expect(courseView(s.db, s.managerV, s.courseId, MARCH)!.progress).toMatchObject({ complete: true, certificateNumber: 'KC2026-001-0001-0' });
	});

	it('lessonView: neighbours, the quiz after the last lesson, and nothing for a lesson of another course', () => {
		const s = scene();
		expect(lessonView(s.db, s.managerV, s.courseId, s.l1)).toMatchObject({ position: 1, total: 2, prev: null, next: { id: s.l2 }, nextQuiz: null, isRead: false });
		expect(lessonView(s.db, s.managerV, s.courseId, s.l2)).toMatchObject({ position: 2, prev: { id: s.l1 }, next: null, nextQuiz: { id: s.q, title: '结业测验' } });
		const other = must(createCourse(s.db, s.trainer, BASE)).id;
		expect(lessonView(s.db, s.trainerV, other, s.l1)).toBeNull();
		s.db.update(course).set({ status: 'draft' }).where(eq(course.id, s.courseId)).run();
		expect(lessonView(s.db, s.managerV, s.courseId, s.l1)).toBeNull();
		expect(s.db.select().from(lesson).all()).toHaveLength(2);
	});
});

describe('courseCertificate', () => {
	function completed() {
		const s = scene();
		for (const l of [s.l1, s.l2]) must(markLessonRead(s.db, s.manager, l, MARCH));
		addAttempt(s.db, s.manager, s.q);
		completeIfDoneForQuiz(s.db, s.manager, s.q, MARCH);
		return s;
	}

	it('gives learners their own certificate', () => {
		const s = completed();
		expect(must(courseCertificate(s.db, s.managerV, s.courseId, s.manager))).toEqual({
			number: 'KC2026-001-0001-0',
			holderName: '张伟',
			staffCategory: 'safety_manager',
			enterpriseName: '某某机械有限公司',
			courseTitle: '安全生产法解读',
			hours: 4,
			completedDate: '2026-03-02',
			issuerName: '某县应急管理局'
		});
	});

	it('refuses a learner another person’s certificate, but not a trainer', () => {
		const s = completed();
		expect(courseCertificate(s.db, s.workerV, s.courseId, s.manager)).toEqual({ ok: false, error: { code: 'course.forbidden' } });
		expect(courseCertificate(s.db, s.trainerV, s.courseId, s.manager).ok).toBe(true);
	});

	it('has no certificate before completion', () => {
		const s = completed();
		expect(courseCertificate(s.db, s.workerV, s.courseId, s.worker)).toEqual({ ok: false, error: { code: 'course.not_completed' } });
		expect(courseCertificate(s.db, s.workerV, 999, s.worker)).toEqual({ ok: false, error: { code: 'course.not_found' } });
	});
});
