import { describe, expect, it } from 'vitest';
import { validateCitation, type CitationCheck, type LibraryIndex } from './validate';

const library: LibraryIndex = {
	articles: new Map([
		['work-safety-law', new Set([1, 41, 119])],
		['major-hazard-criteria', new Set([3, 11])],
		['penalty-measures-2015', new Set([13])]
	]),
	complete: new Map([
		['work-safety-law', true],
		['major-hazard-criteria', false],
		['penalty-measures-2015', false]
	])
};

describe('validateCitation', () => {
	const cases: [string | null, number, CitationCheck][] = [
		['work-safety-law', 41, 'ok'],
		['work-safety-law', 119, 'ok'],
		['work-safety-law', 120, 'no_such_article'],
		['work-safety-law', 200, 'no_such_article'],
		['major-hazard-criteria', 11, 'ok'],
		['fire-law', 16, 'unverifiable'],
		['confined-space-rules', 28, 'no_such_article'],
		['confined-space-rules', 21, 'unverifiable'],
		['major-hazard-criteria', 16, 'no_such_article'],
		['penalty-measures-2015', 13, 'superseded'],
		['work-safety-law-2014', 38, 'superseded'],
		[null, 41, 'unknown_law'],
		['made-up-law', 1, 'unknown_law']
	];
	for (const [lawId, article, expected] of cases) {
		it(`${lawId ?? '(no law)'} 第${article}条 → ${expected}`, () => {
			expect(validateCitation({ lawId, article }, library)).toBe(expected);
		});
	}
});
