import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { attendance, auditLog, enrollment, examResult, sessionSlot, trainee, trainingCertificate, trainingSession, unit, user } from '../db/schema';
import { certificateNumber, parseCertificateNumber } from '../../domain/training/certificate-number';
import { chinaInstant, setExamResult } from './attendance';
import {
	addYears,
	CERTIFICATE_VALIDITY_YEARS,
	issueCertificates,
	maskName,
	MIN_ATTENDANCE_SHARE,
	revokeCertificate,
	sessionCertificates,
	verifyCertificate
} from './certificates';

/** Issued on 2026-12-02 at 10:00 China time. */
const ISSUE = chinaInstant('2026-12-02', '10:00');

/**
 * A running session of four slots, 10 planned hours (so 8 are needed), pass mark 60, and trainees:
 * 张伟 10 h, 80 → certificate; 欧阳娜娜 exactly 8 h and exactly 60 → certificate (both limits inclusive);
 * 李强 6 h, 95 → short of hours; 赵敏 10 h, 59.5 → failed; 孙丽 10 h, no exam result → none;
 * 周杰 10 h, 90 but on the waiting list → not considered; 吴昊 8 h, 70 → certificate.
 */
function setup() {
	const db = createTestDb();
	const trainer = db.insert(user).values({ username: 'trainer', displayName: '培训教师', passwordHash: 'x' }).returning().get().id;
	const organizer = db.insert(unit).values({ name: '某县应急管理局', kind: 'department' }).returning().get().id;
	const enterprise = db.insert(unit).values({ name: '某某机械有限公司', kind: 'enterprise', sector: 'machinery' }).returning().get().id;
	const session = db
		.insert(trainingSession)
		.values({
			title: '2026年第12期安全生产管理人员培训',
			organizerUnitId: organizer,
			startDate: '2026-11-30',
			endDate: '2026-12-01',
			venue: '县应急管理局',
			audience: 'safety_manager',
			capacity: 100,
			status: 'running',
			year: 2026,
			yearSeq: 12,
			checkinSecret: 'secret',
			passMark: 60
		})
		.returning()
		.get();
	const slots = [
		['2026-11-30', '09:00', '11:00', 2],
		['2026-11-30', '14:00', '16:00', 2],
		['2026-12-01', '08:30', '12:30', 4],
		['2026-12-01', '14:00', '16:00', 2]
	].map(([date, startTime, endTime, hours]) =>
		db
			.insert(sessionSlot)
			.values({ sessionId: session.id, date: date as string, startTime: startTime as string, endTime: endTime as string, hours: hours as number })
			.returning()
			.get()
	);
	const [A, B, C, D] = slots.map((s) => s.id);
	let position = 0;
	type PersonOptions = { status?: 'enrolled' | 'waiting'; idNumber?: string; phone?: string };
	const person = (name: string, attended: number[], score: number | null, opts: PersonOptions = {}) => {
		const t = db
			.insert(trainee)
			.values({
				name,
				nameInitials: 'x',
				category: 'safety_manager',
				enterpriseUnitId: enterprise,
				idNumber: opts.idNumber ?? null,
				phone: opts.phone ?? null,
				createdAt: 0
			})
			.returning()
			.get();
		db.insert(enrollment)
			.values({ sessionId: session.id, traineeId: t.id, status: opts.status ?? 'enrolled', position: ++position, source: 'import', createdAt: 0 })
			.run();
		for (const slotId of attended) db.insert(attendance).values({ slotId, traineeId: t.id, method: 'qr', checkedInAt: 0 }).run();
		if (score !== null) {
			db.insert(examResult).values({ sessionId: session.id, traineeId: t.id, score, passed: score >= 60, source: 'manual', enteredAt: 0 }).run();
		}
		return t.id;
	};
	const zhang = person('张伟', [A, B, C, D], 80, { idNumber: '11010519491231002X', phone: '13812345678' });
	const ouyang = person('欧阳娜娜', [A, B, C], 60);
	const li = person('李强', [A, C], 95);
	const zhao = person('赵敏', [A, B, C, D], 59.5);
	const sun = person('孙丽', [A, B, C, D], null);
	const zhou = person('周杰', [A, B, C, D], 90, { status: 'waiting' });
	const wu = person('吴昊', [B, C, D], 70);
	return { db, trainer, sessionId: session.id, slots: { A, B, C, D }, zhang, ouyang, li, zhao, sun, zhou, wu };
}

const certs = (s: ReturnType<typeof setup>) => s.db.select().from(trainingCertificate).orderBy(trainingCertificate.id).all();

describe('constants', () => {
	it('are the bureau rules: 80 % of the planned hours, 3 years of validity', () => {
		expect(MIN_ATTENDANCE_SHARE).toBe(0.8);
		expect(CERTIFICATE_VALIDITY_YEARS).toBe(3);
	});
});

