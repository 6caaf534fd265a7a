import type { Db } from '../db';
import type { CitationLinker } from '../markdown';
import { parseCitations, formatCitation } from '../../domain/law/citation';
import { articleSummary } from '../../domain/law/summaries';
import { getArticle } from './library';

const PREVIEW_CHARS = 300;

/** The text a citation link shows on hover or tap: the article's text, else our summary, else nothing. */
export function citationPreview(db: Db, lawId: string, article: number): string | undefined {
	const label = formatCitation({ lawId, article });
	const row = getArticle(db, lawId, article);
	if (row) {
		const text = row.text.replace(/\n/g, ' ');
		return `${label}：${text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) + '…' : text}`;
	}
	const summary = articleSummary(lawId, article);
	if (summary) return `${label}（要点）：${summary.text}`;
	return undefined;
}

/** A linker for renderMarkdown: every citation the parser finds, with the article's text as its preview. */
export function createCitationLinker(db: Db | (() => Db)): CitationLinker {
	// Lazy, so rendering text without citations never opens the database.
	const dbOf = typeof db === 'function' ? db : () => db;
	const cache = new Map<string, string | undefined>();
	return (text) =>
		parseCitations(text).map((c) => {
			let title: string | undefined;
			if (c.lawId) {
				const key = `${c.lawId}#${c.article}`;
				if (!cache.has(key)) cache.set(key, citationPreview(dbOf(), c.lawId, c.article));
				title = cache.get(key);
			}
			return { start: c.start, end: c.end, lawId: c.lawId, article: c.article, paragraph: c.paragraph, item: c.item, title };
		});
}
