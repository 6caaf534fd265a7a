/**
 * 学时 (training-hour) requirements per staff category, and a learner's compliance for one year.
 *
 * Sources and how far they could be checked (shared/domain/REPORT.md §7, shared/laws/laws.json):
 * - 《生产经营单位安全培训规定》 (laws.json id `training-rules`) 第九条、第十三条: the texts in laws.json are
 *   quoted from secondary pages (🟡 "verbatim as quoted by two secondary pages"); the article numbers
 *   come from exam-prep pages, not from the gazette. The figures agree across ≥ 3 independent pages.
 * - The ≥ 8 学时 yearly figure for workers of non-high-risk enterprises comes from the 国务院安委会
 *   《关于进一步加强安全培训工作的决定》, quoted by one secondary page (🟡); it is NOT in laws.json and
 *   could not be checked against the dataset.
 * - ✅ 安全生产法第二十八条 (training duty, 档案) and 第三十条 (特种作业) are in laws.json, full text.
 */
import type { CitationRef } from '../law/compare';
import type { Sector, StaffCategory } from '../roles';

export type TrainingKind = 'initial' | 'yearly';

/**
 * Sectors whose enterprises get the higher figures. The rules name 煤矿、非煤矿山、危险化学品、烟花爆竹、
 * 金属冶炼; of these only 金属冶炼 falls within the 工贸 sectors of roles.ts (mines, hazardous chemicals and
 * fireworks are supervised under their own rules and have no sector code here). 金属冶炼 covers both
 * iron-and-steel (冶金 → `metallurgy`) and non-ferrous smelting (有色 → `nonferrous`). A 冶金/有色
 * enterprise that only rolls or processes metal without smelting is not 金属冶炼 strictly speaking; the
 * sector code cannot tell, so the stricter figure applies unless the learner record says `highRisk: false`.
 */
export const HIGH_RISK_SECTORS: readonly Sector[] = Object.freeze(['metallurgy', 'nonferrous'] as const satisfies readonly Sector[]);

export function isHighRiskSector(sector: Sector | null): boolean {
	return sector !== null && HIGH_RISK_SECTORS.includes(sector);
}

/** 主要负责人、安全生产管理人员 (第九条) versus every other 从业人员 (第十三条). */
export type Audience = 'manager' | 'worker';

/**
 * 特种作业人员 are 从业人员: their 学时 follow 第十三条 like everyone else's. Their own 专门的安全作业培训
 * and 特种作业操作证 (✅ 安全生产法第三十条) are separate: per 《特种作业人员安全技术培训考核管理规定》
 * (总局令第30号) 第二十一条 the certificate is valid 6 years and reviewed every 3 years, every 6 years after 10
 * years' lawful work in the trade; after 6 months off the job the practical test is retaken (all 🟡 secondary,
 * not in laws.json). Those hours are not counted here and certificate validity is not modelled in this module.
 */
const AUDIENCE = {
	principal: 'manager',
	safety_manager: 'manager',
	special_operator: 'worker',
	other: 'worker'
} as const satisfies Record<StaffCategory, Audience>;

export interface HoursRule {
	audience: Audience;
	highRisk: boolean;
	kind: TrainingKind;
	/** Minimum 学时. */
	hours: number;
	/** The provision as shown to users (依据). */
	basis: string;
	/** For a link into the law library; null when the source is not in the catalog. */
	ref: CitationRef | null;
}

/** A rule resting on 《生产经营单位安全培训规定》 第九条 or 第十三条 (laws.json `training-rules`). */
const fromRules = (audience: Audience, highRisk: boolean, kind: TrainingKind, hours: number, article: 9 | 13, paragraph: 1 | 2): HoursRule => ({
	audience,
	highRisk,
	kind,
	hours,
	basis: `《生产经营单位安全培训规定》第${article === 9 ? '九' : '十三'}条第${paragraph === 1 ? '一' : '二'}款`,
	ref: { lawId: 'training-rules', article, paragraph }
});

/** The eight figures. None is ✅: see the module comment for what each rests on. */
export const HOURS_RULES: readonly HoursRule[] = Object.freeze([
	// 第九条第一款 (🟡): 主要负责人和安全生产管理人员初次安全培训时间不得少于32学时。每年再培训时间不得少于12学时。
	fromRules('manager', false, 'initial', 32, 9, 1),
	fromRules('manager', false, 'yearly', 12, 9, 1),
	// 第九条第二款 (🟡): 煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等 … 不得少于48学时，每年再培训时间不得少于16学时。
	fromRules('manager', true, 'initial', 48, 9, 2),
	fromRules('manager', true, 'yearly', 16, 9, 2),
	// 第十三条第一款 (🟡): 新上岗的从业人员，岗前安全培训时间不得少于24学时。
	fromRules('worker', false, 'initial', 24, 13, 1),
	// 安委会决定 (🟡, not in laws.json, no article number known): 非高危企业新职工 … 每年再培训 ≥ 8学时.
	// 第十三条 itself sets no yearly figure outside the five high-risk industries.
	{ audience: 'worker', highRisk: false, kind: 'yearly', hours: 8, basis: '《国务院安委会关于进一步加强安全培训工作的决定》', ref: null },
	// 第十三条第二款 (🟡): 高危五类 新上岗的从业人员 … 不得少于72学时，每年再培训的时间不得少于20学时。
	fromRules('worker', true, 'initial', 72, 13, 2),
	fromRules('worker', true, 'yearly', 20, 13, 2)
]);

