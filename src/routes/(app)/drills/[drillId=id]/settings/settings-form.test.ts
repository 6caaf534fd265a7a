import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, type ScoringSettings } from '$lib/domain/drill/types';
import { errorText } from '$lib/i18n/zh';
import { parseSettingsForm, SETTINGS_FIELDS, SETTINGS_GROUPS, toFormValues, toFraction, toPercent } from './settings-form';

function form(fields: Record<string, string | File>) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	return fd;
}

const DEFAULT_VALUES = {
	hazardFound: '40',
	hazardClassification: '10',
	hazardViolated: '20',
	hazardPenalty: '20',
	hazardMeasure: '10',
	creditExact: '100',
	creditArticle: '50',
	creditLaw: '0',
	creditWrong: '0',
	decoyPenalty: '2',
	procedurePresence: '60',
	procedureOrder: '40',
	procedureWrongStep: '10',
	trimAtJudges: '5'
};

/** The default form with some fields changed. */
const withValues = (over: Record<string, string | File>) => form({ ...DEFAULT_VALUES, ...over });

/** Every value different, so a field that reads or writes the wrong setting shows up. */
const CUSTOM: ScoringSettings = {
	hazard: { found: 0.35, classification: 0.15, violated: 0.22, penalty: 0.18, measure: 0.1 },
	citationCredit: { exact: 0.95, article: 0.45, law: 0.05, wrong: 0 },
	decoyPenalty: 1.5,
	procedure: { presence: 0.7, order: 0.3, wrongStep: 0.125 },
	trimAtJudges: 4,
	stageWeights: { theory: 10, hazard: 50, procedure: 20, document: 10, conduct: 10 }
};

describe('percent ↔ fraction', () => {
	it.each([
		[0, 0],
		[0.001, 0.1],
		[0.07, 7],
		[0.1, 10],
		[0.125, 12.5],
		[0.2, 20],
		[0.333, 33.3],
		[0.4, 40],
		[0.6, 60],
		[0.999, 99.9],
		[1, 100]
	])('%s ↔ %s（百分比）', (fraction, percent) => {
		expect(toPercent(fraction)).toBe(percent);
		expect(toFraction(percent)).toBe(fraction);
	});

	it('round-trips every percentage to 0.1 exactly, both ways', () => {
		for (let k = 0; k <= 1000; k++) {
			expect(toFraction(k / 10), String(k / 10)).toBe(k / 1000);
			expect(toPercent(k / 1000), String(k / 1000)).toBe(k / 10);
			expect(toPercent(toFraction(k / 10))).toBe(k / 10);
		}
	});

	it('rounds a finer fraction to the nearest 0.1 %', () => {
		expect(toPercent(1 / 3)).toBe(33.3);
		expect(toPercent(0.1234)).toBe(12.3);
		expect(toPercent(0.1236)).toBe(12.4);
	});
});

describe('toFormValues', () => {
	it('shows the defaults as percentages, points and judges', () => {
		expect(toFormValues(DEFAULT_SCORING)).toEqual(DEFAULT_VALUES);
	});

	it('has one field per name and every field in exactly one group', () => {
		const names = SETTINGS_FIELDS.map((f) => f.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names.sort()).toEqual(Object.keys(DEFAULT_VALUES).sort());
		expect(SETTINGS_GROUPS.map((g) => g.key)).toEqual(['hazard', 'citationCredit', 'decoyPenalty', 'procedure', 'trimAtJudges']);
	});
});

