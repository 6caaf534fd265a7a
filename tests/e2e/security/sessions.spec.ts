// Sessions at the door of the built server: the session id changes at every login (a cookie planted before
// login is worthless after it), logout, a password change and disabling the account end the sessions on the
// server, the cookie is HttpOnly, SameSite=Lax, Path=/ and Secure only over HTTPS, and a form post from
// another origin is refused (SvelteKit's origin check stays on). Runs on a private server, by HTTP.
import { expect, test } from '@playwright/test';
import { usePrivateServer } from '../../fixtures/private-server';
import { E2E_PASSWORD } from '../../fixtures/env.js';

test.describe.configure({ mode: 'default' });

const server = usePrivateServer('sessions');

const COOKIE = /^session=([^;]*)/;

/** Logs in through the form (optionally carrying a cookie already); returns the new cookie's value and the header line. */
async function logIn(username: string, carrying?: string, password = E2E_PASSWORD): Promise<{ token: string; line: string }> {
	const res = await fetch(new URL('/login', server.app.baseURL), {
		method: 'POST',
		body: new URLSearchParams({ username, password }),
		headers: { origin: server.app.baseURL, accept: 'text/html', ...(carrying ? { cookie: `session=${carrying}` } : {}) },
		redirect: 'manual'
	});
	expect(res.status, `log in as ${username}`).toBe(303);
	const line = res.headers.getSetCookie().find((c) => COOKIE.test(c));
	expect(line, 'a session cookie').toBeTruthy();
	return { token: COOKIE.exec(line!)![1], line: line! };
}

/** Whether a session token still opens a page behind login (200), or is sent to /login (303). */
async function works(token: string, path = '/account'): Promise<boolean> {
	const res = await fetch(new URL(path, server.app.baseURL), { headers: { cookie: `session=${token}` }, redirect: 'manual' });
	expect([200, 303], `GET ${path}`).toContain(res.status);
	return res.status === 200;
}

async function postForm(token: string, action: string, fields: Record<string, string>, origin = server.app.baseURL): Promise<Response> {
	return fetch(new URL(action, server.app.baseURL), {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: { cookie: `session=${token}`, origin, accept: 'text/html' },
		redirect: 'manual'
	});
}

test('the cookie is HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP, and never holds the user id', async () => {
	const { line, token } = await logIn('learner1');
	const attrs = line.split(';').map((s) => s.trim().toLowerCase());
	expect(attrs).toContain('httponly');
	expect(attrs).toContain('samesite=lax');
	expect(attrs).toContain('path=/');
	expect(attrs).not.toContain('secure');
	expect(token).toMatch(/^[a-z2-7]{32}$/);
});

test('every login gives a new session id, and the one the browser carried in stops working', async () => {
	const first = await logIn('learner1');
	expect(await works(first.token)).toBe(true);
	const second = await logIn('learner1', first.token);
	expect(second.token).not.toBe(first.token);
	expect(await works(first.token)).toBe(false);
	expect(await works(second.token)).toBe(true);
	// A token an attacker planted before the victim logged in (fixation) is not the one the victim gets.
	const planted = 'abcdefghijklmnopqrstuvwxyz234567';
	const victim = await logIn('learner1', planted);
	expect(victim.token).not.toBe(planted);
	expect(await works(planted)).toBe(false);
});

test('logout ends the session on the server', async () => {
	const { token } = await logIn('learner3');
	expect(await works(token)).toBe(true);
	const res = await postForm(token, '/logout', {});
	expect([302, 303]).toContain(res.status);
	expect(await works(token)).toBe(false);
});

test('a password change ends the sessions on other devices; this browser continues in a new one', async () => {
	const phone = await logIn('learner4');
	const laptop = await logIn('learner4');
	const changed = await postForm(laptop.token, '/account?/password', { currentPassword: E2E_PASSWORD, password: 'Anquan-2026-new!', confirm: 'Anquan-2026-new!' });
	expect(changed.status).toBe(200);
	expect(await changed.text()).toContain('密码已修改');
	const renewed = changed.headers.getSetCookie().find((c) => COOKIE.test(c));
	expect(renewed, 'a new session cookie for this browser').toBeTruthy();
	const fresh = COOKIE.exec(renewed!)![1];
	expect(fresh).not.toBe(laptop.token);
	expect(await works(phone.token)).toBe(false);
	expect(await works(laptop.token)).toBe(false);
	expect(await works(fresh)).toBe(true);
	// The new password works, the old one no longer does.
	await logIn('learner4', undefined, 'Anquan-2026-new!');
	const old = await fetch(new URL('/login', server.app.baseURL), {
		method: 'POST',
		body: new URLSearchParams({ username: 'learner4', password: E2E_PASSWORD }),
		headers: { origin: server.app.baseURL, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(old.status).toBe(400);
});

test('disabling an account ends its sessions at once', async () => {
	const learner = await logIn('learner2');
	expect(await works(learner.token)).toBe(true);
	const admin = await logIn('admin');
	const userId = server.watch.all<{ id: number }>("select id from user where username = 'learner2'")[0]?.id;
	expect(userId, 'learner2 in the admin list').toBeGreaterThan(0);
	const res = await postForm(admin.token, `/admin/users/${userId}?/disable`, {});
	expect(res.status).toBeLessThan(400);
	expect(await works(learner.token)).toBe(false);
});

test('a form post from another origin is refused and changes nothing', async () => {
	const { token } = await logIn('learner1');
	const res = await postForm(token, '/account?/password', { currentPassword: E2E_PASSWORD, password: 'Evil-2026-pass!', confirm: 'Evil-2026-pass!' }, 'http://evil.example');
	expect(res.status).toBe(403);
	expect(await works(token)).toBe(true);
	await logIn('learner1');
});
