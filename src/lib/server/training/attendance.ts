/**
 * Attendance (签到) and exam results of training sessions: the rotating QR code the projector shows per
 * slot, learners checking themselves in by scanning it, the roll taken by hand and its corrections, the
 * hours credited (Σ hours of the slots attended) and the exam scores entered by hand until quizzes land.
 * Hand marks, corrections and exam results are audited in the transaction that makes them.
 */
import { and, asc, count, eq, inArray, isNull, TransactionRollbackError, type SQL } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db } from '../db';
import { attendance, enrollment, examResult, sessionSlot, trainee, trainingCertificate, trainingSession, unit, type TrainingStatus } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { StaffCategory } from '../../domain/roles';
import { CHECKIN_PERIOD_MS, checkinCode, checkinUrlPath, verifyCheckinCode } from '../../domain/training/checkin-code';
import { maskIdNumber } from '../../domain/training/id-number';
import type { TrainingHoursRecord } from '../../domain/training/hours';
import { pageEnrollments, traineeForUser } from './trainees';

/** China Standard Time is UTC+8 all year (no DST since 1991): "today" and slot times are in it. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Check-in opens this long before a slot starts (people arrive early) and closes when the slot ends. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

/** `yyyy-mm-dd` of an instant in China time. */
export const chinaDate = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The instant of a China-time wall clock `date` `hh:mm`. */
export function chinaInstant(date: string, time: string): number {
	const [y, m, d] = date.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	return Date.UTC(y, m - 1, d, hh, mm) - CHINA_OFFSET_MS;
}

/** Hours are summed in hundredths so that 0.1 + 0.2 学时 is 0.3. */
const toCents = (h: number) => Math.round(h * 100);

type Slot = typeof sessionSlot.$inferSelect;

/** When scanning a slot's code is accepted: from 30 min before its start to its end. */
export function checkinWindow(slot: Pick<Slot, 'date' | 'startTime' | 'endTime'>): { opensAt: number; closesAt: number } {
	return { opensAt: chinaInstant(slot.date, slot.startTime) - CHECKIN_OPENS_BEFORE_MS, closesAt: chinaInstant(slot.date, slot.endTime) };
}

/**
 * The slot a projector should show by default: the one whose check-in window is open now, else the next
 * one today, else null (nothing left today). Slots in time order.
 */
export function defaultSlot<S extends Pick<Slot, 'id' | 'date' | 'startTime' | 'endTime'>>(slots: readonly S[], now: number): S | null {
	const today = chinaDate(now);
	const todays = slots.filter((s) => s.date === today);
	return todays.find((s) => checkinWindow(s).opensAt <= now && now <= checkinWindow(s).closesAt) ?? todays.find((s) => checkinWindow(s).opensAt > now) ?? null;
}

export interface CurrentCheckin {
	code: string;
	/** Path of the check-in page (`/checkin/12/ABCDEFGH`); the route prefixes the request's origin. */
	url: string;
	/** When this code stops being the current one (the next window starts). */
	expiresAt: number;
	periodMs: number;
}

/** The code the projector shows for a slot of a session now; null when the slot is not the session's. */
export function currentCheckin(db: Db, sessionId: number, slotId: number, now: number): CurrentCheckin | null {
	const row = db
		.select({ secret: trainingSession.checkinSecret })
		.from(sessionSlot)
		.innerJoin(trainingSession, eq(trainingSession.id, sessionSlot.sessionId))
		.where(and(eq(sessionSlot.id, slotId), eq(sessionSlot.sessionId, sessionId)))
		.get();
	if (!row) return null;
	const code = checkinCode(row.secret, slotId, now);
	return { code, url: checkinUrlPath(slotId, code), expiresAt: (Math.floor(now / CHECKIN_PERIOD_MS) + 1) * CHECKIN_PERIOD_MS, periodMs: CHECKIN_PERIOD_MS };
}

