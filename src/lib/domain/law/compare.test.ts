import { describe, expect, it } from 'vitest';
import { compareCitation, compareCitationLists, isBetterGrade, type CitationGrade, type CitationRef } from './compare';

const W = 'work-safety-law';
const ref = (lawId: string | null, article: number, paragraph?: number, item?: number): CitationRef => ({
	lawId,
	article,
	...(paragraph === undefined ? {} : { paragraph }),
	...(item === undefined ? {} : { item })
});

describe('compareCitation', () => {
	// [given, expected, grade]
	const cases: [CitationRef, CitationRef, CitationGrade][] = [
		[ref(W, 41), ref(W, 41), 'exact'],
		[ref(W, 102, 1, 3), ref(W, 102, 1, 3), 'exact'],
		[ref(W, 41, 2), ref(W, 41), 'exact'], // more precise than expected
		[ref(W, 102, 1, 3), ref(W, 102), 'exact'],
		[ref(W, 102, 1, 3), ref(W, 102, 1), 'exact'],
		[ref(W, 28, undefined, 1), ref(W, 28, undefined, 1), 'exact'],
		[ref(W, 28, 2, 1), ref(W, 28, undefined, 1), 'exact'], // expected names no paragraph
		[ref(W, 41), ref(W, 41, 2), 'article'], // paragraph missing
		[ref(W, 41, 1), ref(W, 41, 2), 'article'],
		[ref(W, 102, 1), ref(W, 102, 1, 3), 'article'], // item missing
		[ref(W, 102, 1, 2), ref(W, 102, 1, 3), 'article'],
		[ref(W, 102, 2, 3), ref(W, 102, 1, 3), 'article'],
		[ref(W, 28, undefined, 2), ref(W, 28, undefined, 1), 'article'],
		[ref(W, 38), ref(W, 41), 'law'],
		[ref(W, 20), ref(W, 21), 'law'],
		[ref(W, 41, 2), ref(W, 42, 2), 'law'],
		[ref('fire-law', 41), ref(W, 41), 'wrong'],
		[ref('work-safety-law-2014', 38), ref(W, 41), 'wrong'], // old edition, old numbering
		[ref('work-safety-law-2014', 41), ref(W, 41), 'wrong'],
		[ref(null, 41), ref(W, 41), 'wrong'],
		[ref(null, 41), ref(null, 41), 'wrong'],
		[ref('penalty-measures-2015', 45), ref('penalty-measures', 45), 'wrong']
	];
	for (const [given, expected, grade] of cases) {
		it(`${JSON.stringify(given)} vs ${JSON.stringify(expected)} → ${grade}`, () => {
			expect(compareCitation(given, expected)).toBe(grade);
		});
	}
});

describe('isBetterGrade', () => {
	const cases: [CitationGrade, CitationGrade, boolean][] = [
		['exact', 'article', true],
		['article', 'law', true],
		['law', 'wrong', true],
		['exact', 'wrong', true],
		['wrong', 'law', false],
		['article', 'exact', false],
		['law', 'law', false]
	];
	for (const [a, b, better] of cases) {
		it(`${a} better than ${b}: ${better}`, () => expect(isBetterGrade(a, b)).toBe(better));
	}
});

describe('compareCitationLists', () => {
	const cases: [string, CitationRef[], CitationRef[], ReturnType<typeof compareCitationLists>][] = [
		[
			'each expected takes the best given',
			[ref(W, 38), ref(W, 41, 1), ref(W, 102, 1, 3)],
			[ref(W, 41, 2), ref(W, 102, 1, 3)],
			{
				results: [
					{ grade: 'article', givenIndex: 1 },
					{ grade: 'exact', givenIndex: 2 }
				],
				unmatched: []
			}
		],
		[
			'first given wins a tie',
			[ref(W, 41), ref(W, 41)],
			[ref(W, 41)],
			{ results: [{ grade: 'exact', givenIndex: 0 }], unmatched: [] }
		],
		[
			'one given can answer two expected',
			[ref(W, 41)],
			[ref(W, 41, 1), ref(W, 41, 2)],
			{
				results: [
					{ grade: 'article', givenIndex: 0 },
					{ grade: 'article', givenIndex: 0 }
				],
				unmatched: []
			}
		],
		[
			'unrelated citations are listed',
			[ref('fire-law', 16), ref(W, 28), ref(null, 3)],
			[ref(W, 41)],
			{ results: [{ grade: 'law', givenIndex: 1 }], unmatched: [0, 2] }
		],
		[
			'nothing given',
			[],
			[ref(W, 41)],
			{ results: [{ grade: 'wrong', givenIndex: -1 }], unmatched: [] }
		],
		[
			'everything wrong',
			[ref('fire-law', 41)],
			[ref(W, 41)],
			{ results: [{ grade: 'wrong', givenIndex: 0 }], unmatched: [0] }
		],
		['nothing expected', [ref(W, 41)], [], { results: [], unmatched: [0] }]
	];
	for (const [name, given, expected, result] of cases) {
		it(name, () => expect(compareCitationLists(given, expected)).toEqual(result));
	}
});
