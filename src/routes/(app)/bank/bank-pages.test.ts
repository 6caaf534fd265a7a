import { beforeEach, describe, expect, it, vi } from 'vitest';
import { error, isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { count } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import { createTestDb } from '$lib/server/db/test-db';
import { question, quiz, quizAttempt, user } from '$lib/server/db/schema';
import { createCategory, createQuestion } from '$lib/server/quiz/bank';

// The pages' own checks run for real; only "who is signed in" and "which database" are stubbed.
let db: Db;
let current: SessionUser | null = null;
vi.mock('$lib/server/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('$lib/server/db')>()), getDb: () => db }));
vi.mock('$lib/server/auth/guard', () => ({
	requireRole: (...roles: string[]) => {
		if (!current || !roles.some((r) => current!.roles.includes(r as never))) error(403, '无权访问');
		return current;
	}
}));

const list = await import('./+page.server');
const create = await import('./new/+page.server');
const edit = await import('./[questionId=id]/+page.server');
const categories = await import('./categories/+page.server');
const importPage = await import('./import/+page.server');
const exportRoute = await import('./export/+server');
const preview = await import('./preview/+server');

let trainerId: number;
let categoryId: number;
const as = (role: 'trainer' | 'learner' | 'admin') => (current = { id: trainerId, username: 't', displayName: '李老师', unitId: null, roles: [role] });

beforeEach(() => {
	db = createTestDb();
	trainerId = db.insert(user).values({ username: 't', displayName: '李老师', passwordHash: 'x' }).returning().get().id;
	const c = createCategory(db, trainerId, { name: '安全生产法（2021）', parentId: null });
	if (!c.ok) throw new Error('setup');
	categoryId = c.value.id;
	as('trainer');
});

function post(fields: Record<string, string | string[] | File>): Request {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
	return new Request('http://x/bank', { method: 'POST', body: fd });
}

/** Runs a load/action/handler (which may throw synchronously) and reports its status and data. */
async function outcome(run: () => unknown): Promise<{ status: number; data: Record<string, unknown>; location?: string }> {
	try {
		const r = await run();
		if (isActionFailure(r)) return { status: r.status, data: r.data as unknown as Record<string, unknown> };
		return { status: 200, data: (r ?? {}) as Record<string, unknown> };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, data: {}, location: e.location };
		if (isHttpError(e)) return { status: e.status, data: { message: e.body.message } };
		throw e;
	}
}

const single = { categoryId: '', type: 'single', stem: '从业人员发现直接危及人身安全的紧急情况时，有权（　）。', optionText: ['继续作业', '停止作业或者撤离'], answer: 'B', difficulty: '1', explanation: '', provisions: '', tags: '' };

describe('roles', () => {
	it('refuses learners on every page, action and download with 403', async () => {
		as('learner');
		const url = new URL('http://x/bank');
		expect((await outcome(() => list.load({ url } as never))).status).toBe(403);
		expect((await outcome(() => create.actions.default!({ request: post({ ...single, categoryId: String(categoryId) }) } as never))).status).toBe(403);
		expect((await outcome(() => categories.actions.delete!({ request: post({ id: String(categoryId) }) } as never))).status).toBe(403);
		expect((await outcome(() => importPage.actions.import!({ request: post({}) } as never))).status).toBe(403);
		expect((await outcome(() => exportRoute.GET({ url } as never))).status).toBe(403);
		expect(db.select({ n: count() }).from(question).get()!.n).toBe(0);
	});
});

describe('list', () => {
	it('ignores nonsense in the query string instead of failing', async () => {
		createQuestion(db, trainerId, { categoryId, input: { ...single, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }] } });
		const data = (await list.load({ url: new URL('http://x/bank?difficulty=9&page=-3&sort=evil&type=essay&category=abc&status=x') } as never)) as Record<string, unknown>;
		expect(data.filter).toMatchObject({ difficulty: null, page: 1, sort: 'updated_desc', type: null, categoryId: null, status: null });
		expect(data.total).toBe(1);
	});
});

