/**
 * Length of the longest common subsequence of two key sequences: how many of the cards are in the
 * right relative order. Order scoring uses it because one card put in the wrong place then costs one
 * step, not every step after it (as a position-by-position comparison would).
 *
 * O(a·b) time and O(b) memory; procedure keys have a few dozen steps at most.
 */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
	let prev = new Array<number>(b.length + 1).fill(0);
	let row = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
		}
		[prev, row] = [row, prev];
	}
	return prev[b.length];
}
