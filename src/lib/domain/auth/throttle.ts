/**
 * Login throttling: after `maxFailures` failed logins within `windowMs` for one key (an account or an
 * IP address), further attempts are refused until `lockMs` after the failure that reached the limit.
 */
export interface ThrottlePolicy {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
	maxFailures: 5,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: number };

/**
 * Decides from the timestamps (ms) of recent failures for one key whether a new attempt may proceed.
 * Failures older than the window are ignored; order of `failures` does not matter.
 */
export function checkThrottle(
	failures: readonly number[],
	now: number,
	policy: ThrottlePolicy = DEFAULT_THROTTLE
): ThrottleDecision {
	const recent = failures.filter((t) => t > now - policy.windowMs - policy.lockMs).sort((a, b) => a - b);
	// Walk forward: find the earliest failure at which `maxFailures` fell within one window.
	for (let i = policy.maxFailures - 1; i < recent.length; i++) {
		const first = recent[i - policy.maxFailures + 1];
		const reached = recent[i];
		if (reached - first < policy.windowMs) {
			const retryAt = reached + policy.lockMs;
			if (retryAt > now) return { allowed: false, retryAt };
		}
	}
	return { allowed: true };
}

/** Failures older than this can never matter again and may be deleted. */
export function throttleHorizon(now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
	return now - policy.windowMs - policy.lockMs;
}
