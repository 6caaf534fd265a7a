import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { createTestDb } from '../db/test-db';
import { unit, user, userRole } from '../db/schema';
import { seedDemo } from '../seed';
import { chinaInstant } from '../training/attendance';
import { myEnrollments } from '../training/enrollment';
import { checkIdNumber } from '../../domain/training/id-number';
import { checkPhone } from '../../domain/training/phone';
import { parseCertificateNumber } from '../../domain/training/certificate-number';
import { pinyinInitials } from '../../domain/training/pinyin';
import { DEMO_TRAINING_SEED, mulberry32, planYear, seedTrainingYear, type TrainingYearSummary } from './training';

const TODAY = '2026-11-29';
const NOW = chinaInstant(TODAY, '16:00');

/** The prerequisites of the demo seed: 省 → 市 → 县 (+ its bureau, an enterprise), a trainer and learners. */
function prerequisites(db: Db) {
	const mk = (name: string, kind: 'province' | 'city' | 'county' | 'department' | 'enterprise', parentId: number | null, sector: 'machinery' | null = null) =>
		db.insert(unit).values({ name, kind, parentId, sector }).returning().get().id;
	const province = mk('江西省', 'province', null);
	const city = mk('上饶市', 'city', province);
	const county = mk('玉山县', 'county', city);
	const bureau = mk('玉山县应急管理局', 'department', county);
	const ent = mk('玉山县恒安机械制造有限公司（演示）', 'enterprise', county, 'machinery');
	const mkUser = (username: string, role: 'trainer' | 'learner', staffCategory: 'principal' | 'special_operator' | null = null) => {
		const id = db
			.insert(user)
			.values({
				username,
				displayName: username === 'trainer' ? '周培训' : '陈主任',
				passwordHash: 'x',
				unitId: role === 'learner' ? ent : bureau,
				staffCategory
			})
			.returning()
			.get().id;
		db.insert(userRole).values({ userId: id, role }).run();
		return id;
	};
	mkUser('trainer', 'trainer');
	const learner = mkUser('learner1', 'learner', 'principal');
	return { county, bureau, learner };
}

function seeded() {
	const db = createTestDb();
	const p = prerequisites(db);
	const t0 = performance.now();
	const summary = seedTrainingYear(db, { year: 2026, countyUnitId: p.county, organizerUnitId: p.bureau, rng: mulberry32(DEMO_TRAINING_SEED), now: NOW });
	const ms = performance.now() - t0;
	return { db, ...p, summary, ms };
}

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;

