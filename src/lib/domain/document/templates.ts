/**
 * The six enforcement documents (执法文书) a drill or a practice session asks for, as data: fields plus
 * the fixed wording around them (see types.ts). Built on the 2017 安全生产执法文书 field lists
 * (../shared/domain/REPORT.md §5, 🟡 transcribed from code, not from the gazette) and brought up to
 * today's law:
 *
 * - the issuing body is the 应急管理局/厅 (never the old 安全生产监督管理局), and numbers use 应急 prefixes;
 * - 陈述、申辩 are cited as 《行政处罚法》第四十四条、第四十五条 (2021), not the old 第三十一条、第三十二条;
 * - the 听证 right: 第六十三条 (which penalties), 第六十四条第（一）项 (要求听证 within 5 days of being
 *   informed; the 2017 law gave 3 days);
 * - 行政复议 60 日 (行政复议法 2023 第二十条), 行政诉讼 6 个月 (行政诉讼法第四十六条), 不停止执行
 *   (行政复议法 2023 第四十二条, 行政诉讼法第五十六条, 行政处罚法第七十三条);
 * - 罚款 15 日内缴纳 (行政处罚法第六十七条第三款), 每日 3% 加处罚款 (第七十二条第一款第（一）项).
 * All article numbers above were checked against ../shared/laws/laws.json (行政处罚法 2021: full text;
 * 行政复议法 2023 and 行政诉讼法: the quoted articles). What could not be checked is marked ❓ where used.
 *
 * Fixed wording: sentences the 2017 forms print (「经查，你单位存在下列问题：」, 「现责令你单位对上述第＿项
 * 问题于＿年＿月＿日前整改完毕……」, the 复议/诉讼 sentence) are kept; the rest is our own wording.
 */
import { z } from 'zod';
import { chineseDate } from '../drill/cn-date';
import { err, ok, type Result } from '../result';
import type { DocumentType } from '../scenario/types';
import type { DocumentTemplate, DocumentValues, FieldValue, HazardLineValue, OfficerValue, TemplateBlock, TemplateField } from './types';

// ---------------------------------------------------------------------------------------------------
// Document numbers

/**
 * 「（赣饶）应急责改〔2026〕12号」. The 2017 forms used 安监 prefixes (安监责改); after the 2018 reform the
 * agencies write 应急 + the same code. ❓ REPORT §5.2: post-2018 codes are not verified and vary by
 * province (some write 应急责改, others 应急管责改 or a county code), so `code` stays per template.
 */
export function formatDocumentNumber(n: { region: string; code: string; year: number | string; seq: number | string }): string {
	return `（${n.region}）应急${n.code}〔${n.year}〕${n.seq}号`;
}

/** The number line of a template, with its fields in place. */
const numberLine = (code: string): TemplateBlock => ({
	kind: 'text',
	text: formatDocumentNumber({ region: '{numberRegion}', code, year: '{numberYear}', seq: '{numberSeq}' }),
	align: 'right'
});

// ---------------------------------------------------------------------------------------------------
// Fields shared by several templates

const numberFields: TemplateField[] = [
	{
		key: 'numberRegion',
		label: '地区简称',
		kind: 'text',
		required: true,
		hint: '文号括号中的地区简称，例如：赣饶',
		pattern: { source: '^[\\u4e00-\\u9fff]{1,6}$', message: '地区简称应为 1～6 个汉字' }
	},
	{ key: 'numberYear', label: '文号年份', kind: 'text', required: true, hint: '例如：2026', pattern: { source: '^\\d{4}$', message: '年份应为四位数字' } },
	{ key: 'numberSeq', label: '文号序号', kind: 'text', required: true, hint: '本机关该类文书的顺序号', pattern: { source: '^\\d{1,6}$', message: '序号应为数字' } }
];

const agencyField: TemplateField = {
	key: 'agencyName',
	label: '执法机关',
	kind: 'text',
	required: true,
	prefill: 'agency.name',
	hint: '写机关全称，例如：上饶市应急管理局'
};

