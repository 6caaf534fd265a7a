/**
 * 试题导入与导出: one template for both directions (分类, 题型, 题干, 选项A…选项H, 答案, 解析, 难度,
 * 多选计分, 考查法条, 标签), so an exported file imports back as the same questions.
 *
 * The import checks EVERY row before writing anything: each row through validateQuestion, its 分类 path
 * against the tree, and duplicates within the file and against the bank. Every problem is named by
 * spreadsheet row and column. Only a file without problems is written, in one transaction.
 *
 * 分类 paths that do not exist yet: listed in the check, and created in the same transaction when the
 * trainer ticks “同时新建文件中缺少的分类”. Refusing them outright would make moving a bank between two
 * systems (export here, import there) a chore of rebuilding the tree by hand; creating them silently
 * would turn a typo (安全生产发) into a new branch. Asking once for the whole list is the middle way.
 *
 * Reading the file (size, type by content, zip bombs, GBK CSV) is the roster import's reader.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db';
import { recordAudit, type Tx } from '../audit';
import { MAX_UPLOAD_BYTES, readRosterFile } from '../training/roster-import';
import { bankDuplicateIndex, categoryPathIndex, insertCategory, insertQuestions } from './bank';
import { CATEGORY_NAME_MAX, PATH_SEPARATOR, checkCategoryName, duplicateKey, normaliseName } from '../../domain/quiz/bank-rules';
import { answerToText, OPTION_KEYS, validateQuestion, type FieldProblem, type QuestionInput } from '../../domain/quiz/validate';
import { DIFFICULTY_LABELS, QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionData, type QuestionStatus, type QuestionType } from '../../domain/quiz/types';
import { bankImportMessage, multipleScoringLabels } from '../../i18n/zh';

export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES;
export const MAX_IMPORT_ROWS = 5000;
/** A title row or two may sit above the header. */
const HEADER_SEARCH_ROWS = 5;

export const OPTION_COLUMNS = OPTION_KEYS.map((k) => `选项${k}`);
export const BANK_COLUMNS = ['分类', '题型', '题干', ...OPTION_COLUMNS, '答案', '解析', '难度', '多选计分', '考查法条', '标签'] as const;
const REQUIRED_COLUMNS = ['分类', '题型', '题干', '答案'];

/** Other header texts people write for the same column (after normaliseHeader). */
const HEADER_SYNONYMS: Record<string, string> = {
	题目分类: '分类',
	试题分类: '分类',
	类别: '分类',
	试题类型: '题型',
	题目类型: '题型',
	题目: '题干',
	试题: '题干',
	试题内容: '题干',
	正确答案: '答案',
	参考答案: '答案',
	答案解析: '解析',
	试题解析: '解析',
	难易程度: '难度',
	计分方式: '多选计分',
	多选题计分: '多选计分',
	多选题计分方式: '多选计分',
	法条: '考查法条',
	考察法条: '考查法条',
	法律依据: '考查法条',
	依据: '考查法条',
	标签: '标签',
	关键词: '标签'
};

const normaliseHeader = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** 1-based spreadsheet row; 0 = the file as a whole. `column` is a template column name, or '' for the row. */
export interface ImportProblem {
	row: number;
	column: string;
	message: string;
}

export interface ImportItem {
	row: number;
	/** category path as written (trimmed levels) */
	path: string[];
	data: QuestionData;
}

export interface BankCheck {
	problems: ImportProblem[];
	/** A problem with the file itself (no header, too many rows): no row was checked. */
	fileLevel: boolean;
	/** data rows (blank rows not counted) */
	rowCount: number;
	/** rows that passed every check */
	items: ImportItem[];
	/** Category paths in the file that do not exist, parents before children, as 'a/b'. */
	missingCategories: string[];
	byType: Record<QuestionType, number>;
}

const emptyByType = (): Record<QuestionType, number> => Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;

const msg = (code: string, params?: Record<string, string | number>) => bankImportMessage(code, params);

// ————— Reading —————

export type ReadOutcome = { ok: true; format: 'xlsx' | 'csv'; rows: string[][] } | { ok: false; code: string; message: string };

/**
 * The rows of an uploaded .xlsx or .csv (`rows[i]` = spreadsheet row i + 1). Refusals (too big, not
 * really xlsx/csv, zip bomb, encrypted) come with the bank's wording of the roster reader's codes.
 */
