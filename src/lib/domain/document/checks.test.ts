import { describe, expect, it } from 'vitest';
import { roundPoints } from '../drill/points';
import type { LibraryIndex } from '../law/validate';
import { fixtureScenario } from '../scenario/test-fixture';
import type { DocumentType, HazardKey } from '../scenario/types';
import {
	GROUP_WEIGHTS,
	certificateProblem,
	checkDocument,
	fineAmounts,
	hearingRequired,
	titleSimilarity,
	withAdjustments,
	type DocumentCheckCode,
	type DocumentCheckInput,
	type DocumentCheckResult,
	type KeyHazard,
	type TeamHazard
} from './checks';
import { HEARING_OPTIONS, STATEMENT_TEXT, templateFor } from './templates';
import type { DocumentTemplate, DocumentValues, HazardLineValue } from './types';

// ---------------------------------------------------------------------------------------------------
// The fixture scenario: 除尘器 (重大, stop_using_equipment) and 警示标志 (一般, 限期整改 3–7 日).

const scenario = fixtureScenario();
const keyHazards: KeyHazard[] = scenario.areas.flatMap((a) =>
	a.items.flatMap((i) => (i.answer.kind === 'hazard' ? [{ title: i.title, ...(i.answer as HazardKey) }] : []))
);
/** The team recorded both hazards as the key has them. */
const teamHazards: TeamHazard[] = keyHazards.map((k) => ({
	title: k.title,
	classification: k.classification,
	violated: k.violated,
	penalty: k.penalty,
	measures: k.measures,
	deadlineDays: k.deadlineDays ? 5 : null
}));

const library: LibraryIndex = {
	articles: new Map([
		['work-safety-law', new Set([28, 35, 36, 65, 99, 102])],
		['admin-penalty-law', new Set([31, 32, 44, 45, 63, 64])]
	]),
	complete: new Map([
		['work-safety-law', true],
		['admin-penalty-law', true]
	])
};

const INSPECTED = '2026-11-29';
const SIGN: HazardLineValue = { text: '警示标志：抛光车间入口未设置安全警示标志，违反了《安全生产法》第三十五条的规定', isMajor: false };
const DUCT: HazardLineValue = { text: '除尘器：干式除尘器未设置泄爆口，违反了《安全生产法》第三十六条第一款的规定', isMajor: true };

const common: DocumentValues = {
	numberRegion: '赣饶',
	numberYear: '2026',
	numberSeq: '12',
	agencyName: '上饶市应急管理局',
	unitName: '测试机械有限公司',
	officers: [
		{ name: '李执法', certificate: '36110001' },
		{ name: '张执法', certificate: '36110002' }
	],
	officerSignature1: '李执法',
	officerSignature2: '张执法',
	unitSignature: '李四',
	documentDate: INSPECTED
};
const remedies: DocumentValues = { reconsiderationGov: '上饶市人民政府', reconsiderationDept: '', court: '上饶市信州区人民法院' };

/** Fully correct documents for the fixture. */
const correct: Record<'order' | 'decision' | 'record' | 'notice', { type: DocumentType; values: DocumentValues }> = {
	order: { type: 'rectification_order', values: { ...common, ...remedies, numberSeq: '12', findings: [SIGN], items: '1', deadline: '2026-12-04' } },
	decision: {
		type: 'onsite_measures_decision',
		values: {
			...common,
			...remedies,
			numberSeq: '3',
			inspectionDate: INSPECTED,
			findings: [DUCT],
			basis: ['《安全生产法》第六十五条第一款第（三）项'],
			decision: '立即停止使用抛光车间干式除尘器及相连的抛光工位，撤出作业人员；隐患排除后，经本机关审查同意，方可恢复使用。'
		}
	},
	record: {
		type: 'inspection_record',
		values: {
			...common,
			numberSeq: '20',
			unitAddress: '测试路 1 号',
			legalRepresentative: '张三',
			representativeTitle: '总经理',
			representativePhone: '0793-1234567',
			inspectionPlaces: '抛光车间',
			inspectionStart: `${INSPECTED}T09:00`,
			inspectionEnd: `${INSPECTED}T11:30`,
			findings: [DUCT, SIGN],
			otherFindings: '灭火器压力正常。'
		}
	},
	notice: {
		type: 'penalty_notice',
		values: {
			...common,
			numberSeq: '5',
			unitSignature: '',
			violations: [SIGN],
			evidence: '现场检查记录、现场照片 2 张、询问笔录 1 份。',
			violated: ['《安全生产法》第三十五条'],
			penaltyBasis: ['《安全生产法》第九十九条第（一）项'],
			proposedPenalty: '罚款人民币2万元',
			hearingNotice: HEARING_OPTIONS[1],
			contactAddress: '上饶市信州区某路 1 号',
			postcode: '334000',
			contactPerson: '王科长',
			contactPhone: '0793-7654321'
		}
	}
};

