import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseChineseNumberIn, toChineseNumber } from './cn-numerals';

// Both directions: toChineseNumber(n) writes exactly this, and parseChineseNumber reads it back.
const canonical: [number, string][] = [
	[0, '零'],
	[1, '一'],
	[2, '二'],
	[9, '九'],
	[10, '十'],
	[11, '十一'],
	[19, '十九'],
	[20, '二十'],
	[21, '二十一'],
	[28, '二十八'],
	[99, '九十九'],
	[100, '一百'],
	[101, '一百零一'],
	[102, '一百零二'],
	[110, '一百一十'],
	[111, '一百一十一'],
	[119, '一百一十九'],
	[120, '一百二十'],
	[200, '二百'],
	[999, '九百九十九'],
	[1000, '一千'],
	[1001, '一千零一'],
	[1010, '一千零一十'],
	[1100, '一千一百'],
	[1234, '一千二百三十四'],
	[2005, '二千零五'],
	[9999, '九千九百九十九'],
	[10000, '一万'],
	[10010, '一万零一十'],
	[10100, '一万零一百'],
	[12345, '一万二千三百四十五'],
	[100000, '十万'],
	[110000, '十一万'],
	[1000001, '一百万零一'],
	[99999999, '九千九百九十九万九千九百九十九']
];

describe('toChineseNumber', () => {
	for (const [n, s] of canonical) {
		it(`${n} → ${s}`, () => expect(toChineseNumber(n)).toBe(s));
	}
	for (const bad of [-1, 1.5, 1e8, Number.NaN]) {
		it(`${bad} throws`, () => expect(() => toChineseNumber(bad)).toThrow(RangeError));
	}
});

describe('parseChineseNumber', () => {
	for (const [n, s] of canonical) {
		it(`${s} → ${n}`, () => expect(parseChineseNumber(s)).toBe(n));
	}
	const other: [string, number][] = [
		['一十', 10],
		['一十一', 11],
		['两', 2],
		['两百', 200],
		['两千零二', 2002],
		['一千零十', 1010],
		['〇', 0],
		['二〇二一', 2021],
		['一零二', 102],
		['102', 102],
		['007', 7],
		['１０２', 102],
		['１0２', 102]
	];
	for (const [s, n] of other) {
		it(`${s} → ${n}`, () => expect(parseChineseNumber(s)).toBe(n));
	}
	const invalid = ['', '十十', '百', '百一', '千', '一百二', '一千二', '一万二', '一百零', '十百', '百千', '万', '一万万', '1百', '一0', '二两', 'abc', '第三', '三条'];
	for (const s of invalid) {
		it(`${JSON.stringify(s)} → null`, () => expect(parseChineseNumber(s)).toBeNull());
	}
});

describe('parseChineseNumberIn', () => {
	it('reads a range without slicing', () => expect(parseChineseNumberIn('第一百零二条', 1, 5)).toBe(102));
	it('is null for an empty range', () => expect(parseChineseNumberIn('第条', 1, 1)).toBeNull());
});