export async function readBankFile(bytes: Uint8Array, filename: string): Promise<ReadOutcome> {
	const read = await readRosterFile(bytes, filename);
	if (!read.ok) return { ok: false, code: read.code, message: msg(read.code, { max: MAX_IMPORT_BYTES / 1024 / 1024, ...read.params }) };
	// Our CSV export protects cells that Excel would run as formulas with a leading apostrophe; undo it.
	const rows = read.format === 'csv' ? read.rows.map((r) => r?.map(unprotectCell)) : read.rows;
	return { ok: true, format: read.format, rows };
}

const FORMULA_START = /^[=+\-@]/;
const protectCell = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
const unprotectCell = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

// ————— Checking —————

interface Header {
	row: number;
	/** template column → index in the row */
	columns: Map<string, number>;
}

function findHeader(rows: readonly (readonly string[] | undefined)[], problems: ImportProblem[]): Header | null {
	for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
		const cells = (rows[i] ?? []).map((c) => normaliseHeader(c ?? ''));
		if (!cells.includes('题干') && !cells.some((c) => HEADER_SYNONYMS[c] === '题干')) continue;
		const row = i + 1;
		const columns = new Map<string, number>();
		cells.forEach((c, index) => {
			if (c === '') return;
			const name = (BANK_COLUMNS as readonly string[]).includes(c) ? c : HEADER_SYNONYMS[c];
			const written = (rows[i]![index] ?? '').trim();
			if (!name) problems.push({ row, column: written, message: msg('header.unknown', { text: written }) });
			else if (columns.has(name)) problems.push({ row, column: written, message: msg('header.duplicate', { column: name }) });
			else columns.set(name, index);
		});
		const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
		for (const name of missing) problems.push({ row, column: name, message: msg('header.missing', { column: name }) });
		return missing.length ? null : { row, columns };
	}
	problems.push({ row: 0, column: '', message: msg('header.not_found', { max: HEADER_SEARCH_ROWS }) });
	return null;
}

const FIELD_COLUMN: Record<FieldProblem['field'], string> = {
	type: '题型',
	stem: '题干',
	options: '选项A',
	answer: '答案',
	explanation: '解析',
	difficulty: '难度',
	multipleScoring: '多选计分',
	provisions: '考查法条',
	tags: '标签'
};

/** The column of a validateQuestion problem: options problems name their option (「选项 C 的内容为空」). */
function columnOf(p: FieldProblem): string {
	if (p.field !== 'options') return FIELD_COLUMN[p.field];
	const named = /选项 ([A-H])/.exec(p.message)?.[1];
	const nth = /第 ([1-8]) 个选项/.exec(p.message)?.[1];
	return `选项${named ?? (nth ? OPTION_KEYS[Number(nth) - 1] : 'A')}`;
}

/** The template's example rows, as keys: left in a file by mistake they are named, not imported. */
const exampleKeys = () => new Set(TEMPLATE_EXAMPLES.map((e) => duplicateKey({ stem: e.stem, options: e.options })));

/**
 * Checks every row of a file against the template, validateQuestion, the category tree and the bank.
 * Pure reading: nothing is written. With `createCategories`, paths that do not exist are not problems
 * (they are listed in `missingCategories` either way).
 */
