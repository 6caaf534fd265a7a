import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';

test('admin adds an enterprise under a county, is told what is missing, and deletes it', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/admin/units');
	const form = page.locator('main form');
	await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByRole('button', { name: '新建单位' }).click();
	await expect(page.getByText('请填写单位名称')).toBeVisible();
	await expect(page.getByText('请选择单位类型')).toBeVisible();

	await page.getByLabel('上级单位').selectOption({ label: '玉山县（县/区）' });
	await page.getByLabel('单位名称').fill('玉山县测试化工有限公司');
	await page.getByLabel('单位类型').selectOption({ label: '企业' });
	await page.getByRole('button', { name: '新建单位' }).click();
	await expect(page.getByText('企业须选择行业类别')).toBeVisible();
	await expect(page.getByRole('link', { name: '玉山县测试化工有限公司' })).toHaveCount(0);

	await page.getByLabel('行业类别').selectOption({ label: '建材' });
	await page.getByLabel('法定代表人').fill('测试人');
	await page.getByRole('button', { name: '新建单位' }).click();
	await expect(page.getByText('已新建单位“玉山县测试化工有限公司”')).toBeVisible();

	await page.goto('/admin/units');
	await page.getByRole('link', { name: '玉山县测试化工有限公司' }).first().click();
	await page.getByRole('button', { name: '删除单位' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
	await expect(page).toHaveURL(/\/admin\/units\?deleted=1$/);
	await expect(page.getByRole('link', { name: '玉山县测试化工有限公司' })).toHaveCount(0);
});

test('a unit with children or users cannot be deleted', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/admin/units');
	await page.getByRole('link', { name: '玉山县', exact: true }).first().click();
	await page.getByRole('button', { name: '删除单位' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
	await expect(page.getByRole('alert')).toContainText('下级单位');
	await page.goto('/admin/units');
	await expect(page.getByRole('link', { name: '玉山县', exact: true }).first()).toBeVisible();
});
