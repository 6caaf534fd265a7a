import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';

/** Who changed what, with the state before and after, written in the same transaction as the change. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Milliseconds since the epoch. */
		at: integer('at').notNull(),
		actorId: integer('actor_id').references(() => user.id, { onDelete: 'set null' }),
		/** A short verb phrase code such as `user.create`, `unit.update`. */
		action: text('action').notNull(),
		/** The kind of object changed (`user`, `unit`, …) and its id. */
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		/** JSON snapshots; null when the object did not exist before / no longer exists after. */
		before: text('before'),
		after: text('after'),
		reason: text('reason')
	},
	(t) => [
		index('audit_at_idx').on(t.at),
		index('audit_entity_idx').on(t.entity, t.entityId),
		index('audit_actor_idx').on(t.actorId)
	]
);

export type AuditLog = typeof auditLog.$inferSelect;
