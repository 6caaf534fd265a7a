import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { attendance, auditLog, enrollment, sessionSlot, trainee, trainingSession, unit, user, userRole } from '../db/schema';
import { checkSessionInput, createSession, getSession, listSessions, plannedHours, sessionYears, setStatus, updateSession, type SessionInput } from './sessions';
import { trainerEnroll } from './enrollment';

const T0 = Date.UTC(2026, 2, 1, 2, 0, 0);

function setup() {
	const db = createTestDb();
	const province = db.insert(unit).values({ name: '江西省', kind: 'province' }).returning().get();
	const county = db.insert(unit).values({ name: '广丰区', kind: 'county', parentId: province.id }).returning().get();
	const bureau = db.insert(unit).values({ name: '广丰区应急管理局', kind: 'department', parentId: county.id }).returning().get();
	const u = db.insert(user).values({ username: 'trainer', displayName: '李老师', passwordHash: 'x' }).returning().get();
	db.insert(userRole).values({ userId: u.id, role: 'trainer' }).run();
	return { db, trainer: u.id, countyId: county.id, bureauId: bureau.id };
}

const input = (over: Partial<SessionInput> = {}): SessionInput => ({
	title: '2026 年第一期主要负责人培训班',
	organizerUnitId: null,
	regionUnitId: null,
	startDate: '2026-03-10',
	endDate: '2026-03-11',
	venue: '区应急管理局三楼会议室',
	audience: 'principal',
	instructors: '王老师、赵老师',
	capacity: 2,
	passMark: 60,
	slots: [
		{ date: '2026-03-10', startTime: '08:30', endTime: '11:30', hours: 3 },
		{ date: '2026-03-10', startTime: '14:00', endTime: '17:00', hours: 3 },
		{ date: '2026-03-11', startTime: '08:30', endTime: '11:30', hours: 2.5 }
	],
	...over
});

const slot = (date: string, startTime: string, endTime: string, hours = 3) => ({ date, startTime, endTime, hours });

function created(r: ReturnType<typeof createSession>) {
	if (!r.ok) throw new Error(r.error.code);
	return r.value;
}

/** A trainee row, as an import would leave it. */
function addTrainee(db: ReturnType<typeof setup>['db'], name: string) {
	return db.insert(trainee).values({ name, nameInitials: 'x', category: 'principal', phone: null, createdAt: T0 }).returning().get().id;
}

