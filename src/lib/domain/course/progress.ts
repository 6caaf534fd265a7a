/**
 * Pure rules of online courses (线上课程): how far a learner is, when a course is done, the order of its
 * lessons and quizzes, and the numbers of 课程结业证明.
 */
import { err, ok, type Result } from '../result';

/** Most 学时 a course may be worth; a week of full-time training is 40, so 200 is already generous. */
export const MAX_COURSE_HOURS = 200;

export type CourseInputError = 'course.title_required' | 'course.title_too_long' | 'course.hours';

export const MAX_COURSE_TITLE = 100;

/** Title present and short enough; hours in (0, MAX_COURSE_HOURS] with at most two decimals (1.5, 0.25). */
export function checkCourseInput(input: { title: string; hours: number }): Result<true, CourseInputError> {
	const title = input.title.trim();
	if (title === '') return err('course.title_required');
	if (Array.from(title).length > MAX_COURSE_TITLE) return err('course.title_too_long', { max: MAX_COURSE_TITLE });
	const h = input.hours;
	if (!Number.isFinite(h) || h <= 0 || h > MAX_COURSE_HOURS || Math.abs(Math.round(h * 100) - h * 100) > 1e-6) {
		return err('course.hours', { max: MAX_COURSE_HOURS });
	}
	return ok(true);
}

/** What the learner should do next: the first unread lesson, else the first quiz not passed, else nothing. */
export type NextStep = { kind: 'lesson'; id: number } | { kind: 'quiz'; id: number } | null;

export interface ProgressInput {
	/** The course's lessons in order. */
	lessonIds: readonly number[];
	/** Lessons this learner has marked as read (ids of other courses are ignored). */
	readLessonIds: ReadonlySet<number>;
	/** The course's quizzes in order. */
	quizIds: readonly number[];
	/** Quizzes this learner has passed (ids of other quizzes are ignored). */
	passedQuizIds: ReadonlySet<number>;
}

export interface ProgressSummary {
	lessonsRead: number;
	lessonsTotal: number;
	quizzesPassed: number;
	quizzesTotal: number;
	/** Whole percent of lessons and quizzes done, rounded down, so 100 means everything is done. */
	percent: number;
	/** Every lesson read and every quiz passed, and there is at least one of them. */
	isDone: boolean;
	next: NextStep;
}

/**
 * Progress through one course. Lessons and quizzes weigh the same in `percent`. A course with neither is
 * never done: completing it would credit hours for nothing.
 */
export function summariseProgress(input: ProgressInput): ProgressSummary {
	const lessonsRead = input.lessonIds.filter((id) => input.readLessonIds.has(id)).length;
	const quizzesPassed = input.quizIds.filter((id) => input.passedQuizIds.has(id)).length;
	const total = input.lessonIds.length + input.quizIds.length;
	const done = lessonsRead + quizzesPassed;
	const unread = input.lessonIds.find((id) => !input.readLessonIds.has(id));
	const unpassed = input.quizIds.find((id) => !input.passedQuizIds.has(id));
	const next: NextStep = unread !== undefined ? { kind: 'lesson', id: unread } : unpassed !== undefined ? { kind: 'quiz', id: unpassed } : null;
	return {
		lessonsRead,
		lessonsTotal: input.lessonIds.length,
		quizzesPassed,
		quizzesTotal: input.quizIds.length,
		percent: total === 0 ? 0 : Math.floor((done * 100) / total),
		isDone: total > 0 && done === total,
		next
	};
}

export type MoveDirection = 'up' | 'down';

/** `ids` with `id` swapped with its neighbour; null when `id` is missing or already at that end. */
export function moveItem<T>(ids: readonly T[], id: T, direction: MoveDirection): T[] | null {
	const i = ids.indexOf(id);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (i < 0 || j < 0 || j >= ids.length) return null;
	const out = [...ids];
	[out[i], out[j]] = [out[j], out[i]];
	return out;
}

// --- 课程结业证明 numbers ----------------------------------------------------------------------------------

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The check character of domain/training/certificate-number.ts (weights 5 and 7 alternating, mod 36),
 * over any number of digits: a course id beyond 999 or a 10 000th completion makes the digit run longer.
 * The weights keep their properties at any length: every single wrong digit and every swap of two
 * neighbouring digits changes the character. For 11 digits it is the same character as the training one.
 */
export function courseCheckChar(digits: string): string {
	if (!/^\d+$/.test(digits)) throw new Error('courseCheckChar needs digits');
	let sum = 0;
	for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 5 : 7);
	return ALPHABET[sum % 36];
}

const isPositiveInt = (n: number) => Number.isSafeInteger(n) && n >= 1;

/**
 * `KC2026-012-0003-7`: KC (课程), the China-time year of completion, the course id (at least 3 digits),
 * the learner's place among that year's completions of the course (at least 4 digits) and a check
 * character. Mirrors the PX numbers of 培训合格证明 with its own prefix so the two never collide.
 */
export function courseCertificateNumber(year: number, courseId: number, seq: number): string {
	if (!Number.isInteger(year) || year < 1000 || year > 9999 || !isPositiveInt(courseId) || !isPositiveInt(seq)) {
		throw new Error(`courseCertificateNumber: out of range ${year}/${courseId}/${seq}`);
	}
	const c = String(courseId).padStart(3, '0');
	const s = String(seq).padStart(4, '0');
	return `KC${year}-${c}-${s}-${courseCheckChar(`${year}${c}${s}`)}`;
}

export interface CourseCertificateParts {
	year: number;
	courseId: number;
	seq: number;
}

/** The parts of a number as printed (canonical form only); null when malformed or the check fails. */
export function parseCourseCertificateNumber(number: string): CourseCertificateParts | null {
	const m = /^KC(\d{4})-(\d{3,9})-(\d{4,9})-([0-9A-Z])$/.exec(number);
	if (!m || courseCheckChar(m[1] + m[2] + m[3]) !== m[4]) return null;
	const parts = { year: Number(m[1]), courseId: Number(m[2]), seq: Number(m[3]) };
	return isPositiveInt(parts.courseId) && isPositiveInt(parts.seq) ? parts : null;
}
