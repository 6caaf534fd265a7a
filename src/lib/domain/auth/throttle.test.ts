import { describe, expect, it } from 'vitest';
import { checkThrottle, type ThrottlePolicy } from './throttle';

const MIN = 60_000;
const policy: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN };
const now = 1_000 * MIN;

describe('checkThrottle', () => {
	const cases: { name: string; failures: number[]; allowed: boolean; retryAt?: number }[] = [
		{ name: 'no failures', failures: [], allowed: true },
		{ name: 'four failures just now', failures: [1, 2, 3, 4].map((i) => now - i * 1000), allowed: true },
		{
			name: 'five failures in the last minute lock until 15 min after the fifth',
			failures: [50, 40, 30, 20, 10].map((s) => now - s * 1000),
			allowed: false,
			retryAt: now - 10 * 1000 + 15 * MIN
		},
		{
			name: 'five failures spread over more than 15 minutes do not lock',
			failures: [20, 16, 12, 8, 4].map((m) => now - m * MIN),
			allowed: true
		},
		{
			name: 'a lock that has expired lets the user try again',
			failures: [29, 28.5, 28, 27.5, 16].map((m) => now - m * MIN),
			allowed: true
		},
		{
			name: 'a lock still running refuses even after the window passed',
			failures: [20, 19.5, 19, 18.5, 14].map((m) => now - m * MIN),
			allowed: false,
			retryAt: now - 14 * MIN + 15 * MIN
		},
		{
			name: 'order of timestamps does not matter',
			failures: [10, 50, 30, 20, 40].map((s) => now - s * 1000),
			allowed: false,
			retryAt: now - 10 * 1000 + 15 * MIN
		}
	];
	for (const c of cases) {
		it(c.name, () => {
			const d = checkThrottle(c.failures, now, policy);
			expect(d.allowed).toBe(c.allowed);
			if (!d.allowed) expect(d.retryAt).toBe(c.retryAt);
		});
	}
});
