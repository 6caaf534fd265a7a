import { describe, expect, it } from 'vitest';
import { attendance, course, courseCompletion, sessionSlot, trainee, trainingSession } from '../db/schema';
import { chinaInstant } from '../training/attendance';
import { courseHoursRecordsOfTrainee, courseHoursRecordsOfUser, hoursRecord } from './hours';
import { setupCourses } from './test-fixture';

/**
 * 张伟 (安全生产管理人员 of a 机械 enterprise: yearly 12, initial 32 学时), linked to a trainee who attended
 * 2 h on 2025-11-03 and 3 h + 4.5 h in May 2026, and who completed three courses:
 * A 4 h on 2026-06-01, B 1.5 h at 23:30 on 2026-12-31 and C 2 h at 00:30 on 2027-01-01 (China time; the
 * last two are both 31 Dec in UTC). 李强 (其他从业人员, no trainee record) completed a 6 h course in 2026.
 */
function setup() {
	const s = setupCourses();
	const { db } = s;
	const t = db
		.insert(trainee)
		.values({ name: '张伟', nameInitials: 'zw', category: 'safety_manager', enterpriseUnitId: s.enterprise, userId: s.manager, createdAt: 0 })
		.returning()
		.get().id;
	const orphan = db.insert(trainee).values({ name: '孙丽', nameInitials: 'sl', category: 'other', createdAt: 0 }).returning().get().id;
	let seq = 0;
	const sessionOf = (year: number) =>
		db
			.insert(trainingSession)
			.values({ title: `${year}年培训`, startDate: `${year}-01-01`, endDate: `${year}-12-31`, venue: '县局', audience: 'mixed', capacity: 10, status: 'ended', year, yearSeq: ++seq, checkinSecret: 's' })
			.returning()
			.get().id;
	const attend = (sessionId: number, date: string, hours: number) => {
		const slot = db.insert(sessionSlot).values({ sessionId, date, startTime: '09:00', endTime: '12:00', hours }).returning().get().id;
		db.insert(attendance).values({ slotId: slot, traineeId: t, method: 'manual', checkedInAt: 0 }).run();
	};
	const s2025 = sessionOf(2025);
	const s2026 = sessionOf(2026);
	attend(s2025, '2025-11-03', 2);
	attend(s2026, '2026-05-10', 3);
	attend(s2026, '2026-05-11', 4.5);
	const courseOf = (title: string, hours: number) => db.insert(course).values({ title, hours, status: 'published' }).returning().get().id;
	const complete = (userId: number, courseId: number, at: number, hours: number) =>
		db.insert(courseCompletion).values({ userId, courseId, completedAt: at, hours, certificateNumber: null }).run();
	const [a, b, c, d] = [courseOf('课程A', 4), courseOf('课程B', 1.5), courseOf('课程C', 2), courseOf('课程D', 6)];
	complete(s.manager, a, chinaInstant('2026-06-01', '10:00'), 4);
	complete(s.manager, b, chinaInstant('2026-12-31', '23:30'), 1.5);
	complete(s.manager, c, chinaInstant('2027-01-01', '00:30'), 2);
	complete(s.worker, d, chinaInstant('2026-08-08', '09:00'), 6);
	return { ...s, t, orphan, a, b, c, d };
}

describe('course hours in the training record', () => {
	it('lists a user’s completions as dated records in China time', () => {
		const s = setup();
		const expected = [
			{ date: '2026-06-01', hours: 4 },
			{ date: '2026-12-31', hours: 1.5 },
			{ date: '2027-01-01', hours: 2 }
		];
		expect(courseHoursRecordsOfUser(s.db, s.manager)).toEqual(expected);
		expect(courseHoursRecordsOfTrainee(s.db, s.t)).toEqual(expected);
		expect(courseHoursRecordsOfTrainee(s.db, s.orphan)).toEqual([]);
	});

	it('shows session and course hours as separate lines of the year, and counts both for compliance', () => {
		const s = setup();
		const r = hoursRecord(s.db, s.manager, 2026);
		expect(r).toMatchObject({ year: 2026, category: 'safety_manager', sessionHours: 7.5, courseHours: 5.5, yearTotal: 13, allTotal: 17 });
		expect(r.courses.map((c) => [c.title, c.hours, c.date])).toEqual([
			['课程A', 4, '2026-06-01'],
			['课程B', 1.5, '2026-12-31']
		]);
		// yearly 12: 7.5 from sessions alone would be short by 4.5; with 5.5 course hours it is met.
		expect(r.compliance?.yearly).toEqual({ required: 12, done: 13, short: 0 });
		// initial 32: everything up to the end of 2026 = 2 + 7.5 + 4 + 1.5 = 15.
		expect(r.compliance?.initial).toEqual({ required: 32, done: 15, short: 17 });
	});

	it('puts a completion just after midnight on 1 January in the new year', () => {
		const s = setup();
		expect(hoursRecord(s.db, s.manager, 2027)).toMatchObject({ sessionHours: 0, courseHours: 2, yearTotal: 2, allTotal: 17 });
		expect(hoursRecord(s.db, s.manager, 2027).courses.map((c) => c.title)).toEqual(['课程C']);
		expect(hoursRecord(s.db, s.manager, 2025)).toMatchObject({ sessionHours: 2, courseHours: 0, yearTotal: 2 });
	});

	it('counts course hours for a learner without a trainee record, and never someone else’s', () => {
		const s = setup();
		const r = hoursRecord(s.db, s.worker, 2026);
		expect(r).toMatchObject({ category: 'other', sessionHours: 0, courseHours: 6, yearTotal: 6, allTotal: 6 });
		// 其他从业人员 of a 机械 (not high-risk) enterprise: yearly 8.
		expect(r.compliance?.yearly).toEqual({ required: 8, done: 6, short: 2 });
		expect(hoursRecord(s.db, s.uncategorised, 2026)).toMatchObject({ courseHours: 0, yearTotal: 0, compliance: null });
	});
});