/** How many learners are checked in to a slot (by QR or by hand). */
export function slotCheckinCount(db: Db, slotId: number): number {
	return db.select({ n: count() }).from(attendance).where(eq(attendance.slotId, slotId)).get()?.n ?? 0;
}

/** A slot with its session's title and status, for the check-in pages. */
export function slotWithSession(db: Db, slotId: number) {
	return (
		db
			.select({
				id: sessionSlot.id,
				sessionId: sessionSlot.sessionId,
				date: sessionSlot.date,
				startTime: sessionSlot.startTime,
				endTime: sessionSlot.endTime,
				hours: sessionSlot.hours,
				sessionTitle: trainingSession.title,
				sessionStatus: trainingSession.status,
				venue: trainingSession.venue,
				secret: trainingSession.checkinSecret
			})
			.from(sessionSlot)
			.innerJoin(trainingSession, eq(trainingSession.id, sessionSlot.sessionId))
			.where(eq(sessionSlot.id, slotId))
			.get() ?? null
	);
}

/** What the projector shows: the QR code (SVG) of the absolute check-in URL, the code as text and the live count. */
export interface ProjectorState {
	slotId: number;
	code: string;
	/** Absolute check-in URL, on the origin the trainer's browser used (a LAN address the phones can reach). */
	url: string;
	svg: string;
	expiresAt: number;
	periodMs: number;
	checkedIn: number;
	serverNow: number;
}

/** The projector's state for a slot of a session; null when the slot is not the session's. */
export async function projectorState(db: Db, sessionId: number, slotId: number, origin: string, now: number): Promise<ProjectorState | null> {
	const current = currentCheckin(db, sessionId, slotId, now);
	if (!current) return null;
	const url = origin + current.url;
	const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	const { code, expiresAt, periodMs } = current;
	return { slotId, code, url, svg, expiresAt, periodMs, checkedIn: slotCheckinCount(db, slotId), serverNow: now };
}

export type CheckinError =
	| 'checkin.slot_not_found'
	| 'checkin.no_trainee'
	| 'checkin.not_enrolled'
	| 'checkin.not_running'
	| 'checkin.wrong_day'
	| 'checkin.too_early'
	| 'checkin.closed'
	| 'checkin.expired'
	| 'checkin.invalid';

export interface CheckinOutcome {
	sessionId: number;
	sessionTitle: string;
	slot: { id: number; date: string; startTime: string; endTime: string; hours: number };
	checkedInAt: number;
	/** True when this learner was already checked in: nothing was written. */
	already: boolean;
}

/**
 * A learner checks in to a slot with the code scanned from the projector. The account's trainee row is
 * found or made (an imported row with the same name and phone is linked, see traineeForUser); the trainee
 * must hold a seat in the slot's session, the session must be 进行中, the slot must be today (China time)
 * and its check-in window open. A learner already checked in is told so, whatever the code (nothing is
 * written twice). Otherwise the code decides: 'expired' (an old photo, a slow login) asks to rescan.
 */
export function checkIn(db: Db, userId: number, slotId: number, code: string, now: number): Result<CheckinOutcome, CheckinError> {
	let refused: Result<CheckinOutcome, CheckinError> | null = null;
	try {
		return db.transaction((tx) => {
			const r = checkInWithin(tx, userId, slotId, code, now);
			// A refused check-in leaves nothing behind: not the trainee row traineeForUser made or linked on the way.
			if (!r.ok) {
				refused = r;
				tx.rollback();
			}
			return r;
		});
	} catch (e) {
		if (refused && e instanceof TransactionRollbackError) return refused;
		throw e;
	}
}