describe('checkSessionInput', () => {
	it.each([
		['a date that does not exist', { startDate: '2026-02-30' }, 'training.bad_date', undefined],
		['the end before the start', { endDate: '2026-03-09' }, 'training.end_before_start', undefined],
		['no capacity', { capacity: 0 }, 'training.capacity', { max: 10000 }],
		['a fractional capacity', { capacity: 1.5 }, 'training.capacity', { max: 10000 }],
		['a pass mark over 100', { passMark: 101 }, 'training.pass_mark', undefined],
		['no slots', { slots: [] }, 'training.no_slots', undefined],
		['a slot time that is no time', { slots: [slot('2026-03-10', '8:30', '11:30')] }, 'training.slot_bad_time', { slot: 1 }],
		['a slot ending before it starts', { slots: [slot('2026-03-10', '08:30', '11:30'), slot('2026-03-10', '14:00', '13:00')] }, 'training.slot_time_order', { slot: 2 }],
		['a slot ending when it starts', { slots: [slot('2026-03-10', '14:00', '14:00')] }, 'training.slot_time_order', { slot: 1 }],
		['a slot before the start date', { slots: [slot('2026-03-09', '08:30', '11:30')] }, 'training.slot_outside_dates', { slot: 1, date: '2026-03-09' }],
		['a slot after the end date', { slots: [slot('2026-03-10', '08:30', '11:30'), slot('2026-03-12', '08:30', '11:30')] }, 'training.slot_outside_dates', { slot: 2, date: '2026-03-12' }],
		['a slot of 0 hours', { slots: [slot('2026-03-10', '08:30', '11:30', 0)] }, 'training.slot_hours', { slot: 1, max: 8 }],
		['a slot of negative hours', { slots: [slot('2026-03-10', '08:30', '11:30', -2)] }, 'training.slot_hours', { slot: 1, max: 8 }],
		['a slot of more than 8 hours', { slots: [slot('2026-03-10', '08:00', '18:00', 8.5)] }, 'training.slot_hours', { slot: 1, max: 8 }],
		['overlapping slots on a day', { slots: [slot('2026-03-10', '08:30', '11:30'), slot('2026-03-11', '08:30', '11:30'), slot('2026-03-10', '11:00', '12:00', 1)] }, 'training.slot_overlap', { slot: 3, other: 1, date: '2026-03-10' }],
		['a slot inside another', { slots: [slot('2026-03-10', '08:00', '12:00', 4), slot('2026-03-10', '09:00', '10:00', 1)] }, 'training.slot_overlap', { slot: 2, other: 1, date: '2026-03-10' }]
	])('refuses %s', (_, over, code, params) => {
		expect(checkSessionInput(input(over))).toEqual({ ok: false, error: params ? { code, params } : { code } });
	});

	it('accepts back-to-back slots, the same hours on different days, a one-day session and 8-hour slots', () => {
		expect(checkSessionInput(input({ slots: [slot('2026-03-10', '08:30', '11:30'), slot('2026-03-10', '11:30', '12:00', 0.5), slot('2026-03-11', '08:30', '11:30')] }))).toEqual({ ok: true, value: null });
		expect(checkSessionInput(input({ endDate: '2026-03-10', slots: [slot('2026-03-10', '08:00', '17:00', 8)] }))).toEqual({ ok: true, value: null });
	});

	it('sums planned hours exactly', () => {
		expect(plannedHours([{ hours: 0.1 }, { hours: 0.2 }, { hours: 2.5 }])).toBe(2.8);
	});
});

describe('createSession', () => {
	it('stores the session and its slots in time order, with a check-in secret and an audit row', () => {
		const s = setup();
		const r = created(createSession(s.db, s.trainer, input({ organizerUnitId: s.bureauId, regionUnitId: s.countyId, slots: [...input().slots].reverse() }), T0));
		const row = s.db.select().from(trainingSession).where(eq(trainingSession.id, r.id)).get()!;
		expect(row).toMatchObject({ status: 'planned', year: 2026, yearSeq: 1, capacity: 2, passMark: 60, createdBy: s.trainer, regionUnitId: s.countyId });
		expect(row.checkinSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const slots = s.db.select().from(sessionSlot).where(eq(sessionSlot.sessionId, r.id)).all();
		expect(slots.map((x) => `${x.date} ${x.startTime}`)).toEqual(['2026-03-10 08:30', '2026-03-10 14:00', '2026-03-11 08:30']);
		const audit = s.db.select().from(auditLog).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'training.session_create', entity: 'training_session', entityId: String(r.id), actorId: s.trainer, at: T0 });
		expect(audit[0].after).not.toContain(row.checkinSecret);
	});

	it('gives every session its own secret', () => {
		const s = setup();
		created(createSession(s.db, s.trainer, input()));
		created(createSession(s.db, s.trainer, input()));
		const secrets = s.db.select({ x: trainingSession.checkinSecret }).from(trainingSession).all();
		expect(new Set(secrets.map((r) => r.x)).size).toBe(2);
	});

	it('numbers sessions within the year of their start date', () => {
		const s = setup();
		const a = created(createSession(s.db, s.trainer, input()));
		const b = created(createSession(s.db, s.trainer, input({ startDate: '2026-11-02', endDate: '2026-11-02', slots: [slot('2026-11-02', '08:30', '11:30')] })));
		const c = created(createSession(s.db, s.trainer, input({ startDate: '2027-01-05', endDate: '2027-01-05', slots: [slot('2027-01-05', '08:30', '11:30')] })));
		// A session spanning new year counts for the year it starts in.
		const d = created(createSession(s.db, s.trainer, input({ startDate: '2026-12-31', endDate: '2027-01-01', slots: [slot('2027-01-01', '08:30', '11:30')] })));
		expect([a, b, c, d].map((x) => [x.year, x.yearSeq])).toEqual([
			[2026, 1],
			[2026, 2],
			[2027, 1],
			[2026, 3]
		]);
	});

	it('refuses an unknown unit and writes nothing on any refusal', () => {
		const s = setup();
		expect(createSession(s.db, s.trainer, input({ regionUnitId: 999 }))).toEqual({ ok: false, error: { code: 'training.unit_not_found' } });
		expect(createSession(s.db, s.trainer, input({ endDate: '2026-03-01' })).ok).toBe(false);
		expect(s.db.select().from(trainingSession).all()).toEqual([]);
		expect(s.db.select().from(sessionSlot).all()).toEqual([]);
		expect(s.db.select().from(auditLog).all()).toEqual([]);
	});
});

