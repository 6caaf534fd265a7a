import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { login } from '../../fixtures/auth';

// One scenario is built, checked, published, exported and re-imported step by step, and the last test
// counts the scenario list: the tests share state and must run one after the other.
test.describe.configure({ mode: 'serial' });

const TITLE = '端到端测试：机加工车间综合检查';
const ENTERPRISE = {
	name: '玉山县端到端机加工有限公司',
	address: '玉山县工业园区创业大道 18 号',
	legalRepresentative: '端木测',
	principal: '尹主任',
	staffCount: '86'
};
const AREA = '二号机加工车间';
const HAZARD = {
	title: '车间东墙配电箱',
	observation: '配电箱门敞开，箱前堆放着纸箱。',
	violated: '《安全生产法》第四十一条第二款',
	penalty: '《安全生产法》第一百零二条',
	// Words that must never reach an officer.
	explanation: '讲解要点甲：企业未落实隐患排查治理制度，配电箱前堆物属于一般事故隐患。'
};
const DECOY = {
	title: '北侧砂轮机',
	observation: '砂轮机防护罩完好，旁边张贴着操作规程。',
	explanation: '讲解要点乙：防护罩与托架间距符合要求，属合规设施，不应记录为隐患。'
};
const STEP = '出示执法证件，表明身份';
const NO_SUCH_ARTICLE = '《安全生产法》第一百二十条';

// A small floor plan; the server keeps only drawing elements (it sanitises every SVG).
const PLAN_SVG = Buffer.from(
	'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
		'<rect x="0" y="0" width="400" height="300" fill="#eef2f7"/>' +
		'<rect x="20" y="20" width="360" height="260" fill="none" stroke="#334155" stroke-width="4"/>' +
		'<text x="200" y="155" text-anchor="middle" font-size="24">二号机加工车间</text></svg>'
);

type Json = Record<string, unknown>;
interface Exported {
	format: string;
	content: Json & { title: string; areas: (Json & { image: { id: string } | null; items: (Json & { title: string; answer: Json })[] })[] };
	images: { id: string; mime: string; data: string }[];
}

let scenarioId = 0;
let exported: Exported | null = null;

const editorTabs = (page: Page) => page.getByRole('navigation', { name: '场景编辑' });
const savedNotice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Waits for the editor's scenario heading, and for hydration (the header's 发布 trigger is disabled until then). */
async function editorReady(page: Page) {
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.getByRole('button', { name: '发布', exact: true })).toBeEnabled();
}

/** Image ids replaced by the order in which they first appear, so two copies of a scenario compare equal. */
function normaliseImageIds(content: Exported['content']): { content: unknown; order: string[] } {
	const order: string[] = [];
	const walk = (v: unknown, parentKey: string | null): unknown => {
		if (Array.isArray(v)) return v.map((x) => walk(x, null));
		if (v && typeof v === 'object') {
			const o = v as Json;
			if ((parentKey === 'image' || parentKey === 'photo') && typeof o.id === 'string') {
				if (!order.includes(o.id)) order.push(o.id);
				return { ...o, id: `#${order.indexOf(o.id)}` };
			}
			return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, k)]));
		}
		return v;
	};
	return { content: walk(content, null), order };
}

