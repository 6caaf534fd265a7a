/**
 * Grading a cited provision against the expected one (quiz citation questions, drill answer sheets).
 */
import type { Citation } from './citation';

/** Best first. */
export const CITATION_GRADES = ['exact', 'article', 'law', 'wrong'] as const;
/**
 * - exact: right law, article, and paragraph/item as far as the expected citation names them;
 * - article: right law and article, but a paragraph or item the expected one names is wrong or missing;
 * - law: right law, wrong article;
 * - wrong: another law, an unknown law (lawId null) or no law at all.
 */
export type CitationGrade = (typeof CITATION_GRADES)[number];

export type CitationRef = Pick<Citation, 'lawId' | 'article' | 'paragraph' | 'item'>;

/**
 * Grades `given` against `expected`.
 *
 * Levels the expected citation leaves out are not checked: if it says 第四十一条, then 第四十一条第二款
 * is still 'exact' (citing more precisely is not an error). Editions are different laws: the 2014
 * 安全生产法 (work-safety-law-2014) against the 2021 one is 'wrong', because articles were renumbered.
 * Two unknown laws (lawId null) never match, since nothing says they are the same law.
 */
export function compareCitation(given: CitationRef, expected: CitationRef): CitationGrade {
	if (given.lawId === null || given.lawId !== expected.lawId) return 'wrong';
	if (given.article !== expected.article) return 'law';
	if (expected.paragraph !== undefined && given.paragraph !== expected.paragraph) return 'article';
	if (expected.item !== undefined && given.item !== expected.item) return 'article';
	return 'exact';
}

/** Whether grade `a` is better than grade `b`. */
export function isBetterGrade(a: CitationGrade, b: CitationGrade): boolean {
	return CITATION_GRADES.indexOf(a) < CITATION_GRADES.indexOf(b);
}

export interface ExpectedCitationResult {
	/** The best grade any given citation earns against this expected one. */
	grade: CitationGrade;
	/** Index in `given` of the first citation with that grade; -1 when there are no given citations. */
	givenIndex: number;
}

/**
 * Grades a list of given citations (e.g. parseCitations of an answer) against the expected ones.
 *
 * Each expected citation gets the best grade of any given citation, independently: one given citation
 * may satisfy several expected ones (第四十一条 answers both 第四十一条第一款 and 第二款 at 'article').
 * `unmatched` lists the given citations that are 'wrong' against every expected one, so that a
 * scorer can decide whether citing unrelated provisions costs points.
 */
export function compareCitationLists(
	given: readonly CitationRef[],
	expected: readonly CitationRef[]
): { results: ExpectedCitationResult[]; unmatched: number[] } {
	const results = expected.map((e) => {
		let best: ExpectedCitationResult = { grade: 'wrong', givenIndex: given.length > 0 ? 0 : -1 };
		given.forEach((g, i) => {
			const grade = compareCitation(g, e);
			if (isBetterGrade(grade, best.grade)) best = { grade, givenIndex: i };
		});
		return best;
	});
	const unmatched = given.flatMap((g, i) => (expected.every((e) => compareCitation(g, e) === 'wrong') ? [i] : []));
	return { results, unmatched };
}
