import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { article, lawImport } from '../db/schema';
import { recordAudit } from '../audit';
import { validateDataset, type DatasetError } from '../../domain/law/dataset';

export type ImportResult =
	| { ok: true; laws: { lawId: string; articles: number; complete: boolean }[] }
	| { ok: false; errors: DatasetError[] };

/**
 * Imports a parsed `law-dataset/1` document. Every record is validated first; on any problem nothing is
 * written. Importing the same file twice leaves the same state (each law's articles are replaced).
 */
export function importLawDataset(db: Db, actorId: number | null, doc: unknown, now = Date.now()): ImportResult {
	const { laws, errors } = validateDataset(doc);
	if (errors.length) return { ok: false, errors };
	db.transaction((tx) => {
		for (const law of laws) {
			const before = tx.select().from(lawImport).where(eq(lawImport.lawId, law.lawId)).get() ?? null;
			tx.delete(article).where(eq(article.lawId, law.lawId)).run();
			for (const a of law.articles) tx.insert(article).values({ lawId: law.lawId, ...a }).run();
			const row = {
				lawId: law.lawId,
				datasetTitle: law.title,
				edition: law.edition,
				complete: law.complete,
				articleCount: law.articles.length,
				importedAt: now
			};
			tx.insert(lawImport).values(row).onConflictDoUpdate({ target: lawImport.lawId, set: row }).run();
			recordAudit(tx, {
				actorId,
				action: 'law.import',
				entity: 'law',
				entityId: law.lawId,
				before: before && { articleCount: before.articleCount, complete: before.complete, edition: before.edition },
				after: { articleCount: row.articleCount, complete: row.complete, edition: row.edition },
				at: now
			});
		}
		// The FTS index is external-content: rebuild it from the article table in the same transaction.
		tx.run(sql`INSERT INTO article_fts(article_fts) VALUES('rebuild')`);
	});
	return { ok: true, laws: laws.map((l) => ({ lawId: l.lawId, articles: l.articles.length, complete: l.complete })) };
}

export function importedLaws(db: Db) {
	return db.select().from(lawImport).all();
}

export function lawArticles(db: Db, lawId: string) {
	return db
		.select({ number: article.number, chapter: article.chapter, text: article.text, verification: article.verification, note: article.note })
		.from(article)
		.where(eq(article.lawId, lawId))
		.orderBy(asc(article.number))
		.all();
}

export function getArticle(db: Db, lawId: string, number: number) {
	return db
		.select({ number: article.number, text: article.text })
		.from(article)
		.where(sql`${article.lawId} = ${lawId} and ${article.number} = ${number}`)
		.get();
}

/** Which article numbers are loaded for each law, for validating citations. */
export function articleIndex(db: Db): Map<string, Set<number>> {
	const index = new Map<string, Set<number>>();
	for (const r of db.select({ lawId: article.lawId, number: article.number }).from(article).all()) {
		let set = index.get(r.lawId);
		if (!set) index.set(r.lawId, (set = new Set()));
		set.add(r.number);
	}
	return index;
}

export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export interface SearchHit {
	lawId: string;
	number: number;
	/** The matching passage with hits wrapped in HIT_START/HIT_END markers (never HTML). */
	snippet: string;
}

/**
 * Searches article texts. Three or more characters use the FTS5 trigram index (any substring);
 * shorter queries fall back to a plain substring scan, which is fine at the size of a law library.
 */
export function searchArticles(db: Db, query: string, limit = 20, offset = 0): { total: number; hits: SearchHit[] } {
	const q = query.trim();
	if (!q) return { total: 0, hits: [] };
	if ([...q].length >= 3) {
		const phrase = `"${q.replaceAll('"', '""')}"`;
		const total =
			db.get<{ n: number }>(sql`SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH ${phrase}`)?.n ?? 0;
		const rows = db.all<{ lawId: string; number: number; snippet: string }>(sql`
			SELECT a.law_id AS lawId, a.number AS number,
				snippet(article_fts, 0, ${HIT_START}, ${HIT_END}, '…', 48) AS snippet
			FROM article_fts JOIN article a ON a.id = article_fts.rowid
			WHERE article_fts MATCH ${phrase}
			ORDER BY rank, a.law_id, a.number
			LIMIT ${limit} OFFSET ${offset}`);
		return { total, hits: rows };
	}
	const pattern = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
	const where = sql`${article.text} LIKE ${pattern} ESCAPE '\\'`;
	const total = db.select({ n: count() }).from(article).where(where).get()?.n ?? 0;
	const rows = db
		.select({ lawId: article.lawId, number: article.number, text: article.text })
		.from(article)
		.where(where)
		.orderBy(asc(article.lawId), asc(article.number))
		.limit(limit)
		.offset(offset)
		.all();
	return { total, hits: rows.map((r) => ({ lawId: r.lawId, number: r.number, snippet: markSubstring(r.text, q) })) };
}

/** Marks every occurrence of `q` in `text`, trimmed to a window around the first one. */
export function markSubstring(text: string, q: string, radius = 40): string {
	const first = text.indexOf(q);
	if (first < 0) return text.slice(0, radius * 2);
	const from = Math.max(0, first - radius);
	const to = Math.min(text.length, first + q.length + radius);
	const window = text.slice(from, to).split(q).join(HIT_START + q + HIT_END);
	return (from > 0 ? '…' : '') + window + (to < text.length ? '…' : '');
}
