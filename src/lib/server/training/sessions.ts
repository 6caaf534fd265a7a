/**
 * Training sessions (期次) of the registry: creation with their daily time slots, edits, the status
 * workflow and the lists trainers work from. Every write is audited in the transaction that makes it.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { attendance, enrollment, sessionSlot, trainingCertificate, trainingSession, unit, type TrainingAudience, type TrainingStatus } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { reconcile, type Waitlist } from '../../domain/training/waitlist';
import { STAFF_CATEGORIES } from '../../domain/roles';

export const TRAINING_AUDIENCES = [...STAFF_CATEGORIES, 'officer', 'mixed'] as const satisfies readonly TrainingAudience[];
export const TRAINING_STATUSES = ['planned', 'enrolling', 'running', 'ended', 'cancelled'] as const satisfies readonly TrainingStatus[];

/** Most 学时 one slot may carry (a full training day is 8). */
export const MAX_SLOT_HOURS = 8;
export const MAX_CAPACITY = 10_000;

export interface SlotInput {
	/** An existing slot being kept (updates only); absent for a new one. */
	id?: number;
	/** yyyy-mm-dd */
	date: string;
	/** hh:mm */
	startTime: string;
	endTime: string;
	hours: number;
}

export interface SessionInput {
	title: string;
	organizerUnitId: number | null;
	regionUnitId: number | null;
	startDate: string;
	endDate: string;
	venue: string;
	audience: TrainingAudience;
	instructors: string;
	capacity: number;
	passMark: number;
	slots: SlotInput[];
}

export type SessionError =
	| 'training.bad_date'
	| 'training.end_before_start'
	| 'training.no_slots'
	| 'training.slot_bad_time'
	| 'training.slot_time_order'
	| 'training.slot_outside_dates'
	| 'training.slot_hours'
	| 'training.slot_overlap'
	| 'training.capacity'
	| 'training.pass_mark'
	| 'training.unit_not_found';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isRealDate = (v: string) => {
	if (!DATE.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * The rules of a session's dates and slots, checked in the order a trainer would fix them. Slot numbers
 * in the params are 1-based, as the form shows them. Pure: no database.
 */
export function checkSessionInput(input: SessionInput): Result<null, SessionError> {
	if (!isRealDate(input.startDate) || !isRealDate(input.endDate)) return err('training.bad_date');
	if (input.endDate < input.startDate) return err('training.end_before_start');
	if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) return err('training.capacity', { max: MAX_CAPACITY });
	if (!Number.isInteger(input.passMark) || input.passMark < 0 || input.passMark > 100) return err('training.pass_mark');
	if (input.slots.length === 0) return err('training.no_slots');
	for (const [i, s] of input.slots.entries()) {
		const slot = i + 1;
		if (!isRealDate(s.date) || !TIME.test(s.startTime) || !TIME.test(s.endTime)) return err('training.slot_bad_time', { slot });
		if (s.endTime <= s.startTime) return err('training.slot_time_order', { slot });
		if (s.date < input.startDate || s.date > input.endDate) return err('training.slot_outside_dates', { slot, date: s.date });
		if (!Number.isFinite(s.hours) || s.hours <= 0 || s.hours > MAX_SLOT_HOURS) return err('training.slot_hours', { slot, max: MAX_SLOT_HOURS });
	}
	for (let i = 0; i < input.slots.length; i++) {
		for (let j = 0; j < i; j++) {
			const a = input.slots[j];
			const b = input.slots[i];
			if (a.date === b.date && a.startTime < b.endTime && b.startTime < a.endTime) return err('training.slot_overlap', { slot: i + 1, other: j + 1, date: b.date });
		}
	}
	return ok(null);
}

/** Σ slot hours, summed in hundredths so 2.5 + 0.1 is 2.6. */
export function plannedHours(slots: readonly { hours: number }[]): number {
	return slots.reduce((n, s) => n + Math.round(s.hours * 100), 0) / 100;
}

/** The secret behind a session's rotating check-in codes: 32 random bytes, base64url. Never sent to a browser. */
export function newCheckinSecret(): string {
	return randomBytes(32).toString('base64url');
}

const sortSlots = (slots: readonly SlotInput[]) => [...slots].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));

function checkUnits(tx: Tx, input: SessionInput): Result<null, SessionError> {
	for (const id of [input.organizerUnitId, input.regionUnitId]) {
		if (id !== null && !tx.select({ id: unit.id }).from(unit).where(eq(unit.id, id)).get()) return err('training.unit_not_found');
	}
	return ok(null);
}

function nextYearSeq(tx: Tx, year: number): number {
	const row = tx.select({ n: max(trainingSession.yearSeq) }).from(trainingSession).where(eq(trainingSession.year, year)).get();
	return (row?.n ?? 0) + 1;
}