const unitName = (label: string): TemplateField => ({ key: 'unitName', label, kind: 'text', required: true, prefill: 'unit.name', hint: '与营业执照上的名称一致' });
const unitAddress: TemplateField = { key: 'unitAddress', label: '地址', kind: 'text', required: true, prefill: 'unit.address' };
const legalRepresentative: TemplateField = {
	key: 'legalRepresentative',
	label: '法定代表人（负责人）',
	kind: 'text',
	required: true,
	prefill: 'unit.legalRepresentative'
};
const representativeTitle: TemplateField = { key: 'representativeTitle', label: '职务', kind: 'text', required: false };
const representativePhone: TemplateField = { key: 'representativePhone', label: '联系电话', kind: 'text', required: false };
const postcode: TemplateField = { key: 'postcode', label: '邮政编码', kind: 'text', required: false, pattern: { source: '^\\d{6}$', message: '邮政编码应为 6 位数字' } };

const officersField: TemplateField = {
	key: 'officers',
	label: '执法人员',
	kind: 'officers',
	required: true,
	prefill: 'team.officers',
	hint: '不少于两名执法人员（行政处罚法第四十二条），写明姓名和执法证件号码'
};

const officerSignatures: TemplateField[] = [
	{ key: 'officerSignature1', label: '执法人员（签名）', kind: 'signature', required: true },
	{ key: 'officerSignature2', label: '执法人员（签名）', kind: 'signature', required: true }
];

const unitSignature = (label: string, hint: string): TemplateField => ({ key: 'unitSignature', label, kind: 'signature', required: false, hint });

const documentDate: TemplateField = { key: 'documentDate', label: '日期', kind: 'date', required: true, prefill: 'today' };

/**
 * 复议机关 and 管辖法院. The 2017 forms name two 复议 bodies: 「＿＿人民政府或者＿＿」(本级人民政府 or the
 * 上一级主管部门). ❓ The 2023 行政复议法 (in force 2024-01-01) generally sends 复议 against a county or
 * city department to the 本级人民政府 (its 第二十四条, recalled: laws.json holds only 第二十条、第二十一条、
 * 第二十三条、第四十二条), so the department is optional here and the check does not require it.
 * Checked in laws.json: 60 日 (第二十条), 不停止执行 (第四十二条), 复议前置 for 当场处罚 (第二十三条第一款
 * 第（一）项, relevant to 当场处罚决定书, which is not among these templates).
 */
const remedyFields: TemplateField[] = [
	{
		key: 'reconsiderationGov',
		label: '行政复议机关（人民政府）',
		kind: 'text',
		required: true,
		hint: '本级人民政府全称，例如：上饶市人民政府'
	},
	{
		key: 'reconsiderationDept',
		label: '行政复议机关（上一级应急管理部门）',
		kind: 'text',
		required: false,
		hint: '2017 年式样设有此栏；2024 年起施行的行政复议法一般由本级人民政府管辖，可留空'
	},
	{ key: 'court', label: '管辖人民法院', kind: 'text', required: true, hint: '例如：上饶市信州区人民法院' }
];

/** The 2017 forms' 复议/诉讼 sentence; `act` is 决定 or 指令. 不停止执行: 行政复议法第四十二条, 行政诉讼法第五十六条. */
const remedyText = (act: '决定' | '指令'): TemplateBlock => ({
	kind: 'text',
	text: `如果不服本${act}，可以依法在60日内向{reconsiderationGov}或者{reconsiderationDept}申请行政复议，或者在6个月内依法向{court}提起行政诉讼，但本${act}不停止执行，法律另有规定的除外。`
});

const header = (title: string, code: string): TemplateBlock[] => [
	{ kind: 'text', text: '{agencyName}', align: 'center' },
	{ kind: 'text', text: title, align: 'center' },
	numberLine(code)
];

const sealAndDate: TemplateBlock[] = [
	{ kind: 'text', text: '{agencyName}（印章）', align: 'right' },
	{ kind: 'text', text: '{documentDate}', align: 'right' }
];

