import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { auditLog, question, questionCategory, user, userRole } from '../db/schema';
import type { QuestionInput } from '../../domain/quiz/validate';
import { categoryTree, createCategory, createQuestion, questionsForExport } from './bank';
import { BANK_COLUMNS, MAX_IMPORT_ROWS, checkBankRows, exportTable, importBankRows, readBankFile, tableToCsv, tableToXlsx, templateXlsx } from './bank-import';

const T0 = Date.UTC(2026, 3, 1, 2, 0, 0);
const HEADER = [...BANK_COLUMNS];

function setup() {
	const db = createTestDb();
	const trainer = db.insert(user).values({ username: 'trainer', displayName: '李老师', passwordHash: 'x' }).returning().get().id;
	db.insert(userRole).values({ userId: trainer, role: 'trainer' }).run();
	const laws = ok(createCategory(db, trainer, { name: '安全生产法律法规', parentId: null }));
	const wsl = ok(createCategory(db, trainer, { name: '安全生产法（2021）', parentId: laws }));
	return { db, trainer, laws, wsl };
}

function ok(r: { ok: boolean; value?: { id: number } }): number {
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r.value!.id;
}

/** A template row from named cells; options A… from `options`. */
function row(c: { cat?: string; type?: string; stem?: string; options?: string[]; answer?: string; explanation?: string; difficulty?: string; scoring?: string; provisions?: string; tags?: string }): string[] {
	const opts = c.options ?? [];
	return [
		c.cat ?? '安全生产法律法规/安全生产法（2021）',
		c.type ?? '单选题',
		c.stem ?? '',
		...Array.from({ length: 8 }, (_, i) => opts[i] ?? ''),
		c.answer ?? '',
		c.explanation ?? '',
		c.difficulty ?? '',
		c.scoring ?? '',
		c.provisions ?? '',
		c.tags ?? ''
	];
}

async function xlsxBytes(rows: string[][]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('试题');
	for (const r of rows) ws.addRow(r);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function readRows(bytes: Uint8Array, name: string): Promise<string[][]> {
	const r = await readBankFile(bytes, name);
	if (!r.ok) throw new Error(r.message);
	return r.rows;
}

const counts = (db: Db) => ({
	questions: db.select({ n: count() }).from(question).get()!.n,
	categories: db.select({ n: count() }).from(questionCategory).get()!.n,
	imports: db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'bank.import')).get()!.n
});

const good = (stem: string) => row({ stem, options: ['继续作业', '停止作业或者在采取可能的应急措施后撤离作业场所', '经批准后撤离'], answer: 'B', difficulty: '易', provisions: '《安全生产法》第五十五条', tags: '从业人员权利' });

