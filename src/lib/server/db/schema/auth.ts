import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Role, StaffCategory } from '../../../domain/roles';
import { unit } from './unit';

export const user = sqliteTable('user', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Login name, stored lower-case. */
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	unitId: integer('unit_id').references(() => unit.id, { onDelete: 'restrict' }),
	/** Learners: 主要负责人 / 安全生产管理人员 / 特种作业人员 / 其他从业人员. */
	staffCategory: text('staff_category').$type<StaffCategory>(),
	phone: text('phone'),
	/** 岗位, free text. */
	position: text('position'),
	isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
	createdAt: integer('created_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`),
	updatedAt: integer('updated_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`)
});

export const userRole = sqliteTable(
	'user_role',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role').$type<Role>().notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);

/** A login session. `id` is the SHA-256 (hex) of the token held in the cookie; the token itself is never stored. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp' }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** One failed login, keyed by `user:<name>` or `ip:<address>`; read by the throttle. */
export const loginFailure = sqliteTable(
	'login_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		/** Milliseconds since the epoch. */
		at: integer('at').notNull()
	},
	(t) => [index('login_failure_key_idx').on(t.key, t.at)]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
