import { describe, expect, it } from 'vitest';
import { SECTORS, STAFF_CATEGORIES } from '../roles';
import { compliance, HIGH_RISK_SECTORS, HOURS_RULES, isHighRiskSector, requirementFor, ruleFor } from './hours';

describe('HIGH_RISK_SECTORS', () => {
	it('maps 金属冶炼 onto 冶金 and 有色 only', () => {
		expect([...HIGH_RISK_SECTORS].sort()).toEqual(['metallurgy', 'nonferrous']);
		expect(SECTORS.filter(isHighRiskSector)).toEqual(['metallurgy', 'nonferrous']);
		expect(isHighRiskSector(null)).toBe(false);
	});
});

describe('requirementFor', () => {
	// Every category × high-risk or not × initial/yearly, figures written out by hand from 第九条/第十三条/安委会决定.
	it.each([
		['principal', 'machinery', 'initial', 32],
		['principal', 'machinery', 'yearly', 12],
		['principal', 'metallurgy', 'initial', 48],
		['principal', 'metallurgy', 'yearly', 16],
		['safety_manager', 'textile', 'initial', 32],
		['safety_manager', 'textile', 'yearly', 12],
		['safety_manager', 'nonferrous', 'initial', 48],
		['safety_manager', 'nonferrous', 'yearly', 16],
		['special_operator', 'building_materials', 'initial', 24],
		['special_operator', 'building_materials', 'yearly', 8],
		['special_operator', 'metallurgy', 'initial', 72],
		['special_operator', 'metallurgy', 'yearly', 20],
		['other', 'commerce', 'initial', 24],
		['other', 'commerce', 'yearly', 8],
		['other', 'nonferrous', 'initial', 72],
		['other', 'nonferrous', 'yearly', 20],
		['other', null, 'initial', 24],
		['principal', null, 'yearly', 12]
	] as const)('%s in %s, %s → %d 学时', (category, sector, kind, hours) => {
		expect(requirementFor(category, sector, kind)).toBe(hours);
	});

	it.each([
		['principal', 'metallurgy', false, 32],
		['other', 'machinery', true, 72]
	] as const)('an explicit highRisk overrides the sector: %s in %s, highRisk %s → %d', (category, sector, high, hours) => {
		expect(requirementFor(category, sector, 'initial', high)).toBe(hours);
	});

	it('has exactly one rule per audience × risk × kind, each with its basis', () => {
		for (const category of STAFF_CATEGORIES)
			for (const highRisk of [false, true])
				for (const kind of ['initial', 'yearly'] as const) expect(ruleFor(category, highRisk, kind).basis).toMatch(/^《/);
		expect(HOURS_RULES).toHaveLength(8);
		expect(new Set(HOURS_RULES.map((r) => `${r.audience}/${r.highRisk}/${r.kind}`)).size).toBe(8);
	});

	it('cites 第九条 for managers and 第十三条 for workers, the 安委会决定 for the 8-hour figure', () => {
		expect(ruleFor('principal', true, 'yearly').ref).toEqual({ lawId: 'training-rules', article: 9, paragraph: 2 });
		expect(ruleFor('other', false, 'initial').ref).toEqual({ lawId: 'training-rules', article: 13, paragraph: 1 });
		expect(ruleFor('other', false, 'yearly')).toMatchObject({ hours: 8, ref: null, basis: '《国务院安委会关于进一步加强安全培训工作的决定》' });
		expect(ruleFor('principal', false, 'initial').basis).toBe('《生产经营单位安全培训规定》第九条第一款');
		expect(ruleFor('other', true, 'yearly').basis).toBe('《生产经营单位安全培训规定》第十三条第二款');
	});
});