function checkInWithin(tx: Tx, userId: number, slotId: number, code: string, now: number): Result<CheckinOutcome, CheckinError> {
	const slot = tx
		.select({ slot: sessionSlot, title: trainingSession.title, status: trainingSession.status, secret: trainingSession.checkinSecret })
		.from(sessionSlot)
		.innerJoin(trainingSession, eq(trainingSession.id, sessionSlot.sessionId))
		.where(eq(sessionSlot.id, slotId))
		.get();
	if (!slot) return err('checkin.slot_not_found');
	const s = slot.slot;
	const outcome = (checkedInAt: number, already: boolean): CheckinOutcome => ({
		sessionId: s.sessionId,
		sessionTitle: slot.title,
		slot: { id: s.id, date: s.date, startTime: s.startTime, endTime: s.endTime, hours: s.hours },
		checkedInAt,
		already
	});
	const me = traineeForUser(tx, userId, now);
	if (!me.ok) return err('checkin.no_trainee');
	const traineeId = me.value.id;
	const seat = tx
		.select({ status: enrollment.status })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, s.sessionId), eq(enrollment.traineeId, traineeId)))
		.get();
	if (seat?.status !== 'enrolled') return err('checkin.not_enrolled');
	const existing = tx
		.select({ at: attendance.checkedInAt })
		.from(attendance)
		.where(and(eq(attendance.slotId, slotId), eq(attendance.traineeId, traineeId)))
		.get();
	if (existing) return ok(outcome(existing.at, true));
	if (slot.status !== 'running') return err('checkin.not_running');
	if (s.date !== chinaDate(now)) return err('checkin.wrong_day', { date: s.date });
	const { opensAt, closesAt } = checkinWindow(s);
	if (now < opensAt) return err('checkin.too_early', { time: s.startTime });
	if (now > closesAt) return err('checkin.closed', { time: s.endTime });
	const verdict = verifyCheckinCode(slot.secret, slotId, code, now);
	if (verdict === 'expired') return err('checkin.expired');
	if (verdict !== 'ok') return err('checkin.invalid');
	tx.insert(attendance).values({ slotId, traineeId, method: 'qr', checkedInAt: now, recordedBy: userId }).run();
	return ok(outcome(now, false));
}

/**
 * Read-only look at a scanned link for the page shown before the learner confirms (a GET never writes):
 * the slot and session, whether this account is already checked in, and what the code says now.
 */
export function checkinPreview(db: Db, userId: number, slotId: number, code: string, now: number) {
	const slot = slotWithSession(db, slotId);
	if (!slot) return null;
	const me = db.select({ id: trainee.id }).from(trainee).where(eq(trainee.userId, userId)).get();
	const existing = me
		? db
				.select({ at: attendance.checkedInAt })
				.from(attendance)
				.where(and(eq(attendance.slotId, slotId), eq(attendance.traineeId, me.id)))
				.get()
		: undefined;
	const { secret, ...rest } = slot;
	return { slot: rest, checkedInAt: existing?.at ?? null, verdict: verifyCheckinCode(secret, slotId, code, now) };
}

export type MarkError =
	| 'attendance.slot_not_found'
	| 'attendance.trainee_not_found'
	| 'attendance.session_not_open'
	| 'attendance.not_enrolled'
	| 'attendance.slot_not_started'
	| 'attendance.reason_required';

/** Session states in which the roll may be taken or corrected. */
const ROLL_OPEN: readonly TrainingStatus[] = ['running', 'ended'];

export const MAX_REASON_LENGTH = 200;

/**
 * The roll taken by hand and its corrections. Marking present where nothing is recorded is taking the
 * roll; removing an existing record (a QR check-in or an earlier hand mark) is a correction and needs a
 * reason. Both are audited with the state before and after. Setting what is already recorded changes
 * nothing and records nothing. A slot can be marked present from the time its check-in opens, and only for
 * trainees holding a seat; removals are always possible (someone who left the roster keeps no stray hours).
 */
