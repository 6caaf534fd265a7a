import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';
import { E2E_PORT } from '../../fixtures/env.js';

// Every admin page and form action × every role (403 for all but admins, the login page for anonymous
// visitors) is in the access matrix: tests/e2e/security/matrix.ts, run by access-matrix.spec.ts and kept
// complete by src/routes/access-matrix.test.ts. Here: what a refused user sees in the browser, and that a
// refused action with a complete, valid form changes nothing.
test('a non-admin sees the refusal in Chinese on an admin page', async ({ page }) => {
	await login(page, 'officer1');
	const res = await page.goto('/admin/users');
	expect(res?.status()).toBe(403);
	await expect(page.getByText('无权访问')).toBeVisible();
});

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
