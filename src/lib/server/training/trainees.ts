/**
 * Trainees (学员): the people trained, with or without an account. One row per person (一人一档): a row is
 * found again by its ID number, or, without one, by name and phone. ID numbers are stored whole so they can
 * be matched, and leave this module masked except for admins (`present`).
 */
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { enrollment, trainee, unit, user } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { Role, StaffCategory } from '../../domain/roles';
import { checkIdNumber, maskIdNumber } from '../../domain/training/id-number';
import { checkPhone, maskPhone } from '../../domain/training/phone';
import { matchesName, pinyinInitials } from '../../domain/training/pinyin';
import { toHalfWidth } from '../../domain/training/text';

export type Trainee = typeof trainee.$inferSelect;

export interface TraineeInput {
	name: string;
	phone?: string | null;
	idNumber?: string | null;
	enterpriseUnitId?: number | null;
	category: StaffCategory;
	position?: string | null;
}

/** Who is looking: decides what of a trainee's ID number and phone they see. */
export interface Viewer {
	id: number;
	roles: readonly Role[];
}

export type TraineeError =
	| 'trainee.name_required'
	| 'trainee.name_too_long'
	| 'trainee.identity_required'
	| 'trainee.enterprise_not_found'
	| 'trainee.not_found'
	| 'trainee.category_missing'
	| 'user.not_found'
	| 'id.length'
	| 'id.chars'
	| 'id.birth'
	| 'id.checksum'
	| 'phone.empty'
	| 'phone.invalid'
	| 'phone.not_mobile';

export const MAX_NAME_LENGTH = 50;

/** yyyy-mm-dd in China time, for judging birth dates in ID numbers. */
function todayInChina(now: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Trimmed, runs of whitespace as one space, and none between Chinese characters (张 伟 → 张伟). */
export function normaliseName(name: string): string {
	return toHalfWidth(name)
		.trim()
		.replace(/\s+/g, ' ')
		.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '');
}

const isStaff = (v: Viewer) => v.roles.includes('admin') || v.roles.includes('trainer');

/**
 * A trainee as shown to `viewer`: the ID number whole only for admins, masked (110***********1234) for
 * everyone else; the phone whole for staff (trainers, admins), masked for anyone else. The learner's own
 * record is no exception: pages showing one's own data show it masked as well.
 */
export function present<T extends { idNumber: string | null; phone: string | null }>(row: T, viewer: Viewer): T & { idMasked: boolean } {
	const admin = viewer.roles.includes('admin');
	return {
		...row,
		idNumber: row.idNumber === null ? null : admin ? row.idNumber : maskIdNumber(row.idNumber),
		phone: row.phone === null ? null : isStaff(viewer) ? row.phone : maskPhone(row.phone),
		idMasked: !admin
	};
}

function checkedIdentity(input: TraineeInput, now: number): Result<{ name: string; phone: string | null; idNumber: string | null }, TraineeError> {
	const name = normaliseName(input.name);
	if (!name) return err('trainee.name_required');
	if (name.length > MAX_NAME_LENGTH) return err('trainee.name_too_long', { max: MAX_NAME_LENGTH });
	let idNumber: string | null = null;
	if (input.idNumber && input.idNumber.trim()) {
		const r = checkIdNumber(input.idNumber, todayInChina(now));
		if (!r.ok) return r;
		idNumber = r.value;
	}
	let phone: string | null = null;
	if (input.phone && input.phone.trim()) {
		const r = checkPhone(input.phone);
		if (!r.ok) return r;
		phone = r.value;
	}
	if (!idNumber && !phone) return err('trainee.identity_required');
	return ok({ name, phone, idNumber });
}