export function markAttendance(
	db: Tx,
	actorId: number,
	slotId: number,
	traineeId: number,
	present: boolean,
	reason?: string | null,
	now = Date.now()
): Result<{ changed: boolean }, MarkError> {
	const why = reason?.trim() ? reason.trim().slice(0, MAX_REASON_LENGTH) : null;
	return db.transaction((tx) => {
		const slot = tx
			.select({ slot: sessionSlot, status: trainingSession.status })
			.from(sessionSlot)
			.innerJoin(trainingSession, eq(trainingSession.id, sessionSlot.sessionId))
			.where(eq(sessionSlot.id, slotId))
			.get();
		if (!slot) return err('attendance.slot_not_found');
		if (!tx.select({ id: trainee.id }).from(trainee).where(eq(trainee.id, traineeId)).get()) return err('attendance.trainee_not_found');
		if (!ROLL_OPEN.includes(slot.status)) return err('attendance.session_not_open');
		const existing = tx
			.select()
			.from(attendance)
			.where(and(eq(attendance.slotId, slotId), eq(attendance.traineeId, traineeId)))
			.get();
		const entityId = `${slotId}:${traineeId}`;
		if (present) {
			if (existing) return ok({ changed: false });
			const seat = tx
				.select({ status: enrollment.status })
				.from(enrollment)
				.where(and(eq(enrollment.sessionId, slot.slot.sessionId), eq(enrollment.traineeId, traineeId)))
				.get();
			if (seat?.status !== 'enrolled') return err('attendance.not_enrolled');
			if (now < checkinWindow(slot.slot).opensAt) return err('attendance.slot_not_started');
			tx.insert(attendance).values({ slotId, traineeId, method: 'manual', checkedInAt: now, recordedBy: actorId }).run();
			recordAudit(tx, {
				actorId,
				action: 'training.attendance_mark',
				entity: 'attendance',
				entityId,
				before: { present: false },
				after: { present: true, method: 'manual', sessionId: slot.slot.sessionId, slotId, traineeId },
				reason: why,
				at: now
			});
			return ok({ changed: true });
		}
		if (!existing) return ok({ changed: false });
		if (!why) return err('attendance.reason_required');
		tx.delete(attendance)
			.where(and(eq(attendance.slotId, slotId), eq(attendance.traineeId, traineeId)))
			.run();
		recordAudit(tx, {
			actorId,
			action: 'training.attendance_correct',
			entity: 'attendance',
			entityId,
			before: { present: true, method: existing.method, checkedInAt: existing.checkedInAt, recordedBy: existing.recordedBy },
			after: { present: false, sessionId: slot.slot.sessionId, slotId, traineeId },
			reason: why,
			at: now
		});
		return ok({ changed: true });
	});
}

export interface RollMark {
	slotId: number;
	traineeId: number;
	present: boolean;
}

/** Thrown inside a transaction to roll it back and carry the refusal out. */
class Refused extends Error {
	constructor(readonly error: { code: string; params?: Record<string, string | number> }) {
		super(error.code);
	}
}

/**
 * A page of the roll saved at once, all or nothing: each mark as markAttendance, with one reason for the
 * corrections among them. The refusal names the trainee (`name`) it concerns. Marks of slots of other
 * sessions are refused.
 */
export function applyRoll(
	db: Db,
	actorId: number,
	sessionId: number,
	marks: readonly RollMark[],
	reason: string | null,
	now = Date.now()
): Result<{ added: number; removed: number }, MarkError> {
	const slotIds = new Set(
		db
			.select({ id: sessionSlot.id })
			.from(sessionSlot)
			.where(eq(sessionSlot.sessionId, sessionId))
			.all()
			.map((s) => s.id)
	);
	try {
		return db.transaction((tx) => {
			let added = 0;
			let removed = 0;
			for (const m of marks) {
				if (!slotIds.has(m.slotId)) throw new Refused({ code: 'attendance.slot_not_found' });
				const r = markAttendance(tx, actorId, m.slotId, m.traineeId, m.present, reason, now);
				if (!r.ok) {
					const name = tx.select({ name: trainee.name }).from(trainee).where(eq(trainee.id, m.traineeId)).get()?.name ?? '';
					throw new Refused({ code: r.error.code, params: { ...r.error.params, name } });
				}
				if (r.value.changed && m.present) added++;
				else if (r.value.changed) removed++;
			}
			return ok({ added, removed });
		});
	} catch (e) {
		if (e instanceof Refused) return { ok: false, error: e.error as { code: MarkError; params?: Record<string, string | number> } };
		throw e;
	}
}

