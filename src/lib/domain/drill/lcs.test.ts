import { describe, expect, it } from 'vitest';
import { lcsLength } from './lcs';

describe('lcsLength', () => {
	// [a, b, expected, why]
	const cases: [string[], string[], number, string][] = [
		[[], [], 0, 'both empty'],
		[['a'], [], 0, 'one empty'],
		[['a', 'b', 'c'], ['a', 'b', 'c'], 3, 'identical'],
		[['c', 'b', 'a'], ['a', 'b', 'c'], 1, 'reversed: any single card'],
		[['b', 'a', 'c'], ['a', 'b', 'c'], 2, 'one swap costs one: a,c or b,c'],
		[['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'c'], 3, 'extra cards in between do not break the order'],
		[['s2', 's1', 's3', 's4'], ['s1', 's2', 's3', 's4'], 3, 's1,s3,s4'],
		[['a', 'b', 'c', 'd'], ['b', 'd', 'a', 'c'], 2, 'a,c or b,d or b,c'],
		[['a', 'a', 'b'], ['a', 'b', 'b'], 2, 'repeats: a,b'],
		[['x', 'y'], ['a', 'b'], 0, 'nothing in common']
	];
	for (const [a, b, expected, why] of cases) {
		it(`${a.join(',')} vs ${b.join(',')} → ${expected} (${why})`, () => {
			expect(lcsLength(a, b)).toBe(expected);
			expect(lcsLength(b, a)).toBe(expected); // symmetric
		});
	}
});