const officersAndSignatures: TemplateBlock[] = [
	{ kind: 'field', field: 'officers', label: '执法人员及执法证件号码' },
	{ kind: 'signatures', fields: ['officerSignature1', 'officerSignature2', 'unitSignature'] }
];

// ---------------------------------------------------------------------------------------------------
// 行政处罚告知书: 陈述申辩 and 听证

/** 陈述、申辩: 行政处罚法第四十四条、第四十五条 (2021, ✅ laws.json). The 3 日 comes from the 2017 form (🟡); the law sets no period. */
export const STATEMENT_TEXT =
	'根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位对上述拟作出的行政处罚享有陈述、申辩的权利。如需陈述、申辩，请自收到本告知书之日起3日内向{agencyName}提出；逾期未提出的，视为放弃此项权利。';

/**
 * The two choices of the notice's 听证 paragraph. 第六十三条 lists the penalties that carry the right
 * (较大数额罚款, 责令停产停业 …); 第六十四条第（一）项: 「当事人要求听证的，应当在行政机关告知后五日内提出」
 * (✅ laws.json). Which fine is 较大数额 is set per province or department (❓, see checks.ts).
 */
export const HEARING_OPTIONS = [
	'根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。要求听证的，应当在收到本告知书后5日内向本机关提出；逾期未提出的，视为放弃听证权利。',
	'本案拟作出的行政处罚不属于《中华人民共和国行政处罚法》第六十三条规定的应当告知听证权利的情形。'
] as const;

// ---------------------------------------------------------------------------------------------------
// The six templates

const inspectionRecord: DocumentTemplate = {
	type: 'inspection_record',
	title: '现场检查记录',
	numberCode: '检记',
	fields: [
		...numberFields,
		agencyField,
		unitName('被检查单位'),
		unitAddress,
		legalRepresentative,
		representativeTitle,
		representativePhone,
		{ key: 'inspectionPlaces', label: '检查场所', kind: 'text', required: true, prefill: 'inspection.places' },
		{ key: 'inspectionStart', label: '检查开始时间', kind: 'datetime', required: true, prefill: 'inspection.date' },
		{ key: 'inspectionEnd', label: '检查结束时间', kind: 'datetime', required: true },
		officersField,
		{
			key: 'findings',
			label: '检查情况（发现的问题）',
			kind: 'hazards',
			required: true,
			prefill: 'team.hazards',
			hint: '逐项写明发现的问题；属于重大事故隐患的勾选「重大」'
		},
		{ key: 'otherFindings', label: '其他检查情况', kind: 'multiline', required: false, hint: '检查经过、已当场纠正的问题等' },
		...officerSignatures,
		unitSignature('被检查单位现场负责人（签名）', '拒绝签字的，执法人员应当将情况记录在案，并向本部门报告（安全生产法第六十八条）'),
		documentDate
	],
	blocks: [
		...header('现场检查记录', '检记'),
		{ kind: 'text', text: '被检查单位：{unitName}' },
		{ kind: 'text', text: '地址：{unitAddress}' },
		{ kind: 'text', text: '法定代表人（负责人）：{legalRepresentative}　职务：{representativeTitle}　联系电话：{representativePhone}' },
		{ kind: 'text', text: '检查场所：{inspectionPlaces}' },
		{ kind: 'text', text: '检查时间：{inspectionStart}至{inspectionEnd}' },
		// The 2017 opening sentence (🟡), with the agency's current name and the officers' numbers inline.
		{
			kind: 'text',
			text: '我们是{agencyName}行政执法人员{officers}，这是我们的执法证件（出示证件）。现依法对你单位进行现场检查，请予以配合。'
		},
		{ kind: 'text', text: '检查情况：' },
		{ kind: 'field', field: 'findings' },
		{ kind: 'field', field: 'otherFindings' },
		{ kind: 'signatures', fields: ['officerSignature1', 'officerSignature2', 'unitSignature'] },
		{ kind: 'text', text: '{documentDate}', align: 'right' }
	]
};