/** Every slot a trainee attended, with its date and hours, oldest first. */
function attendedSlots(db: Tx, traineeId: number) {
	return db
		.select({ sessionId: sessionSlot.sessionId, date: sessionSlot.date, hours: sessionSlot.hours })
		.from(attendance)
		.innerJoin(sessionSlot, eq(sessionSlot.id, attendance.slotId))
		.where(eq(attendance.traineeId, traineeId))
		.orderBy(asc(sessionSlot.date), asc(sessionSlot.startTime))
		.all();
}

/** 学时 credited to a trainee from sessions: Σ hours of the slots attended, over all sessions. */
export function hoursOf(db: Tx, traineeId: number): number {
	return attendedSlots(db, traineeId).reduce((n, s) => n + toCents(s.hours), 0) / 100;
}

/** The same hours per day, in the form the compliance rules (domain/training/hours.ts) read. */
export function hoursRecordsOf(db: Tx, traineeId: number): TrainingHoursRecord[] {
	const byDate = new Map<string, number>();
	for (const s of attendedSlots(db, traineeId)) byDate.set(s.date, (byDate.get(s.date) ?? 0) + toCents(s.hours));
	return [...byDate].map(([date, cents]) => ({ date, hours: cents / 100 }));
}

/** Hours each trainee attended in one session, in hundredths. */
export function sessionHoursCents(db: Tx, sessionId: number, traineeIds?: readonly number[]): Map<number, number> {
	const conds: SQL[] = [eq(sessionSlot.sessionId, sessionId)];
	if (traineeIds) {
		if (traineeIds.length === 0) return new Map();
		conds.push(inArray(attendance.traineeId, [...traineeIds]));
	}
	const rows = db
		.select({ traineeId: attendance.traineeId, hours: sessionSlot.hours })
		.from(attendance)
		.innerJoin(sessionSlot, eq(sessionSlot.id, attendance.slotId))
		.where(and(...conds))
		.all();
	const out = new Map<number, number>();
	for (const r of rows) out.set(r.traineeId, (out.get(r.traineeId) ?? 0) + toCents(r.hours));
	return out;
}

export interface SheetFilter {
	query?: string;
	page?: number;
	pageSize?: number;
}

export interface SheetRow {
	traineeId: number;
	name: string;
	/** Always masked: the grid only needs it to tell two 张伟 apart. */
	idNumber: string | null;
	enterpriseName: string | null;
	category: StaffCategory;
	/** One entry per slot, in the order of `slots`: how the learner was recorded present, or null. */
	marks: ({ method: 'qr' | 'manual'; at: number } | null)[];
	/** Hours credited in this session = Σ hours of the slots attended. */
	hours: number;
	exam: { score: number; passed: boolean; source: 'manual' | 'quiz' } | null;
	certificate: { number: string; revoked: boolean } | null;
}

/**
 * A session's attendance grid: the enrolled trainees (enrolment order, searchable like the roster, a page
 * at a time) × the slots, with the hours credited, the exam result (passed judged against the session's
 * current pass mark) and the certificate if one was issued. Null when there is no such session.
 */