/** The rule behind a requirement, for showing its 依据 next to the number. */
export function ruleFor(category: StaffCategory, highRisk: boolean, kind: TrainingKind): HoursRule {
	const audience = AUDIENCE[category];
	const rule = HOURS_RULES.find((r) => r.audience === audience && r.highRisk === highRisk && r.kind === kind);
	if (!rule) throw new Error(`no hours rule for ${category}/${highRisk}/${kind}`);
	return rule;
}

/** Minimum 学时 for a category in a sector; `highRisk` overrides the sector mapping (see HIGH_RISK_SECTORS). */
export function requirementFor(
	category: StaffCategory,
	sector: Sector | null,
	kind: TrainingKind,
	highRisk = isHighRiskSector(sector)
): number {
	return ruleFor(category, highRisk, kind).hours;
}

export interface Learner {
	category: StaffCategory;
	sector: Sector | null;
	/** Overrides the sector mapping when the unit is known to be (or not to be) a 金属冶炼 enterprise. */
	highRisk?: boolean;
	/** Day the person took up the post (任职/上岗), `yyyy-mm-dd` in China time. */
	startedAt?: string;
}

export interface TrainingHoursRecord {
	/** `yyyy-mm-dd`, China time. */
	date: string;
	hours: number;
}

export interface HoursStatus {
	required: number;
	done: number;
	short: number;
}

export type HoursProblem =
	| { code: 'hours.initial_short'; params: HoursStatus }
	| { code: 'hours.yearly_short'; params: HoursStatus & { year: number } };

export interface Compliance {
	initial: HoursStatus;
	yearly: HoursStatus;
	isCompliant: boolean;
	/** The same shortfalls as codes, for screens that render their own text. */
	problems: HoursProblem[];
	/** One Chinese sentence per shortfall, for lists and exports. */
	reasons: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Hours are summed in hundredths so that 0.1 + 0.2 学时 is 0.3, not 0.30000000000000004. */
const toCents = (h: number) => Math.round(h * 100);
const status = (required: number, doneCents: number): HoursStatus => {
	const done = doneCents / 100;
	return { required, done, short: Math.max(0, toCents(required) - doneCents) / 100 };
};

/**
 * A learner's standing for calendar `year`:
 * - initial: every hour recorded up to 31 Dec of `year` (岗前 training may predate `startedAt`);
 * - yearly (再培训): the hours dated in `year` itself.
 * With `startedAt`: nothing is due in a year before it (not yet on the post), and no 再培训 is due in the
 * year of starting, since that year's training is the initial one (our reading: 再培训 follows 初次培训).
 * Without it, both apply, which is the safe side for an inspection.
 * Records are trusted data from the registry: a malformed date or negative hours is a bug and throws.
 */
export function compliance(learner: Learner, records: readonly TrainingHoursRecord[], year: number): Compliance {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`compliance: bad year ${year}`);
	if (learner.startedAt !== undefined && !DATE.test(learner.startedAt)) {
		throw new Error(`compliance: bad startedAt ${learner.startedAt}`);
	}
	const startYear = learner.startedAt ? Number(learner.startedAt.slice(0, 4)) : -Infinity;
	const highRisk = learner.highRisk ?? isHighRiskSector(learner.sector);
	const prefix = `${year}-`;
	const yearEnd = `${year}-12-31`;
	let everCents = 0;
	let yearCents = 0;
	for (const r of records) {
		if (!DATE.test(r.date) || !Number.isFinite(r.hours) || r.hours < 0) {
			throw new Error(`compliance: bad record ${JSON.stringify(r)}`);
		}
		if (r.date > yearEnd) continue;
		everCents += toCents(r.hours);
		if (r.date.startsWith(prefix)) yearCents += toCents(r.hours);
	}
	const initialDue = year >= startYear;
	const yearlyDue = year > startYear;
	const initial = status(initialDue ? requirementFor(learner.category, learner.sector, 'initial', highRisk) : 0, everCents);
	const yearly = status(yearlyDue ? requirementFor(learner.category, learner.sector, 'yearly', highRisk) : 0, yearCents);
	const problems: HoursProblem[] = [];
	if (initial.short > 0) problems.push({ code: 'hours.initial_short', params: initial });
	if (yearly.short > 0) problems.push({ code: 'hours.yearly_short', params: { ...yearly, year } });
	return { initial, yearly, isCompliant: problems.length === 0, problems, reasons: problems.map(reasonText) };
}

function reasonText(p: HoursProblem): string {
	const { required, done, short } = p.params;
	if (p.code === 'hours.initial_short') return `初次安全培训累计 ${done} 学时，少于规定的 ${required} 学时，尚差 ${short} 学时`;
	return `${p.params.year} 年再培训 ${done} 学时，少于规定的 ${required} 学时，尚差 ${short} 学时`;
}

