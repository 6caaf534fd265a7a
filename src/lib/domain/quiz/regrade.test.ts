import { describe, expect, it } from 'vitest';
import { regradeChanges, type AttemptScore } from './regrade';

const s = (attemptId: number, score: number, passed: boolean): AttemptScore => ({ attemptId, score, passed });

describe('regradeChanges', () => {
	it('lists only changed attempts, sorted by attemptId, with the delta', () => {
		const before = [s(3, 58, false), s(1, 80, true), s(2, 70, true), s(4, 90, true), s(5, 61.5, true)];
		const after = [s(5, 61.5, true), s(4, 90, true), s(2, 65, true), s(3, 62, true), s(1, 80, true)];
		expect(regradeChanges(before, after)).toEqual([
			{ attemptId: 2, oldScore: 70, newScore: 65, delta: -5, oldPassed: true, newPassed: true },
			{ attemptId: 3, oldScore: 58, newScore: 62, delta: 4, oldPassed: false, newPassed: true }
		]);
	});

	const cases: [string, AttemptScore[], AttemptScore[], number[]][] = [
		['nothing changed', [s(1, 50, false)], [s(1, 50, false)], []],
		['empty', [], [], []],
		['only pass/fail changed (pass mark lowered)', [s(1, 50, false)], [s(1, 50, true)], [1]],
		['float noise below 0.005 is no change', [s(1, 0.1 + 0.2, true)], [s(1, 0.3, true)], []],
		['a 0.01 change counts', [s(1, 10, true)], [s(1, 10.01, true)], [1]],
		['attempts in only one list are left out', [s(1, 5, false)], [s(2, 9, true)], []]
	];
	for (const [what, before, after, ids] of cases) {
		it(what, () => expect(regradeChanges(before, after).map((c) => c.attemptId)).toEqual(ids));
	}

	it('delta is rounded to 2 decimals', () => {
		expect(regradeChanges([s(7, 1.1, false)], [s(7, 3.3, false)])[0].delta).toBe(2.2);
	});
});
