/**
 * 名单导入: reads the rows of a roster spreadsheet (姓名, 手机号, 身份证号, 所在企业, 人员类别, 岗位) and checks
 * every one before anything is written, so a file either goes in whole (minus rows the trainer chose to
 * skip) or not at all. Pure: the server reads the file and supplies what the database knows in `ctx`.
 *
 * Rows are addressed as in the spreadsheet: `rows[i]` is spreadsheet row i + 1 (readers keep blank rows
 * as empty arrays so the numbers match what the trainer sees in Excel). Row 0 in a problem means the whole file.
 */
import { rosterProblemMessage, staffCategoryLabels } from '../../i18n/zh';
import { STAFF_CATEGORIES, type StaffCategory } from '../roles';
import { birthDateOf, checkIdNumber, idCheckChar } from './id-number';
import { checkPhone } from './phone';
import { compact, toHalfWidth } from './text';

export const ROSTER_FIELDS = ['name', 'phone', 'idNumber', 'enterprise', 'category', 'position'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** The template's header texts, in template order. */
export const ROSTER_HEADERS = {
	name: '姓名',
	phone: '手机号',
	idNumber: '身份证号',
	enterprise: '所在企业',
	category: '人员类别',
	position: '岗位'
} as const satisfies Record<RosterField, string>;

/** Columns a file must have; 手机号 and 岗位 may be left out (their cells are optional anyway). */
const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'idNumber', 'enterprise', 'category'];

/** Other header texts seen in bureaus' and enterprises' own sheets, matched after `headerKey`. */
const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
	name: ['姓名', '名字', '学员姓名', '人员姓名'],
	phone: ['手机号', '手机号码', '手机', '联系电话', '电话', '电话号码', '联系方式'],
	idNumber: ['身份证号', '身份证号码', '身份证', '公民身份号码', '证件号码'],
	enterprise: ['所在企业', '企业', '企业名称', '单位', '单位名称', '所在单位', '工作单位'],
	category: ['人员类别', '类别', '人员类型', '培训类别'],
	position: ['岗位', '职务', '岗位/职务', '岗位职务', '职位', '工种']
};

/** Accepted 人员类别 texts besides the labels of zh.ts (and the English codes, for exports of this system). */
const CATEGORY_SYNONYMS: Record<StaffCategory, readonly string[]> = {
	principal: ['主要负责人', '企业主要负责人', '企业负责人', '负责人'],
	safety_manager: ['安全生产管理人员', '安全管理人员', '安全员', '安全管理员', '安全生产管理员'],
	special_operator: ['特种作业人员', '特种作业', '特种作业员'],
	other: ['其他从业人员', '从业人员', '员工', '其他人员', '一般从业人员', '职工']
};

/**
 * The template's example row (a made-up person with a valid number). A row with this ID number is the
 * example left in by mistake, named as such instead of being imported as a real learner.
 */
export const ROSTER_EXAMPLE = {
	name: '张三',
	phone: '13800138000',
	idNumber: '11010519850312002' + idCheckChar('11010519850312002'),
	enterprise: '示例机械制造有限公司',
	category: '主要负责人',
	position: '总经理'
} as const satisfies Record<RosterField, string>;

export const MAX_ROSTER_ROWS = 10_000;
/** Header rows may sit below a title row or two ("2026 年第一期培训名单"); look this far down for them. */
const HEADER_SEARCH_ROWS = 10;
const NAME_MIN = 2;
const NAME_MAX = 30;
const ENTERPRISE_MAX = 100;
const POSITION_MAX = 50;
/** 《劳动法》第十五条: no employment under 16, so a younger birth date is a typo in the ID number. */
const MIN_AGE = 16;

export type RosterProblemCode =
	| 'file.empty'
	| 'file.no_rows'
	| 'file.too_many_rows'
	| 'header.not_found'
	| 'header.missing'
	| 'header.duplicate'
	| 'header.extra'
	| 'header.rows_above'
	| 'row.example'
	| 'cell.formula'
	| 'cell.formula_text'
	| 'name.required'
	| 'name.length'
	| 'name.chars'
	| 'phone.invalid'
	| 'phone.not_mobile'
	| 'id.required'
	| 'id.scientific'
	| 'id.length'
	| 'id.chars'
	| 'id.birth'
	| 'id.checksum'
	| 'id.underage'
	| 'id.duplicate'
	| 'id.enrolled'
	| 'id.name_mismatch'
	| 'enterprise.required'
	| 'enterprise.too_long'
	| 'enterprise.unknown'
	| 'category.required'
	| 'category.unknown'
	| 'position.too_long';

