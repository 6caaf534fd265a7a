/**
 * The 题库's pure rules: how category names are written and compared, what makes two questions the same,
 * and the plain-text excerpt of a stem shown in lists. The server module (server/quiz/bank.ts) and the
 * spreadsheet import (server/quiz/bank-import.ts) call these.
 */

export const CATEGORY_NAME_MAX = 50;
/** Separates the levels of a category path in imports and exports: 安全生产法律法规/安全生产法（2021）. */
export const PATH_SEPARATOR = '/';

/** Names and paths compare after NFKC (full-width → half-width) with runs of spaces collapsed. */
export function normaliseName(name: string): string {
	return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

export type CategoryNameProblem = 'bank.category_name_required' | 'bank.category_name_too_long' | 'bank.category_name_slash';

/** The problem with a category name, or null: 1–50 characters and no '/' (it separates path levels). */
export function checkCategoryName(raw: string): CategoryNameProblem | null {
	const name = raw.trim();
	if (name === '') return 'bank.category_name_required';
	if ([...name].length > CATEGORY_NAME_MAX) return 'bank.category_name_too_long';
	if (/[/／\\]/.test(name)) return 'bank.category_name_slash';
	return null;
}

/**
 * What makes two questions "the same" for duplicate checks: the stem and the option texts, compared
 * without whitespace and after NFKC. The stem alone is not enough: 「下列说法正确的是（　）」 is the stem of
 * many different choice questions.
 */
export function duplicateKey(q: { stem: string; options: readonly { text: string }[] }): string {
	const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	return [norm(q.stem), ...q.options.map((o) => norm(o.text))].join('\u0001');
}

/** A one-line plain-text excerpt of markdown for lists, at most `max` characters (then 「…」). */
export function stemExcerpt(markdown: string, max = 80): string {
	const text = markdown
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]*>/g, '')
		.replace(/[*_`#>~|]+/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const chars = [...text];
	return chars.length > max ? chars.slice(0, max).join('') + '…' : text;
}
