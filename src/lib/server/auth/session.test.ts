import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { session, user, userRole } from '../db/schema';
import {
	createSession,
	generateSessionToken,
	hashSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from './session';
import { startSession } from './login-flow';

const DAY = 24 * 60 * 60 * 1000;

function dbWithUser() {
	const db = createTestDb();
	const u = db.insert(user).values({ username: 'officer1', displayName: '队员', passwordHash: 'x' }).returning().get();
	db.insert(userRole).values([{ userId: u.id, role: 'officer' }, { userId: u.id, role: 'learner' }]).run();
	return { db, userId: u.id };
}

describe('session tokens', () => {
	it('are random, 32 base32 characters', () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(a).not.toBe(b);
	});

	it('hash to the SHA-256 hex digest, and only the hash is stored', () => {
		// SHA-256("abc") from FIPS 180-2, appendix B.1.
		expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		const { db, userId } = dbWithUser();
		const token = generateSessionToken();
		createSession(db, token, userId);
		const rows = db.select().from(session).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(hashSessionToken(token));
		expect(rows[0].id).not.toContain(token);
	});
});

describe('validateSessionToken', () => {
	const now = Date.UTC(2026, 10, 1);
	const cases = [
		{ name: 'fresh session is valid and not renewed', age: 0, valid: true, renewed: false },
		{ name: '14 days old (16 left) is not renewed', age: 14 * DAY, valid: true, renewed: false },
		{ name: '16 days old (14 left) is renewed to 30 days', age: 16 * DAY, valid: true, renewed: true },
		{ name: 'one millisecond before expiry is renewed', age: SESSION_LIFETIME_MS - 1, valid: true, renewed: true },
		{ name: 'at expiry it is invalid and deleted', age: SESSION_LIFETIME_MS, valid: false, renewed: false },
		{ name: 'after expiry it is invalid and deleted', age: 40 * DAY, valid: false, renewed: false }
	];
	for (const c of cases) {
		it(c.name, () => {
			const { db, userId } = dbWithUser();
			const token = generateSessionToken();
			createSession(db, token, userId, now);
			const at = now + c.age;
			const r = validateSessionToken(db, token, at);
			expect(r.session !== null).toBe(c.valid);
			expect(r.renewed).toBe(c.renewed);
			const stored = db.select().from(session).get();
			if (!c.valid) expect(stored).toBeUndefined();
			else if (c.renewed) expect(stored!.expiresAt.getTime()).toBe(Math.floor((at + SESSION_LIFETIME_MS) / 1000) * 1000);
			else expect(stored!.expiresAt.getTime()).toBe(now + SESSION_LIFETIME_MS);
		});
	}

	it('returns the user with all roles, without the password hash', () => {
		const { db, userId } = dbWithUser();
		const token = generateSessionToken();
		createSession(db, token, userId);
		const r = validateSessionToken(db, token);
		expect(r.user).toEqual({ id: userId, username: 'officer1', displayName: '队员', unitId: null, roles: ['learner', 'officer'] });
	});

	it('rejects an unknown token', () => {
		const { db } = dbWithUser();
		expect(validateSessionToken(db, generateSessionToken()).session).toBeNull();
	});

	it('rejects and deletes the session of a disabled user', () => {
		const { db, userId } = dbWithUser();
		const token = generateSessionToken();
		createSession(db, token, userId);
		db.update(user).set({ isDisabled: true }).where(eq(user.id, userId)).run();
		expect(validateSessionToken(db, token).user).toBeNull();
		expect(db.select().from(session).all()).toHaveLength(0);
	});

	it('invalidates one session or all of a user', () => {
		const { db, userId } = dbWithUser();
		const [t1, t2, t3] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		createSession(db, t1, userId);
		createSession(db, t2, userId);
		createSession(db, t3, userId);
		invalidateSession(db, hashSessionToken(t1));
		expect(validateSessionToken(db, t1).session).toBeNull();
		expect(validateSessionToken(db, t2).session).not.toBeNull();
		invalidateUserSessions(db, userId);
		expect(validateSessionToken(db, t2).session).toBeNull();
		expect(validateSessionToken(db, t3).session).toBeNull();
	});
});

describe('the session cookie', () => {
	/** A cookie jar that records what was set. */
	const jar = () => {
		const set: { name: string; value: string; opts: Record<string, unknown> }[] = [];
		return { set, cookies: { set: (name: string, value: string, opts: Record<string, unknown>) => set.push({ name, value, opts }), delete: () => {} } };
	};

	it.each([
		['https://drill.example.gov.cn/login', true],
		['http://192.168.1.10:3000/login', false]
	])('at login over %s is Secure: %s, and always HttpOnly, SameSite=Lax, Path=/', (url, secure) => {
		const { db, userId } = dbWithUser();
		const { set, cookies } = jar();
		startSession(db, cookies as unknown as Parameters<typeof startSession>[1], new URL(url), userId, null);
		expect(set).toHaveLength(1);
		expect(set[0].opts).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure });
		expect(validateSessionToken(db, set[0].value).session?.userId).toBe(userId);
	});

	it('a login ends the session the browser came with', () => {
		const { db, userId } = dbWithUser();
		const before = generateSessionToken();
		const old = createSession(db, before, userId);
		const { set, cookies } = jar();
		startSession(db, cookies as unknown as Parameters<typeof startSession>[1], new URL('http://localhost/login'), userId, old.id);
		expect(validateSessionToken(db, before).session).toBeNull();
		expect(set[0].value).not.toBe(before);
	});
});
