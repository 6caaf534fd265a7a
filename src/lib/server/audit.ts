import type { Db } from './db';
import { auditLog } from './db/schema';

/** A drizzle transaction or the database itself: audit rows go wherever the change goes. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface AuditEntry {
	actorId: number | null;
	action: string;
	entity: string;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
	at?: number;
}

/** Records who changed what. Call inside the transaction that makes the change, so both land or neither. */
export function recordAudit(tx: Tx, entry: AuditEntry): void {
	tx.insert(auditLog)
		.values({
			at: entry.at ?? Date.now(),
			actorId: entry.actorId,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
			before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
			after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
			reason: entry.reason ?? null
		})
		.run();
}
