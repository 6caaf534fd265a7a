import { describe, expect, it } from 'vitest';
import { checkPhone, maskPhone, phoneKind } from './phone';

describe('checkPhone', () => {
	it.each([
		['13812345678', '13812345678'],
		['19912345678', '19912345678'],
		['138 1234 5678', '13812345678'],
		['138-1234-5678', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+8613812345678', '13812345678'],
		['8613812345678', '13812345678'],
		['0086-138-1234-5678', '13812345678'],
		['１３８１２３４５６７８', '13812345678'],
		['＋８６　１３８－１２３４－５６７８', '13812345678'],
		['010-62345678', '010-62345678'],
		['01062345678', '010-62345678'],
		['(010) 6234 5678', '010-62345678'],
		['（０２１）６２３４５６７８', '021-62345678'],
		['0755-82345678', '0755-82345678'],
		['075582345678', '0755-82345678'],
		['0571-8765432', '0571-8765432'], // 7-digit subscriber number
		['+86 10 62345678', '010-62345678'],
		['+86 755 8234 5678', '0755-82345678'],
		['075-582345678', '0755-82345678'] // dash in the wrong place: the area code decides
	])('accepts %j as %s', (input, expected) => {
		expect(checkPhone(input)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'phone.empty'],
		['  - ', 'phone.empty'],
		['12812345678', 'phone.invalid'], // 12x is not a mobile prefix
		['1381234567', 'phone.invalid'], // 10 digits
		['138123456789', 'phone.invalid'], // 12 digits
		['23812345678', 'phone.invalid'],
		['138l2345678', 'phone.invalid'], // letter l for 1
		['+1 212 555 0100', 'phone.invalid'],
		['010-123456', 'phone.invalid'], // 6-digit subscriber
		['010-123456789', 'phone.invalid'], // 9-digit subscriber
		['010-02345678', 'phone.invalid'], // subscriber starts with 0
		['0755-1234567', 'phone.invalid'], // subscriber starts with 1
		['86 10 62345678', 'phone.invalid'] // bare 86 is only read before a mobile
	])('refuses %j with %s', (input, code) => {
		expect(checkPhone(input)).toEqual({ ok: false, error: { code } });
	});

	it.each([
		['13812345678', { ok: true, value: '13812345678' }],
		['010-62345678', { ok: false, error: { code: 'phone.not_mobile' } }],
		['12812345678', { ok: false, error: { code: 'phone.invalid' } }]
	])('mobileOnly: %j', (input, expected) => {
		expect(checkPhone(input, { mobileOnly: true })).toEqual(expected);
	});
});

describe('phoneKind', () => {
	it.each([
		['13812345678', 'mobile'],
		['010-62345678', 'landline'],
		['0755-8234567', 'landline']
	])('%s is a %s', (n, kind) => {
		expect(phoneKind(n)).toBe(kind);
	});
});

describe('maskPhone', () => {
	it.each([
		['13812345678', '138****5678'],
		['+86 138-1234-5678', '138****5678'],
		['0755-82345678', '0755-****5678'],
		['01062345678', '010-****5678'],
		['0571-8765432', '0571-***5432'],
		['12345', '*2345'], // not a valid number: only the last 4 digits show
		['123', '***'],
		['', '']
	])('%j → %s', (input, expected) => {
		expect(maskPhone(input)).toBe(expected);
	});
});
