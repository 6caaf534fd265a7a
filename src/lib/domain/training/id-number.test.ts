import { describe, expect, it } from 'vitest';
import { birthDateOf, checkIdNumber, idCheckChar, maskIdNumber } from './id-number';

const TODAY = '2026-03-15';

/** A number built with our own check function, for cases where the check character itself is not the point. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('idCheckChar', () => {
	// Published examples: GB 11643-1999 appendix (11010519491231002X, 440524188001010014).
	it.each([
		['11010519491231002', 'X'],
		['44052418800101001', '4'],
		// Hand-computed: Σ(digit × weight) = 214, 214 mod 11 = 5, and position 5 of '10X98765432' is '7'.
		['11010119900307447', '7'],
		// Σ = 0 → mod 11 = 0 → '1'
		['00000000000000000', '1']
	])('%s → %s', (first17, check) => {
		expect(idCheckChar(first17)).toBe(check);
	});

	it('refuses anything but 17 digits', () => {
		expect(() => idCheckChar('1101051949123100')).toThrow();
		expect(() => idCheckChar('1101051949123100A')).toThrow();
	});
});

describe('checkIdNumber', () => {
	it.each([
		['11010519491231002X', '11010519491231002X'],
		['11010519491231002x', '11010519491231002X'],
		['440524188001010014', '440524188001010014'],
		[' 110105 19491231 002X ', '11010519491231002X'],
		['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
		['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
		[withCheck('81000020000229123'), withCheck('81000020000229123')], // 29 Feb of a leap year, 港澳 code 8
		[withCheck('65010220260315001'), withCheck('65010220260315001')] // born today
	])('accepts %j as %s', (input, expected) => {
		expect(checkIdNumber(input, TODAY)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', { code: 'id.length', params: { length: 0 } }],
		['1101051949123100', { code: 'id.length', params: { length: 16 } }],
		['11010519491231002X0', { code: 'id.length', params: { length: 19 } }],
		['110105194912310', { code: 'id.length', params: { length: 15 } }], // old 15-digit card
		['1101051949123100Y2', { code: 'id.chars', params: { position: 17 } }],
		['11010519491231002Y', { code: 'id.chars', params: { position: 18 } }],
		['A1010519491231002X', { code: 'id.chars', params: { position: 1 } }],
		[withCheck('01010519491231002'), { code: 'id.chars', params: { position: 1 } }],
		[withCheck('91010519491231002'), { code: 'id.chars', params: { position: 1 } }],
		[withCheck('11010519490229002'), { code: 'id.birth' }], // 1949 is not a leap year
		[withCheck('11010519001301002'), { code: 'id.birth' }], // month 13
		[withCheck('11010519490431002'), { code: 'id.birth' }], // 31 April
		[withCheck('11010519490100002'), { code: 'id.birth' }], // day 0
		[withCheck('11010520260316001'), { code: 'id.birth' }], // tomorrow
		[withCheck('11010517991231001'), { code: 'id.birth' }], // before 1800
		['110105194912310021', { code: 'id.checksum' }], // X typed as 1
		['11010519491231003X', { code: 'id.checksum' }], // one digit wrong
		['11010519491213002X', { code: 'id.checksum' }] // two digits swapped
	])('refuses %j', (input, error) => {
		expect(checkIdNumber(input, TODAY)).toEqual({ ok: false, error });
	});

	it('detects every single-digit typo and every adjacent swap of a valid number', () => {
		const valid = '11010519491231002X';
		let accepted = 0;
		for (let i = 0; i < 18; i++) {
			for (const c of '0123456789X') {
				if (c === valid[i] || (c === 'X' && i < 17)) continue;
				const typo = valid.slice(0, i) + c + valid.slice(i + 1);
				if (checkIdNumber(typo, TODAY).ok) accepted++;
			}
			if (i < 17 && valid[i] !== valid[i + 1] && valid[i + 1] !== 'X') {
				const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
				if (checkIdNumber(swapped, TODAY).ok) accepted++;
			}
		}
		expect(accepted).toBe(0);
	});

	it('judges the birth date against the today it is given, not the clock', () => {
		const id = withCheck('11010520300101001');
		expect(checkIdNumber(id, '2029-12-31')).toEqual({ ok: false, error: { code: 'id.birth' } });
		expect(checkIdNumber(id, '2030-01-01')).toEqual({ ok: true, value: id });
	});

	it('throws when today is not yyyy-mm-dd (a caller bug, not user input)', () => {
		expect(() => checkIdNumber('11010519491231002X', '2026/03/15')).toThrow();
	});
});

describe('birthDateOf', () => {
	it.each([
		['11010519491231002X', '1949-12-31'],
		['11010519491231002x', '1949-12-31'],
		['440524188001010014', '1880-01-01'],
		['11010519490229002X', null],
		['1101051949123100', null],
		['abc', null]
	])('%j → %j', (input, expected) => {
		expect(birthDateOf(input)).toBe(expected);
	});
});

describe('maskIdNumber', () => {
	it.each([
		['110105194912311234', '110***********1234'],
		['11010519491231002x', '110***********002X'],
		['１１０１０５１９４９１２３１００２Ｘ', '110***********002X'],
		['1234567', '*******'],
		['12345678', '123*5678'],
		['', '']
	])('%j → %s', (input, expected) => {
		expect(maskIdNumber(input)).toBe(expected);
	});

	it('keeps the length of an 18-character number', () => {
		expect(maskIdNumber('440524188001010014')).toHaveLength(18);
	});
});
