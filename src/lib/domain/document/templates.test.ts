import { describe, expect, it } from 'vitest';
import { parseCitations } from '../law/citation';
import { DOCUMENT_TYPES, type DocumentType } from '../scenario/types';
import {
	DOCUMENT_TEMPLATES,
	HEARING_OPTIONS,
	STATEMENT_TEXT,
	chineseDateTime,
	documentText,
	emptyValues,
	formatDocumentNumber,
	parseDocumentValues,
	parseFieldValue,
	templateFor
} from './templates';
import type { DocumentTemplate, TemplateField } from './types';

const PLACEHOLDER = /\{([A-Za-z0-9]+)\}/g;

/** Every field key a block mentions. */
function referencedKeys(t: DocumentTemplate): string[] {
	return t.blocks.flatMap((b) => {
		if (b.kind === 'text') return [...b.text.matchAll(PLACEHOLDER)].map((m) => m[1]);
		if (b.kind === 'field') return [b.field];
		return b.fields;
	});
}

/** All wording of a template a reader sees: blocks, footer, labels, hints, options. */
function allWording(t: DocumentTemplate): string {
	return [
		t.title,
		t.footer ?? '',
		...t.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind === 'field' ? (b.label ?? '') : '')),
		...t.fields.flatMap((f) => [f.label, f.hint ?? '', ...(f.options ?? [])])
	].join('\n');
}

const field = (type: DocumentType, key: string): TemplateField => {
	const f = templateFor(type).fields.find((x) => x.key === key);
	if (!f) throw new Error(`no field ${key} in ${type}`);
	return f;
};