test('a trainer builds a scenario from nothing: profile, area with a plan, a placed hazard, a decoy and a procedure', async ({ page }) => {
	test.setTimeout(90_000);
	await login(page, 'trainer');
	await page.goto('/scenarios');
	await page.getByRole('textbox', { name: '场景名称', exact: true }).fill(TITLE);
	await page.getByRole('button', { name: '新建场景' }).click();
	await expect(page).toHaveURL(/\/scenarios\/(\d+)\?created=1$/);
	scenarioId = Number(/\/scenarios\/(\d+)/.exec(page.url())![1]);
	await editorReady(page);
	await expect(page.getByRole('status')).toHaveText('场景已创建，请先填写企业概况。');

	// 企业概况
	await page.getByRole('textbox', { name: '企业名称', exact: true }).fill(ENTERPRISE.name);
	await page.getByRole('combobox', { name: '行业类别' }).selectOption({ label: '机械' });
	await page.getByRole('textbox', { name: '地址', exact: true }).fill(ENTERPRISE.address);
	await page.getByRole('textbox', { name: '法定代表人', exact: true }).fill(ENTERPRISE.legalRepresentative);
	await page.getByRole('textbox', { name: '主要负责人', exact: true }).fill(ENTERPRISE.principal);
	await page.getByRole('spinbutton', { name: '从业人员数' }).fill(ENTERPRISE.staffCount);
	await page.getByRole('textbox', { name: '主要工艺和设备', exact: true }).fill('数控车床、砂轮机、**配电箱**。');
	await page.getByRole('button', { name: '保存企业概况' }).click();
	await expect(savedNotice(page, '企业概况已保存')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('textbox', { name: '法定代表人', exact: true })).toHaveValue(ENTERPRISE.legalRepresentative);
	await expect(page.getByRole('combobox', { name: '行业类别' })).toHaveValue('machinery');

	// An area, and its plan
	await editorTabs(page).getByRole('link', { name: '区域与检查点' }).click();
	await expect(page.getByRole('heading', { name: '添加区域' })).toBeVisible();
	await expect(page.getByText('还没有区域，请在下方添加')).toBeVisible();
	await page.getByRole('textbox', { name: '区域名称', exact: true }).fill(AREA);
	await page.getByRole('textbox', { name: '区域说明', exact: true }).fill('车间东西长 40 米，设有数控车床 6 台。');
	await page.getByRole('button', { name: '添加区域' }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios/${scenarioId}/areas/area1\\?created=1$`));
	await expect(page.getByRole('heading', { level: 2, name: AREA })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('区域已添加');
	await page.getByLabel('上传区域图片').setInputFiles({ name: 'plan.svg', mimeType: 'image/svg+xml', buffer: PLAN_SVG });
	await page.getByRole('button', { name: '上传图片' }).click();
	await expect(savedNotice(page, '区域图片已上传')).toBeVisible();
	await expect(page.getByRole('img', { name: `区域图：${AREA}` })).toBeVisible();
	await expect(page.getByLabel('更换区域图片')).toBeVisible();

	// Item 1: placed on the plan, a general hazard with its provisions
	await page.getByRole('textbox', { name: '检查点名称', exact: true }).fill(HAZARD.title);
	await page.getByRole('textbox', { name: '现场情况描述', exact: true }).fill(HAZARD.observation);
	await page.getByRole('button', { name: '添加检查点' }).click();
	await expect(page).toHaveURL(new RegExp(`/areas/area1/item\\d+\\?created=1$`));
	await expect(page.getByRole('heading', { level: 2, name: HAZARD.title })).toBeVisible();
	await expect(page.getByRole('button', { name: '删除检查点' })).toBeEnabled(); // hydrated: the plan takes clicks
	const x = page.getByRole('spinbutton', { name: '横坐标（%）' });
	const y = page.getByRole('spinbutton', { name: '纵坐标（%）' });
	await expect(x).toHaveValue('');
	const plan = page.getByRole('img', { name: /点击图片标注本检查点的位置/ });
	const box = (await plan.boundingBox())!;
	await plan.click({ position: { x: box.width * 0.25, y: box.height * 0.6 } });
	await expect(x).not.toHaveValue('');
	await expect(y).not.toHaveValue('');
	expect(Math.abs(Number(await x.inputValue()) - 25)).toBeLessThan(2);
	expect(Math.abs(Number(await y.inputValue()) - 60)).toBeLessThan(2);

	await page.getByRole('radio', { name: '隐患', exact: true }).check();
	await expect(page.getByRole('radio', { name: '一般事故隐患' })).toBeVisible();
	await page.getByRole('radio', { name: '一般事故隐患' }).check();
	await page.getByRole('combobox', { name: '隐患类别' }).selectOption({ label: '电气安全' });
	await page.getByRole('textbox', { name: '违法依据', exact: true }).fill(HAZARD.violated);
	await expect(page.getByRole('list', { name: '违法条款识别结果' })).toHaveText('《安全生产法》第四十一条第二款');
	await page.getByRole('textbox', { name: '处罚依据', exact: true }).fill(HAZARD.penalty);
	await expect(page.getByRole('list', { name: '处罚条款识别结果' })).toHaveText('《安全生产法》第一百零二条');
	await page.getByRole('checkbox', { name: '责令限期整改' }).check();
	// The server refuses a deadline range that runs backwards, and keeps what was typed.
	await page.getByRole('spinbutton', { name: '整改期限最短天数' }).fill('7');
	await page.getByRole('spinbutton', { name: '整改期限最长天数' }).fill('3');
	await page.getByRole('spinbutton', { name: '分值', exact: true }).fill('10');
	await page.getByRole('textbox', { name: '讲解说明', exact: true }).fill(HAZARD.explanation);
	await page.getByRole('button', { name: '保存检查点' }).click();
	await expect(page.getByRole('alert')).toHaveText('有 1 处需要修改，未保存。');
	await expect(page.getByText('最短天数不能大于最长天数')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '违法依据', exact: true })).toHaveValue(HAZARD.violated);
	await page.getByRole('spinbutton', { name: '整改期限最短天数' }).fill('3');
	await page.getByRole('spinbutton', { name: '整改期限最长天数' }).fill('7');
	await page.getByRole('button', { name: '保存检查点' }).click();
	await expect(savedNotice(page, '检查点已保存')).toBeVisible();

	// Everything was stored, not just shown.
	const placed = { x: await x.inputValue(), y: await y.inputValue() };
	await page.reload();
	await expect(page.getByRole('heading', { level: 2, name: HAZARD.title })).toBeVisible();
	await expect(x).toHaveValue(placed.x);
	await expect(y).toHaveValue(placed.y);
	await expect(page.getByRole('radio', { name: '隐患', exact: true })).toBeChecked();
	await expect(page.getByRole('radio', { name: '一般事故隐患' })).toBeChecked();
	await expect(page.getByRole('combobox', { name: '隐患类别' })).toHaveValue('electrical');
	await expect(page.getByRole('textbox', { name: '处罚依据', exact: true })).toHaveValue(HAZARD.penalty);
	await expect(page.getByRole('checkbox', { name: '责令限期整改' })).toBeChecked();
	await expect(page.getByRole('spinbutton', { name: '整改期限最短天数' })).toHaveValue('3');
	await expect(page.getByRole('spinbutton', { name: '整改期限最长天数' })).toHaveValue('7');
	await expect(page.getByRole('spinbutton', { name: '分值', exact: true })).toHaveValue('10');
	await expect(page.getByRole('textbox', { name: '讲解说明', exact: true })).toHaveValue(HAZARD.explanation);

	// Item 2: a decoy, placed by typing its coordinates
	await page.getByRole('link', { name: `← ${AREA}` }).click();
	await expect(page.getByRole('heading', { level: 2, name: AREA })).toBeVisible();
	await page.getByRole('textbox', { name: '检查点名称', exact: true }).fill(DECOY.title);
	await page.getByRole('textbox', { name: '现场情况描述', exact: true }).fill(DECOY.observation);
	await page.getByRole('button', { name: '添加检查点' }).click();
	await expect(page.getByRole('heading', { level: 2, name: DECOY.title })).toBeVisible();
	await expect(page.getByRole('button', { name: '删除检查点' })).toBeEnabled();
	await page.getByRole('radio', { name: '干扰项', exact: true }).check();
	await expect(page.getByRole('textbox', { name: '违法依据', exact: true })).toBeHidden();
	await x.fill('70');
	await y.fill('35.5');
	await page.getByRole('textbox', { name: '讲解说明', exact: true }).fill(DECOY.explanation);
	await page.getByRole('button', { name: '保存检查点' }).click();
	await expect(savedNotice(page, '检查点已保存')).toBeVisible();

	await page.getByRole('link', { name: `← ${AREA}` }).click();
	await expect(page.getByRole('heading', { level: 2, name: AREA })).toBeVisible();
	const items = page.getByRole('region', { name: /^检查点/ }).getByRole('listitem');
	await expect(items).toHaveCount(2);
	await expect(items.nth(0)).toContainText(HAZARD.title);
	await expect(items.nth(0)).toContainText('隐患');
	await expect(items.nth(1)).toContainText(DECOY.title);
	await expect(items.nth(1)).toContainText('干扰项');
	await expect(page.getByText('未标注位置')).toHaveCount(0);

	// 执法程序: one step, and its points (a procedure worth 0 points cannot be published)
	await editorTabs(page).getByRole('link', { name: '执法程序' }).click();
	await expect(page.getByRole('heading', { name: /^正确步骤/ })).toBeVisible();
	await page.getByRole('textbox', { name: '新步骤内容' }).fill(STEP);
	await page.getByRole('button', { name: '添加步骤' }).click();
	await expect(savedNotice(page, '已添加步骤')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '第 1 步' })).toHaveValue(STEP);
	await page.getByRole('spinbutton', { name: '执法程序分值' }).fill('10');
	await page.getByRole('button', { name: '保存分值' }).click();
	await expect(savedNotice(page, '分值已保存')).toBeVisible();

	await page.goto('/scenarios');
	const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
	await expect(row.getByRole('cell')).toHaveText([TITLE, ENTERPRISE.name, '1', '1', '1', '草稿', /\d/]);
});

test('the publish check names a nonexistent provision and blocks publishing; once fixed, v1 is published', async ({ page }) => {
	test.setTimeout(60_000);
	await login(page, 'trainer');
	const itemUrl = `/scenarios/${scenarioId}/areas/area1/item1`;
	await page.goto(itemUrl);
	await expect(page.getByRole('heading', { level: 2, name: HAZARD.title })).toBeVisible();
	const penalty = page.getByRole('textbox', { name: '处罚依据', exact: true });
	await penalty.fill(`${HAZARD.penalty}\n${NO_SUCH_ARTICLE}`);
	// The parser reads it as a citation; only the check against the library says it does not exist.
	await expect(page.getByRole('list', { name: '处罚条款识别结果' }).getByRole('listitem')).toHaveText([HAZARD.penalty, NO_SUCH_ARTICLE]);
	await page.getByRole('button', { name: '保存检查点' }).click();
	await expect(savedNotice(page, '检查点已保存')).toBeVisible();

	await editorTabs(page).getByRole('link', { name: '发布检查' }).click();
	await expect(page.getByRole('heading', { name: '发布检查' })).toBeVisible();
	await expect(page.getByText('有 1 个错误必须修改后才能发布')).toBeVisible();
	const problem = page.getByRole('listitem').filter({ hasText: '引用的条文不存在' });
	await expect(problem).toHaveCount(1);
	await expect(problem).toContainText(`处罚依据“${NO_SUCH_ARTICLE}”引用的条文不存在`);
	await expect(page.getByRole('button', { name: '发布 v1' })).toHaveCount(0);

	// The header's 发布 runs the same check on the server and refuses.
	await editorReady(page);
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '确认发布' }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios/${scenarioId}/check\\?blocked=1$`));
	await expect(page.getByRole('alert')).toHaveText('未发布：发布检查发现 1 个错误，请逐项修改后再发布。');
	await expect(page.getByText('尚未发布')).toBeVisible();

	// 去修改 leads to the item; remove the bad line.
	await problem.getByRole('link', { name: '去修改（区域与检查点）' }).click();
	await expect(page).toHaveURL(itemUrl);
	await expect(page.getByRole('heading', { level: 2, name: HAZARD.title })).toBeVisible();
	await expect(penalty).toHaveValue(`${HAZARD.penalty}\n${NO_SUCH_ARTICLE}`);
	await penalty.fill(HAZARD.penalty);
	await page.getByRole('button', { name: '保存检查点' }).click();
	await expect(savedNotice(page, '检查点已保存')).toBeVisible();

	await editorTabs(page).getByRole('link', { name: '发布检查' }).click();
	await expect(page.getByRole('heading', { name: '发布检查' })).toBeVisible();
	await expect(page.getByText('可以发布：没有发现问题。')).toBeVisible();
	await expect(page.getByRole('heading', { name: '问题清单' })).toHaveCount(0);
	await page.getByRole('button', { name: '发布 v1' }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('发布 v1？');
	await dialog.getByRole('button', { name: '确认发布' }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios/${scenarioId}/check\\?published=1$`));
	await expect(page.getByRole('status')).toContainText('已发布 v1。');
	const versions = page.getByRole('region', { name: '版本' });
	await expect(versions).toContainText('已发布 1 个版本（最新 v1）');
	await versions.getByText('已发布 1 个版本（最新 v1）').click();
	await expect(versions.getByRole('link', { name: '导出 v1' })).toHaveAttribute('href', `/scenarios/${scenarioId}/export?version=1`);
	// The next publish would be v2.
	await expect(page.getByRole('button', { name: '发布 v2' })).toBeVisible();

	await page.goto('/scenarios');
	await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) })).toContainText('已发布 v1');
});

test('the officer preview shows the enterprise and both items, and none of the key', async ({ page }) => {
	await login(page, 'trainer');
	const res = await page.goto(`/scenarios/${scenarioId}/preview`);
	expect(res?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
	const enterprise = page.getByRole('region', { name: '企业概况' });
	await expect(enterprise).toContainText(ENTERPRISE.name);
	await expect(enterprise).toContainText(ENTERPRISE.address);
	await expect(enterprise).toContainText(ENTERPRISE.legalRepresentative);
	await expect(enterprise).toContainText(`${ENTERPRISE.staffCount} 人`);
	await expect(page.getByRole('tab', { name: AREA })).toBeVisible();
	// Each item is listed (and numbered on the plan, whose markers are buttons too).
	const listed = (title: string) => page.getByRole('listitem').getByRole('button', { name: title });
	await expect(listed(HAZARD.title)).toBeVisible();
	await expect(listed(DECOY.title)).toBeVisible();
	await expect(page.getByRole('button', { name: `1 号检查点：${HAZARD.title}` })).toBeVisible();
	await expect(page.getByRole('button', { name: `2 号检查点：${DECOY.title}` })).toBeVisible();
	await expect(page.getByRole('region', { name: '执法程序' })).toContainText(STEP);
	// Once hydrated, an item opens with what the officer observes.
	await listed(HAZARD.title).click();
	await expect(page.getByRole('article', { name: '检查点详情' })).toContainText(HAZARD.observation);

	const html = await page.content();
	const data = await (await page.request.get(`/scenarios/${scenarioId}/preview/__data.json`)).text();
	for (const secret of [HAZARD.explanation, DECOY.explanation, HAZARD.violated, HAZARD.penalty, '第四十一条', '第一百零二条', '安全生产法', 'rectify_within_deadline']) {
		expect(html, `the preview's HTML contains ${secret}`).not.toContain(secret);
		expect(data, `the preview's data contains ${secret}`).not.toContain(secret);
	}
});

