import { expect, test, type Browser, type Page } from '@playwright/test';
import { login } from '../../fixtures/auth';
import { DEMO_SCENARIOS } from '../../../src/lib/server/seed/demo-scenarios';
import { hazardClassLabels, measureLabels } from '../../../src/lib/i18n/zh';
import type { HazardKey, InspectionItem } from '../../../src/lib/domain/scenario/types';
import { crawlOfficerUrls } from './crawl';
import { pdfText } from '../../fixtures/pdf-text';

// A whole drill in real browsers: the trainer sets it up on demo scenario 1, four officers in two teams
// answer at the same time, the stage closes, the ranking is as expected and the debrief shows each
// team its own answers against the key.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const demo = DEMO_SCENARIOS[0].content;
const area = demo.areas.find((a) => a.items.filter((i) => i.answer.kind === 'hazard').length >= 2 && a.items.some((i) => i.answer.kind === 'decoy'))!;
const hazards = area.items.filter((i) => i.answer.kind === 'hazard');
const [h1, h2] = hazards as [InspectionItem & { answer: HazardKey }, InspectionItem & { answer: HazardKey }];
const decoy = area.items.find((i) => i.answer.kind === 'decoy')!;
const TEAM_B_NOTE = '乙队独有的备注文字';

let drillUrl = '';

async function newOfficer(browser: Browser, username: string): Promise<Page> {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await login(page, username);
	return page;
}

async function openSheet(page: Page) {
	await page.goto('/my-drills');
	await page.getByRole('link', { name: /进入作答：现场检查/ }).first().click();
	await expect(page.getByRole('tablist', { name: '检查区域' })).toBeVisible();
	await page.getByRole('tab', { name: area.name }).click();
}

async function record(page: Page, item: InspectionItem, answer: { classification?: 'general' | 'major'; violated?: string[]; penalty?: string[]; measures?: string[]; note?: string }) {
	await page.getByRole('button', { name: item.title, exact: false }).first().click();
	await page.getByRole('button', { name: '记录隐患' }).click();
	if (answer.classification) await page.getByRole('radio', { name: hazardClassLabels[answer.classification] }).check();
	if (answer.violated) await page.getByRole('textbox', { name: '违法依据' }).fill(answer.violated.join('\n'));
	if (answer.penalty) await page.getByRole('textbox', { name: '处罚依据' }).fill(answer.penalty.join('\n'));
	for (const m of answer.measures ?? []) await page.getByRole('checkbox', { name: m }).check();
	if (answer.note) await page.getByRole('textbox', { name: '备注' }).fill(answer.note);
	await expect(page.getByRole('status').filter({ hasText: /已保存/ }).first()).toBeVisible({ timeout: 15_000 });
}

