import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import {
	attendance,
	enrollment,
	examResult,
	sessionSlot,
	trainee,
	trainingCertificate,
	trainingSession,
	unit,
	type TrainingAudience,
	type TrainingStatus
} from '../db/schema';
import type { Sector, StaffCategory } from '../../domain/roles';
import { chinaInstant } from './attendance';
import {
	computeTrainingStats,
	loadStatsData,
	pageOf,
	parseDashboardQuery,
	regionOptions,
	searchEnterprises,
	searchShort,
	statsYears,
	trainingStats,
	yearlyRequirementsText,
	type StatsData
} from './stats';

/*
 * The hand-made year (2026, seen at 2026-06-15 12:00 China time):
 *
 *   江西省 → 上饶市 → A县 (E1 机械, not high-risk) and B县 (E2 冶金, high-risk)
 *   T1 张伟 主要负责人 E1 · T2 李娜 其他 E1 · T3 王强 特种作业 E2 · T4 赵敏 其他 E2 · T5 刘洋 安全管理 (no enterprise)
 *   T6 陈静 其他 E1, on record only from 2027 (not judged for 2026)
 *
 *   S1 A县 mixed  03-10/11 ended    4 slots × 3 h   enrolled T1 T2 T3, T4 waiting, T5 cancelled
 *        attended T1 ×4, T2 s1a s1b, T3 s1a · exams T1 80 ✓, T2 50 ✗, T3 65 ✓ · certificates T1, T3 (revoked)
 *   S2 B县 other  05-20    ended    4 h + 2 h       enrolled T4 T2 · attended T4 both, T2 the 4 h · exam T4 90 ✓
 *   S3 A县 principal 06-15 running  3 h (over at 11:30: held) + 3 h (afternoon: not yet)  enrolled T1 T5 · T1 the morning
 *   S4 B县 special_operator 09-01 planned  3 h  enrolled T3
 *   S5 A县 principal 04-01 cancelled 3 h  enrolled T1, attended (counts for T1's hours, not for the session figures)
 *   S6 A县 2025-11-10 (last year) 3 h  T2 attended
 */
const NOW = chinaInstant('2026-06-15', '12:00');
const JAN = chinaInstant('2026-01-10', '09:00');

