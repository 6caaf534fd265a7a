import { expect, test, type Page } from '@playwright/test';

// Starting a quiz (issue 8, a whole exam hall within seconds): with JavaScript the start button asks
// POST /api/quizzes/:id/attempts and shows the questions it answers at once under the attempt's URL, with
// no other request; a reload, the back and forward buttons and 交卷 work from there. Without JavaScript the
// form action still starts the attempt and the server renders the questions.

const QUIZ = '安全生产法（2021）知识测验'; // the demo's stand-alone quiz: 20 questions, 20 minutes, unlimited attempts

/** A learner of our own (registered through the form), so that no other spec's attempts interfere. */
async function registerLearner(page: Page, tag: string): Promise<void> {
	const username = `qs-${tag}-${Date.now().toString(36)}`;
	await page.goto('/register');
	await page.getByLabel('姓名').fill('钱开考');
	await page.getByLabel('所在企业').selectOption({ index: 1 });
	await page.getByLabel('人员类别').selectOption({ label: '其他从业人员' });
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码', { exact: true }).fill('start-pass-123');
	await page.getByLabel('确认密码').fill('start-pass-123');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(page).not.toHaveURL(/\/register/);
}

/** Answers the first question, whatever its kind (the draw is random). */
async function answerFirst(page: Page): Promise<void> {
	const group = page.getByRole('group', { name: '第 1 题作答' });
	await expect(group).toBeVisible();
	const choice = group.locator('input[type=radio], input[type=checkbox]').first();
	if (await choice.count()) await choice.check();
	else await group.getByRole('textbox').fill('三十日');
	await expect(page.getByTestId('save-status')).toHaveText(/已保存 \d\d:\d\d:\d\d/);
	await expect(page.getByRole('button', { name: /第 1 题，已答/ })).toBeVisible();
}

async function openQuiz(page: Page): Promise<string> {
	await page.goto('/quiz');
	await page.getByRole('link', { name: QUIZ }).click();
	await expect(page.getByRole('heading', { level: 1, name: QUIZ })).toBeVisible();
	return new URL(page.url()).pathname;
}

test('with JavaScript the questions show at once after one request; answers save; 交卷 leads to the review', async ({ page }) => {
	await registerLearner(page, 'js');
	const quizPath = await openQuiz(page);
	const quizId = quizPath.split('/').pop();

	const requests: string[] = [];
	// Data and pages (not fonts, icons or scripts): the start's request and nothing else, no __data.json.
	page.on('request', (r) => {
		if (['document', 'fetch', 'xhr'].includes(r.resourceType())) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
	});
	await page.getByRole('button', { name: '开始作答' }).click();
	await expect(page).toHaveURL(/\/quiz\/attempt\/\d+$/);
	await expect(page.getByRole('heading', { name: /第 1 \/ 20 题/ })).toBeVisible();
	await expect(page).toHaveTitle(`${QUIZ} · 作答`);
	expect(requests).toEqual([`POST /api/quizzes/${quizId}/attempts`]);
	const attemptId = new URL(page.url()).pathname.split('/').pop();

	// Nothing of the key is in what the browser got.
	const html = await page.content();
	for (const field of ['accepted', 'explanation', 'provisions', '"answer"', 'rightKeys']) expect(html).not.toContain(field);

	await answerFirst(page);

	// 交卷 from the questions shown in place: the attempt page's action, then its review.
	await page.getByRole('button', { name: '交卷', exact: true }).click();
	await expect(page.getByRole('dialog')).toContainText('还有 19 题未作答');
	await page.getByRole('button', { name: '确认交卷' }).click();
	await expect(page).toHaveURL(new RegExp(`/quiz/attempt/${attemptId}/review$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${QUIZ} · 第 1 次作答`);
	await expect(page.getByTestId('attempt-score')).toBeVisible();
});

test('a reload, the back button and the forward button show the attempt as the server has it', async ({ page }) => {
	await registerLearner(page, 'nav');
	const quizPath = await openQuiz(page);
	await page.getByRole('button', { name: '开始作答' }).click();
	await expect(page).toHaveURL(/\/quiz\/attempt\/\d+$/);
	const attemptPath = new URL(page.url()).pathname;
	await answerFirst(page);

	// Back to the start page: it now offers to go on with the open attempt.
	await page.goBack();
	await expect(page).toHaveURL(quizPath);
	await expect(page.getByRole('link', { name: '继续作答' })).toHaveAttribute('href', attemptPath);

	// Forward: the attempt page itself, with the answer saved meanwhile.
	await page.goForward();
	await expect(page).toHaveURL(attemptPath);
	await expect(page.getByRole('heading', { name: /第 1 \/ 20 题/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /第 1 题，已答/ })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { name: /第 1 \/ 20 题/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /第 1 题，已答/ })).toBeVisible();

	// Starting again from the start page resumes the same attempt.
	await page.goto(quizPath);
	await page.getByRole('link', { name: '继续作答' }).click();
	await expect(page).toHaveURL(attemptPath);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the start form still starts the attempt and the server renders the questions', async ({ page }) => {
		await registerLearner(page, 'nojs');
		await openQuiz(page);
		await page.getByRole('button', { name: '开始作答' }).click();
		await expect(page).toHaveURL(/\/quiz\/attempt\/\d+$/);
		await expect(page.getByRole('heading', { name: /第 1 \/ 20 题/ })).toBeVisible();
	});
});
