import { getLaw } from './catalog';

/** What the library knows: loaded article numbers per law, and whether each law's text is complete. */
export interface LibraryIndex {
	articles: ReadonlyMap<string, ReadonlySet<number>>;
	complete: ReadonlyMap<string, boolean>;
}

export type CitationCheck =
	| 'ok'
	/** The law is not in the catalog (lawId null). */
	| 'unknown_law'
	/** The law's full text is loaded and has no such article. */
	| 'no_such_article'
	/** The law's text is partial or not loaded, so the article cannot be confirmed. */
	| 'unverifiable'
	/** The article exists but the cited edition has been amended or repealed. */
	| 'superseded';

/**
 * Checks a parsed citation against the law library. The parser never judges existence; this does.
 * A superseded edition is reported even when the article exists, because citing it is itself an error.
 */
export function validateCitation(c: { lawId: string | null; article: number }, library: LibraryIndex): CitationCheck {
	if (!c.lawId) return 'unknown_law';
	const law = getLaw(c.lawId);
	if (!law) return 'unknown_law';
	if (law.status === 'amended' || law.status === 'repealed') return 'superseded';
	// The article count (from the catalog) catches numbers from an old edition even without the text,
	// such as 有限空间规定第二十八条 (the 2024 rules have 22 articles).
	if (law.articleCount !== undefined && c.article > law.articleCount) return 'no_such_article';
	const loaded = library.articles.get(c.lawId);
	if (loaded?.has(c.article)) return 'ok';
	return library.complete.get(c.lawId) ? 'no_such_article' : 'unverifiable';
}
