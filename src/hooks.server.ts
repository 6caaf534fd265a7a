import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { closeDb, getDb, migrateDb } from '$lib/server/db';
import { authenticateRequest, SESSION_COOKIE } from '$lib/server/auth/session';
import { isPublicPath } from '$lib/server/auth/public-paths';
import { startSweeper } from '$lib/server/quiz/attempts';
import { endStreams } from '$lib/server/drill/live';
import { DRAIN_EVENT } from '$lib/server/http/shutdown';
import { HSTS, PRIVATE_CACHE_CONTROL, SECURITY_HEADERS } from '$lib/server/http/headers';
import { reportServerError } from '$lib/server/http/server-error';

export const init: ServerInit = () => {
	migrateDb(getDb());
	// Quiz attempts whose time is up are submitted by the server with what was saved.
	const stopSweeper = startSweeper(getDb);
	// A shutdown begins (build/server.js, on SIGINT or SIGTERM): the scoreboard streams end rather than
	// hold it until SHUTDOWN_TIMEOUT.
	process.once(DRAIN_EVENT, endStreams);
	// Emitted once the server has stopped (adapter-node's build/index.js and our build/server.js, on SIGINT
	// or SIGTERM): every request has been answered, so the database can be closed.
	process.once('sveltekit:shutdown', () => {
		stopSweeper();
		closeDb();
	});
};

const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = authenticateRequest(getDb(), token, event.cookies, event.url.protocol === 'https:');
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
	response.headers.set('cache-control', PRIVATE_CACHE_CONTROL);
	return response;
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', HSTS);
	return response;
};

export const handle = sequence(handleHeaders, handleAuth, handleGuard);

export const handleError: HandleServerError = ({ error: e, event, status }) => {
	if (status === 404) return { message: '页面不存在' };
	// A method the route does not have (say a form posted to a page without that action) is the client's
	// mistake, not a system error to log with a stack trace.
	if (status === 405) return { message: '不支持该请求方式' };
	return reportServerError(event.request.method, event.url.pathname, e);
};
