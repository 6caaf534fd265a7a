/**
 * Rounds points to 2 decimals, half away from zero, never -0. Scores are shown and stored with 2
 * decimals; rounding every line the same way keeps Σ lines equal to the total shown. The nudge keeps
 * 1.005 (stored as 1.00499…) at 1.01.
 */
export function roundPoints(x: number): number {
	const r = (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7)) / 100;
	return r === 0 ? 0 : r;
}