const onsiteMeasuresDecision: DocumentTemplate = {
	type: 'onsite_measures_decision',
	title: '现场处理措施决定书',
	numberCode: '现决',
	fields: [
		...numberFields,
		agencyField,
		unitName('被检查单位'),
		{ key: 'inspectionDate', label: '检查日期', kind: 'date', required: true, prefill: 'inspection.date' },
		{
			key: 'findings',
			label: '违法违规行为和事故隐患',
			kind: 'hazards',
			required: true,
			prefill: 'team.hazards',
			hint: '写需要采取现场处理措施的问题，重大事故隐患勾选「重大」'
		},
		{
			key: 'basis',
			label: '处理依据',
			kind: 'citations',
			required: true,
			hint: '例如：《安全生产法》第六十五条第一款第（三）项'
		},
		{
			key: 'decision',
			label: '现场处理决定',
			kind: 'multiline',
			required: true,
			hint: '逐项写明措施：撤出作业人员、暂时停产停业、停止使用相关设施设备等，以及排除隐患的要求'
		},
		...remedyFields,
		officersField,
		...officerSignatures,
		unitSignature('被检查单位负责人（签名）', '拒绝签字的，由执法人员注明情况'),
		documentDate
	],
	blocks: [
		...header('现场处理措施决定书', '现决'),
		{ kind: 'text', text: '{unitName}：' },
		{ kind: 'text', text: '本机关于{inspectionDate}对你单位进行现场检查时，发现你单位有下列违法违规行为和事故隐患：' },
		{ kind: 'field', field: 'findings' },
		{ kind: 'text', text: '以上问题在排除前或者排除过程中无法保证安全，依据{basis}的规定，现作出如下现场处理决定：' },
		{ kind: 'field', field: 'decision' },
		// 安全生产法第六十五条第一款第（三）项 (✅ laws.json): 「重大事故隐患排除后，经审查同意，方可恢复生产经营和使用」.
		{ kind: 'text', text: '重大事故隐患排除后，经本机关审查同意，方可恢复生产经营和使用。' },
		remedyText('决定'),
		...officersAndSignatures,
		...sealAndDate
	],
	footer: '本文书一式两份：一份由执法机关备案，一份交被检查单位。'
};

const rectificationOrder: DocumentTemplate = {
	type: 'rectification_order',
	title: '责令限期整改指令书',
	numberCode: '责改',
	fields: [
		...numberFields,
		agencyField,
		unitName('被检查单位'),
		{
			key: 'findings',
			label: '存在问题',
			kind: 'hazards',
			required: true,
			prefill: 'team.hazards',
			hint: '只列可以限期整改的问题；重大事故隐患应当作出现场处理措施决定'
		},
		{ key: 'items', label: '整改项次', kind: 'text', required: true, hint: '「对上述第＿项问题」，例如：1、2、3' },
		{ key: 'deadline', label: '整改期限', kind: 'date', required: true },
		...remedyFields,
		officersField,
		...officerSignatures,
		unitSignature('被检查单位负责人（签名）', '拒绝签字的，由执法人员注明情况'),
		documentDate
	],
	blocks: [
		...header('责令限期整改指令书', '责改'),
		{ kind: 'text', text: '{unitName}：' },
		{ kind: 'text', text: '经查，你单位存在下列问题：' },
		{ kind: 'field', field: 'findings' },
		{
			kind: 'text',
			text: '现责令你单位对上述第{items}项问题于{deadline}前整改完毕，达到有关法律法规规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。'
		},
		{ kind: 'text', text: '整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。' },
		remedyText('指令'),
		...officersAndSignatures,
		...sealAndDate
	],
	footer: '本文书一式两份：一份由执法机关备案，一份交被检查单位。'
};

