import { dirname, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { login } from '../../fixtures/auth';
import { E2E_DATABASE } from '../../fixtures/env.js';
import type { AnswerKey, AttemptSlot, QuestionType } from '../../../src/lib/domain/quiz/types';

// Courses and quizzes end to end (issue 8): a trainer sets the demo course quiz to a 1-minute limit in the
// quiz builder; learner4 (其他从业人员, the course's audience) on a phone reads every lesson, starts the quiz,
// answers every question right and stops: the server submits the attempt when the time is up, the course
// is complete and its 4 学时 show on the learner's 学时档案 as 「线上课程」.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const COURSE = '新员工三级安全教育';
const QUIZ = '新员工三级安全教育结业测验';

/** Reads the e2e server's database (read-only): the answer key, which the browser never gets. */
function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(resolve(dirname(test.info().config.configFile!), E2E_DATABASE), { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

interface KeyedSlot {
	type: QuestionType;
	/** option keys in the order shown: the page labels them A, B, C … by position */
	optionOrder: string[];
	answer: AnswerKey;
	options: { key: string; text: string }[];
}

function attemptKey(attemptId: number): KeyedSlot[] {
	return readDb((db) => {
		const a = db.prepare('select slots from quiz_attempt where id = ?').get(attemptId) as { slots: string };
		const q = db.prepare('select type, answer, options from question where id = ?');
		return (JSON.parse(a.slots) as AttemptSlot[]).map((s) => {
			const row = q.get(s.questionId) as { type: QuestionType; answer: string; options: string };
			return { type: row.type, optionOrder: s.optionOrder, answer: JSON.parse(row.answer), options: JSON.parse(row.options) };
		});
	});
}

async function answerRight(page: Page, slot: KeyedSlot) {
	const a = slot.answer;
	const name = (key: string) => `${String.fromCharCode(65 + slot.optionOrder.indexOf(key))}. ${slot.options.find((o) => o.key === key)!.text}`;
	if (a.kind === 'single') await page.getByRole('radio', { name: name(a.key), exact: true }).check();
	else if (a.kind === 'multiple') for (const k of a.keys) await page.getByRole('checkbox', { name: name(k), exact: true }).check();
	else if (a.kind === 'truefalse') await page.getByRole('radio', { name: a.value ? '正确' : '错误', exact: true }).check();
	else if (a.kind === 'fill') await page.getByLabel('填写答案').fill(a.accepted[0]);
	else await page.getByLabel('填写法律条款').fill(a.citations);
}

test('the trainer gives the course quiz a 1-minute limit in the quiz builder', async ({ page }) => {
	await login(page, 'trainer');
	await page.goto('/quizzes');
	await page.getByRole('link', { name: QUIZ }).first().click();
	await page.getByLabel('时间限制（分钟）').fill('1');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('时间限制（分钟）')).toHaveValue('1');
});

test('a learner completes the course on a phone; the timed quiz is submitted by the server; the hours are on record', async ({ browser }) => {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await ctx.newPage();
	await login(page, 'learner4');

	await page.goto('/courses');
	await page.getByRole('link', { name: COURSE }).first().click();
	await expect(page).toHaveURL(/\/courses\/\d+$/);
	await expect(page.getByRole('heading', { name: '课时' })).toBeVisible();
	const coursePath = new URL(page.url()).pathname;
	const lessons = await page.locator(`a[href^="${coursePath}/lessons/"]`).evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
	expect(lessons.length).toBeGreaterThanOrEqual(3);
	for (const href of lessons) {
		await page.goto(href);
		await page.getByRole('button', { name: '标记为已学' }).click();
		await expect(page.getByText('本课已学完')).toBeVisible();
	}

	await page.goto(coursePath);
	await page.getByRole('link', { name: QUIZ }).click();
	await expect(page.getByText('限时 1 分钟')).toBeVisible();
	await page.getByRole('button', { name: '开始作答' }).click();
	await expect(page).toHaveURL(/\/quiz\/attempt\/\d+$/);
	const attemptId = Number(new URL(page.url()).pathname.split('/').pop());
	const key = attemptKey(attemptId);
	// Nothing of the key is in the page the browser got.
	const html = await page.content();
	for (const field of ['accepted', 'explanation', 'provisions', '"answer"', 'rightKeys']) expect(html).not.toContain(field);
	const explanations = readDb((db) => db.prepare("select explanation from question where id in (select value ->> '$.questionId' from quiz_attempt, json_each(quiz_attempt.slots) where quiz_attempt.id = ?)").all(attemptId)) as { explanation: string }[];
	expect(explanations).toHaveLength(key.length);
	for (const e of explanations) expect(html).not.toContain(e.explanation.slice(0, 20));

	for (let i = 0; i < key.length; i++) {
		await expect(page.getByRole('heading', { name: new RegExp(`第 ${i + 1} / ${key.length} 题`) })).toBeVisible();
		await answerRight(page, key[i]);
		if (i < key.length - 1) await page.getByRole('button', { name: '下一题' }).click();
	}
	await expect(page.getByTestId('save-status')).toHaveText(/已保存 \d\d:\d\d:\d\d/, { timeout: 10_000 });
	await expect(page.getByRole('button', { name: /第 1 题，已答/ })).toBeVisible();

	// The learner does not submit. At the end the page says so and the server submits what was saved.
	await expect(page.getByText('作答时间已到')).toBeVisible({ timeout: 75_000 });
	await expect(page).toHaveURL(new RegExp(`/quiz/attempt/${attemptId}/review$`), { timeout: 20_000 });
	await expect(page.getByText('时间到，系统自动交卷')).toBeVisible();
	await expect(page.getByTestId('attempt-score')).toHaveText('100');
	expect(readDb((db) => db.prepare('select submitted_by as by, passed from quiz_attempt where id = ?').get(attemptId))).toEqual({ by: 'server', passed: 1 });

	await page.goto(coursePath);
	await expect(page.getByText(/您已于 .+ 完成本课程/)).toBeVisible();
	await page.goto('/my-training');
	const onlineRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '线上课程' }) });
	await expect(onlineRow).toContainText('4 学时');
	await ctx.close();
});
