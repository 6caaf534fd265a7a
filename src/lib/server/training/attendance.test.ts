import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { attendance, auditLog, enrollment, sessionSlot, trainee, trainingSession, user, userRole } from '../db/schema';
import { CHECKIN_PERIOD_MS, checkinCode } from '../../domain/training/checkin-code';
import {
	applyRoll,
	attendanceSheet,
	chinaDate,
	chinaInstant,
	checkIn,
	currentCheckin,
	defaultSlot,
	hoursOf,
	hoursRecordsOf,
	markAttendance,
	setExamResult
} from './attendance';

const SECRET = 'test-secret-of-the-session';
/** 2026-11-30 09:05 in China (01:05 UTC): slot A (09:00–12:00) of the first day is under way. */
const NOW = chinaInstant('2026-11-30', '09:05');

function setup() {
	const db = createTestDb();
	const mkUser = (username: string, roles: ('trainer' | 'learner')[], extra: Partial<typeof user.$inferInsert> = {}) => {
		const u = db
			.insert(user)
			.values({ username, displayName: username, passwordHash: 'x', ...extra })
			.returning()
			.get();
		for (const role of roles) db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mkUser('trainer', ['trainer']);
	const session = db
		.insert(trainingSession)
		.values({
			title: '2026年第12期主要负责人培训',
			startDate: '2026-11-30',
			endDate: '2026-12-01',
			venue: '县应急管理局三楼会议室',
			audience: 'principal',
			capacity: 100,
			status: 'running',
			year: 2026,
			yearSeq: 12,
			checkinSecret: SECRET,
			passMark: 60
		})
		.returning()
		.get();
	const mkSlot = (date: string, startTime: string, endTime: string, hours: number) =>
		db.insert(sessionSlot).values({ sessionId: session.id, date, startTime, endTime, hours }).returning().get().id;
	const slotA = mkSlot('2026-11-30', '09:00', '12:00', 3);
	const slotB = mkSlot('2026-11-30', '14:00', '17:00', 2.5);
	const slotC = mkSlot('2026-12-01', '09:00', '12:00', 3.5);
	let position = 0;
	const mkTrainee = (name: string, initials: string, opts: { userId?: number; phone?: string; status?: 'enrolled' | 'waiting' | 'cancelled' | null } = {}) => {
		const t = db
			.insert(trainee)
			.values({ name, nameInitials: initials, phone: opts.phone ?? null, category: 'principal', userId: opts.userId ?? null, createdAt: NOW - 86_400_000 })
			.returning()
			.get();
		const status = opts.status === undefined ? 'enrolled' : opts.status;
		if (status) {
			db.insert(enrollment)
				.values({ sessionId: session.id, traineeId: t.id, status, position: ++position, source: 'trainer', createdAt: NOW - 86_400_000 })
				.run();
		}
		return t.id;
	};
	const learner1 = mkUser('learner1', ['learner'], { staffCategory: 'principal' });
	const learner2 = mkUser('learner2', ['learner'], { staffCategory: 'principal' });
	const waiting = mkUser('waiting', ['learner'], { staffCategory: 'principal' });
	const outsider = mkUser('outsider', ['learner'], { staffCategory: 'principal' });
	const t1 = mkTrainee('张伟', 'zw', { userId: learner1 });
	const t2 = mkTrainee('李娜', 'ln', { userId: learner2 });
	const tWaiting = mkTrainee('赵磊', 'zl', { userId: waiting, status: 'waiting' });
	const tOutsider = mkTrainee('钱多', 'qd', { userId: outsider, status: null });
	const tNoAccount = mkTrainee('王芳', 'wf', { phone: '13800000003' });
	return { db, trainer, sessionId: session.id, slotA, slotB, slotC, learner1, learner2, waiting, outsider, t1, t2, tWaiting, tOutsider, tNoAccount };
}

type Setup = ReturnType<typeof setup>;

const code = (slotId: number, at = NOW) => checkinCode(SECRET, slotId, at);
const rows = (s: Setup) => s.db.select().from(attendance).all();
const audits = (s: Setup, action: string) =>
	s.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.action, action))
		.all()
		.map((a) => ({ ...a, before: a.before && JSON.parse(a.before), after: a.after && JSON.parse(a.after) }));

describe('chinaDate / chinaInstant', () => {
	it('uses UTC+8 whatever the server zone', () => {
		expect(chinaDate(Date.UTC(2026, 10, 29, 16, 0))).toBe('2026-11-30');
		expect(chinaDate(Date.UTC(2026, 10, 29, 15, 59))).toBe('2026-11-29');
		expect(chinaInstant('2026-11-30', '09:05')).toBe(Date.UTC(2026, 10, 30, 1, 5));
	});
});

