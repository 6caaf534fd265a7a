import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { user } from '../db/schema';
import { err, ok, type Result } from '../../domain/result';
import { dummyPasswordHash, verifyPassword } from './password';
import { clearLoginFailures, ipKey, lockedUntil, recordLoginFailure, throttlePolicies, userKey } from './throttle';

export type LoginError = 'auth.invalid_credentials' | 'auth.throttled' | 'auth.disabled';

/**
 * Checks a username and password, applying the per-account and per-IP throttle.
 * The error never tells whether the account exists: an unknown name and a wrong password are the same
 * code, take the same time (a dummy hash is verified) and count the same failures.
 */
export async function attemptLogin(
	db: Db,
	input: { username: string; password: string; ip: string },
	now = Date.now()
): Promise<Result<{ userId: number }, LoginError>> {
	const policies = throttlePolicies();
	const keys = [userKey(input.username), ipKey(input.ip)];
	const until = lockedUntil(
		db,
		[
			{ key: keys[0], policy: policies.user },
			{ key: keys[1], policy: policies.ip }
		],
		now
	);
	if (until !== null) return err('auth.throttled', { minutes: Math.max(1, Math.ceil((until - now) / 60_000)) });

	const row = db
		.select({ id: user.id, passwordHash: user.passwordHash, isDisabled: user.isDisabled })
		.from(user)
		.where(eq(user.username, input.username.trim().toLowerCase()))
		.get();
	const valid = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
	if (!row || !valid) {
		recordLoginFailure(db, keys, now);
		return err('auth.invalid_credentials');
	}
	// Only someone who knows the password learns that the account is disabled.
	if (row.isDisabled) return err('auth.disabled');
	clearLoginFailures(db, [keys[0]]);
	return ok({ userId: row.id });
}
