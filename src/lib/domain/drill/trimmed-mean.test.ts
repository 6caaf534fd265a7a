import { describe, expect, it } from 'vitest';
import { isTrimmed, trimmedMean } from './trimmed-mean';

describe('trimmedMean', () => {
	// [values, trimAt, expected, arithmetic]
	const cases: [number[], number, number | null, string][] = [
		[[], 5, null, 'nobody scored'],
		[[7], 5, 7, 'n=1: 7/1'],
		[[2, 4, 6, 8], 5, 5, 'n=4 < 5: (2+4+6+8)/4 = 20/4'],
		[[1, 5, 5, 6, 10], 5, 16 / 3, 'n=5: drop 1 and 10 → (5+5+6)/3 = 16/3'],
		[[10, 1, 6, 5, 5], 5, 16 / 3, 'same judges in another order'],
		[[0, 7, 7, 8, 8, 9, 20], 5, 7.8, 'n=7: drop 0 and 20 → (7+7+8+8+9)/5 = 39/5'],
		[[5, 5, 7, 9, 9], 5, 7, 'only one of each tied extreme goes: (5+7+9)/3 = 21/3'],
		[[4, 4, 4, 4, 4], 5, 4, 'all equal'],
		[[1, 2, 9], 3, 2, 'trimAt 3: drop 1 and 9 → 2/1'],
		[[1, 5, 5, 6, 10], 6, 5.4, 'trimAt 6, n=5: (1+5+5+6+10)/5 = 27/5'],
		[[2, 4], 2, 3, 'trimAt 2 never trims two values away: (2+4)/2']
	];
	for (const [values, trimAt, expected, arithmetic] of cases) {
		it(`${JSON.stringify(values)} trimAt ${trimAt} → ${expected} (${arithmetic})`, () => {
			const got = trimmedMean(values, trimAt);
			if (expected === null) expect(got).toBeNull();
			else expect(got).toBeCloseTo(expected, 10);
		});
	}

	it('defaults to trimming at 5 judges', () => {
		expect(trimmedMean([1, 5, 5, 6, 10])).toBeCloseTo(16 / 3, 10);
		expect(trimmedMean([1, 5, 6, 10])).toBe(5.5); // (1+5+6+10)/4 = 22/4
	});

	it('does not reorder its input', () => {
		const values = [9, 1, 5, 3, 7];
		trimmedMean(values);
		expect(values).toEqual([9, 1, 5, 3, 7]);
	});

	it('gives bit-identical results for any judge order', () => {
		const a = trimmedMean([0.1, 0.2, 0.3, 0.7, 0.9, 0.4]);
		const b = trimmedMean([0.9, 0.4, 0.7, 0.3, 0.2, 0.1]);
		expect(a).toBe(b);
	});
});

describe('isTrimmed', () => {
	const cases: [number, number, boolean][] = [
		[0, 5, false],
		[4, 5, false],
		[5, 5, true],
		[7, 5, true],
		[2, 2, false],
		[3, 2, true]
	];
	for (const [n, trimAt, expected] of cases) {
		it(`n=${n}, trimAt=${trimAt} → ${expected}`, () => expect(isTrimmed(n, trimAt)).toBe(expected));
	}
});
