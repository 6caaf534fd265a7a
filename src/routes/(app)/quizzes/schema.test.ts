import { describe, expect, it } from 'vitest';
import { chinaLocalToEpoch, defaultQuizValues, epochToChinaLocal, fieldOfError, parseQuizForm, quizFormValues } from './schema';

type Fields = Record<string, string | string[] | null>;

function form(over: Fields = {}) {
	const fields: Fields = {
		title: ' 安全生产法知识测验 ',
		description: '考查 2021 年修正的安全生产法。',
		timeLimitMinutes: '45',
		opensAt: '2026-05-01T09:00',
		closesAt: '2026-05-31T18:00',
		attemptsAllowed: '2',
		passMark: '80',
		shuffleOptions: 'on',
		reviewAfterSubmit: ['score', 'correctness'],
		reviewAfterClose: ['score', 'correctness', 'answers', 'explanations'],
		ruleCategory: ['3', '7'],
		ruleDifficulty: ['', '3'],
		ruleCount: ['10', '5'],
		rulePoints: ['2', '4'],
		...over
	};
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) {
		if (v === null) continue;
		for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
	}
	return fd;
}

function errorsOf(over: Fields) {
	const r = parseQuizForm(form(over));
	if (r.ok) throw new Error('expected a refusal');
	return r.errors;
}

describe('China time (UTC+8) for datetime-local fields', () => {
	it.each([
		// Beijing 09:00 is 01:00 UTC the same day.
		['2026-05-01T09:00', Date.UTC(2026, 4, 1, 1, 0)],
		// Beijing 07:30 on 1 May is still 30 April in UTC.
		['2026-05-01T07:30', Date.UTC(2026, 3, 30, 23, 30)],
		// Beijing midnight on New Year is 16:00 UTC on 31 December.
		['2027-01-01T00:00', Date.UTC(2026, 11, 31, 16, 0)],
		['2026-05-01T09:00:30', Date.UTC(2026, 4, 1, 1, 0, 30)],
		['2028-02-29T12:00', Date.UTC(2028, 1, 29, 4, 0)]
	])('%s is %d', (local, epoch) => {
		expect(chinaLocalToEpoch(local)).toBe(epoch);
	});

	it.each(['', '2026-05-01', '2026-05-01 09:00', '2026-02-30T09:00', '2027-02-29T09:00', '2026-05-01T24:00', '2026-05-01T09:60', '1999-12-31T23:00', 'x2026-05-01T09:00'])(
		'%s is not a date-time',
		(v) => {
			expect(chinaLocalToEpoch(v)).toBeNull();
		}
	);

	it.each([
		[Date.UTC(2026, 4, 1, 1, 0), '2026-05-01T09:00'],
		[Date.UTC(2026, 3, 30, 23, 30), '2026-05-01T07:30'],
		[Date.UTC(2026, 4, 1, 1, 0, 30), '2026-05-01T09:00:30']
	])('shows %d as %s Beijing time', (epoch, local) => {
		expect(epochToChinaLocal(epoch)).toBe(local);
	});
});

