import { describe, expect, it } from 'vitest';
import { prefillValues, type PrefillSources } from './prefill';
import type { DocumentTemplate } from './types';

const template: DocumentTemplate = {
	type: 'rectification_order',
	title: '责令限期整改指令书',
	numberCode: '责改',
	fields: [
		{ key: 'unitName', label: '被检查单位', kind: 'text', required: true, prefill: 'unit.name' },
		{ key: 'officers', label: '执法人员', kind: 'officers', required: true, prefill: 'team.officers' },
		{ key: 'problems', label: '存在问题', kind: 'hazards', required: true, prefill: 'team.hazards' },
		{ key: 'problemsText', label: '问题', kind: 'multiline', required: false, prefill: 'team.hazards' },
		{ key: 'basis', label: '依据', kind: 'citations', required: false, prefill: 'team.violated' },
		{ key: 'inspectedAt', label: '检查时间', kind: 'datetime', required: true, prefill: 'inspection.date' },
		{ key: 'principal', label: '负责人', kind: 'text', required: false, prefill: 'unit.principal' },
		{ key: 'deadline', label: '整改期限', kind: 'date', required: true }
	],
	blocks: []
};

const sources: PrefillSources = {
	enterprise: { name: '测试机械有限公司', address: '测试路 1 号', legalRepresentative: '张三', principal: '' },
	inspection: { places: ['抛光车间'], date: '2026-11-29' },
	officers: [
		{ name: '李执法', certificate: '36000001' },
		{ name: '张执法', certificate: '36000002' }
	],
	hazards: [
		{ title: '除尘器', observation: '未设泄爆口', classification: 'major', violated: ['《安全生产法》第三十六条第一款'], penalty: [] },
		{ title: '警示标志', observation: '', classification: 'general', violated: ['《安全生产法》第三十五条', ' 《安全生产法》第三十六条第一款 '], penalty: [] }
	],
	agencyName: '上饶市应急管理局',
	today: '2026-11-30'
};

describe('prefillValues', () => {
	it('fills each empty field from its source, by the field’s kind', () => {
		expect(prefillValues(template, {}, sources)).toEqual({
			unitName: '测试机械有限公司',
			officers: sources.officers,
			problems: [
				{ text: '除尘器：未设泄爆口', isMajor: true },
				{ text: '警示标志', isMajor: false }
			],
			problemsText: '1. 除尘器：未设泄爆口\n2. 警示标志',
			basis: ['《安全生产法》第三十六条第一款', '《安全生产法》第三十五条'],
			inspectedAt: '2026-11-29T09:00'
		});
	});

	it('never overwrites what was typed, and leaves fields without a source or value alone', () => {
		const out = prefillValues(template, { unitName: '手写的单位', officers: [], basis: ['  '] }, sources);
		expect(out).not.toHaveProperty('unitName');
		expect(out).not.toHaveProperty('principal');
		expect(out).not.toHaveProperty('deadline');
		expect(out.officers).toEqual(sources.officers);
		// A list holding only blanks is not empty: the officer is editing it.
		expect(out).not.toHaveProperty('basis');
	});
});
