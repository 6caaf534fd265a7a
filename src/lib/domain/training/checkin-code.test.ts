import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkinCode, checkinUrlPath, constantTimeEqualText, verifyCheckinCode } from './checkin-code';

const SECRET = 'session-42-secret';
const T0 = Date.UTC(2026, 2, 15, 1, 0, 0); // a window boundary: 30 s divides the epoch offset
const S = 30_000;

describe('checkinCode', () => {
	it('is the first 40 bits of HMAC-SHA-256(secret, "slot:window") in base32 (checked against node:crypto)', () => {
		const window = Math.floor(T0 / S);
		const mac = createHmac('sha256', SECRET).update(`7:${window}`).digest();
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
		let bits = 0n;
		for (const b of mac.subarray(0, 5)) bits = (bits << 8n) | BigInt(b);
		const expected = Array.from({ length: 8 }, (_, i) => alphabet[Number((bits >> BigInt(35 - 5 * i)) & 31n)]).join('');
		expect(checkinCode(SECRET, 7, T0)).toBe(expected);
	});

	it.each([
		['same window, start and end', T0, T0 + S - 1, true],
		['same window, middle', T0 + 1_000, T0 + 29_000, true],
		['next window', T0 + S - 1, T0 + S, false],
		['previous window', T0 - 1, T0, false]
	])('%s', (_, a, b, same) => {
		expect(checkinCode(SECRET, 7, a) === checkinCode(SECRET, 7, b)).toBe(same);
	});

	it('differs between slots and between secrets, and is 8 base32 characters', () => {
		const code = checkinCode(SECRET, 7, T0);
		expect(code).toMatch(/^[A-Z2-7]{8}$/);
		expect(checkinCode(SECRET, 8, T0)).not.toBe(code);
		expect(checkinCode('other-secret', 7, T0)).not.toBe(code);
	});

	it('follows the period it is given', () => {
		expect(checkinCode(SECRET, 7, T0, 60_000)).toBe(checkinCode(SECRET, 7, T0 + 59_999, 60_000));
		expect(checkinCode(SECRET, 7, T0, 60_000)).not.toBe(checkinCode(SECRET, 7, T0 + 60_000, 60_000));
	});

	it.each([
		['empty secret', '', 7, T0, S],
		['slot 0', SECRET, 0, T0, S],
		['fractional slot', SECRET, 1.5, T0, S],
		['NaN time', SECRET, 7, Number.NaN, S],
		['zero period', SECRET, 7, T0, 0]
	])('throws on %s', (_, secret, slot, now, period) => {
		expect(() => checkinCode(secret, slot, now, period)).toThrow();
	});
});

describe('verifyCheckinCode', () => {
	const codeAt = (ms: number, slot = 7) => checkinCode(SECRET, slot, ms);
	const now = T0 + 5_000;

	it.each([
		['current window', codeAt(now), 'ok'],
		['current window, lower case with spaces', codeAt(now).toLowerCase().replace(/^(....)/, '$1 '), 'ok'],
		['previous window (scanned at second 29)', codeAt(now - S), 'ok'],
		['two windows back', codeAt(now - 2 * S), 'expired'],
		['eleven windows back', codeAt(now - 11 * S), 'expired'],
		['twelve windows back: no longer recognised', codeAt(now - 12 * S), 'invalid'],
		['next window (never issued yet)', codeAt(now + S), 'invalid'],
		['another slot', codeAt(now, 8), 'invalid'],
		['garbage', 'ABCDEFGH', 'invalid'],
		['too short', codeAt(now).slice(0, 7), 'invalid'],
		['empty', '', 'invalid'],
		['not base32', '!!!!!!!!', 'invalid']
	])('%s → %s', (_, code, verdict) => {
		expect(verifyCheckinCode(SECRET, 7, code, now)).toBe(verdict);
	});

	it('reads 0, 1 and 8 typed for O, I and B', () => {
		// Find a window whose code has one of those letters, so the test cannot pass vacuously.
		const at = Array.from({ length: 200 }, (_, k) => now + k * S).find((ms) => /[OIB]/.test(codeAt(ms)))!;
		const typed = codeAt(at).replace(/O/g, '0').replace(/I/g, '1').replace(/B/g, '8');
		expect(typed).not.toBe(codeAt(at));
		expect(verifyCheckinCode(SECRET, 7, typed, at)).toBe('ok');
	});

	it.each([
		[0, codeAt(now - S), 'expired'],
		[2, codeAt(now - 2 * S), 'ok'],
		[2, codeAt(now - 3 * S), 'expired']
	])('acceptPrevious %d', (acceptPrevious, code, verdict) => {
		expect(verifyCheckinCode(SECRET, 7, code, now, { acceptPrevious })).toBe(verdict);
	});

	it('honours periodMs and expiredWindows', () => {
		const code = checkinCode(SECRET, 7, now - 60_000, 60_000);
		expect(verifyCheckinCode(SECRET, 7, code, now, { periodMs: 60_000 })).toBe('ok');
		expect(verifyCheckinCode(SECRET, 7, codeAt(now - 2 * S), now, { expiredWindows: 0 })).toBe('invalid');
	});
});

describe('constantTimeEqualText', () => {
	afterEach(() => vi.restoreAllMocks());

	it.each([
		['ABCDEFGH', 'ABCDEFGH', true],
		['ABCDEFGH', 'XBCDEFGH', false],
		['ABCDEFGH', 'ABCDEFGX', false],
		['ABCDEFGH', 'ABCDEFG', false],
		['', '', true],
		['A', '', false]
	])('%j vs %j → %s', (a, b, equal) => {
		expect(constantTimeEqualText(a, b)).toBe(equal);
	});

	it('reads every character whether the first or the last one differs', () => {
		const spy = vi.spyOn(String.prototype, 'charCodeAt');
		const reads = (a: string, b: string) => {
			spy.mockClear();
			constantTimeEqualText(a, b);
			return spy.mock.calls.length;
		};
		const counts = [reads('ABCDEFGH', 'XBCDEFGH'), reads('ABCDEFGH', 'ABCDEFGX'), reads('ABCDEFGH', 'ABCDEFGH')];
		expect(counts).toEqual([16, 16, 16]);
	});
});

describe('checkinUrlPath', () => {
	it.each([
		[7, 'ABCDEFGH', '/checkin/7/ABCDEFGH'],
		[12, 'A/B?', '/checkin/12/A%2FB%3F']
	])('%d, %s → %s', (slot, code, path) => {
		expect(checkinUrlPath(slot, code)).toBe(path);
	});
});
