import { dirname, resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { login } from '../../fixtures/auth';
import { E2E_DATABASE } from '../../fixtures/env.js';
import { checkinCode } from '../../../src/lib/domain/training/checkin-code';
import { idCheckChar } from '../../../src/lib/domain/training/id-number';
import { certificateNumber } from '../../../src/lib/domain/training/certificate-number';
import { staffCategoryLabels } from '../../../src/lib/i18n/zh';
import type { StaffCategory } from '../../../src/lib/domain/roles';

// The training registry end to end (issue 7): a trainer creates a session for today, imports a roster
// (a file with a bad row first: refused, nothing written), opens it and starts it; learner1 on a phone
// checks in with the projector's URL after an expired and a made-up code were refused; the trainer enters
// the exam score, ends the session and issues certificates; anyone can verify learner1's certificate.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const TITLE = '培训登记端到端测试班（主要负责人）';
/** Today in China time: the session and its one slot are today, so check-in is open whenever this runs. */
const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const ID_HEADER = '身份证号';

let sessionPath = '';
let slotId = 0;
let certificate = '';

interface Person {
	name: string;
	phone: string;
	idNumber: string;
	enterprise: string;
	category: StaffCategory;
	position: string;
}

/** Reads the e2e server's database (read-only): what the browser never sees, such as the check-in secret. */
function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(resolve(dirname(test.info().config.configFile!), E2E_DATABASE), { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

/** learner1 as the demo seed registered them: their account is linked to this trainee row (matched by ID number on import). */
function learner1(): Person {
	return readDb(
		(db) =>
			db
				.prepare(
					`select t.name, t.phone, t.id_number as idNumber, u.name as enterprise, t.category, t.position
					 from trainee t join user a on a.id = t.user_id left join unit u on u.id = t.enterprise_unit_id
					 where a.username = 'learner1'`
				)
				.get() as Person
	);
}

/** Two made-up people with valid ID numbers nobody holds yet, at a demo enterprise. */
function newcomers(enterprise: string): Person[] {
	return readDb((db) => {
		const taken = db.prepare('select 1 from trainee where id_number = ?');
		const ids: string[] = [];
		for (let seq = 500; ids.length < 2; seq++) {
			const first17 = `36112319850615${seq}`;
			const id = first17 + idCheckChar(first17);
			if (!taken.get(id)) ids.push(id);
		}
		return [
			{ name: '赵测试', phone: '13912340001', idNumber: ids[0], enterprise, category: 'safety_manager', position: '安全员' },
			{ name: '钱测试', phone: '13912340002', idNumber: ids[1], enterprise, category: 'other', position: '电工' }
		];
	});
}

async function rosterXlsx(people: Person[]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('名单');
	ws.addRow(['姓名', '手机号', ID_HEADER, '所在企业', '人员类别', '岗位']);
	for (const p of people) ws.addRow([p.name, p.phone, p.idNumber, p.enterprise, staffCategoryLabels[p.category], p.position]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.getByLabel('名单文件').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByRole('heading', { name: `第二步：核对检查结果 · ${name}` })).toBeVisible();
}

async function signedIn(browser: Browser, username: string, phone = false): Promise<Page> {
	const ctx = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {});
	const page = await ctx.newPage();
	await login(page, username);
	return page;
}

/** The check-in URL the projector shows now (it refreshes itself as the code changes), read together with the code beside it. */
async function projectorUrl(projector: Page): Promise<URL> {
	let url: URL | null = null;
	await expect(async () => {
		const code = (await projector.getByLabel('签到码').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-7]{8}$/);
		const shown = new URL((await projector.getByText(/\/checkin\/\d+\/[A-Z2-7]{8}$/).textContent())!.trim());
		const [, slot] = /^\/checkin\/(\d+)\/[A-Z2-7]{8}$/.exec(shown.pathname) ?? [];
		// A code that turned over between the two reads is read again.
		expect(shown.pathname).toBe(`/checkin/${slot}/${code}`);
		if (slotId) expect(Number(slot)).toBe(slotId);
		url = shown;
	}).toPass({ timeout: 10_000 });
	return url!;
}

test('the trainer creates a session for today with one all-day slot', async ({ page }) => {
	await login(page, 'trainer');
	await page.goto('/training/new');
	await page.getByLabel('期次名称').fill(TITLE);
	await page.getByLabel('培训对象').selectOption({ label: staffCategoryLabels.principal });
	await page.getByLabel('培训地点').fill('玉山县应急管理局三楼会议室');
	await page.getByLabel('计划人数').fill('30');
	await page.getByLabel('开始日期').fill(TODAY);
	await page.getByLabel('结束日期').fill(TODAY);
	// The editor fills in 上午 and 下午 for the day; keep one slot and stretch it over the whole day.
	await expect(page.getByLabel('第 2 段 日期')).toHaveValue(TODAY);
	await page.getByRole('button', { name: '删除第 2 段' }).click();
	await expect(page.getByLabel('第 2 段 日期')).toHaveCount(0);
	await expect(page.getByLabel('第 1 段 日期')).toHaveValue(TODAY);
	await page.getByLabel('开始', { exact: true }).fill('00:00');
	await page.getByLabel('结束', { exact: true }).fill('23:59');
	await page.getByLabel('学时', { exact: true }).fill('3');
	await expect(page.getByText(/共 1 个时段，计划 3 学时/)).toBeVisible();
	await page.getByRole('button', { name: '创建期次' }).click();

	await expect(page).toHaveURL(/\/training\/\d+$/);
	sessionPath = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	const slots = page.getByRole('region', { name: '培训时段' });
	await expect(slots.getByRole('row')).toHaveCount(2);
	const cells = slots.getByRole('row').nth(1).getByRole('cell');
	await expect(cells.nth(1)).toHaveText(TODAY);
	await expect(cells.nth(2)).toHaveText('00:00–23:59');
	await expect(cells.nth(3)).toHaveText('3');
	await expect(page.getByRole('region', { name: '期次信息' })).toContainText('计划');
});

test('the roster import names a bad row by row and column and writes nothing; the clean file imports three people', async ({ page }) => {
	const me = learner1();
	const others = newcomers(me.enterprise);
	const bad = others.map((p) => ({ ...p }));
	// Row 3 of the sheet (header = row 1): one wrong check character.
	bad[0].idNumber = bad[0].idNumber.slice(0, 17) + (bad[0].idNumber[17] === '0' ? '1' : '0');

	await login(page, 'trainer');
	await page.goto(`${sessionPath}/import`);
	await upload(page, '名单-有误.xlsx', await rosterXlsx([me, ...bad]));
	await expect(page.getByText(/可以导入 2 行，有问题 1 行/)).toBeVisible();
	const problems = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '问题' }) });
	const problem = problems.getByRole('row').filter({ hasText: '校验位不正确' });
	await expect(problem).toHaveCount(1);
	await expect(problem.getByRole('cell').nth(0)).toHaveText('3');
	await expect(problem.getByRole('cell').nth(1)).toHaveText(ID_HEADER);
	await expect(problem.getByRole('cell').nth(2)).toContainText('身份证号校验位不正确');
	// Importing anyway is refused as a whole.
	await page.getByRole('button', { name: '导入名单' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '未导入任何人员' })).toContainText('名单中还有 1 处需要处理的问题');
	await page.goto(sessionPath);
	await expect(page.getByText('名单还是空的')).toBeVisible();

	await page.goto(`${sessionPath}/import`);
	await upload(page, '名单.xlsx', await rosterXlsx([me, ...others]));
	await expect(page.getByRole('status').filter({ hasText: '没有发现问题，可以导入。' })).toBeVisible();
	await expect(page.getByText(/可以导入 3 行，有问题 0 行/)).toBeVisible();
	await page.getByRole('button', { name: '导入名单' }).click();
	const done = page.getByRole('status').filter({ hasText: '已导入' });
	await expect(done).toContainText('共 3 人，其中获得名额 3 人、进入候补 0 人');
	// learner1 is already on record (the seed linked the account): matched by ID number, not created again.
	await expect(done).toContainText('新建学员档案 2 人，按身份证号匹配已有学员 1 人');

	await page.goto(sessionPath);
	const roster = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '岗位' }) });
	await expect(roster.getByRole('row')).toHaveCount(4);
	for (const p of [me, ...others]) await expect(roster.getByRole('row').filter({ hasText: p.name })).toContainText('名单导入');
	// ID numbers are shown masked to a trainer.
	await expect(roster).not.toContainText(others[0].idNumber);
	await expect(roster).toContainText(`${others[0].idNumber.slice(0, 3)}***********${others[0].idNumber.slice(-4)}`);
	await expect(page.getByRole('region', { name: '人数与学时' })).toContainText('3 / 30');
});

