import { describe, expect, it } from 'vitest';
import { formatPoints, formatRemaining } from './trainer-labels';

describe('formatRemaining', () => {
	it.each([
		[0, '00:00'],
		[-5000, '00:00'],
		[999, '00:01'],
		[65_000, '01:05'],
		[3_600_000, '1:00:00'],
		[3_909_000, '1:05:09']
	])('%d ms → %s', (ms, text) => {
		expect(formatRemaining(ms)).toBe(text);
	});
});

describe('formatPoints', () => {
	it('keeps at most two decimals', () => {
		expect([40, 12.5, 3.333, 0].map(formatPoints)).toEqual(['40', '12.5', '3.33', '0']);
	});
});
