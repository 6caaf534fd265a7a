/**
 * Enrolment in a training session: learners enrol themselves while it is 报名中, trainers add people;
 * seats go first come, first served up to the capacity, then a waiting list that moves up when someone
 * cancels (the rules of domain/training/waitlist.ts, applied to the rows here). Every write is audited.
 */
import { and, asc, count, eq, inArray, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { enrollment, trainee, trainingSession, unit, type TrainingStatus } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { StaffCategory } from '../../domain/roles';
import { cancel, enroll } from '../../domain/training/waitlist';
import { promote, waitlistState } from './sessions';
import { findOrCreateTrainee, pageEnrollments, present, traineeForUser, type TraineeError, type TraineeInput, type Viewer } from './trainees';

export type EnrollmentStatus = 'enrolled' | 'waiting' | 'cancelled';
export type EnrollmentSource = 'self' | 'trainer' | 'import';

export type EnrollmentError =
	| TraineeError
	| 'training.not_found'
	| 'training.not_enrolling'
	| 'training.session_closed'
	| 'training.already_enrolled'
	| 'training.enrollment_not_found'
	| 'training.not_enrolled'
	| 'training.cancel_forbidden'
	| 'training.cancel_closed';

export interface EnrollOutcome {
	enrollmentId: number;
	traineeId: number;
	status: 'enrolled' | 'waiting';
	/** 1-based place on the waiting list; null with a seat. */
	waitingPlace: number | null;
	/** Trainees who were already waiting and took seats freed earlier (see waitlist.enroll). */
	promoted: number[];
}

/** Someone moved from the waiting list to a seat: who to tell. */
export interface Promoted {
	enrollmentId: number;
	traineeId: number;
	name: string;
	/** Their account, when they have one (to notify). */
	userId: number | null;
}

/** Session states in which trainers may still change the roster. */
const ROSTER_OPEN: readonly TrainingStatus[] = ['planned', 'enrolling', 'running'];
/** Session states in which learners may still withdraw themselves. */
const LEARNER_CANCEL_OPEN: readonly TrainingStatus[] = ['planned', 'enrolling'];

const isStaff = (v: Viewer) => v.roles.includes('admin') || v.roles.includes('trainer');

/**
 * Puts a trainee on a session's roster by the waiting-list rules: a seat while there is one, else the end of
 * the waiting list. A cancelled enrolment is revived (at the back of the queue). For callers that checked
 * the session's status themselves (imports run inside their own transaction).
 */
export function enrollInSession(
	tx: Tx,
	actorId: number | null,
	sessionId: number,
	traineeId: number,
	source: EnrollmentSource,
	now = Date.now()
): Result<EnrollOutcome, 'training.not_found' | 'training.already_enrolled' | 'trainee.not_found'> {
	const s = tx.select({ capacity: trainingSession.capacity }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
	if (!s) return err('training.not_found');
	if (!tx.select({ id: trainee.id }).from(trainee).where(eq(trainee.id, traineeId)).get()) return err('trainee.not_found');
	const placed = enroll(waitlistState(tx, sessionId, s.capacity), traineeId);
	if (!placed.ok) return err('training.already_enrolled');
	for (const id of placed.value.promoted) promote(tx, actorId, sessionId, id, now);
	const position = (tx.select({ n: max(enrollment.position) }).from(enrollment).where(eq(enrollment.sessionId, sessionId)).get()?.n ?? 0) + 1;
	const status = placed.value.status;
	const previous = tx
		.select({ id: enrollment.id, status: enrollment.status })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.traineeId, traineeId)))
		.get();
	const values = { status, position, source, createdAt: now };
	const row = previous
		? tx.update(enrollment).set(values).where(eq(enrollment.id, previous.id)).returning({ id: enrollment.id }).get()
		: tx
				.insert(enrollment)
				.values({ sessionId, traineeId, ...values })
				.returning({ id: enrollment.id })
				.get();
	const waitingPlace = placed.value.position ?? null;
	recordAudit(tx, {
		actorId,
		action: 'training.enroll',
		entity: 'enrollment',
		entityId: row.id,
		before: previous ? { status: previous.status } : null,
		after: { sessionId, traineeId, status, source, waitingPlace },
		at: now
	});
	return ok({ enrollmentId: row.id, traineeId, status, waitingPlace, promoted: [...placed.value.promoted] });
}

/** A learner enrols themself, only while the session is 报名中; their trainee row is made from the account if need be. */
export function selfEnroll(db: Db, userId: number, sessionId: number, now = Date.now()): Result<EnrollOutcome, EnrollmentError> {
	return db.transaction((tx) => {
		const s = tx.select({ status: trainingSession.status }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!s) return err('training.not_found');
		if (s.status !== 'enrolling') return err('training.not_enrolling');
		const t = traineeForUser(tx, userId, now);
		if (!t.ok) return t;
		return enrollInSession(tx, userId, sessionId, t.value.id, 'self', now);
	});
}