describe('parseQuizForm', () => {
	it('turns a complete form into the quiz input, reading times as Beijing time', () => {
		expect(parseQuizForm(form())).toEqual({
			ok: true,
			data: {
				title: '安全生产法知识测验',
				description: '考查 2021 年修正的安全生产法。',
				timeLimitMinutes: 45,
				opensAt: Date.UTC(2026, 4, 1, 1, 0),
				closesAt: Date.UTC(2026, 4, 31, 10, 0),
				attemptsAllowed: 2,
				passMark: 80,
				shuffleOptions: true,
				reviewAfterSubmit: { score: true, correctness: true, answers: false, explanations: false },
				reviewAfterClose: { score: true, correctness: true, answers: true, explanations: true },
				rules: [
					{ categoryId: 3, difficulty: null, count: 10, points: 2 },
					{ categoryId: 7, difficulty: 3, count: 5, points: 4 }
				]
			}
		});
	});

	it('writes rule keys in the order updateQuiz compares them in (an unchanged rule must compare equal)', () => {
		const r = parseQuizForm(form());
		expect(r.ok && JSON.stringify(r.data.rules[1])).toBe('{"categoryId":7,"difficulty":3,"count":5,"points":4}');
	});

	it('reads empty times as no limit, 0 minutes as untimed, 0 attempts as unlimited, and unticked boxes as off', () => {
		const r = parseQuizForm(form({ opensAt: '', closesAt: null, timeLimitMinutes: '0', attemptsAllowed: '0', shuffleOptions: null, reviewAfterSubmit: null, reviewAfterClose: ['explanations'], description: '  ' }));
		expect(r.ok && r.data).toMatchObject({
			opensAt: null,
			closesAt: null,
			timeLimitMinutes: 0,
			attemptsAllowed: 0,
			shuffleOptions: false,
			description: '',
			reviewAfterSubmit: { score: false, correctness: false, answers: false, explanations: false },
			reviewAfterClose: { score: false, correctness: false, answers: false, explanations: true }
		});
	});

	it('accepts an open end on either side of the window', () => {
		const r = parseQuizForm(form({ closesAt: '' }));
		expect(r.ok && [r.data.opensAt, r.data.closesAt]).toEqual([Date.UTC(2026, 4, 1, 1, 0), null]);
	});

	it('skips rule rows with nothing typed in them', () => {
		const r = parseQuizForm(form({ ruleCategory: ['', '3'], ruleDifficulty: ['2', ''], ruleCount: ['', '4'], rulePoints: [' ', '1.5'] }));
		expect(r.ok && r.data.rules).toEqual([{ categoryId: 3, difficulty: null, count: 4, points: 1.5 }]);
	});

	it.each([
		['title', { title: '  ' }, '请填写测验名称'],
		['title', { title: '测'.repeat(101) }, '测验名称不能超过 100 个字符'],
		['description', { description: '说'.repeat(2001) }, '测验说明不能超过 2000 个字符'],
		['timeLimitMinutes', { timeLimitMinutes: '' }, '请填写时间限制'],
		['timeLimitMinutes', { timeLimitMinutes: '1.5' }, '时间限制应为整数'],
		['timeLimitMinutes', { timeLimitMinutes: '-5' }, '时间限制应为整数'],
		['timeLimitMinutes', { timeLimitMinutes: '601' }, '时间限制应在 0–600 分钟之间'],
		['opensAt', { opensAt: '2026-02-30T09:00' }, '开放时间不是有效的日期和时间'],
		['closesAt', { closesAt: 'tomorrow' }, '关闭时间不是有效的日期和时间'],
		['closesAt', { closesAt: '2026-05-01T09:00' }, '关闭时间必须晚于开放时间'],
		['closesAt', { closesAt: '2026-04-30T18:00' }, '关闭时间必须晚于开放时间'],
		['attemptsAllowed', { attemptsAllowed: '101' }, '允许作答次数应在 0–100 之间'],
		['attemptsAllowed', { attemptsAllowed: 'abc' }, '允许作答次数应为整数'],
		['passMark', { passMark: '' }, '请填写及格线'],
		['passMark', { passMark: '101' }, '及格线应在 0–100 之间'],
		['reviewAfterSubmit', { reviewAfterSubmit: ['score', 'everything'] }, '交卷后显示的取值无效，请刷新页面'],
		['reviewAfterClose', { reviewAfterClose: ['key'] }, '测验关闭后显示的取值无效，请刷新页面'],
		['rules', { ruleCategory: null, ruleDifficulty: null, ruleCount: null, rulePoints: null }, '请至少添加一条抽题规则'],
		['rules', { ruleCategory: ['1', '2'], ruleDifficulty: ['', ''], ruleCount: ['150', '51'], rulePoints: ['1', '1'] }, '一份测验最多 200 题，现在共 201 题'],
		['rules.1.categoryId', { ruleCategory: ['3', ''] }, '请选择试题分类'],
		['rules.0.categoryId', { ruleCategory: ['x', '7'] }, '请选择试题分类'],
		['rules.1.difficulty', { ruleDifficulty: ['', '4'] }, '难度的取值无效'],
		['rules.0.count', { ruleCount: ['0', '5'] }, '抽题数应在 1–200 题之间'],
		['rules.0.count', { ruleCount: ['', '5'] }, '请填写抽题数'],
		['rules.1.count', { ruleCount: ['10', '2.5'] }, '抽题数应为整数'],
		['rules.0.points', { rulePoints: ['0', '4'] }, '每题分值应大于 0 且不超过 100'],
		['rules.0.points', { rulePoints: ['100.5', '4'] }, '每题分值应大于 0 且不超过 100'],
		['rules.1.points', { rulePoints: ['2', '1.125'] }, '每题分值应为数字，如 2 或 0.5（最多两位小数）'],
		['rules.1.points', { rulePoints: ['2', ''] }, '请填写每题分值']
	])('%s: %j → %s', (field, over, message) => {
		expect(errorsOf(over)[field]).toBe(message);
	});

	it('refuses more than 50 rules', () => {
		const many = (v: string) => Array.from({ length: 51 }, () => v);
		expect(errorsOf({ ruleCategory: many('1'), ruleDifficulty: many(''), ruleCount: many('1'), rulePoints: many('1') }).rules).toBe('抽题规则不能超过 50 条');
	});

	it('reports every problem at once and gives back what was typed', () => {
		const r = parseQuizForm(form({ title: '', passMark: '120', ruleCount: ['10', '0'], shuffleOptions: null }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['passMark', 'rules.1.count', 'title']);
		expect(r.values).toMatchObject({
			title: '',
			passMark: '120',
			opensAt: '2026-05-01T09:00',
			shuffleOptions: false,
			reviewAfterSubmit: ['score', 'correctness'],
			rules: [
				{ categoryId: '3', difficulty: '', count: '10', points: '2' },
				{ categoryId: '7', difficulty: '3', count: '0', points: '4' }
			]
		});
	});
});

describe('form values of a saved quiz', () => {
	it('shows times in Beijing time and rules as strings, so saving unchanged gives the same input back', () => {
		const saved = {
			id: 1,
			title: '测验',
			description: '',
			timeLimitMinutes: 0,
			opensAt: Date.UTC(2026, 3, 30, 23, 30),
			closesAt: null,
			attemptsAllowed: 0,
			passMark: 60,
			shuffleOptions: false,
			reviewAfterSubmit: { score: true, correctness: false, answers: false, explanations: false },
			reviewAfterClose: { score: true, correctness: true, answers: true, explanations: false },
			status: 'draft' as const,
			createdBy: null,
			createdAt: new Date(0),
			rules: [{ id: 9, categoryId: 4, categoryName: '粉尘防爆', difficulty: 2 as const, count: 3, points: 2.5 }]
		};
		const v = quizFormValues(saved);
		expect(v).toEqual({
			title: '测验',
			description: '',
			timeLimitMinutes: '0',
			opensAt: '2026-05-01T07:30',
			closesAt: '',
			attemptsAllowed: '0',
			passMark: '60',
			shuffleOptions: false,
			reviewAfterSubmit: ['score'],
			reviewAfterClose: ['score', 'correctness', 'answers'],
			rules: [{ categoryId: '4', difficulty: '2', count: '3', points: '2.5' }]
		});
		const r = parseQuizForm(
			form({
				title: v.title,
				description: v.description,
				timeLimitMinutes: v.timeLimitMinutes,
				opensAt: v.opensAt,
				closesAt: v.closesAt,
				attemptsAllowed: v.attemptsAllowed,
				passMark: v.passMark,
				shuffleOptions: null,
				reviewAfterSubmit: v.reviewAfterSubmit,
				reviewAfterClose: v.reviewAfterClose,
				ruleCategory: ['4'],
				ruleDifficulty: ['2'],
				ruleCount: ['3'],
				rulePoints: ['2.5']
			})
		);
		expect(r.ok && r.data).toMatchObject({ opensAt: saved.opensAt, closesAt: null, shuffleOptions: false, rules: [{ categoryId: 4, difficulty: 2, count: 3, points: 2.5 }] });
	});

	it('starts a new quiz with one empty rule row and the review defaults', () => {
		const v = defaultQuizValues();
		expect(v.rules).toEqual([{ categoryId: '', difficulty: '', count: '10', points: '2' }]);
		expect(v.reviewAfterSubmit).toEqual(['score', 'correctness']);
		expect(v.reviewAfterClose).toEqual(['score', 'correctness', 'answers', 'explanations']);
	});
});

describe('fieldOfError', () => {
	it.each([
		[{ code: 'quiz.window' }, 'closesAt'],
		[{ code: 'quiz.pass_mark' }, 'passMark'],
		[{ code: 'quiz.rule_short', params: { rule: 2, available: 3, needed: 5 } }, 'rules.1.count'],
		[{ code: 'quiz.category_not_found' }, 'rules'],
		[{ code: 'quiz.has_attempts' }, 'rules']
	])('%j → %s', (error, field) => {
		expect(fieldOfError(error)).toBe(field);
	});
});