describe('currentCheckin', () => {
	it('gives the code of the current window, its check-in path and when it is replaced', () => {
		const s = setup();
		const c = currentCheckin(s.db, s.sessionId, s.slotA, NOW);
		expect(c).toEqual({
			code: code(s.slotA),
			url: `/checkin/${s.slotA}/${code(s.slotA)}`,
			expiresAt: Math.ceil((NOW + 1) / CHECKIN_PERIOD_MS) * CHECKIN_PERIOD_MS,
			periodMs: CHECKIN_PERIOD_MS
		});
		expect(c!.expiresAt).toBeGreaterThan(NOW);
		expect(c!.expiresAt - NOW).toBeLessThanOrEqual(CHECKIN_PERIOD_MS);
		expect(currentCheckin(s.db, s.sessionId, s.slotA, NOW + CHECKIN_PERIOD_MS)!.code).not.toBe(c!.code);
	});

	it('refuses a slot of another session', () => {
		const s = setup();
		expect(currentCheckin(s.db, s.sessionId + 1, s.slotA, NOW)).toBeNull();
	});
});

describe('defaultSlot', () => {
	const slots = [
		{ id: 1, date: '2026-11-30', startTime: '09:00', endTime: '12:00' },
		{ id: 2, date: '2026-11-30', startTime: '14:00', endTime: '17:00' },
		{ id: 3, date: '2026-12-01', startTime: '09:00', endTime: '12:00' }
	];
	it.each([
		['08:00', 1],
		['08:40', 1],
		['11:59', 1],
		['12:30', 2],
		['16:00', 2],
		['17:30', null]
	])('at %s on the first day → slot %s', (time, id) => {
		expect(defaultSlot(slots, chinaInstant('2026-11-30', time))?.id ?? null).toBe(id);
	});
});