/** A trainer adds a trainee, while the session is planned, 报名中 or running; same seat rules as self-enrolment. */
export function trainerEnroll(db: Db, actorId: number, sessionId: number, traineeId: number, now = Date.now()): Result<EnrollOutcome, EnrollmentError> {
	return db.transaction((tx) => {
		const s = tx.select({ status: trainingSession.status }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!s) return err('training.not_found');
		if (!ROSTER_OPEN.includes(s.status)) return err('training.session_closed');
		return enrollInSession(tx, actorId, sessionId, traineeId, 'trainer', now);
	});
}

/**
 * Withdraws an enrolment. Learners may withdraw only their own, and only before the session runs; trainers
 * and admins any, until the session ends. A freed seat goes to the first learner waiting, who is returned
 * (with their account, to notify). The withdrawal and each promotion are audited.
 */
export function cancelEnrollment(
	db: Db,
	actor: Viewer,
	enrollmentId: number,
	opts: { reason?: string | null; /** Refuse unless the enrolment is in this session (pages of one session). */ sessionId?: number } = {},
	now = Date.now()
): Result<{ promoted: Promoted[] }, EnrollmentError> {
	return db.transaction((tx) => {
		const e = tx
			.select({ id: enrollment.id, sessionId: enrollment.sessionId, traineeId: enrollment.traineeId, status: enrollment.status, userId: trainee.userId })
			.from(enrollment)
			.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
			.where(eq(enrollment.id, enrollmentId))
			.get();
		if (!e || (opts.sessionId !== undefined && e.sessionId !== opts.sessionId)) return err('training.enrollment_not_found');
		const s = tx.select({ status: trainingSession.status, capacity: trainingSession.capacity }).from(trainingSession).where(eq(trainingSession.id, e.sessionId)).get()!;
		const staff = isStaff(actor);
		if (!staff && e.userId !== actor.id) return err('training.cancel_forbidden');
		if (e.status === 'cancelled') return err('training.not_enrolled');
		if (!(staff ? ROSTER_OPEN : LEARNER_CANCEL_OPEN).includes(s.status)) return err(staff ? 'training.session_closed' : 'training.cancel_closed');
		const change = cancel(waitlistState(tx, e.sessionId, s.capacity), e.traineeId);
		if (!change.ok) throw new Error(`cancelEnrollment: enrolment ${enrollmentId} not on the lists`);
		tx.update(enrollment).set({ status: 'cancelled' }).where(eq(enrollment.id, enrollmentId)).run();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'training.enroll_cancel',
			entity: 'enrollment',
			entityId: enrollmentId,
			before: { status: e.status },
			after: { status: 'cancelled', sessionId: e.sessionId, traineeId: e.traineeId, promoted: change.value.promoted },
			reason: opts.reason ?? null,
			at: now
		});
		for (const id of change.value.promoted) promote(tx, actor.id, e.sessionId, id, now);
		const promoted = change.value.promoted.length
			? tx
					.select({ enrollmentId: enrollment.id, traineeId: trainee.id, name: trainee.name, userId: trainee.userId })
					.from(enrollment)
					.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
					.where(and(eq(enrollment.sessionId, e.sessionId), inArray(enrollment.traineeId, [...change.value.promoted])))
					.all()
			: [];
		const order = new Map(change.value.promoted.map((id, i) => [id, i]));
		return ok({ promoted: promoted.sort((a, b) => order.get(a.traineeId)! - order.get(b.traineeId)!) });
	});
}

/**
 * Registers a person on the spot (found again by ID number, or name and phone, see findOrCreateTrainee) and
 * adds them to the roster, in one transaction; refused before anything is written when the roster is closed.
 */
export function enrollNewTrainee(db: Db, actorId: number, sessionId: number, input: TraineeInput, now = Date.now()): Result<EnrollOutcome, EnrollmentError> {
	return db.transaction((tx) => {
		const s = tx.select({ status: trainingSession.status }).from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!s) return err('training.not_found');
		if (!ROSTER_OPEN.includes(s.status)) return err('training.session_closed');
		const t = findOrCreateTrainee(tx, actorId, input, now);
		if (!t.ok) return t;
		return enrollInSession(tx, actorId, sessionId, t.value.trainee.id, 'trainer', now);
	});
}

/** Where each of `traineeIds` stands in a session (withdrawn ones included); absent when never enrolled. */
export function enrollmentStatusOf(db: Tx, sessionId: number, traineeIds: readonly number[]): Map<number, EnrollmentStatus> {
	if (traineeIds.length === 0) return new Map();
	const rows = db
		.select({ traineeId: enrollment.traineeId, status: enrollment.status })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, sessionId), inArray(enrollment.traineeId, [...traineeIds])))
		.all();
	return new Map(rows.map((r) => [r.traineeId, r.status]));
}