describe('parseSettingsForm', () => {
	it('reads the default form back as DEFAULT_SCORING exactly', () => {
		expect(parseSettingsForm(form(toFormValues(DEFAULT_SCORING)), DEFAULT_SCORING)).toEqual({ ok: true, settings: DEFAULT_SCORING });
	});

	it('round-trips settings whose every value differs, keeping the base’s stage weights', () => {
		const r = parseSettingsForm(form(toFormValues(CUSTOM)), CUSTOM);
		expect(r).toEqual({ ok: true, settings: CUSTOM });
		const onDefaults = parseSettingsForm(form(toFormValues(CUSTOM)), DEFAULT_SCORING);
		expect(onDefaults).toEqual({ ok: true, settings: { ...CUSTOM, stageWeights: DEFAULT_SCORING.stageWeights } });
	});

	it('does not change the base', () => {
		const base = structuredClone(CUSTOM);
		parseSettingsForm(withValues({}), base);
		expect(base).toEqual(CUSTOM);
	});

	it.each([
		['４０', 0.4],
		[' 40 ', 0.4],
		['40%', 0.4],
		['40 ％', 0.4],
		['40.0', 0.4],
		['３７．５', 0.375]
	])('reads 「%s」 as %s', (text, fraction) => {
		const r = parseSettingsForm(withValues({ hazardFound: text, hazardClassification: String(50 - toPercent(fraction)) }), DEFAULT_SCORING);
		expect(r.ok && r.settings.hazard.found).toBe(fraction);
	});

	it('reads points with one decimal and judges as a whole number', () => {
		const r = parseSettingsForm(withValues({ decoyPenalty: '2.5分', trimAtJudges: '7' }), DEFAULT_SCORING);
		expect(r.ok && [r.settings.decoyPenalty, r.settings.trimAtJudges]).toEqual([2.5, 7]);
	});

	const share = (label: string) => `${label}应为 0–100 之间的数（百分比），最多一位小数`;
	it.each([
		['hazardFound', '', '请填写发现'],
		['hazardFound', '   ', '请填写发现'],
		['hazardFound', 'abc', share('发现')],
		['hazardFound', '100.1', share('发现')],
		['hazardFound', '12.25', share('发现')],
		['hazardFound', '-5', share('发现')],
		['hazardFound', '1e2', share('发现')],
		['hazardFound', '0x10', share('发现')],
		['creditArticle', '五十', share('条正确但款项不对')],
		['procedureWrongStep', '101', share('每张错误步骤扣')],
		['decoyPenalty', '-1', '误判合规项扣分应为 0–100 之间的数，最多一位小数'],
		['decoyPenalty', '100.5', '误判合规项扣分应为 0–100 之间的数，最多一位小数'],
		['trimAtJudges', '3.5', '评委人数达到几人时去掉最高最低分应为整数'],
		['trimAtJudges', '100', '评委人数达到几人时去掉最高最低分应为整数']
	])('refuses %s = 「%s」 at the field', (name, text, message) => {
		const r = parseSettingsForm(withValues({ [name]: text }), DEFAULT_SCORING);
		expect(r).toEqual({ ok: false, values: { ...DEFAULT_VALUES, [name]: text }, errors: { [name]: message } });
	});

	it('refuses a missing field and a file instead of text, and echoes them as blank', () => {
		const fd = withValues({ trimAtJudges: new File(['5'], 'x.txt') });
		fd.delete('hazardMeasure');
		const r = parseSettingsForm(fd, DEFAULT_SCORING);
		expect(r).toEqual({
			ok: false,
			values: { ...DEFAULT_VALUES, hazardMeasure: '', trimAtJudges: '' },
			errors: { hazardMeasure: '请填写处理措施', trimAtJudges: '评委人数达到几人时去掉最高最低分应为整数' }
		});
	});

	it.each([
		['hazard', { hazardFound: '50' }, 'scoring.hazard_weights'],
		['hazard', { hazardFound: '30' }, 'scoring.hazard_weights'],
		['citationCredit', { creditArticle: '100', creditExact: '90' }, 'scoring.citation_credit'],
		['citationCredit', { creditWrong: '10' }, 'scoring.citation_credit'],
		['procedure', { procedureOrder: '30' }, 'scoring.procedure_weights'],
		['trimAtJudges', { trimAtJudges: '2' }, 'scoring.trim_at']
	])('refuses a %s rule across fields with the check’s message: %o', (key, over, code) => {
		const r = parseSettingsForm(withValues(over), DEFAULT_SCORING);
		expect(r).toEqual({ ok: false, values: { ...DEFAULT_VALUES, ...over }, errors: { [key]: errorText({ code }) } });
		expect(errorText({ code })).not.toMatch(/操作失败/);
	});

	it('reports every problem at once, and no group rule over a field already in error', () => {
		const over = { hazardFound: '50', procedureOrder: '30', creditLaw: 'x', creditArticle: '100', trimAtJudges: '' };
		const r = parseSettingsForm(withValues(over), DEFAULT_SCORING);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors).toEqual({
			hazard: errorText({ code: 'scoring.hazard_weights' }),
			procedure: errorText({ code: 'scoring.procedure_weights' }),
			creditLaw: share('法律正确条文错误'),
			trimAtJudges: '请填写评委人数达到几人时去掉最高最低分'
		});
	});

	it('refuses with one message what no field of the form can fix', () => {
		const base = { ...DEFAULT_SCORING, stageWeights: { ...DEFAULT_SCORING.stageWeights, theory: -1 } };
		const r = parseSettingsForm(withValues({}), base);
		expect(r).toEqual({ ok: false, values: DEFAULT_VALUES, errors: { _form: errorText({ code: 'scoring.stage_weights' }) } });
	});
});
