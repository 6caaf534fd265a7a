import { describe, expect, it } from 'vitest';
import type { AnswerKey, QuestionData } from './types';
import {
	answerToText,
	parseChoiceKeys,
	parseDifficulty,
	parseQuestionType,
	parseTrueFalse,
	splitTags,
	validateQuestion,
	type FieldProblem,
	type QuestionInput
} from './validate';

const ABCD = [
	{ key: 'A', text: '一年' },
	{ key: 'B', text: '两年' },
	{ key: 'C', text: '三年' },
	{ key: 'D', text: '五年' }
];

/** A valid single-choice question; each case overrides what it tests. */
const base = (over: Partial<QuestionInput> = {}): QuestionInput => ({
	type: 'single',
	stem: '生产经营单位应当对从业人员进行什么？',
	options: ABCD,
	answer: 'B',
	explanation: '',
	difficulty: '',
	multipleScoring: '',
	provisions: '',
	tags: '',
	...over
});

function problemsOf(input: QuestionInput): FieldProblem[] {
	const r = validateQuestion(input);
	if (r.ok) throw new Error('expected problems, got ok');
	return r.problems;
}

function valueOf(input: QuestionInput): QuestionData {
	const r = validateQuestion(input);
	if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
	return r.value;
}

describe('validateQuestion: a valid question comes back normalised', () => {
	it('single, with defaults for blank difficulty and scoring', () => {
		expect(valueOf(base({ stem: '  题干  ' }))).toEqual({
			type: 'single',
			stem: '题干',
			options: ABCD,
			answer: { kind: 'single', key: 'B' },
			explanation: '',
			difficulty: 2,
			multipleScoring: 'all',
			provisions: '',
			tags: []
		});
	});

	// [type as written, answer as written, options, expected answer key]
	const answers: [string, string, QuestionInput['options'], AnswerKey][] = [
		['single', 'b', ABCD, { kind: 'single', key: 'B' }],
		['单选题', ' Ｃ ', ABCD, { kind: 'single', key: 'C' }],
		['单选', 'A', ABCD, { kind: 'single', key: 'A' }],
		['multiple', 'ACD', ABCD, { kind: 'multiple', keys: ['A', 'C', 'D'] }],
		['多选题', 'A,C,D', ABCD, { kind: 'multiple', keys: ['A', 'C', 'D'] }],
		['多选', 'D、A、C', ABCD, { kind: 'multiple', keys: ['A', 'C', 'D'] }],
		['multiple', 'c a c', ABCD, { kind: 'multiple', keys: ['A', 'C'] }], // deduped, sorted
		['multiple', 'B；D', ABCD, { kind: 'multiple', keys: ['B', 'D'] }],
		['truefalse', '对', [], { kind: 'truefalse', value: true }],
		['判断题', '错', [], { kind: 'truefalse', value: false }],
		['判断', '正确', [], { kind: 'truefalse', value: true }],
		['truefalse', '错误', [], { kind: 'truefalse', value: false }],
		['truefalse', '√', [], { kind: 'truefalse', value: true }],
		['truefalse', '×', [], { kind: 'truefalse', value: false }],
		['truefalse', 't', [], { kind: 'truefalse', value: true }],
		['truefalse', 'F', [], { kind: 'truefalse', value: false }],
		['truefalse', 'TRUE', [], { kind: 'truefalse', value: true }],
		['truefalse', 'false', [], { kind: 'truefalse', value: false }],
		['fill', '三十日|30日', [], { kind: 'fill', accepted: ['三十日', '30日'] }],
		['填空题', ' 三十日 | | 30日 |三十日', [], { kind: 'fill', accepted: ['三十日', '30日'] }],
		['填空', '培训', [], { kind: 'fill', accepted: ['培训'] }],
		['citation', ' 《安全生产法》第二十八条第一款 ', [], { kind: 'citation', citations: '《安全生产法》第二十八条第一款' }],
		['法条题', '安全生产法第二十八条、第四十一条', [], { kind: 'citation', citations: '安全生产法第二十八条、第四十一条' }],
		['法条', '《中华人民共和国安全生产法》第四十一条第二款', [], { kind: 'citation', citations: '《中华人民共和国安全生产法》第四十一条第二款' }]
	];
	for (const [type, answer, options, expected] of answers) {
		it(`${type} answer ${JSON.stringify(answer)}`, () => {
			const v = valueOf(base({ type, answer, options }));
			expect(v.answer).toEqual(expected);
			expect(v.type).toBe(expected.kind);
		});
	}

	it('non-choice types drop whatever options the form posted', () => {
		expect(valueOf(base({ type: 'truefalse', answer: '对', options: ABCD })).options).toEqual([]);
		expect(valueOf(base({ type: 'fill', answer: 'x', options: [{ key: 'A', text: '' }] })).options).toEqual([]);
	});

	it('choice options: trailing empty rows are dropped, keys normalised', () => {
		const options = [
			{ key: 'a', text: ' 一年 ' },
			{ key: 'Ｂ', text: '两年' },
			{ key: 'C', text: '' },
			{ key: 'D', text: '  ' }
		];
		expect(valueOf(base({ options })).options).toEqual([
			{ key: 'A', text: '一年' },
			{ key: 'B', text: '两年' }
		]);
	});

	it('eight options A–H are allowed', () => {
		const options = 'ABCDEFGH'.split('').map((key) => ({ key, text: `选项${key}` }));
		expect(valueOf(base({ options, answer: 'H' })).options).toHaveLength(8);
	});

	// [difficulty as written, parsed]
	const difficulties: [number | string, 1 | 2 | 3][] = [
		['', 2], ['  ', 2], [1, 1], [2, 2], [3, 3], ['1', 1], ['３', 3], ['易', 1], ['中', 2], ['难', 3]
	];
	for (const [written, d] of difficulties) {
		it(`difficulty ${JSON.stringify(written)} → ${d}`, () => expect(valueOf(base({ difficulty: written })).difficulty).toBe(d));
	}

	// [type, scoring as written, stored]
	const scorings: [string, string | undefined, 'all' | 'partial'][] = [
		['multiple', undefined, 'all'],
		['multiple', '', 'all'],
		['multiple', 'all', 'all'],
		['multiple', 'partial', 'partial'],
		['multiple', '全对得分', 'all'],
		['multiple', '部分得分', 'partial'],
		['single', 'partial', 'all'] // only multiple questions keep a scoring rule
	];
	for (const [type, written, stored] of scorings) {
		it(`${type} scoring ${JSON.stringify(written)} → ${stored}`, () => {
			const answer = type === 'multiple' ? 'AB' : 'A';
			expect(valueOf(base({ type, answer, multipleScoring: written })).multipleScoring).toBe(stored);
		});
	}

	it('tags are split on , ， 、 ; and trimmed, deduped', () => {
		expect(valueOf(base({ tags: ' 培训 , 教育，培训、 隐患排查 ;; 档案 ' })).tags).toEqual(['培训', '教育', '隐患排查', '档案']);
	});

	it('ten tags of twenty characters are allowed', () => {
		const tags = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(20, '标')).join(',');
		expect(valueOf(base({ tags })).tags).toHaveLength(10);
	});

	it('provisions with a known law are kept as written (trimmed)', () => {
		expect(valueOf(base({ provisions: ' 《安全生产法》第二十八条 ' })).provisions).toBe('《安全生产法》第二十八条');
	});

	it('limits are inclusive: 2000-character stem, 5000-character explanation, 100-character fill answer', () => {
		const v = valueOf(base({ type: 'fill', options: [], stem: '题'.repeat(2000), explanation: '析'.repeat(5000), answer: '答'.repeat(100) }));
		expect([v.stem.length, v.explanation.length]).toEqual([2000, 5000]);
	});
});