/** The 1-based waiting-list place of every waiting trainee of a session. */
function waitingPlaces(db: Tx, sessionId: number): Map<number, number> {
	const rows = db
		.select({ traineeId: enrollment.traineeId })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'waiting')))
		.orderBy(asc(enrollment.position), asc(enrollment.id))
		.all();
	return new Map(rows.map((r, i) => [r.traineeId, i + 1]));
}

/** Which rows a roster shows: 'active' (default) is enrolled and waiting together. */
export const ROSTER_STATUSES = ['active', 'enrolled', 'waiting', 'cancelled', 'all'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

export interface RosterFilter {
	status?: RosterStatus | null;
	query?: string;
	page?: number;
	pageSize?: number;
}

export interface RosterRow {
	enrollmentId: number;
	traineeId: number;
	name: string;
	/** Masked unless the viewer is an admin. */
	idNumber: string | null;
	/** Masked unless the viewer is staff. */
	phone: string | null;
	enterpriseName: string | null;
	category: StaffCategory;
	position: string;
	status: EnrollmentStatus;
	source: EnrollmentSource;
	/** 1-based place on the waiting list; null unless waiting. */
	waitingPlace: number | null;
	createdAt: number;
}

/**
 * A page of a session's roster for the roster table, seats first (in enrolment order), then the waiting list
 * in order, then withdrawals; searchable like trainees (name, phone, enterprise, pinyin). ID numbers and
 * phones are shown as `viewer` may see them.
 */
export function listRoster(db: Db, sessionId: number, f: RosterFilter, viewer: Viewer): { total: number; page: number; pageSize: number; rows: RosterRow[] } {
	const pageSize = f.pageSize ?? 20;
	const page = Math.max(1, f.page ?? 1);
	const status = f.status ?? 'active';
	const conds: SQL[] = [eq(enrollment.sessionId, sessionId)];
	if (status === 'active') conds.push(inArray(enrollment.status, ['enrolled', 'waiting']));
	else if (status !== 'all') conds.push(eq(enrollment.status, status));
	const order = [sql`case ${enrollment.status} when 'enrolled' then 0 when 'waiting' then 1 else 2 end`, asc(enrollment.position), asc(enrollment.id)];
	const { total, ids: pageIds } = pageEnrollments(db, conds, f.query ?? '', order, page, pageSize);
	const ids = pageIds.map((r) => r.enrollmentId);
	if (ids.length === 0) return { total, page, pageSize, rows: [] };
	const full = db
		.select({
			enrollmentId: enrollment.id,
			traineeId: trainee.id,
			name: trainee.name,
			idNumber: trainee.idNumber,
			phone: trainee.phone,
			enterpriseName: unit.name,
			category: trainee.category,
			position: trainee.position,
			status: enrollment.status,
			source: enrollment.source,
			createdAt: enrollment.createdAt
		})
		.from(enrollment)
		.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
		.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
		.where(inArray(enrollment.id, ids))
		.all();
	const byId = new Map(full.map((r) => [r.enrollmentId, r]));
	const places = waitingPlaces(db, sessionId);
	const rows = ids.map((id) => {
		const { idMasked: _masked, ...r } = present(byId.get(id)!, viewer);
		return { ...r, waitingPlace: r.status === 'waiting' ? (places.get(r.traineeId) ?? null) : null };
	});
	return { total, page, pageSize, rows };
}

/**
 * A learner's enrolments (withdrawn ones included), newest session first, with the waiting-list place.
 * Empty when the account has no trainee row yet.
 */
export function myEnrollments(db: Db, userId: number) {
	const rows = db
		.select({
			enrollmentId: enrollment.id,
			sessionId: trainingSession.id,
			title: trainingSession.title,
			startDate: trainingSession.startDate,
			endDate: trainingSession.endDate,
			venue: trainingSession.venue,
			sessionStatus: trainingSession.status,
			status: enrollment.status,
			position: enrollment.position
		})
		.from(enrollment)
		.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
		.innerJoin(trainingSession, eq(trainingSession.id, enrollment.sessionId))
		.where(eq(trainee.userId, userId))
		.orderBy(sql`${trainingSession.startDate} desc`, asc(trainingSession.id))
		.all();
	return rows.map(({ position, ...r }) => ({
		...r,
		waitingPlace:
			r.status === 'waiting'
				? (db
						.select({ n: count() })
						.from(enrollment)
						.where(and(eq(enrollment.sessionId, r.sessionId), eq(enrollment.status, 'waiting'), lt(enrollment.position, position)))
						.get()?.n ?? 0) + 1
				: null,
		canCancel: r.status !== 'cancelled' && LEARNER_CANCEL_OPEN.includes(r.sessionStatus)
	}));
}
