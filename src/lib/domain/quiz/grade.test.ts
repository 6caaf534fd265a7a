import { describe, expect, it } from 'vitest';
import { gradeAttempt, gradeResponse, type Correctness, type GradedQuestion, type GradeLine } from './grade';
import type { AttemptSlot, Response } from './types';

const single: GradedQuestion = { type: 'single', answer: { kind: 'single', key: 'B' }, multipleScoring: 'all' };
const multiAll: GradedQuestion = { type: 'multiple', answer: { kind: 'multiple', keys: ['A', 'C', 'D'] }, multipleScoring: 'all' };
const multiPartial: GradedQuestion = { ...multiAll, multipleScoring: 'partial' };
const tfTrue: GradedQuestion = { type: 'truefalse', answer: { kind: 'truefalse', value: true }, multipleScoring: 'all' };
const fill: GradedQuestion = { type: 'fill', answer: { kind: 'fill', accepted: ['三十日', '30日', 'LEC法'] }, multipleScoring: 'all' };
const cite = (citations: string): GradedQuestion => ({ type: 'citation', answer: { kind: 'citation', citations }, multipleScoring: 'all' });
// 2021 安全生产法: 第二十八条第一款 safety training of employees; 第四十一条第二款 hidden-danger checks.
const cite28 = cite('《中华人民共和国安全生产法》第二十八条第一款');
const cite28and41 = cite('《安全生产法》第二十八条第一款、第四十一条第二款');

const S = (key: string): Response => ({ kind: 'single', key });
const M = (...keys: string[]): Response => ({ kind: 'multiple', keys });
const TF = (value: boolean): Response => ({ kind: 'truefalse', value });
const F = (text: string): Response => ({ kind: 'fill', text });
const C = (text: string): Response => ({ kind: 'citation', text });

const blank: Omit<GradeLine, 'maxPoints'> = { points: 0, correctness: 'blank', reason: '未作答' };

