import { describe, expect, it } from 'vitest';
import { displayLetter, formatClock, isAnswered, responseInLetters } from './quiz-view';

describe('formatClock', () => {
	it.each([
		[0, '00:00'],
		[1, '00:01'],
		[59_001, '01:00'],
		[61_000, '01:01'],
		[3_600_000, '1:00:00'],
		[-5, '00:00']
	])('%d ms → %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});

describe('isAnswered', () => {
	it.each([
		[null, false],
		[{ kind: 'multiple', keys: [] }, false],
		[{ kind: 'fill', text: '  ' }, false],
		[{ kind: 'truefalse', value: false }, true],
		[{ kind: 'single', key: 'A' }, true]
	] as const)('%j → %s', (r, expected) => expect(isAnswered(r as never)).toBe(expected));
});

describe('responseInLetters', () => {
	it('maps bank keys to the letters shown', () => {
		// shown order C, A, B: bank key C was shown as A, A as B
		expect(responseInLetters({ kind: 'single', key: 'C' }, ['C', 'A', 'B'])).toBe('A');
		expect(responseInLetters({ kind: 'multiple', keys: ['A', 'B'] }, ['C', 'A', 'B'])).toBe('BC');
		expect(responseInLetters({ kind: 'truefalse', value: true }, [])).toBe('正确');
		expect(responseInLetters(null, [])).toBe('（未作答）');
		expect(displayLetter(3)).toBe('D');
	});
});
