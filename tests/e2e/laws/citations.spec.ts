import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';

test('rendered markdown links 《安全生产法》第四十一条 to the article and previews its text', async ({ page }) => {
	await login(page, 'trainer');
	await page.goto('/laws/check');
	await page.getByLabel('文字').fill('**现场发现**：违反《中华人民共和国安全生产法》（2021年修正）第41条第二款，依据同法第一百零二条处罚；另见《某某条例》第三条。');
	await page.getByRole('button', { name: '检查引用' }).click();

	const rows = page.getByRole('row');
	await expect(page.getByRole('heading', { name: '识别到 3 处引用' })).toBeVisible();
	await expect(rows.filter({ hasText: '《安全生产法》第四十一条第二款' })).toContainText('条文存在');
	await expect(rows.filter({ hasText: '《安全生产法》第一百零二条' })).toContainText('条文存在');
	await expect(rows.filter({ hasText: '《某某条例》第三条' })).toContainText('未识别的法规');

	const preview = page.locator('.markdown');
	await expect(preview.locator('strong')).toHaveText('现场发现');
	const link = preview.getByRole('link', { name: /第41条第二款/ });
	await expect(link).toHaveAttribute('href', '/laws/work-safety-law#a41');
	await link.hover();
	await expect(page.getByRole('tooltip')).toContainText('《安全生产法》第四十一条：【测试摘编】单位要建立风险分级管控制度');
	await link.click();
	await expect(page).toHaveURL('/laws/work-safety-law#a41');
	await expect(page.locator('#a41')).toBeInViewport();
});
