/**
 * The 评分规则 form ↔ ScoringSettings. Shares are edited as percentages with at most one decimal
 * (40 ↔ 0.4, 12.5 ↔ 0.125); the rounding makes every such percentage round-trip exactly. Stage weights
 * are not on the form: the drill's own weights are set when it is created, so they are kept as they are.
 */
import { z } from 'zod';
import { checkScoringSettings } from '$lib/domain/drill/settings';
import { DEFAULT_SCORING, type ScoringSettings } from '$lib/domain/drill/types';
import { errorText } from '$lib/i18n/zh';

/** share: a fraction edited as 0–100 %; points: 分; judges: a number of judges. */
export type FieldKind = 'share' | 'points' | 'judges';

export interface SettingsField {
	/** The form field's name. */
	name: string;
	label: string;
	/** One line telling a trainer what the rule does. */
	hint: string;
	kind: FieldKind;
	read: (s: ScoringSettings) => number;
	write: (s: ScoringSettings, value: number) => void;
}

/** The groups are the top-level keys of ScoringSettings that checkScoringSettings checks one by one. */
export type GroupKey = 'hazard' | 'citationCredit' | 'decoyPenalty' | 'procedure' | 'trimAtJudges';

export interface SettingsGroup {
	/** Also the key of the group's error (a single-field group's field has the same name). */
	key: GroupKey;
	title: string;
	help: string;
	fields: SettingsField[];
}

export const SETTINGS_GROUPS: SettingsGroup[] = [
	{
		key: 'hazard',
		title: '现场检查：每个隐患的分值构成',
		help: '每个隐患的分值按下列占比拆成五部分，五项合计须为 100%。',
		fields: [
			{ name: 'hazardFound', label: '发现', hint: '记录了该隐患即得', kind: 'share', read: (s) => s.hazard.found, write: (s, v) => (s.hazard.found = v) },
			{
				name: 'hazardClassification',
				label: '定性',
				hint: '一般/重大隐患判定正确',
				kind: 'share',
				read: (s) => s.hazard.classification,
				write: (s, v) => (s.hazard.classification = v)
			},
			{
				name: 'hazardViolated',
				label: '违法依据',
				hint: '按所引条款的准确程度给分（见下方引用得分）',
				kind: 'share',
				read: (s) => s.hazard.violated,
				write: (s, v) => (s.hazard.violated = v)
			},
			{
				name: 'hazardPenalty',
				label: '处罚依据',
				hint: '按所引条款的准确程度给分（见下方引用得分）',
				kind: 'share',
				read: (s) => s.hazard.penalty,
				write: (s, v) => (s.hazard.penalty = v)
			},
			{
				name: 'hazardMeasure',
				label: '处理措施',
				hint: '现场处理措施（及整改期限）全部正确才得分',
				kind: 'share',
				read: (s) => s.hazard.measure,
				write: (s, v) => (s.hazard.measure = v)
			}
		]
	},
	{
		key: 'citationCredit',
		title: '违法依据、处罚依据的引用得分',
		help: '每条标准答案按队伍最接近的一条引用给分；引用条数多于答案条数时按引用条数折算，多引不会多得分。',
		fields: [
			{
				name: 'creditExact',
				label: '条款完全正确',
				hint: '法律、条、款、项都正确',
				kind: 'share',
				read: (s) => s.citationCredit.exact,
				write: (s, v) => (s.citationCredit.exact = v)
			},
			{
				name: 'creditArticle',
				label: '条正确但款项不对',
				hint: '法律和条正确，款或项错误或未写',
				kind: 'share',
				read: (s) => s.citationCredit.article,
				write: (s, v) => (s.citationCredit.article = v)
			},
			{
				name: 'creditLaw',
				label: '法律正确条文错误',
				hint: '法律正确，但条号不对',
				kind: 'share',
				read: (s) => s.citationCredit.law,
				write: (s, v) => (s.citationCredit.law = v)
			},
			{
				name: 'creditWrong',
				label: '错误',
				hint: '法律不对、无法识别或未写法律名称',
				kind: 'share',
				read: (s) => s.citationCredit.wrong,
				write: (s, v) => (s.citationCredit.wrong = v)
			}
		]
	},
	{
		key: 'decoyPenalty',
		title: '误判合规项',
		help: '检查点中设有合规的干扰项，把它们记为隐患要扣分（现场检查得分最低为 0）。',
		fields: [
			{
				name: 'decoyPenalty',
				label: '误判合规项扣分',
				hint: '每把一处合规项记为隐患扣的分数',
				kind: 'points',
				read: (s) => s.decoyPenalty,
				write: (s, v) => (s.decoyPenalty = v)
			}
		]
	},
	{
		key: 'procedure',
		title: '执法程序',
		help: '执法程序的分值由步骤齐全和顺序两部分组成，两项合计须为 100%；摆放错误步骤另行扣分。',
		fields: [
			{
				name: 'procedurePresence',
				label: '步骤齐全',
				hint: '按摆出的必备步骤数平均给分',
				kind: 'share',
				read: (s) => s.procedure.presence,
				write: (s, v) => (s.procedure.presence = v)
			},
			{
				name: 'procedureOrder',
				label: '顺序',
				hint: '按必备步骤先后顺序的正确程度给分',
				kind: 'share',
				read: (s) => s.procedure.order,
				write: (s, v) => (s.procedure.order = v)
			},
			{
				name: 'procedureWrongStep',
				label: '每张错误步骤扣',
				hint: '每摆出一张错误步骤卡片，扣执法程序分值的这一比例',
				kind: 'share',
				read: (s) => s.procedure.wrongStep,
				write: (s, v) => (s.procedure.wrongStep = v)
			}
		]
	},
	{
		key: 'trimAtJudges',
		title: '评委打分',
		help: '评委打分阶段（如文明执法）取各评委分数的平均值；评委够多时先去掉一个最高分和一个最低分。',
		fields: [
			{
				name: 'trimAtJudges',
				label: '评委人数达到几人时去掉最高最低分',
				hint: '人数不足时取全部评委的平均分；至少为 3',
				kind: 'judges',
				read: (s) => s.trimAtJudges,
				write: (s, v) => (s.trimAtJudges = v)
			}
		]
	}
];

