/**
 * The judge's scoring row as posted: one `p_<rubricKey>` field per rubric item. Pure, so the page can
 * also use it for the live row total.
 */

/** The prefix of a points field: `p_r1` holds the points of rubric item `r1`. */
export const POINTS_PREFIX = 'p_';

export const pointsField = (rubricKey: string) => `${POINTS_PREFIX}${rubricKey}`;

export type PointsForm = { ok: true; points: Record<string, number> } | { ok: false; errors: Record<string, string> };

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Reads one typed value: full-width digits (０-９), 「．」 and 「－」 become ASCII, spaces around are
 * dropped. Blank is `null` (not scored); anything that is not a plain decimal number is `NaN`.
 */
export function readPoints(text: string): number | null {
	const s = text
		.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/．/g, '.')
		.replace(/－/g, '-')
		.trim();
	if (s === '') return null;
	return NUMBER.test(s) ? Number(s) : NaN;
}

/**
 * Every `p_*` field of the form: blank fields are left out (not scored yet); a field that is not a number
 * (or is a file) gets 「请输入数字」, keyed by the field's name. Whether a number is in range is the
 * rubric's business (checkJudgePoints), not this function's.
 */
export function parsePointsForm(formData: FormData): PointsForm {
	const points: Record<string, number> = {};
	const errors: Record<string, string> = {};
	for (const name of new Set(formData.keys())) {
		if (!name.startsWith(POINTS_PREFIX) || name.length === POINTS_PREFIX.length) continue;
		const all = formData.getAll(name);
		const value = all[all.length - 1];
		const n = typeof value === 'string' ? readPoints(value) : NaN;
		if (n === null) continue;
		if (Number.isNaN(n)) errors[name] = '请输入数字';
		else points[name.slice(POINTS_PREFIX.length)] = n;
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, points };
}