test('the exported draft imports as a new scenario with the same content and the same picture bytes', async ({ page }) => {
	test.setTimeout(60_000);
	await login(page, 'trainer');
	await page.goto(`/scenarios/${scenarioId}`);
	await editorReady(page);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出', exact: true }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`scenario-${scenarioId}.json`);
	const file = readFileSync((await download.path())!, 'utf8');
	const first = JSON.parse(file) as Exported;
	exported = first;
	expect(first.format).toBe('scenario/1');
	expect(first.content.title).toBe(TITLE);
	expect(first.content.areas[0].items.map((i) => i.title)).toEqual([HAZARD.title, DECOY.title]);
	expect(first.content.areas[0].items[0].answer).toMatchObject({
		kind: 'hazard',
		classification: 'general',
		category: 'electrical',
		violated: [HAZARD.violated],
		penalty: [HAZARD.penalty],
		measures: ['rectify_within_deadline'],
		deadlineDays: { min: 3, max: 7 },
		points: 10,
		explanation: HAZARD.explanation
	});
	expect(first.content.areas[0].items[1].answer).toEqual({ kind: 'decoy', explanation: DECOY.explanation });
	expect(first.images).toHaveLength(1);
	expect(first.images[0]).toMatchObject({ id: first.content.areas[0].image!.id, mime: 'image/svg+xml' });

	await page.goto('/scenarios');
	await expect(page.getByRole('heading', { name: '导入场景' })).toBeVisible();
	await page.getByLabel('场景文件').setInputFiles({ name: `scenario-${scenarioId}.json`, mimeType: 'application/json', buffer: Buffer.from(file) });
	await page.getByRole('button', { name: '检查并导入' }).click();
	await expect(page).toHaveURL(/\/scenarios\/\d+\?imported=1$/);
	const newId = Number(/\/scenarios\/(\d+)/.exec(page.url())![1]);
	expect(newId).not.toBe(scenarioId);
	await editorReady(page);
	await expect(page.getByRole('status')).toHaveText('场景已导入为新的草稿。');
	await expect(page.getByText('尚未发布')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '企业名称', exact: true })).toHaveValue(ENTERPRISE.name);

	const res = await page.request.get(`/scenarios/${newId}/export`);
	expect(res.status()).toBe(200);
	const second = (await res.json()) as Exported;
	const a = normaliseImageIds(first.content);
	const b = normaliseImageIds(second.content);
	expect(b.content).toEqual(a.content);
	// Both live in one database, so the imported picture got a new id; its bytes are the same.
	expect(b.order).toHaveLength(1);
	expect(b.order[0]).not.toBe(a.order[0]);
	const bytes = (f: Exported, ids: string[]) => ids.map((id) => f.images.find((i) => i.id === id));
	expect(bytes(second, b.order).map((i) => i && { mime: i.mime, data: i.data })).toEqual(bytes(first, a.order).map((i) => i && { mime: i.mime, data: i.data }));
	expect(second.images).toHaveLength(first.images.length);
	const img = await page.request.get(`/media/${b.order[0]}`);
	expect(img.status()).toBe(200);
	expect(Buffer.from(await img.body()).toString('base64')).toBe(first.images[0].data);
});