export function attendanceSheet(db: Db, sessionId: number, f: SheetFilter = {}) {
	const session = db
		.select({
			id: trainingSession.id,
			title: trainingSession.title,
			status: trainingSession.status,
			passMark: trainingSession.passMark,
			startDate: trainingSession.startDate,
			endDate: trainingSession.endDate
		})
		.from(trainingSession)
		.where(eq(trainingSession.id, sessionId))
		.get();
	if (!session) return null;
	const slots = db
		.select({ id: sessionSlot.id, date: sessionSlot.date, startTime: sessionSlot.startTime, endTime: sessionSlot.endTime, hours: sessionSlot.hours })
		.from(sessionSlot)
		.where(eq(sessionSlot.sessionId, sessionId))
		.orderBy(asc(sessionSlot.date), asc(sessionSlot.startTime), asc(sessionSlot.id))
		.all();
	const plannedHours = slots.reduce((n, s) => n + toCents(s.hours), 0) / 100;
	const pageSize = f.pageSize ?? 50;
	const page = Math.max(1, f.page ?? 1);
	const { total, ids: pageIds } = pageEnrollments(db, [eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'enrolled')], f.query ?? '', [asc(enrollment.position), asc(enrollment.id)], page, pageSize);
	const ids = pageIds.map((r) => r.traineeId);
	const enrolledCount = db
		.select({ n: count() })
		.from(enrollment)
		.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'enrolled')))
		.get()!.n;
	const slotIds = slots.map((s) => s.id);
	// Check-ins per slot over the whole roster, not only this page.
	const perSlot = new Map(
		slotIds.length
			? db
					.select({ slotId: attendance.slotId, n: count() })
					.from(attendance)
					.innerJoin(enrollment, and(eq(enrollment.traineeId, attendance.traineeId), eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'enrolled')))
					.where(inArray(attendance.slotId, slotIds))
					.groupBy(attendance.slotId)
					.all()
					.map((r) => [r.slotId, r.n])
			: []
	);
	const base = { session, slots, plannedHours, enrolledCount, slotCounts: slots.map((s) => perSlot.get(s.id) ?? 0), total, page, pageSize };
	if (ids.length === 0) return { ...base, rows: [] as SheetRow[] };
	const people = new Map(
		db
			.select({ id: trainee.id, name: trainee.name, idNumber: trainee.idNumber, enterpriseName: unit.name, category: trainee.category })
			.from(trainee)
			.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
			.where(inArray(trainee.id, ids))
			.all()
			.map((r) => [r.id, r])
	);
	const marks = new Map<string, { method: 'qr' | 'manual'; at: number }>();
	if (slotIds.length) {
		for (const a of db
			.select()
			.from(attendance)
			.where(and(inArray(attendance.slotId, slotIds), inArray(attendance.traineeId, ids)))
			.all())
			marks.set(`${a.slotId}:${a.traineeId}`, { method: a.method, at: a.checkedInAt });
	}
	const exams = new Map(
		db
			.select()
			.from(examResult)
			.where(and(eq(examResult.sessionId, sessionId), inArray(examResult.traineeId, ids)))
			.all()
			.map((e) => [e.traineeId, e])
	);
	const certs = new Map(
		db
			.select({ traineeId: trainingCertificate.traineeId, number: trainingCertificate.number, revokedAt: trainingCertificate.revokedAt })
			.from(trainingCertificate)
			.where(and(eq(trainingCertificate.sessionId, sessionId), inArray(trainingCertificate.traineeId, ids)))
			.all()
			.map((c) => [c.traineeId, c])
	);
	const rows: SheetRow[] = ids.map((id) => {
		const p = people.get(id)!;
		const row = slots.map((s) => marks.get(`${s.id}:${id}`) ?? null);
		const cents = slots.reduce((n, s, i) => n + (row[i] ? toCents(s.hours) : 0), 0);
		const e = exams.get(id);
		const c = certs.get(id);
		return {
			traineeId: id,
			name: p.name,
			idNumber: p.idNumber === null ? null : maskIdNumber(p.idNumber),
			enterpriseName: p.enterpriseName,
			category: p.category,
			marks: row,
			hours: cents / 100,
			exam: e ? { score: e.score, passed: e.score >= session.passMark, source: e.source } : null,
			certificate: c ? { number: c.number, revoked: c.revokedAt !== null } : null
		};
	});
	return { ...base, rows };
}

