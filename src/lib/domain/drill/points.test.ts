import { describe, expect, it } from 'vitest';
import { roundPoints } from './points';

describe('roundPoints', () => {
	const cases: [number, number, string][] = [
		[2 / 3, 0.67, '0.666… up'],
		[4 / 3, 1.33, '1.333… down'],
		[1.005, 1.01, 'half away from zero although 1.005 is stored as 1.00499…'],
		[-1.005, -1.01, 'negative half away from zero'],
		[0.1 + 0.2, 0.3, 'float noise'],
		[-2, -2, 'deduction'],
		[1e-10, 0, 'tiny']
	];
	for (const [x, expected, why] of cases) {
		it(`${x} → ${expected} (${why})`, () => expect(roundPoints(x)).toBe(expected));
	}
	it('never returns -0', () => {
		expect(Object.is(roundPoints(-0), 0)).toBe(true);
		expect(Object.is(roundPoints(-1e-10), 0)).toBe(true);
	});
});