/**
 * `error` blocks the import until the row is fixed or skipped; `confirm` blocks until the trainer confirms
 * (creating an unknown enterprise); `warning` is for information only.
 */
export type RosterProblemKind = 'error' | 'confirm' | 'warning';

export interface RosterProblem {
	/** 1-based spreadsheet row; 0 for the file as a whole. */
	row: number;
	/** Header text of the column as written in the file (the template's header for a missing column); '' for the file. */
	column: string;
	code: RosterProblemCode;
	kind: RosterProblemKind;
	params?: Record<string, string | number>;
	/** Chinese, from zh.ts. */
	message: string;
}

export interface ParsedRow {
	row: number;
	name: string;
	/** Normalised (13812345678), or null when left blank. */
	phone: string | null;
	/** Normalised (upper-case X, half-width) when valid, else as typed. */
	idNumber: string;
	/** As typed, whitespace tidied: the name a new enterprise gets. */
	enterprise: string;
	/** `normaliseEnterpriseName(enterprise)`: the key of `knownEnterprises` and of confirmations. */
	enterpriseKey: string;
	/** Id of the known enterprise, or null when it is unknown (to be created on confirmation). */
	enterpriseId: number | null;
	category: StaffCategory | null;
	position: string;
	/** True when the row has an `error` problem. */
	hasError: boolean;
}

export interface RosterContext {
	/** Normalised ID numbers already enrolled in this session (any status but cancelled). */
	existingIdNumbers: ReadonlySet<string>;
	/** normaliseEnterpriseName(name) → unit id. */
	knownEnterprises: ReadonlyMap<string, number>;
	/** yyyy-mm-dd, China time. */
	today: string;
	/** Name of the trainee already registered under a normalised ID number: a different name is a typo somewhere. */
	registeredName?: (idNumber: string) => string | undefined;
	/** Rows the trainer chose to skip: not checked, not counted, not imported. */
	skipRows?: { has(row: number): boolean };
	/** Unknown enterprises (keys) the trainer confirmed creating: no longer a problem. */
	confirmedEnterprises?: { has(key: string): boolean };
}

export interface RosterValidation {
	rows: ParsedRow[];
	problems: RosterProblem[];
	/** Distinct unknown enterprises: key, name as first written, number of rows, first row. */
	unknownEnterprises: { key: string; name: string; rows: number; firstRow: number }[];
	/** Non-blank data rows skipped on request. */
	skipped: number;
}

/** The key enterprise names are matched by: half-width, no whitespace, （）→(), lower case. */
export function normaliseEnterpriseName(name: string): string {
	return compact(name).toLowerCase();
}

/** Header text → field: half-width, no spaces, no required-marks (*), no notes in brackets (身份证号（18位）). */
function headerKey(text: string): string {
	return compact(text)
		.replace(/[*]/g, '')
		.replace(/\([^)]*\)/g, '')
		.toLowerCase();
}

const HEADER_LOOKUP = new Map<string, RosterField>(ROSTER_FIELDS.flatMap((f) => HEADER_SYNONYMS[f].map((h) => [headerKey(h), f] as const)));

const CATEGORY_LOOKUP = new Map<string, StaffCategory>(
	STAFF_CATEGORIES.flatMap((c) => [staffCategoryLabels[c], c, ...CATEGORY_SYNONYMS[c]].map((t) => [headerKey(t), c] as const))
);

/** Every 人员类别 text accepted, by category (for the template's 填写说明). */
export function acceptedCategoryTexts(): Record<StaffCategory, string[]> {
	return Object.fromEntries(STAFF_CATEGORIES.map((c) => [c, [...new Set([staffCategoryLabels[c], ...CATEGORY_SYNONYMS[c]])]])) as Record<StaffCategory, string[]>;
}