/** Name and current exam score of some trainees enrolled in a session (others are left out), for the grid's save. */
export function enrolledScores(db: Db, sessionId: number, traineeIds: readonly number[]): Map<number, { name: string; score: number | null }> {
	if (traineeIds.length === 0) return new Map();
	const rows = db
		.select({ traineeId: trainee.id, name: trainee.name, score: examResult.score })
		.from(enrollment)
		.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
		.leftJoin(examResult, and(eq(examResult.sessionId, enrollment.sessionId), eq(examResult.traineeId, enrollment.traineeId)))
		.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'enrolled'), inArray(enrollment.traineeId, [...traineeIds])))
		.all();
	return new Map(rows.map((r) => [r.traineeId, { name: r.name, score: r.score }]));
}

export type ExamError = 'exam.session_not_found' | 'exam.session_not_open' | 'exam.not_enrolled' | 'exam.bad_score' | 'exam.certificate_issued';

/** A score 0–100 with at most one decimal (86.5). */
export function isValidScore(score: number): boolean {
	return Number.isFinite(score) && score >= 0 && score <= 100 && Math.abs(score * 10 - Math.round(score * 10)) < 1e-9;
}

/**
 * A session's exam result for one trainee, entered by hand: passed = score ≥ the session's pass mark.
 * Replaces an earlier result (audited with before and after); refused while the trainee holds a
 * certificate of this session that is not revoked, since the certificate rests on the old result.
 */
export function setExamResult(
	db: Tx,
	actorId: number,
	sessionId: number,
	traineeId: number,
	score: number,
	now = Date.now()
): Result<{ passed: boolean; changed: boolean }, ExamError> {
	if (!isValidScore(score)) return err('exam.bad_score');
	return db.transaction((tx) => {
		const s = tx
			.select({ status: trainingSession.status, passMark: trainingSession.passMark })
			.from(trainingSession)
			.where(eq(trainingSession.id, sessionId))
			.get();
		if (!s) return err('exam.session_not_found');
		if (!ROLL_OPEN.includes(s.status)) return err('exam.session_not_open');
		const seat = tx
			.select({ status: enrollment.status })
			.from(enrollment)
			.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.traineeId, traineeId)))
			.get();
		if (seat?.status !== 'enrolled') return err('exam.not_enrolled');
		const passed = score >= s.passMark;
		const before = tx
			.select()
			.from(examResult)
			.where(and(eq(examResult.sessionId, sessionId), eq(examResult.traineeId, traineeId)))
			.get();
		if (before && before.score === score && before.passed === passed) return ok({ passed, changed: false });
		const cert = tx
			.select({ id: trainingCertificate.id })
			.from(trainingCertificate)
			.where(and(eq(trainingCertificate.sessionId, sessionId), eq(trainingCertificate.traineeId, traineeId), isNull(trainingCertificate.revokedAt)))
			.get();
		if (cert) return err('exam.certificate_issued');
		const values = { score, passed, source: 'manual' as const, enteredBy: actorId, enteredAt: now };
		tx.insert(examResult)
			.values({ sessionId, traineeId, ...values })
			.onConflictDoUpdate({ target: [examResult.sessionId, examResult.traineeId], set: values })
			.run();
		recordAudit(tx, {
			actorId,
			action: 'training.exam_result',
			entity: 'exam_result',
			entityId: `${sessionId}:${traineeId}`,
			before: before ? { score: before.score, passed: before.passed, source: before.source } : null,
			after: { score, passed, source: 'manual', passMark: s.passMark },
			at: now
		});
		return ok({ passed, changed: true });
	});
}