/** What the audit log keeps of a session: everything but the check-in secret. */
function auditView(input: SessionInput) {
	return { ...input, slots: sortSlots(input.slots).map(({ date, startTime, endTime, hours }) => ({ date, startTime, endTime, hours })) };
}

/** Creates a session with its slots; year and 年度序号 come from the start date. */
export function createSession(db: Db, actorId: number, input: SessionInput, now = Date.now()): Result<{ id: number; year: number; yearSeq: number }, SessionError> {
	const checked = checkSessionInput(input);
	if (!checked.ok) return checked;
	return db.transaction((tx) => {
		const units = checkUnits(tx, input);
		if (!units.ok) return units;
		const year = Number(input.startDate.slice(0, 4));
		const yearSeq = nextYearSeq(tx, year);
		const row = tx
			.insert(trainingSession)
			.values({
				title: input.title,
				organizerUnitId: input.organizerUnitId,
				regionUnitId: input.regionUnitId,
				startDate: input.startDate,
				endDate: input.endDate,
				venue: input.venue,
				audience: input.audience,
				instructors: input.instructors,
				capacity: input.capacity,
				passMark: input.passMark,
				status: 'planned',
				year,
				yearSeq,
				checkinSecret: newCheckinSecret(),
				createdBy: actorId
			})
			.returning({ id: trainingSession.id })
			.get();
		for (const s of sortSlots(input.slots)) tx.insert(sessionSlot).values({ sessionId: row.id, date: s.date, startTime: s.startTime, endTime: s.endTime, hours: s.hours }).run();
		recordAudit(tx, { actorId, action: 'training.session_create', entity: 'training_session', entityId: row.id, after: { ...auditView(input), year, yearSeq }, at: now });
		return ok({ id: row.id, year, yearSeq });
	});
}

export type UpdateSessionError = SessionError | 'training.not_found' | 'training.session_closed' | 'training.slot_not_found' | 'training.slot_has_attendance' | 'training.year_locked';

/**
 * Edits a session that is neither ended nor cancelled. Slots are matched by id: kept ones are updated,
 * missing ones deleted (refused while attendance is recorded in them), new ones added. A larger capacity
 * moves waiting learners up at once, first in line first; the promoted trainee ids are returned.
 * Moving the start into another year renumbers the session in that year, unless certificates were issued.
 */
export function updateSession(db: Db, actorId: number, sessionId: number, input: SessionInput, now = Date.now()): Result<{ promoted: number[] }, UpdateSessionError> {
	const checked = checkSessionInput(input);
	if (!checked.ok) return checked;
	return db.transaction((tx) => {
		const before = tx.select().from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!before) return err('training.not_found');
		if (before.status === 'ended' || before.status === 'cancelled') return err('training.session_closed');
		const units = checkUnits(tx, input);
		if (!units.ok) return units;
		const oldSlots = tx.select().from(sessionSlot).where(eq(sessionSlot.sessionId, sessionId)).orderBy(asc(sessionSlot.date), asc(sessionSlot.startTime)).all();
		const oldIds = new Set(oldSlots.map((s) => s.id));
		const keptIds = new Set<number>();
		for (const s of input.slots) {
			if (s.id === undefined) continue;
			if (!oldIds.has(s.id) || keptIds.has(s.id)) return err('training.slot_not_found');
			keptIds.add(s.id);
		}
		const removed = oldSlots.filter((s) => !keptIds.has(s.id)).map((s) => s.id);
		if (removed.length && tx.select({ n: count() }).from(attendance).where(inArray(attendance.slotId, removed)).get()!.n > 0)
			return err('training.slot_has_attendance');
		const year = Number(input.startDate.slice(0, 4));
		let yearSeq = before.yearSeq;
		if (year !== before.year) {
			if (tx.select({ n: count() }).from(trainingCertificate).where(eq(trainingCertificate.sessionId, sessionId)).get()!.n > 0) return err('training.year_locked');
			yearSeq = nextYearSeq(tx, year);
		}
		tx.update(trainingSession)
			.set({
				title: input.title,
				organizerUnitId: input.organizerUnitId,
				regionUnitId: input.regionUnitId,
				startDate: input.startDate,
				endDate: input.endDate,
				venue: input.venue,
				audience: input.audience,
				instructors: input.instructors,
				capacity: input.capacity,
				passMark: input.passMark,
				year,
				yearSeq
			})
			.where(eq(trainingSession.id, sessionId))
			.run();
		if (removed.length) tx.delete(sessionSlot).where(inArray(sessionSlot.id, removed)).run();
		for (const s of input.slots) {
			const values = { date: s.date, startTime: s.startTime, endTime: s.endTime, hours: s.hours };
			if (s.id === undefined) tx.insert(sessionSlot).values({ sessionId, ...values }).run();
			else tx.update(sessionSlot).set(values).where(eq(sessionSlot.id, s.id)).run();
		}
		const promoted = reconcileWaitlist(tx, actorId, sessionId, input.capacity, now);
		const { checkinSecret: _secret, createdAt: _created, createdBy: _by, ...kept } = before;
		recordAudit(tx, {
			actorId,
			action: 'training.session_update',
			entity: 'training_session',
			entityId: sessionId,
			before: { ...kept, slots: oldSlots.map(({ id, date, startTime, endTime, hours }) => ({ id, date, startTime, endTime, hours })) },
			after: { ...auditView(input), year, yearSeq, promoted },
			at: now
		});
		return ok({ promoted });
	});
}

