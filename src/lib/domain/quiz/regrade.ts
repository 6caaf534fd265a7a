/**
 * What a regrade (after an answer-key fix) changes, for the trainer's preview and the audit record.
 */

export interface AttemptScore {
	attemptId: number;
	score: number;
	passed: boolean;
}

export interface RegradeChange {
	attemptId: number;
	oldScore: number;
	newScore: number;
	/** newScore − oldScore, 2 decimals */
	delta: number;
	oldPassed: boolean;
	newPassed: boolean;
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * The attempts whose score or pass/fail differs between `before` and `after`, sorted by attemptId.
 * Scores are compared at 2 decimals (the grader's precision). An attempt present in only one list is
 * not a change of score and is left out.
 */
export function regradeChanges(before: AttemptScore[], after: AttemptScore[]): RegradeChange[] {
	const old = new Map(before.map((b) => [b.attemptId, b]));
	return after
		.flatMap((a): RegradeChange[] => {
			const b = old.get(a.attemptId);
			if (!b) return [];
			const delta = round2(a.score - b.score);
			if (delta === 0 && a.passed === b.passed) return [];
			return [{ attemptId: a.attemptId, oldScore: b.score, newScore: a.score, delta, oldPassed: b.passed, newPassed: a.passed }];
		})
		.sort((x, y) => x.attemptId - y.attemptId);
}