describe('gradeResponse', () => {
	// [what, question, response, max points, expected points, correctness, reason]
	const cases: [string, GradedQuestion, Response | null, number, number, Correctness, string][] = [
		// single
		['single right', single, S('B'), 2, 2, 'right', '正确'],
		['single right, lower case', single, S('b'), 2, 2, 'right', '正确'],
		['single wrong', single, S('C'), 2, 0, 'wrong', '错误'],
		['single null', single, null, 2, 0, 'blank', '未作答'],
		['single empty key', single, S(' '), 2, 0, 'blank', '未作答'],
		['single answered with a true/false response', single, TF(true), 2, 0, 'wrong', '作答形式与题型不符'],
		// multiple, all-or-nothing
		['multi all: exact set', multiAll, M('A', 'C', 'D'), 3, 3, 'right', '正确'],
		['multi all: exact set in another order', multiAll, M('D', 'A', 'C'), 3, 3, 'right', '正确'],
		['multi all: missing one', multiAll, M('A', 'C'), 3, 0, 'wrong', '少选：选对 2 项，共 3 项（本题全部选对才得分）'],
		['multi all: one too many', multiAll, M('A', 'B', 'C', 'D'), 3, 0, 'wrong', '错选：含 1 个错误选项，不得分'],
		['multi all: empty list', multiAll, M(), 3, 0, 'blank', '未作答'],
		// multiple, partial credit: 少选得部分分，错选不得分
		['multi partial: exact', multiPartial, M('A', 'C', 'D'), 3, 3, 'right', '正确'],
		['multi partial: 2 of 3 → 3 × 2/3', multiPartial, M('A', 'C'), 3, 2, 'partial', '少选：选对 2 项，共 3 项'],
		['multi partial: 1 of 3 → 3 × 1/3', multiPartial, M('D'), 3, 1, 'partial', '少选：选对 1 项，共 3 项'],
		['multi partial: 2 of 3 of 5 points = 3.333… → 3.33', multiPartial, M('C', 'D'), 5, 3.33, 'partial', '少选：选对 2 项，共 3 项'],
		['multi partial: 1 of 3 of 5 points = 1.666… → 1.67', multiPartial, M('A'), 5, 1.67, 'partial', '少选：选对 1 项，共 3 项'],
		['multi partial: right ones plus a wrong one → 0', multiPartial, M('A', 'B', 'C', 'D'), 3, 0, 'wrong', '错选：含 1 个错误选项，不得分'],
		['multi partial: only wrong ones', multiPartial, M('B', 'E'), 3, 0, 'wrong', '错选：含 2 个错误选项，不得分'],
		['multi partial: a key chosen twice counts once', multiPartial, M('A', 'A', 'c'), 3, 2, 'partial', '少选：选对 2 项，共 3 项'],
		['multi answered with a single response', multiPartial, S('A'), 3, 0, 'wrong', '作答形式与题型不符'],
		// true/false
		['truefalse right', tfTrue, TF(true), 1, 1, 'right', '正确'],
		['truefalse wrong', tfTrue, TF(false), 1, 0, 'wrong', '错误'],
		['truefalse null', tfTrue, null, 1, 0, 'blank', '未作答'],
		// fill
		['fill exact', fill, F('三十日'), 2, 2, 'right', '正确'],
		['fill another accepted answer', fill, F('30日'), 2, 2, 'right', '正确'],
		['fill full-width digits', fill, F('３０日'), 2, 2, 'right', '正确'],
		['fill spaces and a full stop', fill, F(' 30 日。'), 2, 2, 'right', '正确'],
		['fill ideographic space', fill, F('三十\u3000日'), 2, 2, 'right', '正确'],
		['fill case and width of Latin', fill, F('ｌｅｃ法'), 2, 2, 'right', '正确'],
		['fill wrong', fill, F('三十天'), 2, 0, 'wrong', '错误'],
		['fill blank text', fill, F('  \u3000 '), 2, 0, 'blank', '未作答'],
		['fill answered as a citation', fill, C('三十日'), 2, 0, 'wrong', '作答形式与题型不符'],
		// citation: exact 1, article 0.5, else 0; ÷ max(expected, given)
		['citation exact', cite28, C('《安全生产法》第二十八条第一款'), 4, 4, 'right', '《安全生产法》第二十八条第一款：正确'],
		['citation exact, written with an alias', cite28, C('新安法第二十八条第一款'), 4, 4, 'right', '《安全生产法》第二十八条第一款：正确'],
		['citation more precise than needed', cite('《安全生产法》第二十八条'), C('《安全生产法》第二十八条第一款'), 4, 4, 'right', '《安全生产法》第二十八条：正确'],
		['citation: article without paragraph → half', cite28, C('安全生产法第二十八条'), 4, 2, 'partial', '引用第二十八条，应为第二十八条第一款：得一半'],
		['citation: wrong paragraph → half', cite28, C('《安全生产法》第二十八条第二款'), 4, 2, 'partial', '引用第二十八条第二款，应为第二十八条第一款：得一半'],
		['citation: wrong article', cite28, C('《安全生产法》第二十七条第一款'), 4, 0, 'wrong', '未答出《安全生产法》第二十八条第一款'],
		['citation: wrong law', cite28, C('《消防法》第二十八条第一款'), 4, 0, 'wrong', '未答出《安全生产法》第二十八条第一款'],
		['citation: old edition numbering is another law', cite('《安全生产法》第四十一条'), C('《安全生产法》（2014年修正）第四十一条'), 4, 0, 'wrong', '未答出《安全生产法》第四十一条'],
		['citation: no law named', cite28, C('第二十八条第一款'), 4, 0, 'wrong', '未答出《安全生产法》第二十八条第一款'],
		['citation: no provision recognised', cite28, C('安全生产法关于培训的规定'), 4, 0, 'wrong', '答案中没有识别出法条（应写作《法律名称》第…条）'],
		['citation: blank', cite28, C(' '), 4, 0, 'blank', '未作答'],
		[
			'citation: one extra provision dilutes to 1 ÷ 2',
			cite28,
			C('《安全生产法》第二十八条第一款、第四十一条'),
			4,
			2,
			'partial',
			'《安全生产法》第二十八条第一款：正确；多引用 1 条，按 2 条计分'
		],
		[
			'citation: two extra provisions dilute to 1 ÷ 3 = 1.333… → 1.33',
			cite28,
			C('《安全生产法》第二十七条、第二十八条第一款、第二十九条'),
			4,
			1.33,
			'partial',
			'《安全生产法》第二十八条第一款：正确；多引用 2 条，按 3 条计分'
		],
		['citation: the same provision twice is not an extra', cite28, C('《安全生产法》第二十八条第一款，同法第二十八条第一款'), 4, 4, 'right', '《安全生产法》第二十八条第一款：正确'],
		['two expected, both exact, any order', cite28and41, C('安全生产法第四十一条第二款、第二十八条第一款'), 4, 4, 'right', '《安全生产法》第二十八条第一款：正确；《安全生产法》第四十一条第二款：正确'],
		['two expected, one given → 1 ÷ 2', cite28and41, C('《安全生产法》第二十八条第一款'), 4, 2, 'partial', '《安全生产法》第二十八条第一款：正确；未答出《安全生产法》第四十一条第二款'],
		[
			'two expected: article-level + exact → (0.5 + 1) ÷ 2',
			cite28and41,
			C('安全生产法第二十八条、第四十一条第二款'),
			4,
			3,
			'partial',
			'引用第二十八条，应为第二十八条第一款：得一半；《安全生产法》第四十一条第二款：正确'
		],
		[
			'two expected: one article citation half-matches both → (0.5 + 0.5) ÷ 2',
			cite('《安全生产法》第四十一条第一款、第二款'),
			C('《安全生产法》第四十一条'),
			4,
			2,
			'partial',
			'引用第四十一条，应为第四十一条第一款：得一半；引用第四十一条，应为第四十一条第二款：得一半'
		],
		['citation answered with a fill response', cite28, F('《安全生产法》第二十八条第一款'), 4, 0, 'wrong', '作答形式与题型不符']
	];
	for (const [what, q, response, max, points, correctness, reason] of cases) {
		it(what, () => expect(gradeResponse(q, response, max)).toEqual({ points, maxPoints: max, correctness, reason }));
	}

	it('an answer key that does not fit the type grades wrong, not right', () => {
		const broken: GradedQuestion = { type: 'single', answer: { kind: 'truefalse', value: true }, multipleScoring: 'all' };
		expect(gradeResponse(broken, TF(true), 1).correctness).toBe('wrong');
	});

	it('same input → same output (regrade is stable)', () => {
		const q = cite28and41;
		const r = C('安全生产法第二十八条、第四十一条第二款、第四十二条');
		expect(gradeResponse(q, r, 6)).toEqual(gradeResponse(q, r, 6));
		// (0.5 + 1) ÷ max(2, 3) × 6 = 3
		expect(gradeResponse(q, r, 6).points).toBe(3);
	});
});

