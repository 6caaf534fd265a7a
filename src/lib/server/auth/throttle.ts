import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { loginFailure } from '../db/schema';
import { checkThrottle, DEFAULT_THROTTLE, throttleHorizon, type ThrottlePolicy } from '../../domain/auth/throttle';

export const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

function envInt(name: string, fallback: number): number {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Per-account and per-IP policies; both default to 5 failures in 15 minutes (configurable for venues behind one NAT). */
export function throttlePolicies(): { user: ThrottlePolicy; ip: ThrottlePolicy } {
	return {
		user: { ...DEFAULT_THROTTLE, maxFailures: envInt('LOGIN_MAX_FAILURES', DEFAULT_THROTTLE.maxFailures) },
		ip: { ...DEFAULT_THROTTLE, maxFailures: envInt('LOGIN_IP_MAX_FAILURES', DEFAULT_THROTTLE.maxFailures) }
	};
}

/** The latest time until which any of the keys is locked, or null when all may try. */
export function lockedUntil(db: Db, keys: { key: string; policy: ThrottlePolicy }[], now = Date.now()): number | null {
	let until: number | null = null;
	for (const { key, policy } of keys) {
		const times = db
			.select({ at: loginFailure.at })
			.from(loginFailure)
			.where(and(eq(loginFailure.key, key), gt(loginFailure.at, throttleHorizon(now, policy))))
			.all()
			.map((r) => r.at);
		const d = checkThrottle(times, now, policy);
		if (!d.allowed) until = Math.max(until ?? 0, d.retryAt);
	}
	return until;
}

export function recordLoginFailure(db: Db, keys: string[], now = Date.now()): void {
	db.transaction((tx) => {
		for (const key of keys) tx.insert(loginFailure).values({ key, at: now }).run();
		// Keep the table small: nothing older than the horizon can lock anyone.
		tx.delete(loginFailure).where(lt(loginFailure.at, throttleHorizon(now))).run();
	});
}

export function clearLoginFailures(db: Db, keys: string[]): void {
	if (keys.length) db.delete(loginFailure).where(inArray(loginFailure.key, keys)).run();
}