export const SETTINGS_FIELDS: SettingsField[] = SETTINGS_GROUPS.flatMap((g) => g.fields);

export const UNIT_LABELS: Record<FieldKind, string> = { share: '%', points: '分', judges: '人' };

/** A fraction as the percentage the form shows, to 0.1: 0.1 → 10, 0.125 → 12.5. */
export const toPercent = (fraction: number): number => Math.round(fraction * 1000) / 10;

/** A percentage of the form (to 0.1) as a fraction: 10 → 0.1, 12.5 → 0.125; exactly the number the literal gives. */
export const toFraction = (percent: number): number => Math.round(percent * 10) / 1000;

/** The form's text of every field for these settings. */
export function toFormValues(s: ScoringSettings): Record<string, string> {
	return Object.fromEntries(SETTINGS_FIELDS.map((f) => [f.name, String(f.kind === 'share' ? toPercent(f.read(s)) : f.read(s))]));
}

const FULL_WIDTH = /[０-９．]/g;

/** Full-width digits and 「．」 as ASCII; surrounding blanks and a trailing % or 分 or 人 dropped. */
function normalize(text: string): string {
	return text
		.replace(FULL_WIDTH, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)))
		.trim()
		.replace(/\s*[%％分人]$/, '');
}

function fieldSchema(f: SettingsField) {
	const message = f.kind === 'judges' ? `${f.label}应为整数` : `${f.label}应为 0–100 之间的数${f.kind === 'share' ? '（百分比）' : ''}，最多一位小数`;
	const pattern = f.kind === 'judges' ? /^\d{1,2}$/ : /^\d{1,3}(\.\d)?$/;
	return z
		.string({ error: (iss) => (iss.input === undefined ? `请填写${f.label}` : message) })
		.transform(normalize)
		.pipe(
			z
				.string()
				.min(1, `请填写${f.label}`)
				.regex(pattern, message)
				.transform(Number)
				.refine((n) => n <= 100, message)
		)
		.transform((n) => (f.kind === 'share' ? toFraction(n) : n));
}

const SCHEMAS = new Map(SETTINGS_FIELDS.map((f) => [f.name, fieldSchema(f)]));

export type SettingsFormResult = { ok: true; settings: ScoringSettings } | { ok: false; values: Record<string, string>; errors: Record<string, string> };

/**
 * Reads the form into settings based on `base` (whose stage weights are kept). Errors are keyed by
 * field name; a rule across a group's fields (shares summing to 100 %, the order of citation credits)
 * is keyed by the group's key, and anything else by '_form'. Every problem is reported, not just the first.
 */
export function parseSettingsForm(formData: FormData, base: ScoringSettings): SettingsFormResult {
	const settings = structuredClone(base) as ScoringSettings;
	const values: Record<string, string> = {};
	const errors: Record<string, string> = {};
	for (const f of SETTINGS_FIELDS) {
		const raw = formData.get(f.name);
		values[f.name] = typeof raw === 'string' ? raw.slice(0, 20) : '';
		const parsed = SCHEMAS.get(f.name)!.safeParse(raw ?? undefined);
		if (parsed.success) f.write(settings, parsed.data);
		else errors[f.name] = parsed.error.issues[0].message;
	}
	// The domain check of each group alone (the others at their defaults, which pass), so that every
	// group's problem shows at once; a group with a field error is not checked again.
	for (const g of SETTINGS_GROUPS) {
		if (g.fields.some((f) => errors[f.name])) continue;
		const r = checkScoringSettings({ ...DEFAULT_SCORING, [g.key]: settings[g.key] });
		if (!r.ok) errors[g.key] = errorText(r.error);
	}
	if (Object.keys(errors).length === 0) {
		const r = checkScoringSettings(settings);
		if (!r.ok) errors._form = errorText(r.error);
	}
	return Object.keys(errors).length ? { ok: false, values, errors } : { ok: true, settings };
}