test('a broken scenario file lists every problem with its JSON path, and imports nothing', async ({ page }) => {
	expect(exported, 'the export test ran first').not.toBeNull();
	await login(page, 'trainer');
	await page.goto('/scenarios');
	const listHeading = page.getByRole('heading', { name: /^全部场景/ });
	await expect(listHeading).toBeVisible();
	const before = (await listHeading.textContent())!;
	const rowsBefore = await page.getByRole('row').count();
	expect(before).toMatch(/共 \d+ 个/);

	const bad = structuredClone(exported!) as Exported & { content: { questions: unknown[] } };
	bad.content.title = '不应出现的坏场景';
	bad.content.areas[0].items[0].title = '';
	bad.content.areas[0].items[1].answer = { kind: 'maybe', explanation: '' };
	bad.content.questions.push({
		key: 'q1',
		situation: '企业负责人拒绝签字，怎么办？',
		options: [
			{ key: 'a', text: '注明情况' },
			{ key: 'b', text: '放弃检查' }
		],
		correct: ['c'],
		explanation: '',
		points: 5
	});
	await page.getByLabel('场景文件').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
	await page.getByRole('button', { name: '检查并导入' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('“broken.json”有 3 处问题，未导入任何内容');
	const problems = alert.getByRole('listitem');
	await expect(problems).toHaveText([
		'$.content.areas[0].items[0].title 不能为空',
		'$.content.areas[0].items[1].answer.kind 内容不符合任何一种允许的格式（检查 kind 字段）',
		'$.content.questions[0].correct[0] 正确选项“c”不在选项中'
	]);

	await page.goto('/scenarios');
	await expect(listHeading).toHaveText(before);
	await expect(page.getByRole('row')).toHaveCount(rowsBefore);
	await expect(page.getByRole('link', { name: '不应出现的坏场景' })).toHaveCount(0);
});
