import { describe, expect, it } from 'vitest';
import { chineseDate } from './cn-date';

describe('chineseDate', () => {
	// [input, expected, why]
	const cases: [string, string, string][] = [
		['2026-11-29', '2026年11月29日', 'a plain date'],
		['2026-01-05', '2026年1月5日', 'no leading zeros'],
		['2024-02-29', '2024年2月29日', 'leap day'],
		['2026-12-31', '2026年12月31日', 'last day of the year'],
		['2026-02-29', '2026-02-29', 'not a leap year: unchanged'],
		['2026-02-30', '2026-02-30', 'no such day: unchanged'],
		['2026-13-01', '2026-13-01', 'no such month: unchanged'],
		['2026-00-10', '2026-00-10', 'month zero: unchanged'],
		['2026/11/29', '2026/11/29', 'other separators: unchanged'],
		['2026-11-29T08:00:00Z', '2026-11-29T08:00:00Z', 'a timestamp, not a date: unchanged'],
		[' 2026-11-29', ' 2026-11-29', 'surrounding space: unchanged'],
		['', '', 'empty: unchanged'],
		['待定', '待定', 'text: unchanged']
	];
	for (const [input, expected, why] of cases) {
		it(`${JSON.stringify(input)} → ${JSON.stringify(expected)} (${why})`, () => {
			expect(chineseDate(input)).toBe(expected);
		});
	}
});
