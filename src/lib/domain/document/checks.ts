/**
 * Automatic checks of a drafted enforcement document (文书制作), as explainable line items (DESIGN.md
 * "Scores are explainable"): each line names the check, the field, the points earned out of its share,
 * and a sentence a trainee can act on. A pure function of its input: no clock, no randomness, lines in
 * a fixed order, so re-running it gives the same result.
 *
 * Points: `requirement.points` (default 10) is split over check groups by GROUP_WEIGHTS; a group that
 * does not apply to a document type (no rights notice on a 现场检查记录, no problem list on a 整改复查
 * 意见书) gives its weight to the others in proportion, and inside a group every line is worth the same.
 * Line maxima are whole cents that add up exactly to the document's points (largest remainder), each
 * line earns roundPoints(max × fraction), and Σ lines = total.
 *
 * A document with nothing filled in earns nothing, and checks with nothing to look at (no problem
 * listed, nothing cited) earn nothing either, so the form's printed wording is never worth points alone.
 *
 * What the checks cannot read (the plain-words `requirement.facts`, the quality of 现场处理决定 wording)
 * is left to the judges, whose adjustments are appended with withAdjustments.
 */
import { getLaw } from '../law/catalog';
import { formatCitation, parseCitations, type Citation } from '../law/citation';
import { compareCitation, type CitationGrade, type CitationRef } from '../law/compare';
import { parseChineseNumber } from '../law/cn-numerals';
import { validateCitation, type LibraryIndex } from '../law/validate';
import { roundPoints } from '../drill/points';
import { chineseDate } from '../drill/cn-date';
import type { DocumentType, Enterprise, Measure, RequiredDocument } from '../scenario/types';
import { HEARING_OPTIONS, documentText, isRealDate, isRealDateTime } from './templates';
import type { DocumentTemplate, DocumentValues, FieldValue, HazardLineValue, OfficerValue, TemplateField } from './types';

// ---------------------------------------------------------------------------------------------------
// Input and result

/** A hazard as the team recorded it in the 现场检查 stage (title = the inspection item's title). */
export interface TeamHazard {
	title: string;
	classification: 'general' | 'major' | null;
	violated: string[];
	penalty: string[];
	measures: Measure[];
	deadlineDays: number | null;
}

/** The scenario key of a planted hazard. */
export interface KeyHazard {
	title: string;
	classification: 'general' | 'major';
	/** The 判定标准 provision that makes it 重大; citing it in the document is never an error. */
	majorCriterion?: string | null;
	violated: string[];
	penalty: string[];
	measures: Measure[];
	deadlineDays: { min: number; max: number } | null;
}

export interface DocumentCheckInput {
	template: DocumentTemplate;
	values: DocumentValues;
	/** The scenario's requirement for this document; only its points are used (default 10). */
	requirement?: RequiredDocument;
	enterprise: Enterprise;
	/** The places the team inspected and the day (yyyy-mm-dd). */
	inspection: { places: string[]; date: string };
	teamHazards: TeamHazard[];
	keyHazards: KeyHazard[];
	library: LibraryIndex;
	/** The issuing agency's name when known (the drill's organiser); otherwise only its form is checked. */
	agencyName?: string;
	/**
	 * A fine from this amount (yuan) up counts as 较大数额罚款 (行政处罚法第六十三条第一款第（一）项), so
	 * the notice must offer a hearing. ❓ The amount is set per province/department; 50 000 for a unit is
	 * recalled from the 2015 《安全生产违法行为行政处罚办法》 and not verified (its 2026 successor, 应急管理部令
	 * 第18号, was not available). Let the organiser set it.
	 */
	hearingFineThreshold?: number;
}