/** What the audit log keeps of a trainee: the ID number masked, as everyone but admins sees it. */
const auditView = (t: Pick<Trainee, 'name' | 'phone' | 'idNumber' | 'enterpriseUnitId' | 'category' | 'position' | 'userId'>) => ({
	name: t.name,
	phone: t.phone,
	idNumber: t.idNumber === null ? null : maskIdNumber(t.idNumber),
	enterpriseUnitId: t.enterpriseUnitId,
	category: t.category,
	position: t.position,
	userId: t.userId
});

/**
 * The trainee an ID number (normalised: half-width, upper-case X) or, without one, a name and phone
 * belongs to; created (and audited) when there is none. An existing row is returned as it is: the
 * input's other fields do not overwrite what is on record. At least an ID number or a phone is needed,
 * since a bare name cannot tell two 张伟 apart. Call inside the caller's transaction when part of a
 * larger change (an enrolment, an import).
 */
export function findOrCreateTrainee(db: Tx, actorId: number | null, input: TraineeInput, now = Date.now()): Result<{ trainee: Trainee; created: boolean }, TraineeError> {
	const identity = checkedIdentity(input, now);
	if (!identity.ok) return identity;
	const { name, phone, idNumber } = identity.value;
	const existing = idNumber
		? db.select().from(trainee).where(eq(trainee.idNumber, idNumber)).get()
		: db
				.select()
				.from(trainee)
				.where(and(eq(trainee.name, name), eq(trainee.phone, phone!)))
				.orderBy(asc(trainee.id))
				.get();
	if (existing) return ok({ trainee: existing, created: false });
	const enterpriseUnitId = input.enterpriseUnitId ?? null;
	if (enterpriseUnitId !== null && !db.select({ id: unit.id }).from(unit).where(eq(unit.id, enterpriseUnitId)).get()) return err('trainee.enterprise_not_found');
	const row = db
		.insert(trainee)
		.values({
			name,
			nameInitials: pinyinInitials(name),
			phone,
			idNumber,
			enterpriseUnitId,
			category: input.category,
			position: input.position?.trim() ?? '',
			createdAt: now
		})
		.returning()
		.get();
	recordAudit(db, { actorId, action: 'training.trainee_create', entity: 'trainee', entityId: row.id, after: auditView(row), at: now });
	return ok({ trainee: row, created: true });
}

/**
 * The learner's own trainee row, made from their account on first use: name = display name, category and
 * enterprise from the profile (the unit counts as the enterprise only when it is one), phone and 岗位 too.
 * A row imported earlier with the same name and phone and no account yet is linked instead of duplicated,
 * when exactly one such row exists. Refused when the account has no 人员类别.
 */
export function traineeForUser(db: Tx, userId: number, now = Date.now()): Result<Trainee, TraineeError> {
	const own = db.select().from(trainee).where(eq(trainee.userId, userId)).get();
	if (own) return ok(own);
	const u = db
		.select({ displayName: user.displayName, unitId: user.unitId, unitKind: unit.kind, staffCategory: user.staffCategory, phone: user.phone, position: user.position })
		.from(user)
		.leftJoin(unit, eq(unit.id, user.unitId))
		.where(eq(user.id, userId))
		.get();
	if (!u) return err('user.not_found');
	if (!u.staffCategory) return err('trainee.category_missing');
	const name = normaliseName(u.displayName);
	const checkedPhone = u.phone ? checkPhone(u.phone) : null;
	const phone = checkedPhone?.ok ? checkedPhone.value : null;
	if (phone) {
		const candidates = db
			.select()
			.from(trainee)
			.where(and(eq(trainee.name, name), eq(trainee.phone, phone), isNull(trainee.userId)))
			.limit(2)
			.all();
		if (candidates.length === 1) {
			const linked = db.update(trainee).set({ userId }).where(eq(trainee.id, candidates[0].id)).returning().get();
			recordAudit(db, { actorId: userId, action: 'training.trainee_link', entity: 'trainee', entityId: linked.id, before: { userId: null }, after: { userId }, at: now });
			return ok(linked);
		}
	}
	const row = db
		.insert(trainee)
		.values({
			name,
			nameInitials: pinyinInitials(name),
			phone,
			idNumber: null,
			enterpriseUnitId: u.unitKind === 'enterprise' ? u.unitId : null,
			category: u.staffCategory,
			position: u.position?.trim() ?? '',
			userId,
			createdAt: now
		})
		.returning()
		.get();
	recordAudit(db, { actorId: userId, action: 'training.trainee_create', entity: 'trainee', entityId: row.id, after: auditView(row), at: now });
	return ok(row);
}

