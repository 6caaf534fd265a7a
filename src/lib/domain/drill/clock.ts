/**
 * Stage time limits, enforced by the server (DESIGN.md: "Time limits are enforced by the server").
 * All times are epoch milliseconds from the server clock; the browser's clock is never trusted.
 */

/** Extra time a trainer gave one team (指挥台 → 延长时间). */
export interface Extension {
	teamId: number;
	ms: number;
}

/** A pause of the stage; `to` is null while it lasts. */
export interface Pause {
	from: number;
	to: number | null;
}

/**
 * Whether a save arriving at `nowMs` is accepted: up to and including `endMs + graceMs`. The grace
 * covers a save sent in the last second that reaches the server a little late; it is not shown to
 * officers (remainingMs counts to `endMs`).
 */
export function canSave(nowMs: number, endMs: number, graceMs: number): boolean {
	return nowMs <= endMs + graceMs;
}

/** Time left to show on the clock: never negative, grace not included. */
export function remainingMs(nowMs: number, endMs: number): number {
	return Math.max(0, endMs - nowMs);
}

/**
 * When the stage ends for one team: the stage end, plus every extension given to that team, plus the
 * time the stage was paused.
 *
 * Pauses, kept simple:
 * - overlapping pauses count once (they are merged);
 * - a pause counts in full if it began before the end as it stood then (stage end + extensions +
 *   earlier pauses); a pause begun after the team's time was up gives no time back;
 * - an open pause (`to: null`) counts up to `nowMs`, so while it lasts the end moves with the clock
 *   and the remaining time stands still. An open pause without `nowMs` is a caller bug and throws.
 */
export function effectiveEnd(stageEnd: number, extensions: readonly Extension[], teamId: number, pauses: readonly Pause[] = [], nowMs?: number): number {
	let end = stageEnd;
	for (const e of extensions) if (e.teamId === teamId) end += e.ms;
	for (const p of mergePauses(pauses, nowMs)) {
		if (p.from < end) end += p.to - p.from;
	}
	return end;
}

function mergePauses(pauses: readonly Pause[], nowMs: number | undefined): { from: number; to: number }[] {
	const closed = pauses.map((p) => {
		if (p.to === null && nowMs === undefined) throw new Error('effectiveEnd: an open pause needs nowMs');
		return { from: p.from, to: Math.max(p.from, p.to ?? (nowMs as number)) };
	});
	closed.sort((a, b) => a.from - b.from || a.to - b.to);
	const merged: { from: number; to: number }[] = [];
	for (const p of closed) {
		const last = merged.at(-1);
		if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
		else merged.push({ ...p });
	}
	return merged;
}