type Doc = keyof typeof correct;

function inputFor(doc: Doc, change?: (v: DocumentValues, input: DocumentCheckInput) => void): DocumentCheckInput {
	const { type, values } = correct[doc];
	const input: DocumentCheckInput = {
		template: templateFor(type),
		values: structuredClone(values),
		requirement: { key: 'd1', type, facts: [], points: 10 },
		enterprise: scenario.enterprise,
		inspection: { places: ['抛光车间'], date: INSPECTED },
		teamHazards: structuredClone(teamHazards),
		keyHazards,
		library
	};
	change?.(input.values, input);
	return input;
}

const failed = (r: DocumentCheckResult) => [...new Set(r.lines.filter((l) => !l.passed).map((l) => l.check))].sort();
const lineOf = (r: DocumentCheckResult, check: DocumentCheckCode) => {
	const l = r.lines.find((x) => x.check === check);
	if (!l) throw new Error(`no line ${check}`);
	return l;
};
const sum = (xs: number[]) => roundPoints(xs.reduce((a, b) => a + b, 0));

/** A copy of a template whose fixed wording has `from` replaced by `to` (an outdated or broken form). */
function withWording(t: DocumentTemplate, from: string, to: string): DocumentTemplate {
	const blocks = t.blocks.map((b) => (b.kind === 'text' ? { ...b, text: b.text.split(from).join(to) } : b));
	expect(blocks).not.toEqual(t.blocks);
	return { ...t, blocks };
}

// ---------------------------------------------------------------------------------------------------

describe('checkDocument on correct documents', () => {
	for (const doc of Object.keys(correct) as Doc[]) {
		it(`${correct[doc].type}: every line passes and earns its full share`, () => {
			const r = checkDocument(inputFor(doc));
			expect(failed(r)).toEqual([]);
			expect(r.total).toBe(10);
			expect(r.max).toBe(10);
			expect(sum(r.lines.map((l) => l.max))).toBe(10);
			for (const l of r.lines) expect(l.points).toBe(l.max);
		});
	}

	it('splits the points over the groups by GROUP_WEIGHTS (指令书 has every group)', () => {
		const r = checkDocument(inputFor('order'));
		const byGroup = (g: string) => sum(r.lines.filter((l) => l.check.startsWith(`${g}.`)).map((l) => l.max));
		for (const [g, w] of Object.entries(GROUP_WEIGHTS)) expect(byGroup(g)).toBe(roundPoints(10 * w));
	});

	it('gives the weight of a group that does not apply to the others in proportion (no rights notice on a 现场检查记录)', () => {
		const r = checkDocument(inputFor('record'));
		expect(r.lines.some((l) => l.check.startsWith('rights.'))).toBe(false);
		const required = sum(r.lines.filter((l) => l.check.startsWith('required.')).map((l) => l.max));
		expect(required).toBeCloseTo((10 * 0.25) / 0.9, 1);
		expect(sum(r.lines.map((l) => l.max))).toBe(10);
	});

	it('uses the requirement’s points, and 10 without a requirement', () => {
		const fifteen = checkDocument(inputFor('decision', (_, i) => (i.requirement = { key: 'd2', type: 'onsite_measures_decision', facts: [], points: 15 })));
		expect([fifteen.total, fifteen.max, sum(fifteen.lines.map((l) => l.max))]).toEqual([15, 15, 15]);
		const none = checkDocument(inputFor('decision', (_, i) => delete i.requirement));
		expect([none.total, none.max]).toEqual([10, 10]);
	});

	it('accepts full-width characters and spaces in the unit’s facts', () => {
		const r = checkDocument(
			inputFor('record', (v) => {
				v.unitName = '测试机械　有限公司 ';
				v.unitAddress = '测试路１号';
				v.legalRepresentative = '李四'; // the 主要负责人 is accepted for 法定代表人（负责人）
			})
		);
		expect(failed(r)).toEqual([]);
	});
});