const rectificationReview: DocumentTemplate = {
	type: 'rectification_review',
	title: '整改复查意见书',
	numberCode: '复查',
	fields: [
		...numberFields,
		agencyField,
		unitName('被复查单位'),
		{ key: 'decisionDate', label: '原决定日期', kind: 'date', required: true, prefill: 'inspection.date' },
		{ key: 'decisionName', label: '原决定', kind: 'text', required: true, hint: '例如：责令限期整改指令书' },
		{ key: 'decisionNumber', label: '原决定文号', kind: 'text', required: true, hint: '例如：（赣饶）应急责改〔2026〕12号' },
		{ key: 'reviewOpinion', label: '复查意见', kind: 'multiline', required: true, hint: '逐项写明已整改、未整改的问题及处理意见' },
		officersField,
		...officerSignatures,
		unitSignature('被复查单位负责人（签名）', '拒绝签字的，由执法人员注明情况'),
		documentDate
	],
	blocks: [
		...header('整改复查意见书', '复查'),
		{ kind: 'text', text: '{unitName}：' },
		{ kind: 'text', text: '本机关于{decisionDate}作出了{decisionName}的决定［{decisionNumber}］，经对你单位整改情况进行复查，提出如下意见：' },
		{ kind: 'field', field: 'reviewOpinion' },
		...officersAndSignatures,
		...sealAndDate
	],
	footer: '本文书一式两份：一份由执法机关备案，一份交被复查单位。'
};

const penaltyNotice: DocumentTemplate = {
	type: 'penalty_notice',
	title: '行政处罚告知书',
	numberCode: '罚告',
	fields: [
		...numberFields,
		agencyField,
		unitName('当事人'),
		{ key: 'violations', label: '违法行为', kind: 'hazards', required: true, prefill: 'team.hazards' },
		{ key: 'evidence', label: '主要证据', kind: 'multiline', required: true, hint: '现场检查记录、询问笔录、照片等' },
		{ key: 'violated', label: '违反的规定', kind: 'citations', required: true, prefill: 'team.violated' },
		{ key: 'penaltyBasis', label: '处罚依据', kind: 'citations', required: true, prefill: 'team.penalty' },
		{ key: 'proposedPenalty', label: '拟作出的行政处罚', kind: 'text', required: true, hint: '种类和数额，例如：罚款人民币3万元' },
		{
			key: 'hearingNotice',
			label: '听证权利',
			kind: 'choice',
			required: true,
			options: HEARING_OPTIONS,
			hint: '较大数额罚款、责令停产停业等（行政处罚法第六十三条）应当告知听证权利'
		},
		{ key: 'contactAddress', label: '本机关地址', kind: 'text', required: true },
		postcode,
		{ key: 'contactPerson', label: '联系人', kind: 'text', required: true },
		{ key: 'contactPhone', label: '联系电话', kind: 'text', required: true },
		officersField,
		...officerSignatures,
		unitSignature('当事人（签收）', '当事人拒绝签收的，由执法人员注明情况'),
		documentDate
	],
	blocks: [
		...header('行政处罚告知书', '罚告'),
		{ kind: 'text', text: '{unitName}：' },
		{ kind: 'text', text: '现查明，你单位存在下列行为：' },
		{ kind: 'field', field: 'violations' },
		{ kind: 'text', text: '以上事实主要证据如下：' },
		{ kind: 'field', field: 'evidence' },
		{ kind: 'text', text: '以上行为违反了{violated}的规定，依据{penaltyBasis}的规定，本机关拟对你单位作出{proposedPenalty}的行政处罚。' },
		{ kind: 'text', text: STATEMENT_TEXT },
		{ kind: 'field', field: 'hearingNotice' },
		{ kind: 'text', text: '本机关地址：{contactAddress}　邮政编码：{postcode}　联系人：{contactPerson}　联系电话：{contactPhone}' },
		...officersAndSignatures,
		...sealAndDate
	],
	footer: '本文书一式两份：一份由执法机关存档，一份交当事人。'
};