describe('validateQuestion: each rule reports a precise problem', () => {
	const opts = (n: number) => 'ABCDEFGHIJ'.slice(0, n).split('').map((key) => ({ key, text: `选项${key}` }));
	// [what, input override, expected problems (field and message)]
	const cases: [string, Partial<QuestionInput>, FieldProblem[]][] = [
		['blank type', { type: ' ' }, [{ field: 'type', message: '请选择题型' }]],
		[
			'unknown type',
			{ type: '简答题' },
			[{ field: 'type', message: '题型「简答题」无效，应为 单选题、多选题、判断题、填空题 或 法条题' }]
		],
		['empty stem', { stem: ' \n ' }, [{ field: 'stem', message: '题干不能为空' }]],
		['stem too long', { stem: '题'.repeat(2001) }, [{ field: 'stem', message: '题干不能超过 2000 字（现有 2001 字）' }]],
		['one option', { options: opts(1), answer: 'A' }, [{ field: 'options', message: '选择题至少要有 2 个选项（现有 1 个）' }]],
		[
			'nine options',
			{ options: opts(9), answer: 'A' },
			[
				{ field: 'options', message: '选择题最多 8 个选项（现有 9 个）' }
			]
		],
		[
			'keys out of order',
			{ options: [{ key: 'A', text: 'x' }, { key: 'C', text: 'y' }], answer: 'A' },
			[{ field: 'options', message: '第 2 个选项应为 B，现为「C」（选项须按 A、B、C… 顺序排列）' }]
		],
		[
			'duplicate key',
			{ options: [{ key: 'A', text: 'x' }, { key: 'A', text: 'y' }], answer: 'A' },
			[{ field: 'options', message: '选项 A 重复' }]
		],
		[
			'empty option text in the middle',
			{ options: [{ key: 'A', text: 'x' }, { key: 'B', text: ' ' }, { key: 'C', text: 'z' }], answer: 'A' },
			[{ field: 'options', message: '选项 B 的内容为空' }]
		],
		['blank answer', { answer: '  ' }, [{ field: 'answer', message: '请填写答案' }]],
		['single answer not an option', { answer: 'E' }, [{ field: 'answer', message: '答案 E 不在选项中（现有 A–D）' }]],
		['single with two answers', { answer: 'AB' }, [{ field: 'answer', message: '单选题只能有一个答案，现为 A、B' }]],
		[
			'single answer that is not a letter',
			{ answer: '对' },
			[{ field: 'answer', message: '答案「对」中有无法识别的字符：对（应写选项字母，如 B）' }]
		],
		[
			'multiple with one right answer',
			{ type: '多选题', answer: 'C' },
			[{ field: 'answer', message: '多选题至少要有两个正确答案（现只有 C）；只有一个正确答案请改为单选题' }]
		],
		[
			'multiple with keys not in the options',
			{ type: 'multiple', answer: 'A,E,F' },
			[{ field: 'answer', message: '答案 E、F 不在选项中（现有 A–D）' }]
		],
		[
			'multiple: one key, and it is missing',
			{ type: 'multiple', answer: 'G' },
			[
				{ field: 'answer', message: '多选题至少要有两个正确答案（现只有 G）；只有一个正确答案请改为单选题' },
				{ field: 'answer', message: '答案 G 不在选项中（现有 A–D）' }
			]
		],
		[
			'truefalse answer unknown',
			{ type: 'truefalse', options: [], answer: '是' },
			[{ field: 'answer', message: '判断题答案「是」无法识别，应为 对 或 错（也可写 正确/错误、√/×、T/F）' }]
		],
		[
			'fill with only separators',
			{ type: 'fill', options: [], answer: ' | | ' },
			[{ field: 'answer', message: '填空题至少要有一个可接受的答案（多个答案用 | 分隔）' }]
		],
		[
			'fill answer too long',
			{ type: 'fill', options: [], answer: `短|${'长'.repeat(101)}` },
			[{ field: 'answer', message: '填空答案「长长长长长长长长长长…」超过 100 字（101 字）' }]
		],
		[
			'citation without any provision',
			{ type: 'citation', options: [], answer: '安全生产法' },
			[{ field: 'answer', message: '答案「安全生产法」中没有识别出法条，请按《法律名称》第…条的格式填写' }]
		],
		[
			'citation of a law not in the library',
			{ type: 'citation', options: [], answer: '《某省安全生产条例》第五条' },
			[{ field: 'answer', message: '答案中的「《某省安全生产条例》第五条」：法规库中没有《某省安全生产条例》' }]
		],
		[
			'citation without a law',
			{ type: 'citation', options: [], answer: '第二十八条' },
			[{ field: 'answer', message: '答案中的「第二十八条」没有写明是哪部法律' }]
		],
		[
			'citation: one known, one unknown',
			{ type: 'citation', options: [], answer: '《安全生产法》第二十八条；《某某办法》第三条' },
			[{ field: 'answer', message: '答案中的「《某某办法》第三条」：法规库中没有《某某办法》' }]
		],
		[
			'explanation too long',
			{ explanation: '析'.repeat(5001) },
			[{ field: 'explanation', message: '解析不能超过 5000 字（现有 5001 字）' }]
		],
		['difficulty unknown', { difficulty: '极难' }, [{ field: 'difficulty', message: '难度「极难」无效，应为 易、中、难（或 1、2、3）' }]],
		['difficulty 4', { difficulty: 4 }, [{ field: 'difficulty', message: '难度「4」无效，应为 易、中、难（或 1、2、3）' }]],
		[
			'scoring unknown',
			{ type: 'multiple', answer: 'AB', multipleScoring: '按比例' },
			[{ field: 'multipleScoring', message: '多选题计分方式「按比例」无效，应为 全对得分 或 部分得分' }]
		],
		[
			'provisions without a provision',
			{ provisions: '安全生产法' },
			[{ field: 'provisions', message: '考查法条「安全生产法」中没有识别出法条，请按《法律名称》第…条的格式填写' }]
		],
		[
			'provisions naming an unknown law',
			{ provisions: '《某某条例》第五条' },
			[{ field: 'provisions', message: '考查法条中的「《某某条例》第五条」：法规库中没有《某某条例》' }]
		],
		['a tag too long', { tags: `培训,${'长'.repeat(21)}` }, [{ field: 'tags', message: `标签「${'长'.repeat(21)}」超过 20 字` }]],
		[
			'too many tags',
			{ tags: Array.from({ length: 11 }, (_, i) => `标签${i}`).join('、') },
			[{ field: 'tags', message: '标签最多 10 个（现有 11 个）' }]
		]
	];
	for (const [what, over, expected] of cases) {
		it(what, () => expect(problemsOf(base(over))).toEqual(expected));
	}

	it('reports every problem at once, in field order', () => {
		const problems = problemsOf({
			type: 'multiple',
			stem: '',
			options: [
				{ key: 'A', text: '甲' },
				{ key: 'B', text: '' },
				{ key: 'B', text: '丙' }
			],
			answer: 'D',
			explanation: '析'.repeat(5001),
			difficulty: '超难',
			multipleScoring: '随便',
			provisions: '第八十八条',
			tags: '长'.repeat(21)
		});
		expect(problems.map((p) => p.field)).toEqual([
			'stem',
			'options',
			'options',
			'answer',
			'answer',
			'explanation',
			'difficulty',
			'multipleScoring',
			'provisions',
			'tags'
		]);
		expect(problems[1].message).toBe('选项 B 的内容为空');
		expect(problems[2].message).toBe('选项 B 重复');
		expect(problems[4].message).toBe('答案 D 不在选项中（现有 A、B、B）');
	});

	it('an unknown type still reports the other fields, but not the answer', () => {
		const problems = problemsOf(base({ type: '问答', stem: '', answer: 'Z', difficulty: 9 }));
		expect(problems.map((p) => p.field)).toEqual(['type', 'stem', 'difficulty']);
	});
});