describe('seedTrainingYear', () => {
	let db: Db;
	let summary: TrainingYearSummary;
	let learner: number;

	beforeAll(() => {
		const s = seeded();
		({ db, summary, learner } = s);
		console.log(`seedTrainingYear: ${Math.round(s.ms)} ms`, summary);
		expect(s.ms).toBeLessThan(5000);
	});

	it('writes a county year: 12 sessions, ~2,000 trainees, ~60 enterprises, every trainee enrolled', () => {
		const counts = one<{ sessions: number; trainees: number; enrollments: number; enterprises: number; unenrolled: number }>(
			db,
			`select (select count(*) from training_session) sessions, (select count(*) from trainee) trainees, (select count(*) from enrollment) enrollments,
			 (select count(*) from unit where kind = 'enterprise') enterprises,
			 (select count(*) from trainee t where not exists (select 1 from enrollment e where e.trainee_id = t.id)) unenrolled`
		);
		expect(counts.sessions).toBe(12);
		expect(counts.trainees).toBeGreaterThanOrEqual(1800);
		expect(counts.trainees).toBeLessThanOrEqual(2200);
		expect(counts.enrollments).toBeGreaterThanOrEqual(counts.trainees);
		expect(counts.enterprises).toBeGreaterThanOrEqual(55);
		expect(counts.unenrolled).toBe(0);
		expect(summary).toMatchObject({ enterprises: 60, sessions: 12, trainees: counts.trainees, enrollments: counts.enrollments, linkedLearners: 1 });
		const names = all<{ name: string }>(db, "select name from unit where kind = 'enterprise'");
		expect(names.every((u) => u.name.endsWith('（演示）'))).toBe(true);
		expect(new Set(names.map((u) => u.name)).size).toBe(names.length);
	});

	it('gives statuses that fit the dates: past ended, one running today, the rest 报名中 or 计划', () => {
		const sessions = all<{ id: number; start: string; end: string; status: string; yearSeq: number }>(
			db,
			'select id, start_date start, end_date end, status, year_seq yearSeq from training_session order by year_seq'
		);
		expect(sessions.map((s) => s.yearSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		for (const s of sessions) {
			if (s.end < TODAY) expect(s.status).toBe('ended');
			else if (s.start <= TODAY) expect(s.status).toBe('running');
			else expect(['enrolling', 'planned']).toContain(s.status);
		}
		expect(sessions.filter((s) => s.status === 'running')).toHaveLength(1);
		// Slots: 2–4 days, a morning and an afternoon of 3 学时 each, inside the session's dates.
		const slots = all<{ sessionId: number; n: number; hours: number; bad: number }>(
			db,
			`select sl.session_id sessionId, count(*) n, sum(sl.hours) hours, sum(sl.date < s.start_date or sl.date > s.end_date) bad
			 from session_slot sl join training_session s on s.id = sl.session_id group by sl.session_id`
		);
		expect(slots).toHaveLength(12);
		for (const s of slots) {
			expect(s.n).toBeGreaterThanOrEqual(4);
			expect(s.n).toBeLessThanOrEqual(8);
			expect(s.hours).toBe(s.n * 3);
			expect(s.bad).toBe(0);
		}
	});

	it('keeps the waiting-list rules: nobody waits while a seat is free, seats never exceed capacity', () => {
		const rows = all<{ capacity: number; enrolled: number; waiting: number }>(
			db,
			`select s.capacity, sum(e.status = 'enrolled') enrolled, sum(e.status = 'waiting') waiting
			 from training_session s join enrollment e on e.session_id = s.id group by s.id`
		);
		for (const r of rows) {
			expect(r.enrolled).toBeLessThanOrEqual(r.capacity);
			if (r.waiting > 0) expect(r.enrolled).toBe(r.capacity);
		}
		expect(rows.some((r) => r.waiting > 0)).toBe(true);
		expect(one<{ n: number }>(db, "select count(*) n from enrollment where status = 'cancelled'").n).toBeGreaterThan(0);
		// Planned sessions take no enrolments yet.
		expect(one<{ n: number }>(db, "select count(*) n from enrollment e join training_session s on s.id = e.session_id where s.status = 'planned'").n).toBe(0);
	});

	it('stores valid, unique ID numbers and mobile numbers, and the name initials search uses', () => {
		const trainees = all<{ name: string; initials: string; idNumber: string; phone: string }>(
			db,
			'select name, name_initials initials, id_number idNumber, phone from trainee'
		);
		const badIds = trainees.filter((t) => {
			const r = checkIdNumber(t.idNumber, TODAY);
			return !r.ok || r.value !== t.idNumber;
		});
		expect(badIds).toEqual([]);
		expect(new Set(trainees.map((t) => t.idNumber)).size).toBe(trainees.length);
		expect(trainees.filter((t) => !checkPhone(t.phone, { mobileOnly: true }).ok)).toEqual([]);
		expect(trainees.filter((t) => t.initials !== pinyinInitials(t.name))).toEqual([]);
	});

	it('records attendance only for days already held, at about 92 %, and exams at about 90 % pass', () => {
		const future = one<{ n: number }>(db, 'select count(*) n from attendance a join session_slot s on s.id = a.slot_id where s.date >= ?', TODAY);
		expect(future.n).toBe(0);
		const seats = one<{ seats: number; attended: number }>(
			db,
			`select sum((select count(*) from enrollment e where e.session_id = sl.session_id and e.status = 'enrolled')) seats,
			 sum((select count(*) from attendance a where a.slot_id = sl.id)) attended
			 from session_slot sl where sl.date < ?`,
			TODAY
		);
		const rate = seats.attended / seats.seats;
		expect(rate).toBeGreaterThan(0.88);
		expect(rate).toBeLessThan(0.96);
		const exams = one<{ n: number; passed: number; open: number }>(
			db,
			`select count(*) n, sum(passed) passed, sum(s.status <> 'ended') open from exam_result x join training_session s on s.id = x.session_id`
		);
		expect(exams.open).toBe(0);
		expect(exams.passed / exams.n).toBeGreaterThan(0.85);
		expect(exams.passed / exams.n).toBeLessThan(0.95);
		console.log(`attendance ${(rate * 100).toFixed(1)} %, pass ${((exams.passed / exams.n) * 100).toFixed(1)} %`);
	});

	it('issues certificates with parsable numbers of the session, valid 3 years, only to those who passed', () => {
		const certs = all<{ number: string; year: number; yearSeq: number; end: string; validUntil: string; passed: number; hours: number; planned: number }>(
			db,
			`select c.number, s.year, s.year_seq yearSeq, s.end_date end, c.valid_until validUntil, x.passed, c.hours,
			 (select sum(hours) from session_slot sl where sl.session_id = s.id) planned
			 from training_certificate c join training_session s on s.id = c.session_id
			 join exam_result x on x.session_id = c.session_id and x.trainee_id = c.trainee_id`
		);
		expect(certs.length).toBeGreaterThan(1000);
		expect(certs.length).toBe(one<{ n: number }>(db, 'select count(*) n from training_certificate').n);
		for (const c of certs) {
			const p = parseCertificateNumber(c.number);
			expect(p.ok && p.value.number === c.number && p.value.year === c.year && p.value.sessionSeq === c.yearSeq, c.number).toBe(true);
			expect(c.validUntil).toBe(`${Number(c.end.slice(0, 4)) + 3}${c.end.slice(4)}`);
			expect(c.passed).toBe(1);
			expect(c.hours).toBeGreaterThanOrEqual(c.planned * 0.8);
		}
	});

	it('links the learner account to a trainee with an ended session, its certificate and an upcoming session', () => {
		const mine = myEnrollments(db, learner);
		expect(mine.map((e) => e.sessionStatus).sort()).toEqual(['ended', 'enrolling']);
		const cert = one<{ n: number }>(db, 'select count(*) n from training_certificate c join trainee t on t.id = c.trainee_id where t.user_id = ?', learner);
		expect(cert.n).toBe(1);
	});

	it('is deterministic for a seed and a date', () => {
		const digest = (d: Db) =>
			createHash('sha256')
				.update(JSON.stringify(all(d, 'select name, id_number, phone, enterprise_unit_id, category from trainee order by id')))
				.update(JSON.stringify(all(d, 'select trainee_id, slot_id from attendance order by slot_id, trainee_id')))
				.digest('hex');
		expect(digest(seeded().db)).toBe(digest(db));
	});
});

describe('planYear', () => {
	it('moves the first session not yet over to span today, so exactly one runs', () => {
		const plans = planYear(2026, '2026-06-17');
		expect(plans.filter((p) => p.status === 'running')).toHaveLength(1);
		const running = plans.find((p) => p.status === 'running')!;
		expect(running.days[0] <= '2026-06-17' && running.days.at(-1)! >= '2026-06-17').toBe(true);
		expect(plans.filter((p) => p.status === 'ended').every((p) => p.days.at(-1)! < '2026-06-17')).toBe(true);
		expect(plans.map((p) => p.days[0])).toEqual(plans.map((p) => p.days[0]).sort());
	});

	it('early in the year: the first session runs now, the rest are future', () => {
		const plans = planYear(2026, '2026-01-05');
		expect(plans.map((p) => p.status).filter((s) => s === 'running')).toHaveLength(1);
		expect(plans.some((p) => p.status === 'ended')).toBe(false);
		expect(plans.filter((p) => p.status !== 'running').every((p) => p.days[0] > '2026-01-05' && (p.status === 'enrolling' || p.status === 'planned'))).toBe(
			true
		);
	});

	it('a past year has ended, a future one has not begun', () => {
		expect(planYear(2025, '2026-11-29').every((p) => p.status === 'ended')).toBe(true);
		expect(planYear(2027, '2026-11-29').every((p) => p.status === 'planned' || p.status === 'enrolling')).toBe(true);
	});
});

describe('seedDemo', () => {
	it('seeds the training year with the demo units and links learner1', async () => {
		const db = createTestDb();
		const t0 = performance.now();
		const accounts = await seedDemo(db, 'demo-password-1');
		console.log(`seedDemo (argon2 hashes included): ${Math.round(performance.now() - t0)} ms`);
		expect(accounts).not.toBeNull();
		expect(one<{ n: number }>(db, 'select count(*) n from training_session').n).toBe(12);
		const l1 = one<{ id: number }>(db, "select id from user where username = 'learner1'");
		expect(myEnrollments(db, l1.id).length).toBeGreaterThan(0);
		// learner1–4: every demo learner account is linked to its trainee record.
		expect(one<{ n: number }>(db, 'select count(*) n from trainee where user_id is not null').n).toBe(4);
	}, 30_000);
});