describe('DOCUMENT_TEMPLATES', () => {
	it('has a template for each of the six document types', () => {
		expect(Object.keys(DOCUMENT_TEMPLATES).sort()).toEqual([...DOCUMENT_TYPES].sort());
		for (const type of DOCUMENT_TYPES) expect(templateFor(type).type).toBe(type);
	});

	for (const type of DOCUMENT_TYPES) {
		const t = DOCUMENT_TEMPLATES[type];
		describe(t.title, () => {
			const keys = t.fields.map((f) => f.key);

			it('has unique camelCase field keys', () => {
				expect(new Set(keys).size).toBe(keys.length);
				for (const k of keys) expect(k).toMatch(/^[a-z][A-Za-z0-9]*$/);
			});

			it('blocks reference only existing fields', () => {
				expect(referencedKeys(t).filter((k) => !keys.includes(k))).toEqual([]);
			});

			it('shows every field in some block', () => {
				const shown = new Set(referencedKeys(t));
				expect(keys.filter((k) => !shown.has(k))).toEqual([]);
			});

			it('has the document number fields, required, and prints the 应急 number', () => {
				for (const k of ['numberRegion', 'numberYear', 'numberSeq']) expect(t.fields.find((f) => f.key === k)?.required).toBe(true);
				const numberLine = formatDocumentNumber({ region: '{numberRegion}', code: t.numberCode, year: '{numberYear}', seq: '{numberSeq}' });
				expect(t.blocks.some((b) => b.kind === 'text' && b.text === numberLine)).toBe(true);
			});

			it('has the agency, officers, date and two officer signature fields', () => {
				expect(t.fields.find((f) => f.key === 'agencyName')).toMatchObject({ kind: 'text', required: true, prefill: 'agency.name' });
				expect(t.fields.find((f) => f.kind === 'officers')).toMatchObject({ key: 'officers', required: true, prefill: 'team.officers' });
				expect(t.fields.find((f) => f.key === 'documentDate')).toMatchObject({ kind: 'date', required: true });
				expect(t.fields.filter((f) => f.kind === 'signature' && f.required).length).toBeGreaterThanOrEqual(2);
				expect(t.blocks.some((b) => b.kind === 'signatures' && b.fields.includes('officerSignature1') && b.fields.includes('officerSignature2'))).toBe(true);
			});

			it('has the unit and takes its name from the scenario', () => {
				expect(t.fields.find((f) => f.key === 'unitName')).toMatchObject({ required: true, prefill: 'unit.name' });
			});

			it('never uses the old agency name 安全生产监督管理局 / 安监', () => {
				expect(allWording(t)).not.toMatch(/安全生产监督管理|安监/);
			});

			it('gives options to every choice field', () => {
				expect(t.fields.filter((f) => f.kind === 'choice' && (f.options?.length ?? 0) < 2).map((f) => f.key)).toEqual([]);
			});
		});
	}

	it('gives decisions and orders the 复议 / 诉讼 bodies and periods and 不停止执行', () => {
		for (const type of ['onsite_measures_decision', 'rectification_order', 'penalty_decision_unit'] as const) {
			const t = templateFor(type);
			const keys = t.fields.map((f) => f.key);
			expect(keys).toEqual(expect.arrayContaining(['reconsiderationGov', 'reconsiderationDept', 'court']));
			expect(t.fields.find((f) => f.key === 'reconsiderationGov')?.required).toBe(true);
			const text = allWording(t);
			expect(text).toContain('60日内');
			expect(text).toContain('6个月内');
			expect(text).toContain('不停止执行，法律另有规定的除外');
		}
		expect(allWording(templateFor('onsite_measures_decision'))).toContain('但本决定不停止执行');
		expect(allWording(templateFor('rectification_order'))).toContain('但本指令不停止执行');
	});

	it('keeps the 指令书 form’s own wording', () => {
		const text = allWording(templateFor('rectification_order'));
		expect(text).toContain('经查，你单位存在下列问题：');
		expect(text).toContain('现责令你单位对上述第{items}项问题于{deadline}前整改完毕');
	});

	it('cites 行政处罚法第四十四条、第四十五条 for 陈述、申辩 in the penalty notice, not the old 第三十一条、第三十二条', () => {
		const t = templateFor('penalty_notice');
		const text = documentText(t, emptyValues(t));
		expect(text).toContain('第四十四条');
		expect(text).toContain('第四十五条');
		expect(text).not.toContain('第三十一条');
		expect(text).not.toContain('第三十二条');
		const cited = parseCitations(STATEMENT_TEXT).map((c) => `${c.lawId}:${c.article}`);
		expect(cited).toEqual(['admin-penalty-law:44', 'admin-penalty-law:45']);
		expect(text).toMatch(/3日内/);
	});

	it('offers the 听证 right under 第六十三条、第六十四条 with 5 days', () => {
		const f = field('penalty_notice', 'hearingNotice');
		expect(f.options).toEqual(HEARING_OPTIONS);
		expect(parseCitations(HEARING_OPTIONS[0]).map((c) => `${c.lawId}:${c.article}`)).toEqual(['admin-penalty-law:63', 'admin-penalty-law:64']);
		expect(HEARING_OPTIONS[0]).toContain('5日内');
	});
});

describe('formatDocumentNumber', () => {
	const cases: [Parameters<typeof formatDocumentNumber>[0], string][] = [
		[{ region: '赣饶', code: '责改', year: 2026, seq: 12 }, '（赣饶）应急责改〔2026〕12号'],
		[{ region: '赣饶', code: '现决', year: '2026', seq: '3' }, '（赣饶）应急现决〔2026〕3号'],
		[{ region: '赣饶玉', code: '罚告', year: 2025, seq: 101 }, '（赣饶玉）应急罚告〔2025〕101号']
	];
	for (const [input, expected] of cases) it(expected, () => expect(formatDocumentNumber(input)).toBe(expected));
});

describe('emptyValues', () => {
	it('gives every field an empty value of its kind', () => {
		const t = templateFor('penalty_decision_unit');
		const v = emptyValues(t);
		expect(Object.keys(v)).toEqual(t.fields.map((f) => f.key));
		expect(v.officers).toEqual([]);
		expect(v.violations).toEqual([]);
		expect(v.violated).toEqual([]);
		expect(v.unitName).toBe('');
		expect(parseDocumentValues(t, v).ok).toBe(true);
	});
});