test('the trainer creates a drill on demo scenario 1 with two teams of two and opens 现场检查', async ({ page }) => {
	await login(page, 'trainer');
	await page.goto('/drills/new');
	await page.getByLabel('活动名称').fill('上饶市执法比武（测试）');
	await page.getByLabel('主办单位').fill('上饶市应急管理局');
	await page.getByLabel('比武地点').fill('上饶市应急指挥中心');
	await page.getByLabel('开始日期').fill('2026-11-29');
	await page.getByLabel('结束日期').fill('2026-11-29');
	await page.getByLabel('场景版本').selectOption({ label: `${demo.title} v1` });
	const team1 = page.getByRole('group', { name: '第 1 队', exact: true });
	const team2 = page.getByRole('group', { name: '第 2 队', exact: true });
	await page.getByLabel('第 1 队队伍名称').fill('甲队');
	await page.getByLabel('第 2 队队伍名称').fill('乙队');
	for (const u of ['officer1', 'officer2']) await team1.getByRole('checkbox', { name: new RegExp(`（${u}）`) }).check();
	for (const u of ['officer4', 'officer5']) await team2.getByRole('checkbox', { name: new RegExp(`（${u}）`) }).check();
	await page.getByRole('checkbox', { name: /（judge1）/ }).check();
	await page.getByRole('checkbox', { name: /（judge2）/ }).check();
	await page.getByRole('button', { name: '创建比武活动' }).click();
	await expect(page).toHaveURL(/\/drills\/\d+$/);
	drillUrl = new URL(page.url()).pathname;
	await page.getByRole('button', { name: '开始现场检查' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
});

test('four officers answer at once; teammates see each other’s records; nothing of the key is sent', async ({ browser }) => {
	const [a1, a2, b1, b2] = await Promise.all(['officer1', 'officer2', 'officer4', 'officer5'].map((u) => newOfficer(browser, u)));
	await Promise.all([a1, a2, b1, b2].map(openSheet));

	// Before anyone types: the page and its data carry no key text.
	const sheetPath = new URL(a1.url()).pathname;
	const html = await a1.content();
	const data = await (await a1.request.get(`${sheetPath}/__data.json`)).text();
	const secrets = [h1.answer.explanation.slice(0, 24), decoy.answer.kind === 'decoy' ? decoy.answer.explanation.slice(0, 24) : '', '"decoy"', 'majorCriterion', `"${h1.key}"`, `"${decoy.key}"`];
	for (const s of secrets.filter(Boolean)) {
		expect(html, s).not.toContain(s);
		expect(data, s).not.toContain(s);
	}

	await Promise.all([
		record(a1, h1, { classification: h1.answer.classification, violated: h1.answer.violated, penalty: h1.answer.penalty, measures: h1.answer.measures.map((m) => measureLabels[m]) }),
		record(a2, h2, { classification: h2.answer.classification, violated: h2.answer.violated.slice(0, 1) }),
		record(b1, decoy, { classification: 'general', violated: ['《安全生产法》第四十一条'], note: TEAM_B_NOTE }),
		record(b2, h1, { classification: h1.answer.classification === 'major' ? 'general' : 'major' })
	]);

	// Teammates' records appear without reloading; the other team's never do.
	await expect(a2.getByRole('heading', { name: /本队记录（2）/ })).toBeVisible({ timeout: 15_000 });
	await expect(b1.getByRole('heading', { name: /本队记录（2）/ })).toBeVisible({ timeout: 15_000 });
	expect(await a1.content()).not.toContain(TEAM_B_NOTE);
	for (const p of [a1, a2, b1, b2]) await p.context().close();
});

test('every URL an officer can reach during the drill carries no key, no hazard flag and no other team’s answers', async ({ browser }) => {
	const a1 = await newOfficer(browser, 'officer1');
	await a1.goto('/my-drills');
	const sheetLinks = await a1.getByRole('link', { name: /进入作答|等候开始|查看本队答卷/ }).evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	expect(sheetLinks.length).toBeGreaterThan(0);
	const api = sheetLinks.map((p) => p.replace(/^\/drills\/(\d+)\/sheet\/(\d+)$/, '/api/drills/$1/stages/$2/entries'));
	const fetched = await crawlOfficerUrls(a1, ['/my-drills', `${drillUrl}/scoreboard`], [...api, `${drillUrl}/scoreboard/events`, `${drillUrl}/debrief`, `${drillUrl}/results`, drillUrl]);
	const urls = fetched.map((f) => f.url);
	for (const must of [`${drillUrl}/scoreboard`, `${drillUrl}/scoreboard/events`, ...sheetLinks, ...api]) expect(urls, must).toContain(must);

	const items = demo.areas.flatMap((a) => a.items);
	const secrets = [
		...items.map((i) => i.answer.explanation.slice(0, 20)),
		...items.map((i) => `"${i.key}"`),
		...demo.questions.map((q) => q.explanation?.slice(0, 20) ?? '').filter(Boolean),
		'"decoy"',
		'majorCriterion',
		'"correct"',
		'"salt"',
		TEAM_B_NOTE
	];
	for (const f of fetched) {
		expect(f.status, f.url).toBeLessThan(500);
		for (const secret of secrets) expect(f.body, `${f.url} must not contain ${secret}`).not.toContain(secret);
	}
	// Staff pages refuse; the public board shows nothing of a stage that is still open.
	expect(fetched.find((f) => f.url === `${drillUrl}/results`)?.status).toBe(403);
	expect(fetched.find((f) => f.url === drillUrl)?.status).toBe(403);
	const event = fetched.find((f) => f.url.endsWith('/scoreboard/events'))!.body;
	const board = JSON.parse(event.slice(event.indexOf('data: ') + 6).split('\n')[0]) as { view: string; teams: { total: number; scores: (number | null)[] }[] };
	expect(board.view).toBe('public');
	for (const t of board.teams) expect(t).toMatchObject({ total: 0, scores: t.scores.map(() => null) });
	await a1.context().close();
});

test('执法程序: one officer lays out the steps in order and answers a question; the other team picks a wrong card', async ({ page, browser }) => {
	await login(page, 'trainer');
	await page.goto(drillUrl);
	await page.getByRole('button', { name: '开始执法程序' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();

	const a1 = await newOfficer(browser, 'officer1');
	await a1.goto('/my-drills');
	await a1.getByRole('link', { name: /进入作答：执法程序/ }).first().click();
	await expect(a1.getByRole('heading', { level: 2, name: '执法程序', exact: true })).toBeVisible();
	for (const step of demo.procedure.steps) await a1.getByRole('button', { name: `加入：${step.text}`, exact: true }).click();
	await expect(a1.getByRole('list', { name: '本队的执法程序' }).getByRole('listitem')).toHaveCount(demo.procedure.steps.length);
	const q = demo.questions[0];
	const group = a1.getByRole('group', { name: new RegExp(`^情景题 1`) });
	// Options read "A.文字"; match on the text.
	for (const key of q.correct) await group.getByRole('checkbox', { name: q.options.find((o) => o.key === key)!.text }).check();
	await expect(a1.getByRole('status').filter({ hasText: /已保存/ }).first()).toBeVisible({ timeout: 15_000 });

	const b1 = await newOfficer(browser, 'officer4');
	await b1.goto('/my-drills');
	await b1.getByRole('link', { name: /进入作答：执法程序/ }).first().click();
	await b1.getByRole('button', { name: `加入：${demo.procedure.distractors[0].text}`, exact: true }).click();
	await expect(b1.getByRole('status').filter({ hasText: /已保存/ }).first()).toBeVisible({ timeout: 15_000 });

	// A reload shows what the team saved.
	await a1.reload();
	await expect(a1.getByRole('list', { name: '本队的执法程序' }).getByRole('listitem')).toHaveCount(demo.procedure.steps.length);
	await a1.context().close();
	await b1.context().close();
});

test('文书制作: a team drafts a 现场处理措施决定书 and a 责令限期整改指令书, and the print view makes a PDF with the unit and the provision', async ({ page, browser }) => {
	await login(page, 'trainer');
	await page.goto(drillUrl);
	await page.getByRole('button', { name: '开始文书制作' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();

	const a1 = await newOfficer(browser, 'officer1');
	await a1.goto('/my-drills');
	await a1.getByRole('link', { name: /进入作答：文书制作/ }).first().click();
	const fillDocument = async (tab: RegExp, extra: () => Promise<void>) => {
		await a1.getByRole('tab', { name: tab }).click();
		await a1.getByRole('button', { name: '自动填入' }).click();
		await expect(a1.getByRole('textbox', { name: /被检查单位/ }).first()).toHaveValue(demo.enterprise.name);
		await a1.getByLabel('第 1 名执法人员的执法证件号码').fill('36110001');
		await a1.getByLabel('第 2 名执法人员的执法证件号码').fill('36110002');
		await extra();
		await expect(a1.getByRole('status').filter({ hasText: /已保存/ }).first()).toBeVisible({ timeout: 15_000 });
	};
	await fillDocument(/现场处理措施决定书/, async () => {
		await a1.getByRole('textbox', { name: /处理依据/ }).fill('《安全生产法》第六十五条第一款第（三）项');
		await a1.getByRole('textbox', { name: /现场处理决定/ }).fill('立即停止使用抛光车间除尘系统，撤出作业人员；隐患排除后经审查同意方可恢复。');
	});
	await fillDocument(/责令限期整改指令书/, async () => {
		await a1.getByRole('textbox', { name: /整改项次/ }).fill('1');
		await a1.getByLabel(/整改期限/).fill('2026-12-06');
	});
	// A reload shows what was saved.
	await a1.reload();
	await a1.getByRole('tab', { name: /现场处理措施决定书/ }).click();
	await expect(a1.getByRole('textbox', { name: /处理依据/ })).toHaveValue('《安全生产法》第六十五条第一款第（三）项');

	const print = await a1.getByRole('link', { name: '打印预览' }).getAttribute('href');
	await a1.goto(print!);
	await expect(a1.getByText(demo.enterprise.name).first()).toBeVisible();
	const text = (await pdfText(await a1.pdf({ format: 'A4', printBackground: true }))).replace(/\s+/g, '');
	expect(text).toContain(demo.enterprise.name.replace(/\s+/g, ''));
	expect(text).toContain('第六十五条');
	expect(text).toContain('现场处理措施决定书');
	expect(text).not.toContain('打印预览');
	await a1.context().close();
});

test('judges score 文明执法: each sees only their own points, and the chief locks', async ({ page, browser }) => {
	await login(page, 'trainer');
	await page.goto(drillUrl);
	await page.getByRole('button', { name: '开始文明执法' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();

	const rubric = ['着装规范、仪容整洁', '出示执法证件、表明身份', '用语文明、态度平和', '告知陈述申辩等权利', '分工明确、配合有序'];
	const field = (p: Page, team: string, item: string) => p.getByRole('spinbutton', { name: `${team} ${item} 得分` });
	async function score(username: string, points: Record<'甲队' | '乙队', string>) {
		const judge = await newOfficer(browser, username);
		await judge.goto('/judging');
		await judge.getByRole('link', { name: /进入评分/ }).first().click();
		for (const [team, value] of Object.entries(points)) {
			// Nobody else's points are ever shown: every field starts empty for this judge.
			await expect(field(judge, team, rubric[0])).toHaveValue('');
			for (const item of rubric) await field(judge, team, item).fill(value);
			await judge.locator('form').filter({ has: field(judge, team, rubric[0]) }).getByRole('button', { name: /保存/ }).click();
			await expect(judge.getByText(`已保存 ${team}`)).toBeVisible();
		}
		return judge;
	}
	// judge2 first, then the chief (judge1): neither sees the other's points.
	const second = await score('judge2', { 甲队: '3', 乙队: '2' });
	await expect(second.getByRole('button', { name: '锁定评分' })).toHaveCount(0);
	await second.context().close();
	const chief = await score('judge1', { 甲队: '4', 乙队: '2' });
	// Out of range: the browser already refuses it (the server check is unit-tested); the saved 4 stays.
	const first = field(chief, '甲队', rubric[0]);
	await first.fill('9');
	expect(await first.evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
	await first.fill('4');

	await chief.getByRole('button', { name: '锁定评分' }).click();
	await chief.getByRole('alertdialog').getByRole('button', { name: '锁定评分' }).click();
	await expect(chief.getByText('主评委已锁定评分').first()).toBeVisible();
	await chief.reload();
	await expect(first).toHaveValue('4');
	await expect(first).toBeDisabled();
	await chief.context().close();
});

test('the stage closes, the ranking puts 甲队 first, and the debrief shows each team its own answers', async ({ page, browser }) => {
	await login(page, 'trainer');
	await page.goto(drillUrl);
	await page.getByRole('button', { name: '结束现场检查' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '结束阶段' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();

	await page.goto(`${drillUrl}/results`);
	const rows = page.getByRole('row');
	await expect(rows.nth(1)).toContainText('甲队');
	await expect(rows.nth(2)).toContainText('乙队');

	// The public board (no login) counts the closed 现场检查 and the locked 文明执法, live over SSE.
	await page.goto(drillUrl);
	const publicPath = await page.getByRole('link', { name: '打开大屏' }).getAttribute('href');
	expect(publicPath).toMatch(/^\/board\/[a-z2-7]{24}$/);
	const anonymous = await (await browser.newContext()).newPage();
	await anonymous.goto(publicPath!);
	const boardRows = anonymous.getByRole('table').getByRole('row');
	await expect(boardRows.nth(1)).toContainText('甲队');
	await expect(boardRows.nth(2)).toContainText('乙队');
	await expect(anonymous.getByText('实时更新')).toBeVisible();
	await anonymous.context().close();

	await page.goto(drillUrl);
	await page.getByRole('button', { name: '开放讲解' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '开放讲解' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();

	const officer = await newOfficer(browser, 'officer1');
	await officer.goto(`${drillUrl}/debrief`);
	await expect(officer.getByText(h1.title).first()).toBeVisible();
	await expect(officer.getByText(h1.answer.violated[0]).first()).toBeVisible();
	const debrief = await officer.content();
	expect(debrief).not.toContain(TEAM_B_NOTE);
	// The documents 甲队 drafted come back checked line by line, with reasons.
	const documents = officer.getByRole('region', { name: /文书制作/ });
	await expect(documents.getByRole('table').first()).toBeVisible();
	await expect(documents.getByText('与企业登记名称一致').first()).toBeVisible();

	// 乙队 flagged the compliant item: their debrief says so with the deduction; 甲队's does not.
	const decoyCard = (p: Page) => p.locator('article, section, li').filter({ hasText: decoy.title }).filter({ hasText: /本队/ }).first();
	await expect(decoyCard(officer)).toContainText('本队未误记');
	const other = await newOfficer(browser, 'officer4');
	await other.goto(`${drillUrl}/debrief`);
	await expect(decoyCard(other)).toContainText('本队误记为隐患（-2 分）');

	// An officer outside both teams cannot open the sheet or the debrief.
	const outsider = await newOfficer(browser, 'officer7');
	const res = await outsider.goto(`${drillUrl}/debrief`);
	expect(res?.status()).toBe(403);
});
