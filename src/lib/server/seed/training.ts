/**
 * Demo data of the training registry: one county bureau's year (a realistic 「全年举办 12 期，培训 2,000
 * 余人次」), so the registry, the learners' pages and the dashboard show real-looking numbers out of the box.
 *
 * - about 60 fictional enterprises （演示） under the county, of every 工贸 sector;
 * - 12 sessions over the year: 主要负责人 and 安全生产管理人员 初训/复训, 新员工三级教育, 特种作业, 专题 …,
 *   2–4 weekdays each, a morning and an afternoon slot of 3 学时 a day;
 * - statuses follow the dates as seen from `today`: past sessions 已结束, one 进行中 (moved to span today
 *   when the year is the current one), the next ones 报名中 (within 45 days) or 计划;
 * - about 2,000 trainees with valid 18-digit ID numbers and mobile numbers, enrolled from rosters, with
 *   waiting lists where a session was over-subscribed and a few cancellations;
 * - attendance (~92 %) for the days already held, exam results (~90 % pass) and 培训合格证明 for ended sessions,
 *   issued by the same rules as issueCertificates (≥ 80 % of the hours and a pass);
 * - the demo learner accounts linked to trainee rows, each with an ended session (and its certificate)
 *   and an upcoming one, so 「我的培训」 is not empty.
 *
 * Deterministic for a given `rng` and `now`: only the check-in secrets come from crypto (they must stay
 * unguessable). Everything is written with prepared statements in one transaction (a savepoint when the
 * caller already has one open): the whole year takes about half a second.
 */
import type { Db } from '../db';
import type { TrainingAudience, TrainingStatus } from '../db/schema';
import type { Sector, StaffCategory } from '../../domain/roles';
import { idCheckChar } from '../../domain/training/id-number';
import { certificateNumber } from '../../domain/training/certificate-number';
import { pinyinInitials } from '../../domain/training/pinyin';
import { newCheckinSecret } from '../training/sessions';
import { chinaDate, chinaInstant } from '../training/attendance';
import { addYears, CERTIFICATE_VALIDITY_YEARS, requiredCents } from '../training/certificates';

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). Good enough for demo data, not for secrets. */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The seed the demo uses, so every fresh demo database holds the same people. */
export const DEMO_TRAINING_SEED = 20260107;

/** The current year in China time. */
export const chinaYear = (now = Date.now()) => Number(chinaDate(now).slice(0, 4));

export interface TrainingYearOptions {
	year: number;
	/** The county whose bureau runs the sessions; the new enterprises are placed under it. */
	countyUnitId: number;
	/** The bureau (应急管理局) organizing the sessions. */
	organizerUnitId: number;
	rng: Rng;
	/** The seeding instant; decides which days have been held. Default: now. */
	now?: number;
	/** How many enterprises to create. Default 60. */
	enterprises?: number;
}

export interface TrainingYearSummary {
	enterprises: number;
	sessions: number;
	slots: number;
	trainees: number;
	enrollments: number;
	attendance: number;
	examResults: number;
	certificates: number;
	linkedLearners: number;
}

// ---------------------------------------------------------------------------------------------------------
// Small random helpers

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: Rng, p: number) => rng() < p;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
	const total = items.reduce((n, [, w]) => n + w, 0);
	let r = rng() * total;
	for (const [item, w] of items) {
		r -= w;
		if (r < 0) return item;
	}
	return items[items.length - 1][0];
}

/** Standard normal (Box–Muller). */
function normal(rng: Rng): number {
	const u = 1 - rng();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function shuffle<T>(rng: Rng, xs: T[]): T[] {
	for (let i = xs.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[xs[i], xs[j]] = [xs[j], xs[i]];
	}
	return xs;
}

// ---------------------------------------------------------------------------------------------------------
// Dates (yyyy-mm-dd, calendar arithmetic in UTC so no time zone shifts a day)

const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => fromMs(toMs(d) + n * DAY_MS);
const isWeekend = (d: string) => {
	const wd = new Date(toMs(d)).getUTCDay();
	return wd === 0 || wd === 6;
};
const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY_MS);

/** The first weekday on or after `d`. */
function weekdayFrom(d: string): string {
	let x = d;
	while (isWeekend(x)) x = addDays(x, 1);
	return x;
}