describe('checking a file with bad rows', () => {
	it('names every problem by row and column, and writes nothing', async () => {
		const s = setup();
		const inBank: QuestionInput = { type: 'truefalse', stem: '未经安全生产教育和培训合格的从业人员，不得上岗作业。', options: [], answer: '对', explanation: '', difficulty: 1, provisions: '', tags: '' };
		expect(createQuestion(s.db, s.trainer, { categoryId: s.wsl, input: inBank }).ok).toBe(true);
		const file = await xlsxBytes([
			HEADER,
			/* 2 */ good('紧急情况下从业人员有权（　）。'),
			/* 3 */ { ...good('第三行的题'), 0: '' },
			/* 4 */ { ...good('第四行的题'), 0: '不存在/分类' },
			/* 5 */ row({ type: '问答题', stem: '第五行的题', answer: '略' }),
			/* 6 */ row({ stem: '第六行的题', options: ['甲', '乙', '丙'], answer: 'E' }),
			/* 7 */ row({ stem: '第七行的题', options: ['甲', '', '丙'], answer: 'A' }),
			/* 8 */ row({ type: '填空题', stem: '第八行的题', answer: '三十日', difficulty: '很难' }),
			/* 9 */ good('紧急情况下从业人员有权（　）。'),
			/* 10 */ row({ type: '判断题', stem: ' 未经安全生产教育和培训合格的从业人员，不得上岗作业。', answer: '对' }),
			/* 11 */ row({ type: '判断题', stem: '第十一行的题', answer: '是' }),
			/* 12 */ row({ type: '填空题', stem: '第十二行的题', answer: '三十日', provisions: '《不存在的法》第一条' }),
			/* 13 */ [],
			/* 14 */ row({ type: '多选题', stem: '第十四行的题', options: ['甲', '乙', '丙'], answer: 'AB', scoring: '随便' }),
			/* 15 */ row({ cat: '安全生产法律法规//安全生产法（2021）', type: '填空题', stem: '第十五行的题', answer: '三十日' })
		].map((r) => Object.values(r)));
		const before = counts(s.db);
		const rows = await readRows(file, '题库.xlsx');
		const check = checkBankRows(s.db, rows, { createCategories: false });
		expect(check.fileLevel).toBe(false);
		expect(check.rowCount).toBe(13);
		expect(check.problems.map((p) => [p.row, p.column])).toEqual([
			[3, '分类'],
			[4, '分类'],
			[5, '题型'],
			[6, '答案'],
			[7, '选项B'],
			[8, '难度'],
			[9, '题干'],
			[10, '题干'],
			[11, '答案'],
			[12, '考查法条'],
			[14, '多选计分'],
			[15, '分类']
		]);
		const message = (r: number) => check.problems.find((p) => p.row === r)!.message;
		expect(message(3)).toBe('未填写分类');
		expect(message(4)).toContain('题库中没有分类「不存在/分类」');
		expect(message(6)).toContain('答案 E 不在选项中');
		expect(message(9)).toBe('与第 2 行是同一道试题（题干和选项相同）');
		expect(message(10)).toBe('题库中已有这道试题（编号 1，题干和选项相同）');
		expect(message(15)).toContain('有空的一级');
		expect(check.missingCategories).toEqual(['不存在', '不存在/分类']);

		const result = importBankRows(s.db, s.trainer, rows, { status: 'draft', createCategories: false });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toBe('文件中有 12 处问题，未导入任何试题；请修改后重新上传');
		expect(counts(s.db)).toEqual(before);
	});

	it('refuses a file without the header or with a required column missing, naming the column', () => {
		const s = setup();
		const noHeader = checkBankRows(s.db, [['随便'], ['写写']], { createCategories: false });
		expect(noHeader).toMatchObject({ fileLevel: true, problems: [{ row: 0, column: '' }] });
		const missing = checkBankRows(s.db, [['分类', '题型', '题干', '备注说明'], ['a', '单选题', '题']], { createCategories: false });
		expect(missing.fileLevel).toBe(true);
		expect(missing.problems.map((p) => [p.row, p.column, p.message])).toEqual([
			[1, '备注说明', '「备注说明」不是题库模板中的列，请删除该列或改为模板中的列名'],
			[1, '答案', '缺少必填的「答案」列']
		]);
	});

	it('refuses more than 5,000 questions in one file', () => {
		const s = setup();
		const rows = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row({ type: '填空题', stem: `第${i}题`, answer: '甲' }))];
		const check = checkBankRows(s.db, rows, { createCategories: false });
		expect(check.fileLevel).toBe(true);
		expect(check.problems).toEqual([{ row: 0, column: '', message: '文件中有 5001 道试题，超过一次最多导入的 5000 道，请拆成几个文件分别导入' }]);
	});

	it('takes exactly 5,000 questions', () => {
		const s = setup();
		const rows = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => row({ type: '填空题', stem: `第${i}题`, answer: '甲' }))];
		expect(importBankRows(s.db, s.trainer, rows, { status: 'draft', createCategories: false })).toMatchObject({ ok: true, count: 5000 });
		expect(counts(s.db)).toMatchObject({ questions: 5000, imports: 1 });
	});

	it('names the template example rows left in the file', async () => {
		const s = setup();
		const rows = await readRows(new Uint8Array(await templateXlsx()), '模板.xlsx');
		const check = checkBankRows(s.db, rows, { createCategories: true });
		expect(check.problems.map((p) => [p.row, p.column, p.message])).toEqual([
			[2, '题干', '这是模板中的示例试题，请删除后再导入'],
			[3, '题干', '这是模板中的示例试题，请删除后再导入']
		]);
	});
});