export function parseCategory(text: string): StaffCategory | null {
	return CATEGORY_LOOKUP.get(headerKey(text)) ?? null;
}

const cell = (row: readonly string[] | undefined, i: number | undefined): string => (row && i !== undefined ? String(row[i] ?? '').trim() : '');
const isBlankRow = (row: readonly string[] | undefined) => !row || row.every((c) => String(c ?? '').trim() === '');
/** Text a spreadsheet program would take for a formula; here it is only ever text. */
const looksLikeFormula = (s: string) => /^[=+\-@]/.test(s);
/** Placeholders people put in optional cells to mean "none". */
const PLACEHOLDERS = new Set(['-', '—', '－', '/', '无']);

/** 张 伟 (padded to line up with three-character names) → 张伟; other dots → ·; Latin names keep single spaces. */
function tidyName(s: string): string {
	return s
		.replace(/[•・．.‧]/g, '·')
		.replace(/\s+/g, ' ')
		.replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
		.replace(/ ?· ?/g, '·');
}

/** Written as 1.10105E+17 by Excel once the column was not set to text: the last digits are gone. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

function yearsBetween(birth: string, today: string): number {
	const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
	return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

function problem(row: number, column: string, code: RosterProblemCode, kind: RosterProblemKind, params?: Record<string, string | number>): RosterProblem {
	return { row, column, code, kind, ...(params ? { params } : {}), message: rosterProblemMessage(code, params) };
}

function listRows(rows: number[]): string {
	return rows.length > 5 ? `${rows.slice(0, 5).join('、')} 等 ${rows.length}` : rows.join('、');
}

interface Header {
	index: number;
	columns: Map<RosterField, number>;
	texts: Map<RosterField, string>;
	problems: RosterProblem[];
}

function findHeader(rows: readonly (readonly string[])[]): Header | null {
	const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
	for (let r = 0; r < limit; r++) {
		const row = rows[r] ?? [];
		const fields = row.map((c) => HEADER_LOOKUP.get(headerKey(String(c ?? ''))));
		if (fields.filter(Boolean).length < 2) continue;
		const columns = new Map<RosterField, number>();
		const texts = new Map<RosterField, string>();
		const problems: RosterProblem[] = [];
		if (rows.slice(0, r).some((x) => !isBlankRow(x))) problems.push(problem(r + 1, '', 'header.rows_above', 'warning', { row: r + 1 }));
		row.forEach((c, i) => {
			const text = String(c ?? '').trim();
			const field = fields[i];
			if (!field) {
				if (text) problems.push(problem(r + 1, text, 'header.extra', 'warning'));
			} else if (columns.has(field)) {
				problems.push(problem(r + 1, text, 'header.duplicate', 'error', { first: texts.get(field)! }));
			} else {
				columns.set(field, i);
				texts.set(field, text);
			}
		});
		for (const f of REQUIRED_FIELDS) if (!columns.has(f)) problems.push(problem(r + 1, ROSTER_HEADERS[f], 'header.missing', 'error', { column: ROSTER_HEADERS[f] }));
		return { index: r, columns, texts, problems };
	}
	return null;
}

/**
 * Checks a roster. Returns every problem (by row and column, with a Chinese message) and every parsed
 * row; the file may be imported when no `error` or `confirm` problem remains (see `isImportable`).
 */