/** `n` consecutive weekdays starting on the weekday `start`. */
function weekdays(start: string, n: number): string[] {
	const out: string[] = [];
	for (let d = start; out.length < n; d = addDays(d, 1)) if (!isWeekend(d)) out.push(d);
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// Names, numbers, enterprises

/** Surnames with rough weights (江西 and national frequency) and their initials (surname readings: 曾 z). */
// prettier-ignore
const SURNAMES: readonly (readonly [string, number, string])[] = [
	['刘', 9, 'l'], ['李', 8, 'l'], ['王', 8, 'w'], ['张', 7, 'z'], ['陈', 8, 'c'], ['胡', 5, 'h'], ['黄', 5, 'h'], ['吴', 5, 'w'], ['徐', 5, 'x'],
	['杨', 4, 'y'], ['周', 4, 'z'], ['罗', 4, 'l'], ['肖', 3, 'x'], ['曾', 3, 'z'], ['邓', 3, 'd'], ['彭', 3, 'p'], ['万', 2, 'w'], ['熊', 3, 'x'],
	['余', 3, 'y'], ['朱', 3, 'z'], ['汪', 3, 'w'], ['郑', 2, 'z'], ['叶', 2, 'y'], ['程', 2, 'c'], ['林', 2, 'l'], ['何', 2, 'h'], ['郭', 2, 'g'],
	['谢', 2, 'x'], ['姜', 2, 'j'], ['方', 2, 'f'], ['赵', 2, 'z'], ['孙', 2, 's'], ['高', 2, 'g'], ['宋', 1, 's'], ['唐', 1, 't'], ['付', 1, 'f'],
	['毛', 1, 'm'], ['祝', 1, 'z'], ['占', 1, 'z'], ['饶', 1, 'r'], ['廖', 1, 'l'], ['钟', 1, 'z'], ['邱', 1, 'q'], ['蔡', 1, 'c'], ['姚', 1, 'y'],
	['江', 1, 'j'], ['俞', 1, 'y'], ['卢', 1, 'l'], ['戴', 1, 'd'], ['舒', 1, 's'], ['欧阳', 0.5, 'oy'], ['上官', 0.3, 'sg']
];

const SURNAME_CHOICES = SURNAMES.map((s) => [s, s[1]] as const);

/**
 * Given-name characters with their initials, one letter per character, as pinyinInitials gives them (the
 * test checks every seeded name against it). None is a polyphone with two initials. The table saves calling
 * pinyin-pro 2,000 times (~0.2 ms a name, and ~200 ms to load its dictionary).
 */
const MALE_CHARS = [
	'伟军勇杰涛明斌超辉华平刚建国文峰磊鹏俊波林海亮浩宇志鑫龙飞成东金荣德春晓兵新庆利松祥福贵旺根水生',
	'wjyjtmbchhpgjgwflpjblhlhyzxlfcdjrdcxbxqlsxfgwgss'
] as const;
const FEMALE_CHARS = ['芳娟敏静丽艳霞婷玲燕红梅琳秀英慧萍雪颖倩洁莉兰凤菊琴云洋丹桂香梦欣怡佳悦', 'fjmjlyxtlyhmlxyhpxyqjllfjqyydgxmxyjy'] as const;

/** Address codes of ID numbers: mostly the county, some neighbours; older people often carry the pre-2000 codes. */
// prettier-ignore
const AREA_CODES: readonly (readonly [string, number])[] = [
	['361123', 40], ['362323', 12], ['361102', 5], ['361103', 6], ['361104', 5], ['361124', 4], ['361125', 3], ['361181', 4],
	['362321', 4], ['330881', 6], ['330822', 3], ['360102', 2], ['360121', 2], ['341024', 2], ['350781', 2]
];

const MOBILE_PREFIXES = '130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 177 180 181 182 183 185 186 187 188 189 191 199'.split(' ');

const POSITIONS: Record<StaffCategory, readonly string[]> = {
	principal: ['董事长', '总经理', '厂长', '执行董事', '法定代表人'],
	safety_manager: ['安全主任', '专职安全员', '安环部经理', '安全科科长', '安全总监', '兼职安全员'],
	special_operator: ['电工', '焊工', '电焊工', '维修电工', '制冷工', '高处作业工'],
	other: ['操作工', '车间主任', '班组长', '仓管员', '质检员', '装配工', '叉车司机', '设备维修工', '生产主管', '包装工']
};

/** Enterprise name parts per sector and how many of the 60 enterprises are of that sector. */
const SECTOR_MIX: readonly { sector: Sector; share: number; trades: readonly string[]; size: [number, number] }[] = [
	{ sector: 'metallurgy', share: 5, trades: ['钢铁', '特钢', '冶金材料', '合金材料', '炉料'], size: [6, 12] },
	{ sector: 'nonferrous', share: 4, trades: ['铜业', '铝业', '有色金属', '再生金属'], size: [4, 9] },
	{ sector: 'building_materials', share: 9, trades: ['水泥', '建材', '新型墙体材料', '石材', '玻璃', '商品混凝土', '陶瓷'], size: [3, 8] },
	{ sector: 'machinery', share: 14, trades: ['机械制造', '汽车零部件', '电机', '阀门', '精密机械', '五金制品', '农机装备'], size: [2, 8] },
	{ sector: 'light_industry', share: 14, trades: ['食品', '纸业', '塑业', '家具', '木业', '鞋业', '包装材料', '酒业'], size: [2, 7] },
	{ sector: 'textile', share: 7, trades: ['纺织', '服饰', '针织', '化纤'], size: [3, 8] },
	{ sector: 'tobacco', share: 1, trades: ['烟叶复烤'], size: [3, 5] },
	{ sector: 'commerce', share: 6, trades: ['商贸', '物流', '仓储', '冷链物流', '超市'], size: [1, 4] }
];

const BRAND_NAMES = (
	'恒达 鑫盛 金辉 华兴 宏远 永盛 博远 瑞丰 嘉禾 天成 隆鑫 广源 兴旺 福瑞 伟业 宏昌 盛达 联创 信达 鼎盛 祥和 新泰 华盛 佳美 润丰 顺发 德隆 凯利 金鹰 众诚 天宇 力源 ' +
	'泰和 三江 怀玉 冰溪 信江 青山 绿源 金桥 东方 远航 恒通 百盛 万家 诚信 明珠 振兴 汇通 安达 永兴 春晖 益丰 金源 腾飞 昌盛 旭日 鸿运 森茂 利民 长青 宏泰 正邦 创新'
).split(' ');
const PARKS = ['工业园区', '经济开发区', '高新技术产业园区', '工业园区', ''];
const ROADS = ['创业路', '兴业大道', '工业大道', '迎宾大道', '科技路', '园区一路', '园区二路', '金山大道', '光明路', '环城北路', '滨江路', '博士大道'];

/** A common Chinese name (two or three characters, or four with a compound surname) and its pinyin initials. */
function personName(rng: Rng, male: boolean): { name: string; initials: string } {
	const [surname, , surnameInitials] = weighted(rng, SURNAME_CHOICES);
	const [chars, initials] = male ? MALE_CHARS : FEMALE_CHARS;
	let name = surname;
	let abbr = surnameInitials;
	for (let i = chance(rng, 0.75) ? 2 : 1; i > 0; i--) {
		const k = Math.floor(rng() * chars.length);
		name += chars[k];
		abbr += initials[k];
	}
	return { name, initials: abbr };
}

// ---------------------------------------------------------------------------------------------------------
// The year's programme

interface Template {
	title: string;
	audience: TrainingAudience;
	/** Who applies: categories (weights) and, for sector-specific sessions, the sectors. */
	categories: readonly (readonly [StaffCategory, number])[];
	sectors?: readonly Sector[];
	/** mm-dd the session is planned to start (first weekday on or after). */
	start: string;
	days: number;
	capacity: number;
	/** Applicants when the session is full (more than capacity: a waiting list). */
	applicants: number;
	/** Share of applicants who were trained earlier in the year (专题 sessions draw on them). */
	returning: number;
	venue: number;
}

const TEMPLATES: readonly Template[] = [
	{
		title: '主要负责人安全生产知识和管理能力初次培训',
		audience: 'principal',
		categories: [['principal', 1]],
		start: '03-09',
		days: 4,
		capacity: 70,
		applicants: 64,
		returning: 0,
		venue: 0
	},
	{
		title: '安全生产管理人员初次安全培训',
		audience: 'safety_manager',
		categories: [['safety_manager', 1]],
		start: '03-23',
		days: 4,
		capacity: 100,
		applicants: 96,
		returning: 0,
		venue: 0
	},
	{
		title: '新员工三级安全教育培训（春季班）',
		audience: 'other',
		categories: [['other', 1]],
		start: '04-13',
		days: 4,
		capacity: 330,
		applicants: 352,
		returning: 0,
		venue: 2
	},
	{
		title: '特种作业人员安全技术培训（电工作业）',
		audience: 'special_operator',
		categories: [['special_operator', 1]],
		start: '05-11',
		days: 3,
		capacity: 220,
		applicants: 214,
		returning: 0,
		venue: 2
	},
	{
		title: '有限空间作业安全专题培训',
		audience: 'mixed',
		categories: [
			['special_operator', 3],
			['other', 5],
			['safety_manager', 2]
		],
		start: '06-08',
		days: 2,
		capacity: 240,
		applicants: 232,
		returning: 0.35,
		venue: 3
	},
	{
		title: '主要负责人年度安全再培训',
		audience: 'principal',
		categories: [['principal', 1]],
		start: '07-06',
		days: 2,
		capacity: 90,
		applicants: 82,
		returning: 0,
		venue: 1
	},
	{
		title: '安全生产管理人员年度安全再培训',
		audience: 'safety_manager',
		categories: [['safety_manager', 1]],
		start: '08-10',
		days: 2,
		capacity: 160,
		applicants: 151,
		returning: 0,
		venue: 1
	},
	{
		title: '特种作业人员安全技术培训（焊接与热切割作业）',
		audience: 'special_operator',
		categories: [['special_operator', 1]],
		start: '09-07',
		days: 3,
		capacity: 220,
		applicants: 206,
		returning: 0,
		venue: 2
	},
	{
		title: '新员工三级安全教育培训（秋季班）',
		audience: 'other',
		categories: [['other', 1]],
		start: '10-12',
		days: 4,
		capacity: 330,
		applicants: 346,
		returning: 0,
		venue: 2
	},
	{
		title: '粉尘防爆安全专题培训',
		audience: 'mixed',
		categories: [
			['safety_manager', 2],
			['other', 6],
			['special_operator', 1]
		],
		sectors: ['machinery', 'light_industry', 'building_materials', 'textile'],
		start: '11-09',
		days: 2,
		capacity: 240,
		applicants: 226,
		returning: 0.35,
		venue: 3
	},
	{
		title: '冶金有色企业从业人员安全再培训',
		audience: 'other',
		categories: [
			['other', 4],
			['special_operator', 1]
		],
		sectors: ['metallurgy', 'nonferrous'],
		start: '11-30',
		days: 4,
		capacity: 180,
		applicants: 166,
		returning: 0.2,
		venue: 2
	},
	{
		title: '岁末年初安全生产警示教育培训',
		audience: 'mixed',
		categories: [
			['principal', 2],
			['safety_manager', 3],
			['other', 3],
			['special_operator', 1]
		],
		start: '12-14',
		days: 2,
		capacity: 260,
		applicants: 236,
		returning: 0.5,
		venue: 1
	}
];

const MORNING = { startTime: '08:30', endTime: '11:30', hours: 3 } as const;
const AFTERNOON = { startTime: '14:00', endTime: '17:00', hours: 3 } as const;
/** Sessions starting within this many days take enrolments (报名中); later ones are still 计划. */
const ENROLMENT_OPENS_DAYS = 45;

interface PlannedSession {
	t: Template;
	days: string[];
	status: TrainingStatus;
}

/**
 * Dates and statuses of the year's sessions as seen from `today`. In the current year the first session not
 * yet over is moved to span today (started the weekday before), so exactly one is 进行中.
 */
export function planYear(year: number, today: string): PlannedSession[] {
	const plans = TEMPLATES.map((t) => ({ t, days: weekdays(weekdayFrom(`${year}-${t.start}`), t.days) }));
	if (Number(today.slice(0, 4)) === year) {
		const r = plans.findIndex((p) => p.days.at(-1)! >= today);
		const p = plans[r === -1 ? plans.length - 1 : r];
		let start = addDays(today, -1);
		while (isWeekend(start)) start = addDays(start, -1);
		if (start < `${year}-01-01`) start = weekdayFrom(`${year}-01-01`);
		p.days = weekdays(start, p.t.days);
	}
	plans.sort((a, b) => a.days[0].localeCompare(b.days[0]));
	return plans.map((p) => {
		const first = p.days[0];
		const last = p.days.at(-1)!;
		const status: TrainingStatus =
			last < today ? 'ended' : first <= today ? 'running' : daysBetween(today, first) <= ENROLMENT_OPENS_DAYS ? 'enrolling' : 'planned';
		return { ...p, status };
	});
}

// ---------------------------------------------------------------------------------------------------------

interface Enterprise {
	id: number;
	sector: Sector | null;
	/** Relative head count. */
	size: number;
}

interface Person {
	/** Index into the insert order; the row id after insertion. */
	id: number;
	name: string;
	initials: string;
	phone: string;
	idNumber: string;
	enterpriseId: number | null;
	category: StaffCategory;
	position: string;
	userId: number | null;
	createdAt: number;
	/** Share of the slots this person turns up for. */
	reliability: number;
	sessions: Set<number>;
}

interface Applicant {
	person: Person;
	cancelled: boolean;
	source: 'self' | 'trainer' | 'import';
}

/**
 * Seeds one county year of the training registry; see the module comment. Call after units and users exist
 * (it reads the county's name and its parents for enterprise names, the first trainer account for who
 * recorded what, and the learner accounts with a 人员类别 to link them).
 */
export function seedTrainingYear(db: Db, opts: TrainingYearOptions): TrainingYearSummary {
	const { year, countyUnitId, organizerUnitId, rng } = opts;
	const now = opts.now ?? Date.now();
	const today = chinaDate(now);
	const c = db.$client;

	const run = c.transaction((): TrainingYearSummary => {
		// --- context ---------------------------------------------------------------------------------------
		const county = c.prepare('select id, name, parent_id as parentId from unit where id = ?').get(countyUnitId) as
			{ id: number; name: string; parentId: number | null } | undefined;
		if (!county) throw new Error(`seedTrainingYear: no unit ${countyUnitId}`);
		const city = county.parentId
			? (c.prepare('select name, parent_id as parentId from unit where id = ?').get(county.parentId) as { name: string; parentId: number | null })
			: null;
		const province = city?.parentId ? (c.prepare('select name from unit where id = ?').get(city.parentId) as { name: string }) : null;
		const short = (n: string) => n.replace(/(省|市|县|区|自治州|自治县)$/, '');
		const trainer = c.prepare("select u.id from user u join user_role r on r.user_id = u.id where r.role = 'trainer' order by u.id limit 1").get() as
			{ id: number } | undefined;
		const trainerId = trainer?.id ?? null;
		const learners = c
			.prepare(
				"select u.id, u.display_name as displayName, u.staff_category as category, u.unit_id as unitId, un.kind as unitKind from user u join user_role r on r.user_id = u.id left join unit un on un.id = u.unit_id where r.role = 'learner' and u.staff_category is not null and not exists (select 1 from trainee t where t.user_id = u.id) order by u.id"
			)
			.all() as { id: number; displayName: string; category: StaffCategory; unitId: number | null; unitKind: string | null }[];

		// --- enterprises -----------------------------------------------------------------------------------
		const enterpriseCount = opts.enterprises ?? 60;
		const insUnit = c.prepare("insert into unit (parent_id, name, kind, sector, address, legal_representative) values (?, ?, 'enterprise', ?, ?, ?)");
		const brands = shuffle(rng, [...BRAND_NAMES]);
		const totalShare = SECTOR_MIX.reduce((n, s) => n + s.share, 0);
		const enterprises: Enterprise[] = [];
		const usedNames = new Set((c.prepare('select name from unit').all() as { name: string }[]).map((u) => u.name));
		let brandIndex = 0;
		for (const mix of SECTOR_MIX) {
			const n = Math.max(1, Math.round((mix.share / totalShare) * enterpriseCount));
			for (let i = 0; i < n && enterprises.length < enterpriseCount; i++) {
				let name = '';
				do {
					// Past the list (more enterprises than brand names) a brand comes round again with another trade.
					const brand = brands[brandIndex++ % brands.length];
					const place = weighted(rng, [
						[county.name, 6],
						[city ? short(city.name) : county.name, 2],
						[province ? short(province.name) : county.name, 2]
					] as const);
					name = `${place}${brand}${pick(rng, mix.trades)}有限公司（演示）`;
				} while (usedNames.has(name));
				usedNames.add(name);
				const address = `${county.name}${pick(rng, PARKS)}${pick(rng, ROADS)} ${int(rng, 1, 288)} 号`;
				const r = insUnit.run(countyUnitId, name, mix.sector, address, personName(rng, chance(rng, 0.85)).name);
				enterprises.push({ id: Number(r.lastInsertRowid), sector: mix.sector, size: int(rng, mix.size[0], mix.size[1]) });
			}
		}
		const created = enterprises.length;
		// Enterprises already under the county (the demo's own) train people too.
		for (const e of c
			.prepare("select id, sector from unit where parent_id = ? and kind = 'enterprise' and id < ?")
			.all(countyUnitId, enterprises[0]?.id ?? 0) as { id: number; sector: Sector | null }[]) {
			enterprises.push({ id: e.id, sector: e.sector, size: 4 });
		}
		const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));

		// --- people ----------------------------------------------------------------------------------------
		const ids = new Set((c.prepare('select id_number as n from trainee where id_number is not null').all() as { n: string }[]).map((r) => r.n));
		const phones = new Set<string>();
		const people: Person[] = [];

		function newIdNumber(category: StaffCategory, male: boolean): string {
			const [minAge, maxAge] =
				category === 'principal' ? [33, 62] : category === 'safety_manager' ? [26, 56] : category === 'special_operator' ? [22, 55] : [18, 52];
			for (;;) {
				const age = int(rng, minAge, maxAge);
				const birthYear = year - age;
				const area = birthYear < 1985 && chance(rng, 0.4) ? '362323' : weighted(rng, AREA_CODES);
				const month = int(rng, 1, 12);
				const day = int(rng, 1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
				const seq = int(rng, 0, 49) * 2 + (male ? 1 : 0);
				const first17 = `${area}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(int(rng, 0, 9))}${String(seq).padStart(2, '0')}`;
				const id = first17 + idCheckChar(first17);
				if (!ids.has(id)) {
					ids.add(id);
					return id;
				}
			}
		}

		function newPhone(): string {
			for (;;) {
				const p = pick(rng, MOBILE_PREFIXES) + String(int(rng, 0, 99_999_999)).padStart(8, '0');
				if (!phones.has(p)) {
					phones.add(p);
					return p;
				}
			}
		}

		const MALE_SHARE: Record<StaffCategory, number> = { principal: 0.85, safety_manager: 0.72, special_operator: 0.95, other: 0.6 };

		const choices = new Map<string, (readonly [Enterprise, number])[]>();
		function enterpriseFor(category: StaffCategory, sectors: readonly Sector[] | undefined): Enterprise {
			const key = `${category}:${sectors?.join() ?? ''}`;
			let list = choices.get(key);
			if (!list) {
				const pool = sectors ? enterprises.filter((e) => e.sector && sectors.includes(e.sector)) : enterprises;
				// Every enterprise has about one principal and one or two safety managers; workers follow the head count.
				const weight = (e: Enterprise) => (category === 'principal' ? 1 : category === 'safety_manager' ? 1 + e.size / 4 : e.size);
				choices.set(key, (list = (pool.length ? pool : enterprises).map((e) => [e, weight(e)] as const)));
			}
			return weighted(rng, list);
		}

		function newPerson(category: StaffCategory, sectors: readonly Sector[] | undefined): Person {
			const e = enterpriseFor(category, sectors);
			const female = e.sector === 'textile' || e.sector === 'light_industry' ? 0.15 : 0;
			const male = chance(rng, MALE_SHARE[category] - (category === 'other' ? female : 0));
			const { name, initials } = personName(rng, male);
			const p: Person = {
				id: 0,
				name,
				initials,
				phone: newPhone(),
				idNumber: newIdNumber(category, male),
				enterpriseId: e.id,
				category,
				position: pick(rng, POSITIONS[category]),
				userId: null,
				createdAt: now,
				reliability: weighted(rng, [
					[0.97, 82],
					[0.88, 12],
					[0.5, 4],
					[0, 2]
				] as const),
				sessions: new Set()
			};
			people.push(p);
			return p;
		}

		// --- sessions, applicants --------------------------------------------------------------------------
		const plans = planYear(year, today);
		/** Enrolment runs from 40 to 2 days before the start, and never later than an hour ago. */
		const enrolmentWindow = (plan: PlannedSession) => {
			const start = chinaInstant(plan.days[0], '08:30');
			const until = Math.min(start - 2 * DAY_MS, now - 3_600_000);
			return { from: Math.min(start - 40 * DAY_MS, until - 5 * DAY_MS), until };
		};
		/** When the applicant at `k` of `n` enrolled: spread evenly over the window, in order. */
		const enrolledAt = (plan: PlannedSession, k: number, n: number) => {
			const { from, until } = enrolmentWindow(plan);
			return Math.floor(from + ((k + 1) / (n + 1)) * (until - from));
		};
		const venues = [
			`${county.name}应急管理局培训中心`,
			`${county.name}应急管理局三楼会议室`,
			`${county.name}职业技术学校实训楼`,
			`${county.name}工业园区管委会报告厅`
		];
		const applicantsOf: Applicant[][] = plans.map(() => []);

		plans.forEach((plan, si) => {
			if (plan.status === 'planned') return;
			const t = plan.t;
			const { from, until } = enrolmentWindow(plan);
			// An open session has filled only so far.
			const share = plan.status === 'enrolling' ? Math.min(1, 0.25 + (until - from) / (38 * DAY_MS)) : 1;
			const n = Math.round(t.applicants * share);
			const cats = t.categories;
			const inSectors = (p: Person) => {
				const sector = p.enterpriseId === null ? null : (enterpriseById.get(p.enterpriseId)?.sector ?? null);
				return !t.sectors || (sector !== null && t.sectors.includes(sector));
			};
			const earlier = (cat: StaffCategory) => people.filter((p) => p.category === cat && !p.sessions.has(si) && p.userId === null && inSectors(p));
			const returningPool = new Map<StaffCategory, Person[]>();
			for (let k = 0; k < n; k++) {
				const cat = weighted(rng, cats);
				let person: Person | undefined;
				if (t.returning > 0 && chance(rng, t.returning)) {
					let pool = returningPool.get(cat);
					if (!pool) returningPool.set(cat, (pool = shuffle(rng, earlier(cat))));
					person = pool.pop();
				}
				person ??= newPerson(cat, t.sectors);
				person.sessions.add(si);
				applicantsOf[si].push({ person, cancelled: chance(rng, 0.03), source: chance(rng, 0.85) ? 'import' : 'trainer' });
			}
		});

		// Demo learners: an ended session of their category (with a certificate) and the next open one.
		const audienceFits = (plan: PlannedSession, cat: StaffCategory) => plan.t.categories.some(([c2]) => c2 === cat);
		for (const l of learners) {
			const enterpriseId = l.unitKind === 'enterprise' ? l.unitId : null;
			const first = plans.findIndex((p) => p.status === 'ended' && audienceFits(p, l.category));
			const next = plans.findIndex((p) => (p.status === 'running' || p.status === 'enrolling') && audienceFits(p, l.category));
			const chosen = [first, next].filter((i) => i >= 0);
			const person: Person = {
				id: 0,
				name: l.displayName,
				initials: pinyinInitials(l.displayName),
				phone: newPhone(),
				idNumber: newIdNumber(l.category, chance(rng, 0.7)),
				enterpriseId,
				category: l.category,
				position: pick(rng, POSITIONS[l.category]),
				userId: l.id,
				createdAt: now,
				reliability: 1,
				sessions: new Set(chosen)
			};
			people.push(person);
			for (const si of chosen) applicantsOf[si].splice(Math.min(3, applicantsOf[si].length), 0, { person, cancelled: false, source: 'self' });
		}

		// --- insert trainees -------------------------------------------------------------------------------
		const insTrainee = c.prepare(
			'insert into trainee (name, name_initials, phone, id_number, enterprise_unit_id, category, position, user_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		// Each person's record dates from their first enrolment.
		plans.forEach((plan, si) => {
			applicantsOf[si].forEach((a, k) => (a.person.createdAt = Math.min(a.person.createdAt, enrolledAt(plan, k, applicantsOf[si].length))));
		});
		for (const p of people) {
			p.id = Number(insTrainee.run(p.name, p.initials, p.phone, p.idNumber, p.enterpriseId, p.category, p.position, p.userId, p.createdAt).lastInsertRowid);
		}

		// --- insert sessions, slots, enrolments, attendance, exams, certificates ---------------------------
		const insSession = c.prepare(
			'insert into training_session (title, organizer_unit_id, region_unit_id, start_date, end_date, venue, audience, instructors, capacity, status, year, year_seq, checkin_secret, pass_mark, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		const insSlot = c.prepare('insert into session_slot (session_id, date, start_time, end_time, hours) values (?, ?, ?, ?, ?)');
		const insEnrollment = c.prepare('insert into enrollment (session_id, trainee_id, status, position, source, created_at) values (?, ?, ?, ?, ?, ?)');
		const insAttendance = c.prepare('insert into attendance (slot_id, trainee_id, method, checked_in_at, recorded_by) values (?, ?, ?, ?, ?)');
		const insExam = c.prepare(
			"insert into exam_result (session_id, trainee_id, score, passed, source, entered_by, entered_at) values (?, ?, ?, ?, 'manual', ?, ?)"
		);
		const insCertificate = c.prepare(
			'insert into training_certificate (number, session_id, trainee_id, hours, issued_at, valid_until) values (?, ?, ?, ?, ?, ?)'
		);
		const maxSeq = (c.prepare('select max(year_seq) as n from training_session where year = ?').get(year) as { n: number | null }).n ?? 0;

		const summary: TrainingYearSummary = {
			enterprises: created,
			sessions: 0,
			slots: 0,
			trainees: people.length,
			enrollments: 0,
			attendance: 0,
			examResults: 0,
			certificates: 0,
			linkedLearners: learners.length
		};
		const instructorPool = Array.from({ length: 8 }, () => personName(rng, chance(rng, 0.7)).name);

		plans.forEach((plan, si) => {
			const t = plan.t;
			const first = plan.days[0];
			const last = plan.days.at(-1)!;
			const yearSeq = maxSeq + si + 1;
			const applicants = applicantsOf[si];
			const instructors = `${instructorPool[si % 8]}（注册安全工程师）、${instructorPool[(si + 3) % 8]}（${county.name}应急管理局）`;
			const createdAt = Math.floor(Math.min(now, chinaInstant(first, '09:00') - 60 * DAY_MS) / 1000);
			const sessionId = Number(
				insSession.run(
					`${year}年${t.title}`,
					organizerUnitId,
					countyUnitId,
					first,
					last,
					venues[t.venue],
					t.audience,
					instructors,
					t.capacity,
					plan.status,
					year,
					yearSeq,
					newCheckinSecret(),
					60,
					trainerId,
					createdAt
				).lastInsertRowid
			);
			summary.sessions++;
			const slots: { id: number; date: string; startTime: string; hours: number }[] = [];
			for (const date of plan.days) {
				for (const s of [MORNING, AFTERNOON]) {
					const id = Number(insSlot.run(sessionId, date, s.startTime, s.endTime, s.hours).lastInsertRowid);
					slots.push({ id, date, startTime: s.startTime, hours: s.hours });
				}
			}
			summary.slots += slots.length;
			const plannedCents = slots.reduce((n, s) => n + Math.round(s.hours * 100), 0);

			// Enrolments, positions in order of application. Each cancellation gave its seat to the first waiting
			// (first come, first served), so the first `capacity` applicants still active hold seats and the rest
			// wait: exactly the state the waiting-list rules leave behind.
			const enrolled: Person[] = [];
			let seatsTaken = 0;
			applicants.forEach((a, k) => {
				const status = a.cancelled ? 'cancelled' : seatsTaken < t.capacity ? 'enrolled' : 'waiting';
				if (status === 'enrolled') {
					seatsTaken++;
					enrolled.push(a.person);
				}
				insEnrollment.run(sessionId, a.person.id, status, k + 1, a.source, enrolledAt(plan, k, applicants.length));
				summary.enrollments++;
			});

			// Attendance for the days already held (today's slots are left for a live check-in).
			const held = slots.filter((s) => s.date < today).map((s) => ({ ...s, startsAt: chinaInstant(s.date, s.startTime) }));
			const attendedCents = new Map<Person, number>();
			for (const p of enrolled) {
				let cents = 0;
				for (const s of held) {
					// The demo learners never miss a slot.
					if (p.userId === null && !chance(rng, p.reliability)) continue;
					// Without an account a trainee cannot scan the code: the trainer takes the roll by hand.
					const qr = p.userId !== null;
					const at = qr ? s.startsAt - int(rng, 1, 25) * 60_000 : s.startsAt + int(rng, 5, 20) * 60_000;
					insAttendance.run(s.id, p.id, qr ? 'qr' : 'manual', at, qr ? p.userId : trainerId);
					summary.attendance++;
					cents += Math.round(s.hours * 100);
				}
				attendedCents.set(p, cents);
			}
			if (plan.status !== 'ended') return;

			// Exam (entered by hand after the last afternoon) for everyone who came; certificates by the issuing rules.
			const examAt = chinaInstant(last, '17:10');
			const issuedAt = chinaInstant(last, '17:30');
			const validUntil = addYears(last, CERTIFICATE_VALIDITY_YEARS);
			let learnerSeq = 0;
			for (const p of enrolled) {
				const cents = attendedCents.get(p) ?? 0;
				if (cents === 0) continue;
				const share = cents / plannedCents;
				const score = p.userId !== null ? 88 : Math.max(20, Math.min(100, Math.round(74.5 + 11 * normal(rng) + (share - 0.9) * 25)));
				const passed = score >= 60;
				insExam.run(sessionId, p.id, score, passed ? 1 : 0, trainerId, examAt);
				summary.examResults++;
				if (passed && cents >= requiredCents(plannedCents)) {
					insCertificate.run(certificateNumber(year, yearSeq, ++learnerSeq), sessionId, p.id, cents / 100, issuedAt, validUntil);
					summary.certificates++;
				}
			}
		});
		return summary;
	});
	return run();
}