export function checkBankRows(db: Tx, rows: readonly (readonly string[] | undefined)[], opts: { createCategories: boolean }): BankCheck {
	const problems: ImportProblem[] = [];
	const result: BankCheck = { problems, fileLevel: true, rowCount: 0, items: [], missingCategories: [], byType: emptyByType() };
	if (rows.every((r) => !r || r.every((c) => !c?.trim()))) {
		problems.push({ row: 0, column: '', message: msg('file.empty') });
		return result;
	}
	const header = findHeader(rows, problems);
	// Without a header, or without a required column, rows cannot be read: say only that.
	if (!header) return result;

	const data: { row: number; cells: readonly string[] }[] = [];
	for (let i = header.row; i < rows.length; i++) {
		const cells = rows[i];
		if (cells && cells.some((c) => c?.trim())) data.push({ row: i + 1, cells });
	}
	result.rowCount = data.length;
	if (data.length === 0) {
		problems.push({ row: 0, column: '', message: msg('file.no_rows') });
		return result;
	}
	if (data.length > MAX_IMPORT_ROWS) {
		problems.push({ row: 0, column: '', message: msg('file.too_many_rows', { count: data.length, max: MAX_IMPORT_ROWS }) });
		return result;
	}
	result.fileLevel = false;

	const paths = categoryPathIndex(db);
	const bank = bankDuplicateIndex(db);
	const examples = exampleKeys();
	const inFile = new Map<string, number>();
	const missing = new Map<string, string>();
	const cell = (cells: readonly string[], column: string) => {
		const i = header.columns.get(column);
		return i === undefined ? '' : (cells[i] ?? '');
	};

	for (const { row, cells } of data) {
		const before = problems.length;
		const add = (column: string, message: string) => problems.push({ row, column, message });

		// 分类
		const rawPath = cell(cells, '分类').trim();
		const path = rawPath.split(/[/／]/).map((s) => s.trim());
		if (rawPath === '') add('分类', msg('category.required'));
		else if (path.some((s) => s === '')) add('分类', msg('category.bad_path', { path: rawPath }));
		else {
			const keys = path.map(normaliseName);
			const full = keys.join(PATH_SEPARATOR);
			if (!paths.has(full)) {
				const badName = path.find((s) => checkCategoryName(s) !== null);
				if (badName) add('分类', msg('category.bad_name', { name: badName, max: CATEGORY_NAME_MAX }));
				else {
					for (let k = 1; k <= path.length; k++) {
						const prefix = keys.slice(0, k).join(PATH_SEPARATOR);
						if (!paths.has(prefix) && !missing.has(prefix)) missing.set(prefix, path.slice(0, k).join(PATH_SEPARATOR));
					}
					if (!opts.createCategories) add('分类', msg('category.missing', { path: path.join(PATH_SEPARATOR) }));
				}
			}
		}

		// The question itself
		const input: QuestionInput = {
			type: cell(cells, '题型'),
			stem: cell(cells, '题干'),
			options: OPTION_KEYS.map((key, k) => ({ key, text: cell(cells, OPTION_COLUMNS[k]) })),
			answer: cell(cells, '答案'),
			explanation: cell(cells, '解析'),
			difficulty: cell(cells, '难度'),
			multipleScoring: cell(cells, '多选计分'),
			provisions: cell(cells, '考查法条'),
			tags: cell(cells, '标签')
		};
		const v = validateQuestion(input);
		if (!v.ok) for (const p of v.problems) add(columnOf(p), p.message);

		// Duplicates: judged on what was written, so a row with a bad answer still learns it is a copy.
		if (input.stem.trim() !== '') {
			const options = v.ok ? v.value.options : input.options.filter((o) => o.text.trim() !== '');
			const key = duplicateKey({ stem: input.stem, options });
			if (examples.has(key)) add('题干', msg('row.example'));
			else if (inFile.has(key)) add('题干', msg('duplicate.file', { row: inFile.get(key)! }));
			else if (bank.has(key)) add('题干', msg('duplicate.bank', { id: bank.get(key)! }));
			if (!inFile.has(key)) inFile.set(key, row);
		}

		if (problems.length === before && v.ok) {
			result.items.push({ row, path, data: v.value });
			result.byType[v.value.type]++;
		}
	}
	result.missingCategories = [...missing.values()];
	const order = (c: string) => {
		const i = (BANK_COLUMNS as readonly string[]).indexOf(c);
		return i < 0 ? -1 : i;
	};
	// Stable: within a cell, problems keep validateQuestion's order.
	problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
	return result;
}

// ————— Importing —————

export interface ImportOptions {
	/** 草稿 (default) or 在用 */
	status: Extract<QuestionStatus, 'draft' | 'active'>;
	createCategories: boolean;
	fileName?: string;
	now?: number;
}

export type ImportOutcome =
	| { ok: true; count: number; categoriesCreated: string[]; byType: Record<QuestionType, number> }
	| { ok: false; message: string; check: BankCheck };

/**
 * Checks the rows again (inside the write lock, so nothing changed since) and writes them all in one
 * transaction, or nothing when any row has a problem.
 */
