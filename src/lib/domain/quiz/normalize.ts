/**
 * Normalisation of free-text answers (fill-in questions), so that trivial differences in how a
 * learner types do not make a right answer wrong.
 */

/** After NFKC, full-width ．，；！？ have become .,;!? — 。 has no half-width form and stays. */
const TRAILING_PUNCTUATION = /[。.,;!?]+$/u;

/**
 * NFKC (full-width letters, digits and punctuation → half-width), remove all whitespace (including
 * U+3000), lowercase Latin letters, then strip trailing sentence punctuation (。．.，,；;！!？?).
 * `'　３０ 日。'` → `'30日'`, `'ＡＢＣ'` → `'abc'`.
 */
export function normalizeAnswerText(s: string): string {
	return s
		.normalize('NFKC')
		.replace(/[\s\u200b]+/gu, '') // \s covers U+3000 and U+FEFF; U+200B sneaks in from copy-paste
		.toLowerCase()
		.replace(TRAILING_PUNCTUATION, '');
}
