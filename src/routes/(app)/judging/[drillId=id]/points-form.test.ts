import { describe, expect, it } from 'vitest';
import { parsePointsForm, pointsField, readPoints } from './points-form';

function form(fields: Record<string, string | string[] | File>) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) {
		if (Array.isArray(v)) for (const x of v) fd.append(k, x);
		else fd.append(k, v);
	}
	return fd;
}

describe('readPoints', () => {
	it('reads plain and decimal numbers, and blank as not scored', () => {
		expect(readPoints('3')).toBe(3);
		expect(readPoints(' 3.5 ')).toBe(3.5);
		expect(readPoints('.5')).toBe(0.5);
		expect(readPoints('0')).toBe(0);
		expect(readPoints('')).toBeNull();
		expect(readPoints(' \u3000 ')).toBeNull();
	});

	it('turns full-width digits, 「．」 and 「－」 into ASCII', () => {
		expect(readPoints('３．５')).toBe(3.5);
		expect(readPoints('１０')).toBe(10);
		expect(readPoints('－１')).toBe(-1);
	});

	it('gives NaN for anything that is not a plain decimal number', () => {
		for (const s of ['abc', '3分', '1e2', '0x10', 'Infinity', '3..5', '3.5.1', '1 2', '-', '.', '三']) expect(readPoints(s), s).toBeNaN();
	});
});

describe('parsePointsForm', () => {
	it('keeps the p_ fields by rubric key, leaves out blanks and ignores other fields', () => {
		const r = parsePointsForm(form({ stageId: '3', teamId: '1', p_r1: '4', p_r2: '', p_r3: '２．５', p_r4: ' 0 ', p_: '9' }));
		expect(r).toEqual({ ok: true, points: { r1: 4, r3: 2.5, r4: 0 } });
	});

	it('gives no points at all for an all-blank row', () => {
		expect(parsePointsForm(form({ stageId: '3', teamId: '1', p_r1: '', p_r2: '  ' }))).toEqual({ ok: true, points: {} });
	});

	it('marks every field that is not a number, by field name', () => {
		const r = parsePointsForm(form({ p_r1: 'abc', p_r2: '3', p_r3: '4分', p_r4: new File(['4'], 'x.txt') }));
		expect(r).toEqual({ ok: false, errors: { p_r1: '请输入数字', p_r3: '请输入数字', p_r4: '请输入数字' } });
	});

	it('passes numbers out of range through: the rubric check reports those', () => {
		expect(parsePointsForm(form({ p_r1: '-1', p_r2: '99', p_r3: '1.25' }))).toEqual({ ok: true, points: { r1: -1, r2: 99, r3: 1.25 } });
	});

	it('takes the last value of a repeated field', () => {
		expect(parsePointsForm(form({ p_r1: ['1', '2'] }))).toEqual({ ok: true, points: { r1: 2 } });
	});

	it('names fields the way the page and the action expect', () => {
		expect(pointsField('r1')).toBe('p_r1');
	});
});