interface Case {
	name: string;
	doc: Doc;
	change: (v: DocumentValues, input: DocumentCheckInput) => void;
	check: DocumentCheckCode;
	/** Other checks the same break legitimately fails too. */
	alsoFails?: DocumentCheckCode[];
	reason: string | RegExp;
	/** Points of the line as a fraction of its max (default 0). */
	fraction?: number;
}

const cases: Case[] = [
	// required
	{ name: 'a required field left empty', doc: 'order', change: (v) => (v.items = ''), check: 'required.fields', reason: '未填写必填项：整改项次。', fraction: 12 / 13 },
	{
		name: 'only one officer',
		doc: 'order',
		change: (v) => (v.officers = [{ name: '李执法', certificate: '36110001' }]),
		check: 'required.officers',
		reason: /执法人员不得少于两人/,
		fraction: 0.5
	},
	{
		name: 'a placeholder certificate number',
		doc: 'order',
		change: (v) => (v.officers = [{ name: '李执法', certificate: '36110001' }, { name: '张执法', certificate: '123456' }]),
		check: 'required.officers',
		reason: '张执法：执法证件号码“123456”是占位内容，不是真实证号。',
		fraction: 0.5
	},
	{
		name: 'the same certificate twice',
		doc: 'decision',
		change: (v) => (v.officers = [{ name: '李执法', certificate: '36110001' }, { name: '张执法', certificate: '36110001' }]),
		check: 'required.officers',
		reason: /张执法的执法证件号码与前一名相同/,
		fraction: 0.5
	},
	// facts
	{ name: 'the old agency name', doc: 'order', change: (v) => (v.agencyName = '上饶市安全生产监督管理局'), check: 'facts.agency', reason: /机构改革前的名称/ },
	{
		name: 'a wrong unit name',
		doc: 'order',
		change: (v) => (v.unitName = '测试机械公司'),
		check: 'facts.unit_name',
		reason: '被检查单位名称与企业登记名称不一致：应为“测试机械有限公司”。'
	},
	{ name: 'a wrong address', doc: 'record', change: (v) => (v.unitAddress = '测试路 2 号'), check: 'facts.address', reason: '地址与企业登记地址不一致：应为“测试路 1 号”。' },
	{
		name: 'a wrong legal representative',
		doc: 'record',
		change: (v) => (v.legalRepresentative = '王五'),
		check: 'facts.legal_representative',
		reason: '法定代表人（负责人）与企业登记不一致：应为法定代表人“张三”或主要负责人“李四”。'
	},
	{ name: 'a place not inspected', doc: 'record', change: (v) => (v.inspectionPlaces = '成品仓库'), check: 'facts.places', reason: '检查场所漏写了检查过的场所：抛光车间。' },
	{
		name: 'a wrong inspection date (decision)',
		doc: 'decision',
		change: (v) => (v.inspectionDate = '2026-11-28'),
		check: 'facts.inspection_date',
		reason: '检查日期与检查日期不一致：检查日期是2026年11月29日。'
	},
	{
		name: 'a wrong inspection day (record)',
		doc: 'record',
		change: (v) => {
			v.inspectionStart = '2026-11-30T09:00';
			v.inspectionEnd = '2026-11-30T11:00';
		},
		check: 'facts.inspection_date',
		reason: /检查开始时间与检查日期不一致/
	},
	// hazards
	{
		name: 'the recorded hazard replaced by an invented one',
		doc: 'order',
		change: (v) => (v.findings = [{ text: '消防通道被杂物堵塞', isMajor: false }]),
		check: 'hazards.recorded',
		alsoFails: ['hazards.invented'],
		reason: '存在问题漏列了现场检查中记录的问题：“警示标志”。'
	},
	{
		name: 'an invented problem next to the recorded one',
		doc: 'order',
		change: (v) => (v.findings = [SIGN, { text: '消防通道被杂物堵塞', isMajor: false }]),
		check: 'hazards.invented',
		reason: '第2项“消防通道被杂物堵塞”与现场检查中记录的问题都对应不上，文书只能写检查中查明的问题。',
		fraction: 0.5
	},
	{
		name: 'a 重大 hazard in a 责令限期整改指令书 (not marked major)',
		doc: 'order',
		change: (v) => (v.findings = [SIGN, { ...DUCT, isMajor: false }]),
		check: 'hazards.placement',
		reason: /第2项“除尘器.*属于重大事故隐患.*现场处理措施决定书/
	},
	{
		name: 'a line marked 重大 in a 责令限期整改指令书',
		doc: 'order',
		change: (v) => (v.findings = [{ ...SIGN, isMajor: true }]),
		check: 'hazards.placement',
		reason: /第1项.*属于重大事故隐患/
	},
	{
		name: 'a 现场处理措施决定书 without the 重大 hazard',
		doc: 'decision',
		change: (v) => (v.findings = [SIGN]),
		check: 'hazards.recorded',
		alsoFails: ['hazards.placement'],
		reason: '违法违规行为和事故隐患漏列了现场检查中记录的问题：“除尘器”。'
	},
	{
		name: 'a penalty notice about a violation nobody recorded',
		doc: 'notice',
		change: (v) => (v.violations = [{ text: '未按规定配备专职安全生产管理人员', isMajor: false }]),
		check: 'hazards.recorded',
		// its provisions then belong to no recorded problem either
		alsoFails: ['hazards.invented', 'provisions.match'],
		reason: '违法行为没有一项是现场检查中记录的问题。'
	},
	{
		name: 'a 一般 hazard in a 现场处理措施决定书',
		doc: 'decision',
		change: (v) => (v.findings = [DUCT, SIGN]),
		check: 'hazards.placement',
		reason: /第2项“警示标志.*一般事故隐患，不需要现场处理措施，应列入责令限期整改指令书/
	},
	{
		name: 'a 重大 hazard not marked 重大 (decision)',
		doc: 'decision',
		change: (v) => (v.findings = [{ ...DUCT, isMajor: false }]),
		check: 'hazards.classification',
		reason: /第1项“除尘器.*属于重大事故隐患，应标注为重大/
	},
	{
		name: 'a 一般 hazard marked 重大 (record)',
		doc: 'record',
		change: (v) => (v.findings = [DUCT, { ...SIGN, isMajor: true }]),
		check: 'hazards.classification',
		reason: /第2项“警示标志.*不属于重大事故隐患，不应标注为重大/,
		fraction: 0.5
	},
	// provisions
	{
		name: 'a provision of the superseded 2014 安全生产法',
		doc: 'order',
		change: (v) => (v.findings = [{ text: '警示标志：车间入口未设置安全警示标志，违反了《安全生产法》（2014年修正）第三十二条的规定', isMajor: false }]),
		check: 'provisions.valid',
		alsoFails: ['provisions.match'],
		reason: '“《安全生产法》（2014年修正）第三十二条”引用的是已被取代的安全生产法（2014年修正），现行为《安全生产法》（2021年修正），条文序号已调整，应按现行版本引用。'
	},
	{
		name: 'an article the law does not have',
		doc: 'order',
		change: (v) => (v.findings = [{ text: '警示标志：未设置警示标志，违反了《安全生产法》第二百条的规定', isMajor: false }]),
		check: 'provisions.valid',
		alsoFails: ['provisions.match'],
		reason: '“《安全生产法》第二百条”：《安全生产法》没有这一条。'
	},
	{
		name: 'an article without its law',
		doc: 'order',
		change: (v) => (v.findings = [{ text: '警示标志：未设置警示标志，违反了第三十五条的规定', isMajor: false }]),
		check: 'provisions.valid',
		alsoFails: ['provisions.match'],
		reason: '“第三十五条”没有写明法律、法规名称。'
	},
	{
		name: 'a provision that has nothing to do with the problem',
		doc: 'order',
		change: (v) => (v.findings = [{ text: '警示标志：未设置警示标志，违反了《安全生产法》第二十八条的规定', isMajor: false }]),
		check: 'provisions.match',
		reason: '与所列问题无关的条款：“《安全生产法》第二十八条”。'
	},
	{
		name: 'the wrong item of 第六十五条 as 处理依据',
		doc: 'decision',
		change: (v) => (v.basis = ['《安全生产法》第六十五条第一款第（二）项']),
		check: 'provisions.match',
		reason: '处理依据写到了《安全生产法》第六十五条，但款、项应为《安全生产法》第六十五条第（三）项。',
		fraction: 0.5
	},
	{
		name: 'a penalty article instead of the 处理依据',
		doc: 'decision',
		change: (v) => (v.basis = ['《安全生产法》第九十九条第（二）项']),
		check: 'provisions.match',
		reason: '处理依据缺少《安全生产法》第六十五条第（三）项。'
	},
	{
		name: 'the wrong item of the penalty article (notice)',
		doc: 'notice',
		change: (v) => (v.penaltyBasis = ['《安全生产法》第九十九条第（二）项']),
		check: 'provisions.match',
		reason: '处罚依据写到了《安全生产法》第九十九条，但款、项应为《安全生产法》第九十九条第（一）项。',
		// two slots (违反的规定 right, 处罚依据 half right), averaged
		fraction: 0.75
	},
	{
		name: 'the pre-2021 行政处罚法 numbering for 陈述、申辩 in a value',
		doc: 'notice',
		change: (v) => (v.evidence = '现场检查记录；当事人已依据《行政处罚法》第三十一条、第三十二条进行陈述、申辩。'),
		check: 'provisions.valid',
		alsoFails: ['provisions.match'],
		reason: /“《行政处罚法》第三十一条”是2021年修订前行政处罚法的条文序号；陈述、申辩现为第四十四条、第四十五条；“第三十二条”是2021年修订前/,
		// 5 citations in the notice, the 2 old ones are wrong
		fraction: 3 / 5
	},
	// dates
	{ name: 'a deadline on the inspection day', doc: 'order', change: (v) => (v.deadline = INSPECTED), check: 'dates.deadline', reason: '整改期限2026年11月29日应在检查日期2026年11月29日之后。' },
	{
		name: 'a deadline beyond the key’s range',
		doc: 'order',
		change: (v) => (v.deadline = '2026-12-20'),
		check: 'dates.deadline',
		reason: '整改期限2026年12月20日距检查日 21 日，超出“警示标志”的合理期限（3～7 日）。'
	},
	{ name: 'a document dated before the inspection', doc: 'decision', change: (v) => (v.documentDate = '2026-11-28'), check: 'dates.document_date', reason: '文书日期2026年11月28日早于检查日期2026年11月29日。' },
	{ name: 'a number of the wrong year', doc: 'order', change: (v) => (v.numberYear = '2025'), check: 'dates.number_year', reason: '文号年份应为2026（与文书日期同年），不是2025。' },
	{ name: 'an inspection that ends before it starts', doc: 'record', change: (v) => (v.inspectionEnd = `${INSPECTED}T08:00`), check: 'dates.inspection_period', reason: '检查结束时间应晚于开始时间。' },
	// rights
	{
		name: 'the agency itself as 复议机关',
		doc: 'order',
		change: (v) => (v.reconsiderationGov = '上饶市应急管理局'),
		check: 'rights.reconsideration',
		reason: '复议机关“上饶市应急管理局”应为人民政府全称（如“上饶市人民政府”）。'
	},
	{
		name: 'a 上一级部门 that is not an emergency-management department',
		doc: 'decision',
		change: (v) => (v.reconsiderationDept = '江西省司法厅'),
		check: 'rights.reconsideration',
		reason: '上一级主管部门“江西省司法厅”应为应急管理部门。'
	},
	{ name: 'a court that is not a court', doc: 'decision', change: (v) => (v.court = '上饶市司法局'), check: 'rights.litigation', reason: '“上饶市司法局”不是人民法院的名称。' },
	{
		name: 'a form that gives the wrong 复议 period',
		doc: 'order',
		change: (_, i) => (i.template = withWording(i.template, '60日内', '15日内')),
		check: 'rights.reconsideration',
		reason: '没有写明行政复议申请期限 60 日（行政复议法第二十条）。'
	},
	{
		name: 'a form without 不停止执行',
		doc: 'decision',
		change: (_, i) => (i.template = withWording(i.template, '，但本决定不停止执行，法律另有规定的除外', '')),
		check: 'rights.no_suspension',
		reason: /没有写明复议、诉讼期间本决定（指令）不停止执行/
	},
	{
		name: 'a notice on the old form citing 第三十一条、第三十二条',
		doc: 'notice',
		change: (_, i) => (i.template = withWording(i.template, '第四十四条、第四十五条', '第三十一条和第三十二条')),
		check: 'rights.statement',
		reason: '引用了2021年修订前行政处罚法的第三十一条、第三十二条，陈述、申辩现为第四十四条、第四十五条。'
	},
	{
		name: 'a large fine without the 听证 right',
		doc: 'notice',
		change: (v) => (v.proposedPenalty = '罚款人民币6万元'),
		check: 'rights.hearing',
		reason: '拟作出的处罚“罚款人民币6万元”属于行政处罚法第六十三条规定的情形，应当告知要求听证的权利。'
	},
	{
		name: '责令停产停业 without the 听证 right',
		doc: 'notice',
		change: (v) => (v.proposedPenalty = '责令停产停业整顿一个月'),
		check: 'rights.hearing',
		reason: /属于行政处罚法第六十三条规定的情形/
	}
];

