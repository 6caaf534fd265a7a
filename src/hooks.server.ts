import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb, migrateDb } from '$lib/server/db';
import {
	deleteSessionTokenCookie,
	SESSION_COOKIE,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { isPublicPath } from '$lib/server/auth/public-paths';

export const init: ServerInit = () => {
	migrateDb(getDb());
};

const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const secure = event.url.protocol === 'https:';
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user, renewed } = validateSessionToken(getDb(), token);
	if (session && renewed) setSessionTokenCookie(event.cookies, token, session.expiresAt, secure);
	if (!session) deleteSessionTokenCookie(event.cookies, secure);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/**
 * A coarse net under the per-load and per-action role checks: anonymous users go to the login page,
 * and only admins get past /admin. Layout loads do not run on every request, so they cannot be this net.
 */
const handleGuard: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (isPublicPath(path)) return resolve(event);
	const user = event.locals.user;
	if (!user) {
		const target = path === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(path + event.url.search)}`;
		redirect(303, target);
	}
	if ((path === '/admin' || path.startsWith('/admin/')) && !user.roles.includes('admin')) {
		error(403, '无权访问：仅系统管理员可以使用此功能');
	}
	const response = await resolve(event);
	// Pages behind login hold personal data: never let a shared proxy or the back button cache them.
	response.headers.set('cache-control', 'private, no-store');
	return response;
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

export const handle = sequence(handleHeaders, handleAuth, handleGuard);

export const handleError: HandleServerError = ({ error: e, event, status }) => {
	if (status === 404) return { message: '页面不存在' };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, e);
	return { message: `系统错误（编号 ${id}），请稍后再试或联系系统管理员`, id };
};
