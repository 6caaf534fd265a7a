import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';
import { E2E_PORT } from '../../fixtures/env.js';

const ADMIN_DIR = 'src/routes/(app)/admin';

/** Every admin page and form action, read from the route tree so that a new admin route is covered at once. */
function adminRoutes(): { path: string; actions: string[] }[] {
	const out: { path: string; actions: string[] }[] = [];
	const walk = (dir: string) => {
		const files = readdirSync(dir);
		if (files.includes('+page.svelte') || files.includes('+page.server.ts')) {
			const rel = relative(ADMIN_DIR, dir)
				.split('/')
				.filter(Boolean)
				// Existing ids: unit 1 and user 1 are seeded.
				.map((seg) => (seg.startsWith('[') ? '1' : seg))
				.join('/');
			let actions: string[] = [];
			if (files.includes('+page.server.ts')) {
				const src = readFileSync(join(dir, '+page.server.ts'), 'utf8');
				const block = src.split('export const actions')[1] ?? '';
				actions = [...block.matchAll(/^\t(\w+): (?:async )?\(/gm)].map((m) => m[1]);
			}
			out.push({ path: '/admin' + (rel ? '/' + rel : ''), actions });
		}
		for (const f of files) if (statSync(join(dir, f)).isDirectory() && !f.startsWith('_')) walk(join(dir, f));
	};
	walk(ADMIN_DIR);
	return out;
}

const routes = adminRoutes();

test('the route tree yields the admin pages and actions', () => {
	const paths = routes.map((r) => r.path);
	expect(paths).toEqual(expect.arrayContaining(['/admin', '/admin/users', '/admin/users/new', '/admin/users/1', '/admin/audit', '/admin/units']));
	expect(routes.find((r) => r.path === '/admin/users/1')?.actions).toEqual(
		expect.arrayContaining(['save', 'disable', 'enable', 'resetPassword'])
	);
});

for (const role of ['officer1', 'learner1', 'trainer', 'judge1']) {
	test(`${role} gets 403 on every admin page and every admin action`, async ({ page }) => {
		await login(page, role);
		for (const r of routes) {
			const res = await page.goto(r.path);
			expect(res?.status(), r.path).toBe(403);
			await expect(page.getByText('无权访问')).toBeVisible();
			for (const action of r.actions) {
				const url = action === 'default' ? r.path : `${r.path}?/${action}`;
				const post = await page.request.post(url, {
					headers: { origin: `http://localhost:${E2E_PORT}` },
					form: { username: `intruder-${role}`, displayName: '入侵者', password: 'intruder-pass-1', roles: 'admin', name: '入侵单位', kind: 'province' }
				});
				expect(post.status(), `${r.path} ${action}`).toBe(403);
			}
		}
	});
}

test('refused admin actions changed nothing', async ({ page }) => {
	await login(page, 'officer4');
	const post = await page.request.post('/admin/users/new', {
		headers: { origin: `http://localhost:${E2E_PORT}` },
		form: { username: 'sneaky-officer', displayName: '偷偷建号', password: 'sneaky-pass-1', roles: 'admin' }
	});
	expect(post.status()).toBe(403);
	await page.context().clearCookies();
	await login(page, 'admin');
	await page.goto('/admin/users?q=sneaky');
	await expect(page.getByText('没有符合条件的用户')).toBeVisible();
});
