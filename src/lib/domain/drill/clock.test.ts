import { describe, expect, it } from 'vitest';
import { canSave, effectiveEnd, remainingMs, type Extension, type Pause } from './clock';

const END = 1_700_000_000_000;
const S = 1000;
const MIN = 60 * S;

describe('canSave', () => {
	// [now, end, grace, expected]
	const cases: [string, number, number, number, boolean][] = [
		['end − 1 s', END - S, END, 5 * S, true],
		['exactly at end', END, END, 5 * S, true],
		['inside the grace', END + 3 * S, END, 5 * S, true],
		['at end + grace', END + 5 * S, END, 5 * S, true],
		['end + grace + 1 s', END + 6 * S, END, 5 * S, false],
		['no grace, 1 ms late', END + 1, END, 0, false]
	];
	for (const [name, now, end, grace, expected] of cases) {
		it(`${name} → ${expected}`, () => expect(canSave(now, end, grace)).toBe(expected));
	}

	it('a 1-minute extension accepts a save that would have been refused', () => {
		const now = END + 6 * S; // end + grace + 1 s
		expect(canSave(now, effectiveEnd(END, [], 7), 5 * S)).toBe(false);
		expect(canSave(now, effectiveEnd(END, [{ teamId: 7, ms: MIN }], 7), 5 * S)).toBe(true);
	});
});

describe('remainingMs', () => {
	const cases: [number, number, number][] = [
		[END - 90 * S, END, 90 * S],
		[END, END, 0],
		[END + 3 * S, END, 0] // inside the grace the clock shows 0, never negative
	];
	for (const [now, end, expected] of cases) {
		it(`${now - END} ms from end → ${expected}`, () => expect(remainingMs(now, end)).toBe(expected));
	}
});

describe('effectiveEnd', () => {
	const ext: Extension[] = [
		{ teamId: 1, ms: MIN },
		{ teamId: 2, ms: 30 * S },
		{ teamId: 1, ms: 30 * S }
	];
	// [name, extensions, teamId, pauses, now, expected end − END, arithmetic]
	const cases: [string, Extension[], number, Pause[], number | undefined, number, string][] = [
		['nothing', [], 1, [], undefined, 0, ''],
		['two extensions add up', ext, 1, [], undefined, 90 * S, '60 s + 30 s'],
		['only the team’s own extensions', ext, 2, [], undefined, 30 * S, ''],
		['a team without extensions', ext, 3, [], undefined, 0, ''],
		['a closed pause', [], 1, [{ from: END - 10 * MIN, to: END - 9 * MIN }], undefined, MIN, 'paused 1 min'],
		['two pauses', [], 1, [{ from: END - 10 * MIN, to: END - 9 * MIN }, { from: END - 5 * MIN, to: END - 4 * MIN }], undefined, 2 * MIN, '1 min + 1 min'],
		['overlapping pauses count once', [], 1, [{ from: END - 10 * MIN, to: END - 9 * MIN }, { from: END - 9.5 * MIN, to: END - 8.5 * MIN }], undefined, 1.5 * MIN, 'merged −10 … −8.5 min = 1.5 min'],
		['a pause after the end gives nothing back', [], 1, [{ from: END + S, to: END + 5 * S }], undefined, 0, ''],
		['a pause inside an extension counts', [{ teamId: 1, ms: MIN }], 1, [{ from: END + 10 * S, to: END + 20 * S }], undefined, 70 * S, '60 s + 10 s'],
		['the same pause for a team without extension', [{ teamId: 1, ms: MIN }], 2, [{ from: END + 10 * S, to: END + 20 * S }], undefined, 0, 'its time was up'],
		['a pause inside time won by an earlier pause', [], 1, [{ from: END - S, to: END + S }, { from: END + 1.5 * S, to: END + 2.5 * S }], undefined, 3 * S, '2 s, then end + 1.5 s < end + 2 s: + 1 s'],
		['an open pause counts up to now', [], 1, [{ from: END - MIN, to: null }], END - 30 * S, 30 * S, 'now − from = 30 s']
	];
	for (const [name, extensions, teamId, pauses, now, expected, arithmetic] of cases) {
		it(`${name} → end + ${expected} ms ${arithmetic}`, () => {
			expect(effectiveEnd(END, extensions, teamId, pauses, now) - END).toBe(expected);
		});
	}

	it('during an open pause the remaining time stands still', () => {
		const pauses: Pause[] = [{ from: END - MIN, to: null }];
		// Before the pause 60 s were left; they stay 60 s whenever we look during it.
		for (const now of [END - MIN, END - 30 * S, END + 10 * MIN]) {
			expect(remainingMs(now, effectiveEnd(END, [], 1, pauses, now))).toBe(MIN);
		}
	});

	it('a pause pushes the end so that a later save is accepted', () => {
		const pauses: Pause[] = [{ from: END - 2 * MIN, to: END - MIN }];
		const now = END + MIN; // 60 s late without the pause; exactly at the pushed end with it
		expect(canSave(now, END, 0)).toBe(false);
		expect(canSave(now, effectiveEnd(END, [], 1, pauses), 0)).toBe(true);
	});

	it('refuses an open pause without the current time (caller bug)', () => {
		expect(() => effectiveEnd(END, [], 1, [{ from: END - MIN, to: null }])).toThrow(/nowMs/);
	});
});