export function importBankRows(db: Db, actorId: number, rows: readonly (readonly string[] | undefined)[], opts: ImportOptions): ImportOutcome {
	const now = opts.now ?? Date.now();
	return db.transaction(
		(tx): ImportOutcome => {
			const check = checkBankRows(tx, rows, { createCategories: opts.createCategories });
			if (check.problems.length > 0) return { ok: false, message: msg('import.has_problems', { count: check.problems.length }), check };
			const index = categoryPathIndex(tx);
			const created: string[] = [];
			for (const display of check.missingCategories) {
				const levels = display.split(PATH_SEPARATOR);
				const parentKey = levels.slice(0, -1).map(normaliseName).join(PATH_SEPARATOR);
				const parentId = levels.length > 1 ? index.get(parentKey)! : null;
				const id = insertCategory(tx, actorId, levels[levels.length - 1], parentId, now);
				index.set(levels.map(normaliseName).join(PATH_SEPARATOR), id);
				created.push(display);
			}
			const ids = insertQuestions(
				tx,
				actorId,
				check.items.map((it) => ({ categoryId: index.get(it.path.map(normaliseName).join(PATH_SEPARATOR))!, data: it.data })),
				opts.status,
				now
			);
			recordAudit(tx, {
				actorId,
				action: 'bank.import',
				entity: 'question',
				entityId: null,
				after: { count: ids.length, status: opts.status, fileName: opts.fileName ?? null, firstId: ids[0], lastId: ids[ids.length - 1], categoriesCreated: created, byType: check.byType },
				at: now
			});
			return { ok: true, count: ids.length, categoriesCreated: created, byType: check.byType };
		},
		{ behavior: 'immediate' }
	);
}

// ————— Template and export —————

/** A question as one template row, in BANK_COLUMNS order. */
export function templateRow(q: QuestionData & { categoryPath: readonly string[] }): string[] {
	const options = OPTION_KEYS.map((k) => q.options.find((o) => o.key === k)?.text ?? '');
	return [
		q.categoryPath.join(PATH_SEPARATOR),
		QUESTION_TYPE_LABELS[q.type],
		q.stem,
		...options,
		answerToText(q.answer),
		q.explanation,
		DIFFICULTY_LABELS[q.difficulty],
		q.type === 'multiple' ? multipleScoringLabels[q.multipleScoring] : '',
		q.provisions,
		q.tags.join('、')
	];
}

/**
 * The template's two example rows (a 单选题 and a 多选题 on 《安全生产法》(2021)). A file that still holds
 * them is told to delete them. Checked against the 2021 text: 第五十五条第一款 (从业人员紧急情况下停止
 * 作业、撤离的权利) and 第二十八条第一款 (教育和培训应当达到的要求).
 */
export const TEMPLATE_EXAMPLES: (QuestionData & { categoryPath: string[] })[] = [
	{
		categoryPath: ['安全生产法律法规', '安全生产法（2021）'],
		type: 'single',
		stem: '【示例，请删除】从业人员发现直接危及人身安全的紧急情况时，有权（　　）。',
		options: [
			{ key: 'A', text: '继续作业，事后向负责人报告' },
			{ key: 'B', text: '停止作业或者在采取可能的应急措施后撤离作业场所' },
			{ key: 'C', text: '经负责人批准后方可撤离' },
			{ key: 'D', text: '要求单位先行支付加班工资' }
		],
		answer: { kind: 'single', key: 'B' },
		explanation: '遇到直接危及人身安全的紧急情况，从业人员可以自行停止作业，或在采取可能的应急措施后撤离，**无须事先批准**；单位也不得因此降低其待遇或解除劳动合同。',
		difficulty: 1,
		multipleScoring: 'all',
		provisions: '《中华人民共和国安全生产法》第五十五条第一款',
		tags: ['从业人员权利', '紧急避险']
	},
	{
		categoryPath: ['安全生产法律法规', '安全生产法（2021）'],
		type: 'multiple',
		stem: '【示例，请删除】生产经营单位对从业人员进行安全生产教育和培训，应当保证从业人员（　　）。',
		options: [
			{ key: 'A', text: '具备必要的安全生产知识' },
			{ key: 'B', text: '熟悉有关的安全生产规章制度和安全操作规程' },
			{ key: 'C', text: '掌握本岗位的安全操作技能' },
			{ key: 'D', text: '取得注册安全工程师职业资格' }
		],
		answer: { kind: 'multiple', keys: ['A', 'B', 'C'] },
		explanation: '培训要让从业人员有知识、懂制度规程、会本岗位操作，并了解应急处理措施、知道自己的权利义务；注册安全工程师资格并不是对每名从业人员的要求。',
		difficulty: 2,
		multipleScoring: 'partial',
		provisions: '《中华人民共和国安全生产法》第二十八条第一款',
		tags: ['教育培训']
	}
];