describe('documentText', () => {
	it('puts values into the wording: dates in Chinese, officers with their numbers, problems numbered', () => {
		const t = templateFor('rectification_order');
		const text = documentText(t, {
			...emptyValues(t),
			numberRegion: '赣饶',
			numberYear: '2026',
			numberSeq: '12',
			unitName: '测试机械有限公司',
			deadline: '2026-12-04',
			items: '1',
			officers: [
				{ name: '李执法', certificate: '36000001' },
				{ name: '张执法', certificate: '36000002' }
			],
			findings: [{ text: '车间入口未设置警示标志', isMajor: false }]
		});
		expect(text).toContain('（赣饶）应急责改〔2026〕12号');
		expect(text).toContain('测试机械有限公司：');
		expect(text).toContain('于2026年12月4日前整改完毕');
		expect(text).toContain('李执法（执法证件号码：36000001）、张执法（执法证件号码：36000002）');
		expect(text).toContain('1. 车间入口未设置警示标志');
	});

	it('writes datetimes as 年月日时分', () => {
		expect(chineseDateTime('2026-11-29T09:05')).toBe('2026年11月29日9时05分');
		expect(chineseDateTime('2026-02-30T09:05')).toBe('2026-02-30T09:05');
	});
});

describe('parseDocumentValues', () => {
	const t = templateFor('rectification_order');

	it('accepts a good document and trims its strings', () => {
		const r = parseDocumentValues(t, {
			unitName: '  测试机械有限公司 ',
			numberYear: '2026',
			deadline: '2026-12-04',
			officers: [{ name: ' 李执法 ', certificate: ' 36000001 ' }],
			findings: [{ text: ' 未设警示标志 ', isMajor: false }],
			items: ''
		});
		expect(r).toEqual({
			ok: true,
			value: {
				unitName: '测试机械有限公司',
				numberYear: '2026',
				deadline: '2026-12-04',
				officers: [{ name: '李执法', certificate: '36000001' }],
				findings: [{ text: '未设警示标志', isMajor: false }],
				items: ''
			}
		});
	});

	const bad: [string, unknown, string, string][] = [
		['unknown key', { hacker: 'x' }, 'hacker', '未知字段「hacker」'],
		['not a date', { deadline: '2026-02-30' }, 'deadline', '「整改期限」应为有效日期（年-月-日）'],
		['date in another form', { deadline: '2026/12/04' }, 'deadline', '「整改期限」应为有效日期（年-月-日）'],
		['text too long', { unitName: '厂'.repeat(201) }, 'unitName', '「被检查单位」不能超过 200 个字'],
		['number instead of text', { unitName: 5 }, 'unitName', '「被检查单位」应为文字'],
		['year not four digits', { numberYear: '26' }, 'numberYear', '「文号年份」：年份应为四位数字'],
		['too many officers', { officers: Array.from({ length: 5 }, (_, i) => ({ name: `员${i}`, certificate: `3600000${i}` })) }, 'officers', '「执法人员」最多 4 名'],
		['officer with an extra key', { officers: [{ name: '李', certificate: '1234', rank: 'x' }] }, 'officers', '「执法人员」含有未知内容'],
		['hazard without isMajor', { findings: [{ text: '未设警示标志' }] }, 'findings', '「存在问题」的「重大」标记应为是或否'],
		['too many hazards', { findings: Array.from({ length: 51 }, () => ({ text: 'x', isMajor: false })) }, 'findings', '「存在问题」最多 50 项'],
		['hazard text too long', { findings: [{ text: 'x'.repeat(501), isMajor: false }] }, 'findings', '「存在问题」每项不能超过 500 个字'],
		['hazards not a list', { findings: '未设警示标志' }, 'findings', '「存在问题」应为问题列表']
	];
	for (const [name, raw, key, message] of bad) {
		it(`refuses ${name}`, () => {
			const r = parseDocumentValues(t, raw);
			expect(r.ok).toBe(false);
			if (!r.ok) {
				expect(r.error.code).toBe('document.invalid_values');
				expect(r.error.params?.[key]).toBe(message);
			}
		});
	}

	it('reports every bad field at once', () => {
		const r = parseDocumentValues(t, { deadline: 'x', unitName: 1, extra: 1 });
		expect(r.ok ? [] : Object.keys(r.error.params ?? {}).sort()).toEqual(['deadline', 'extra', 'unitName']);
	});

	it('refuses a value that is not an object', () => {
		for (const raw of [null, [], 'x', 3]) {
			const r = parseDocumentValues(t, raw);
			expect(r.ok ? null : r.error.params?.document).toBe('文书内容格式不正确');
		}
	});

	it('checks citations and choices on the penalty notice', () => {
		const n = templateFor('penalty_notice');
		const tooMany = parseDocumentValues(n, { violated: Array.from({ length: 21 }, () => '《安全生产法》第三十五条') });
		expect(tooMany.ok ? null : tooMany.error.params?.violated).toBe('「违反的规定」最多 20 条');
		const tooLong = parseDocumentValues(n, { violated: ['条'.repeat(301)] });
		expect(tooLong.ok ? null : tooLong.error.params?.violated).toBe('「违反的规定」每条不能超过 300 个字');
		const choice = parseDocumentValues(n, { hearingNotice: '随便写的' });
		expect(choice.ok ? null : choice.error.params?.hearingNotice).toBe('「听证权利」应从给定选项中选择');
		expect(parseDocumentValues(n, { hearingNotice: HEARING_OPTIONS[1] }).ok).toBe(true);
	});
});