describe('checkIn', () => {
	it('checks a seated learner in with the code on the screen', () => {
		const s = setup();
		const r = checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW);
		expect(r).toEqual({
			ok: true,
			value: {
				sessionId: s.sessionId,
				sessionTitle: '2026年第12期主要负责人培训',
				slot: { id: s.slotA, date: '2026-11-30', startTime: '09:00', endTime: '12:00', hours: 3 },
				checkedInAt: NOW,
				already: false
			}
		});
		expect(rows(s)).toEqual([{ slotId: s.slotA, traineeId: s.t1, method: 'qr', checkedInAt: NOW, recordedBy: s.learner1 }]);
	});

	it('accepts the code of the previous window (scanned just before it changed), typed in lower case', () => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, NOW - CHECKIN_PERIOD_MS).toLowerCase(), NOW).ok).toBe(true);
	});

	it('refuses a code two windows old as expired, with nothing written', () => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, NOW - 2 * CHECKIN_PERIOD_MS), NOW)).toEqual({ ok: false, error: { code: 'checkin.expired' } });
		expect(rows(s)).toEqual([]);
	});

	it.each([
		['made up', () => 'ABCDEFGH'],
		['of another slot', (s: Setup) => code(s.slotB)],
		['from the future', (s: Setup) => code(s.slotA, NOW + 2 * CHECKIN_PERIOD_MS)],
		['too short', () => 'ABC'],
		['empty', () => '']
	])('refuses a code %s as invalid', (_, make) => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, s.slotA, make(s), NOW)).toEqual({ ok: false, error: { code: 'checkin.invalid' } });
		expect(rows(s)).toEqual([]);
	});

	it('refuses a slot that is not today, even with its genuine current code', () => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, s.slotC, code(s.slotC), NOW)).toEqual({ ok: false, error: { code: 'checkin.wrong_day', params: { date: '2026-12-01' } } });
		expect(rows(s)).toEqual([]);
	});

	it('opens 30 minutes before the start and closes at the end of the slot', () => {
		const s = setup();
		const early = chinaInstant('2026-11-30', '08:29');
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, early), early)).toEqual({
			ok: false,
			error: { code: 'checkin.too_early', params: { time: '09:00' } }
		});
		const late = chinaInstant('2026-11-30', '12:01');
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, late), late)).toEqual({ ok: false, error: { code: 'checkin.closed', params: { time: '12:00' } } });
		const opening = chinaInstant('2026-11-30', '08:30');
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, opening), opening).ok).toBe(true);
		const ending = chinaInstant('2026-11-30', '17:00');
		expect(checkIn(s.db, s.learner1, s.slotB, code(s.slotB, ending), ending).ok).toBe(true);
	});

	it.each([
		['has no seat in the session', 'outsider'],
		['is only on the waiting list', 'waiting']
	] as const)('refuses a learner who %s', (_, who) => {
		const s = setup();
		expect(checkIn(s.db, s[who], s.slotA, code(s.slotA), NOW)).toEqual({ ok: false, error: { code: 'checkin.not_enrolled' } });
		expect(rows(s)).toEqual([]);
	});

	it('refuses an account without 人员类别 (no trainee record can be made)', () => {
		const s = setup();
		const bare = s.db.insert(user).values({ username: 'bare', displayName: '孙七', passwordHash: 'x' }).returning().get().id;
		expect(checkIn(s.db, bare, s.slotA, code(s.slotA), NOW)).toEqual({ ok: false, error: { code: 'checkin.no_trainee' } });
	});

	it('links an imported roster row with the same name and phone to the account and checks it in', () => {
		const s = setup();
		const u = s.db
			.insert(user)
			.values({ username: 'wangfang', displayName: '王芳', phone: '13800000003', staffCategory: 'principal', passwordHash: 'x' })
			.returning()
			.get().id;
		expect(checkIn(s.db, u, s.slotA, code(s.slotA), NOW).ok).toBe(true);
		expect(s.db.select({ userId: trainee.userId }).from(trainee).where(eq(trainee.id, s.tNoAccount)).get()).toEqual({ userId: u });
		expect(rows(s).map((r) => r.traineeId)).toEqual([s.tNoAccount]);
	});

	// Access matrix (issue 9): a refused check-in wrote the trainee row and its audit record all the same.
	it('leaves nothing behind when it refuses: no trainee row made or linked, no audit record', () => {
		const s = setup();
		const fresh = s.db.insert(user).values({ username: 'fresh', displayName: '新学员', staffCategory: 'principal', passwordHash: 'x' }).returning().get().id;
		const linkable = s.db
			.insert(user)
			.values({ username: 'wangfang', displayName: '王芳', phone: '13800000003', staffCategory: 'principal', passwordHash: 'x' })
			.returning()
			.get().id;
		const traineesBefore = s.db.select().from(trainee).all();
		const auditBefore = s.db.select().from(auditLog).all();
		expect(checkIn(s.db, fresh, s.slotA, code(s.slotA), NOW)).toEqual({ ok: false, error: { code: 'checkin.not_enrolled' } });
		expect(checkIn(s.db, linkable, s.slotA, 'AAAAAAAA', NOW)).toEqual({ ok: false, error: { code: 'checkin.invalid' } });
		expect(s.db.select().from(trainee).all()).toEqual(traineesBefore);
		expect(s.db.select().from(auditLog).all()).toEqual(auditBefore);
		expect(rows(s)).toEqual([]);
	});

	it.each(['planned', 'enrolling', 'ended', 'cancelled'] as const)('refuses while the session is %s', (status) => {
		const s = setup();
		s.db.update(trainingSession).set({ status }).where(eq(trainingSession.id, s.sessionId)).run();
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW)).toEqual({ ok: false, error: { code: 'checkin.not_running' } });
		expect(rows(s)).toEqual([]);
	});

	it('is idempotent: a second scan says already checked in and keeps the first time', () => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW).ok).toBe(true);
		const later = NOW + 5 * 60_000;
		const again = checkIn(s.db, s.learner1, s.slotA, code(s.slotA, later), later);
		expect(again).toMatchObject({ ok: true, value: { already: true, checkedInAt: NOW } });
		// Even an old photo, once checked in, only says so.
		expect(checkIn(s.db, s.learner1, s.slotA, code(s.slotA, NOW - 10 * CHECKIN_PERIOD_MS), later)).toMatchObject({ ok: true, value: { already: true } });
		expect(rows(s)).toHaveLength(1);
	});

	it('refuses an unknown slot', () => {
		const s = setup();
		expect(checkIn(s.db, s.learner1, 999, 'ABCDEFGH', NOW)).toEqual({ ok: false, error: { code: 'checkin.slot_not_found' } });
	});
});