/** Header row + one row per question. */
export function exportTable(questions: readonly (QuestionData & { categoryPath: readonly string[] })[]): string[][] {
	return [[...BANK_COLUMNS], ...questions.map(templateRow)];
}

const COLUMN_WIDTHS: Record<string, number> = { 分类: 28, 题型: 8, 题干: 48, 答案: 12, 解析: 40, 难度: 6, 多选计分: 10, 考查法条: 32, 标签: 16 };

/** The rows as an .xlsx sheet; every cell is text (numFmt @) so 30日 or 1 stay as typed. */
export async function tableToXlsx(table: readonly (readonly string[])[], opts: { sheetName?: string; guide?: boolean } = {}): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '执法比武与安全培训平台';
	const ws = wb.addWorksheet(opts.sheetName ?? '题库');
	ws.columns = BANK_COLUMNS.map((c) => ({ header: c, width: COLUMN_WIDTHS[c] ?? 18, style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }));
	ws.getRow(1).font = { bold: true };
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	for (const row of table.slice(1)) ws.addRow([...row]);
	if (opts.guide) addGuide(wb);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV (UTF-8 with BOM so Excel opens it as such, CRLF) of the rows; cells Excel would run as formulas get a leading '. */
export function tableToCsv(table: readonly (readonly string[])[]): string {
	const quote = (v: string) => {
		const s = protectCell(v);
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + table.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** 导入模板: the header, the two example rows, and a 填写说明 sheet. */
export function templateXlsx(): Promise<Buffer> {
	return tableToXlsx(exportTable(TEMPLATE_EXAMPLES), { sheetName: '试题', guide: true });
}

const GUIDE: [column: string, required: string, text: string][] = [
	['分类', '必填', '分类路径，各级之间用 / 分隔，如 安全生产法律法规/安全生产法（2021）。系统中没有的分类会在检查结果中列出，勾选“同时新建文件中缺少的分类”后随试题一并新建。'],
	['题型', '必填', '单选题、多选题、判断题、填空题 或 法条题（也可写 单选、多选 …）。'],
	['题干', '必填', '不超过 2000 字，可使用 Markdown（如 **加粗**）。题干和选项都相同的试题视为重复，不能重复导入。'],
	['选项A…选项H', '选择题必填', '单选题、多选题至少填写 A、B 两个选项，从 A 起连续填写，最多到 H；其他题型不填。'],
	['答案', '必填', '单选题写一个字母（B）；多选题写两个及以上字母（ACD）；判断题写 对 或 错；填空题写可接受的答案，多个用 | 分隔（三十日|30日）；法条题写法条，如《中华人民共和国安全生产法》第二十八条第一款。'],
	['解析', '选填', '答题后向学员展示的讲解，不超过 5000 字，可使用 Markdown。'],
	['难度', '选填', '易、中、难（或 1、2、3），不填按“中”。'],
	['多选计分', '选填', '仅多选题：全对得分（选错或少选都不得分，默认）或 部分得分（少选按比例得分，选错不得分）。'],
	['考查法条', '选填', '试题考查的法条，如《中华人民共和国安全生产法》第五十五条；法规须在法规库中。'],
	['标签', '选填', '多个标签用 、 或 , 分隔，每个不超过 20 字，最多 10 个。']
];

function addGuide(wb: ExcelJS.Workbook): void {
	const guide = wb.addWorksheet('填写说明');
	guide.columns = [
		{ header: '列名', key: 'column', width: 14 },
		{ header: '是否必填', key: 'required', width: 12 },
		{ header: '填写要求', key: 'text', width: 90 }
	];
	guide.getRow(1).font = { bold: true };
	for (const [column, required, text] of GUIDE) guide.addRow({ column, required, text });
	guide.addRow({});
	for (const line of [
		'第 1 行是表头，请不要修改列名；每行一道试题，空行会被跳过。“试题”表中的两行示例请删除后再导入。',
		`一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('zh-CN')} 道试题，文件不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB；也可另存为 CSV（UTF-8 或 GBK）导入。`,
		'导入前系统会逐行检查全部内容，列出每个问题所在的行和列；只要有一处问题，就不会写入任何试题。',
		'从题库导出的文件格式与本模板相同，可直接导入到其他系统。'
	])
		guide.addRow({ text: line });
	guide.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
}