describe('setStatus', () => {
	it('walks 计划 → 报名中 → 进行中 → 已结束, each step audited', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		for (const to of ['enrolling', 'running', 'ended'] as const) expect(setStatus(s.db, s.trainer, id, to, null, T0)).toEqual({ ok: true, value: null });
		expect(getSession(s.db, id)!.session.status).toBe('ended');
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.session_status')).all();
		expect(audit.map((a) => [JSON.parse(a.before!).status, JSON.parse(a.after!).status])).toEqual([
			['planned', 'enrolling'],
			['enrolling', 'running'],
			['running', 'ended']
		]);
	});

	it.each([
		[[], 'running'],
		[[], 'ended'],
		[['enrolling'], 'planned'],
		[['enrolling', 'running'], 'enrolling'],
		[['enrolling', 'running', 'ended'], 'cancelled'],
		[['cancelled'], 'enrolling'],
		[['cancelled'], 'planned']
	] as const)('after %j refuses → %s and changes nothing', (path, to) => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		for (const step of path) expect(setStatus(s.db, s.trainer, id, step).ok).toBe(true);
		const before = getSession(s.db, id)!.session.status;
		const audits = s.db.select().from(auditLog).all().length;
		expect(setStatus(s.db, s.trainer, id, to)).toEqual({ ok: false, error: { code: 'training.bad_transition', params: { from: before, to } } });
		expect(getSession(s.db, id)!.session.status).toBe(before);
		expect(s.db.select().from(auditLog).all()).toHaveLength(audits);
	});

	it.each(['planned', 'enrolling', 'running'] as const)('cancels from %s, with the reason audited', (from) => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		const path = ['enrolling', 'running'] as const;
		for (const step of path.slice(0, path.indexOf(from as 'enrolling') + 1)) setStatus(s.db, s.trainer, id, step);
		expect(getSession(s.db, id)!.session.status).toBe(from);
		expect(setStatus(s.db, s.trainer, id, 'cancelled', '疫情防控').ok).toBe(true);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.session_status')).all().at(-1)?.reason).toBe('疫情防控');
	});

	it('refuses an unknown session', () => {
		const s = setup();
		expect(setStatus(s.db, s.trainer, 42, 'enrolling')).toEqual({ ok: false, error: { code: 'training.not_found' } });
	});
});

