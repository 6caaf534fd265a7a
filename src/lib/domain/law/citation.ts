/**
 * The one citation parser: finds references such as 《安全生产法》第一百零二条第一款第（三）项 in free
 * Chinese text and turns them into `{ lawId, article, paragraph?, item? }` (DESIGN.md, law library).
 *
 * How it reads, in one left-to-right pass anchored on 第…条 (every citation has one):
 * - From each 第…条 it looks *backwards* across a small gap (spaces, 的, 中, 中的, 规定的, an edition
 *   note such as （2021年修正） or (2021)) for a law: a 《title》, a catalog name or alias written
 *   bare, or a back reference 同法/该法/本法/前述法. Looking back from the few 第…条 instead of trying
 *   every catalog name at every position is what keeps it near the speed of a bare regex scan.
 * - With no law right before it, an article inherits the law of the previous citation in the same
 *   sentence (…第二十八条，第四十一条), unless a law was named in between or a law-like word the
 *   catalog lacks stands right before it (某省安全生产条例第五条 → lawId null). A sentence ends at
 *   。；！？ or a line break; only a back reference carries a law across it.
 * - A back reference means the last law named anywhere before it, cited or not.
 * - After 第…条 it reads 第…款 and 第…项 / 第（…）项 / 第(…)项, then lists joined by 、和及以及或者或与
 *   and ranges joined by 至到-~—, at the article, paragraph or item level.
 *
 * Known limits: 第…条之一 is read as 第…条; an edition year the catalog lacks (《安全生产法》（2002年）)
 * resolves to the current edition; a note that is not an edition, such as （以下简称…）, between the
 * title and 第…条 hides the title; an unknown law written without 《》 is only seen when it ends in a
 * law-like word (法 条例 规定 办法 标准 细则 规程 令 规范).
 */
import { LAW_CATALOG, getLaw, lawNameIndex } from './catalog';
import { isNumeralCode, parseChineseNumberIn, toChineseNumber } from './cn-numerals';

/**
 * One citation found in text. `lawName` is the law as written (without 《》, spaces or edition note;
 * for a back reference, the name it refers to); '' when no law applies, and then `lawId` is null.
 * `lawId` is also null for a title in 《》 that the catalog does not know.
 *
 * Spans are UTF-16 offsets, `end` exclusive, and never partly overlap:
 * - the first citation of a group runs from its law (《, the name or 同法) to the end of its own
 *   第…条[第…款][第…项]; without a law right before it, from its 第;
 * - later members of a list or range cover only their own 第…款/项 text (第四十一条 in
 *   第二十八条、第四十一条, 第二款 in 第一款、第二款);
 * - articles that a range only implies (42 in 第四十一条至第四十三条) cover the connector 至.
 */
export interface Citation {
	lawId: string | null;
	lawName: string;
	article: number;
	paragraph?: number;
	item?: number;
	start: number;
	end: number;
}

interface LawRef {
	lawId: string | null;
	lawName: string;
}

/** Ranges longer than this are not expanded (only their two ends are cited): 第一条至第九千条 is abuse. */
export const MAX_RANGE_EXPANSION = 50;

// Hot paths compare char codes and read lookup tables instead of running regexes or slicing: each
// change here was measured with `npm run bench:citations`.
const DI = 0x7b2c; // 第
const TIAO = 0x6761; // 条
const KUAN = 0x6b3e; // 款
const XIANG = 0x9879; // 项
const JIAN = 0x4ef6; // 件: 条件 and 条款 are words (第三条件 = the third condition)
const DE = 0x7684; // 的
const ZHONG = 0x4e2d; // 中
const FA = 0x6cd5; // 法, the last char of every back reference
const NIAN = 0x5e74; // 年
const BAN = 0x7248; // 版
const TITLE_OPEN = 0x300a; // 《
const TITLE_CLOSE = 0x300b; // 》
const BACK_REFS = ['前述法', '同法', '该法', '本法'];
const NONE: LawRef = { lawId: null, lawName: '' };
const INNER_EDITION_RE = /^(.+?)（([^（）]*)）$/;

