/**
 * Text clean-up shared by the training registry's parsers: people paste numbers from Word, WeChat and
 * Excel, typed with a Chinese IME, so full-width digits, letters and punctuation are common.
 */

/** Maps full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their half-width forms; leaves Chinese alone. */
export function toHalfWidth(s: string): string {
	return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Half-width, with every kind of whitespace removed (spaces typed inside a number mean nothing). */
export function compact(s: string): string {
	return toHalfWidth(s).replace(/\s+/g, '');
}