describe('markAttendance', () => {
	it('takes the roll by hand (audited) and changes nothing when the mark is already there', () => {
		const s = setup();
		expect(markAttendance(s.db, s.trainer, s.slotA, s.t2, true, null, NOW)).toEqual({ ok: true, value: { changed: true } });
		expect(rows(s)).toEqual([{ slotId: s.slotA, traineeId: s.t2, method: 'manual', checkedInAt: NOW, recordedBy: s.trainer }]);
		expect(markAttendance(s.db, s.trainer, s.slotA, s.t2, true, null, NOW + 1000)).toEqual({ ok: true, value: { changed: false } });
		expect(markAttendance(s.db, s.trainer, s.slotB, s.t2, false, null, NOW)).toEqual({ ok: true, value: { changed: false } });
		const a = audits(s, 'training.attendance_mark');
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({
			actorId: s.trainer,
			entity: 'attendance',
			entityId: `${s.slotA}:${s.t2}`,
			before: { present: false },
			after: { present: true, method: 'manual' }
		});
	});

	it('needs a reason to correct an existing record, and audits it with before and after', () => {
		const s = setup();
		checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW);
		const later = NOW + 60_000;
		for (const reason of [undefined, null, '', '   ']) {
			expect(markAttendance(s.db, s.trainer, s.slotA, s.t1, false, reason, later)).toEqual({ ok: false, error: { code: 'attendance.reason_required' } });
		}
		expect(rows(s)).toHaveLength(1);
		expect(audits(s, 'training.attendance_correct')).toEqual([]);
		expect(markAttendance(s.db, s.trainer, s.slotA, s.t1, false, '  代签：本人不在场  ', later)).toEqual({ ok: true, value: { changed: true } });
		expect(rows(s)).toEqual([]);
		const a = audits(s, 'training.attendance_correct');
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({
			actorId: s.trainer,
			entityId: `${s.slotA}:${s.t1}`,
			reason: '代签：本人不在场',
			at: later,
			before: { present: true, method: 'qr', checkedInAt: NOW, recordedBy: s.learner1 },
			after: { present: false }
		});
	});

	it.each([
		['a trainee without a seat', (s: Setup) => markAttendance(s.db, s.trainer, s.slotA, s.tOutsider, true, null, NOW), 'attendance.not_enrolled'],
		['a waiting trainee', (s: Setup) => markAttendance(s.db, s.trainer, s.slotA, s.tWaiting, true, null, NOW), 'attendance.not_enrolled'],
		['a slot whose check-in has not opened', (s: Setup) => markAttendance(s.db, s.trainer, s.slotC, s.t1, true, null, NOW), 'attendance.slot_not_started'],
		['an unknown slot', (s: Setup) => markAttendance(s.db, s.trainer, 999, s.t1, true, null, NOW), 'attendance.slot_not_found'],
		['an unknown trainee', (s: Setup) => markAttendance(s.db, s.trainer, s.slotA, 999, true, null, NOW), 'attendance.trainee_not_found']
	])('refuses %s', (_, run, code) => {
		const s = setup();
		expect(run(s)).toMatchObject({ ok: false, error: { code } });
		expect(rows(s)).toEqual([]);
	});

	it('refuses marks while the session has not started', () => {
		const s = setup();
		s.db.update(trainingSession).set({ status: 'enrolling' }).where(eq(trainingSession.id, s.sessionId)).run();
		expect(markAttendance(s.db, s.trainer, s.slotA, s.t1, true, null, NOW)).toEqual({ ok: false, error: { code: 'attendance.session_not_open' } });
	});

	it('applyRoll saves a page all or nothing, naming the trainee a refusal concerns', () => {
		const s = setup();
		checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW);
		const marks = [
			{ slotId: s.slotA, traineeId: s.t2, present: true },
			{ slotId: s.slotA, traineeId: s.t1, present: false }
		];
		expect(applyRoll(s.db, s.trainer, s.sessionId, marks, null, NOW)).toEqual({
			ok: false,
			error: { code: 'attendance.reason_required', params: { name: '张伟' } }
		});
		expect(rows(s).map((r) => r.traineeId)).toEqual([s.t1]);
		expect(applyRoll(s.db, s.trainer, s.sessionId, marks, '误签', NOW)).toEqual({ ok: true, value: { added: 1, removed: 1 } });
		expect(rows(s).map((r) => r.traineeId)).toEqual([s.t2]);
		expect(applyRoll(s.db, s.trainer, s.sessionId + 1, marks, '误签', NOW)).toMatchObject({ ok: false, error: { code: 'attendance.slot_not_found' } });
	});
});