describe('checkDocument: one thing broken at a time', () => {
	for (const c of cases) {
		it(`${c.check}: ${c.name}`, () => {
			const r = checkDocument(inputFor(c.doc, c.change));
			expect(failed(r)).toEqual([c.check, ...(c.alsoFails ?? [])].sort());
			const l = lineOf(r, c.check);
			expect(l.passed).toBe(false);
			expect(l.points).toBe(roundPoints(l.max * (c.fraction ?? 0)));
			expect(l.points).toBeLessThan(l.max);
			if (typeof c.reason === 'string') expect(l.reason).toBe(c.reason);
			else expect(l.reason).toMatch(c.reason);
			expect(r.total).toBe(sum(r.lines.map((x) => x.points)));
			expect(r.total).toBeLessThan(r.max);
			expect(sum(r.lines.map((x) => x.max))).toBe(r.max);
		});
	}
});

describe('checkDocument: what is allowed', () => {
	it('accepts a large fine when the notice offers the 听证 right', () => {
		const r = checkDocument(
			inputFor('notice', (v) => {
				v.proposedPenalty = '罚款人民币6万元';
				v.hearingNotice = HEARING_OPTIONS[0];
			})
		);
		expect(lineOf(r, 'rights.hearing')).toMatchObject({ passed: true, reason: '已告知要求听证的权利和 5 日的期限。' });
	});

	it('does not require provisions in a 指令书, whose form has no place for them', () => {
		const r = checkDocument(inputFor('order', (v) => (v.findings = [{ text: '警示标志：车间入口未设置安全警示标志', isMajor: false }])));
		expect(failed(r)).toEqual([]);
		expect(lineOf(r, 'provisions.match').reason).toBe('本文书式样不要求写明条款，未引用不扣分。');
	});

	it('accepts 第六十五条第（三）项 without 第一款 as 处理依据', () => {
		const r = checkDocument(inputFor('decision', (v) => (v.basis = ['《中华人民共和国安全生产法》第六十五条第（三）项'])));
		expect(failed(r)).toEqual([]);
	});

	it('checks the agency against the organiser’s name when it is given', () => {
		const r = checkDocument(inputFor('order', (_, i) => (i.agencyName = '玉山县应急管理局')));
		expect(lineOf(r, 'facts.agency')).toMatchObject({ passed: false, points: 0, reason: '执法机关名称不正确：应为“玉山县应急管理局”。' });
	});

	it('gives a blank document nothing, not even for the form’s printed wording', () => {
		const r = checkDocument(inputFor('order', (_, i) => (i.values = {})));
		expect(r.total).toBe(0);
		expect(r.lines.every((l) => l.points === 0 && !l.passed && l.reason === '文书未填写。')).toBe(true);
	});

	it('earns nothing for provisions and placement when no problem is listed', () => {
		const r = checkDocument(inputFor('order', (v) => (v.findings = [])));
		for (const check of ['provisions.valid', 'provisions.match', 'hazards.placement'] as const) expect(lineOf(r, check)).toMatchObject({ points: 0, passed: false });
		expect(lineOf(r, 'required.fields').reason).toBe('未填写必填项：存在问题。');
	});
});

