import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';

const pages: Record<string, string[]> = {
	admin: ['/admin', '/admin/users', '/admin/users/new', '/admin/users/1', '/admin/units', '/admin/units/1', '/admin/audit', '/account'],
	officer5: ['/my-drills', '/account'],
	learner1: ['/my-training']
};

for (const [user, paths] of Object.entries(pages)) {
	test(`${user}'s pages run under the Content-Security-Policy without console errors`, async ({ page }) => {
		const problems: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
		const login_ = await page.goto('/login');
		expect(login_?.headers()['content-security-policy']).toContain("default-src 'self'");
		await login(page, user);
		for (const path of paths) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(200);
			await page.waitForLoadState('networkidle');
		}
		expect(problems).toEqual([]);
	});
}

test('the menu works on a phone-sized screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 760 });
	await login(page, 'admin');
	const nav = page.getByRole('navigation', { name: '主导航' });
	await expect(nav).toBeHidden();
	await page.getByRole('button', { name: '打开菜单' }).click();
	await expect(nav).toBeVisible();
	await nav.getByRole('link', { name: '单位管理' }).click();
	await expect(page).toHaveURL('/admin/units');
	await expect(nav).toBeHidden();
});
