import { describe, expect, it } from 'vitest';
import { certificateCheckChar, certificateNumber, parseCertificateNumber } from './certificate-number';

describe('certificateCheckChar', () => {
	it.each([
		// 2·5 + 0·7 + 2·5 + 6·7 + 0·5 + 1·7 + 2·5 + 0·7 + 3·5 + 4·7 + 5·5 = 147, 147 mod 36 = 3
		['20260120345', '3'],
		// 72 mod 36 = 0
		['20260010001', '0'],
		// 1·5 + 1·7 + 1·5 = 15 → F
		['10000010001', 'F'],
		// 6 × 9 × 5 + 5 × 9 × 7 = 585, 585 mod 36 = 9
		['99999999999', '9']
	])('%s → %s', (digits, check) => {
		expect(certificateCheckChar(digits)).toBe(check);
	});

	it('catches every single wrong digit and every swap of neighbouring digits', () => {
		let missed = 0;
		for (const digits of ['20260120345', '20251234567', '20309998888', '20240010001']) {
			const check = certificateCheckChar(digits);
			for (let i = 0; i < 11; i++) {
				for (let d = 0; d <= 9; d++) {
					const typo = digits.slice(0, i) + d + digits.slice(i + 1);
					if (typo !== digits && certificateCheckChar(typo) === check) missed++;
				}
				const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
				if (i < 10 && swapped !== digits && certificateCheckChar(swapped) === check) missed++;
			}
		}
		expect(missed).toBe(0);
	});
});

describe('certificateNumber', () => {
	it.each([
		[2026, 12, 345, 'PX2026-012-0345-3'],
		[2026, 1, 1, 'PX2026-001-0001-0'],
		[2026, 999, 9999, `PX2026-999-9999-${certificateCheckChar('20269999999')}`]
	])('%d, %d, %d → %s', (year, session, learner, expected) => {
		expect(certificateNumber(year, session, learner)).toBe(expected);
	});

	it.each([
		[999, 1, 1],
		[10000, 1, 1],
		[2026, 0, 1],
		[2026, 1000, 1],
		[2026, 1, 0],
		[2026, 1, 10000],
		[2026, 1.5, 1]
	])('throws on %d, %d, %d', (year, session, learner) => {
		expect(() => certificateNumber(year, session, learner)).toThrow();
	});
});

describe('parseCertificateNumber', () => {
	const parsed = { ok: true, value: { year: 2026, sessionSeq: 12, learnerSeq: 345, number: 'PX2026-012-0345-3' } };

	it.each([
		'PX2026-012-0345-3',
		'px2026-012-0345-3',
		' PX 2026 - 012 - 0345 - 3 ',
		'PX20260120345-3',
		'PX202601203453',
		'ＰＸ２０２６－０１２－０３４５－３',
		'PX2026—012—0345—3',
		'PX2O26-O12-O345-3' // letter O typed for zero
	])('reads %j', (input) => {
		expect(parseCertificateNumber(input)).toEqual(parsed);
	});

	it('round-trips every number it prints', () => {
		for (const [y, s, l] of [
			[2026, 1, 1],
			[2030, 999, 9999],
			[2025, 37, 1208]
		]) {
			const n = certificateNumber(y, s, l);
			expect(parseCertificateNumber(n)).toEqual({ ok: true, value: { year: y, sessionSeq: s, learnerSeq: l, number: n } });
		}
	});

	it.each([
		['', 'cert.format'],
		['PX2026-012-0345', 'cert.format'], // check character missing
		['PX2026-12-0345-3', 'cert.format'],
		['ZS2026-012-0345-3', 'cert.format'],
		['PX2026-000-0345-0', 'cert.format'],
		['PX2026-012-0000-0', 'cert.format'],
		['PX2026-012-0345-33', 'cert.format'],
		['PX2026-012-0346-3', 'cert.check'], // one digit wrong
		['PX2026-012-0354-3', 'cert.check'], // two digits swapped
		['PX2026-012-0345-4', 'cert.check'] // check character wrong
	])('refuses %j with %s', (input, code) => {
		expect(parseCertificateNumber(input)).toEqual({ ok: false, error: { code } });
	});
});
