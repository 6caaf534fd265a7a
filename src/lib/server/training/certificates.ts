/**
 * 培训合格证明: issued to the learners of a session who attended enough and passed its exam, numbered
 * PX2026-012-0345-K (domain/training/certificate-number.ts), revocable with a reason, and verifiable by
 * anyone on a public page that shows no more of the person than a masked name.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { enrollment, examResult, sessionSlot, trainee, trainingCertificate, trainingSession, unit, type TrainingStatus } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { certificateNumber, parseCertificateNumber } from '../../domain/training/certificate-number';
import { maskIdNumber } from '../../domain/training/id-number';
import { chinaDate, sessionHoursCents } from './attendance';

/**
 * Share of a session's planned hours (Σ slot hours) a learner must have attended to get a certificate.
 * This is the bureau's own rule for "attended enough", not a figure of 《生产经营单位安全培训规定》, which
 * sets minimum hours per year and category (domain/training/hours.ts), not a share of one session.
 */
export const MIN_ATTENDANCE_SHARE = 0.8;

/**
 * How long a 培训合格证明 is valid, counted from the issue date. The bureau's choice: 《生产经营单位安全培训规定》
 * fixes no validity for it (it requires yearly 再培训 instead), so change this when the bureau decides otherwise.
 */
export const CERTIFICATE_VALIDITY_YEARS = 3;

/** Session states in which certificates may be issued: the training has taken place, at least in part. */
const ISSUE_OPEN: readonly TrainingStatus[] = ['running', 'ended'];

/** Hours in hundredths a learner needs in a session of `plannedCents`: MIN_ATTENDANCE_SHARE of it, to the hundredth. */
export const requiredCents = (plannedCents: number) => Math.round(plannedCents * MIN_ATTENDANCE_SHARE);

