import { describe, expect, it } from 'vitest';
import { itemFlags, itemStats, pearson, type AttemptForStats, type ItemStat } from './item-stats';
import type { Response } from './types';

const S = (key: string): Response => ({ kind: 'single', key });
const M = (...keys: string[]): Response => ({ kind: 'multiple', keys });
const TF = (value: boolean): Response => ({ kind: 'truefalse', value });
const F = (text: string): Response => ({ kind: 'fill', text });

/**
 * Quiz of three questions, max total 4:
 *   Q1 single (A–D, key B), 1 point · Q2 true/false, 1 point · Q3 multiple (A–D, key AC, partial), 2 points
 *
 *          Q1        Q2       Q3           total
 *   a1     B  1      对 1     AC 2          4
 *   a2     B  1      错 0     A  1          2
 *   a3     C  0      对 1     —  0          1
 *   a4     —  0      错 0     AB 0          0
 */
const attempts: AttemptForStats[] = [
	{ total: 4, maxTotal: 4, items: [{ questionId: 1, points: 1, maxPoints: 1, response: S('B') }, { questionId: 2, points: 1, maxPoints: 1, response: TF(true) }, { questionId: 3, points: 2, maxPoints: 2, response: M('A', 'C') }] },
	{ total: 2, maxTotal: 4, items: [{ questionId: 1, points: 1, maxPoints: 1, response: S('B') }, { questionId: 2, points: 0, maxPoints: 1, response: TF(false) }, { questionId: 3, points: 1, maxPoints: 2, response: M('A') }] },
	{ total: 1, maxTotal: 4, items: [{ questionId: 1, points: 0, maxPoints: 1, response: S('C') }, { questionId: 2, points: 1, maxPoints: 1, response: TF(true) }, { questionId: 3, points: 0, maxPoints: 2, response: null }] },
	{ total: 0, maxTotal: 4, items: [{ questionId: 1, points: 0, maxPoints: 1, response: null }, { questionId: 2, points: 0, maxPoints: 1, response: TF(false) }, { questionId: 3, points: 0, maxPoints: 2, response: M('A', 'B') }] }
];
const keysOf = (id: number) => (id === 1 || id === 3 ? ['A', 'B', 'C', 'D'] : []);

describe('itemStats on a hand-worked set', () => {
	const stats = itemStats(attempts, keysOf);
	const byId = new Map(stats.map((s) => [s.questionId, s]));

	it('one stat per question, sorted by id', () => expect(stats.map((s) => s.questionId)).toEqual([1, 2, 3]));

	it('Q1: facility 50, discrimination 68.8', () => {
		// x (item fraction) = 1 1 0 0 → facility 50.0
		// y (rest of test) = (total − x) ÷ (4 − 1) = 3/3 1/3 1/3 0 → mean 5/12
		// Σdxdy = ½(7/12) + ½(−1/12) − ½(−1/12) − ½(−5/12) = 1/2; Σdx² = 1; Σdy² = (49+1+1+25)/144 = 19/36
		// r = (1/2) ÷ √(19/36) = 3/√19 = 0.6882 → 68.8
		expect(byId.get(1)).toEqual({ questionId: 1, attempts: 4, facility: 50, discrimination: 68.8, optionCounts: { A: 0, B: 2, C: 1, D: 0 }, blank: 1 });
	});

	it('Q2: facility 50, discrimination 19.2 (true/false counted as 对/错)', () => {
		// x = 1 0 1 0; y = (total − x) ÷ 3 = 1 2/3 0 0 → mean 5/12, dy = 7/12 3/12 −5/12 −5/12
		// Σdxdy = ½(7 − 3 − 5 + 5)/12 = 1/6; Σdx² = 1; Σdy² = (49+9+25+25)/144 = 3/4
		// r = (1/6) ÷ √(3/4) = 0.19245 → 19.2
		expect(byId.get(2)).toEqual({ questionId: 2, attempts: 4, facility: 50, discrimination: 19.2, optionCounts: { 对: 2, 错: 2 }, blank: 0 });
	});

	it('Q3: facility 37.5, discrimination 85.3 (partial points count as fractions)', () => {
		// x = 2/2 1/2 0 0 → mean 0.375 → facility 37.5
		// y = (total − points) ÷ (4 − 2) = 1 ½ ½ 0 → mean ½
		// dx = .625 .125 −.375 −.375; dy = .5 0 0 −.5
		// Σdxdy = .3125 + .1875 = .5; Σdx² = .6875; Σdy² = .5; r = .5 ÷ √.34375 = 0.8528 → 85.3
		expect(byId.get(3)).toEqual({ questionId: 3, attempts: 4, facility: 37.5, discrimination: 85.3, optionCounts: { A: 3, B: 1, C: 1, D: 0 }, blank: 1 }); // A in AC, A, AB
	});
});