describe('addYears', () => {
	it.each([
		['2026-12-02', 3, '2029-12-02'],
		['2028-02-29', 3, '2031-02-28'],
		['2028-02-29', 4, '2032-02-29'],
		['2026-01-31', 1, '2027-01-31']
	])('%s + %d years → %s', (date, years, expected) => expect(addYears(date, years)).toBe(expected));
});

describe('maskName', () => {
	it.each([
		['张伟', '张*'],
		['张三伟', '张*伟'],
		['欧阳娜娜', '欧**娜'],
		['阿依古丽·买买提', '阿******提'],
		['张', '*'],
		['', '*']
	])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('issueCertificates', () => {
	it('issues only to enrolled learners who attended ≥ 80 % of the planned hours and passed the exam', () => {
		const s = setup();
		const r = issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		expect(r).toEqual({
			ok: true,
			value: {
				issued: [
					{ traineeId: s.zhang, name: '张伟', number: certificateNumber(2026, 12, 1) },
					{ traineeId: s.ouyang, name: '欧阳娜娜', number: certificateNumber(2026, 12, 2) },
					{ traineeId: s.wu, name: '吴昊', number: certificateNumber(2026, 12, 3) }
				],
				alreadyIssued: 0,
				shortOfHours: 1,
				notPassed: 2
			}
		});
		const rows = certs(s);
		expect(rows.map((c) => [c.traineeId, c.hours, c.issuedAt, c.validUntil, c.revokedAt])).toEqual([
			[s.zhang, 10, ISSUE, '2029-12-02', null],
			[s.ouyang, 8, ISSUE, '2029-12-02', null],
			[s.wu, 8, ISSUE, '2029-12-02', null]
		]);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.certificate_issue')).all();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ count: 3, numbers: rows.map((c) => c.number) });
	});

	it('gives unique numbers that parse back to the session and learner sequence', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const numbers = certs(s).map((c) => c.number);
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(numbers.map((n) => parseCertificateNumber(n))).toEqual(
			numbers.map((number, i) => ({ ok: true, value: { year: 2026, sessionSeq: 12, learnerSeq: i + 1, number } }))
		);
	});

	it('is idempotent: a re-run issues nothing new; a later pass gets the next number', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const before = certs(s);
		expect(issueCertificates(s.db, s.trainer, s.sessionId, ISSUE + 60_000)).toEqual({
			ok: true,
			value: { issued: [], alreadyIssued: 3, shortOfHours: 1, notPassed: 2 }
		});
		expect(certs(s)).toEqual(before);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.certificate_issue')).all()).toHaveLength(1);
		// 赵敏 resits and passes; her number continues the sequence.
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.zhao, 72, ISSUE)).toMatchObject({ ok: true });
		const again = issueCertificates(s.db, s.trainer, s.sessionId, ISSUE + 120_000);
		expect(again).toMatchObject({ ok: true, value: { issued: [{ traineeId: s.zhao, number: certificateNumber(2026, 12, 4) }], alreadyIssued: 3 } });
	});

	it('does not issue again to a learner whose certificate was revoked, nor reuse the number', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		revokeCertificate(s.db, s.trainer, certificateNumber(2026, 12, 3), '学时记录有误', ISSUE + 1000);
		expect(issueCertificates(s.db, s.trainer, s.sessionId, ISSUE + 2000)).toMatchObject({ ok: true, value: { issued: [], alreadyIssued: 3 } });
	});

	it('refuses before the session has started, and for an unknown session', () => {
		const s = setup();
		for (const status of ['planned', 'enrolling', 'cancelled'] as const) {
			s.db.update(trainingSession).set({ status }).where(eq(trainingSession.id, s.sessionId)).run();
			expect(issueCertificates(s.db, s.trainer, s.sessionId, ISSUE)).toEqual({ ok: false, error: { code: 'certificate.session_not_open' } });
		}
		expect(certs(s)).toEqual([]);
		expect(issueCertificates(s.db, s.trainer, 999, ISSUE)).toEqual({ ok: false, error: { code: 'certificate.session_not_found' } });
	});

	it('works on an ended session too', () => {
		const s = setup();
		s.db.update(trainingSession).set({ status: 'ended' }).where(eq(trainingSession.id, s.sessionId)).run();
		expect(issueCertificates(s.db, s.trainer, s.sessionId, ISSUE)).toMatchObject({ ok: true, value: { issued: [{}, {}, {}] } });
	});

	it('refuses to change the exam result behind a certificate', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		expect(setExamResult(s.db, s.trainer, s.sessionId, s.zhang, 30, ISSUE)).toEqual({ ok: false, error: { code: 'exam.certificate_issued' } });
	});
});

