import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { createSession, generateSessionToken, invalidateSession, setSessionTokenCookie } from './session';

/**
 * Starts a fresh session for `userId` and sets its cookie. Any session the browser already had is
 * ended first, so the session id always changes at login (no session fixation).
 */
export function startSession(db: Db, cookies: Cookies, url: URL, userId: number, previousSessionId: string | null): void {
	if (previousSessionId) invalidateSession(db, previousSessionId);
	const token = generateSessionToken();
	const session = createSession(db, token, userId);
	setSessionTokenCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
}

/** Only same-site paths are followed after login, never `//evil.example` or absolute URLs. */
export function safeRedirectTarget(target: string | null): string | null {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null;
	if (target.startsWith('/login') || target.startsWith('/logout')) return null;
	return target;
}
