import { z } from 'zod';
import { optionalText, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { MAX_QUESTIONS_PER_QUIZ, MAX_TIME_LIMIT_MINUTES, REVIEW_AFTER_SUBMIT_DEFAULT, REVIEW_ALL, type QuizInput, type QuizWithRules, type RuleInput } from '$lib/server/quiz/quizzes';
import type { Difficulty, ReviewOptions } from '$lib/domain/quiz/types';
import { errorText } from '$lib/i18n/zh';

export const MAX_RULES = 50;
export const MAX_DESCRIPTION = 2000;

// ————— China time —————

/**
 * The bureaus work in China Standard Time, UTC+8 all year (no daylight saving since 1991). A
 * datetime-local input has no zone, so what the trainer types is read as Beijing time whatever the
 * zone of the server or of the browser.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** '2026-05-01T09:00' (Beijing time) → epoch ms; null when it is not a real date and time. */
export function chinaLocalToEpoch(value: string): number | null {
	const m = LOCAL_DATE_TIME.exec(value);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
	if (y < 2000 || y > 2099) return null;
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	const back = new Date(asUtc);
	// Date.UTC rolls 02-30 over to 03-02 and 24:00 to the next day; a real value reads back unchanged.
	if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return null;
	return asUtc - CHINA_OFFSET_MS;
}

/** epoch ms → the datetime-local value showing it in Beijing time ('2026-05-01T09:00', seconds only when set). */
export function epochToChinaLocal(ms: number): string {
	const iso = new Date(ms + CHINA_OFFSET_MS).toISOString();
	return iso.slice(17, 19) === '00' ? iso.slice(0, 16) : iso.slice(0, 19);
}

// ————— form values —————

export const REVIEW_KEYS = ['score', 'correctness', 'answers', 'explanations'] as const satisfies readonly (keyof ReviewOptions)[];

/** Names of the repeated inputs of the rules editor, one value per row, in row order. */
export const RULE_INPUTS = { categoryId: 'ruleCategory', difficulty: 'ruleDifficulty', count: 'ruleCount', points: 'rulePoints' } as const;
type RuleKey = keyof typeof RULE_INPUTS;
export type RuleValues = Record<RuleKey, string>;

/** What the builder form shows: the saved quiz, the defaults, or what was typed when the server refused it. */
export interface QuizFormValues {
	title: string;
	description: string;
	timeLimitMinutes: string;
	opensAt: string;
	closesAt: string;
	attemptsAllowed: string;
	passMark: string;
	shuffleOptions: boolean;
	reviewAfterSubmit: string[];
	reviewAfterClose: string[];
	rules: RuleValues[];
}

export type QuizForm = { ok: true; data: QuizInput } | { ok: false; values: QuizFormValues; errors: Record<string, string> };

/** Where the error of rule row `i` (0-based) and field `key` is shown. */
export const ruleErrorKey = (i: number, key: RuleKey) => `rules.${i}.${key}`;

const reviewKeys = (r: ReviewOptions) => REVIEW_KEYS.filter((k) => r[k]);

/** A new quiz: 30 minutes, one attempt, 60%, shuffled options, one empty rule row. */
export function defaultQuizValues(): QuizFormValues {
	return {
		title: '',
		description: '',
		timeLimitMinutes: '30',
		opensAt: '',
		closesAt: '',
		attemptsAllowed: '1',
		passMark: '60',
		shuffleOptions: true,
		reviewAfterSubmit: reviewKeys(REVIEW_AFTER_SUBMIT_DEFAULT),
		reviewAfterClose: reviewKeys(REVIEW_ALL),
		rules: [{ categoryId: '', difficulty: '', count: '10', points: '2' }]
	};
}

export function quizFormValues(q: QuizWithRules): QuizFormValues {
	return {
		title: q.title,
		description: q.description,
		timeLimitMinutes: String(q.timeLimitMinutes),
		opensAt: q.opensAt === null ? '' : epochToChinaLocal(q.opensAt),
		closesAt: q.closesAt === null ? '' : epochToChinaLocal(q.closesAt),
		attemptsAllowed: String(q.attemptsAllowed),
		passMark: String(q.passMark),
		shuffleOptions: q.shuffleOptions,
		reviewAfterSubmit: reviewKeys(q.reviewAfterSubmit),
		reviewAfterClose: reviewKeys(q.reviewAfterClose),
		rules: q.rules.map((r) => ({ categoryId: String(r.categoryId), difficulty: r.difficulty === null ? '' : String(r.difficulty), count: String(r.count), points: String(r.points) }))
	};
}

// ————— parsing —————

function intField(label: string, min: number, max: number, unit = '') {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^\d{1,6}$/, `${label}应为整数`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${label}应在 ${min}–${max}${unit ? ` ${unit}` : ' '}之间`);
}

/** Empty → null (no limit); otherwise a real Beijing date and time. */
function chinaTimeField(label: string) {
	return z
		.string({ error: `${label}格式不正确` })
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const ms = chinaLocalToEpoch(v);
			if (ms === null) {
				ctx.addIssue({ code: 'custom', message: `${label}不是有效的日期和时间` });
				return z.NEVER;
			}
			return ms;
		});
}

const reviewField = (label: string) =>
	z
		.array(z.enum(REVIEW_KEYS, { error: `${label}的取值无效，请刷新页面` }), { error: `${label}的取值无效，请刷新页面` })
		.max(REVIEW_KEYS.length, `${label}的取值无效，请刷新页面`);

const baseSchema = z.object({
	title: requiredText('测验名称', 100),
	description: optionalText('测验说明', MAX_DESCRIPTION).transform((v) => v ?? ''),
	timeLimitMinutes: intField('时间限制', 0, MAX_TIME_LIMIT_MINUTES, '分钟'),
	opensAt: chinaTimeField('开放时间'),
	closesAt: chinaTimeField('关闭时间'),
	attemptsAllowed: intField('允许作答次数', 0, 100),
	passMark: intField('及格线', 0, 100),
	// A checkbox posts its value only when ticked.
	shuffleOptions: z
		.string()
		.optional()
		.transform((v) => v !== undefined),
	reviewAfterSubmit: reviewField('交卷后显示'),
	reviewAfterClose: reviewField('测验关闭后显示')
});

const ruleSchema = z.object({
	categoryId: requiredId('试题分类'),
	difficulty: z.enum(['', '1', '2', '3'], { error: '难度的取值无效' }).transform((v) => (v === '' ? null : (Number(v) as Difficulty))),
	count: intField('抽题数', 1, MAX_QUESTIONS_PER_QUIZ, '题'),
	points: z
		.string({ error: '请填写每题分值' })
		.trim()
		.min(1, '请填写每题分值')
		.regex(/^\d{1,3}(\.\d{1,2})?$/, '每题分值应为数字，如 2 或 0.5（最多两位小数）')
		.transform(Number)
		.refine((n) => n > 0 && n <= 100, '每题分值应大于 0 且不超过 100')
});

const text = (v: FormDataEntryValue | undefined) => (typeof v === 'string' ? v : '');

/** The rule rows as posted: row i is the i-th value of each repeated input. Rows with nothing typed are dropped. */
export function ruleRows(formData: FormData): RuleValues[] {
	const cols = Object.fromEntries(Object.entries(RULE_INPUTS).map(([k, name]) => [k, formData.getAll(name)])) as Record<RuleKey, FormDataEntryValue[]>;
	const n = Math.max(...Object.values(cols).map((c) => c.length));
	const rows: RuleValues[] = [];
	for (let i = 0; i < n; i++) {
		const row = { categoryId: text(cols.categoryId[i]), difficulty: text(cols.difficulty[i]), count: text(cols.count[i]), points: text(cols.points[i]) };
		if ([row.categoryId, row.count, row.points].some((v) => v.trim() !== '')) rows.push(row);
	}
	return rows;
}

const clip = (v: string, n: number) => v.slice(0, n);

/** What the form shows again after a refusal: every field and rule row as typed. */
export function echoQuizForm(formData: FormData): QuizFormValues {
	const field = (k: string, n = 500) => clip(text(formData.get(k) ?? undefined), n);
	const list = (k: string) => formData.getAll(k).filter((v): v is string => typeof v === 'string').map((v) => clip(v, 20));
	return {
		title: field('title', 200),
		description: field('description', MAX_DESCRIPTION),
		timeLimitMinutes: field('timeLimitMinutes', 10),
		opensAt: field('opensAt', 30),
		closesAt: field('closesAt', 30),
		attemptsAllowed: field('attemptsAllowed', 10),
		passMark: field('passMark', 10),
		shuffleOptions: formData.has('shuffleOptions'),
		reviewAfterSubmit: list('reviewAfterSubmit'),
		reviewAfterClose: list('reviewAfterClose'),
		rules: ruleRows(formData)
			.slice(0, MAX_RULES + 1)
			.map((r) => ({ categoryId: clip(r.categoryId, 12), difficulty: clip(r.difficulty, 2), count: clip(r.count, 10), points: clip(r.points, 10) }))
	};
}

const toReview = (keys: readonly string[]): ReviewOptions => ({
	score: keys.includes('score'),
	correctness: keys.includes('correctness'),
	answers: keys.includes('answers'),
	explanations: keys.includes('explanations')
});

/** Where a refusal of the quiz rules (createQuiz, updateQuiz, setQuizStatus) belongs on the form. */
export function fieldOfError(error: { code: string; params?: Record<string, string | number> }): string {
	switch (error.code) {
		case 'quiz.title':
			return 'title';
		case 'quiz.time_limit':
			return 'timeLimitMinutes';
		case 'quiz.window':
			return 'closesAt';
		case 'quiz.attempts':
			return 'attemptsAllowed';
		case 'quiz.pass_mark':
			return 'passMark';
		case 'quiz.rule_short':
			return typeof error.params?.rule === 'number' ? ruleErrorKey(error.params.rule - 1, 'count') : 'rules';
		default:
			return 'rules';
	}
}

/**
 * The builder form → QuizInput, or every problem at once (rule rows included) keyed by field name.
 * Times are read as Beijing time; a rule's keys come in the order updateQuiz compares them in.
 */
export function parseQuizForm(formData: FormData): QuizForm {
	const base = parseForm(baseSchema, formData);
	const errors: Record<string, string> = base.ok ? {} : { ...base.errors };
	const rows = ruleRows(formData);
	const rules: RuleInput[] = [];
	if (rows.length === 0) errors.rules = '请至少添加一条抽题规则';
	else if (rows.length > MAX_RULES) errors.rules = `抽题规则不能超过 ${MAX_RULES} 条`;
	else
		rows.forEach((row, i) => {
			const r = ruleSchema.safeParse(row);
			// updateQuiz compares rules as JSON: keep this key order (categoryId, difficulty, count, points).
			if (r.success) rules.push({ categoryId: r.data.categoryId, difficulty: r.data.difficulty, count: r.data.count, points: r.data.points });
			else for (const issue of r.error.issues) errors[ruleErrorKey(i, issue.path[0] as RuleKey)] ??= issue.message;
		});
	const total = rules.reduce((n, r) => n + r.count, 0);
	if (total > MAX_QUESTIONS_PER_QUIZ) errors.rules = `一份测验最多 ${MAX_QUESTIONS_PER_QUIZ} 题，现在共 ${total} 题`;
	if (base.ok) {
		const d = base.data;
		if (d.opensAt !== null && d.closesAt !== null && d.closesAt <= d.opensAt) errors.closesAt = errorText({ code: 'quiz.window' });
		if (Object.keys(errors).length === 0) {
			return {
				ok: true,
				data: {
					title: d.title,
					description: d.description,
					timeLimitMinutes: d.timeLimitMinutes,
					opensAt: d.opensAt,
					closesAt: d.closesAt,
					attemptsAllowed: d.attemptsAllowed,
					passMark: d.passMark,
					shuffleOptions: d.shuffleOptions,
					reviewAfterSubmit: toReview(d.reviewAfterSubmit),
					reviewAfterClose: toReview(d.reviewAfterClose),
					rules
				}
			};
		}
	}
	return { ok: false, values: echoQuizForm(formData), errors };
}