const penaltyDecisionUnit: DocumentTemplate = {
	type: 'penalty_decision_unit',
	title: '行政处罚决定书（单位）',
	numberCode: '罚',
	fields: [
		...numberFields,
		agencyField,
		unitName('被处罚单位'),
		unitAddress,
		postcode,
		legalRepresentative,
		representativeTitle,
		representativePhone,
		{ key: 'violations', label: '违法事实', kind: 'hazards', required: true, prefill: 'team.hazards' },
		{ key: 'evidence', label: '证据', kind: 'multiline', required: true },
		{
			key: 'statementHandling',
			label: '陈述、申辩（听证）及采纳情况',
			kind: 'multiline',
			required: false,
			hint: '当事人提出的意见和本机关复核、采纳的情况；放弃的写明放弃'
		},
		{ key: 'violated', label: '违反的规定', kind: 'citations', required: true, prefill: 'team.violated' },
		{ key: 'penaltyBasis', label: '处罚依据', kind: 'citations', required: true, prefill: 'team.penalty' },
		{ key: 'penalty', label: '行政处罚', kind: 'multiline', required: true, hint: '处罚种类和数额' },
		{ key: 'paymentBank', label: '罚款缴纳银行', kind: 'text', required: true },
		{ key: 'paymentAccount', label: '缴款账号', kind: 'text', required: true },
		...remedyFields,
		officersField,
		...officerSignatures,
		unitSignature('当事人（签收）', '当事人拒绝签收的，由执法人员注明情况'),
		documentDate
	],
	blocks: [
		...header('行政处罚决定书', '罚'),
		{ kind: 'text', text: '被处罚单位：{unitName}' },
		{ kind: 'text', text: '地址：{unitAddress}　邮政编码：{postcode}' },
		{ kind: 'text', text: '法定代表人（负责人）：{legalRepresentative}　职务：{representativeTitle}　联系电话：{representativePhone}' },
		{ kind: 'text', text: '经查，你单位存在下列违法事实：' },
		{ kind: 'field', field: 'violations' },
		{ kind: 'text', text: '以上事实有下列证据证实：' },
		{ kind: 'field', field: 'evidence' },
		// 行政处罚法第四十四条、第六十二条 (✅): no decision without first informing the party and hearing it.
		{ kind: 'text', text: '本机关已依法告知你单位拟作出的行政处罚内容及事实、理由、依据，以及依法享有的陈述、申辩、要求听证等权利。' },
		{ kind: 'field', field: 'statementHandling' },
		{ kind: 'text', text: '你单位的上述行为违反了{violated}的规定，依据{penaltyBasis}的规定，本机关决定给予你单位如下行政处罚：' },
		{ kind: 'field', field: 'penalty' },
		// 第六十七条第三款 (15 日, 指定的银行或者电子支付系统) and 第七十二条第一款第（一）项 (3%), ✅ laws.json.
		{
			kind: 'text',
			text: '罚款限你单位自收到本决定书之日起15日内缴至{paymentBank}（账号：{paymentAccount}），或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以依照《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的3%加处罚款，加处罚款的数额不得超出罚款的数额。'
		},
		// 第五十九条第一款第（五）项 (途径和期限), 第七十三条 (不停止执行), 行政诉讼法第九十七条 (申请强制执行), ✅ laws.json.
		{
			kind: 'text',
			text: '如果不服本决定，可以依法在60日内向{reconsiderationGov}或者{reconsiderationDept}申请行政复议，或者在6个月内依法向{court}提起行政诉讼。申请行政复议或者提起行政诉讼期间，行政处罚不停止执行，法律另有规定的除外。逾期不申请行政复议、不提起行政诉讼又不履行本决定的，本机关将依法申请人民法院强制执行。'
		},
		...officersAndSignatures,
		...sealAndDate
	],
	footer: '本文书一式两份：一份由执法机关存档，一份交被处罚单位。'
};

export const DOCUMENT_TEMPLATES: Record<DocumentType, DocumentTemplate> = {
	inspection_record: inspectionRecord,
	onsite_measures_decision: onsiteMeasuresDecision,
	rectification_order: rectificationOrder,
	rectification_review: rectificationReview,
	penalty_notice: penaltyNotice,
	penalty_decision_unit: penaltyDecisionUnit
};

export function templateFor(type: DocumentType): DocumentTemplate {
	return DOCUMENT_TEMPLATES[type];
}

