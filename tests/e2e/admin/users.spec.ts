import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';
import { E2E_PASSWORD } from '../../fixtures/env.js';

test('bad input on the new-user form gets field errors and creates nothing', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/admin/users/new');
	await page.locator('main form').evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByRole('checkbox', { name: '企业从业人员' }).uncheck();
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText('请填写用户名')).toBeVisible();
	await expect(page.getByText('请填写姓名')).toBeVisible();
	await expect(page.getByText('请至少选择一个角色')).toBeVisible();

	await page.getByLabel('用户名').fill('坏 名字');
	await page.getByLabel('初始密码').fill('short');
	// The browser's maxlength would stop a person; the server must stop a script.
	await page.getByLabel('姓名').evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
	await page.getByLabel('姓名').fill('测'.repeat(40));
	await page.getByLabel('手机号').fill('123');
	await page.getByRole('checkbox', { name: '评委' }).check();
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText('用户名只能包含字母、数字、点、横线和下划线')).toBeVisible();
	await expect(page.getByText('密码至少需要 8 个字符')).toBeVisible();
	await expect(page.getByText('姓名不能超过 32 个字符')).toBeVisible();
	await expect(page.getByText('请填写 11 位手机号')).toBeVisible();

	await page.goto('/admin/users?q=坏');
	await expect(page.getByText('没有符合条件的用户')).toBeVisible();
});

test('admin creates a judge, who logs in; disabling ends their session and bars login', async ({ page, browser }) => {
	await login(page, 'admin');
	await page.goto('/admin/users/new');
	await page.getByLabel('用户名').fill('judge-e2e');
	await page.getByLabel('初始密码').fill('judge-e2e-pass');
	await page.getByLabel('姓名').fill('测试评委');
	await page.getByRole('checkbox', { name: '企业从业人员' }).uncheck();
	await page.getByRole('checkbox', { name: '评委' }).check();
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText('用户已创建')).toBeVisible();
	const editUrl = page.url();

	const judgeContext = await browser.newContext();
	const judge = await judgeContext.newPage();
	await login(judge, 'judge-e2e', 'judge-e2e-pass');
	await expect(judge).toHaveURL('/judging');

	await page.goto(editUrl);
	await page.getByRole('button', { name: '停用账号' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '停用' }).click();
	await expect(page.getByText('账号已停用')).toBeVisible();

	await judge.goto('/judging');
	await expect(judge).toHaveURL(/\/login/);
	await judge.getByLabel('用户名').fill('judge-e2e');
	await judge.getByLabel('密码').fill('judge-e2e-pass');
	await judge.getByRole('button', { name: '登录' }).click();
	await expect(judge.getByRole('alert')).toHaveText('该账号已停用，请联系系统管理员');
	await judgeContext.close();

	// The audit log recorded who did it.
	await page.goto('/admin/audit');
	await expect(page.locator('tbody').getByText('停用用户').first()).toBeVisible();
});

test('a user changes their password; the old one stops working', async ({ page }) => {
	await login(page, 'learner2');
	await page.goto('/account');
	await page.getByLabel('当前密码').fill(E2E_PASSWORD);
	await page.getByLabel('新密码', { exact: true }).fill('brand-new-pass-9');
	await page.getByLabel('确认新密码').fill('brand-new-pass-9');
	await page.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByText('密码已修改')).toBeVisible();
	// Still logged in on this device, in a fresh session.
	await page.goto('/my-training');
	await expect(page.getByRole('heading', { name: '我的培训' })).toBeVisible();
	await page.getByRole('button', { name: '退出' }).click();
	await page.getByLabel('用户名').fill('learner2');
	await page.getByLabel('密码').fill(E2E_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
	await login(page, 'learner2', 'brand-new-pass-9');
	await expect(page).toHaveURL('/my-training');
});

test('a learner registers, choosing an enterprise and staff category', async ({ page }) => {
	await page.goto('/register');
	await page.getByLabel('姓名').fill('赵学员');
	await page.getByLabel('所在企业').selectOption({ label: '玉山县恒安机械制造有限公司（演示）' });
	await page.getByLabel('人员类别').selectOption({ label: '其他从业人员' });
	await page.getByLabel('用户名').fill('zhao-learner');
	await page.getByLabel('密码', { exact: true }).fill('zhao-pass-123');
	await page.getByLabel('确认密码').fill('zhao-pass-999');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
	await page.getByLabel('密码', { exact: true }).fill('zhao-pass-123');
	await page.getByLabel('确认密码').fill('zhao-pass-123');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(page).toHaveURL('/my-training');
	await expect(page.getByTestId('current-user')).toHaveText('赵学员');
});

test('bad input on the password and edit-user forms gets field errors and changes nothing', async ({ page }) => {
	await login(page, 'judge3');
	await page.goto('/account');
	await page.getByLabel('当前密码').fill('not-my-password');
	await page.getByLabel('新密码', { exact: true }).fill('another-pass-1');
	await page.getByLabel('确认新密码').fill('another-pass-2');
	await page.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByText('两次输入的新密码不一致')).toBeVisible();
	await page.getByLabel('当前密码').fill('not-my-password');
	await page.getByLabel('新密码', { exact: true }).fill('another-pass-1');
	await page.getByLabel('确认新密码').fill('another-pass-1');
	await page.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByText('当前密码不正确')).toBeVisible();
	await page.getByRole('button', { name: '退出' }).click();
	await login(page, 'judge3'); // the old password still works

	await page.context().clearCookies();
	await login(page, 'admin');
	await page.goto('/admin/users?q=judge3');
	await page.getByRole('link', { name: '编辑 judge3' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '编辑用户 judge3' })).toBeVisible();
	await page.locator('main form').first().evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByLabel('姓名').fill('');
	await page.getByRole('checkbox', { name: '评委' }).uncheck();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('请填写姓名')).toBeVisible();
	await expect(page.getByText('请至少选择一个角色')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('姓名')).toHaveValue('评委三');
	await expect(page.getByRole('checkbox', { name: '评委' })).toBeChecked();
});
