import { describe, expect, it } from 'vitest';
import { idCheckChar } from './id-number';
import { isImportable, normaliseEnterpriseName, parseCategory, validateRoster, MAX_ROSTER_ROWS, ROSTER_EXAMPLE, ROSTER_HEADERS, type RosterContext } from './roster';

const TODAY = '2026-03-15';
const HEADER = ['姓名', '手机号', '身份证号', '所在企业', '人员类别', '岗位'];

/** A valid 18-digit number: region 110105, a birth date (by default one per thousand `seq`), sequence `seq`, check character. */
function idFor(seq: number, birth = `19${60 + Math.floor(seq / 1000)}0101`): string {
	const first17 = `110105${birth}${String(seq % 1000).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
}

/** An ID with the wrong check character. */
function badCheck(id: string): string {
	return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

const KNOWN = '华东机械有限公司';
const ROSTER_EXAMPLE_CELLS = Object.fromEntries(Object.entries(ROSTER_EXAMPLE).map(([f, v]) => [ROSTER_HEADERS[f as keyof typeof ROSTER_HEADERS], v]));

function ctx(over: Partial<RosterContext> = {}): RosterContext {
	return { existingIdNumbers: new Set(), knownEnterprises: new Map([[normaliseEnterpriseName(KNOWN), 7]]), today: TODAY, ...over };
}

let seq = 1;
/** A valid data row; `over` replaces cells by header name. */
function row(over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
	const base: Record<string, string> = { 姓名: '张伟', 手机号: '13812345678', 身份证号: idFor(seq++), 所在企业: KNOWN, 人员类别: '主要负责人', 岗位: '总经理' };
	return HEADER.map((h) => (h in over ? over[h as keyof typeof over]! : base[h]));
}

describe('validateRoster: a clean file', () => {
	it('parses every row, normalising values', () => {
		const v = validateRoster(
			[
				HEADER,
				row({ 姓名: '张 伟', 手机号: '+86 138-1234-5678', 身份证号: ` ${idFor(900).toLowerCase()} `, 人员类别: '安全员' }),
				row({ 姓名: '阿依古丽•买买提', 手机号: '', 所在企业: ' 华东机械 有限公司 ', 人员类别: '员工', 岗位: '-' })
			],
			ctx()
		);
		expect(v.problems).toEqual([]);
		expect(isImportable(v)).toBe(true);
		expect(v.rows).toMatchObject([
			{ row: 2, name: '张伟', phone: '13812345678', idNumber: idFor(900).toUpperCase(), enterpriseId: 7, category: 'safety_manager', position: '总经理', hasError: false },
			{ row: 3, name: '阿依古丽·买买提', phone: null, enterpriseId: 7, category: 'other', position: '', hasError: false }
		]);
	});

	it('recognises columns by header text in any order, ignoring extra columns with a warning', () => {
		const v = validateRoster(
			[
				['2026 年第一期主要负责人培训名单'],
				['序号', '岗位/职务', '人员类别', '企业名称', '身份证号码（18位）', '*姓名', '联系电话'],
				['1', '厂长', '企业负责人', KNOWN, idFor(901), '李娜', '13900000000']
			],
			ctx()
		);
		expect(v.rows).toMatchObject([{ row: 3, name: '李娜', position: '厂长', category: 'principal', phone: '13900000000' }]);
		expect(v.problems.map((p) => [p.row, p.column, p.code, p.kind])).toEqual([
			[2, '', 'header.rows_above', 'warning'],
			[2, '序号', 'header.extra', 'warning']
		]);
		expect(isImportable(v)).toBe(true);
	});

	it('skips blank rows but keeps spreadsheet row numbers', () => {
		const v = validateRoster([HEADER, [], ['', '  ', ''], row({ 姓名: '' })], ctx());
		expect(v.rows).toHaveLength(1);
		expect(v.problems).toMatchObject([{ row: 4, column: '姓名', code: 'name.required' }]);
	});

	it.each([
		['主要负责人', 'principal'],
		['企业负责人', 'principal'],
		['负责人', 'principal'],
		['安全生产管理人员', 'safety_manager'],
		['安全管理人员', 'safety_manager'],
		['安全员', 'safety_manager'],
		['特种作业人员', 'special_operator'],
		['其他从业人员', 'other'],
		['从业人员', 'other'],
		['员工', 'other'],
		[' 安全 员 ', 'safety_manager'],
		['其他', null],
		['保安', null]
	])('category %j → %s', (text, category) => {
		expect(parseCategory(text)).toBe(category);
	});
});

describe('validateRoster: bad rows, each named by row and column', () => {
	const BIRTH_TOO_LATE = '20150101';
	const cases: [string, Partial<Record<string, string>>, string, string][] = [
		['missing name', { 姓名: '' }, '姓名', 'name.required'],
		['one-character name', { 姓名: '张' }, '姓名', 'name.length'],
		['name with digits', { 姓名: '张伟2' }, '姓名', 'name.chars'],
		['formula as name', { 姓名: '=HYPERLINK("http://x","点我")' }, '姓名', 'cell.formula'],
		['bad phone', { 手机号: '1381234567' }, '手机号', 'phone.invalid'],
		['landline as phone', { 手机号: '0755-82345678' }, '手机号', 'phone.not_mobile'],
		['missing ID number', { 身份证号: '' }, '身份证号', 'id.required'],
		['ID saved as a number by Excel', { 身份证号: '1.10105E+17' }, '身份证号', 'id.scientific'],
		['short ID number', { 身份证号: '11010519850101001' }, '身份证号', 'id.length'],
		['letter inside the ID number', { 身份证号: '1101051985O101001X' }, '身份证号', 'id.chars'],
		['impossible birth date', { 身份证号: idFor(1, '19850230') }, '身份证号', 'id.birth'],
		['wrong check character', { 身份证号: badCheck(idFor(2)) }, '身份证号', 'id.checksum'],
		['born too recently to work', { 身份证号: idFor(3, BIRTH_TOO_LATE) }, '身份证号', 'id.underage'],
		['formula as ID number', { 身份证号: '=A1' }, '身份证号', 'cell.formula'],
		['already enrolled', { 身份证号: idFor(500) }, '身份证号', 'id.enrolled'],
		['ID registered under another name', { 身份证号: idFor(501), 姓名: '张玮' }, '姓名', 'id.name_mismatch'],
		['missing enterprise', { 所在企业: '' }, '所在企业', 'enterprise.required'],
		['enterprise name too long', { 所在企业: '企'.repeat(101) }, '所在企业', 'enterprise.too_long'],
		['missing category', { 人员类别: '' }, '人员类别', 'category.required'],
		['unknown category', { 人员类别: '临时工' }, '人员类别', 'category.unknown'],
		['formula as category', { 人员类别: '=B2' }, '人员类别', 'cell.formula'],
		['position too long', { 岗位: '岗'.repeat(51) }, '岗位', 'position.too_long'],
		["the template's example row left in", { ...ROSTER_EXAMPLE_CELLS }, '身份证号', 'row.example']
	];

	it('has at least 20 distinct kinds', () => {
		expect(new Set(cases.map((c) => c[0])).size).toBeGreaterThanOrEqual(20);
		expect(new Set(cases.map((c) => `${c[2]}/${c[3]}`)).size).toBeGreaterThanOrEqual(20);
	});

	const context = ctx({ existingIdNumbers: new Set([idFor(500)]), registeredName: (id) => (id === idFor(501) ? '张伟' : undefined) });

	it.each(cases)('%s', (_, over, column, code) => {
		const v = validateRoster([HEADER, row(), row(over)], context);
		expect(v.problems.map((p) => ({ row: p.row, column: p.column, code: p.code, kind: p.kind }))).toEqual([{ row: 3, column, code, kind: 'error' }]);
		expect(v.problems[0].message).toMatch(/\p{Script=Han}/u);
		expect(v.problems[0].message).not.toContain('{');
		expect(v.rows.find((r) => r.row === 3)?.hasError).toBe(true);
		expect(isImportable(v)).toBe(false);
	});

	it('names every problem of one file, all at once, with the file untouched', () => {
		const rows = [HEADER, row(), ...cases.map(([, over]) => row(over))];
		const v = validateRoster(rows, context);
		expect(v.problems.map((p) => [p.row, p.column, p.code])).toEqual(cases.map(([, , column, code], i) => [i + 3, column, code]));
		expect(v.rows.filter((r) => r.hasError)).toHaveLength(cases.length);
	});

	it('names both rows of a duplicate ID number', () => {
		const id = idFor(600);
		const v = validateRoster([HEADER, row({ 身份证号: id }), row(), row({ 身份证号: id.toLowerCase().replace(/^(.{6})/, '$1 ') })], ctx());
		expect(v.problems.map((p) => [p.row, p.column, p.code, p.params?.rows])).toEqual([
			[2, '身份证号', 'id.duplicate', '4'],
			[4, '身份证号', 'id.duplicate', '2']
		]);
		expect(v.problems[0].message).toBe('身份证号与第 4 行重复');
	});

	it('a number repeated many times lists the first other rows and the count', () => {
		const id = idFor(602);
		const v = validateRoster([HEADER, ...Array.from({ length: 8 }, () => row({ 身份证号: id }))], ctx());
		expect(v.problems).toHaveLength(8);
		expect(v.problems[0].message).toBe('身份证号与第 3、4、5、6、7 等 7 行重复');
	});

	it('a skipped row is neither checked nor counted as a duplicate', () => {
		const id = idFor(601);
		const v = validateRoster([HEADER, row({ 身份证号: id }), row({ 身份证号: id, 人员类别: '??' })], ctx({ skipRows: new Set([3]) }));
		expect(v.problems).toEqual([]);
		expect(v.skipped).toBe(1);
		expect(v.rows.map((r) => r.row)).toEqual([2]);
	});

	it('an unknown enterprise asks for confirmation once, at its first row', () => {
		const rows = [HEADER, row({ 所在企业: '新兴化工有限公司' }), row(), row({ 所在企业: '新兴化工有限公司 ' })];
		const v = validateRoster(rows, ctx());
		expect(v.problems).toMatchObject([{ row: 2, column: '所在企业', code: 'enterprise.unknown', kind: 'confirm', params: { name: '新兴化工有限公司', rows: 2 } }]);
		expect(v.unknownEnterprises).toEqual([{ key: '新兴化工有限公司', name: '新兴化工有限公司', rows: 2, firstRow: 2 }]);
		expect(isImportable(v)).toBe(false);
		const confirmed = validateRoster(rows, ctx({ confirmedEnterprises: new Set(['新兴化工有限公司']) }));
		expect(confirmed.problems).toEqual([]);
		expect(isImportable(confirmed)).toBe(true);
		expect(confirmed.rows.map((r) => r.enterpriseId)).toEqual([null, 7, null]);
	});

	it('text that looks like a formula in a free-text column is kept as text, with a warning', () => {
		const v = validateRoster([HEADER, row({ 岗位: '+班组长' }), row({ 岗位: '@值班' })], ctx());
		expect(v.problems.map((p) => [p.row, p.column, p.code, p.kind])).toEqual([
			[2, '岗位', 'cell.formula_text', 'warning'],
			[3, '岗位', 'cell.formula_text', 'warning']
		]);
		expect(v.rows.map((r) => r.position)).toEqual(['+班组长', '@值班']);
		expect(isImportable(v)).toBe(true);
	});

	it('an ID number in Excel scientific notation is named as such, not as bad characters', () => {
		const v = validateRoster([HEADER, row({ 身份证号: '1.10105199001011E+17' })], ctx());
		expect(v.problems.map((p) => p.code)).toEqual(['id.scientific']);
	});
});

describe('validateRoster: whole-file problems', () => {
	it.each([
		['an empty file', [], 'file.empty'],
		['only blank rows', [[], ['', '']], 'file.empty'],
		['no header', [['张伟', '13812345678', idFor(1)]], 'header.not_found'],
		['only a header', [HEADER], 'file.no_rows']
	])('%s', (_, rows, code) => {
		const v = validateRoster(rows as string[][], ctx());
		expect(v.problems.map((p) => p.code)).toEqual([code]);
		expect(v.rows).toEqual([]);
		expect(isImportable(v)).toBe(false);
	});

	it('a required column missing is named by its header', () => {
		const v = validateRoster([['姓名', '手机号', '所在企业', '人员类别'], ['张伟', '13812345678', KNOWN, '员工']], ctx());
		expect(v.problems.map((p) => [p.row, p.column, p.code])).toEqual([[1, '身份证号', 'header.missing']]);
		expect(v.rows).toEqual([]);
	});

	it('a column given twice is refused', () => {
		const v = validateRoster([[...HEADER, '身份证号码'], [...row(), idFor(2)]], ctx());
		expect(v.problems.map((p) => [p.row, p.column, p.code])).toEqual([[1, '身份证号码', 'header.duplicate']]);
	});

	it(`more than ${MAX_ROSTER_ROWS} rows are refused without checking them`, () => {
		const rows = [HEADER, ...Array.from({ length: MAX_ROSTER_ROWS + 1 }, () => ['x'])];
		const v = validateRoster(rows, ctx());
		expect(v.problems).toMatchObject([{ row: 0, code: 'file.too_many_rows', params: { count: MAX_ROSTER_ROWS + 1, max: MAX_ROSTER_ROWS } }]);
		expect(v.rows).toEqual([]);
	});

	it(`exactly ${MAX_ROSTER_ROWS} rows are checked`, () => {
		const rows = [HEADER, ...Array.from({ length: MAX_ROSTER_ROWS }, (_, i) => row({ 身份证号: idFor(20_000 + i) }))];
		const v = validateRoster(rows, ctx());
		expect(v.problems).toEqual([]);
		expect(v.rows).toHaveLength(MAX_ROSTER_ROWS);
	});
});
