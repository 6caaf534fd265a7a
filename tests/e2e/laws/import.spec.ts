import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';

// Both tests import into the same library; run them one after the other.
test.describe.configure({ mode: 'serial' });

test('a malformed dataset is rejected with errors naming record and field, and nothing changes', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/admin/laws');
	const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'work-safety-law', exact: true }) });
	const countCell = row.getByRole('cell').nth(2);
	const before = await countCell.textContent();

	const bad = JSON.parse(readFileSync('tests/fixtures/laws-fixture.json', 'utf8'));
	bad.laws[0].articles.push({ number: 41, text: '' });
	bad.laws.push({ id: 'made-up-law', title: '虚构法', kind: '通知', effective: '2020-01-01', complete: true, articles: [] });
	await page.getByLabel('数据文件').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
	await page.getByRole('button', { name: '检查并导入' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('未导入任何内容');
	await expect(alert).toContainText('第 1 部法规（work-safety-law）的第 4 条记录（第41条）：第 41 条重复出现');
	await expect(alert).toContainText('$.laws[0].articles[3].text');
	await expect(alert).toContainText('第 2 部法规（made-up-law）：类别“通知”无效');
	await page.goto('/admin/laws');
	await expect(countCell).toHaveText(before!);
	await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'made-up-law' }) })).toHaveCount(0);

	await page.getByLabel('数据文件').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') });
	await page.getByRole('button', { name: '检查并导入' }).click();
	await expect(page.getByText('文件不是有效的 JSON')).toBeVisible();
});

test('a valid dataset imports, and importing it again changes nothing', async ({ page }) => {
	await login(page, 'admin');
	for (let i = 0; i < 2; i++) {
		await page.goto('/admin/laws');
		await page.getByLabel('数据文件').setInputFiles('tests/fixtures/laws-fixture.json');
		await page.getByRole('button', { name: '检查并导入' }).click();
		await expect(page.getByRole('status')).toContainText('work-safety-law（3 条）');
	}
	await page.goto('/admin/laws');
	await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'work-safety-law', exact: true }) }).getByRole('cell').nth(2)).toHaveText('3');
});