/** The trainee row of an account, or null (never creates one). */
export function traineeOfUser(db: Tx, userId: number): Trainee | null {
	return db.select().from(trainee).where(eq(trainee.userId, userId)).get() ?? null;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => '\\' + c);
const like = (column: SQLWrapper, pattern: string) => sql`${column} like ${pattern} escape '\\'`;

export interface TraineeMatch {
	/** SQL prefilter over `trainee` left-joined with its enterprise `unit`; undefined for an empty query. */
	where: SQL | undefined;
	/** Confirms a prefiltered row; null when the SQL condition is exact. */
	confirm: ((row: { name: string; phone: string | null; enterpriseName: string | null }) => boolean) | null;
}

/**
 * How a search box finds trainees: name, phone or enterprise name containing the text, or the name typed
 * in pinyin (张伟 by zw, zhangwei, wei). For pinyin the stored initials prefilter in SQL (the first letter
 * typed must be an initial of the name) and `matchesName` confirms. Expects `unit` joined as the
 * enterprise (`leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))`).
 */
export function traineeMatch(query: string): TraineeMatch {
	const q = toHalfWidth(query).trim().toLowerCase();
	if (!q) return { where: undefined, confirm: null };
	const pattern = `%${escapeLike(q)}%`;
	const contains = or(like(trainee.name, pattern), like(sql`coalesce(${trainee.phone}, '')`, pattern), like(sql`coalesce(${unit.name}, '')`, pattern))!;
	const compactQ = q.replace(/\s+/g, '');
	if (!/^[a-z0-9]+$/.test(compactQ) || !/[a-z]/.test(compactQ)) return { where: contains, confirm: null };
	const initial = `%${escapeLike(compactQ[0])}%`;
	return {
		where: or(contains, like(trainee.nameInitials, initial))!,
		confirm: (r) => r.name.toLowerCase().includes(q) || (r.phone ?? '').includes(q) || (r.enterpriseName ?? '').toLowerCase().includes(q) || matchesName(r.name, q)
	};
}

/**
 * Runs a prefiltered, confirmed search with paging: `candidates` lists (id, name, phone, enterprise) in
 * display order for the SQL prefilter; the confirmed ones are counted and the requested page of ids is
 * returned. Exact (SQL-only) matches should page in SQL instead; this is for the pinyin case.
 */
export function pageConfirmed<R extends { name: string; phone: string | null; enterpriseName: string | null }>(
	candidates: readonly R[],
	confirm: (row: R) => boolean,
	limit: number,
	offset: number
): { total: number; rows: R[] } {
	const hits = candidates.filter(confirm);
	return { total: hits.length, rows: hits.slice(offset, offset + limit) };
}

/**
 * One page of a session's enrolments that `conds` and the search `query` select, in `order`: the total and
 * the page's enrolment and trainee ids (the roster and the attendance sheet then read their own columns for
 * those ids). Exact matches page in SQL; a pinyin search is confirmed row by row (pageConfirmed).
 */