// The index is built once: name → id, and name → year → id for edition notes (安全生产法（2014年修正）).
const NAME_TO_ID = lawNameIndex();
const EDITIONS = new Map<string, Map<number, string>>();
for (const law of LAW_CATALOG) {
	const year = Number(law.edition?.match(/^\d{4}/)?.[0] ?? 0);
	if (!year) continue;
	const names = [law.title, law.shortTitle.replace(/（[^（）]*）$/, ''), ...law.aliases];
	if (law.title.startsWith('中华人民共和国')) names.push(law.title.slice('中华人民共和国'.length));
	for (const n of names) {
		const byYear = EDITIONS.get(n) ?? EDITIONS.set(n, new Map()).get(n)!;
		if (!byYear.has(year)) byYear.set(year, law.id);
	}
}
/** A catalog name as written (in 《》 or bare) and the law it resolves to. */
interface Name {
	written: string;
	ref: LawRef;
	hasEdition: boolean;
	isBare: boolean;
}
/**
 * Catalog names by a hash of their last two chars, longest first. Looking back from 》 or from a 第
 * then compares a handful of candidates, with no Map lookup, slicing or backward scan for 《.
 */
const BY_TAIL: Name[][] = new Array<Name[]>(4096).fill([]);
const tailSlot = (beforeLast: number, last: number) => (beforeLast * 31 + last) & 4095;
/** Per code unit, bit flags: see the classify() calls below. */
const CHAR_CLASS = new Uint16Array(65536);
const [NAME_END, TITLE_END, SENTENCE_END, LAWLIKE_END, LIST_SEP, RANGE_SEP, BRACKET, GROUP_GOES_ON, SPACE] = [1, 2, 4, 8, 16, 32, 64, 128, 256];
for (const [name, lawId] of NAME_TO_ID) {
	const ref: LawRef = { lawId, lawName: name.replace(/（[^（）]*）$/, '') };
	const isBare = !/[（）()]/.test(name);
	const slot = tailSlot(name.charCodeAt(name.length - 2), name.charCodeAt(name.length - 1));
	const entry = { written: name, ref, hasEdition: ref.lawName !== name, isBare };
	BY_TAIL[slot] = [...BY_TAIL[slot], entry].sort((a, b) => b.written.length - a.written.length);
	if (isBare) CHAR_CLASS[name.charCodeAt(name.length - 1)] |= NAME_END;
}
const classify = (chars: string, cls: number) => [...chars].forEach((c) => (CHAR_CLASS[c.charCodeAt(0)] |= cls));
classify('》', TITLE_END);
classify('。；;！？!?\n\r', SENTENCE_END);
classify('法例定准则程令范', LAWLIKE_END); // 条例 规定 标准 细则 规程 号令 规范: a law the catalog lacks
classify('、和及或与', LIST_SEP); // 或者 and 以及 are read in readSeparator
classify('至到－—–-~～', RANGE_SEP);
classify('（）()《》\n', BRACKET);
classify('第 \t\u00a0\u3000以', GROUP_GOES_ON);
classify(' \t\u00a0\u3000', SPACE);
for (let c = 0; c < 65536; c++) if (CHAR_CLASS[c] & (LIST_SEP | RANGE_SEP)) CHAR_CLASS[c] |= GROUP_GOES_ON;
/** Resolved 《…》 titles not in the catalog; bounded so that arbitrary text cannot grow it forever. */
const TITLE_CACHE = new Map<string, LawRef>();

const isDigitCode = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
function skipSpaces(text: string, i: number): number {
	while (CHAR_CLASS[text.charCodeAt(i)] & SPACE) i++;
	return i;
}

function skipSpacesBack(text: string, q: number): number {
	while (q > 0 && CHAR_CLASS[text.charCodeAt(q - 1)] & SPACE) q--;
	return q;
}

function endsWithAt(text: string, q: number, word: string): boolean {
	return q >= word.length && text.startsWith(word, q - word.length);
}

/**
 * The year of the edition note between `open` （ and `close` ）, or 0 when it is not one. Edition notes:
 * 2021, 2021年修正, 2017版, 2015年修正本, 2021年6月10日修正 (a year, then 年 or 版 and ≤ 12 more chars).
 */
function editionYear(text: string, open: number, close: number): number {
	let i = skipSpaces(text, open + 1);
	let year = 0;
	for (const end = i + 4; i < end; i++) {
		const c = text.charCodeAt(i);
		if (!isDigitCode(c)) return 0;
		year = year * 10 + ((c - 48) % 0xfee0); // ０-９ are 0xfee0 above 0-9
	}
	i = skipSpaces(text, i);
	if (i === close) return year;
	const c = text.charCodeAt(i);
	if ((c !== NIAN && c !== BAN) || close - i > 13) return 0;
	for (; i < close; i++) if (CHAR_CLASS[text.charCodeAt(i)] & BRACKET) return 0;
	return year;
}