describe('importing a clean file', () => {
	it('writes every row in one go with the chosen status, audited with the count', async () => {
		const s = setup();
		const rows = await readRows(
			await xlsxBytes([
				['2026 年题库（标题行）'],
				HEADER,
				good('紧急情况下从业人员有权（　）。'),
				row({ type: '多选题', stem: '培训应当保证从业人员（　）。', options: ['具备必要的安全生产知识', '熟悉规章制度和操作规程', '掌握本岗位的安全操作技能', '取得高级职称'], answer: 'A、B、C', scoring: '部分得分', difficulty: '2' }),
				[],
				row({ type: '判断', stem: '未经安全生产教育和培训合格的从业人员，不得上岗作业。', answer: '√', provisions: '《中华人民共和国安全生产法》第二十八条第一款' })
			]),
			'题库.xlsx'
		);
		const r = importBankRows(s.db, s.trainer, rows, { status: 'active', createCategories: false, fileName: '题库.xlsx', now: T0 });
		expect(r).toEqual({ ok: true, count: 3, categoriesCreated: [], byType: { single: 1, multiple: 1, truefalse: 1, fill: 0, citation: 0 } });
		const qs = questionsForExport(s.db, {});
		expect(qs.map((q) => [q.type, q.status, q.categoryPath.join('/')])).toEqual([
			['single', 'active', '安全生产法律法规/安全生产法（2021）'],
			['multiple', 'active', '安全生产法律法规/安全生产法（2021）'],
			['truefalse', 'active', '安全生产法律法规/安全生产法（2021）']
		]);
		expect(qs[1]).toMatchObject({ answer: { kind: 'multiple', keys: ['A', 'B', 'C'] }, multipleScoring: 'partial', difficulty: 2 });
		expect(qs[2].answer).toEqual({ kind: 'truefalse', value: true });
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'bank.import')).all();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ count: 3, status: 'active', fileName: '题库.xlsx' });
	});

	it('creates missing categories only when asked, parents first', () => {
		const s = setup();
		const rows = [HEADER, row({ cat: '工贸行业/粉尘防爆', type: '填空题', stem: '粉尘题', answer: '甲' }), row({ cat: '工贸行业/有限空间', type: '填空题', stem: '有限空间题', answer: '乙' })];
		expect(importBankRows(s.db, s.trainer, rows, { status: 'draft', createCategories: false }).ok).toBe(false);
		expect(counts(s.db).categories).toBe(2);
		const r = importBankRows(s.db, s.trainer, rows, { status: 'draft', createCategories: true });
		expect(r).toMatchObject({ ok: true, count: 2, categoriesCreated: ['工贸行业', '工贸行业/粉尘防爆', '工贸行业/有限空间'] });
		expect(categoryTree(s.db).map((c) => `${c.path.join('/')}:${c.totalCount}`)).toEqual([
			'安全生产法律法规:0',
			'安全生产法律法规/安全生产法（2021）:0',
			'工贸行业:2',
			'工贸行业/粉尘防爆:1',
			'工贸行业/有限空间:1'
		]);
	});
});

