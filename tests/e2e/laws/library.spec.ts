import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';

test('the catalog lists laws; a law page shows articles with anchors and a superseded edition links onward', async ({ page }) => {
	await login(page, 'officer1');
	await page.goto('/laws');
	await expect(page.getByRole('link', { name: /中华人民共和国安全生产法/ }).first()).toBeVisible();
	await page.getByLabel('状态').selectOption({ label: '已废止' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByRole('link', { name: /安全生产违法行为行政处罚办法（2015年修正）/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /中华人民共和国行政处罚法/ })).toHaveCount(0);

	await page.goto('/laws/work-safety-law#a41');
	const a41 = page.locator('#a41');
	await expect(a41.getByRole('heading', { name: '第四十一条' })).toBeVisible();
	await expect(a41).toContainText('隐患排查治理制度');
	await expect(a41).toContainText('要点');

	await page.goto('/laws/penalty-measures-2015');
	await page.getByRole('link', { name: /安全生产违法行为行政处罚办法/ }).last().click();
	await expect(page).toHaveURL('/laws/penalty-measures');
});

test('search finds article 41 for 隐患排查 and highlights the hit; short queries work too', async ({ page }) => {
	await login(page, 'learner1');
	await page.goto('/laws');
	await page.getByLabel('搜索条文').fill('隐患排查');
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(page).toHaveURL(/\/laws\/search\?q=/);
	const hit = page.getByRole('link', { name: '《安全生产法》第四十一条' });
	await expect(hit).toBeVisible();
	await expect(page.locator('mark').first()).toHaveText('隐患排查');
	await page.goto('/laws/search?q=' + encodeURIComponent('罚'));
	await expect(page.getByRole('link', { name: '《安全生产法》第一百零二条' })).toBeVisible();
	await page.goto('/laws/search?q=' + encodeURIComponent('不存在的词语组合'));
	await expect(page.getByText('没有找到')).toBeVisible();
});

test('an unknown law id is a 404, not an error', async ({ page }) => {
	await login(page, 'officer2');
	const res = await page.goto('/laws/no-such-law');
	expect(res?.status()).toBe(404);
});