export function validateRoster(rows: readonly (readonly string[])[], ctx: RosterContext): RosterValidation {
	const none: RosterValidation = { rows: [], problems: [], unknownEnterprises: [], skipped: 0 };
	if (rows.every(isBlankRow)) return { ...none, problems: [problem(0, '', 'file.empty', 'error')] };
	const header = findHeader(rows);
	if (!header) return { ...none, problems: [problem(0, '', 'header.not_found', 'error', { max: HEADER_SEARCH_ROWS })] };

	const dataRows: number[] = [];
	for (let i = header.index + 1; i < rows.length; i++) if (!isBlankRow(rows[i])) dataRows.push(i);
	if (dataRows.length > MAX_ROSTER_ROWS) {
		return { ...none, problems: [problem(0, '', 'file.too_many_rows', 'error', { max: MAX_ROSTER_ROWS, count: dataRows.length })] };
	}
	if (dataRows.length === 0) return { ...none, problems: [...header.problems, problem(0, '', 'file.no_rows', 'error')] };
	// A broken header makes every cell suspect: report it alone.
	if (header.problems.some((p) => p.kind === 'error')) return { ...none, problems: header.problems };

	const col = (f: RosterField) => header.texts.get(f) ?? ROSTER_HEADERS[f];
	const problems: RosterProblem[] = [...header.problems];
	const parsed: ParsedRow[] = [];
	const rowsById = new Map<string, number[]>();
	const unknown = new Map<string, { key: string; name: string; rows: number; firstRow: number }>();
	let skipped = 0;

	for (const i of dataRows) {
		const rowNo = i + 1;
		if (ctx.skipRows?.has(rowNo)) {
			skipped++;
			continue;
		}
		const { row, rowProblems, validId } = checkRow(rows[i], rowNo, header, ctx);
		if (validId) {
			const list = rowsById.get(validId);
			if (list) list.push(rowNo);
			else rowsById.set(validId, [rowNo]);
		}
		// An unknown enterprise is worth confirming only for a row that would otherwise go in.
		if (row.enterpriseKey && row.enterpriseId === null && !row.hasError) {
			const u = unknown.get(row.enterpriseKey);
			if (u) u.rows++;
			else unknown.set(row.enterpriseKey, { key: row.enterpriseKey, name: row.enterprise, rows: 1, firstRow: rowNo });
		}
		problems.push(...rowProblems);
		parsed.push(row);
	}

	// Duplicates: every row of a repeated ID number names the others, so either can be fixed or skipped.
	const duplicateRows = new Set<number>();
	for (const list of rowsById.values()) {
		if (list.length < 2) continue;
		for (const r of list) {
			duplicateRows.add(r);
			problems.push(problem(r, col('idNumber'), 'id.duplicate', 'error', { rows: listRows(list.filter((x) => x !== r)) }));
		}
	}
	if (duplicateRows.size) for (const p of parsed) if (duplicateRows.has(p.row)) p.hasError = true;

	for (const u of unknown.values()) {
		// Rows that only became errors through a duplicate still count: the enterprise is confirmed per name, not per row.
		if (ctx.confirmedEnterprises?.has(u.key)) continue;
		problems.push(problem(u.firstRow, col('enterprise'), 'enterprise.unknown', 'confirm', { name: u.name, rows: u.rows }));
	}

	problems.sort((a, b) => a.row - b.row || columnOrder(a, header) - columnOrder(b, header));
	return { rows: parsed, problems, unknownEnterprises: [...unknown.values()], skipped };
}