describe('export → import round trip', () => {
	const inputs: QuestionInput[] = [
		{ type: 'single', stem: '从业人员发现直接危及人身安全的紧急情况时，有权（　）。', options: [{ key: 'A', text: '继续作业' }, { key: 'B', text: '停止作业或者撤离' }], answer: 'B', explanation: '**紧急避险权**', difficulty: 1, provisions: '《安全生产法》第五十五条', tags: '权利,避险' },
		{ type: 'multiple', stem: '下列说法正确的是（　）。\n\n（多行题干）', options: [{ key: 'A', text: '甲, "引号"' }, { key: 'B', text: '=SUM(A1)' }, { key: 'C', text: '丙' }], answer: 'AC', explanation: '- 要点一\n- 要点二', difficulty: 3, multipleScoring: 'partial', provisions: '', tags: '' },
		{ type: 'truefalse', stem: '+号开头的题干', options: [], answer: '错', explanation: '@提醒', difficulty: 2, provisions: '', tags: '判断' },
		{ type: 'fill', stem: '事故隐患排查治理情况应当如实（　）。', options: [], answer: '记录|如实记录', explanation: '', difficulty: 2, provisions: '《中华人民共和国安全生产法》第四十一条第二款', tags: '' },
		{ type: 'citation', stem: '企业未对从业人员进行安全生产教育和培训，违反了哪一条？', options: [], answer: '《中华人民共和国安全生产法》第二十八条第一款', explanation: '', difficulty: 3, provisions: '', tags: '法条' }
	];

	function source() {
		const s = setup();
		const sub = ok(createCategory(s.db, s.trainer, { name: '从业人员的权利和义务', parentId: s.wsl }));
		inputs.forEach((input, i) => expect(createQuestion(s.db, s.trainer, { categoryId: i % 2 ? s.wsl : sub, input }).ok).toBe(true));
		return s;
	}

	const content = (db: Db) => questionsForExport(db, {}).map(({ id: _id, status: _status, ...q }) => q);

	for (const format of ['xlsx', 'csv'] as const) {
		it(`gives back the same questions through ${format}`, async () => {
			const a = source();
			const table = exportTable(questionsForExport(a.db, {}));
			const bytes = format === 'xlsx' ? new Uint8Array(await tableToXlsx(table)) : new TextEncoder().encode(tableToCsv(table));
			const b = createTestDb();
			const actor = b.insert(user).values({ username: 't', displayName: '导入人', passwordHash: 'x' }).returning().get().id;
			const r = importBankRows(b, actor, await readRows(bytes, `export.${format}`), { status: 'draft', createCategories: true });
			expect(r).toMatchObject({ ok: true, count: 5 });
			expect(content(b)).toEqual(content(a.db));
			expect(content(b)[1]).toMatchObject({ options: [{ text: '甲, "引号"' }, { text: '=SUM(A1)' }, { text: '丙' }], explanation: '- 要点一\n- 要点二' });
			// importing the same file into the bank it came from: every row is a duplicate
			const again = importBankRows(a.db, a.trainer, await readRows(bytes, `export.${format}`), { status: 'draft', createCategories: false });
			expect(again.ok).toBe(false);
			if (!again.ok) expect(again.check.problems.map((p) => p.column)).toEqual(['题干', '题干', '题干', '题干', '题干']);
		});
	}

	it('protects formula-like cells in CSV with an apostrophe', () => {
		const csv = tableToCsv([['分类'], ['=1+1'], ['-a'], ['a,b']]);
		expect(csv).toBe("\uFEFF分类\r\n'=1+1\r\n'-a\r\n\"a,b\"\r\n");
	});
});

describe('refused files', () => {
	it('refuses bytes that are not really xlsx or csv', async () => {
		const fake = await readBankFile(new TextEncoder().encode('MZ this is not a workbook'), '题库.xlsx');
		expect(fake).toMatchObject({ ok: false, code: 'upload.not_xlsx' });
		const png = await readBankFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), '题库.csv');
		expect(png).toMatchObject({ ok: false, code: 'upload.not_text', message: 'CSV 文件中含有非文字内容，请确认选择的是试题文件' });
		expect(await readBankFile(new Uint8Array([1, 2, 3]), '题库.pdf')).toMatchObject({ ok: false, code: 'upload.bad_type' });
	});

	it('refuses a file over 5 MB before reading it', async () => {
		const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
		expect(await readBankFile(big, '题库.csv')).toEqual({ ok: false, code: 'upload.too_large', message: '文件超过 5 MB，请拆成几个文件分别导入' });
	});
});