test('the trainer opens enrolment, then starts the session', async ({ page }) => {
	await login(page, 'trainer');
	await page.goto(sessionPath);
	const details = page.getByRole('region', { name: '期次信息' });
	await page.getByRole('button', { name: '开放报名' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已开放报名' })).toBeVisible();
	await expect(details).toContainText('报名中');
	await page.getByRole('button', { name: '开始培训' }).click();
	await expect(page.getByRole('status').filter({ hasText: '培训已开始' })).toBeVisible();
	await expect(details).toContainText('进行中');
	await expect(page.getByRole('button', { name: '开放报名' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: '结束培训' })).toBeVisible();
});

test('learner1 on a phone: an expired and a made-up code are refused, the projector’s URL checks in', async ({ browser }) => {
	const projector = await signedIn(browser, 'trainer');
	await projector.goto(`${sessionPath}/checkin`);
	await expect(projector.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
	await expect(projector.getByRole('img', { name: '签到二维码' }).locator('svg')).toBeVisible();
	await expect(projector.getByText('已签到 0 / 3 人')).toBeVisible();
	slotId = Number((await projectorUrl(projector)).pathname.split('/')[2]);
	expect(slotId).toBeGreaterThan(0);

	const phone = await signedIn(browser, 'learner1', true);

	// A photo of the projector taken 90 s ago: three windows old, past the one previous window still accepted.
	// The secret never leaves the server; the test reads it from the database.
	const secret = readDb(
		(db) => (db.prepare('select s.checkin_secret as secret from session_slot x join training_session s on s.id = x.session_id where x.id = ?').get(slotId) as { secret: string }).secret
	);
	const expired = checkinCode(secret, slotId, Date.now() - 90_000);
	await phone.goto(`/checkin/${slotId}/${expired}`);
	const refusal = phone.getByRole('alert').filter({ hasText: '签到未成功' });
	await expect(refusal).toContainText('二维码已过期，请重新扫描大屏上的最新二维码');
	await expect(refusal).toContainText('请用手机再扫一次');
	await expect(phone.getByText('签到成功')).toHaveCount(0);

	await phone.goto(`/checkin/${slotId}/${expired === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH'}`);
	await expect(phone.getByRole('alert').filter({ hasText: '签到未成功' })).toContainText('签到码无效');
	// Nothing was recorded by the refused codes.
	await expect(projector.getByText('已签到 0 / 3 人')).toBeVisible();

	// The URL under the QR code, as scanning it would open it.
	const url = await projectorUrl(projector);
	await phone.goto(url.pathname);
	await expect(phone.getByText('签到成功', { exact: true })).toBeVisible();
	await expect(phone.getByText(TITLE)).toBeVisible();
	await expect(phone.getByText(/（3 学时）/)).toBeVisible();
	// The page fits the phone: no sideways scrolling.
	expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

	// Scanning again says so instead of checking in twice; the projector counts one.
	await phone.goto(url.pathname);
	await expect(phone.getByText('您已签到')).toBeVisible();
	await expect(projector.getByText('已签到 1 / 3 人')).toBeVisible({ timeout: 20_000 });

	await phone.context().close();
	await projector.context().close();
});

test('the trainer enters the exam score, ends the session and issues the certificate', async ({ page }) => {
	const me = learner1();
	await login(page, 'trainer');
	await page.goto(`${sessionPath}/attendance`);
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: me.name }) });
	await expect(row.getByRole('checkbox')).toBeChecked();
	await expect(row.getByRole('checkbox')).toHaveAttribute('title', /^扫码签到/);
	await page.getByLabel(`${me.name}的考试成绩`).fill('86');
	await page.getByRole('button', { name: '保存本页' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toContainText('录入成绩 1 人');
	await expect(row).toContainText('合格');

	await page.goto(sessionPath);
	await page.getByRole('button', { name: '结束培训' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '结束培训' }).click();
	await expect(page.getByRole('status').filter({ hasText: '培训已结束' })).toBeVisible();
	await expect(page.getByRole('region', { name: '期次信息' })).toContainText('已结束');

	await page.goto(`${sessionPath}/attendance`);
	await page.getByRole('button', { name: '发放证书' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '发放证书' }).click();
	// The two who never checked in get none.
	await expect(page.getByRole('status').filter({ hasText: '已发放' })).toContainText('已发放 1 张培训合格证明（出勤学时不足 2 人）');

	await page.goto(`${sessionPath}/certificates`);
	const certRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: me.name, exact: true }) });
	await expect(certRow).toHaveCount(1);
	certificate = (await certRow.getByRole('link').textContent())!.trim();
	expect(certificate).toMatch(new RegExp(`^PX${TODAY.slice(0, 4)}-\\d{3}-0001-[0-9A-Z]$`));
	await expect(page.getByRole('article', { name: `${me.name}的培训合格证明` })).toContainText(certificate);
});

test('anyone can verify the certificate: valid, name masked, session named; an unknown number is not found', async ({ browser }) => {
	const me = learner1();
	const chars = Array.from(me.name);
	// As the page masks names: 张伟 → 张*, 陈主任 → 陈*任.
	const masked = chars.length === 2 ? `${chars[0]}*` : chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
	const page = await (await browser.newContext()).newPage();
	await page.goto(`/verify/${certificate}`);
	await expect(page.getByRole('status').filter({ hasText: '证书有效' })).toBeVisible();
	await expect(page.getByText(certificate, { exact: true })).toBeVisible();
	await expect(page.getByText(masked, { exact: true })).toBeVisible();
	await expect(page.getByText(TITLE, { exact: true })).toBeVisible();
	await expect(page.getByText('3 学时', { exact: true })).toBeVisible();
	expect(await page.content()).not.toContain(me.name);

	const [, year, seq] = /^PX(\d{4})-(\d{3})-/.exec(certificate)!;
	const unknown = certificateNumber(Number(year), Number(seq), 9999);
	await page.goto(`/verify/${unknown}`);
	await expect(page.getByRole('alert')).toContainText('未找到该证书编号');
	await expect(page.getByText('证书有效')).toHaveCount(0);
	await page.context().close();
});