describe('updateSession', () => {
	it('applies the same checks and writes nothing on a refusal', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		const audits = s.db.select().from(auditLog).all().length;
		expect(updateSession(s.db, s.trainer, id, input({ title: '改', slots: [slot('2026-03-10', '08:30', '11:30'), slot('2026-03-10', '09:00', '10:00', 1)] }))).toMatchObject({
			ok: false,
			error: { code: 'training.slot_overlap' }
		});
		expect(updateSession(s.db, s.trainer, id, input({ title: '改', endDate: '2026-03-01' }))).toMatchObject({ ok: false, error: { code: 'training.end_before_start' } });
		expect(getSession(s.db, id)!.session.title).toBe(input().title);
		expect(s.db.select().from(auditLog).all()).toHaveLength(audits);
	});

	it('keeps slots by id, adds and deletes others, and audits before and after', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		const [first] = getSession(s.db, id)!.slots;
		const r = updateSession(s.db, s.trainer, id, input({ title: '新标题', slots: [{ ...slot('2026-03-10', '09:00', '12:00'), id: first.id }, slot('2026-03-11', '14:00', '16:00', 2)] }), T0);
		expect(r).toEqual({ ok: true, value: { promoted: [] } });
		const after = getSession(s.db, id)!;
		expect(after.session.title).toBe('新标题');
		expect(after.slots.map((x) => [x.id === first.id, x.startTime, x.hours])).toEqual([
			[true, '09:00', 3],
			[false, '14:00', 2]
		]);
		expect(after.plannedHours).toBe(5);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.session_update')).get()!;
		expect(JSON.parse(audit.before!).title).toBe(input().title);
		expect(JSON.parse(audit.after!).title).toBe('新标题');
		expect(audit.before).not.toContain('checkinSecret');
	});

	it('refuses to delete a slot with attendance, or to keep a slot of another session', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		const other = created(createSession(s.db, s.trainer, input()));
		const [first, second] = getSession(s.db, id)!.slots;
		const t = addTrainee(s.db, '张伟');
		s.db.insert(attendance).values({ slotId: first.id, traineeId: t, method: 'manual', checkedInAt: T0 }).run();
		expect(updateSession(s.db, s.trainer, id, input({ slots: [{ ...slot('2026-03-10', '14:00', '17:00'), id: second.id }] }))).toEqual({ ok: false, error: { code: 'training.slot_has_attendance' } });
		const foreign = getSession(s.db, other.id)!.slots[0];
		expect(updateSession(s.db, s.trainer, id, input({ slots: [{ ...slot('2026-03-10', '08:30', '11:30'), id: first.id }, { ...slot('2026-03-11', '08:30', '11:30'), id: foreign.id }] }))).toEqual({
			ok: false,
			error: { code: 'training.slot_not_found' }
		});
		expect(s.db.select().from(attendance).all()).toHaveLength(1);
		expect(getSession(s.db, id)!.slots).toHaveLength(3);
	});

	it('refuses edits once the session has ended or been cancelled', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input()));
		setStatus(s.db, s.trainer, id, 'cancelled');
		expect(updateSession(s.db, s.trainer, id, input({ title: '改' }))).toEqual({ ok: false, error: { code: 'training.session_closed' } });
		expect(updateSession(s.db, s.trainer, 99, input())).toEqual({ ok: false, error: { code: 'training.not_found' } });
	});

	it('renumbers the session when its start moves into another year', () => {
		const s = setup();
		created(createSession(s.db, s.trainer, input({ startDate: '2027-02-01', endDate: '2027-02-01', slots: [slot('2027-02-01', '08:30', '11:30')] })));
		const { id } = created(createSession(s.db, s.trainer, input()));
		expect(updateSession(s.db, s.trainer, id, input({ startDate: '2027-03-01', endDate: '2027-03-01', slots: [slot('2027-03-01', '08:30', '11:30')] })).ok).toBe(true);
		expect(getSession(s.db, id)!.session).toMatchObject({ year: 2027, yearSeq: 2 });
	});

	it('promotes the waiting list, first in line first, when the capacity grows; each promotion audited', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input({ capacity: 1 })));
		const [a, b, c, d] = ['甲', '乙', '丙', '丁'].map((n) => addTrainee(s.db, n));
		for (const t of [a, b, c, d]) expect(trainerEnroll(s.db, s.trainer, id, t).ok).toBe(true);
		expect(getSession(s.db, id)).toMatchObject({ enrolled: 1, waiting: 3 });
		const r = updateSession(s.db, s.trainer, id, input({ capacity: 3 }), T0);
		expect(r).toEqual({ ok: true, value: { promoted: [b, c] } });
		const statuses = new Map(s.db.select().from(enrollment).all().map((e) => [e.traineeId, e.status]));
		expect([a, b, c, d].map((t) => statuses.get(t))).toEqual(['enrolled', 'enrolled', 'enrolled', 'waiting']);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.promote')).all()).toHaveLength(2);
		// A smaller capacity never takes a seat away.
		expect(updateSession(s.db, s.trainer, id, input({ capacity: 1 }))).toEqual({ ok: true, value: { promoted: [] } });
		expect(getSession(s.db, id)).toMatchObject({ enrolled: 3, waiting: 1 });
	});
});

