/**
 * Chinese numerals ⇄ numbers, for article, paragraph and item numbers (第一百零二条, 第（三）项).
 *
 * Our own converter rather than the `nzh` package the issue suggested. nzh 1.0.14 installs and runs on
 * Node 20, but in `npm run bench:citations` (BENCH_NZH=…/nzh.js) its `cn.decodeS` took 3–11 µs per
 * numeral against 25–85 ns here (the parser reads one per 第…条/款/项), `cn.encodeS` ~2.8 µs against
 * ~0.1 µs; it cannot say "not a number" (garbage and 零 both decode to 0) and it does not read 两. Legal
 * numbering needs only integers below 10⁸, which the few lines below cover.
 */

const DIGIT_CHARS = '零一二三四五六七八九';

// One lookup table over all UTF-16 code units (128 KB, built once): the parser asks "is this a
// numeral?" for every character after each 第, and a typed-array read beats switches, Maps and Sets.
// Values: 0–9 a Chinese digit, 10/100/1000/10000 a unit, ARABIC + d a half- or full-width digit.
const NONE = -1;
const ARABIC = 20000;
const VALUE = new Int16Array(65536).fill(NONE);
[...DIGIT_CHARS].forEach((c, i) => (VALUE[c.charCodeAt(0)] = i));
VALUE['〇'.charCodeAt(0)] = 0;
VALUE['两'.charCodeAt(0)] = 2;
[...'十百千万'].forEach((c, i) => (VALUE[c.charCodeAt(0)] = 10 ** (i + 1)));
for (let d = 0; d <= 9; d++) VALUE[48 + d] = VALUE[0xff10 + d] = ARABIC + d;
const LIANG = '两'.charCodeAt(0);

/** Whether a code unit can be part of a number that parseChineseNumber reads. */
export function isNumeralCode(c: number): boolean {
	return VALUE[c] >= 0;
}

/**
 * Reads a number written in Chinese numerals (一百零二, 十, 两百, 一千零一十, 三万), in positional
 * digits (二〇二一, 一零二) or in Arabic digits, half- or full-width (102, １０２).
 *
 * Returns null for anything else, including malformed numerals such as 十十, 百一 or the spoken
 * abbreviation 一百二 (which means 120 in speech and is never used to number articles).
 */
export function parseChineseNumber(s: string): number | null {
	return parseChineseNumberIn(s, 0, s.length);
}

/** parseChineseNumber of s.slice(from, to), without making the slice (the parser's hot path). */
export function parseChineseNumberIn(s: string, from: number, to: number): number | null {
	const n = to - from;
	if (n <= 0) return null;
	if (VALUE[s.charCodeAt(from)] >= ARABIC) {
		let v = 0;
		for (let i = from; i < to; i++) {
			const d = VALUE[s.charCodeAt(i)] - ARABIC;
			if (d < 0) return null;
			v = v * 10 + d;
		}
		return v;
	}
	let total = 0; // completed 万 group
	let section = 0; // value below 万 so far
	let digit = -1; // a digit waiting for its unit
	let lastUnit = 100000; // units inside a section must decrease
	let zero = false; // 零 seen since the last unit
	let unitsSeen = false;
	for (let i = from; i < to; i++) {
		const x = VALUE[s.charCodeAt(i)];
		if (x >= 0 && x <= 9) {
			if (digit !== -1 || (x === 0 && !unitsSeen && n > 1)) return positional(s, from, to);
			if (x === 0) zero = true;
			else digit = x;
			continue;
		}
		const u = x;
		if (u < 10 || u >= ARABIC) return null;
		unitsSeen = true;
		if (u === 10000) {
			const high = section + Math.max(digit, 0);
			if (high === 0 || total !== 0) return null;
			total = high * 10000;
			section = 0;
			digit = -1;
			lastUnit = 100000;
			zero = false;
			continue;
		}
		if (u >= lastUnit) return null;
		if (digit === -1) {
			// 十 alone means 一十 at the start (十二) or after 零 (一千零十); 百 and 千 need a digit.
			if (u === 10 && (section === 0 || zero)) digit = 1;
			else return null;
		}
		section += digit * u;
		lastUnit = u;
		digit = -1;
		zero = false;
	}
	if (digit !== -1) {
		// A bare final digit right after 百/千/万 without 零 is the spoken 一百二 = 120: refuse it.
		if (unitsSeen && lastUnit !== 10 && !zero) return null;
		section += digit;
	} else if (zero && unitsSeen) {
		return null; // 一百零
	}
	return total + section;
}

/** 二〇二一 / 一零二: digit by digit, no units (and no 两, which is never a digit of its own). */
function positional(s: string, from: number, to: number): number | null {
	let v = 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		const d = VALUE[c];
		if (d < 0 || d > 9 || c === LIANG) return null;
		v = v * 10 + d;
	}
	return v;
}

/** One 万-group (0 < n < 10000) in legal style; `isLeading` drops the 一 of 一十 (10 → 十). */
function section(n: number, isLeading: boolean): string {
	const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
	const units = ['千', '百', '十', ''];
	let out = '';
	let pendingZero = false;
	for (let i = 0; i < 4; i++) {
		const d = parts[i];
		if (d === 0) {
			if (out !== '') pendingZero = true;
			continue;
		}
		if (pendingZero) out += '零';
		pendingZero = false;
		if (!(i === 2 && d === 1 && out === '' && isLeading)) out += DIGIT_CHARS[d];
		out += units[i];
	}
	return out;
}

/**
 * Writes an integer 0 ≤ n < 10⁸ the way Chinese laws number articles: 10 → 十, 28 → 二十八,
 * 102 → 一百零二, 110 → 一百一十, 1010 → 一千零一十, 10010 → 一万零一十.
 *
 * Throws RangeError for other numbers: callers pass parsed article numbers, so anything else is a bug.
 */
export function toChineseNumber(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n >= 1e8) throw new RangeError(`not a small integer: ${n}`);
	if (n === 0) return '零';
	const high = Math.floor(n / 10000);
	const low = n % 10000;
	if (high === 0) return section(low, true);
	let out = section(high, true) + '万';
	if (low === 0) return out;
	if (low < 1000) out += '零';
	return out + section(low, false);
}
