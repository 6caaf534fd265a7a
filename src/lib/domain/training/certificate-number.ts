/**
 * 培训合格证明 numbers: `PX2026-012-0345-K` = PX (培训), year, session sequence in that year, learner
 * sequence in that session, and one check character. Anyone can verify a certificate on a public page by
 * typing its number, so the check character turns a mistyped number into "please check the number"
 * instead of "certificate not found" (which reads as a forgery) or, worse, another person's certificate.
 */
import { err, ok, type Result } from '../result';
import { toHalfWidth } from './text';

export type CertificateNumberError = 'cert.format' | 'cert.check';

export interface CertificateNumber {
	year: number;
	sessionSeq: number;
	learnerSeq: number;
	/** Canonical form, as printed. */
	number: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Weighted sum mod 36 of the 11 digits, weights alternating 5 and 7. Both weights are coprime to 36, so
 * every single wrong digit changes the sum (5Δ, 7Δ ≢ 0 mod 36 for Δ = 1…9), and their difference is 2, so
 * every swap of two neighbouring digits does too (2Δ ≤ 18). A plain digit sum would miss the swaps.
 */
export function certificateCheckChar(digits: string): string {
	if (!/^\d{11}$/.test(digits)) throw new Error('certificateCheckChar needs 11 digits');
	let sum = 0;
	for (let i = 0; i < 11; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 5 : 7);
	return ALPHABET[sum % 36];
}

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** The printed number; throws on out-of-range parts (a session beyond 999 or learner beyond 9999 is a bug upstream). */
export function certificateNumber(year: number, sessionSeq: number, learnerSeq: number): string {
	if (!inRange(year, 1000, 9999) || !inRange(sessionSeq, 1, 999) || !inRange(learnerSeq, 1, 9999)) {
		throw new Error(`certificateNumber: out of range ${year}/${sessionSeq}/${learnerSeq}`);
	}
	const s = String(sessionSeq).padStart(3, '0');
	const l = String(learnerSeq).padStart(4, '0');
	return `PX${year}-${s}-${l}-${certificateCheckChar(`${year}${s}${l}`)}`;
}

/** O for 0 and I/L for 1 in the digit parts: common when a number is read off paper. */
const digitLike = (s: string) => s.replace(/O/g, '0').replace(/[IL]/g, '1');

/**
 * Reads a number as typed: any case, full-width characters, spaces, any dash or none. Returns the parts
 * and the canonical form; 'cert.check' means it is well-formed but mistyped.
 */
export function parseCertificateNumber(s: string): Result<CertificateNumber, CertificateNumberError> {
	const t = toHalfWidth(s)
		.toUpperCase()
		.replace(/\s+/g, '')
		.replace(/[‐‑‒–—―－_]/g, '-');
	const m = /^PX([0-9OIL]{4})-?([0-9OIL]{3})-?([0-9OIL]{4})-?([0-9A-Z])$/.exec(t);
	if (!m) return err('cert.format');
	const [year, session, learner] = [m[1], m[2], m[3]].map(digitLike);
	if (!inRange(Number(year), 1000, 9999) || session === '000' || learner === '0000') return err('cert.format');
	if (certificateCheckChar(year + session + learner) !== m[4]) return err('cert.check');
	return ok({ year: Number(year), sessionSeq: Number(session), learnerSeq: Number(learner), number: `PX${year}-${session}-${learner}-${m[4]}` });
}
