/**
 * The mean of judges' points with one highest and one lowest dropped once there are enough judges
 * (DESIGN.md: "drop one highest and one lowest when there are at least five judges, else the mean").
 * With few judges, dropping two would throw away most of the evidence, so the plain mean is used.
 *
 * - `values.length === 0` → null (nobody scored; the caller decides what that is worth);
 * - `values.length >= trimAt` → exactly one highest and one lowest are dropped, even when several
 *   judges share that value (5, 5, 7, 9, 9 → mean of 5, 7, 9);
 * - otherwise the plain mean.
 *
 * Trimming never leaves nothing: below 3 values there is no trimming, whatever `trimAt` says.
 * The input is not modified.
 */
export function trimmedMean(values: readonly number[], trimAt = 5): number | null {
	const n = values.length;
	if (n === 0) return null;
	if (!isTrimmed(n, trimAt)) return sum(values) / n;
	const sorted = [...values].sort((a, b) => a - b);
	return sum(sorted.slice(1, -1)) / (n - 2);
}

/** Whether trimmedMean drops the highest and lowest of `n` values. */
export function isTrimmed(n: number, trimAt = 5): boolean {
	return n >= Math.max(trimAt, 3);
}

/** Sums in ascending order so that the result does not depend on the judges' order. */
function sum(values: readonly number[]): number {
	return [...values].sort((a, b) => a - b).reduce((s, v) => s + v, 0);
}