const LIST_KINDS = new Set(['officers', 'citations', 'hazards']);

/** A new, blank document: '' for every single-value field, [] for lists. */
export function emptyValues(template: DocumentTemplate): DocumentValues {
	return Object.fromEntries(template.fields.map((f) => [f.key, LIST_KINDS.has(f.kind) ? [] : '']));
}

// ---------------------------------------------------------------------------------------------------
// Rendering values into the fixed wording (for previews and for the checks, which read what is printed)

/** 2026-11-29T09:30 → 2026年11月29日9时30分; anything else unchanged. */
export function chineseDateTime(value: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!m) return value;
	const day = chineseDate(m[1]);
	return day === m[1] ? value : `${day}${Number(m[2])}时${m[3]}分`;
}

/** A field's value as printed inside a sentence or as a block; '' for an empty value. */
export function renderValue(field: TemplateField, value: FieldValue | undefined): string {
	if (value === undefined) return '';
	if (typeof value === 'string') {
		if (field.kind === 'date') return chineseDate(value);
		if (field.kind === 'datetime') return chineseDateTime(value);
		return value;
	}
	if (field.kind === 'officers') {
		return (value as OfficerValue[])
			.filter((o) => o.name || o.certificate)
			.map((o) => `${o.name}（执法证件号码：${o.certificate}）`)
			.join('、');
	}
	if (field.kind === 'hazards') {
		return (value as HazardLineValue[])
			.filter((h) => h.text)
			.map((h, i) => `${i + 1}. ${h.text}${h.isMajor ? '（重大事故隐患）' : ''}`)
			.join('\n');
	}
	return (value as string[]).filter(Boolean).join('、');
}