/** One data row: its parsed values, its problems, and its ID number when valid (for the duplicate check). */
function checkRow(raw: readonly string[] | undefined, rowNo: number, header: Header, ctx: RosterContext): { row: ParsedRow; rowProblems: RosterProblem[]; validId: string | null } {
	const { columns, texts } = header;
	const rowProblems: RosterProblem[] = [];
	const add = (f: RosterField, code: RosterProblemCode, params?: Record<string, string | number>, kind: RosterProblemKind = 'error') =>
		rowProblems.push(problem(rowNo, texts.get(f) ?? ROSTER_HEADERS[f], code, kind, params));
	// Strict columns: a leading = is a formula pasted as text, named as such rather than as bad characters.
	const strict = (f: RosterField, value: string) => {
		if (!value.startsWith('=')) return false;
		add(f, 'cell.formula');
		return true;
	};
	// Free-text columns keep such text as it is (exports write it inert), with a warning.
	const free = (f: RosterField, value: string) => {
		if (looksLikeFormula(value)) add(f, 'cell.formula_text', undefined, 'warning');
	};

	// 姓名
	const name = tidyName(cell(raw, columns.get('name')));
	const nameLength = [...name].length;
	if (!name) add('name', 'name.required');
	else if (!strict('name', name)) {
		if (!/^[\p{Script=Han}A-Za-z·\s]+$/u.test(name) || /^[·\s]|[·\s]$/.test(name)) add('name', 'name.chars');
		else if (nameLength < NAME_MIN || nameLength > NAME_MAX) add('name', 'name.length', { min: NAME_MIN, max: NAME_MAX, length: nameLength });
	}

	// 手机号 (optional): mobiles only, the column is for SMS notices.
	const phoneText = cell(raw, columns.get('phone')).replace(/^'/, '');
	let phone: string | null = null;
	if (phoneText && !PLACEHOLDERS.has(phoneText) && !strict('phone', phoneText)) {
		const r = checkPhone(phoneText, { mobileOnly: true });
		if (r.ok) phone = r.value;
		else add('phone', r.error.code === 'phone.not_mobile' ? 'phone.not_mobile' : 'phone.invalid');
	}

	// 身份证号
	const idText = cell(raw, columns.get('idNumber')).replace(/^'/, '');
	let idNumber = compact(idText).toUpperCase();
	let validId: string | null = null;
	if (!idText) add('idNumber', 'id.required');
	else if (strict('idNumber', idText)) idNumber = '';
	else if (SCIENTIFIC.test(idNumber)) add('idNumber', 'id.scientific');
	else {
		const r = checkIdNumber(idText, ctx.today);
		if (!r.ok) add('idNumber', r.error.code, r.error.params);
		else if (r.value === ROSTER_EXAMPLE.idNumber) add('idNumber', 'row.example');
		else {
			idNumber = r.value;
			const birth = birthDateOf(idNumber)!;
			if (yearsBetween(birth, ctx.today) < MIN_AGE) add('idNumber', 'id.underage', { birth, age: MIN_AGE });
			else {
				validId = idNumber;
				if (ctx.existingIdNumbers.has(idNumber)) add('idNumber', 'id.enrolled');
				const registered = ctx.registeredName?.(idNumber);
				if (registered !== undefined && name && registered !== name) add('name', 'id.name_mismatch', { registered });
			}
		}
	}

	// 所在企业
	let enterprise = toHalfWidth(cell(raw, columns.get('enterprise'))).replace(/\s+/g, ' ');
	let enterpriseId: number | null = null;
	if (!enterprise) add('enterprise', 'enterprise.required');
	else if ([...enterprise].length > ENTERPRISE_MAX) {
		add('enterprise', 'enterprise.too_long', { max: ENTERPRISE_MAX });
		enterprise = '';
	} else {
		free('enterprise', enterprise);
		enterpriseId = ctx.knownEnterprises.get(normaliseEnterpriseName(enterprise)) ?? null;
	}

	// 人员类别
	const categoryText = cell(raw, columns.get('category'));
	let category: StaffCategory | null = null;
	if (!categoryText) add('category', 'category.required');
	else if (!strict('category', categoryText)) {
		category = parseCategory(categoryText);
		if (!category) add('category', 'category.unknown', { text: categoryText.slice(0, 20) });
	}

	// 岗位 (optional, free text)
	let position = cell(raw, columns.get('position')).replace(/\s+/g, ' ');
	if (PLACEHOLDERS.has(position)) position = '';
	if ([...position].length > POSITION_MAX) add('position', 'position.too_long', { max: POSITION_MAX });
	else free('position', position);

	// The template's example row is named once, as such, whatever else is odd about it.
	if (rowProblems.some((p) => p.code === 'row.example')) rowProblems.splice(0, rowProblems.length, ...rowProblems.filter((p) => p.code === 'row.example'));
	const hasError = rowProblems.some((p) => p.kind === 'error');
	const row: ParsedRow = { row: rowNo, name, phone, idNumber, enterprise, enterpriseKey: normaliseEnterpriseName(enterprise), enterpriseId, category, position, hasError };
	return { row, rowProblems, validId };
}

function columnOrder(p: RosterProblem, header: Header): number {
	for (const [f, text] of header.texts) if (text === p.column) return header.columns.get(f)!;
	return -1;
}

/** True when nothing blocks the import: no `error` and no unconfirmed `confirm` problem. */
export function isImportable(v: Pick<RosterValidation, 'problems'>): boolean {
	return !v.problems.some((p) => p.kind !== 'warning');
}