describe('question editor', () => {
	it('names the missing category and bad answer in Chinese, then creates and redirects', async () => {
		const missing = await outcome(() => create.actions.default!({ request: post({ ...single, answer: 'E' }) } as never));
		expect(missing.status).toBe(400);
		expect(missing.data.errors).toMatchObject({ categoryId: '请选择分类' });
		const bad = await outcome(() => create.actions.default!({ request: post({ ...single, categoryId: String(categoryId), answer: 'E' }) } as never));
		expect(bad.status).toBe(400);
		expect((bad.data.errors as Record<string, string>).answer).toContain('答案 E 不在选项中');
		expect((bad.data.values as Record<string, unknown>).options).toEqual(['继续作业', '停止作业或者撤离']);
		const good = await outcome(() => create.actions.default!({ request: post({ ...single, categoryId: String(categoryId) }) } as never));
		expect(good).toMatchObject({ status: 303, location: '/bank/1?created' });
	});

	it('takes 多选 answers from ticked boxes, refuses a stale version and refuses deleting a used question', async () => {
		const multi = { ...single, categoryId: String(categoryId), type: 'multiple', answer: '', answerKey: ['A', 'B'], optionText: ['甲', '乙', '丙'] };
		expect((await outcome(() => create.actions.default!({ request: post(multi) } as never))).status).toBe(303);
		const params = { questionId: '1' };
		const saved = await outcome(() => edit.actions.save!({ request: post({ ...multi, answerKey: ['A', 'C'], version: '1' }), params } as never));
		expect(saved).toEqual({ status: 200, data: { saved: { version: 2, changed: true } } });
		const stale = await outcome(() => edit.actions.save!({ request: post({ ...multi, version: '1' }), params } as never));
		expect(stale.status).toBe(409);
		expect(stale.data.message).toBe('该试题已被他人修改（现为第 2 版），请刷新页面，核对最新内容后再修改');
		const quizId = db.insert(quiz).values({ title: '测验', reviewAfterSubmit: { score: true, correctness: true, answers: true, explanations: true }, reviewAfterClose: { score: true, correctness: true, answers: true, explanations: true } }).returning().get().id;
		db.insert(quizAttempt).values({ quizId, userId: trainerId, attemptNo: 1, startedAt: 0, maxScore: 1, slots: [{ questionId: 1, points: 1, optionOrder: ['A', 'B', 'C'] }] }).run();
		const del = await outcome(() => edit.actions.delete!({ request: post({}), params } as never));
		expect(del.status).toBe(409);
		expect(del.data.deleteMessage).toContain('请改为“停用”');
		expect((await outcome(() => edit.actions.status!({ request: post({ status: 'nonsense' }), params } as never))).status).toBe(400);
		expect(await outcome(() => edit.actions.status!({ request: post({ status: 'retired' }), params } as never))).toEqual({ status: 200, data: { statusChanged: 'retired' } });
		expect((await outcome(() => edit.load({ params: { questionId: '99' }, url: new URL('http://x/bank/99') } as never))).status).toBe(404);
	});
});

describe('categories page', () => {
	it('refuses deleting a category that holds questions, with the count', async () => {
		createQuestion(db, trainerId, { categoryId, input: { ...single, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }] } });
		const r = await outcome(() => categories.actions.delete!({ request: post({ id: String(categoryId) }) } as never));
		expect(r).toMatchObject({ status: 409, data: { ok: false, message: '该分类（不含下级分类）中还有 1 道试题，请先把试题移到其他分类或删除' } });
		const slash = await outcome(() => categories.actions.create!({ request: post({ name: 'a/b', parentId: '' }) } as never));
		expect(slash).toMatchObject({ status: 422, data: { ok: false } });
	});
});

describe('import page and downloads', () => {
	it('refuses bytes that are not a workbook, and imports a clean CSV', async () => {
		const fake = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3])], '试题.xlsx');
		const refused = await outcome(() => importPage.actions.check!({ request: post({ file: fake }) } as never));
		expect(refused.status).toBe(400);
		expect(refused.data.fileError).toContain('不是有效的 .xlsx 工作簿');
		const csv = '分类,题型,题干,答案\r\n安全生产法（2021）,填空题,事故隐患排查治理情况应当如实（　）。,记录\r\n';
		const file = () => new File([csv], '试题.csv', { type: 'text/csv' });
		const checked = await outcome(() => importPage.actions.check!({ request: post({ file: file() }) } as never));
		expect(checked.data).toMatchObject({ step: 'checked', preview: { clean: true, rowCount: 1 } });
		expect(db.select({ n: count() }).from(question).get()!.n).toBe(0);
		const imported = await outcome(() => importPage.actions.import!({ request: post({ file: file(), status: 'active' }) } as never));
		expect(imported.data).toMatchObject({ step: 'imported', imported: { count: 1, status: 'active' } });
	});

	it('exports the filtered bank as CSV and previews markdown without scripts', async () => {
		createQuestion(db, trainerId, { categoryId, input: { ...single, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }] } });
		const res = await exportRoute.GET({ url: new URL('http://x/bank/export?format=csv&type=single') } as never);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const text = await res.text();
		expect(text.split('\r\n')[1]).toBe('安全生产法（2021）,单选题,从业人员发现直接危及人身安全的紧急情况时，有权（　）。,甲,乙,,,,,,,B,,易,,,');
		const bad = await preview.POST({ request: new Request('http://x/bank/preview', { method: 'POST', body: '{not json' }) } as never);
		expect(bad.status).toBe(400);
		const ok = await preview.POST({ request: new Request('http://x/bank/preview', { method: 'POST', body: JSON.stringify({ stem: '**粗**<script>alert(1)</script><img src=x onerror=alert(1)>' }) }) } as never);
		const html = (await ok.json()) as { stem: string };
		expect(html.stem).toContain('<strong>粗</strong>');
		expect(html.stem).not.toMatch(/<script|onerror/);
	});
});