function build() {
	const db = createTestDb();
	const u = (name: string, kind: 'province' | 'city' | 'county' | 'enterprise', parentId: number | null, sector: Sector | null = null) =>
		db.insert(unit).values({ name, kind, parentId, sector }).returning().get().id;
	const province = u('江西省', 'province', null);
	const city = u('上饶市', 'city', province);
	const A = u('A县', 'county', city);
	const B = u('B县', 'county', city);
	const E1 = u('甲机械有限公司', 'enterprise', A, 'machinery');
	const E2 = u('乙钢铁有限公司', 'enterprise', B, 'metallurgy');
	const t = (name: string, nameInitials: string, category: StaffCategory, enterpriseUnitId: number | null, idNumber: string, createdAt = JAN) =>
		db.insert(trainee).values({ name, nameInitials, category, enterpriseUnitId, idNumber, createdAt }).returning().get().id;
	const T1 = t('张伟', 'zw', 'principal', E1, '110101199003071234');
	const T2 = t('李娜', 'ln', 'other', E1, '110101199003075678');
	const T3 = t('王强', 'wq', 'special_operator', E2, '11010119900307901X');
	const T4 = t('赵敏', 'zm', 'other', E2, '110101199003074321');
	const T5 = t('刘洋', 'ly', 'safety_manager', null, '110101199003078765');
	t('陈静', 'cj', 'other', E1, '110101199003071111', chinaInstant('2027-01-05', '09:00'));

	let seq = 0;
	const session = (year: number, regionUnitId: number, startDate: string, audience: TrainingAudience, status: TrainingStatus) =>
		db
			.insert(trainingSession)
			.values({
				title: `S${seq + 1}`,
				regionUnitId,
				startDate,
				endDate: startDate,
				venue: '会议室',
				audience,
				capacity: 10,
				status,
				year,
				yearSeq: ++seq,
				checkinSecret: 'x'
			})
			.returning()
			.get().id;
	const slot = (sessionId: number, date: string, startTime: string, endTime: string, hours: number) =>
		db.insert(sessionSlot).values({ sessionId, date, startTime, endTime, hours }).returning().get().id;
	const enrol = (sessionId: number, traineeId: number, status: 'enrolled' | 'waiting' | 'cancelled' = 'enrolled') =>
		db.insert(enrollment).values({ sessionId, traineeId, status, position: traineeId, source: 'import', createdAt: JAN }).run();
	const attend = (slotId: number, ...traineeIds: number[]) => {
		for (const traineeId of traineeIds) db.insert(attendance).values({ slotId, traineeId, method: 'manual', checkedInAt: JAN }).run();
	};
	const exam = (sessionId: number, traineeId: number, score: number) =>
		db
			.insert(examResult)
			.values({ sessionId, traineeId, score, passed: score >= 60, source: 'manual', enteredAt: JAN })
			.run();

	const S1 = session(2026, A, '2026-03-10', 'mixed', 'ended');
	const s1a = slot(S1, '2026-03-10', '08:30', '11:30', 3);
	const s1b = slot(S1, '2026-03-10', '14:00', '17:00', 3);
	const s1c = slot(S1, '2026-03-11', '08:30', '11:30', 3);
	const s1d = slot(S1, '2026-03-11', '14:00', '17:00', 3);
	enrol(S1, T1);
	enrol(S1, T2);
	enrol(S1, T3);
	enrol(S1, T4, 'waiting');
	enrol(S1, T5, 'cancelled');
	attend(s1a, T1, T2, T3);
	attend(s1b, T1, T2);
	attend(s1c, T1);
	attend(s1d, T1);
	exam(S1, T1, 80);
	exam(S1, T2, 50);
	exam(S1, T3, 65);
	db.insert(trainingCertificate)
		.values({ number: 'PX2026-001-0001-X', sessionId: S1, traineeId: T1, hours: 12, issuedAt: JAN, validUntil: '2029-03-11' })
		.run();
	db.insert(trainingCertificate)
		.values({
			number: 'PX2026-001-0002-X',
			sessionId: S1,
			traineeId: T3,
			hours: 3,
			issuedAt: JAN,
			validUntil: '2029-03-11',
			revokedAt: JAN,
			revokedReason: '误发'
		})
		.run();

	const S2 = session(2026, B, '2026-05-20', 'other', 'ended');
	const s2a = slot(S2, '2026-05-20', '08:30', '12:30', 4);
	const s2b = slot(S2, '2026-05-20', '14:00', '16:00', 2);
	enrol(S2, T4);
	enrol(S2, T2);
	attend(s2a, T4, T2);
	attend(s2b, T4);
	exam(S2, T4, 90);

	const S3 = session(2026, A, '2026-06-15', 'principal', 'running');
	const s3a = slot(S3, '2026-06-15', '08:30', '11:30', 3);
	slot(S3, '2026-06-15', '14:00', '17:00', 3);
	enrol(S3, T1);
	enrol(S3, T5);
	attend(s3a, T1);

	const S4 = session(2026, B, '2026-09-01', 'special_operator', 'planned');
	slot(S4, '2026-09-01', '08:30', '11:30', 3);
	enrol(S4, T3);

	const S5 = session(2026, A, '2026-04-01', 'principal', 'cancelled');
	const s5a = slot(S5, '2026-04-01', '08:30', '11:30', 3);
	enrol(S5, T1);
	attend(s5a, T1);

	const S6 = session(2025, A, '2025-11-10', 'other', 'ended');
	const s6a = slot(S6, '2025-11-10', '08:30', '11:30', 3);
	enrol(S6, T2);
	attend(s6a, T2);

	return { db, province, city, A, B, E1, E2, T1, T2, T3, T4, T5 };
}

