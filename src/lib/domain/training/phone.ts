/**
 * Contact numbers of learners and enterprise contacts: mainland mobiles (SMS notices) and landlines
 * (enterprise offices). Numbers arrive from Excel sheets and IME input in every shape, so they are
 * normalised to one stored form: `13812345678` for mobiles, `0755-12345678` for landlines.
 */
import { err, ok, type Result } from '../result';
import { toHalfWidth } from './text';

export type PhoneError = 'phone.empty' | 'phone.invalid' | 'phone.not_mobile';
export type PhoneKind = 'mobile' | 'landline';

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Stored landline form: area code, dash, 7–8-digit subscriber number. Subscriber numbers start with 2–9
 * (0 is the trunk prefix, 1 the short service numbers such as 110), which is stricter than `\d{7,8}`.
 */
const LANDLINE = /^0\d{2,3}-[2-9]\d{6,7}$/;

/** Separators people type inside a number: spaces, dashes of every width, dots, brackets. */
const SEPARATORS = /[\s\-‐‑‒–—―.()]/g;

/**
 * Area-code length from the digits after the trunk 0: 010 and 020–029 are the only 3-digit codes
 * (北京, 广州, 上海, 天津, 重庆, 沈阳, 南京, 武汉, 成都, 西安 …); every other code has 4 digits.
 * This lets a number typed without its dash be split unambiguously.
 */
const areaCodeLength = (digits: string) => (digits[1] === '1' || digits[1] === '2' ? 3 : 4);

/**
 * Checks and normalises a mainland mobile (`1[3-9]` + 9 digits, optionally `+86`/`0086`/`86` before it)
 * or a landline (`0` + 2–3-digit area code + 7–8 digits, `+86` form without the trunk 0 also read).
 * `mobileOnly` is for fields that must receive SMS.
 */
export function checkPhone(s: string, options: { mobileOnly?: boolean } = {}): Result<string, PhoneError> {
	const raw = toHalfWidth(s).replace(SEPARATORS, '');
	if (raw === '') return err('phone.empty');
	const m = /^(?:\+86|0086|86(?=1[3-9]\d{9}$))?(\d+)$/.exec(raw);
	if (!m) return err('phone.invalid');
	const hadCountryCode = m[1].length !== raw.length;
	let digits = m[1];
	if (MOBILE.test(digits)) return ok(digits);
	// +86 10 1234 5678: international form drops the trunk 0.
	if (hadCountryCode && digits[0] !== '0') digits = '0' + digits;
	if (digits[0] !== '0') return err('phone.invalid');
	const area = areaCodeLength(digits);
	const landline = `${digits.slice(0, area)}-${digits.slice(area)}`;
	if (!LANDLINE.test(landline)) return err('phone.invalid');
	if (options.mobileOnly) return err('phone.not_mobile');
	return ok(landline);
}

/** Kind of a number already normalised by `checkPhone`. */
export function phoneKind(normalised: string): PhoneKind {
	return MOBILE.test(normalised) ? 'mobile' : 'landline';
}

/**
 * For lists and exports: `138****5678`, `0755-****5678`. Input that is not a valid number keeps only its
 * last 4 digits visible, so a bad value in the database still never shows in full.
 */
export function maskPhone(s: string): string {
	const r = checkPhone(s);
	if (r.ok) {
		const n = r.value;
		if (MOBILE.test(n)) return `${n.slice(0, 3)}****${n.slice(-4)}`;
		const dash = n.indexOf('-');
		return `${n.slice(0, dash + 1)}${'*'.repeat(n.length - dash - 5)}${n.slice(-4)}`;
	}
	const digits = toHalfWidth(s).replace(/\D/g, '');
	return digits.length <= 4 ? '*'.repeat(digits.length) : '*'.repeat(digits.length - 4) + digits.slice(-4);
}