export function pageEnrollments(
	db: Db,
	conds: SQL[],
	query: string,
	order: SQL[],
	page: number,
	pageSize: number
): { total: number; ids: { enrollmentId: number; traineeId: number }[] } {
	const match = traineeMatch(query);
	const where = and(...conds, ...(match.where ? [match.where] : []));
	const filtered = () =>
		db
			.select({ enrollmentId: enrollment.id, traineeId: trainee.id, name: trainee.name, phone: trainee.phone, enterpriseName: unit.name })
			.from(enrollment)
			.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
			.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
			.where(where)
			.orderBy(...order);
	const offset = (page - 1) * pageSize;
	if (match.confirm) {
		const confirmed = pageConfirmed(filtered().all(), match.confirm, pageSize, offset);
		return { total: confirmed.total, ids: confirmed.rows.map(({ enrollmentId, traineeId }) => ({ enrollmentId, traineeId })) };
	}
	const total =
		db
			.select({ n: count() })
			.from(enrollment)
			.innerJoin(trainee, eq(trainee.id, enrollment.traineeId))
			.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
			.where(where)
			.get()?.n ?? 0;
	const ids = filtered()
		.limit(pageSize)
		.offset(offset)
		.all()
		.map(({ enrollmentId, traineeId }) => ({ enrollmentId, traineeId }));
	return { total, ids };
}

export interface TraineeSearch {
	enterpriseUnitId?: number | null;
	category?: StaffCategory | null;
	limit?: number;
	offset?: number;
}

const traineeColumns = {
	id: trainee.id,
	name: trainee.name,
	phone: trainee.phone,
	idNumber: trainee.idNumber,
	enterpriseUnitId: trainee.enterpriseUnitId,
	enterpriseName: unit.name,
	category: trainee.category,
	position: trainee.position,
	userId: trainee.userId
};

export type TraineeRow = {
	id: number;
	name: string;
	phone: string | null;
	idNumber: string | null;
	enterpriseUnitId: number | null;
	enterpriseName: string | null;
	category: StaffCategory;
	position: string;
	userId: number | null;
};

/**
 * Trainees by name, phone, enterprise name or pinyin of the name, optionally of one enterprise or
 * category; ordered by name. Rows carry whole ID numbers and phones: pass them through `present`.
 */
export function searchTrainees(db: Db, query: string, opts: TraineeSearch = {}): { total: number; rows: TraineeRow[] } {
	const limit = opts.limit ?? 20;
	const offset = opts.offset ?? 0;
	const match = traineeMatch(query);
	const conds: SQL[] = [];
	if (match.where) conds.push(match.where);
	if (opts.enterpriseUnitId) conds.push(eq(trainee.enterpriseUnitId, opts.enterpriseUnitId));
	if (opts.category) conds.push(eq(trainee.category, opts.category));
	const where = conds.length ? and(...conds) : undefined;
	const base = () => db.select(traineeColumns).from(trainee).leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId)).where(where);
	if (!match.confirm) {
		const total = db.select({ n: count() }).from(trainee).leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId)).where(where).get()?.n ?? 0;
		const rows = base().orderBy(asc(trainee.nameInitials), asc(trainee.name), asc(trainee.id)).limit(limit).offset(offset).all();
		return { total, rows };
	}
	const candidates = db
		.select({ id: trainee.id, name: trainee.name, phone: trainee.phone, enterpriseName: unit.name })
		.from(trainee)
		.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
		.where(where)
		.orderBy(asc(trainee.nameInitials), asc(trainee.name), asc(trainee.id))
		.all();
	const page = pageConfirmed(candidates, match.confirm, limit, offset);
	const ids = page.rows.map((r) => r.id);
	const byId = new Map(
		ids.length
			? db
					.select(traineeColumns)
					.from(trainee)
					.leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId))
					.where(inArray(trainee.id, ids))
					.all()
					.map((r) => [r.id, r])
			: []
	);
	return { total: page.total, rows: ids.map((id) => byId.get(id)!) };
}

/** One trainee with the enterprise name, or null. Whole ID number and phone: pass through `present`. */
export function getTrainee(db: Tx, traineeId: number): TraineeRow | null {
	return db.select(traineeColumns).from(trainee).leftJoin(unit, eq(unit.id, trainee.enterpriseUnitId)).where(eq(trainee.id, traineeId)).get() ?? null;
}