describe('compliance', () => {
	const manager = { category: 'safety_manager', sector: 'machinery' } as const;

	it.each([
		['exactly 32 is compliant', [{ date: '2026-03-01', hours: 32 }], { required: 32, done: 32, short: 0 }, true],
		['31.5 is not', [{ date: '2026-03-01', hours: 31.5 }], { required: 32, done: 31.5, short: 0.5 }, false],
		[
			'split over years, counted up to the year end',
			[
				{ date: '2024-05-01', hours: 20 },
				{ date: '2026-12-31', hours: 12 }
			],
			{ required: 32, done: 32, short: 0 },
			true
		],
		['later years not counted', [{ date: '2026-06-01', hours: 16 }, { date: '2027-01-01', hours: 16 }], { required: 32, done: 16, short: 16 }, false],
		['tenths add up exactly', Array.from({ length: 320 }, () => ({ date: '2026-01-02', hours: 0.1 })), { required: 32, done: 32, short: 0 }, true]
	])('initial: %s', (_, records, initial, initialOk) => {
		const c = compliance(manager, records, 2026);
		expect(c.initial).toEqual(initial);
		expect(c.problems.some((p) => p.code === 'hours.initial_short')).toBe(!initialOk);
	});

	it.each([
		['records of another year are not counted', [{ date: '2025-12-31', hours: 40 }, { date: '2027-01-01', hours: 12 }], 0],
		['only this year', [{ date: '2025-12-31', hours: 40 }, { date: '2026-01-01', hours: 4 }, { date: '2026-12-31', hours: 8 }], 12]
	])('yearly: %s', (_, records, done) => {
		expect(compliance(manager, records, 2026).yearly).toEqual({ required: 12, done, short: Math.max(0, 12 - done) });
	});

	it('is compliant when both thresholds are met and explains nothing', () => {
		const c = compliance(manager, [{ date: '2025-03-01', hours: 32 }, { date: '2026-04-01', hours: 12 }], 2026);
		expect(c).toEqual({
			initial: { required: 32, done: 44, short: 0 },
			yearly: { required: 12, done: 12, short: 0 },
			isCompliant: true,
			problems: [],
			reasons: []
		});
	});

	it('gives a code and a Chinese reason for each shortfall', () => {
		const records = [
			{ date: '2025-03-01', hours: 60 },
			{ date: '2026-04-01', hours: 7.5 }
		];
		const c = compliance({ category: 'other', sector: 'metallurgy' }, records, 2026);
		expect(c.isCompliant).toBe(false);
		expect(c.problems).toEqual([
			{ code: 'hours.initial_short', params: { required: 72, done: 67.5, short: 4.5 } },
			{ code: 'hours.yearly_short', params: { required: 20, done: 7.5, short: 12.5, year: 2026 } }
		]);
		expect(c.reasons).toEqual([
			'初次安全培训累计 67.5 学时，少于规定的 72 学时，尚差 4.5 学时',
			'2026 年再培训 7.5 学时，少于规定的 20 学时，尚差 12.5 学时'
		]);
	});

	it.each([
		['a year before starting: nothing due', 2025, 0, 0],
		['the year of starting: initial only', 2026, 24, 0],
		['the year after: both', 2027, 24, 8]
	])('startedAt 2026-09-01, %s', (_, year, initialRequired, yearlyRequired) => {
		const c = compliance({ category: 'other', sector: 'light_industry', startedAt: '2026-09-01' }, [], year);
		expect([c.initial.required, c.yearly.required]).toEqual([initialRequired, yearlyRequired]);
		expect(c.isCompliant).toBe(initialRequired + yearlyRequired === 0);
	});

	it('counts pre-job training dated before startedAt towards the initial hours', () => {
		const c = compliance({ category: 'other', sector: 'tobacco', startedAt: '2026-09-01' }, [{ date: '2026-08-20', hours: 24 }], 2026);
		expect(c.isCompliant).toBe(true);
	});

	it('treats 特种作业人员 like other workers and honours the highRisk override', () => {
		const records = [{ date: '2025-12-01', hours: 24 }];
		const operator = { category: 'special_operator', sector: 'machinery' } as const;
		expect(compliance({ ...operator, startedAt: '2025-12-10' }, records, 2025).isCompliant).toBe(true);
		expect(compliance({ ...operator, startedAt: '2025-12-10' }, records, 2026).problems).toEqual([
			{ code: 'hours.yearly_short', params: { required: 8, done: 0, short: 8, year: 2026 } }
		]);
		expect(compliance({ ...operator, sector: 'metallurgy', startedAt: '2025-12-10' }, records, 2025).initial.short).toBe(48);
		expect(compliance({ ...operator, sector: 'metallurgy', highRisk: false, startedAt: '2025-12-10' }, records, 2025).isCompliant).toBe(true);
	});

	it.each([
		[[{ date: '2026-3-1', hours: 2 }], 2026],
		[[{ date: '2026-03-01', hours: -1 }], 2026],
		[[{ date: '2026-03-01', hours: Number.NaN }], 2026],
		[[], 2026.5]
	])('throws on corrupt data %j / %s', (records, year) => {
		expect(() => compliance(manager, records, year)).toThrow();
	});
});