/** A session's seats as the waiting-list rules see them: trainee ids in enrolment order. */
export function waitlistState(tx: Tx, sessionId: number, capacity: number): Waitlist {
	const rows = tx
		.select({ traineeId: enrollment.traineeId, status: enrollment.status })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, sessionId), inArray(enrollment.status, ['enrolled', 'waiting'])))
		.orderBy(asc(enrollment.position), asc(enrollment.id))
		.all();
	return {
		capacity,
		enrolled: rows.filter((r) => r.status === 'enrolled').map((r) => r.traineeId),
		waiting: rows.filter((r) => r.status === 'waiting').map((r) => r.traineeId)
	};
}

/** Gives free seats to the waiting list, first in line first, each promotion audited. Returns the promoted trainee ids. */
export function reconcileWaitlist(tx: Tx, actorId: number | null, sessionId: number, capacity: number, now = Date.now()): number[] {
	const { promoted } = reconcile(waitlistState(tx, sessionId, capacity));
	for (const traineeId of promoted) promote(tx, actorId, sessionId, traineeId, now);
	return [...promoted];
}

/** Moves one waiting trainee onto a seat (the caller has decided it per the waiting-list rules). */
export function promote(tx: Tx, actorId: number | null, sessionId: number, traineeId: number, now = Date.now()): void {
	const row = tx
		.update(enrollment)
		.set({ status: 'enrolled' })
		.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.traineeId, traineeId), eq(enrollment.status, 'waiting')))
		.returning({ id: enrollment.id })
		.get();
	if (!row) throw new Error(`promote: trainee ${traineeId} is not waiting in session ${sessionId}`);
	recordAudit(tx, { actorId, action: 'training.promote', entity: 'enrollment', entityId: row.id, before: { status: 'waiting' }, after: { status: 'enrolled', sessionId, traineeId }, at: now });
}

/** The status workflow: 计划 → 报名中 → 进行中 → 已结束, and 已取消 from any open state. */
export const STATUS_TRANSITIONS: Readonly<Record<TrainingStatus, readonly TrainingStatus[]>> = {
	planned: ['enrolling', 'cancelled'],
	enrolling: ['running', 'cancelled'],
	running: ['ended', 'cancelled'],
	ended: [],
	cancelled: []
};

export function canTransition(from: TrainingStatus, to: TrainingStatus): boolean {
	return STATUS_TRANSITIONS[from].includes(to);
}

export function setStatus(db: Db, actorId: number, sessionId: number, to: TrainingStatus, reason: string | null = null, now = Date.now()): Result<null, 'training.not_found' | 'training.bad_transition'> {
	return db.transaction((tx) => {
		const s = tx.select({ status: trainingSession.status }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!s) return err('training.not_found');
		if (!canTransition(s.status, to)) return err('training.bad_transition', { from: s.status, to });
		tx.update(trainingSession).set({ status: to }).where(eq(trainingSession.id, sessionId)).run();
		recordAudit(tx, { actorId, action: 'training.session_status', entity: 'training_session', entityId: sessionId, before: { status: s.status }, after: { status: to }, reason, at: now });
		return ok(null);
	});
}

export interface SessionFilter {
	year?: number | null;
	status?: TrainingStatus | null;
	audience?: TrainingAudience | null;
	regionUnitId?: number | null;
	/** By start date; newest first unless 'asc'. */
	sort?: 'asc' | 'desc';
	page?: number;
	pageSize?: number;
}

/** Enrolled and waiting counts per session. */
function enrollmentCounts(db: Tx, sessionIds: number[]) {
	const counts = new Map<number, { enrolled: number; waiting: number }>();
	if (sessionIds.length === 0) return counts;
	const rows = db
		.select({ sessionId: enrollment.sessionId, status: enrollment.status, n: count() })
		.from(enrollment)
		.where(and(inArray(enrollment.sessionId, sessionIds), inArray(enrollment.status, ['enrolled', 'waiting'])))
		.groupBy(enrollment.sessionId, enrollment.status)
		.all();
	for (const id of sessionIds) counts.set(id, { enrolled: 0, waiting: 0 });
	for (const r of rows) counts.get(r.sessionId)![r.status as 'enrolled' | 'waiting'] = r.n;
	return counts;
}

