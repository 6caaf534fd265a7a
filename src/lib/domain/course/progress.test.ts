import { describe, expect, it } from 'vitest';
import { certificateCheckChar } from '../training/certificate-number';
import {
	checkCourseInput,
	courseCertificateNumber,
	courseCheckChar,
	moveItem,
	parseCourseCertificateNumber,
	summariseProgress
} from './progress';

describe('summariseProgress', () => {
	const cases = [
		{
			name: 'nothing done: next is the first lesson',
			lessons: [11, 12, 13],
			read: [],
			quizzes: [7],
			passed: [],
			want: { lessonsRead: 0, lessonsTotal: 3, quizzesPassed: 0, quizzesTotal: 1, percent: 0, isDone: false, next: { kind: 'lesson', id: 11 } }
		},
		{
			name: 'a lesson read out of order: next is the first unread one',
			lessons: [11, 12, 13],
			read: [12],
			quizzes: [7],
			passed: [],
			want: { lessonsRead: 1, lessonsTotal: 3, quizzesPassed: 0, quizzesTotal: 1, percent: 25, isDone: false, next: { kind: 'lesson', id: 11 } }
		},
		{
			name: 'all lessons read: next is the first quiz not passed',
			lessons: [11, 12],
			read: [11, 12],
			quizzes: [7, 8],
			passed: [8],
			want: { lessonsRead: 2, lessonsTotal: 2, quizzesPassed: 1, quizzesTotal: 2, percent: 75, isDone: false, next: { kind: 'quiz', id: 7 } }
		},
		{
			name: 'two of three: percent rounds down (66, not 67)',
			lessons: [1, 2, 3],
			read: [1, 2],
			quizzes: [],
			passed: [],
			want: { lessonsRead: 2, lessonsTotal: 3, quizzesPassed: 0, quizzesTotal: 0, percent: 66, isDone: false, next: { kind: 'lesson', id: 3 } }
		},
		{
			name: 'everything done',
			lessons: [1],
			read: [1],
			quizzes: [5],
			passed: [5],
			want: { lessonsRead: 1, lessonsTotal: 1, quizzesPassed: 1, quizzesTotal: 1, percent: 100, isDone: true, next: null }
		},
		{
			name: 'reads and passes of other courses do not count',
			lessons: [1],
			read: [2, 3],
			quizzes: [5],
			passed: [6],
			want: { lessonsRead: 0, lessonsTotal: 1, quizzesPassed: 0, quizzesTotal: 1, percent: 0, isDone: false, next: { kind: 'lesson', id: 1 } }
		},
		{
			name: 'an empty course is never done',
			lessons: [],
			read: [],
			quizzes: [],
			passed: [],
			want: { lessonsRead: 0, lessonsTotal: 0, quizzesPassed: 0, quizzesTotal: 0, percent: 0, isDone: false, next: null }
		}
	];
	it.each(cases)('$name', ({ lessons, read, quizzes, passed, want }) => {
		expect(summariseProgress({ lessonIds: lessons, readLessonIds: new Set(read), quizIds: quizzes, passedQuizIds: new Set(passed) })).toEqual(want);
	});
});

describe('moveItem', () => {
	it.each([
		{ ids: [1, 2, 3], id: 2, dir: 'up' as const, want: [2, 1, 3] },
		{ ids: [1, 2, 3], id: 2, dir: 'down' as const, want: [1, 3, 2] },
		{ ids: [1, 2, 3], id: 3, dir: 'up' as const, want: [1, 3, 2] },
		{ ids: [1, 2, 3], id: 1, dir: 'up' as const, want: null },
		{ ids: [1, 2, 3], id: 3, dir: 'down' as const, want: null },
		{ ids: [1, 2, 3], id: 9, dir: 'down' as const, want: null },
		{ ids: [], id: 1, dir: 'up' as const, want: null }
	])('$ids: $id $dir → $want', ({ ids, id, dir, want }) => expect(moveItem(ids, id, dir)).toEqual(want));

	it('does not change its input', () => {
		const ids = [1, 2];
		moveItem(ids, 2, 'up');
		expect(ids).toEqual([1, 2]);
	});
});

describe('checkCourseInput', () => {
	it.each([
		{ title: '安全生产法解读', hours: 2, want: null },
		{ title: '安全生产法解读', hours: 0.25, want: null },
		{ title: '安全生产法解读', hours: 200, want: null },
		{ title: '  ', hours: 2, want: 'course.title_required' },
		{ title: '课'.repeat(101), hours: 2, want: 'course.title_too_long' },
		{ title: '课'.repeat(100), hours: 2, want: null },
		{ title: '安全生产法解读', hours: 0, want: 'course.hours' },
		{ title: '安全生产法解读', hours: -1, want: 'course.hours' },
		{ title: '安全生产法解读', hours: 200.5, want: 'course.hours' },
		{ title: '安全生产法解读', hours: 1.234, want: 'course.hours' },
		{ title: '安全生产法解读', hours: Number.NaN, want: 'course.hours' }
	])('$title.length chars, $hours h → $want', ({ title, hours, want }) => {
		const r = checkCourseInput({ title, hours });
		expect(r.ok ? null : r.error.code).toBe(want);
	});
});

describe('course certificate numbers', () => {
	it('formats year, 3-digit course id, 4-digit place and the check character', () => {
		// digits 20260120003, weights 5 7 5 7 …: 10+0+10+42+0+7+10+0+0+0+15 = 94; 94 mod 36 = 22 → M
		expect(courseCertificateNumber(2026, 12, 3)).toBe('KC2026-012-0003-M');
	});

	it('grows past 999 courses instead of failing', () => {
		// digits 202612340001: 10+0+10+42+5+14+15+28+0+0+0+7 = 131; 131 mod 36 = 23 → N
		expect(courseCertificateNumber(2026, 1234, 1)).toBe('KC2026-1234-0001-N');
	});

	it('uses the same check character as 培训合格证明 for 11 digits', () => {
		for (const digits of ['20260120003', '19990010001', '20309999999']) expect(courseCheckChar(digits)).toBe(certificateCheckChar(digits));
	});

	it.each([
		[2026, 0, 1],
		[2026, 1, 0],
		[999, 1, 1],
		[2026, 1.5, 1]
	])('refuses %i/%s/%s', (year, courseId, seq) => expect(() => courseCertificateNumber(year, courseId, seq)).toThrow());

	it('parses its own numbers and rejects a mistyped one', () => {
		expect(parseCourseCertificateNumber('KC2026-012-0003-M')).toEqual({ year: 2026, courseId: 12, seq: 3 });
		expect(parseCourseCertificateNumber('KC2026-1234-0001-N')).toEqual({ year: 2026, courseId: 1234, seq: 1 });
		expect(parseCourseCertificateNumber('KC2026-012-0003-N')).toBeNull();
		expect(parseCourseCertificateNumber('KC2026-021-0003-M')).toBeNull();
		expect(parseCourseCertificateNumber('PX2026-012-0003-M')).toBeNull();
	});
});