describe('parsers', () => {
	it.each([
		['single', 'single'], ['SINGLE', 'single'], ['单选题', 'single'], ['单选', 'single'], ['多选题', 'multiple'], ['多选', 'multiple'],
		['判断题', 'truefalse'], ['判断', 'truefalse'], ['填空题', 'fill'], ['填空', 'fill'], ['法条题', 'citation'], ['法条', 'citation'],
		[' citation ', 'citation'], ['选择题', null], ['单', null], ['', null]
	])('parseQuestionType(%j) = %j', (raw, t) => expect(parseQuestionType(raw)).toBe(t));

	it.each([['对', true], ['Ｔ', true], ['✓', true], ['错', false], ['ｆａｌｓｅ', false], ['否', null], ['1', null]])(
		'parseTrueFalse(%j) = %j',
		(raw, v) => expect(parseTrueFalse(raw)).toBe(v)
	);

	it.each([
		['ACD', ['A', 'C', 'D'], []], ['d c b a', ['A', 'B', 'C', 'D'], []], ['ａ／ｂ', ['A', 'B'], []], ['A1', ['A'], ['1']]
	])('parseChoiceKeys(%j)', (raw, keys, invalid) => expect(parseChoiceKeys(raw)).toEqual({ keys, invalid }));

	it.each([['难', 3], ['容易', 1], ['x', null], [0, null]])('parseDifficulty(%j) = %j', (raw, d) => expect(parseDifficulty(raw)).toBe(d));

	it('splitTags of blanks is empty', () => expect(splitTags(' ,，、; ')).toEqual([]));
});

describe('answerToText', () => {
	const cases: [AnswerKey, string][] = [
		[{ kind: 'single', key: 'B' }, 'B'],
		[{ kind: 'multiple', keys: ['A', 'C'] }, 'AC'],
		[{ kind: 'truefalse', value: true }, '对'],
		[{ kind: 'truefalse', value: false }, '错'],
		[{ kind: 'fill', accepted: ['三十日', '30日'] }, '三十日|30日'],
		[{ kind: 'citation', citations: '《安全生产法》第二十八条第一款' }, '《安全生产法》第二十八条第一款']
	];
	for (const [answer, text] of cases) {
		it(`${answer.kind} → ${text}`, () => expect(answerToText(answer)).toBe(text));
	}

	it('round-trips through validateQuestion', () => {
		const type = { single: 'single', multiple: 'multiple', truefalse: 'truefalse', fill: 'fill', citation: 'citation' } as const;
		for (const [answer, text] of cases) {
			const options = answer.kind === 'single' || answer.kind === 'multiple' ? ABCD : [];
			expect(valueOf(base({ type: type[answer.kind], options, answer: text })).answer).toEqual(answer);
		}
	});
});