describe('gradeAttempt', () => {
	const questions = new Map<number, GradedQuestion>([
		[1, single],
		[2, multiPartial],
		[3, fill],
		[4, tfTrue]
	]);
	const slot = (questionId: number, points: number): AttemptSlot => ({ questionId, points, optionOrder: [] });

	it('sums the lines; a deleted question earns 0 but keeps its max points', () => {
		const slots = [slot(1, 2), slot(2, 3), slot(99, 5)];
		const g = gradeAttempt(slots, questions, [S('B'), M('A', 'C'), S('A')], 40);
		expect(g.lines).toEqual([
			{ points: 2, maxPoints: 2, correctness: 'right', reason: '正确' },
			{ points: 2, maxPoints: 3, correctness: 'partial', reason: '少选：选对 2 项，共 3 项' },
			{ points: 0, maxPoints: 5, correctness: 'wrong', reason: '试题已删除' }
		]);
		// 2 + 2 = 4 of 2 + 3 + 5 = 10 → 40.0 %, pass mark 40 is reached
		expect([g.score, g.maxScore, g.percent, g.passed]).toEqual([4, 10, 40, true]);
		expect(gradeAttempt(slots, questions, [S('B'), M('A', 'C'), S('A')], 40.1).passed).toBe(false);
	});

	it('percent has one decimal and is what the pass mark is compared with', () => {
		// 2 of 3 points → 66.666… % → 66.7
		const slots = [slot(1, 1), slot(3, 1), slot(4, 1)];
		const g = gradeAttempt(slots, questions, [S('B'), F('30日'), TF(false)], 66.7);
		expect([g.score, g.maxScore, g.percent, g.passed]).toEqual([2, 3, 66.7, true]);
		expect(gradeAttempt(slots, questions, [S('B'), F('30日'), TF(false)], 66.8).passed).toBe(false);
	});

	it('missing responses are blank', () => {
		const g = gradeAttempt([slot(1, 2), slot(4, 2)], questions, [S('B')], 60);
		expect(g.lines[1]).toEqual({ ...blank, maxPoints: 2 });
		expect([g.score, g.percent, g.passed]).toEqual([2, 50, false]);
	});

	it('partial points add up without float noise', () => {
		// 3 × 1.67 (5 × 1/3 each) = 5.01; 0.1-style sums must not show as 5.0099999
		const slots = [slot(2, 5), slot(2, 5), slot(2, 5)];
		const g = gradeAttempt(slots, questions, [M('A'), M('C'), M('D')], 0);
		expect(g.score).toBe(5.01);
		expect(g.percent).toBe(33.4); // 5.01 ÷ 15 = 33.4 %
	});

	it('an empty attempt scores 0 % and passes only a 0 pass mark', () => {
		expect(gradeAttempt([], questions, [], 60)).toEqual({ lines: [], score: 0, maxScore: 0, percent: 0, passed: false });
		expect(gradeAttempt([], questions, [], 0).passed).toBe(true);
	});
});
