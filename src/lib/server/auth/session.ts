import { hash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { perDatabase, type Db } from '../db';
import type { Tx } from '../audit';
import { session, user, userRole } from '../db/schema';
import type { Role } from '../../domain/roles';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session with fewer than this left is extended to a full lifetime on use. */
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;
export const SESSION_COOKIE = 'session';

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	unitId: number | null;
	roles: Role[];
}

export interface SessionInfo {
	id: string;
	userId: number;
	expiresAt: Date;
}

export type SessionValidationResult =
	| { session: SessionInfo; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

/** 20 random bytes, base32: the secret that only the browser holds. */
export function generateSessionToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database stores only this hash, so a leaked database cannot be replayed as cookies. */
export function hashSessionToken(token: string): string {
	return hash('sha256', token, 'hex');
}

export function createSession(db: Db, token: string, userId: number, now = Date.now()): SessionInfo {
	const info: SessionInfo = {
		id: hashSessionToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME_MS)
	};
	db.insert(session).values(info).run();
	return info;
}

/** The reads every request with a session cookie makes, prepared once per database (the rare writes are not). */
const statements = perDatabase((db) => ({
	sessionWithUser: db
		.select({
			session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
			user: {
				id: user.id,
				username: user.username,
				displayName: user.displayName,
				unitId: user.unitId,
				isDisabled: user.isDisabled
			}
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(eq(session.id, sql.placeholder('id')))
		.prepare(),
	roles: db
		.select({ role: userRole.role })
		.from(userRole)
		.where(eq(userRole.userId, sql.placeholder('userId')))
		.prepare()
}));

export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidationResult {
	const id = hashSessionToken(token);
	const q = statements(db);
	const row = q.sessionWithUser.get({ id });
	if (!row) return { session: null, user: null, renewed: false };
	if (now >= row.session.expiresAt.getTime() || row.user.isDisabled) {
		db.delete(session).where(eq(session.id, id)).run();
		return { session: null, user: null, renewed: false };
	}
	let renewed = false;
	if (row.session.expiresAt.getTime() - now < SESSION_RENEW_BELOW_MS) {
		row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		db.update(session).set({ expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
		renewed = true;
	}
	const roles = q.roles.all({ userId: row.user.id }).map((r) => r.role);
	const { isDisabled: _disabled, ...sessionUser } = row.user;
	return { session: row.session, user: { ...sessionUser, roles }, renewed };
}

/**
 * What a request with a session cookie goes through (hooks.server.ts, and the custom server's autosave
 * fast path): the token is validated, a renewed session's cookie is sent again with the new expiry, and
 * the cookie of a dead session is deleted.
 */
export function authenticateRequest(db: Db, token: string, cookies: CookieJar, secure: boolean): SessionValidationResult {
	const result = validateSessionToken(db, token);
	if (result.session && result.renewed) setSessionTokenCookie(cookies, token, result.session.expiresAt, secure);
	if (!result.session) deleteSessionTokenCookie(cookies, secure);
	return result;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateUserSessions(db: Tx, userId: number): void {
	db.delete(session).where(eq(session.userId, userId)).run();
}

/** Minimal cookie interface shared by SvelteKit's `cookies` and tests. */
export interface CookieJar {
	set(name: string, value: string, opts: { path: string } & Record<string, unknown>): void;
	delete(name: string, opts: { path: string } & Record<string, unknown>): void;
}

export function setSessionTokenCookie(cookies: CookieJar, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		// Secure only when served over HTTPS: drills run on venue LANs over plain http too.
		secure,
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionTokenCookie(cookies: CookieJar, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