describe('checkDocument is deterministic and pure', () => {
	it('gives the same result for the same input and does not change its input', () => {
		const a = inputFor('order', (v) => (v.findings = [SIGN, { ...DUCT, isMajor: false }, { text: '消防通道被堵', isMajor: false }]));
		const before = structuredClone(a.values);
		const first = checkDocument(a);
		const second = checkDocument(a);
		expect(second).toEqual(first);
		expect(checkDocument(structuredClone({ ...a, library }))).toEqual(first);
		expect(a.values).toEqual(before);
	});
});

describe('withAdjustments', () => {
	const base = () => checkDocument(inputFor('order', (v) => (v.unitName = '测试机械公司'))); // loses 1 point

	it('appends a judge’s deduction as a line', () => {
		const b = base();
		const r = withAdjustments(b, [{ points: -2, reason: '整改要求表述不清', judgeId: 7 }]);
		expect(r.total).toBe(roundPoints(b.total - 2));
		expect(r.lines.at(-1)).toEqual({ check: 'judge.adjustment', ref: 'document', label: '评委调整', points: -2, max: 0, passed: false, reason: '整改要求表述不清', judgeId: 7 });
		expect(sum(r.lines.map((l) => l.points))).toBe(r.total);
	});

	it('clamps so that the total stays within 0…max', () => {
		const b = base();
		expect(b.total).toBe(9);
		const up = withAdjustments(b, [{ points: 3, reason: '名称笔误，不影响效力', judgeId: 1 }]);
		expect(up.total).toBe(10);
		expect(up.lines.at(-1)).toMatchObject({ points: 1, reason: '名称笔误，不影响效力（调整 3 分会使得分超出 0～10 分，按 1 分计）' });
		const down = withAdjustments(b, [
			{ points: -5, reason: '文书无效', judgeId: 2 },
			{ points: -6, reason: '另有严重错误', judgeId: 3 },
			{ points: 1, reason: '复核加分', judgeId: 4 }
		]);
		expect(down.lines.slice(-3).map((l) => l.points)).toEqual([-5, -4, 1]);
		expect(down.total).toBe(1);
		expect(sum(down.lines.map((l) => l.points))).toBe(down.total);
	});
});

