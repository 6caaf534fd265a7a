/**
 * 学时档案: the hours credited to a learner, from training sessions (Σ hours of the slots attended,
 * training/attendance.ts) plus completed online courses (course_completion.hours, dated the China-time
 * day of completion). Each source is kept as its own line so the learner and an inspector can see where
 * the hours come from; compliance with the yearly requirement (domain/training/hours.ts) counts both.
 *
 * Course hours belong to the account; the training record is the trainee linked to it (trainee.userId).
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { course, courseCompletion, trainee, unit, user } from '../db/schema';
import type { Tx } from '../audit';
import type { Sector, StaffCategory } from '../../domain/roles';
import { compliance, type Compliance, type TrainingHoursRecord } from '../../domain/training/hours';
import { chinaDate, chinaInstant, hoursRecordsOf } from '../training/attendance';
import { traineeOfUser } from '../training/trainees';

const toCents = (h: number) => Math.round(h * 100);
const sum = (records: readonly { hours: number }[]) => records.reduce((n, r) => n + toCents(r.hours), 0) / 100;

/** Completed courses of an account as hours records (one per completion, China-time date). */
export function courseHoursRecordsOfUser(db: Tx, userId: number): TrainingHoursRecord[] {
	return db
		.select({ completedAt: courseCompletion.completedAt, hours: courseCompletion.hours })
		.from(courseCompletion)
		.where(eq(courseCompletion.userId, userId))
		.orderBy(asc(courseCompletion.completedAt))
		.all()
		.map((c) => ({ date: chinaDate(c.completedAt), hours: c.hours }));
}

/** The same for a trainee of the registry: the completions of the account linked to it, none without one. */
export function courseHoursRecordsOfTrainee(db: Tx, traineeId: number): TrainingHoursRecord[] {
	const t = db.select({ userId: trainee.userId }).from(trainee).where(eq(trainee.id, traineeId)).get();
	return t?.userId ? courseHoursRecordsOfUser(db, t.userId) : [];
}

export interface HoursRecord {
	year: number;
	category: StaffCategory | null;
	/** Hours of `year` from training sessions (slots attended). */
	sessionHours: number;
	/** Hours of `year` from online courses completed in it: the 「线上课程」 line. */
	courseHours: number;
	/** The courses behind `courseHours`. */
	courses: { courseId: number; title: string; hours: number; date: string }[];
	yearTotal: number;
	/** Every hour on record, all years. */
	allTotal: number;
	/** Against the rules of the learner's category; null without a category. */
	compliance: Compliance | null;
}

/** A learner's 学时档案 for one calendar year (China time), both sources counted. */
export function hoursRecord(db: Db, userId: number, year: number): HoursRecord {
	const t = traineeOfUser(db, userId);
	const sessionRecords = t ? hoursRecordsOf(db, t.id) : [];
	const courseRecords = courseHoursRecordsOfUser(db, userId);
	const prefix = `${year}-`;
	const inYear = (r: TrainingHoursRecord) => r.date.startsWith(prefix);
	const from = chinaInstant(`${year}-01-01`, '00:00');
	const to = chinaInstant(`${year + 1}-01-01`, '00:00') - 1;
	const courses = db
		.select({ courseId: courseCompletion.courseId, title: course.title, hours: courseCompletion.hours, completedAt: courseCompletion.completedAt })
		.from(courseCompletion)
		.innerJoin(course, eq(course.id, courseCompletion.courseId))
		.where(and(eq(courseCompletion.userId, userId), gte(courseCompletion.completedAt, from), lte(courseCompletion.completedAt, to)))
		.orderBy(asc(courseCompletion.completedAt))
		.all()
		.map((c) => ({ courseId: c.courseId, title: c.title, hours: c.hours, date: chinaDate(c.completedAt) }));
	const sessionHours = sum(sessionRecords.filter(inYear));
	const courseHours = sum(courseRecords.filter(inYear));
	const all = [...sessionRecords, ...courseRecords];
	const profile = learnerProfile(db, userId, t?.category ?? null, t?.enterpriseUnitId ?? null);
	return {
		year,
		category: profile.category,
		sessionHours,
		courseHours,
		courses,
		yearTotal: (toCents(sessionHours) + toCents(courseHours)) / 100,
		allTotal: sum(all),
		compliance: profile.category ? compliance({ category: profile.category, sector: profile.sector }, all, year) : null
	};
}

/** Category and sector for the rules: the training record first, else the account's profile and unit. */
function learnerProfile(db: Db, userId: number, category: StaffCategory | null, enterpriseId: number | null): { category: StaffCategory | null; sector: Sector | null } {
	const u = db
		.select({ category: user.staffCategory, unitId: user.unitId })
		.from(user)
		.where(eq(user.id, userId))
		.get();
	const unitId = enterpriseId ?? u?.unitId ?? null;
	const sector = unitId === null ? null : (db.select({ sector: unit.sector }).from(unit).where(eq(unit.id, unitId)).get()?.sector ?? null);
	return { category: category ?? u?.category ?? null, sector };
}
