import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { article, auditLog, lawImport } from '../db/schema';
import { HIT_END, HIT_START, importLawDataset, searchArticles } from './library';

// A small fixture in the dataset's format: texts paraphrased for the test, not copied from the dataset.
function fixture() {
	return {
		format: 'law-dataset/1',
		laws: [
			{
				id: 'work-safety-law',
				title: '中华人民共和国安全生产法',
				edition: '测试版',
				kind: '法律',
				effective: '2021-09-01',
				complete: false,
				articles: [
					{ number: 41, chapter: '第二章', text: '单位应当建立隐患排查治理制度，及时发现并消除事故隐患。\n部门应当督办重大事故隐患。' },
					{ number: 28, chapter: '第二章', text: '单位应当对从业人员进行安全生产教育和培训。' },
					{ number: 102, text: '未采取措施消除事故隐患的，责令立即消除或者限期消除。' }
				]
			},
			{
				id: 'penalty-measures',
				title: '安全生产违法行为行政处罚办法',
				kind: '部门规章',
				effective: '2015-05-01',
				complete: false,
				articles: [{ number: 13, text: '执法人员执行公务时应当出示有效证件。' }]
			}
		]
	};
}

describe('importLawDataset', () => {
	it('imports, maps an old edition to its catalog id, indexes for search, and audits', () => {
		const db = createTestDb();
		const r = importLawDataset(db, null, fixture(), 1000);
		expect(r).toEqual({
			ok: true,
			laws: [
				{ lawId: 'work-safety-law', articles: 3, complete: false },
				{ lawId: 'penalty-measures-2015', articles: 1, complete: false }
			]
		});
		expect(db.select().from(article).all()).toHaveLength(4);
		expect(db.select().from(auditLog).all().map((a) => a.entityId)).toEqual(['work-safety-law', 'penalty-measures-2015']);
		const hits = searchArticles(db, '隐患排查');
		expect(hits.total).toBe(1);
		expect(hits.hits[0]).toMatchObject({ lawId: 'work-safety-law', number: 41 });
		expect(hits.hits[0].snippet).toContain(`${HIT_START}隐患排查${HIT_END}`);
	});

	it('is idempotent: importing twice leaves the same rows', () => {
		const db = createTestDb();
		importLawDataset(db, null, fixture());
		const first = db.select({ l: article.lawId, n: article.number, t: article.text }).from(article).all();
		importLawDataset(db, null, fixture());
		expect(db.select({ l: article.lawId, n: article.number, t: article.text }).from(article).all()).toEqual(first);
		expect(db.select().from(lawImport).all()).toHaveLength(2);
		expect(searchArticles(db, '隐患排查').total).toBe(1);
	});

	it('rejects a malformed dataset, naming record and field, and changes nothing', () => {
		const db = createTestDb();
		importLawDataset(db, null, fixture());
		const before = db.select().from(article).all();
		const bad = fixture();
		bad.laws[0].articles[1] = { number: 41, chapter: '第二章', text: '   ' } as never;
		(bad.laws[1] as Record<string, unknown>).kind = '通知';
		bad.laws.push({ id: 'no-such-law', title: '不存在的法', kind: '法律', effective: '2020-01-01', complete: true, articles: [] });
		const r = importLawDataset(db, 1, bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => [e.path, e.code])).toEqual([
			['$.laws[0].articles[1].number', 'dataset.duplicate_article'],
			['$.laws[0].articles[1].text', 'dataset.empty_text'],
			['$.laws[1].kind', 'dataset.bad_kind'],
			['$.laws[2].id', 'dataset.unknown_law']
		]);
		expect(r.errors[0].record).toBe('第 1 部法规（work-safety-law）的第 2 条记录（第41条）');
		expect(db.select().from(article).all()).toEqual(before);
	});
});

describe('searchArticles', () => {
	it('uses a substring scan for one or two characters and escapes LIKE wildcards', () => {
		const db = createTestDb();
		importLawDataset(db, null, fixture());
		expect(searchArticles(db, '督办').hits.map((h) => h.number)).toEqual([41]);
		expect(searchArticles(db, '隐患').hits.map((h) => h.number)).toEqual([41, 102]);
		expect(searchArticles(db, '%').total).toBe(0);
		expect(searchArticles(db, '"').total).toBe(0);
		expect(searchArticles(db, '" OR "').total).toBe(0);
		expect(searchArticles(db, '   ').total).toBe(0);
	});
});

// Optional: the shared dataset beside the project (not part of the repository). Reported as skipped when absent.
const SHARED = '../shared/laws/laws.json';
describe.skipIf(!existsSync(SHARED))('the shared law dataset', () => {
	it('imports completely, and search for 隐患排查 finds 安全生产法第四十一条', () => {
		const db = createTestDb();
		const r = importLawDataset(db, null, JSON.parse(readFileSync(SHARED, 'utf8')));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.laws.find((l) => l.lawId === 'work-safety-law')).toEqual({ lawId: 'work-safety-law', articles: 119, complete: true });
		expect(r.laws.find((l) => l.lawId === 'admin-penalty-law')).toEqual({ lawId: 'admin-penalty-law', articles: 86, complete: true });
		const hits = searchArticles(db, '隐患排查', 50).hits.map((h) => `${h.lawId}#${h.number}`);
		expect(hits).toContain('work-safety-law#41');
	});
});
