/**
 * 居民身份证号码 (GB 11643-1999 公民身份号码): 6-digit address code, 8-digit birth date, 3-digit sequence,
 * 1 check character. Training records are kept 一人一档, so the number is the learner's key; checking it
 * here catches typos before two records split one person.
 */
import { err, ok, type Result } from '../result';
import { compact } from './text';

export type IdNumberError = 'id.length' | 'id.chars' | 'id.birth' | 'id.checksum';

/** Weights of the ISO 7064 MOD 11-2 check: 2^(17−i) mod 11 for positions i = 0…16. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Oldest birth year accepted: the standard's own example is born in 1880. */
const MIN_BIRTH_YEAR = 1800;

/** Half-width, no spaces, x → X: the form in which numbers are stored and compared. */
function normalise(s: string): string {
	return compact(s).toUpperCase();
}

/**
 * The check character for the first 17 digits (ISO 7064 MOD 11-2, as GB 11643 §5 prescribes).
 * Throws on anything but 17 ASCII digits, since callers pass already-checked input.
 */
export function idCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar needs 17 digits');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

/** `yyyy-mm-dd` when the 8 digits form a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
	const y = Number(yyyymmdd.slice(0, 4));
	const m = Number(yyyymmdd.slice(4, 6));
	const d = Number(yyyymmdd.slice(6, 8));
	if (m < 1 || m > 12 || d < 1) return null;
	const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (d > daysInMonth) return null;
	return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks an 18-character 居民身份证号码 and returns it normalised (half-width, upper-case X).
 * `today` is the caller's date in China time, `yyyy-mm-dd`: the domain never reads the clock.
 * Order of checks: length → characters (incl. an address code starting 1–8) → birth date → check character,
 * so the message names the first thing the person should look at. The 15-digit numbers of the
 * 1985 first-generation cards are refused: they expired long ago and have no check character.
 */
export function checkIdNumber(s: string, today: string): Result<string, IdNumberError> {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('checkIdNumber: today must be yyyy-mm-dd');
	const id = normalise(s);
	if (id.length !== 18) return err('id.length', { length: id.length });
	const bad = /[^0-9]/.exec(id.slice(0, 17)) ?? (/[0-9X]/.test(id[17]) ? null : { index: 17 });
	if (bad) return err('id.chars', { position: bad.index + 1 });
	// 行政区划代码 first digits: 1 华北 … 6 西北, 7 台湾, 8 港澳; 0 and 9 are unused.
	if (id[0] === '0' || id[0] === '9') return err('id.chars', { position: 1 });
	const birth = calendarDate(id.slice(6, 14));
	if (!birth || Number(birth.slice(0, 4)) < MIN_BIRTH_YEAR || birth > today) return err('id.birth');
	if (idCheckChar(id.slice(0, 17)) !== id[17]) return err('id.checksum');
	return ok(id);
}

/** Birth date `yyyy-mm-dd` encoded in an 18-character number (check character not verified), or null. */
export function birthDateOf(s: string): string | null {
	const id = normalise(s);
	if (!/^\d{17}[\dX]$/.test(id)) return null;
	return calendarDate(id.slice(6, 14));
}

/**
 * For lists and exports: first 3 and last 4 characters kept, the rest starred, same length
 * (`110***********1234`), so staff can tell two people apart without exposing the number.
 * Values too short to keep 7 characters are starred entirely.
 */
export function maskIdNumber(s: string): string {
	const id = normalise(s);
	if (id.length <= 7) return '*'.repeat(id.length);
	return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}