describe('itemStats edge cases', () => {
	it('negative discrimination: learners who do worse on the rest get the item right', () => {
		// Q10 1 point, Q11 fill 3 points (points given as graded); maxTotal 4
		//   b1: Q10 0, Q11 3 → total 3 · b2: Q10 1, Q11 0 → total 1 · b3: Q10 1, Q11 1 → total 2
		// Q10: x = 0 1 1 (facility 66.7); y = Q11 ÷ 3 = 1 0 1/3 → mean 4/9
		// Σdxdy = −10/27 − 4/27 − 1/27 = −5/9; Σdx² = 2/3; Σdy² = 14/27; r = −5/√28 = −0.9449 → −94.5
		// Q11: x = 1 0 1/3 (facility 44.4); y = Q10 ÷ 1 = 0 1 1: the same correlation
		const set: AttemptForStats[] = [
			{ total: 3, maxTotal: 4, items: [{ questionId: 10, points: 0, maxPoints: 1, response: S('A') }, { questionId: 11, points: 3, maxPoints: 3, response: F('x') }] },
			{ total: 1, maxTotal: 4, items: [{ questionId: 10, points: 1, maxPoints: 1, response: S('B') }, { questionId: 11, points: 0, maxPoints: 3, response: F(' ') }] },
			{ total: 2, maxTotal: 4, items: [{ questionId: 10, points: 1, maxPoints: 1, response: S('B') }, { questionId: 11, points: 1, maxPoints: 3, response: F('y') }] }
		];
		const [q10, q11] = itemStats(set, (id) => (id === 10 ? ['A', 'B'] : []));
		expect([q10.facility, q10.discrimination, q10.optionCounts, q10.blank]).toEqual([66.7, -94.5, { A: 1, B: 2 }, 0]);
		// fill questions have no options; a blank text counts as blank
		expect([q11.facility, q11.discrimination, q11.optionCounts, q11.blank]).toEqual([44.4, -94.5, {}, 1]);
	});

	it('discrimination is null with one attempt or when the item does not vary', () => {
		const one = itemStats([attempts[0]], keysOf);
		expect(one.map((s) => [s.attempts, s.facility, s.discrimination])).toEqual([[1, 100, null], [1, 100, null], [1, 100, null]]);
		// everyone gets Q1 right: facility 100, no variance
		const allRight: AttemptForStats[] = [
			{ total: 2, maxTotal: 2, items: [{ questionId: 1, points: 1, maxPoints: 1, response: S('B') }, { questionId: 2, points: 1, maxPoints: 1, response: TF(true) }] },
			{ total: 1, maxTotal: 2, items: [{ questionId: 1, points: 1, maxPoints: 1, response: S('B') }, { questionId: 2, points: 0, maxPoints: 1, response: TF(false) }] }
		];
		expect(itemStats(allRight, keysOf)[0]).toMatchObject({ facility: 100, discrimination: null });
	});

	it('questions appear only in the attempts that drew them', () => {
		const set: AttemptForStats[] = [
			{ total: 1, maxTotal: 1, items: [{ questionId: 5, points: 1, maxPoints: 1, response: S('A') }] },
			{ total: 0, maxTotal: 1, items: [{ questionId: 6, points: 0, maxPoints: 1, response: S('A') }] },
			{ total: 0, maxTotal: 1, items: [{ questionId: 6, points: 0, maxPoints: 1, response: null }] }
		];
		expect(itemStats(set, () => ['A', 'B']).map((s) => [s.questionId, s.attempts, s.facility, s.blank])).toEqual([
			[5, 1, 100, 0],
			[6, 2, 0, 1]
		]);
	});

	it('no attempts → no stats', () => expect(itemStats([], keysOf)).toEqual([]));

	it('a chosen key the question no longer has is still counted', () => {
		const set: AttemptForStats[] = [{ total: 0, maxTotal: 1, items: [{ questionId: 1, points: 0, maxPoints: 1, response: S('E') }] }];
		expect(itemStats(set, keysOf)[0].optionCounts).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 1 });
	});
});

describe('pearson', () => {
	it.each([
		[[1, 2, 3], [2, 4, 6], 1],
		[[1, 2, 3], [3, 2, 1], -1],
		[[1, 1, 1], [1, 2, 3], null],
		[[1], [1], null]
	])('pearson(%j, %j) = %j', (xs, ys, r) => {
		const got = pearson(xs, ys);
		if (r === null) expect(got).toBeNull();
		else expect(got).toBeCloseTo(r, 10);
	});
});

describe('itemFlags', () => {
	const stat = (facility: number | null, discrimination: number | null): Pick<ItemStat, 'facility' | 'discrimination'> => ({ facility, discrimination });
	const cases: [number | null, number | null, string[]][] = [
		[50, 40, []],
		[19.9, 40, ['过难']],
		[20, 40, []],
		[95, 40, []],
		[95.1, 40, ['过易']],
		[50, 19.9, ['区分度低']],
		[50, 20, []],
		[50, 0, ['区分度低']],
		[50, -0.1, ['区分度为负：好学生反而答错，请检查答案']],
		[10, -30, ['过难', '区分度为负：好学生反而答错，请检查答案']],
		[100, null, ['过易']],
		[null, null, []]
	];
	for (const [f, d, flags] of cases) {
		it(`facility ${f}, discrimination ${d} → ${flags.join('、') || 'none'}`, () => expect(itemFlags(stat(f, d))).toEqual(flags));
	}
});