describe('trainingStats', () => {
	let w: ReturnType<typeof build>;
	let data: StatsData;
	beforeAll(() => {
		w = build();
		data = loadStatsData(w.db, 2026);
	});

	it('counts sessions, person-times, people, hours, attendance and pass rates of the year', () => {
		const s = computeTrainingStats(data, { year: 2026 }, NOW);
		expect(s.totals).toEqual({
			sessions: 4,
			cancelled: 1,
			byStatus: { planned: 1, enrolling: 0, running: 1, ended: 2 },
			enrolled: 8,
			trained: 6,
			trainees: 4,
			hours: 34,
			// held: S1 4 slots × 3 seated, S2 2 × 2, S3's morning × 2 = 18; attended 7 + 3 + 1
			slotSeats: 18,
			attendedSeats: 11,
			attendanceRate: 11 / 18,
			exams: 4,
			passed: 3,
			passRate: 0.75,
			certificates: 1,
			population: 5,
			compliant: 2,
			short: 3
		});
		expect(trainingStats(w.db, { year: 2026 }, NOW)).toEqual(s);
	});

	it('breaks the sessions down by month of their start and by region', () => {
		const s = computeTrainingStats(data, { year: 2026 }, NOW);
		const months = Object.fromEntries(s.byMonth.filter((m) => m.sessions > 0).map(({ month, ...r }) => [month, r]));
		expect(months).toEqual({
			3: { sessions: 1, enrolled: 3, trained: 3, hours: 21 },
			5: { sessions: 1, enrolled: 2, trained: 2, hours: 10 },
			6: { sessions: 1, enrolled: 2, trained: 1, hours: 3 },
			9: { sessions: 1, enrolled: 1, trained: 0, hours: 0 }
		});
		expect(s.byMonth.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(s.byRegion).toEqual([
			{ unitId: w.A, name: 'A县', sessions: 2, enrolled: 5, trained: 4, hours: 24 },
			{ unitId: w.B, name: 'B县', sessions: 2, enrolled: 3, trained: 2, hours: 10 }
		]);
	});

	it('breaks the figures down by staff category', () => {
		const s = computeTrainingStats(data, { year: 2026 }, NOW);
		expect(s.byCategory).toEqual([
			{ category: 'principal', enrolled: 2, trained: 2, trainees: 1, hours: 15, attendanceRate: 1, passRate: 1, short: 0 },
			{ category: 'safety_manager', enrolled: 1, trained: 0, trainees: 0, hours: 0, attendanceRate: 0, passRate: null, short: 1 },
			{ category: 'special_operator', enrolled: 2, trained: 1, trainees: 1, hours: 3, attendanceRate: 0.25, passRate: 1, short: 1 },
			{ category: 'other', enrolled: 3, trained: 3, trainees: 2, hours: 16, attendanceRate: 5 / 8, passRate: 0.5, short: 1 }
		]);
	});

	it('counts completed online course hours toward the year, on their completion date', () => {
		const liu = data.trainees.find((t) => t.name === '刘洋')!.id;
		const wang = data.trainees.find((t) => t.name === '王强')!.id;
		const withCourses = {
			...data,
			courseHours: [
				{ traineeId: liu, date: '2026-03-01', hours: 12 }, // 刘洋: 0 + 12 ≥ 12 → no longer short
				{ traineeId: wang, date: '2025-12-31', hours: 8 }, // last year: does not count for 2026
				{ traineeId: wang, date: '2026-05-01', hours: 4 } // 王强: 3 + 4 = 7 of 20
			]
		};
		const s = computeTrainingStats(withCourses, { year: 2026 }, NOW);
		expect(s.shortLearners.map((r) => [r.name, r.done, r.short])).toEqual([
			['赵敏', 6, 14],
			['王强', 7, 13]
		]);
	});

	it('lists who is short of this year’s hours, by learner and by enterprise', () => {
		const s = computeTrainingStats(data, { year: 2026 }, NOW);
		// T1 18 h ≥ 12 (S5's hours count though the session was cancelled); T2 10 h ≥ 8 (2025 does not count);
		// T3 3 of 20 (冶金: high-risk worker); T4 6 of 20; T5 0 of 12 (no enterprise: the ordinary figure).
		expect(s.shortLearners.map((r) => [r.name, r.required, r.done, r.short, r.highRisk, r.initialShort])).toEqual([
			['王强', 20, 3, 17, true, 69],
			['赵敏', 20, 6, 14, true, 66],
			['刘洋', 12, 0, 12, false, 32]
		]);
		expect(s.shortLearners[0]).toMatchObject({ idNumber: '11010119900307901X', enterpriseName: '乙钢铁有限公司', category: 'special_operator' });
		expect(s.enterprises).toEqual([
			{ unitId: w.E2, name: '乙钢铁有限公司', regionName: 'B县', trainees: 2, trained: 2, hours: 9, short: 2, shortHours: 31 },
			{ unitId: null, name: '（未登记企业）', regionName: '', trainees: 1, trained: 0, hours: 0, short: 1, shortHours: 12 },
			{ unitId: w.E1, name: '甲机械有限公司', regionName: 'A县', trainees: 2, trained: 2, hours: 28, short: 0, shortHours: 0 }
		]);
	});

	it('filters by category: the category’s trainees, and sessions for it, for everyone, or with it enrolled', () => {
		const s = computeTrainingStats(data, { year: 2026, category: 'other' }, NOW);
		expect(s.totals).toMatchObject({
			sessions: 2,
			enrolled: 3,
			trained: 3,
			trainees: 2,
			hours: 16,
			slotSeats: 8,
			attendedSeats: 5,
			exams: 2,
			passed: 1,
			certificates: 0,
			population: 2,
			short: 1
		});
		expect(s.byCategory.map((c) => c.category)).toEqual(['other']);
		expect(s.shortLearners.map((r) => r.name)).toEqual(['赵敏']);
	});

	it('filters by region: sessions held there, people of enterprises under it', () => {
		const a = computeTrainingStats(data, { year: 2026, regionUnitId: w.A }, NOW);
		expect(a.totals).toMatchObject({
			sessions: 2,
			cancelled: 1,
			enrolled: 5,
			trained: 4,
			trainees: 3,
			hours: 24,
			slotSeats: 14,
			attendedSeats: 8,
			exams: 3,
			passed: 2,
			certificates: 1,
			population: 2,
			short: 0
		});
		expect(a.enterprises.map((e) => e.name)).toEqual(['甲机械有限公司']);
		// A city takes its counties; people without an enterprise belong to no region.
		const city = computeTrainingStats(data, { year: 2026, regionUnitId: w.city }, NOW);
		expect(city.totals).toMatchObject({ sessions: 4, enrolled: 8, population: 4, short: 2 });
	});

	it('treats a slot as held once it is over or has a check-in', () => {
		const morning = computeTrainingStats(data, { year: 2026 }, chinaInstant('2026-06-15', '10:00'));
		expect(morning.totals.slotSeats).toBe(18); // S3's morning has a check-in already
		const evening = computeTrainingStats(data, { year: 2026 }, chinaInstant('2026-06-15', '18:00'));
		expect(evening.totals.slotSeats).toBe(20);
		expect(evening.totals.attendanceRate).toBe(11 / 20);
	});

	it('another year has its own sessions; an empty year has no rates', () => {
		const last = trainingStats(w.db, { year: 2025 }, NOW);
		expect(last.totals).toMatchObject({ sessions: 1, enrolled: 1, trained: 1, hours: 3 });
		const empty = trainingStats(w.db, { year: 2030 }, NOW);
		expect(empty.totals).toMatchObject({ sessions: 0, enrolled: 0, attendanceRate: null, passRate: null });
	});
});

describe('dashboard helpers', () => {
	it('searches the short list by name, pinyin, enterprise or ID tail, and pages lists', () => {
		const w = build();
		const rows = trainingStats(w.db, { year: 2026 }, NOW).shortLearners;
		expect(searchShort(rows, 'wq').map((r) => r.name)).toEqual(['王强']);
		expect(searchShort(rows, 'zhaom').map((r) => r.name)).toEqual(['赵敏']);
		expect(searchShort(rows, '钢铁').map((r) => r.name)).toEqual(['王强', '赵敏']);
		expect(searchShort(rows, '901x').map((r) => r.name)).toEqual(['王强']);
		expect(searchShort(rows, '  ')).toHaveLength(3);
		const ents = trainingStats(w.db, { year: 2026 }, NOW).enterprises;
		expect(searchEnterprises(ents, 'B县').map((e) => e.name)).toEqual(['乙钢铁有限公司']);
		expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual({ rows: [3, 4], page: 2, pageSize: 2, total: 5 });
		expect(pageOf([1, 2, 3], 9, 2)).toMatchObject({ rows: [3], page: 2 });
		expect(pageOf([], 3, 2)).toMatchObject({ rows: [], page: 1 });
	});

	it('reads the GET parameters, falling back to defaults on anything unusable', () => {
		const q = (s: string) => parseDashboardQuery(new URLSearchParams(s), NOW);
		expect(q('')).toEqual({ year: 2026, regionUnitId: null, category: null, q: '', eq: '', spage: 1, epage: 1 });
		expect(q('year=2025&region=7&category=other&q=%20zw%20&eq=钢&spage=3&epage=2')).toEqual({
			year: 2025,
			regionUnitId: 7,
			category: 'other',
			q: 'zw',
			eq: '钢',
			spage: 3,
			epage: 2
		});
		expect(q('year=abc&region=-1&category=boss&spage=0')).toMatchObject({ year: 2026, regionUnitId: null, category: null, spage: 1 });
	});

	it('states the yearly requirements from the rules', () => {
		expect(yearlyRequirementsText()).toBe(
			'主要负责人、安全生产管理人员 12 学时，冶金、有色等高危行业 16 学时；其他从业人员（含特种作业人员）8 学时，高危行业 20 学时'
		);
	});

	it('offers years with sessions and the regions as a tree', () => {
		const w = build();
		expect(statsYears(w.db, NOW)).toEqual([2026, 2025]);
		expect(regionOptions(w.db).map((r) => `${'-'.repeat(r.depth)}${r.name}`)).toEqual(['江西省', '-上饶市', '--A县', '--B县']);
	});
});