/** The edition note right after `pos` (spaces allowed): its year, or 0. */
function editionYearAfter(text: string, pos: number): number {
	const open = skipSpaces(text, pos);
	const c = text.charCodeAt(open);
	if (c !== 0xff08 && c !== 0x28) return 0;
	for (let i = open + 1; i < open + 22; i++) {
		const d = text.charCodeAt(i);
		if (d === 0xff09 || d === 0x29) return editionYear(text, open, i);
	}
	return 0;
}

function resolveName(name: string, year: number): LawRef {
	const id = (year && EDITIONS.get(name)?.get(year)) || NAME_TO_ID.get(name) || null;
	return { lawId: id, lawName: name };
}

/** The law named by a title between 《 at `open` and 》 at `close` that is not written as in the catalog. */
function titleOutsideCatalog(text: string, open: number, close: number, yearAfter: number): LawRef {
	const inner = text.slice(open + 1, close);
	const key = `${inner}@${yearAfter}`;
	let ref = TITLE_CACHE.get(key);
	if (ref) return ref;
	const name = inner.replace(/[ \t\u00a0\u3000]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
	const m = INNER_EDITION_RE.exec(name);
	const year = m ? editionYear(name, m[1].length, name.length - 1) : 0;
	ref = m && year ? resolveName(m[1], year) : resolveName(name, yearAfter);
	if (TITLE_CACHE.size >= 1000) TITLE_CACHE.clear();
	TITLE_CACHE.set(key, ref);
	return ref;
}

/**
 * The nearest `open` or `open2` before `close` within `max` code units, or -1 if `stop` or a newline
 * comes first. A bounded loop: lastIndexOf would scan back to the start of the text when there is none.
 */
function openingBefore(text: string, close: number, open: number, open2: number, stop: number, max: number): number {
	for (let i = close - 1; i >= 0 && close - i <= max; i--) {
		const c = text.charCodeAt(i);
		if (c === open || c === open2) return i;
		if (c === stop || c === 10) return -1;
	}
	return -1;
}

// Out-values of the readers below: they run once or more per citation, and returning fresh objects
// from them was a measurable share of the parse time.
const found = { start: 0, isBackRef: false };
const unit = { level: 1, value: 0, start: 0, end: 0 };
const sep = { start: 0, length: 0, isRange: false };

/** A 《title》 or catalog name that ends exactly at q and starts at or after `min` (sets found.start). */
function nameEndingAt(text: string, q: number, year: number, min: number): LawRef | undefined {
	const last = text.charCodeAt(q - 1);
	if (last === TITLE_CLOSE) {
		const close = q - 1;
		for (const n of BY_TAIL[tailSlot(text.charCodeAt(close - 2), text.charCodeAt(close - 1))]) {
			const s = close - n.written.length;
			if (s - 1 < min || text.charCodeAt(s - 1) !== TITLE_OPEN || !text.startsWith(n.written, s)) continue;
			found.start = s - 1;
			return year && !n.hasEdition ? resolveName(n.ref.lawName, year) : n.ref; // 《X（2014年修正）》 wins
		}
		const open = openingBefore(text, close, TITLE_OPEN, TITLE_OPEN, TITLE_CLOSE, 62);
		if (open < min) return undefined;
		found.start = open;
		return titleOutsideCatalog(text, open, close, year);
	}
	if ((CHAR_CLASS[last] & NAME_END) === 0) return undefined;
	for (const n of BY_TAIL[tailSlot(text.charCodeAt(q - 2), last)]) {
		const s = q - n.written.length;
		if (!n.isBare || s < min || !text.startsWith(n.written, s)) continue;
		if (isDigitCode(n.written.charCodeAt(0)) && isDigitCode(text.charCodeAt(s - 1))) continue; // not 3号令 in 13号令
		found.start = s;
		return year ? resolveName(n.written, year) : n.ref;
	}
	return undefined;
}

/**
 * The law written right before p across a small gap (sets `found`), or undefined. A law-like word
 * the catalog lacks (某某条例第五条) gives NONE, so that the article inherits nothing.
 */
function lawBefore(text: string, p: number): LawRef | undefined {
	let q = skipSpacesBack(text, p);
	const gap = text.charCodeAt(q - 1);
	if (gap === DE) q -= endsWithAt(text, q, '规定的') ? 3 : endsWithAt(text, q, '中的') ? 2 : 1;
	else if (gap === ZHONG) q -= 1;
	if (gap === DE || gap === ZHONG) q = skipSpacesBack(text, q);
	let year = 0;
	const close = text.charCodeAt(q - 1);
	if (close === 0xff09 || close === 0x29) {
		const open = openingBefore(text, q - 1, 0xff08, 0x28, close, 24);
		year = open < 0 ? 0 : editionYear(text, open, q - 1);
		if (!year) return undefined;
		q = skipSpacesBack(text, open);
	}
	found.isBackRef = false;
	const last = text.charCodeAt(q - 1);
	if (!year && last === FA) {
		for (const ref of BACK_REFS) {
			if (!endsWithAt(text, q, ref)) continue;
			found.start = q - ref.length;
			found.isBackRef = true;
			return NONE;
		}
	}
	const law = nameEndingAt(text, q, year, 0);
	if (law || (CHAR_CLASS[last] & LAWLIKE_END) === 0) return law;
	found.start = p;
	return NONE;
}

/** Reads 第…条, 第…款, 第…项 or 第（…）项 at pos (after spaces) into `unit`; false when there is none. */
function readUnit(text: string, pos: number): boolean {
	let i = skipSpaces(text, pos);
	if (text.charCodeAt(i) !== DI) return false;
	const start = i;
	i = skipSpaces(text, i + 1);
	const open = text.charCodeAt(i);
	const isParen = open === 0xff08 || open === 0x28;
	if (isParen) i = skipSpaces(text, i + 1);
	const from = i;
	while (isNumeralCode(text.charCodeAt(i))) i++;
	const to = i;
	i = skipSpaces(text, i);
	if (isParen) {
		const close = text.charCodeAt(i);
		if (close !== 0xff09 && close !== 0x29) return false;
		i = skipSpaces(text, i + 1);
	}
	const c = text.charCodeAt(i);
	const level = c === TIAO ? 1 : c === KUAN ? 2 : c === XIANG ? 3 : 0;
	const after = text.charCodeAt(i + 1);
	if (level === 0 || (isParen && level !== 3) || after === JIAN || after === KUAN) return false;
	const n = parseChineseNumberIn(text, from, to);
	if (!n) return false;
	unit.level = level;
	unit.value = n;
	unit.start = start;
	unit.end = i + 1;
	return true;
}

/** Reads a list or range connector at pos that is followed by 第; returns the index of that 第 or -1. */
function readSeparator(text: string, pos: number): number {
	const i = skipSpaces(text, pos);
	const c = text.charCodeAt(i);
	const next = text.charCodeAt(i + 1);
	const cls = CHAR_CLASS[c];
	if (cls & LIST_SEP) sep.length = c === 0x6216 && next === 0x8005 ? 2 : 1; // 或者
	else if (cls & RANGE_SEP) sep.length = 1;
	else if (c === 0x4ee5 && next === 0x53ca) sep.length = 2; // 以及
	else return -1;
	sep.isRange = (cls & RANGE_SEP) !== 0;
	sep.start = i;
	const j = skipSpaces(text, i + sep.length);
	return text.charCodeAt(j) === DI ? j : -1;
}

function cite(law: LawRef, article: number, paragraph: number, item: number, start: number, end: number): Citation {
	const { lawId, lawName } = law;
	if (paragraph && item) return { lawId, lawName, article, paragraph, item, start, end };
	if (paragraph) return { lawId, lawName, article, paragraph, start, end };
	if (item) return { lawId, lawName, article, item, start, end };
	return { lawId, lawName, article, start, end };
}

/** Reading state that outlives one citation group. */
class Context {
	/** The last law named before `scannedTo`, and where that mention starts (-1: none). */
	lastLaw: LawRef = NONE;
	lastMentionAt = -1;
	scannedTo = 0;
	private readonly text: string;

	constructor(text: string) {
		this.text = text;
	}

	/** Updates lastLaw from [scannedTo, to), scanning backwards: each stretch is scanned at most once. */
	scanMentions(to: number): void {
		const { text, scannedTo: from } = this;
		if (from >= to) return;
		this.scannedTo = to;
		for (let i = to; i > from; i--) {
			if ((CHAR_CLASS[text.charCodeAt(i - 1)] & (NAME_END | TITLE_END)) === 0) continue;
			let law = nameEndingAt(text, i, 0, from);
			if (!law) continue;
			const year = editionYearAfter(text, i);
			if (year) law = nameEndingAt(text, i, year, from) ?? law;
			this.lastLaw = law;
			this.lastMentionAt = found.start;
			return;
		}
	}

	/** Whether no sentence ends in [from, to). */
	isSameSentence(from: number, to: number): boolean {
		for (let i = from; i < to; i++) if (CHAR_CLASS[this.text.charCodeAt(i)] & SENTENCE_END) return false;
		return true;
	}
}

/**
 * Finds every citation in `text`, in order of appearance. A law named without an article is not a
 * citation; an article with no law before it has `lawId: null` and `lawName: ''`. It does not check
 * that the article exists. See `Citation` for spans and the module comment for the rules.
 */
export function parseCitations(text: string): Citation[] {
	const out: Citation[] = [];
	const ctx = new Context(text);
	let prevEnd = -1;
	let prevLaw = NONE;
	for (let p = text.indexOf('第'); p >= 0; p = text.indexOf('第', p + 1)) {
		if (!readUnit(text, p) || unit.level !== 1) continue;
		let law = NONE;
		let start = p;
		const before = lawBefore(text, p);
		if (before && found.isBackRef) {
			start = found.start;
			ctx.scanMentions(start);
			law = ctx.lastLaw;
		} else if (before) {
			law = ctx.lastLaw = before;
			ctx.lastMentionAt = found.start;
			if (found.start < p) start = found.start;
			if (ctx.scannedTo < p) ctx.scannedTo = p;
		} else if (prevEnd >= 0 && ctx.isSameSentence(prevEnd, p)) {
			ctx.scanMentions(p);
			if (ctx.lastMentionAt < prevEnd) law = prevLaw;
		}
		prevEnd = readGroup(text, law, start, out);
		prevLaw = law;
		p = prevEnd - 1;
	}
	return out;
}

/**
 * Reads a group from the 第…条 just read by readUnit: its 款/项, then lists and ranges. Pushes the
 * citations and returns where the group ends.
 */
function readGroup(text: string, law: LawRef, start: number, out: Citation[]): number {
	let article = unit.value;
	let paragraph = 0;
	let item = 0;
	let level = 1;
	let pos = unit.end;
	// Most groups end right after 第…条: one table read instead of trying a unit and a connector.
	while (CHAR_CLASS[text.charCodeAt(pos)] & GROUP_GOES_ON) {
		if (readUnit(text, pos) && unit.level > level) {
			if (unit.level === 2) paragraph = unit.value;
			item = unit.level === 3 ? unit.value : 0;
			level = unit.level;
			pos = unit.end;
			continue;
		}
		const next = readSeparator(text, pos);
		if (next < 0 || !readUnit(text, next)) break;
		out.push(cite(law, article, paragraph, item, start, pos));
		const lo = unit.level === 1 ? article : unit.level === 2 ? paragraph : item;
		const hi = unit.value;
		if (sep.isRange && unit.level === level && lo > 0 && hi > lo && hi - lo <= MAX_RANGE_EXPANSION) {
			const [s, e] = [sep.start, sep.start + sep.length];
			for (let v = lo + 1; v < hi; v++) {
				if (level === 1) out.push(cite(law, v, 0, 0, s, e));
				else if (level === 2) out.push(cite(law, article, v, 0, s, e));
				else out.push(cite(law, article, paragraph, v, s, e));
			}
		}
		if (unit.level === 1) article = hi;
		if (unit.level <= 2) paragraph = unit.level === 2 ? hi : 0;
		item = unit.level === 3 ? hi : 0;
		level = unit.level;
		start = unit.start;
		pos = unit.end;
	}
	out.push(cite(law, article, paragraph, item, start, pos));
	return pos;
}

/**
 * The canonical form: 《安全生产法》第一百零二条第一款第（三）项, with the catalog's short title. A null
 * or unknown lawId gives just 第…条…, because there is no name to write. Throws RangeError for
 * numbers that are not integers in 0…99999999 (see toChineseNumber).
 */
export function formatCitation(c: Pick<Citation, 'lawId' | 'article' | 'paragraph' | 'item'>): string {
	const law = c.lawId === null ? undefined : getLaw(c.lawId);
	let s = law ? `《${law.shortTitle}》` : '';
	s += `第${toChineseNumber(c.article)}条`;
	if (c.paragraph !== undefined) s += `第${toChineseNumber(c.paragraph)}款`;
	if (c.item !== undefined) s += `第（${toChineseNumber(c.item)}）项`;
	return s;
}