/** The whole printed text, block by block, with values in place of {fieldKey}; signature blocks give their labels and names. */
export function documentText(template: DocumentTemplate, values: DocumentValues): string {
	const byKey = new Map(template.fields.map((f) => [f.key, f]));
	const value = (key: string) => {
		const f = byKey.get(key);
		return f ? renderValue(f, values[key]) : '';
	};
	const lines = template.blocks.map((b) => {
		if (b.kind === 'text') return b.text.replace(/\{([A-Za-z0-9]+)\}/g, (_, k: string) => value(k));
		if (b.kind === 'field') return value(b.field);
		return b.fields.map((k) => `${byKey.get(k)?.label ?? k}：${value(k)}`).join('　');
	});
	if (template.footer) lines.push(template.footer);
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Validation (autosave is per field; a submitted document is validated whole)

export const TEXT_MAX = 200;
export const MULTILINE_MAX = 5000;
export const CITATIONS_MAX = 20;
export const CITATION_MAX = 300;
export const OFFICERS_MAX = 4;
export const HAZARDS_MAX = 50;
export const HAZARD_TEXT_MAX = 500;
const NAME_MAX = 50;

/** yyyy-mm-dd that is a real calendar date (2026-02-30 is not). */
export function isRealDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** yyyy-mm-ddThh:mm with a real date and a real time of day. */
export function isRealDateTime(s: string): boolean {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(s);
	return !!m && isRealDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
}

const fmt = (label: string) => `「${label}」`;
/** Messages of an object's own issues (not its properties'): unknown keys, or not an object at all. */
const objectError = (l: string) => (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? `${l}含有未知内容` : `${l}的格式不正确`);

/**
 * The zod schema of one field's value. Empty strings and empty lists are accepted: a draft is saved
 * half-filled, and the checks (not the parser) say what is missing.
 */
function fieldSchema(field: TemplateField): z.ZodType<FieldValue> {
	const l = fmt(field.label);
	const str = (max: number) => z.string({ error: `${l}应为文字` }).trim().max(max, `${l}不能超过 ${max} 个字`);
	switch (field.kind) {
		case 'text':
		case 'signature': {
			const s = str(TEXT_MAX);
			const p = field.pattern;
			if (!p) return s;
			const re = new RegExp(p.source);
			return s.refine((v) => v === '' || re.test(v), `${l}：${p.message}`);
		}
		case 'multiline':
			return str(MULTILINE_MAX);
		case 'date':
			return str(10).refine((v) => v === '' || isRealDate(v), `${l}应为有效日期（年-月-日）`);
		case 'datetime':
			return str(16).refine((v) => v === '' || isRealDateTime(v), `${l}应为有效的日期和时间（年-月-日 时:分）`);
		case 'choice': {
			const options = field.options ?? [];
			return str(MULTILINE_MAX).refine((v) => v === '' || options.includes(v), `${l}应从给定选项中选择`);
		}
		case 'citations':
			return z
				.array(z.string({ error: `${l}的每条应为文字` }).trim().max(CITATION_MAX, `${l}每条不能超过 ${CITATION_MAX} 个字`), { error: `${l}应为条款列表` })
				.max(CITATIONS_MAX, `${l}最多 ${CITATIONS_MAX} 条`);
		case 'officers':
			return z
				.array(
					z.strictObject(
						{
							name: z.string({ error: `${l}的姓名应为文字` }).trim().max(NAME_MAX, `${l}的姓名不能超过 ${NAME_MAX} 个字`),
							certificate: z.string({ error: `${l}的证件号码应为文字` }).trim().max(NAME_MAX, `${l}的证件号码不能超过 ${NAME_MAX} 个字`)
						},
						{ error: objectError(l) }
					),
					{ error: `${l}应为执法人员列表` }
				)
				.max(OFFICERS_MAX, `${l}最多 ${OFFICERS_MAX} 名`);
		case 'hazards':
			return z
				.array(
					z.strictObject(
						{
							text: z.string({ error: `${l}的内容应为文字` }).trim().max(HAZARD_TEXT_MAX, `${l}每项不能超过 ${HAZARD_TEXT_MAX} 个字`),
							isMajor: z.boolean({ error: `${l}的「重大」标记应为是或否` })
						},
						{ error: objectError(l) }
					),
					{ error: `${l}应为问题列表` }
				)
				.max(HAZARDS_MAX, `${l}最多 ${HAZARDS_MAX} 项`);
	}
}

/** Field key → first Chinese message, from a zod error whose paths start at the field. */
function messagesByField(error: z.ZodError, fallbackKey: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
			for (const k of issue.keys) out[k] ??= `未知字段「${k}」`;
			continue;
		}
		const key = typeof issue.path[0] === 'string' ? issue.path[0] : fallbackKey;
		out[key] ??= issue.message;
	}
	return out;
}

const schemaCache = new WeakMap<DocumentTemplate, z.ZodType<DocumentValues>>();

function documentSchema(template: DocumentTemplate): z.ZodType<DocumentValues> {
	let schema = schemaCache.get(template);
	if (!schema) {
		const shape = Object.fromEntries(template.fields.map((f) => [f.key, fieldSchema(f).optional()]));
		schema = z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : '文书内容格式不正确') }) as unknown as z.ZodType<DocumentValues>;
		schemaCache.set(template, schema);
	}
	return schema;
}

/**
 * Validates a whole document's values: unknown keys are refused, each field by its kind, strings
 * trimmed. Missing fields are allowed (a draft). The error's params map field keys to Chinese
 * messages ('document' for a value that is not an object at all).
 */
export function parseDocumentValues(template: DocumentTemplate, raw: unknown): Result<DocumentValues, 'document.invalid_values'> {
	const r = documentSchema(template).safeParse(raw);
	if (r.success) return ok(Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)));
	return err('document.invalid_values', messagesByField(r.error, 'document'));
}

/** Validates one field's value (autosave); the error's params map the field key to its message. */
export function parseFieldValue(field: TemplateField, raw: unknown): Result<FieldValue, 'document.invalid_value'> {
	const r = fieldSchema(field).safeParse(raw);
	if (r.success) return ok(r.data);
	return err('document.invalid_value', { [field.key]: r.error.issues[0]?.message ?? `${fmt(field.label)}的格式不正确` });
}
