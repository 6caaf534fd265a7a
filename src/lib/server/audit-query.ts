import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db';
import { auditLog, user } from './db/schema';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
	/** A user id (digits: that id, or the exact username) or text found in the username or display name. */
	actor?: string | null;
	/** Exact entity kind: `user`, `unit`, `system` … */
	entity?: string | null;
	/** Text found in the action code: `unit.` finds every unit action. */
	action?: string | null;
	/** Calendar days `yyyy-mm-dd` in China time, both inclusive. */
	from?: string | null;
	to?: string | null;
	page?: number;
	pageSize?: number;
}

/** One field that differs between the before and after snapshots. */
export interface AuditChange {
	key: string;
	before: unknown;
	after: unknown;
}

const DAY_MS = 86_400_000;
// The platform serves mainland bureaus: "a day" is a day in China Standard Time, UTC+8 all year (no DST since 1991).
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Milliseconds since the epoch at 00:00 China time on `date` (`yyyy-mm-dd`). */
export function chinaDayStart(date: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) throw new Error(`chinaDayStart: not a yyyy-mm-dd date: ${date}`);
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS;
}

function likePattern(text: string): string {
	return `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
}

/** The audit trail, newest first, with the actor's names and the snapshots parsed. */
export function listAudit(db: Db, f: AuditFilter) {
	const conds: SQL[] = [];
	const actor = f.actor?.trim();
	if (actor) {
		conds.push(
			/^\d{1,9}$/.test(actor)
				? or(eq(auditLog.actorId, Number(actor)), eq(user.username, actor.toLowerCase()))!
				: or(
						sql`${user.username} like ${likePattern(actor)} escape '\\'`,
						sql`${user.displayName} like ${likePattern(actor)} escape '\\'`
					)!
		);
	}
	if (f.entity) conds.push(eq(auditLog.entity, f.entity));
	if (f.action?.trim()) conds.push(sql`${auditLog.action} like ${likePattern(f.action.trim())} escape '\\'`);
	if (f.from) conds.push(gte(auditLog.at, chinaDayStart(f.from)));
	if (f.to) conds.push(lt(auditLog.at, chinaDayStart(f.to) + DAY_MS));
	const where = conds.length ? and(...conds) : undefined;

	const total =
		db.select({ n: count() }).from(auditLog).leftJoin(user, eq(user.id, auditLog.actorId)).where(where).get()?.n ?? 0;
	const pageSize = f.pageSize ?? AUDIT_PAGE_SIZE;
	// A page past the end (an old link after filtering) shows the last page rather than nothing.
	const page = Math.min(Math.max(1, f.page ?? 1), Math.max(1, Math.ceil(total / pageSize)));
	const rows = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			reason: auditLog.reason,
			before: auditLog.before,
			after: auditLog.after,
			actorId: auditLog.actorId,
			actorUsername: user.username,
			actorDisplayName: user.displayName
		})
		.from(auditLog)
		.leftJoin(user, eq(user.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();

	return {
		total,
		page,
		pageSize,
		rows: rows.map((r) => {
			const before = parseSnapshot(r.before);
			const after = parseSnapshot(r.after);
			return { ...r, before, after, changes: diffSnapshots(before, after) };
		})
	};
}

export type AuditRow = ReturnType<typeof listAudit>['rows'][number];

function parseSnapshot(text: string | null): unknown {
	if (text === null) return null;
	try {
		return JSON.parse(text);
	} catch {
		// recordAudit always writes JSON, but a hand-edited or legacy row must still be readable: show it as text.
		return text;
	}
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The fields whose values differ between two object snapshots, in the order they first appear.
 * Empty when either side is missing (a create or delete) or is not an object.
 */
export function diffSnapshots(before: unknown, after: unknown): AuditChange[] {
	if (!isRecord(before) || !isRecord(after)) return [];
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return keys
		.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
		.map((key) => ({ key, before: before[key] ?? null, after: after[key] ?? null }));
}
