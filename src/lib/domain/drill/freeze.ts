/**
 * 封榜 and 揭晓 (DESIGN.md scoreboard): for the last N minutes of a drill, officers and the public see the
 * standings as they stood when the freeze began; trainers and judges keep seeing live ones. The reveal at
 * the ceremony ends the freeze for everyone.
 */

export interface FreezeInput {
	/** Automatic freeze this many minutes before the last stage ends; 0 = none. */
	freezeMinutes: number;
	/** A freeze the trainer started by hand (ms), or null. */
	frozenAt: number | null;
	/** The reveal (ms), or null. */
	revealedAt: number | null;
	/** The end of the drill's last stage (ms), once that stage has been opened; null before. */
	lastStageEndsAt: number | null;
}

export interface FreezeState {
	/** Whether officers and the public see frozen standings at `now`. */
	isFrozen: boolean;
	/** The moment the public standings stand still at (ms), when frozen. */
	since: number | null;
}

/**
 * The freeze begins at the earlier of the manual freeze and (last stage end − freezeMinutes), and lasts
 * until the reveal. A reveal before the freeze begins means there is nothing to hide any more.
 */
export function freezeState(f: FreezeInput, now: number): FreezeState {
	const auto = f.freezeMinutes > 0 && f.lastStageEndsAt !== null ? f.lastStageEndsAt - f.freezeMinutes * 60_000 : null;
	const starts = [f.frozenAt, auto].filter((t): t is number => t !== null);
	if (starts.length === 0 || f.revealedAt !== null) return { isFrozen: false, since: null };
	const since = Math.min(...starts);
	return now >= since ? { isFrozen: true, since } : { isFrozen: false, since: null };
}

/**
 * Whether a stage's scores count on the public board at time `at`: a stage scored from sheets counts once
 * it is closed (while it is open its score would tell a team which of its records are hazards); a judged
 * stage once the chief judge has locked it.
 */
export function isStagePublished(stage: { closedAt: number | null; lockedAt: number | null; isJudged: boolean }, at: number): boolean {
	const t = stage.isJudged ? stage.lockedAt : stage.closedAt;
	return t !== null && t <= at;
}
