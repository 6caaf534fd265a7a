import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { UnitKind } from '../../../domain/unit';
import type { Sector } from '../../../domain/roles';

/** An organisation in the tree 省 → 市 → 县/区 → 部门/企业. */
export const unit = sqliteTable(
	'unit',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		parentId: integer('parent_id').references((): AnySQLiteColumn => unit.id, { onDelete: 'restrict' }),
		name: text('name').notNull(),
		kind: text('kind').$type<UnitKind>().notNull(),
		/** Enterprises only: industry sector of 工贸. */
		sector: text('sector').$type<Sector>(),
		address: text('address'),
		legalRepresentative: text('legal_representative'),
		/** 统一社会信用代码 (enterprises), optional. */
		creditCode: text('credit_code'),
		createdAt: integer('created_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [index('unit_parent_idx').on(t.parentId)]
);

export type Unit = typeof unit.$inferSelect;
