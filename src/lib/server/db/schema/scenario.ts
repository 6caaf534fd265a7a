import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';

/** A scenario being authored; `draft` is ScenarioContent as JSON (validated by the portable schema). */
export const scenario = sqliteTable('scenario', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	draft: text('draft').notNull(),
	/** Number of the latest published version; 0 when never published. */
	latestVersion: integer('latest_version').notNull().default(0),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`),
	updatedAt: integer('updated_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`)
});

/** An immutable published version. Drills refer to a version, never to the draft. */
export const scenarioVersion = sqliteTable(
	'scenario_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenario.id, { onDelete: 'restrict' }),
		number: integer('number').notNull(),
		content: text('content').notNull(),
		/** Secret salt of the officer view's opaque ids; never sent to a browser. */
		salt: text('salt').notNull(),
		publishedBy: integer('published_by').references(() => user.id, { onDelete: 'set null' }),
		publishedAt: integer('published_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [uniqueIndex('scenario_version_number_idx').on(t.scenarioId, t.number)]
);

/** An uploaded picture. The file lives under the upload directory with the random id as its name. */
export const scenarioImage = sqliteTable(
	'scenario_image',
	{
		id: text('id').primaryKey(),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenario.id, { onDelete: 'cascade' }),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [index('scenario_image_scenario_idx').on(t.scenarioId)]
);

export type Scenario = typeof scenario.$inferSelect;
export type ScenarioVersion = typeof scenarioVersion.$inferSelect;