/** `yyyy-mm-dd` + whole years; 29 Feb becomes 28 Feb in a year that has none. */
export function addYears(date: string, years: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const year = y + years;
	const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
	return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * 张伟 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜: the first and (from three characters) last character kept.
 * Enough for the holder of the paper to recognise the name, too little to learn someone's name from a number.
 */
export function maskName(name: string): string {
	const chars = Array.from(name.trim());
	if (chars.length <= 1) return '*';
	if (chars.length === 2) return `${chars[0]}*`;
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export type IssueError = 'certificate.session_not_found' | 'certificate.session_not_open' | 'certificate.no_slots';

export interface IssueOutcome {
	issued: { traineeId: number; name: string; number: string }[];
	/** Enrolled learners left out, by reason; those already holding one (revoked included) are not issued again. */
	alreadyIssued: number;
	shortOfHours: number;
	notPassed: number;
}

/**
 * Issues certificates to every enrolled learner of a session (enrolment order) who attended at least
 * MIN_ATTENDANCE_SHARE of its planned hours and has a passing exam result (score ≥ the session's current
 * pass mark); there is no certificate without an exam result. Idempotent: a learner holding a certificate
 * of this session (even a revoked one) is skipped, so re-running issues only the missing ones. Numbers
 * continue after the highest learner number the session has used; valid until the issue date (China time)
 * + CERTIFICATE_VALIDITY_YEARS. One audit entry per run that issued anything.
 */
export function issueCertificates(db: Db, actorId: number, sessionId: number, now = Date.now()): Result<IssueOutcome, IssueError> {
	return db.transaction((tx) => {
		const s = tx.select().from(trainingSession).where(eq(trainingSession.id, sessionId)).get();
		if (!s) return err('certificate.session_not_found');
		if (!ISSUE_OPEN.includes(s.status)) return err('certificate.session_not_open');
		const slots = tx.select({ hours: sessionSlot.hours }).from(sessionSlot).where(eq(sessionSlot.sessionId, sessionId)).all();
		const plannedCents = slots.reduce((n, x) => n + Math.round(x.hours * 100), 0);
		if (plannedCents === 0) return err('certificate.no_slots');
		const needed = requiredCents(plannedCents);
		const enrolled = tx
			.select({ traineeId: enrollment.traineeId, name: trainee.name })
			.from(enrollment)
			.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
			.where(and(eq(enrollment.sessionId, sessionId), eq(enrollment.status, 'enrolled')))
			.orderBy(asc(enrollment.position), asc(enrollment.id))
			.all();
		const existing = tx
			.select({ traineeId: trainingCertificate.traineeId, number: trainingCertificate.number })
			.from(trainingCertificate)
			.where(eq(trainingCertificate.sessionId, sessionId))
			.all();
		const holders = new Set(existing.map((c) => c.traineeId));
		let seq = existing.reduce((n, c) => {
			const parsed = parseCertificateNumber(c.number);
			return parsed.ok ? Math.max(n, parsed.value.learnerSeq) : n;
		}, 0);
		const hours = sessionHoursCents(tx, sessionId);
		const scores = new Map(
			tx
				.select({ traineeId: examResult.traineeId, score: examResult.score })
				.from(examResult)
				.where(eq(examResult.sessionId, sessionId))
				.all()
				.map((e) => [e.traineeId, e.score])
		);
		const issueDate = chinaDate(now);
		const validUntil = addYears(issueDate, CERTIFICATE_VALIDITY_YEARS);
		const out: IssueOutcome = { issued: [], alreadyIssued: 0, shortOfHours: 0, notPassed: 0 };
		for (const e of enrolled) {
			if (holders.has(e.traineeId)) {
				out.alreadyIssued++;
				continue;
			}
			const attended = hours.get(e.traineeId) ?? 0;
			if (attended < needed) {
				out.shortOfHours++;
				continue;
			}
			const score = scores.get(e.traineeId);
			if (score === undefined || score < s.passMark) {
				out.notPassed++;
				continue;
			}
			const number = certificateNumber(s.year, s.yearSeq, ++seq);
			tx.insert(trainingCertificate).values({ number, sessionId, traineeId: e.traineeId, hours: attended / 100, issuedAt: now, validUntil }).run();
			out.issued.push({ traineeId: e.traineeId, name: e.name, number });
		}
		if (out.issued.length) {
			recordAudit(tx, {
				actorId,
				action: 'training.certificate_issue',
				entity: 'training_session',
				entityId: sessionId,
				after: { count: out.issued.length, validUntil, numbers: out.issued.map((c) => c.number) },
				at: now
			});
		}
		return ok(out);
	});
}

export type RevokeError = 'certificate.not_found' | 'certificate.already_revoked' | 'certificate.reason_required';

/** Revokes a certificate (the number as typed is normalised); the reason is required and audited. */
export function revokeCertificate(db: Db, actorId: number, number: string, reason: string, now = Date.now()): Result<{ number: string }, RevokeError> {
	const why = reason.trim().slice(0, 200);
	if (!why) return err('certificate.reason_required');
	const parsed = parseCertificateNumber(number);
	if (!parsed.ok) return err('certificate.not_found');
	const canonical = parsed.value.number;
	return db.transaction((tx) => {
		const c = tx.select().from(trainingCertificate).where(eq(trainingCertificate.number, canonical)).get();
		if (!c) return err('certificate.not_found');
		if (c.revokedAt !== null) return err('certificate.already_revoked');
		tx.update(trainingCertificate).set({ revokedAt: now, revokedReason: why }).where(eq(trainingCertificate.id, c.id)).run();
		recordAudit(tx, {
			actorId,
			action: 'training.certificate_revoke',
			entity: 'training_certificate',
			entityId: c.id,
			before: { number: c.number, revokedAt: null },
			after: { number: c.number, revokedAt: now, sessionId: c.sessionId, traineeId: c.traineeId },
			reason: why,
			at: now
		});
		return ok({ number: canonical });
	});
}

export type VerifyStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

export type Verification =
	| { status: 'unknown'; number: string }
	| {
			status: 'valid' | 'expired' | 'revoked';
			number: string;
			/** Masked: 张*伟. Nothing else about the person is given out. */
			name: string;
			sessionTitle: string;
			hours: number;
			/** yyyy-mm-dd, China time. */
			issuedDate: string;
			validUntil: string;
			/** yyyy-mm-dd, China time; null unless revoked. */
			revokedDate: string | null;
	  };

/**
 * What the public verification page may say about a number: revoked before expired, expired once the
 * China-time date is past validUntil. A malformed or unknown number is 'unknown' (the page tells a
 * malformed one apart with parseCertificateNumber before calling this).
 */
export function verifyCertificate(db: Db, number: string, now = Date.now()): Verification {
	const parsed = parseCertificateNumber(number);
	if (!parsed.ok) return { status: 'unknown', number: number.trim() };
	const canonical = parsed.value.number;
	const c = db
		.select({
			number: trainingCertificate.number,
			hours: trainingCertificate.hours,
			issuedAt: trainingCertificate.issuedAt,
			validUntil: trainingCertificate.validUntil,
			revokedAt: trainingCertificate.revokedAt,
			name: trainee.name,
			sessionTitle: trainingSession.title
		})
		.from(trainingCertificate)
		.innerJoin(trainee, eq(trainee.id, trainingCertificate.traineeId))
		.innerJoin(trainingSession, eq(trainingSession.id, trainingCertificate.sessionId))
		.where(eq(trainingCertificate.number, canonical))
		.get();
	if (!c) return { status: 'unknown', number: canonical };
	const status = c.revokedAt !== null ? 'revoked' : chinaDate(now) > c.validUntil ? 'expired' : 'valid';
	return {
		status,
		number: c.number,
		name: maskName(c.name),
		sessionTitle: c.sessionTitle,
		hours: c.hours,
		issuedDate: chinaDate(c.issuedAt),
		validUntil: c.validUntil,
		revokedDate: c.revokedAt === null ? null : chinaDate(c.revokedAt)
	};
}

/**
 * A session's certificates for printing and revoking, in number order: ID numbers masked (a printed
 * certificate leaves the office), with the session's dates and organizer. Null when there is no session.
 */
export function sessionCertificates(db: Db, sessionId: number) {
	const s = db
		.select({
			id: trainingSession.id,
			title: trainingSession.title,
			status: trainingSession.status,
			startDate: trainingSession.startDate,
			endDate: trainingSession.endDate,
			organizerName: unit.name
		})
		.from(trainingSession)
		.leftJoin(unit, eq(unit.id, trainingSession.organizerUnitId))
		.where(eq(trainingSession.id, sessionId))
		.get();
	if (!s) return null;
	const rows = db
		.select({
			number: trainingCertificate.number,
			hours: trainingCertificate.hours,
			issuedAt: trainingCertificate.issuedAt,
			validUntil: trainingCertificate.validUntil,
			revokedAt: trainingCertificate.revokedAt,
			revokedReason: trainingCertificate.revokedReason,
			name: trainee.name,
			idNumber: trainee.idNumber,
			enterpriseName: unit.name
		})
		.from(trainingCertificate)
		.innerJoin(trainee, eq(trainee.id, trainingCertificate.traineeId))
		.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
		.where(eq(trainingCertificate.sessionId, sessionId))
		.orderBy(asc(trainingCertificate.number))
		.all();
	return {
		session: s,
		certificates: rows.map((r) => ({
			...r,
			idNumber: r.idNumber === null ? null : maskIdNumber(r.idNumber),
			issuedDate: chinaDate(r.issuedAt),
			revokedDate: r.revokedAt === null ? null : chinaDate(r.revokedAt)
		}))
	};
}