describe('revokeCertificate', () => {
	it('needs a reason, normalises the number, audits, and refuses a second revocation', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const number = certificateNumber(2026, 12, 1);
		expect(revokeCertificate(s.db, s.trainer, number, '  ', ISSUE)).toEqual({ ok: false, error: { code: 'certificate.reason_required' } });
		expect(revokeCertificate(s.db, s.trainer, certificateNumber(2026, 12, 9), '错误', ISSUE)).toEqual({ ok: false, error: { code: 'certificate.not_found' } });
		const typed = number.toLowerCase().replace(/-/g, ' ');
		expect(revokeCertificate(s.db, s.trainer, typed, '冒名顶替参训', ISSUE + 1000)).toEqual({ ok: true, value: { number } });
		const row = certs(s).find((c) => c.number === number)!;
		expect([row.revokedAt, row.revokedReason]).toEqual([ISSUE + 1000, '冒名顶替参训']);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.certificate_revoke')).all();
		expect(audit.map((a) => [a.reason, a.actorId, JSON.parse(a.before!).revokedAt, JSON.parse(a.after!).revokedAt])).toEqual([
			['冒名顶替参训', s.trainer, null, ISSUE + 1000]
		]);
		expect(revokeCertificate(s.db, s.trainer, number, '再次', ISSUE + 2000)).toEqual({ ok: false, error: { code: 'certificate.already_revoked' } });
	});
});

describe('verifyCertificate', () => {
	it('says valid with the masked name, session, hours and dates, and nothing else about the person', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const number = certificateNumber(2026, 12, 1);
		const v = verifyCertificate(s.db, number, ISSUE + 86_400_000);
		expect(v).toEqual({
			status: 'valid',
			number,
			name: '张*',
			sessionTitle: '2026年第12期安全生产管理人员培训',
			hours: 10,
			issuedDate: '2026-12-02',
			validUntil: '2029-12-02',
			revokedDate: null
		});
		const text = JSON.stringify(v);
		for (const secret of ['张伟', '11010519491231002X', '13812345678', '某某机械有限公司']) expect(text).not.toContain(secret);
		expect(verifyCertificate(s.db, certificateNumber(2026, 12, 2), ISSUE)).toMatchObject({ status: 'valid', name: '欧**娜', hours: 8 });
	});

	it('reads the number as typed (lower case, spaces, full-width)', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const number = certificateNumber(2026, 12, 1);
		expect(verifyCertificate(s.db, ` ${number.toLowerCase().replace(/-/g, ' ')} `, ISSUE)).toMatchObject({ status: 'valid', number });
	});

	it('says revoked, with the date of revocation', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const number = certificateNumber(2026, 12, 2);
		revokeCertificate(s.db, s.trainer, number, '考试作弊', chinaInstant('2027-01-05', '23:30'));
		expect(verifyCertificate(s.db, number, chinaInstant('2027-02-01', '08:00'))).toMatchObject({ status: 'revoked', revokedDate: '2027-01-05' });
		// Revoked wins over expired.
		expect(verifyCertificate(s.db, number, chinaInstant('2031-01-01', '08:00'))).toMatchObject({ status: 'revoked' });
	});

	it('says unknown for a well-formed number never issued, and for garbage', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const never = certificateNumber(2026, 12, 99);
		expect(verifyCertificate(s.db, never, ISSUE)).toEqual({ status: 'unknown', number: never });
		expect(verifyCertificate(s.db, 'not-a-number', ISSUE)).toEqual({ status: 'unknown', number: 'not-a-number' });
	});

	it('says expired once the China-time date is past validUntil', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const number = certificateNumber(2026, 12, 1);
		expect(verifyCertificate(s.db, number, chinaInstant('2029-12-02', '23:59'))).toMatchObject({ status: 'valid', validUntil: '2029-12-02' });
		expect(verifyCertificate(s.db, number, chinaInstant('2029-12-03', '00:00'))).toMatchObject({ status: 'expired', validUntil: '2029-12-02' });
	});
});

describe('sessionCertificates', () => {
	it('lists the certificates for printing with the ID number masked and the organizer', () => {
		const s = setup();
		issueCertificates(s.db, s.trainer, s.sessionId, ISSUE);
		const r = sessionCertificates(s.db, s.sessionId)!;
		expect(r.session).toMatchObject({
			title: '2026年第12期安全生产管理人员培训',
			organizerName: '某县应急管理局',
			startDate: '2026-11-30',
			endDate: '2026-12-01'
		});
		expect(r.certificates.map((c) => [c.name, c.idNumber, c.enterpriseName, c.issuedDate])).toEqual([
			['张伟', '110***********002X', '某某机械有限公司', '2026-12-02'],
			['欧阳娜娜', null, '某某机械有限公司', '2026-12-02'],
			['吴昊', null, '某某机械有限公司', '2026-12-02']
		]);
		expect(sessionCertificates(s.db, 999)).toBeNull();
	});
});