function hoursBySession(db: Tx, sessionIds: number[]) {
	const rows = sessionIds.length
		? db.select({ sessionId: sessionSlot.sessionId, hours: sessionSlot.hours }).from(sessionSlot).where(inArray(sessionSlot.sessionId, sessionIds)).all()
		: [];
	return new Map(sessionIds.map((id) => [id, plannedHours(rows.filter((r) => r.sessionId === id))]));
}

const listColumns = {
	id: trainingSession.id,
	title: trainingSession.title,
	startDate: trainingSession.startDate,
	endDate: trainingSession.endDate,
	venue: trainingSession.venue,
	audience: trainingSession.audience,
	capacity: trainingSession.capacity,
	status: trainingSession.status,
	year: trainingSession.year,
	yearSeq: trainingSession.yearSeq,
	regionUnitId: trainingSession.regionUnitId
};

/** A page of sessions with their counts and planned hours. */
export function listSessions(db: Db, f: SessionFilter = {}) {
	const conds: SQL[] = [];
	if (f.year) conds.push(eq(trainingSession.year, f.year));
	if (f.status) conds.push(eq(trainingSession.status, f.status));
	if (f.audience) conds.push(eq(trainingSession.audience, f.audience));
	if (f.regionUnitId) conds.push(eq(trainingSession.regionUnitId, f.regionUnitId));
	const where = conds.length ? and(...conds) : undefined;
	const pageSize = f.pageSize ?? 20;
	const page = Math.max(1, f.page ?? 1);
	const total = db.select({ n: count() }).from(trainingSession).where(where).get()?.n ?? 0;
	const order = f.sort === 'asc' ? [asc(trainingSession.startDate), asc(trainingSession.id)] : [desc(trainingSession.startDate), desc(trainingSession.id)];
	const rows = db
		.select({ ...listColumns, regionName: unit.name })
		.from(trainingSession)
		.leftJoin(unit, eq(unit.id, trainingSession.regionUnitId))
		.where(where)
		.orderBy(...order)
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	const ids = rows.map((r) => r.id);
	const counts = enrollmentCounts(db, ids);
	const hours = hoursBySession(db, ids);
	return { total, page, pageSize, rows: rows.map((r) => ({ ...r, ...counts.get(r.id)!, plannedHours: hours.get(r.id)! })) };
}

/** The years that have sessions, newest first, for the year filter. */
export function sessionYears(db: Db): number[] {
	return db
		.selectDistinct({ year: trainingSession.year })
		.from(trainingSession)
		.orderBy(desc(trainingSession.year))
		.all()
		.map((r) => r.year);
}

/** Sessions open for self-enrolment (报名中), soonest first. */
export function enrollingSessions(db: Db) {
	const rows = db
		.select(listColumns)
		.from(trainingSession)
		.where(eq(trainingSession.status, 'enrolling'))
		.orderBy(asc(trainingSession.startDate), asc(trainingSession.id))
		.all();
	const ids = rows.map((r) => r.id);
	const counts = enrollmentCounts(db, ids);
	const hours = hoursBySession(db, ids);
	return rows.map((r) => ({ ...r, ...counts.get(r.id)!, plannedHours: hours.get(r.id)! }));
}

/**
 * One session for its overview: details (the check-in secret left out), slots in time order, unit
 * names, enrolled and waiting counts and the planned hours (Σ slot hours). Null when there is none.
 */
export function getSession(db: Db, sessionId: number) {
	const row = db.select().from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
	if (!row) return null;
	const { checkinSecret: _secret, ...session } = row;
	const slots = db.select().from(sessionSlot).where(eq(sessionSlot.sessionId, sessionId)).orderBy(asc(sessionSlot.date), asc(sessionSlot.startTime), asc(sessionSlot.id)).all();
	const unitName = (id: number | null) => (id === null ? null : (db.select({ name: unit.name }).from(unit).where(eq(unit.id, id)).get()?.name ?? null));
	const counts = enrollmentCounts(db, [sessionId]).get(sessionId)!;
	return {
		session,
		organizerName: unitName(session.organizerUnitId),
		regionName: unitName(session.regionUnitId),
		slots,
		enrolled: counts.enrolled,
		waiting: counts.waiting,
		plannedHours: plannedHours(slots)
	};
}

/** The status of a session, or null; for guards of pages built on a session. */
export function sessionStatus(db: Tx, sessionId: number): TrainingStatus | null {
	return db.select({ status: trainingSession.status }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get()?.status ?? null;
}
