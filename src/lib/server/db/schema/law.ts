import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One imported law text. The catalog (src/lib/domain/law/catalog.ts) says which laws exist; this table
 * records which of them have article texts loaded, from which dataset, and whether the text is complete.
 */
export const lawImport = sqliteTable('law_import', {
	lawId: text('law_id').primaryKey(),
	datasetTitle: text('dataset_title').notNull(),
	edition: text('edition'),
	complete: integer('complete', { mode: 'boolean' }).notNull(),
	articleCount: integer('article_count').notNull(),
	/** Milliseconds since the epoch. */
	importedAt: integer('imported_at').notNull()
});

/** An article (条) of a law; paragraphs (款) are newline-separated in `text`. */
export const article = sqliteTable(
	'article',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		lawId: text('law_id').notNull(),
		number: integer('number').notNull(),
		chapter: text('chapter'),
		text: text('text').notNull(),
		source: text('source'),
		verification: text('verification'),
		note: text('note')
	},
	(t) => [uniqueIndex('article_law_number_idx').on(t.lawId, t.number), index('article_law_idx').on(t.lawId)]
);

export type Article = typeof article.$inferSelect;