describe('parseFieldValue', () => {
	const cases: [string, TemplateField, unknown, { ok: true; value: unknown } | { ok: false; message: string }][] = [
		['date', field('rectification_order', 'deadline'), ' 2026-12-04 ', { ok: true, value: '2026-12-04' }],
		['empty date (draft)', field('rectification_order', 'deadline'), '', { ok: true, value: '' }],
		['bad date', field('rectification_order', 'deadline'), '2026-13-01', { ok: false, message: '「整改期限」应为有效日期（年-月-日）' }],
		['datetime', field('inspection_record', 'inspectionStart'), '2026-11-29T09:30', { ok: true, value: '2026-11-29T09:30' }],
		['bad time', field('inspection_record', 'inspectionStart'), '2026-11-29T24:00', { ok: false, message: '「检查开始时间」应为有效的日期和时间（年-月-日 时:分）' }],
		['datetime without time', field('inspection_record', 'inspectionStart'), '2026-11-29', { ok: false, message: '「检查开始时间」应为有效的日期和时间（年-月-日 时:分）' }],
		['multiline', field('onsite_measures_decision', 'decision'), ' 停止使用 ', { ok: true, value: '停止使用' }],
		['multiline too long', field('onsite_measures_decision', 'decision'), 'x'.repeat(5001), { ok: false, message: '「现场处理决定」不能超过 5000 个字' }],
		['citations', field('onsite_measures_decision', 'basis'), [' 《安全生产法》第六十五条 '], { ok: true, value: ['《安全生产法》第六十五条'] }],
		['officers', field('rectification_order', 'officers'), [{ name: '李执法', certificate: '36000001' }], { ok: true, value: [{ name: '李执法', certificate: '36000001' }] }],
		['officers not a list', field('rectification_order', 'officers'), { name: '李执法' }, { ok: false, message: '「执法人员」应为执法人员列表' }],
		['region with digits', field('rectification_order', 'numberRegion'), '赣1', { ok: false, message: '「地区简称」：地区简称应为 1～6 个汉字' }]
	];
	for (const [name, f, raw, expected] of cases) {
		it(name, () => {
			const r = parseFieldValue(f, raw);
			if (expected.ok) expect(r).toEqual({ ok: true, value: expected.value });
			else expect(r).toEqual({ ok: false, error: { code: 'document.invalid_value', params: { [f.key]: expected.message } } });
		});
	}
});