describe('hours', () => {
	it('credits Σ hours of the slots attended, per trainee, day by day', () => {
		const s = setup();
		checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW);
		const afternoon = chinaInstant('2026-11-30', '14:10');
		checkIn(s.db, s.learner1, s.slotB, code(s.slotB, afternoon), afternoon);
		const nextDay = chinaInstant('2026-12-01', '09:00');
		markAttendance(s.db, s.trainer, s.slotC, s.t1, true, null, nextDay);
		markAttendance(s.db, s.trainer, s.slotB, s.t2, true, null, afternoon);
		expect(hoursOf(s.db, s.t1)).toBe(9);
		expect(hoursOf(s.db, s.t2)).toBe(2.5);
		expect(hoursOf(s.db, s.tOutsider)).toBe(0);
		expect(hoursRecordsOf(s.db, s.t1)).toEqual([
			{ date: '2026-11-30', hours: 5.5 },
			{ date: '2026-12-01', hours: 3.5 }
		]);
		markAttendance(s.db, s.trainer, s.slotB, s.t1, false, '早退', nextDay);
		expect(hoursOf(s.db, s.t1)).toBe(6.5);
	});

	it('attendanceSheet: trainees × slots with the marks, hours, exam and counts; searchable and paged', () => {
		const s = setup();
		checkIn(s.db, s.learner1, s.slotA, code(s.slotA), NOW);
		markAttendance(s.db, s.trainer, s.slotA, s.t2, true, null, NOW);
		const afternoon = chinaInstant('2026-11-30', '14:10');
		markAttendance(s.db, s.trainer, s.slotB, s.t2, true, null, afternoon);
		setExamResult(s.db, s.trainer, s.sessionId, s.t2, 59.5, afternoon);
		const sheet = attendanceSheet(s.db, s.sessionId)!;
		expect(sheet.slots.map((x) => x.id)).toEqual([s.slotA, s.slotB, s.slotC]);
		expect(sheet.plannedHours).toBe(9);
		expect(sheet.enrolledCount).toBe(3);
		expect(sheet.slotCounts).toEqual([2, 1, 0]);
		expect(sheet.total).toBe(3);
		expect(sheet.rows.map((r) => [r.name, r.marks.map((m) => m?.method ?? null), r.hours, r.exam?.passed ?? null])).toEqual([
			['张伟', ['qr', null, null], 3, null],
			['李娜', ['manual', 'manual', null], 5.5, false],
			['王芳', [null, null, null], 0, null]
		]);
		expect(attendanceSheet(s.db, s.sessionId, { query: 'ln' })!.rows.map((r) => r.name)).toEqual(['李娜']);
		expect(attendanceSheet(s.db, s.sessionId, { query: '王' })!.rows.map((r) => r.name)).toEqual(['王芳']);
		const page2 = attendanceSheet(s.db, s.sessionId, { page: 2, pageSize: 2 })!;
		expect([page2.total, page2.rows.map((r) => r.name)]).toEqual([3, ['王芳']]);
		expect(attendanceSheet(s.db, 999)).toBeNull();
	});
});

describe('setExamResult', () => {
	it.each([
		[60, true],
		[59.5, false],
		[100, true],
		[0, false]
	])('score %s → passed %s (pass mark 60)', (score, passed) => {
		const s = setup();
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.t1, score, NOW)).toEqual({ ok: true, value: { passed, changed: true } });
	});

	it.each([101, -1, Number.NaN, 60.25, Number.POSITIVE_INFINITY])('refuses score %s', (score) => {
		const s = setup();
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.t1, score, NOW)).toEqual({ ok: false, error: { code: 'exam.bad_score' } });
	});

	it('refuses trainees without a seat and sessions not started', () => {
		const s = setup();
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.tWaiting, 80, NOW)).toEqual({ ok: false, error: { code: 'exam.not_enrolled' } });
		s.db.update(trainingSession).set({ status: 'planned' }).where(eq(trainingSession.id, s.sessionId)).run();
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.t1, 80, NOW)).toEqual({ ok: false, error: { code: 'exam.session_not_open' } });
	});

	it('replaces an earlier result, auditing before and after', () => {
		const s = setup();
		setExamResult(s.db, s.trainer, s.sessionId, s.t1, 55, NOW);
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.t1, 55, NOW)).toEqual({ ok: true, value: { passed: false, changed: false } });
		setExamResult(s.db, s.trainer, s.sessionId, s.t1, 75, NOW + 1000);
		const a = audits(s, 'training.exam_result');
		expect(a.map((x) => [x.before, x.after])).toEqual([
			[null, { score: 55, passed: false, source: 'manual', passMark: 60 }],
			[
				{ score: 55, passed: false, source: 'manual' },
				{ score: 75, passed: true, source: 'manual', passMark: 60 }
			]
		]);
		expect(a.every((x) => x.entityId === `${s.sessionId}:${s.t1}`)).toBe(true);
	});
});
