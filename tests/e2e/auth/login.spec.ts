import { expect, test } from '@playwright/test';
import { login, logout } from '../../fixtures/auth';
import { E2E_PASSWORD } from '../../fixtures/env.js';

const homes = [
	{ username: 'admin', path: '/admin', heading: '管理概览' },
	{ username: 'trainer', path: '/workbench', heading: '工作台' },
	{ username: 'judge1', path: '/judging', heading: '我的评分' },
	{ username: 'officer1', path: '/my-drills', heading: '我的比武' },
	{ username: 'learner1', path: '/my-training', heading: '我的培训' }
];

for (const h of homes) {
	test(`${h.username} logs in and lands on ${h.path}`, async ({ page }) => {
		await login(page, h.username);
		await expect(page).toHaveURL(h.path);
		await expect(page.getByRole('heading', { level: 1, name: h.heading })).toBeVisible();
	});
}

test('anonymous visitors are sent to the login page and come back after logging in', async ({ page }) => {
	for (const path of ['/', '/admin', '/admin/users', '/my-drills', '/account']) {
		await page.goto(path);
		await expect(page).toHaveURL(/\/login/);
	}
	await page.goto('/account');
	await expect(page).toHaveURL('/login?redirectTo=%2Faccount');
	await page.getByLabel('用户名').fill('officer2');
	await page.getByLabel('密码').fill(E2E_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/account');
});

test('a wrong password and an unknown user get the same message', async ({ page }) => {
	for (const username of ['judge2', 'no-such-user']) {
		await page.goto('/login');
		await page.getByLabel('用户名').fill(username);
		await page.getByLabel('密码').fill('wrong-password');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
		await expect(page).toHaveURL(/\/login/);
	}
});

test('empty login fields get field-level errors', async ({ page }) => {
	await page.goto('/login');
	// Bypass the browser's own `required` check to see the server's answer.
	await page.locator('form').evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByText('请填写用户名')).toBeVisible();
	await expect(page.getByText('请填写密码')).toBeVisible();
});

test('logout ends the session on the server, not just in the browser', async ({ page, context }) => {
	await login(page, 'officer3');
	const before = (await context.cookies()).find((c) => c.name === 'session');
	expect(before?.httpOnly).toBe(true);
	expect(before?.sameSite).toBe('Lax');
	await logout(page);
	// Put the old cookie back: the server must refuse it.
	await context.addCookies([{ ...before!, expires: -1 }]);
	await page.goto('/my-drills');
	await expect(page).toHaveURL(/\/login/);
});

test('five wrong passwords lock the account for a while, even with the right password', async ({ page }) => {
	for (let i = 0; i < 5; i++) {
		await page.goto('/login');
		await page.getByLabel('用户名').fill('learner3');
		await page.getByLabel('密码').fill(`wrong-${i}`);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
	}
	await page.getByLabel('用户名').fill('learner3');
	await page.getByLabel('密码').fill(E2E_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('登录失败次数过多');
	await expect(page).toHaveURL(/\/login/);
});
