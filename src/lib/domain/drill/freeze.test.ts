import { describe, expect, it } from 'vitest';
import { freezeState, isStagePublished } from './freeze';

const MIN = 60_000;
const END = 1_000 * MIN;

describe('freezeState', () => {
	const base = { freezeMinutes: 0, frozenAt: null, revealedAt: null, lastStageEndsAt: null };
	it.each([
		['no freeze configured', base, END, { isFrozen: false, since: null }],
		['automatic, before it begins', { ...base, freezeMinutes: 10, lastStageEndsAt: END }, END - 10 * MIN - 1, { isFrozen: false, since: null }],
		['automatic, the moment it begins', { ...base, freezeMinutes: 10, lastStageEndsAt: END }, END - 10 * MIN, { isFrozen: true, since: END - 10 * MIN }],
		['automatic, after the end', { ...base, freezeMinutes: 10, lastStageEndsAt: END }, END + 60 * MIN, { isFrozen: true, since: END - 10 * MIN }],
		['automatic but the last stage not opened yet', { ...base, freezeMinutes: 10 }, END, { isFrozen: false, since: null }],
		['manual freeze', { ...base, frozenAt: 5 * MIN }, 6 * MIN, { isFrozen: true, since: 5 * MIN }],
		['manual earlier than automatic wins', { ...base, freezeMinutes: 10, frozenAt: 5 * MIN, lastStageEndsAt: END }, END, { isFrozen: true, since: 5 * MIN }],
		['automatic earlier than manual wins', { ...base, freezeMinutes: 10, frozenAt: END - MIN, lastStageEndsAt: END }, END, { isFrozen: true, since: END - 10 * MIN }],
		['revealed', { ...base, freezeMinutes: 10, lastStageEndsAt: END, revealedAt: END + MIN }, END + 2 * MIN, { isFrozen: false, since: null }]
	])('%s', (_name, input, now, expected) => {
		expect(freezeState(input, now)).toEqual(expected);
	});
});

describe('isStagePublished', () => {
	it.each([
		[{ closedAt: null, lockedAt: null, isJudged: false }, 10, false],
		[{ closedAt: 5, lockedAt: null, isJudged: false }, 10, true],
		[{ closedAt: 5, lockedAt: null, isJudged: false }, 4, false],
		[{ closedAt: 5, lockedAt: null, isJudged: true }, 10, false],
		[{ closedAt: null, lockedAt: 10, isJudged: true }, 10, true],
		[{ closedAt: 1, lockedAt: 10, isJudged: true }, 9, false]
	])('%j at %d → %s', (stage, at, expected) => {
		expect(isStagePublished(stage, at)).toBe(expected);
	});
});