describe('listSessions and getSession', () => {
	function many() {
		const s = setup();
		const mk = (start: string, audience: SessionInput['audience'], regionUnitId: number | null = null) =>
			created(createSession(s.db, s.trainer, input({ startDate: start, endDate: start, audience, regionUnitId, slots: [slot(start, '08:30', '11:30')] }))).id;
		const ids = {
			jan: mk('2026-01-10', 'principal', s.countyId),
			may: mk('2026-05-10', 'safety_manager'),
			mar: mk('2026-03-10', 'principal'),
			old: mk('2025-09-01', 'mixed')
		};
		setStatus(s.db, s.trainer, ids.may, 'enrolling');
		return { ...s, ids };
	}

	it('sorts by start date, newest first by default, and pages', () => {
		const s = many();
		expect(listSessions(s.db).rows.map((r) => r.id)).toEqual([s.ids.may, s.ids.mar, s.ids.jan, s.ids.old]);
		expect(listSessions(s.db, { sort: 'asc' }).rows.map((r) => r.id)).toEqual([s.ids.old, s.ids.jan, s.ids.mar, s.ids.may]);
		const p2 = listSessions(s.db, { sort: 'asc', page: 2, pageSize: 3 });
		expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
		expect(p2.rows.map((r) => r.id)).toEqual([s.ids.may]);
	});

	it('filters by year, status, audience and region', () => {
		const s = many();
		const ids = (f: Parameters<typeof listSessions>[1]) => listSessions(s.db, { ...f, sort: 'asc' }).rows.map((r) => r.id);
		expect(ids({ year: 2025 })).toEqual([s.ids.old]);
		expect(ids({ status: 'enrolling' })).toEqual([s.ids.may]);
		expect(ids({ audience: 'principal' })).toEqual([s.ids.jan, s.ids.mar]);
		expect(ids({ audience: 'principal', year: 2026, regionUnitId: s.countyId })).toEqual([s.ids.jan]);
		expect(listSessions(s.db, { regionUnitId: s.countyId }).rows[0].regionName).toBe('广丰区');
		expect(sessionYears(s.db)).toEqual([2026, 2025]);
	});

	it('counts enrolled and waiting learners and planned hours, and never hands out the secret', () => {
		const s = setup();
		const { id } = created(createSession(s.db, s.trainer, input({ capacity: 1, organizerUnitId: s.bureauId })));
		for (const n of ['甲', '乙', '丙']) trainerEnroll(s.db, s.trainer, id, addTrainee(s.db, n));
		const got = getSession(s.db, id)!;
		expect(got).toMatchObject({ enrolled: 1, waiting: 2, plannedHours: 8.5, organizerName: '广丰区应急管理局', regionName: null });
		expect(got.slots).toHaveLength(3);
		expect('checkinSecret' in got.session).toBe(false);
		expect(listSessions(s.db).rows[0]).toMatchObject({ enrolled: 1, waiting: 2, plannedHours: 8.5 });
		expect(JSON.stringify(listSessions(s.db))).not.toContain('checkinSecret');
		expect(getSession(s.db, 404)).toBeNull();
	});
});