export const CHECK_GROUPS = ['required', 'facts', 'hazards', 'provisions', 'dates', 'rights'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

/**
 * Share of a document's points per group. Filling every required item and having two certified
 * officers is what makes the document lawful at all (行政处罚法第四十二条), so it weighs most; facts,
 * hazards and provisions are the substance a judge reads; the rights notice is short but missing it
 * changes the appeal period (行政复议法第二十条第三款), so it gets more than the dates.
 */
export const GROUP_WEIGHTS: Record<CheckGroup, number> = { required: 0.25, facts: 0.2, hazards: 0.2, provisions: 0.2, dates: 0.05, rights: 0.1 };

export const DEFAULT_DOCUMENT_POINTS = 10;
export const DEFAULT_HEARING_FINE_THRESHOLD = 50_000;

export const DOCUMENT_CHECKS = [
	'required.fields',
	'required.officers',
	'facts.agency',
	'facts.unit_name',
	'facts.address',
	'facts.legal_representative',
	'facts.places',
	'facts.inspection_date',
	'hazards.recorded',
	'hazards.invented',
	'hazards.placement',
	'hazards.classification',
	'provisions.valid',
	'provisions.match',
	'dates.inspection_period',
	'dates.deadline',
	'dates.document_date',
	'dates.number_year',
	'rights.reconsideration',
	'rights.litigation',
	'rights.no_suspension',
	'rights.statement',
	'rights.hearing',
	'rights.payment',
	'judge.adjustment'
] as const;
export type DocumentCheckCode = (typeof DOCUMENT_CHECKS)[number];

export interface DocumentCheckLine {
	check: DocumentCheckCode;
	/** The field the line is about, or 'document'. */
	ref: string;
	/** Short Chinese name of the check. */
	label: string;
	/** Earned, rounded with roundPoints; negative only for a judge's deduction. */
	points: number;
	max: number;
	passed: boolean;
	/** Why the points were earned or lost, in a sentence a trainee can act on. */
	reason: string;
	/** For 'judge.adjustment' lines. */
	judgeId?: number;
}

export interface DocumentCheckResult {
	lines: DocumentCheckLine[];
	/** Σ lines[].points; 0 ≤ total ≤ max. */
	total: number;
	max: number;
}

/** A judge's correction of the automatic score, with the reason (audited by the caller). */
export interface JudgedAdjustment {
	points: number;
	reason: string;
	judgeId: number;
}

/** A line before points are allocated: the fraction 0…1 of its share that it earns. */
interface Pending {
	group: CheckGroup;
	check: DocumentCheckCode;
	ref: string;
	label: string;
	fraction: number;
	reason: string;
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

/** Full/half width, case and spaces do not matter when comparing facts (ＡＢＣ１ = abc1, 测试路 1 号 = 测试路1号). */
export function normalizeFact(s: string): string {
	return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** normalizeFact without parenthesised notes: 陈立新（总经理） = 陈立新. */
const withoutNotes = (s: string) => normalizeFact(s).replace(/\([^()]*\)/g, '');
/** normalizeFact without punctuation and symbols, for similarity. */
const loose = (s: string) => normalizeFact(s).replace(/[\p{P}\p{S}]/gu, '');

const quote = (s: string, max = 24) => `“${s.length > max ? `${s.slice(0, max)}…` : s}”`;
const list = (xs: string[]) => xs.join('、');

/**
 * How well a recorded hazard's title matches a line of the document, 0…1: 1 when the line contains the
 * title, else the share of the title's character pairs found in the line (除尘器泄爆口 vs 除尘器未设泄爆装置).
 */
export function titleSimilarity(title: string, text: string): number {
	const t = loose(title);
	const x = loose(text);
	if (!t || !x) return 0;
	if (x.includes(t)) return 1;
	const chars = [...t];
	if (chars.length === 1) return 0;
	let hits = 0;
	for (let i = 0; i + 1 < chars.length; i++) if (x.includes(chars[i] + chars[i + 1])) hits++;
	return hits / (chars.length - 1);
}

/** A line names a recorded hazard at or above this similarity. */
export const TITLE_MATCH = 0.6;

const isBlank = (v: FieldValue | undefined): boolean => {
	if (v === undefined) return true;
	if (typeof v === 'string') return v.trim() === '';
	return !(v as unknown[]).some((x) =>
		typeof x === 'string' ? x.trim() !== '' : typeof x === 'object' && x !== null && Object.values(x).some((y) => typeof y === 'string' && y.trim() !== '')
	);
};

const str = (v: FieldValue | undefined): string => (typeof v === 'string' ? v.trim() : '');
const hazardLines = (v: FieldValue | undefined): HazardLineValue[] =>
	Array.isArray(v) ? (v as HazardLineValue[]).filter((h) => typeof h === 'object' && h !== null && typeof h.text === 'string' && h.text.trim() !== '') : [];
const officerList = (v: FieldValue | undefined): OfficerValue[] =>
	Array.isArray(v) ? (v as OfficerValue[]).filter((o) => typeof o === 'object' && o !== null && `${o.name ?? ''}${o.certificate ?? ''}`.trim() !== '') : [];

/** Days from a to b (both yyyy-mm-dd). */
function daysBetween(a: string, b: string): number {
	const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
	return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The date part of a date or datetime value when it is a real date, else ''. */
function datePart(v: string): string {
	const d = v.slice(0, 10);
	return isRealDate(d) && (v.length === 10 || isRealDateTime(v)) ? d : '';
}

// ---------------------------------------------------------------------------------------------------
// Required fields and officers

/** Values people type when they do not know the number: 无, 待定, xxxx, ****, 123456, 000000 … */
const PLACEHOLDER = /^(无|暂无|待定|待补|待填|略|不详|未知|同上|见证件|证件号|证件号码|证号|执法证号|n\/?a|none|tbd|x+|\*+|_+|-+|—+|＿+|\?+|？+|0+|某+)$/i;

/** Why a certificate number is not acceptable, or null. Numbers differ by province, so only the obvious is refused. */
export function certificateProblem(certificate: string): string | null {
	const s = certificate.normalize('NFKC').replace(/\s+/g, '');
	if (!s) return '未填写执法证件号码';
	if (PLACEHOLDER.test(s) || /^(.)\1+$/u.test(s) || /x{3,}|\*{3,}|…|\.\.\./i.test(s) || (s.length >= 3 && '1234567890'.startsWith(s)))
		return `执法证件号码${quote(s)}是占位内容，不是真实证号`;
	if (!/\d/.test(s)) return `执法证件号码${quote(s)}中没有数字`;
	if (s.length < 4) return `执法证件号码${quote(s)}过短`;
	return null;
}

function requiredChecks(template: DocumentTemplate, values: DocumentValues): Pending[] {
	const required = template.fields.filter((f) => f.required && f.kind !== 'officers');
	const missing = required.filter((f) => isBlank(values[f.key]));
	const out: Pending[] = [
		{
			group: 'required',
			check: 'required.fields',
			ref: 'document',
			label: '必填项',
			fraction: required.length === 0 ? 1 : (required.length - missing.length) / required.length,
			reason: missing.length === 0 ? `${required.length} 个必填项均已填写。` : `未填写必填项：${list(missing.map((f) => f.label))}。`
		}
	];
	for (const f of template.fields.filter((x) => x.kind === 'officers')) {
		const officers = officerList(values[f.key]);
		const problems: string[] = [];
		let good = 0;
		const seenCerts = new Set<string>();
		const seenNames = new Set<string>();
		for (const [i, o] of officers.slice(0, 2).entries()) {
			const who = `第${i + 1}名执法人员`;
			const name = (o.name ?? '').trim();
			const cert = (o.certificate ?? '').trim();
			const certIssue = certificateProblem(cert);
			if (!name) problems.push(`${who}未填写姓名`);
			else if (seenNames.has(normalizeFact(name))) problems.push(`${who}与前一名同名`);
			else if (certIssue) problems.push(`${name}：${certIssue}`);
			else if (seenCerts.has(normalizeFact(cert))) problems.push(`${name}的执法证件号码与前一名相同`);
			else good++;
			seenNames.add(normalizeFact(name));
			seenCerts.add(normalizeFact(cert));
		}
		if (officers.length < 2) problems.push(`只填写了 ${officers.length} 名执法人员，执法人员不得少于两人（行政处罚法第四十二条）`);
		out.push({
			group: 'required',
			check: 'required.officers',
			ref: f.key,
			label: '执法人员及证号',
			fraction: good / 2,
			reason: problems.length === 0 ? '两名执法人员的姓名和执法证件号码齐全。' : `${problems.join('；')}。`
		});
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------
// Facts

function factChecks(input: DocumentCheckInput): Pending[] {
	const { template, values, enterprise, inspection } = input;
	const out: Pending[] = [];
	const line = (check: DocumentCheckCode, f: TemplateField, ok: boolean | number, reason: string): Pending => ({
		group: 'facts',
		check,
		ref: f.key,
		label: f.label,
		fraction: typeof ok === 'number' ? ok : ok ? 1 : 0,
		reason
	});
	for (const f of template.fields) {
		const v = str(values[f.key]);
		if (f.key === 'agencyName') {
			const expected = input.agencyName?.trim();
			if (!v) out.push(line('facts.agency', f, false, expected ? `未填写执法机关，应为“${expected}”。` : '未填写执法机关名称。'));
			else if (/安全生产监督管理|安监/.test(v))
				out.push(line('facts.agency', f, false, `执法机关${quote(v)}是机构改革前的名称，应写现在的应急管理部门全称${expected ? `“${expected}”` : '（如“上饶市应急管理局”）'}。`));
			else if (expected && normalizeFact(v) !== normalizeFact(expected)) out.push(line('facts.agency', f, false, `执法机关名称不正确：应为“${expected}”。`));
			else if (!expected && !/应急管理/.test(v)) out.push(line('facts.agency', f, false, `执法机关${quote(v)}不是应急管理部门的名称，应写机关全称（如“上饶市应急管理局”）。`));
			else out.push(line('facts.agency', f, true, '执法机关名称正确。'));
			continue;
		}
		switch (f.prefill) {
			case 'unit.name': {
				const ok = !!v && normalizeFact(v) === normalizeFact(enterprise.name);
				const reason = ok
					? `${f.label}名称与企业登记名称一致。`
					: v
						? `${f.label}名称与企业登记名称不一致：应为“${enterprise.name}”。`
						: `未填写${f.label}名称，应为“${enterprise.name}”。`;
				out.push(line('facts.unit_name', f, ok, reason));
				break;
			}
			case 'unit.address': {
				const ok = !!v && (normalizeFact(v) === normalizeFact(enterprise.address) || withoutNotes(v) === withoutNotes(enterprise.address));
				out.push(line('facts.address', f, ok, ok ? '地址与企业登记地址一致。' : `${v ? '地址与企业登记地址不一致' : '未填写地址'}：应为“${enterprise.address}”。`));
				break;
			}
			case 'unit.legalRepresentative': {
				const accepted = [enterprise.legalRepresentative, enterprise.principal].filter((x) => x.trim());
				const ok = !!v && accepted.some((a) => normalizeFact(a) === normalizeFact(v) || (withoutNotes(v) !== '' && withoutNotes(a) === withoutNotes(v)));
				const expected = `应为法定代表人“${enterprise.legalRepresentative}”${enterprise.principal.trim() ? `或主要负责人“${enterprise.principal}”` : ''}`;
				out.push(line('facts.legal_representative', f, ok, ok ? `${f.label}与企业登记一致。` : `${v ? `${f.label}与企业登记不一致` : `未填写${f.label}`}：${expected}。`));
				break;
			}
			case 'inspection.places': {
				const places = inspection.places.filter((p) => p.trim());
				const missing = places.filter((p) => !loose(v).includes(loose(p)));
				const fraction = !v ? 0 : places.length === 0 ? 1 : (places.length - missing.length) / places.length;
				const reason = !v
					? `未填写${f.label}${places.length ? `，应写明：${list(places)}` : ''}。`
					: missing.length
						? `${f.label}漏写了检查过的场所：${list(missing)}。`
						: `${f.label}与实际检查的场所一致。`;
				out.push(line('facts.places', f, fraction, reason));
				break;
			}
			case 'inspection.date': {
				const d = datePart(v);
				const ok = d === inspection.date;
				const expected = chineseDate(inspection.date);
				out.push(
					line('facts.inspection_date', f, ok, ok ? `${f.label}与实际检查日期（${expected}）一致。` : !v ? `未填写${f.label}，应为${expected}。` : `${f.label}与检查日期不一致：检查日期是${expected}。`)
				);
				break;
			}
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------
// Hazards

interface Recorded {
	team: TeamHazard;
	key: KeyHazard | undefined;
	/** 重大 by the key or by the team's own record: either way it does not belong in a 指令书. */
	major: boolean;
	/** The classification the document should show: the key's when there is one. */
	expectedMajor: boolean | null;
	measures: Measure[];
}

/** Measures that need a 现场处理措施决定书 (安全生产法第六十五条第一款第（三）项、第（四）项). */
const ONSITE_MEASURES: readonly Measure[] = ['remove_immediately', 'evacuate_workers', 'suspend_production', 'stop_using_equipment', 'seize'];

function recordedHazards(team: readonly TeamHazard[], keys: readonly KeyHazard[]): Recorded[] {
	return team.map((t) => {
		const key =
			keys.find((k) => loose(k.title) === loose(t.title)) ??
			keys.find((k) => titleSimilarity(k.title, t.title) >= 0.8 && titleSimilarity(t.title, k.title) >= 0.8);
		const classification = key?.classification ?? t.classification;
		return {
			team: t,
			key,
			major: key?.classification === 'major' || t.classification === 'major',
			expectedMajor: classification === null ? null : classification === 'major',
			measures: key ? key.measures : t.measures
		};
	});
}

/** Whether a recorded hazard must appear in this type of document. */
function mustList(type: DocumentType, r: Recorded): boolean {
	switch (type) {
		case 'inspection_record':
			return true;
		case 'onsite_measures_decision':
			return r.major;
		case 'rectification_order':
			return !r.major && r.measures.includes('rectify_within_deadline');
		// A penalty case may cover one violation or several (立案 is per case), so none is compulsory here;
		// the document must still list at least one recorded problem and nothing else.
		case 'penalty_notice':
		case 'penalty_decision_unit':
		case 'rectification_review':
			return false;
	}
}

interface LineMatch {
	index: number;
	line: HazardLineValue;
	matches: Recorded[];
}

function matchLines(lines: HazardLineValue[], recorded: Recorded[]): LineMatch[] {
	return lines.map((line, index) => ({ index, line, matches: recorded.filter((r) => titleSimilarity(r.team.title, line.text) >= TITLE_MATCH) }));
}

const itemName = (m: LineMatch) => `第${m.index + 1}项${quote(m.line.text.trim())}`;

function hazardChecks(input: DocumentCheckInput, recorded: Recorded[]): { lines: Pending[]; concerned: Recorded[] } {
	const { template, values } = input;
	const field = template.fields.find((f) => f.kind === 'hazards');
	if (!field) return { lines: [], concerned: recorded };
	const matched = matchLines(hazardLines(values[field.key]), recorded);
	const concerned = recorded.filter((r) => matched.some((m) => m.matches.includes(r)));
	const out: Pending[] = [];
	const push = (check: DocumentCheckCode, label: string, fraction: number, reason: string) =>
		out.push({ group: 'hazards', check, ref: field.key, label, fraction, reason });

	const required = recorded.filter((r) => mustList(template.type, r));
	const absent = required.filter((r) => !concerned.includes(r));
	if (matched.length === 0) push('hazards.recorded', '问题列全', 0, `${field.label}一项也没有填写${required.length ? `，应列入：${list(required.map((r) => quote(r.team.title)))}` : ''}。`);
	else if (required.length === 0) {
		const any = concerned.length > 0;
		push('hazards.recorded', '问题列全', any ? 1 : 0, any ? '所列问题来自现场检查记录。' : `${field.label}没有一项是现场检查中记录的问题。`);
	} else
		push(
			'hazards.recorded',
			'问题列全',
			(required.length - absent.length) / required.length,
			absent.length
				? `${field.label}漏列了现场检查中记录的问题：${list(absent.map((r) => quote(r.team.title)))}。`
				: `现场检查中记录的 ${required.length} 项应列入的问题均已列入。`
		);

	const invented = matched.filter((m) => m.matches.length === 0);
	push(
		'hazards.invented',
		'无虚列问题',
		matched.length === 0 ? 0 : (matched.length - invented.length) / matched.length,
		matched.length === 0
			? `${field.label}为空。`
			: invented.length
				? `${list(invented.map(itemName))}与现场检查中记录的问题都对应不上，文书只能写检查中查明的问题。`
				: '所列问题均来自现场检查记录。'
	);

	if (template.type === 'rectification_order') {
		const bad = matched.filter((m) => m.line.isMajor || m.matches.some((r) => r.major));
		push(
			'hazards.placement',
			'文书适用',
			bad.length || matched.length === 0 ? 0 : 1,
			matched.length === 0
				? '未列出问题，无从判断。'
				: bad.length
					? `${list(bad.map(itemName))}属于重大事故隐患，应当依法责令撤出人员、停产停业或者停止使用，制作现场处理措施决定书，不能只下达责令限期整改指令书。`
					: '所列问题均可限期整改，没有重大事故隐患。'
		);
	}
	if (template.type === 'onsite_measures_decision') {
		const bad = matched.filter((m) => m.matches.length > 0 && m.matches.every((r) => !r.major && !r.measures.some((x) => ONSITE_MEASURES.includes(x))));
		push(
			'hazards.placement',
			'文书适用',
			bad.length || matched.length === 0 ? 0 : 1,
			matched.length === 0
				? '未列出问题，无从判断。'
				: bad.length
					? `${list(bad.map(itemName))}是一般事故隐患，不需要现场处理措施，应列入责令限期整改指令书。`
					: '所列问题均需要现场处理措施。'
		);
	}
	if (template.type === 'inspection_record' || template.type === 'onsite_measures_decision') {
		const judged = matched.filter((m) => m.matches.some((r) => r.expectedMajor !== null));
		const wrong = judged.filter((m) => m.line.isMajor !== m.matches.some((r) => r.expectedMajor === true));
		push(
			'hazards.classification',
			'重大隐患标注',
			matched.length === 0 ? 0 : judged.length === 0 ? 1 : (judged.length - wrong.length) / judged.length,
			matched.length === 0
				? '未列出问题，无从判断。'
				: wrong.length
					? `${list(wrong.map((m) => `${itemName(m)}${m.line.isMajor ? '不属于重大事故隐患，不应标注为重大' : '属于重大事故隐患，应标注为重大'}`))}。`
					: '重大事故隐患的标注正确。'
		);
	}
	return { lines: out, concerned };
}

// ---------------------------------------------------------------------------------------------------
// Provisions

/** Credit of a cited provision against an expected one (as in drill scoring). */
const CREDIT: Record<CitationGrade, number> = { exact: 1, article: 0.5, law: 0, wrong: 0 };

/** 现场处理措施的依据: 安全生产法第六十五条第一款第（三）项 (✅ laws.json); 第一款 is not required, most forms omit it. */
const HANDLING_BASIS: CitationRef[] = [{ lawId: 'work-safety-law', article: 65, item: 3 }];

/**
 * Procedural provisions a document may cite besides the hazards' own: 安全生产法第六十五条 (检查职权),
 * 第六十七条、第六十八条 (证件、记录), 第七十条 (停电); 行政处罚法第四十四条、第四十五条、第六十二条 (告知,
 * 陈述申辩), 第六十三条、第六十四条 (听证), 第六十七条、第七十二条、第七十三条 (缴纳、加处罚款、不停止执行).
 */
const PROCEDURAL: CitationRef[] = [
	...[65, 67, 68, 70].map((article) => ({ lawId: 'work-safety-law', article })),
	...[44, 45, 62, 63, 64, 67, 72, 73].map((article) => ({ lawId: 'admin-penalty-law', article }))
];

/** Before the 2021 revision, 陈述、申辩 were 行政处罚法第三十一条、第三十二条; today those articles are about other things. */
const OLD_STATEMENT_ARTICLES = new Set([31, 32]);
const mentionsStatement = (text: string) => /陈述|申辩/.test(text);

interface GivenCitation {
	c: Citation;
	field: TemplateField;
	written: string;
	context: string;
}

/** Every citation in the values (citations, problem lists, free text); fixed wording and choices are the template's, not the trainee's. */
function givenCitations(template: DocumentTemplate, values: DocumentValues): GivenCitation[] {
	const out: GivenCitation[] = [];
	for (const field of template.fields) {
		const v = values[field.key];
		let texts: string[] = [];
		if (field.kind === 'citations' && Array.isArray(v)) texts = (v as string[]).filter((x) => typeof x === 'string');
		else if (field.kind === 'hazards') texts = hazardLines(v).map((h) => h.text);
		else if ((field.kind === 'multiline' || field.kind === 'text') && typeof v === 'string') texts = [v];
		for (const text of texts) for (const c of parseCitations(text)) out.push({ c, field, written: text.slice(c.start, c.end), context: text });
	}
	return out;
}

const refsIn = (texts: readonly (string | null | undefined)[]): CitationRef[] => {
	const seen = new Map<string, CitationRef>();
	for (const t of texts) {
		if (!t) continue;
		for (const c of parseCitations(t)) {
			if (!c.lawId) continue;
			const k = `${c.lawId}|${c.article}|${c.paragraph ?? ''}|${c.item ?? ''}`;
			if (!seen.has(k)) seen.set(k, { lawId: c.lawId, article: c.article, paragraph: c.paragraph, item: c.item });
		}
	}
	return [...seen.values()];
};

/** What a cited provision gets wrong, or null when it is fine (or cannot be confirmed because the library text is partial). */
function citationProblem(g: GivenCitation, library: LibraryIndex): string | null {
	const { c, written } = g;
	if (c.lawId === null) return c.lawName ? `${quote(written, 40)}中的“${c.lawName}”不在法规库中，无法核对` : `${quote(written, 40)}没有写明法律、法规名称`;
	const law = getLaw(c.lawId);
	const verdict = validateCitation(c, library);
	if (verdict === 'superseded') {
		const current = law?.supersededBy ? getLaw(law.supersededBy) : undefined;
		return `${quote(written, 40)}引用的是已被取代的${law?.shortTitle ?? c.lawName}${current ? `，现行为《${current.shortTitle}》（${current.edition ?? current.effective}），条文序号已调整，应按现行版本引用` : ''}`;
	}
	if (verdict === 'no_such_article') return `${quote(written, 40)}：《${law?.shortTitle ?? c.lawName}》没有这一条`;
	if (verdict === 'unknown_law') return `${quote(written, 40)}：法规库中没有这部法规`;
	if (c.lawId === 'admin-penalty-law' && OLD_STATEMENT_ARTICLES.has(c.article) && mentionsStatement(g.context))
		return `${quote(written, 40)}是2021年修订前行政处罚法的条文序号；陈述、申辩现为第四十四条、第四十五条`;
	return null;
}

/** Which fields must cite which provisions, per document type; types without slots only have what they cite graded. */
function provisionSlots(type: DocumentType, concerned: Recorded[]): { field: string; expected: CitationRef[] }[] {
	const keys = concerned.flatMap((r) => (r.key ? [r.key] : []));
	switch (type) {
		case 'onsite_measures_decision':
			return [{ field: 'basis', expected: HANDLING_BASIS }];
		case 'penalty_notice':
		case 'penalty_decision_unit':
			return [
				{ field: 'violated', expected: refsIn(keys.flatMap((k) => k.violated)) },
				{ field: 'penaltyBasis', expected: refsIn(keys.flatMap((k) => k.penalty)) }
			];
		default:
			return [];
	}
}

function provisionChecks(input: DocumentCheckInput, concerned: Recorded[]): Pending[] {
	const { template, values, library } = input;
	const given = givenCitations(template, values);
	// Nothing cited and nothing written that could need a provision: there is nothing to earn points for.
	const hasContent = template.fields.some((f) => (f.kind === 'hazards' || f.kind === 'citations' || f.kind === 'multiline') && !isBlank(values[f.key]));
	if (given.length === 0 && !hasContent) {
		const reason = '文书没有列出问题，也没有引用条款，无从核对。';
		return [
			{ group: 'provisions', check: 'provisions.valid', ref: 'document', label: '条款有效', fraction: 0, reason },
			{ group: 'provisions', check: 'provisions.match', ref: 'document', label: '条款与答案一致', fraction: 0, reason }
		];
	}
	const problems = given.map((g) => citationProblem(g, library)).filter((p): p is string => p !== null);
	const out: Pending[] = [
		{
			group: 'provisions',
			check: 'provisions.valid',
			ref: 'document',
			label: '条款有效',
			fraction: given.length === 0 ? 1 : (given.length - problems.length) / given.length,
			reason: given.length === 0 ? '文书中没有引用条款。' : problems.length ? `${problems.join('；')}。` : `所引 ${given.length} 处条款均存在且现行有效。`
		}
	];

	const slots = provisionSlots(template.type, concerned).filter((s) => s.expected.length > 0 && template.fields.some((f) => f.key === s.field));
	const keys = concerned.flatMap((r) => (r.key ? [r.key] : []));
	const allowed = [...slots.flatMap((s) => s.expected), ...refsIn(keys.flatMap((k) => [...k.violated, ...k.penalty, k.majorCriterion])), ...PROCEDURAL];
	const notes: string[] = [];
	let recall = 1;
	if (slots.length) {
		const perSlot = slots.map((s) => {
			const label = template.fields.find((f) => f.key === s.field)?.label ?? s.field;
			const inSlot = given.filter((g) => g.field.key === s.field);
			let earned = 0;
			for (const e of s.expected) {
				const best = inSlot.reduce<CitationGrade>((b, g) => {
					const grade = compareCitation(g.c, e);
					return CREDIT[grade] > CREDIT[b] ? grade : b;
				}, 'wrong');
				earned += CREDIT[best];
				if (best === 'article') notes.push(`${label}写到了${formatCitation({ ...e, paragraph: undefined, item: undefined })}，但款、项应为${formatCitation(e)}`);
				else if (best !== 'exact') notes.push(`${label}缺少${formatCitation(e)}`);
			}
			return earned / s.expected.length;
		});
		recall = perSlot.reduce((a, b) => a + b, 0) / perSlot.length;
	}
	const stray = given.filter((g) => !allowed.some((a) => CREDIT[compareCitation(g.c, a)] > 0));
	if (stray.length) notes.push(`与所列问题无关的条款：${list(stray.map((g) => quote(g.written, 40)))}`);
	const precision = given.length === 0 ? 1 : (given.length - stray.length) / given.length;
	const optionalNote = slots.length === 0 && given.length === 0 ? '本文书式样不要求写明条款，未引用不扣分。' : '';
	out.push({
		group: 'provisions',
		check: 'provisions.match',
		ref: 'document',
		label: '条款与答案一致',
		fraction: recall * precision,
		reason: optionalNote || (notes.length ? `${notes.join('；')}。` : '所引条款与答案一致。')
	});
	return out;
}

// ---------------------------------------------------------------------------------------------------
// Dates

function dateChecks(input: DocumentCheckInput, concerned: Recorded[]): Pending[] {
	const { template, values, inspection } = input;
	const has = (key: string) => template.fields.some((f) => f.key === key);
	const out: Pending[] = [];
	const push = (check: DocumentCheckCode, ref: string, label: string, fraction: number, reason: string) =>
		out.push({ group: 'dates', check, ref, label, fraction, reason });
	const inspected = chineseDate(inspection.date);

	if (has('inspectionStart') && has('inspectionEnd')) {
		const [s, e] = [str(values.inspectionStart), str(values.inspectionEnd)];
		const ok = isRealDateTime(s) && isRealDateTime(e) && e > s;
		push('dates.inspection_period', 'inspectionEnd', '检查起止时间', ok ? 1 : 0, ok ? '检查起止时间完整，结束晚于开始。' : !isRealDateTime(s) || !isRealDateTime(e) ? '检查起止时间没有写全（年月日时分）。' : '检查结束时间应晚于开始时间。');
	}

	if (has('deadline')) {
		const d = str(values.deadline);
		const ranged = concerned.filter((r) => r.key?.deadlineDays && r.key.measures.includes('rectify_within_deadline'));
		if (!isRealDate(d)) push('dates.deadline', 'deadline', '整改期限', 0, '未填写有效的整改期限。');
		else {
			const days = daysBetween(inspection.date, d);
			if (days <= 0) push('dates.deadline', 'deadline', '整改期限', 0, `整改期限${chineseDate(d)}应在检查日期${inspected}之后。`);
			else {
				const outside = ranged.filter((r) => days < r.key!.deadlineDays!.min || days > r.key!.deadlineDays!.max);
				push(
					'dates.deadline',
					'deadline',
					'整改期限',
					ranged.length === 0 ? 1 : (ranged.length - outside.length) / ranged.length,
					outside.length
						? `整改期限${chineseDate(d)}距检查日 ${days} 日，超出${list(outside.map((r) => `${quote(r.team.title)}的合理期限（${r.key!.deadlineDays!.min}～${r.key!.deadlineDays!.max} 日）`))}。`
						: `整改期限距检查日 ${days} 日，在合理范围内。`
				);
			}
		}
	}

	const doc = str(values.documentDate);
	if (has('documentDate')) {
		const ok = isRealDate(doc) && doc >= inspection.date;
		push('dates.document_date', 'documentDate', '文书日期', ok ? 1 : 0, ok ? '文书日期不早于检查日期。' : !isRealDate(doc) ? '未填写有效的文书日期。' : `文书日期${chineseDate(doc)}早于检查日期${inspected}。`);
	}
	if (has('numberYear')) {
		const y = str(values.numberYear);
		const expected = (isRealDate(doc) ? doc : inspection.date).slice(0, 4);
		push('dates.number_year', 'numberYear', '文号年份', y === expected ? 1 : 0, y === expected ? '文号年份与文书日期一致。' : `文号年份应为${expected}（与文书日期同年）${y ? `，不是${y}` : ''}。`);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------
// Rights notice

type RightsRule = 'reconsideration' | 'litigation' | 'no_suspension' | 'statement' | 'hearing' | 'payment';

/** Which parts of the rights notice each document must carry; 不停止执行 only where the 2017 form prints it. */
const RIGHTS_RULES: Record<DocumentType, RightsRule[]> = {
	inspection_record: [],
	onsite_measures_decision: ['reconsideration', 'litigation', 'no_suspension'],
	rectification_order: ['reconsideration', 'litigation', 'no_suspension'],
	rectification_review: [],
	penalty_notice: ['statement', 'hearing'],
	penalty_decision_unit: ['reconsideration', 'litigation', 'payment']
};

const BIG_PENALTY = /停产停业|责令关闭|吊销|限制从业|降低资质|没收/;
const UPPER_NUMERALS: Record<string, string> = { 壹: '一', 贰: '二', 叁: '三', 肆: '四', 伍: '五', 陆: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千' };

/** Amounts in yuan written in a penalty: 3万元, 30000元, 叁万元, 1.5万元. */
export function fineAmounts(text: string): number[] {
	const out: number[] = [];
	const t = text.normalize('NFKC').replace(/[,，\s]/g, '');
	for (const m of t.matchAll(/(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)(万)?元/g)) {
		const wan = m[2] ? 10_000 : 1;
		const n = /^\d/.test(m[1]) ? Number(m[1]) : parseChineseNumber([...m[1]].map((c) => UPPER_NUMERALS[c] ?? c).join(''));
		if (n !== null && Number.isFinite(n)) out.push(n * wan);
	}
	return out;
}

/** Whether the penalty as written is one of 行政处罚法第六十三条's (so a hearing must be offered). */
export function hearingRequired(penalty: string, fineThreshold = DEFAULT_HEARING_FINE_THRESHOLD): boolean {
	return BIG_PENALTY.test(penalty) || fineAmounts(penalty).some((a) => a >= fineThreshold);
}

function rightsChecks(input: DocumentCheckInput): Pending[] {
	const { template, values } = input;
	const rules = RIGHTS_RULES[template.type];
	if (rules.length === 0) return [];
	// The notice is the form's wording (with values in place) and its choices, not what a trainee wrote in free-text
	// fields: 「60日」 typed into 证据 is not a rights notice, and 第三十一条 quoted there is judged under provisions.
	const wording = { ...template, blocks: template.blocks.filter((b) => b.kind === 'text' || (b.kind === 'field' && template.fields.find((f) => f.key === b.field)?.kind === 'choice')), footer: undefined };
	const text = documentText(wording, values);
	const out: Pending[] = [];
	const push = (check: DocumentCheckCode, label: string, problems: string[], okReason: string) =>
		out.push({ group: 'rights', check, ref: 'document', label, fraction: problems.length ? 0 : 1, reason: problems.length ? `${problems.join('；')}。` : okReason });
	const has = (key: string) => template.fields.some((f) => f.key === key);

	for (const rule of rules) {
		const problems: string[] = [];
		switch (rule) {
			case 'reconsideration': {
				if (!/行政复议/.test(text)) problems.push('没有告知申请行政复议的权利');
				if (!/(60|六十)日/.test(text)) problems.push('没有写明行政复议申请期限 60 日（行政复议法第二十条）');
				const gov = str(values.reconsiderationGov);
				if (!has('reconsiderationGov') || !gov) problems.push('没有写明受理行政复议的人民政府');
				else if (!gov.includes('人民政府')) problems.push(`复议机关${quote(gov)}应为人民政府全称（如“上饶市人民政府”）`);
				const dept = str(values.reconsiderationDept);
				if (dept && !/应急管理/.test(dept)) problems.push(`上一级主管部门${quote(dept)}应为应急管理部门`);
				else if (dept && normalizeFact(dept) === normalizeFact(str(values.agencyName))) problems.push('上一级主管部门不能是作出决定的本机关');
				push('rights.reconsideration', '行政复议告知', problems, '已告知在 60 日内向人民政府申请行政复议。');
				break;
			}
			case 'litigation': {
				if (!/行政诉讼/.test(text)) problems.push('没有告知提起行政诉讼的权利');
				if (!/(6|六)个月/.test(text)) problems.push('没有写明起诉期限 6 个月（行政诉讼法第四十六条）');
				const court = str(values.court);
				if (!has('court') || !court) problems.push('没有写明管辖的人民法院');
				else if (!court.includes('人民法院')) problems.push(`${quote(court)}不是人民法院的名称`);
				push('rights.litigation', '行政诉讼告知', problems, '已告知在 6 个月内向人民法院提起行政诉讼。');
				break;
			}
			case 'no_suspension':
				if (!/不停止执行/.test(text)) problems.push('没有写明复议、诉讼期间本决定（指令）不停止执行（行政复议法第四十二条、行政诉讼法第五十六条）');
				push('rights.no_suspension', '不停止执行', problems, '已写明复议、诉讼期间不停止执行。');
				break;
			case 'statement': {
				if (!/陈述/.test(text) || !/申辩/.test(text)) problems.push('没有告知陈述、申辩的权利（行政处罚法第四十四条）');
				if (!/(3|三)日/.test(text)) problems.push('没有写明提出陈述、申辩的期限（3 日内）');
				const cited = parseCitations(text).filter((c) => c.lawId === 'admin-penalty-law');
				const articles = new Set(cited.map((c) => c.article));
				if ([...OLD_STATEMENT_ARTICLES].some((a) => articles.has(a)))
					problems.push('引用了2021年修订前行政处罚法的第三十一条、第三十二条，陈述、申辩现为第四十四条、第四十五条');
				else if (!articles.has(44) || !articles.has(45)) problems.push('告知依据应为《中华人民共和国行政处罚法》第四十四条、第四十五条');
				push('rights.statement', '陈述申辩告知', problems, '已依据行政处罚法第四十四条、第四十五条告知 3 日内陈述、申辩。');
				break;
			}
			case 'hearing': {
				const penalty = str(values.proposedPenalty) || str(values.penalty);
				const needed = hearingRequired(penalty, input.hearingFineThreshold);
				const offered = str(values.hearingNotice) === HEARING_OPTIONS[0];
				if (needed) {
					if (!offered) problems.push(`拟作出的处罚${quote(penalty)}属于行政处罚法第六十三条规定的情形，应当告知要求听证的权利`);
					else if (!/听证/.test(text) || !/(5|五)日/.test(text)) problems.push('没有写明要求听证的期限（告知后 5 日内，行政处罚法第六十四条）');
				}
				push(
					'rights.hearing',
					'听证告知',
					problems,
					needed ? '已告知要求听证的权利和 5 日的期限。' : offered ? '已告知听证权利（按所填处罚内容不属于必须告知的情形，不扣分）。' : '按所填处罚内容，不属于应当告知听证权利的情形。'
				);
				break;
			}
			case 'payment':
				if (!/(15|十五)日/.test(text)) problems.push('没有写明缴纳罚款的期限（收到决定书之日起 15 日内，行政处罚法第六十七条）');
				if (!/(3%|百分之三)/.test(text)) problems.push('没有写明逾期每日按罚款数额 3% 加处罚款（行政处罚法第七十二条）');
				if (has('paymentBank') && !str(values.paymentBank)) problems.push('没有写明缴纳罚款的银行');
				push('rights.payment', '罚款缴纳告知', problems, '已写明缴纳期限、地点和逾期加处罚款。');
				break;
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------
// Points

/** Whole-cent maxima proportional to `weights` that add up exactly to `points` (largest remainder, ties by order). */
function allocateCents(points: number, weights: number[]): number[] {
	const totalCents = Math.round(points * 100);
	const sum = weights.reduce((a, b) => a + b, 0);
	if (sum <= 0 || totalCents <= 0) return weights.map(() => 0);
	const raw = weights.map((w) => (totalCents * w) / sum);
	const cents = raw.map((r) => Math.floor(r + 1e-9));
	let left = totalCents - cents.reduce((a, b) => a + b, 0);
	const order = raw.map((r, i) => ({ i, rest: r - cents[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		cents[i]++;
		left--;
	}
	return cents.map((c) => c / 100);
}

function score(pending: Pending[], points: number, blank: boolean): DocumentCheckResult {
	// Groups first, then lines inside each group, so that every group gets exactly its share in cents.
	const groups = CHECK_GROUPS.filter((g) => pending.some((p) => p.group === g));
	const groupMax = allocateCents(Math.max(0, points), groups.map((g) => GROUP_WEIGHTS[g]));
	const maxima = new Map<Pending, number>();
	groups.forEach((g, gi) => {
		const members = pending.filter((p) => p.group === g);
		allocateCents(groupMax[gi], members.map(() => 1)).forEach((m, i) => maxima.set(members[i], m));
	});
	const lines: DocumentCheckLine[] = pending.map((p) => {
		const fraction = blank ? 0 : Math.min(1, Math.max(0, p.fraction));
		const max = maxima.get(p) ?? 0;
		return {
			check: p.check,
			ref: p.ref,
			label: p.label,
			points: roundPoints(max * fraction),
			max,
			passed: fraction >= 1 - 1e-9,
			reason: blank ? '文书未填写。' : p.reason
		};
	});
	return { lines, total: roundPoints(lines.reduce((s, l) => s + l.points, 0)), max: roundPoints(Math.max(0, points)) };
}

/** Runs every check that applies to the template's document type. */
export function checkDocument(input: DocumentCheckInput): DocumentCheckResult {
	const recorded = recordedHazards(input.teamHazards, input.keyHazards);
	const hazards = hazardChecks(input, recorded);
	const pending = [
		...requiredChecks(input.template, input.values),
		...factChecks(input),
		...hazards.lines,
		...provisionChecks(input, hazards.concerned),
		...dateChecks(input, hazards.concerned),
		...rightsChecks(input)
	];
	const order = (p: Pending) => CHECK_GROUPS.indexOf(p.group);
	pending.sort((a, b) => order(a) - order(b)); // stable: checks keep their order inside a group
	// A document with nothing filled in earns nothing, not even for the form's own printed wording.
	const blank = input.template.fields.every((f) => isBlank(input.values[f.key]));
	return score(pending, input.requirement?.points ?? DEFAULT_DOCUMENT_POINTS, blank);
}

/**
 * Appends judges' adjustments as lines, in order. Each is clamped so that the running total stays
 * within 0…max; a clamped line says so in its reason, and Σ lines = total still holds.
 */
export function withAdjustments(result: DocumentCheckResult, adjustments: readonly JudgedAdjustment[]): DocumentCheckResult {
	const lines = [...result.lines];
	let total = result.total;
	for (const a of adjustments) {
		const wanted = Number.isFinite(a.points) ? roundPoints(a.points) : 0;
		const next = roundPoints(Math.min(result.max, Math.max(0, total + wanted)));
		const applied = roundPoints(next - total);
		total = next;
		lines.push({
			check: 'judge.adjustment',
			ref: 'document',
			label: '评委调整',
			points: applied,
			max: 0,
			passed: applied >= 0,
			reason: applied === wanted ? a.reason : `${a.reason}（调整 ${wanted} 分会使得分超出 0～${result.max} 分，按 ${applied} 分计）`,
			judgeId: a.judgeId
		});
	}
	return { lines, total, max: result.max };
}