describe('helpers', () => {
	const certs: [string, string | null][] = [
		['36110001', null],
		['赣应急执 0123', null],
		['', '未填写执法证件号码'],
		['无', '执法证件号码“无”是占位内容，不是真实证号'],
		['xxxxxx', '执法证件号码“xxxxxx”是占位内容，不是真实证号'],
		['000000', '执法证件号码“000000”是占位内容，不是真实证号'],
		['1234', '执法证件号码“1234”是占位内容，不是真实证号'],
		['８８８８８８', '执法证件号码“888888”是占位内容，不是真实证号'],
		['执法证', '执法证件号码“执法证”中没有数字'],
		['A1', '执法证件号码“A1”过短']
	];
	for (const [c, expected] of certs) it(`certificateProblem(${JSON.stringify(c)})`, () => expect(certificateProblem(c)).toBe(expected));

	const titles: [string, string, number][] = [
		['除尘器', '2号除尘器泄爆口被钢板封堵', 1],
		['警示标志', '车间入口未设置安全警示 标志', 1],
		['除尘器泄爆口', '除尘器未设泄爆装置', 0.6],
		['配电箱', '消防通道堵塞', 0]
	];
	for (const [title, text, expected] of titles) it(`titleSimilarity(${title}, ${text})`, () => expect(titleSimilarity(title, text)).toBeCloseTo(expected, 5));

	const fines: [string, number[]][] = [
		['罚款人民币3万元', [30000]],
		['罚款30,000元', [30000]],
		['处罚款人民币叁万伍仟元整', [35000]],
		['罚款1.5万元，并责令改正', [15000]],
		['警告', []]
	];
	for (const [text, expected] of fines) it(`fineAmounts(${text})`, () => expect(fineAmounts(text)).toEqual(expected));

	it('hearingRequired', () => {
		expect(hearingRequired('罚款人民币5万元')).toBe(true);
		expect(hearingRequired('罚款人民币4.9万元')).toBe(false);
		expect(hearingRequired('罚款人民币4万元', 30000)).toBe(true);
		expect(hearingRequired('吊销安全生产许可证')).toBe(true);
		expect(hearingRequired('警告')).toBe(false);
	});

	it('the statement wording is what the rights check reads', () => {
		expect(STATEMENT_TEXT).toContain('3日内');
	});
});
