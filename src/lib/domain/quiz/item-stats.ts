/**
 * Item analysis of a quiz (the statistics Moodle's quiz report shows): how easy each question was
 * (facility), whether it separates learners who do well on the rest of the quiz from those who do not
 * (discrimination), and which options were chosen.
 */
import type { Response } from './types';

export interface AttemptForStats {
	total: number;
	maxTotal: number;
	items: { questionId: number; points: number; maxPoints: number; response: Response | null }[];
}

export interface ItemStat {
	questionId: number;
	/** submitted attempts that contained the question */
	attempts: number;
	/** mean points ÷ maxPoints × 100, 1 decimal; null without attempts */
	facility: number | null;
	/**
	 * Pearson correlation × 100 (1 decimal) between the item's score fraction and the rest-of-test
	 * fraction (total − item points) ÷ (maxTotal − item max): Moodle's discrimination index. null with
	 * fewer than 2 attempts or when either side does not vary.
	 */
	discrimination: number | null;
	/** choice questions: times each key was chosen (every key present); true/false: { 对, 错 } */
	optionCounts: Record<string, number>;
	/** attempts that left the question unanswered */
	blank: number;
}

const round1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;
const fraction = (n: number, d: number) => (d > 0 ? n / d : 0);

function isBlank(r: Response): boolean {
	if (r.kind === 'single') return r.key.trim() === '';
	if (r.kind === 'multiple') return r.keys.length === 0;
	if (r.kind === 'truefalse') return false;
	return r.text.trim() === '';
}

/** Counts the options a response chose; fill and citation responses choose none. */
function countChoice(counts: Record<string, number>, r: Response): Record<string, number> {
	const out = { ...counts };
	if (r.kind === 'single') out[r.key] = (out[r.key] ?? 0) + 1;
	if (r.kind === 'multiple') for (const k of new Set(r.keys)) out[k] = (out[k] ?? 0) + 1;
	if (r.kind === 'truefalse') {
		const k = r.value ? '对' : '错';
		return { 对: 0, 错: 0, ...out, [k]: (out[k] ?? 0) + 1 };
	}
	return out;
}

/** Pearson correlation of two equally long series; null when either has zero variance. */
export function pearson(xs: number[], ys: number[]): number | null {
	const n = xs.length;
	if (n < 2) return null;
	const mx = xs.reduce((s, x) => s + x, 0) / n;
	const my = ys.reduce((s, y) => s + y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (xs[i] - mx) * (ys[i] - my);
		sxx += (xs[i] - mx) ** 2;
		syy += (ys[i] - my) ** 2;
	}
	// Below this the "variance" is floating-point noise from identical values.
	if (sxx < 1e-12 || syy < 1e-12) return null;
	return sxy / Math.sqrt(sxx * syy);
}

/** Statistics per question over submitted attempts, sorted by questionId. */
export function itemStats(attempts: AttemptForStats[], optionKeysOf: (questionId: number) => string[]): ItemStat[] {
	const acc = new Map<number, { xs: number[]; ys: number[]; counts: Record<string, number>; blank: number }>();
	for (const a of attempts) {
		for (const item of a.items) {
			let s = acc.get(item.questionId);
			if (!s) {
				s = { xs: [], ys: [], counts: Object.fromEntries(optionKeysOf(item.questionId).map((k) => [k, 0])), blank: 0 };
				acc.set(item.questionId, s);
			}
			s.xs.push(fraction(item.points, item.maxPoints));
			s.ys.push(fraction(a.total - item.points, a.maxTotal - item.maxPoints));
			const r = item.response;
			if (r === null || isBlank(r)) s.blank++;
			else s.counts = countChoice(s.counts, r);
		}
	}
	return [...acc.entries()]
		.sort(([a], [b]) => a - b)
		.map(([questionId, s]) => {
			const r = pearson(s.xs, s.ys);
			return {
				questionId,
				attempts: s.xs.length,
				facility: s.xs.length > 0 ? round1((s.xs.reduce((t, x) => t + x, 0) / s.xs.length) * 100) : null,
				discrimination: r === null ? null : round1(r * 100),
				optionCounts: s.counts,
				blank: s.blank
			};
		});
}

/** Chinese hints for the item report: 过难 (facility < 20), 过易 (> 95), weak or negative discrimination. */
export function itemFlags(stat: Pick<ItemStat, 'facility' | 'discrimination'>): string[] {
	const flags: string[] = [];
	if (stat.facility !== null && stat.facility < 20) flags.push('过难');
	if (stat.facility !== null && stat.facility > 95) flags.push('过易');
	if (stat.discrimination !== null && stat.discrimination < 0) flags.push('区分度为负：好学生反而答错，请检查答案');
	else if (stat.discrimination !== null && stat.discrimination < 20) flags.push('区分度低');
	return flags;
}
