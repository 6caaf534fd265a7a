/**
 * The numbers a bureau reports about its training (培训统计): sessions and person-times by month, region and
 * staff category, attendance and pass rates, hours delivered, and who is still short of the hours the rules
 * require. `loadStatsData` reads one year from the database; `computeTrainingStats` is pure and does the rest,
 * so the figures can be checked by hand against a small dataset.
 *
 * Definitions (the dashboard's notes repeat them):
 * - A session counts for its `year` and its 地区 (`regionUnitId`, the region filter takes the unit and
 *   everything under it); cancelled sessions are counted apart and left out of every other figure.
 * - 报名人次: enrolments holding a seat (status enrolled). 培训人次: those of them who attended at least one
 *   slot; 培训人数: distinct people among those.
 * - Attendance rate = attended slot-seats ÷ enrolled slot-seats, over the slots already held (ended by `now`,
 *   or with any check-in); hours delivered = Σ hours of the slots attended (credited hours).
 * - Pass rate = passing exam results ÷ exam results of the sessions.
 * - With a category filter, only trainees of that category count, and a session counts when it is for that
 *   category (or mixed) or has such a trainee enrolled.
 * - Compliance (学时不足): every trainee on record by the end of the year (of the category; of an enterprise under
 *   the region), their hours this year from any session against the yearly 再培训 requirement of
 *   domain/training/hours.ts (`compliance`, records = hours per attended slot date, plus completed online
 *   courses of the linked account on their completion date). The initial-training
 *   requirement needs the date someone took up the post, which the registry does not hold, so it is not judged
 *   here (the per-learner `initialShort` is shown for information).
 */
import { eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
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
import { STAFF_CATEGORIES, type Sector, type StaffCategory } from '../../domain/roles';
import type { UnitKind } from '../../domain/unit';
import { compliance, isHighRiskSector, requirementFor } from '../../domain/training/hours';
import { matchesName } from '../../domain/training/pinyin';
import { chinaDate, chinaInstant } from './attendance';

export interface StatsFilter {
	year: number;
	regionUnitId?: number | null;
	category?: StaffCategory | null;
}

export interface StatsData {
	units: { id: number; parentId: number | null; name: string; kind: UnitKind; sector: Sector | null }[];
	/** Sessions of the year, cancelled ones included. */
	sessions: { id: number; title: string; startDate: string; regionUnitId: number | null; audience: TrainingAudience; status: TrainingStatus }[];
	slots: { id: number; sessionId: number; date: string; endTime: string; hours: number }[];
	enrollments: { sessionId: number; traineeId: number; status: 'enrolled' | 'waiting' | 'cancelled' }[];
	/** Every attended slot up to the end of the year, of any session (also the compliance records). */
	attendance: { slotId: number; traineeId: number; date: string; hours: number }[];
	/** Online courses completed by the account linked to a trainee, up to the end of the year (China-time dates). */
	courseHours?: { traineeId: number; date: string; hours: number }[];
	exams: { sessionId: number; traineeId: number; passed: boolean }[];
	/** Certificates of the year's sessions that are not revoked. */
	certificates: { sessionId: number; traineeId: number }[];
	trainees: {
		id: number;
		name: string;
		nameInitials: string;
		idNumber: string | null;
		enterpriseUnitId: number | null;
		category: StaffCategory;
		createdAt: number;
	}[];
}

export interface Breakdown {
	sessions: number;
	/** 报名人次 */
	enrolled: number;
	/** 培训人次 */
	trained: number;
	/** Σ credited hours */
	hours: number;
}

export interface MonthRow extends Breakdown {
	month: number;
}

export interface RegionRow extends Breakdown {
	unitId: number | null;
	name: string;
}

export interface CategoryRow {
	category: StaffCategory;
	enrolled: number;
	trained: number;
	/** 培训人数 */
	trainees: number;
	hours: number;
	attendanceRate: number | null;
	passRate: number | null;
	/** People of the category short of this year's hours. */
	short: number;
}

export interface EnterpriseRow {
	unitId: number | null;
	name: string;
	/** The county (or city) the enterprise is under. */
	regionName: string;
	/** People on record. */
	trainees: number;
	/** People with hours this year. */
	trained: number;
	hours: number;
	/** People short of this year's requirement, and the hours they lack together. */
	short: number;
	shortHours: number;
}

export interface ShortRow {
	traineeId: number;
	name: string;
	nameInitials: string;
	/** Whole: mask it before it leaves the server unless an admin asked for it. */
	idNumber: string | null;
	enterpriseUnitId: number | null;
	enterpriseName: string;
	category: StaffCategory;
	highRisk: boolean;
	required: number;
	done: number;
	short: number;
	/** For information: hours still missing to the initial-training figure (see the module comment). */
	initialShort: number;
}

export interface TrainingStats {
	filter: { year: number; regionUnitId: number | null; category: StaffCategory | null };
	totals: {
		sessions: number;
		cancelled: number;
		byStatus: Record<Exclude<TrainingStatus, 'cancelled'>, number>;
		enrolled: number;
		trained: number;
		trainees: number;
		hours: number;
		slotSeats: number;
		attendedSeats: number;
		attendanceRate: number | null;
		exams: number;
		passed: number;
		passRate: number | null;
		certificates: number;
		/** Compliance: people judged, compliant, short. */
		population: number;
		compliant: number;
		short: number;
	};
	byMonth: MonthRow[];
	byRegion: RegionRow[];
	byCategory: CategoryRow[];
	enterprises: EnterpriseRow[];
	shortLearners: ShortRow[];
}

/** Chinese names in 拼音 order; one collator (localeCompare with a locale builds one per call). */
const byPinyin = new Intl.Collator('zh-CN').compare;
const cents = (h: number) => Math.round(h * 100);
const rate = (n: number, d: number) => (d > 0 ? n / d : null);
/** A (session, trainee) pair as one number (ids stay far below 2^26). */
const pair = (sessionId: number, traineeId: number) => sessionId * 67_108_864 + traineeId;

/** The unit and everything under it. */
export function subtreeOf(units: readonly { id: number; parentId: number | null }[], rootId: number): Set<number> {
	const children = new Map<number, number[]>();
	for (const u of units) {
		if (u.parentId === null) continue;
		const list = children.get(u.parentId) ?? [];
		list.push(u.id);
		children.set(u.parentId, list);
	}
	const out = new Set<number>();
	const stack = [rootId];
	while (stack.length) {
		const id = stack.pop()!;
		if (out.has(id)) continue;
		out.add(id);
		stack.push(...(children.get(id) ?? []));
	}
	return out;
}

/** Reads what the statistics of `year` need. Every filter but the year is applied by `computeTrainingStats`. */
export function loadStatsData(db: Db, year: number): StatsData {
	const units = db.select({ id: unit.id, parentId: unit.parentId, name: unit.name, kind: unit.kind, sector: unit.sector }).from(unit).all();
	const sessions = db
		.select({
			id: trainingSession.id,
			title: trainingSession.title,
			startDate: trainingSession.startDate,
			regionUnitId: trainingSession.regionUnitId,
			audience: trainingSession.audience,
			status: trainingSession.status
		})
		.from(trainingSession)
		.where(eq(trainingSession.year, year))
		.all();
	const sessionIds = sessions.map((s) => s.id);
	const ofSessions = sessionIds.length > 0;
	const slots = ofSessions
		? db
				.select({ id: sessionSlot.id, sessionId: sessionSlot.sessionId, date: sessionSlot.date, endTime: sessionSlot.endTime, hours: sessionSlot.hours })
				.from(sessionSlot)
				.where(inArray(sessionSlot.sessionId, sessionIds))
				.all()
		: [];
	const enrollments = ofSessions
		? db
				.select({ sessionId: enrollment.sessionId, traineeId: enrollment.traineeId, status: enrollment.status })
				.from(enrollment)
				.where(inArray(enrollment.sessionId, sessionIds))
				.all()
		: [];
	const exams = ofSessions
		? db
				.select({ sessionId: examResult.sessionId, traineeId: examResult.traineeId, passed: examResult.passed })
				.from(examResult)
				.where(inArray(examResult.sessionId, sessionIds))
				.all()
		: [];
	const certificates = ofSessions
		? db
				.select({ sessionId: trainingCertificate.sessionId, traineeId: trainingCertificate.traineeId, revokedAt: trainingCertificate.revokedAt })
				.from(trainingCertificate)
				.where(inArray(trainingCertificate.sessionId, sessionIds))
				.all()
				.filter((c) => c.revokedAt === null)
				.map(({ sessionId, traineeId }) => ({ sessionId, traineeId }))
		: [];
	const trainees = db
		.select({
			id: trainee.id,
			name: trainee.name,
			nameInitials: trainee.nameInitials,
			idNumber: trainee.idNumber,
			enterpriseUnitId: trainee.enterpriseUnitId,
			category: trainee.category,
			createdAt: trainee.createdAt
		})
		.from(trainee)
		.all();
	// The largest read (one row per person and half-day): plain rows from SQLite, without the query builder's mapping.
	const attended = db.$client
		.prepare(
			'select a.slot_id as slotId, a.trainee_id as traineeId, s.date as date, s.hours as hours from attendance a join session_slot s on s.id = a.slot_id where s.date <= ?'
		)
		.raw(false)
		.all(`${year}-12-31`) as StatsData['attendance'];
	// Completed online courses count toward a learner's hours like attended slots (issue 8: 「线上课程」).
	const courseHours = db.$client
		.prepare('select t.id as traineeId, c.completed_at as completedAt, c.hours as hours from course_completion c join trainee t on t.user_id = c.user_id')
		.all() as { traineeId: number; completedAt: number; hours: number }[];
	return {
		units,
		sessions,
		slots,
		enrollments,
		attendance: attended,
		courseHours: courseHours.map((c) => ({ traineeId: c.traineeId, date: chinaDate(c.completedAt), hours: c.hours })).filter((c) => c.date <= `${year}-12-31`),
		exams,
		certificates,
		trainees
	};
}

/** The figures of one year under the filter, as seen at `now` (which slots have been held). Pure. */
export function computeTrainingStats(data: StatsData, filter: StatsFilter, now: number): TrainingStats {
	const { year } = filter;
	const regionUnitId = filter.regionUnitId ?? null;
	const category = filter.category ?? null;
	const unitById = new Map(data.units.map((u) => [u.id, u]));
	const region = regionUnitId === null ? null : subtreeOf(data.units, regionUnitId);
	const traineeById = new Map(data.trainees.map((t) => [t.id, t]));
	const categoryOf = (traineeId: number) => traineeById.get(traineeId)?.category ?? null;
	const ofCategory = (traineeId: number, c: StaffCategory | null = category) => c === null || categoryOf(traineeId) === c;

	// --- sessions in scope -----------------------------------------------------------------------------
	const inRegion = data.sessions.filter((s) => region === null || (s.regionUnitId !== null && region.has(s.regionUnitId)));
	const cancelled = inRegion.filter((s) => s.status === 'cancelled').length;
	const live = inRegion.filter((s) => s.status !== 'cancelled');
	const liveIds = new Set(live.map((s) => s.id));
	const enrolledPairs = data.enrollments.filter((e) => e.status === 'enrolled' && liveIds.has(e.sessionId));

	const slotById = new Map(data.slots.filter((s) => liveIds.has(s.sessionId)).map((s) => [s.id, s]));
	const yearAttendance = data.attendance.filter((a) => slotById.has(a.slotId));
	const checkedIn = new Set(yearAttendance.map((a) => a.slotId));
	const held = [...slotById.values()].filter((s) => chinaInstant(s.date, s.endTime) <= now || checkedIn.has(s.id));

	/** The figures over sessions `sessions` for trainees of category `c` (null: all). */
	function figures(sessions: ReadonlySet<number>, c: StaffCategory | null) {
		const enrolled = enrolledPairs.filter((e) => sessions.has(e.sessionId) && ofCategory(e.traineeId, c));
		const seated = new Set(enrolled.map((e) => pair(e.sessionId, e.traineeId)));
		const enrolledPerSession = new Map<number, number>();
		for (const e of enrolled) enrolledPerSession.set(e.sessionId, (enrolledPerSession.get(e.sessionId) ?? 0) + 1);
		let hoursCents = 0;
		let attendedSeats = 0;
		const trainedPairs = new Set<number>();
		const hoursPerSession = new Map<number, number>();
		for (const a of yearAttendance) {
			const slot = slotById.get(a.slotId);
			if (!slot || !sessions.has(slot.sessionId) || !seated.has(pair(slot.sessionId, a.traineeId))) continue;
			attendedSeats++;
			hoursCents += cents(slot.hours);
			hoursPerSession.set(slot.sessionId, (hoursPerSession.get(slot.sessionId) ?? 0) + cents(slot.hours));
			trainedPairs.add(pair(slot.sessionId, a.traineeId));
		}
		const slotSeats = held.filter((s) => sessions.has(s.sessionId)).reduce((n, s) => n + (enrolledPerSession.get(s.sessionId) ?? 0), 0);
		const exams = data.exams.filter((x) => sessions.has(x.sessionId) && ofCategory(x.traineeId, c));
		const passed = exams.filter((x) => x.passed).length;
		const trainedBySession = new Map<number, number>();
		const people = new Set<number>();
		for (const p of trainedPairs) {
			const sessionId = Math.floor(p / 67_108_864);
			const traineeId = p - sessionId * 67_108_864;
			trainedBySession.set(sessionId, (trainedBySession.get(sessionId) ?? 0) + 1);
			people.add(traineeId);
		}
		return {
			enrolled: enrolled.length,
			enrolledPerSession,
			trained: trainedPairs.size,
			trainedBySession,
			trainees: people.size,
			hours: hoursCents / 100,
			hoursPerSession,
			slotSeats,
			attendedSeats,
			attendanceRate: rate(attendedSeats, slotSeats),
			exams: exams.length,
			passed,
			passRate: rate(passed, exams.length),
			certificates: data.certificates.filter((x) => sessions.has(x.sessionId) && ofCategory(x.traineeId, c)).length
		};
	}

	// With a category, a session counts when it is for that category (or everyone) or has such a trainee enrolled.
	const counted = live.filter(
		(s) => category === null || s.audience === category || s.audience === 'mixed' || enrolledPairs.some((e) => e.sessionId === s.id && ofCategory(e.traineeId))
	);
	const countedIds = new Set(counted.map((s) => s.id));
	const all = figures(countedIds, category);

	const byStatus = { planned: 0, enrolling: 0, running: 0, ended: 0 };
	for (const s of counted) if (s.status !== 'cancelled') byStatus[s.status]++;

	const breakdown = (sessions: readonly (typeof counted)[number][]): Breakdown => ({
		sessions: sessions.length,
		enrolled: sessions.reduce((n, s) => n + (all.enrolledPerSession.get(s.id) ?? 0), 0),
		trained: sessions.reduce((n, s) => n + (all.trainedBySession.get(s.id) ?? 0), 0),
		hours: sessions.reduce((n, s) => n + (all.hoursPerSession.get(s.id) ?? 0), 0) / 100
	});

	const byMonth: MonthRow[] = Array.from({ length: 12 }, (_, i) => ({
		month: i + 1,
		...breakdown(counted.filter((s) => Number(s.startDate.slice(5, 7)) === i + 1))
	}));

	const regionKeys = [...new Set(counted.map((s) => s.regionUnitId))];
	const byRegion: RegionRow[] = regionKeys
		.map((unitId) => ({
			unitId,
			name: unitId === null ? '未指定地区' : (unitById.get(unitId)?.name ?? '未知地区'),
			...breakdown(counted.filter((s) => s.regionUnitId === unitId))
		}))
		.sort((a, b) => b.trained - a.trained || b.sessions - a.sessions || byPinyin(a.name, b.name));

	// --- compliance --------------------------------------------------------------------------------------
	const yearEnd = `${year}-12-31`;
	const population = data.trainees.filter((t) => {
		if (chinaDate(t.createdAt) > yearEnd) return false;
		if (category !== null && t.category !== category) return false;
		if (region !== null && (t.enterpriseUnitId === null || !region.has(t.enterpriseUnitId))) return false;
		return true;
	});
	const records = new Map<number, Map<string, number>>();
	for (const h of [...data.attendance, ...(data.courseHours ?? [])]) {
		if (h.date > yearEnd) continue;
		let byDate = records.get(h.traineeId);
		if (!byDate) records.set(h.traineeId, (byDate = new Map()));
		byDate.set(h.date, (byDate.get(h.date) ?? 0) + cents(h.hours));
	}

	/** The county (or the nearest city/province) a unit sits under. */
	const regionNameOf = (unitId: number | null): string => {
		let u = unitId === null ? undefined : unitById.get(unitId);
		while (u && u.kind !== 'county' && u.kind !== 'city' && u.kind !== 'province') u = u.parentId === null ? undefined : unitById.get(u.parentId);
		return u?.name ?? '';
	};

	const judged = population.map((t) => {
		const ent = t.enterpriseUnitId === null ? undefined : unitById.get(t.enterpriseUnitId);
		const sector = ent?.kind === 'enterprise' ? ent.sector : null;
		const recs = [...(records.get(t.id) ?? new Map<string, number>())].map(([date, c]) => ({ date, hours: c / 100 }));
		const result = compliance({ category: t.category, sector }, recs, year);
		return { t, ent, sector, yearly: result.yearly, initial: result.initial };
	});

	const shortLearners: ShortRow[] = judged
		.filter((j) => j.yearly.short > 0)
		.map((j) => ({
			traineeId: j.t.id,
			name: j.t.name,
			nameInitials: j.t.nameInitials,
			idNumber: j.t.idNumber,
			enterpriseUnitId: j.t.enterpriseUnitId,
			enterpriseName: j.ent?.name ?? '',
			category: j.t.category,
			highRisk: isHighRiskSector(j.sector),
			required: j.yearly.required,
			done: j.yearly.done,
			short: j.yearly.short,
			initialShort: j.initial.short
		}))
		.sort((a, b) => b.short - a.short || byPinyin(a.enterpriseName, b.enterpriseName) || byPinyin(a.name, b.name) || a.traineeId - b.traineeId);

	const byEnterprise = new Map<number | null, EnterpriseRow & { hoursCents: number; shortCents: number }>();
	for (const j of judged) {
		const key = j.t.enterpriseUnitId;
		let row = byEnterprise.get(key);
		if (!row) {
			row = {
				unitId: key,
				name: key === null ? '（未登记企业）' : (j.ent?.name ?? '未知单位'),
				regionName: regionNameOf(key),
				trainees: 0,
				trained: 0,
				hours: 0,
				short: 0,
				shortHours: 0,
				hoursCents: 0,
				shortCents: 0
			};
			byEnterprise.set(key, row);
		}
		row.trainees++;
		if (j.yearly.done > 0) row.trained++;
		row.hoursCents += cents(j.yearly.done);
		if (j.yearly.short > 0) {
			row.short++;
			row.shortCents += cents(j.yearly.short);
		}
	}
	const enterprises: EnterpriseRow[] = [...byEnterprise.values()]
		.map(({ hoursCents, shortCents, ...r }) => ({ ...r, hours: hoursCents / 100, shortHours: shortCents / 100 }))
		.sort((a, b) => b.short - a.short || b.shortHours - a.shortHours || byPinyin(a.name, b.name));

	const byCategory: CategoryRow[] = (category === null ? STAFF_CATEGORIES : [category]).map((c) => {
		const sessions = new Set(live.map((s) => s.id));
		const f = figures(sessions, c);
		return {
			category: c,
			enrolled: f.enrolled,
			trained: f.trained,
			trainees: f.trainees,
			hours: f.hours,
			attendanceRate: f.attendanceRate,
			passRate: f.passRate,
			short: shortLearners.filter((r) => r.category === c).length
		};
	});

	return {
		filter: { year, regionUnitId, category },
		totals: {
			sessions: counted.length,
			cancelled,
			byStatus,
			enrolled: all.enrolled,
			trained: all.trained,
			trainees: all.trainees,
			hours: all.hours,
			slotSeats: all.slotSeats,
			attendedSeats: all.attendedSeats,
			attendanceRate: all.attendanceRate,
			exams: all.exams,
			passed: all.passed,
			passRate: all.passRate,
			certificates: all.certificates,
			population: population.length,
			compliant: population.length - shortLearners.length,
			short: shortLearners.length
		},
		byMonth,
		byRegion,
		byCategory,
		enterprises,
		shortLearners
	};
}

/** The yearly 再培训 figures the compliance lists judge by, as one sentence taken from the rules themselves. */
export function yearlyRequirementsText(): string {
	const y = (c: StaffCategory, highRisk: boolean) => requirementFor(c, null, 'yearly', highRisk);
	return `主要负责人、安全生产管理人员 ${y('principal', false)} 学时，冶金、有色等高危行业 ${y('principal', true)} 学时；其他从业人员（含特种作业人员）${y('other', false)} 学时，高危行业 ${y('other', true)} 学时`;
}

/** The statistics of one year under the filter: `loadStatsData` then `computeTrainingStats`. */
export function trainingStats(db: Db, filter: StatsFilter, now = Date.now()): TrainingStats {
	return computeTrainingStats(loadStatsData(db, filter.year), filter, now);
}

/** Years that have sessions (newest first), plus the current one. */
export function statsYears(db: Db, now = Date.now()): number[] {
	const years = db
		.selectDistinct({ year: trainingSession.year })
		.from(trainingSession)
		.where(ne(trainingSession.status, 'cancelled'))
		.all()
		.map((r) => r.year);
	const current = Number(chinaDate(now).slice(0, 4));
	return [...new Set([current, ...years])].sort((a, b) => b - a);
}

/** Regions a dashboard can be filtered by: 省, 市 and 县/区, in tree order with their depth. */
export function regionOptions(db: Db): { id: number; name: string; depth: number }[] {
	const rows = db
		.select({ id: unit.id, parentId: unit.parentId, name: unit.name })
		.from(unit)
		.where(inArray(unit.kind, ['province', 'city', 'county']))
		.all();
	const ids = new Set(rows.map((r) => r.id));
	const out: { id: number; name: string; depth: number }[] = [];
	const walk = (parent: number | null, depth: number) => {
		for (const r of rows) {
			const p = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
			if (p === parent) {
				out.push({ id: r.id, name: r.name, depth });
				walk(r.id, depth + 1);
			}
		}
	};
	walk(null, 0);
	return out;
}

/** A unit's name, or null. */
export function unitName(db: Db, unitId: number): string | null {
	return db.select({ name: unit.name }).from(unit).where(eq(unit.id, unitId)).get()?.name ?? null;
}

// --- list helpers shared by the page and the export ------------------------------------------------------

export const DASHBOARD_TABLES = ['month', 'region', 'category', 'enterprises', 'short'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export interface DashboardQuery {
	year: number;
	regionUnitId: number | null;
	category: StaffCategory | null;
	/** Search of the 学时不足 list, and of the enterprise table. */
	q: string;
	eq: string;
	/** Pages of the two long tables. */
	spage: number;
	epage: number;
}

/**
 * The dashboard's GET parameters (year, region, category, q, eq, spage, epage), shared by the page and the
 * export so both show the same rows. They are user input: anything unusable falls back to its default.
 */
export function parseDashboardQuery(p: URLSearchParams, now = Date.now()): DashboardQuery {
	const current = Number(chinaDate(now).slice(0, 4));
	const schema = z.object({
		year: z.coerce.number().int().min(2000).max(2100).catch(current),
		regionUnitId: z.coerce.number().int().positive().nullable().catch(null),
		category: z.enum(STAFF_CATEGORIES).nullable().catch(null),
		q: z.string().trim().max(50).catch(''),
		eq: z.string().trim().max(50).catch(''),
		spage: z.coerce.number().int().min(1).max(100_000).catch(1),
		epage: z.coerce.number().int().min(1).max(100_000).catch(1)
	});
	return schema.parse({
		year: p.get('year') || current,
		regionUnitId: p.get('region') || null,
		category: p.get('category') || null,
		q: p.get('q') ?? '',
		eq: p.get('eq') ?? '',
		spage: p.get('spage') ?? 1,
		epage: p.get('epage') ?? 1
	});
}

/** The 学时不足 list narrowed by a search: name (characters or pinyin: zw, zhangwei), enterprise, or the last 4 of the ID number (as shown masked). */
export function searchShort(rows: readonly ShortRow[], query: string): ShortRow[] {
	const q = query.trim();
	if (!q) return [...rows];
	const lower = q.toLowerCase();
	return rows.filter(
		(r) =>
			r.enterpriseName.includes(q) ||
			(/^\d{3}[\dxX]$/.test(q) && r.idNumber !== null && r.idNumber.endsWith(q.toUpperCase())) ||
			r.nameInitials.startsWith(lower) ||
			matchesName(r.name, q)
	);
}

/** Enterprises narrowed by a part of the name or of the region. */
export function searchEnterprises(rows: readonly EnterpriseRow[], query: string): EnterpriseRow[] {
	const q = query.trim();
	return q ? rows.filter((r) => r.name.includes(q) || r.regionName.includes(q)) : [...rows];
}

/** One page of a list (1-based, clamped to the last page). */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number; pageSize: number; total: number } {
	const pages = Math.max(1, Math.ceil(rows.length / pageSize));
	const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	return { rows: rows.slice((p - 1) * pageSize, p * pageSize), page: p, pageSize, total: rows.length };
}
