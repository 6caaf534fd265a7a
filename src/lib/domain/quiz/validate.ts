/**
 * Validation of a question as a trainer writes it (editor form or one import row) into QuestionData.
 * Every problem is reported at once, each with a precise Chinese message, so that an import can list
 * all of them and a form can show them beside their fields.
 *
 * Problems carry Chinese sentences rather than error codes (STYLE.md §7 prefers codes) because the
 * messages name the offending values (「答案 E 不在选项中（现有 A–D）」) and exist only to be shown.
 */
import { parseCitations } from '../law/citation';
import {
	QUESTION_TYPES,
	QUESTION_TYPE_LABELS,
	type AnswerKey,
	type Difficulty,
	type MultipleScoring,
	type QuestionData,
	type QuestionOption,
	type QuestionType
} from './types';

/**
 * Raw input from a form or an import row. `answer` is written as trainers do: single 'B'; multiple
 * 'ACD', 'A,C,D' or 'A、C、D'; truefalse 对/错/正确/错误/√/×/T/F/true/false; fill: accepted answers
 * separated by '|' ('三十日|30日'); citation: the provision text ('《安全生产法》第二十八条第一款').
 */
export interface QuestionInput {
	type: string;
	stem: string;
	options: { key: string; text: string }[];
	answer: string;
	explanation: string;
	difficulty: number | string;
	multipleScoring?: string;
	provisions: string;
	tags: string;
}

export interface FieldProblem {
	field: 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'difficulty' | 'multipleScoring' | 'provisions' | 'tags';
	/** Chinese, naming the offending value */
	message: string;
}

export const STEM_MAX = 2000;
export const EXPLANATION_MAX = 5000;
export const OPTIONS_MIN = 2;
export const OPTIONS_MAX = 8;
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const FILL_ANSWER_MAX = 100;
export const TAG_MAX = 20;
export const TAGS_MAX = 10;

const len = (s: string) => [...s].length;
const isChoice = (t: QuestionType) => t === 'single' || t === 'multiple';

/** 'single', 'multiple', … or the Chinese labels 单选题/单选, 多选题/多选, …; null when unknown. */
export function parseQuestionType(raw: string): QuestionType | null {
	const s = raw.trim();
	const lower = s.toLowerCase();
	for (const t of QUESTION_TYPES) {
		const label = QUESTION_TYPE_LABELS[t]; // 单选题
		if (lower === t || s === label || s === label.slice(0, -1)) return t;
	}
	return null;
}

const DIFFICULTY_WORDS: Record<string, Difficulty> = { '1': 1, '2': 2, '3': 3, 易: 1, 中: 2, 难: 3, 容易: 1, 中等: 2, 困难: 3 };

/** 1/2/3 or 易/中/难; blank → 2 (中); null when unknown. */
export function parseDifficulty(raw: number | string): Difficulty | null {
	const s = String(raw).normalize('NFKC').trim();
	if (s === '') return 2;
	return DIFFICULTY_WORDS[s] ?? null;
}

const SCORING_WORDS: Record<string, MultipleScoring> = { all: 'all', partial: 'partial', 全对得分: 'all', 部分得分: 'partial' };

/** 'all' | 'partial' or 全对得分/部分得分; blank → 'all'; null when unknown. */
export function parseMultipleScoring(raw: string | undefined): MultipleScoring | null {
	const s = (raw ?? '').trim();
	if (s === '') return 'all';
	return SCORING_WORDS[s.toLowerCase()] ?? null;
}

const TRUE_WORDS = new Set(['对', '正确', '√', '✓', '✔', 't', 'true']);
const FALSE_WORDS = new Set(['错', '错误', '×', '✗', '✘', 'f', 'false']);

/** 对/错, 正确/错误, √/×, T/F, true/false (any case, full or half width); null when unknown. */
export function parseTrueFalse(raw: string): boolean | null {
	const s = raw.normalize('NFKC').trim().toLowerCase();
	if (TRUE_WORDS.has(s)) return true;
	if (FALSE_WORDS.has(s)) return false;
	return null;
}

/**
 * Option keys in an answer such as 'ACD', 'A,C,D', 'A、C、D' or 'a c d': upper-cased, deduplicated,
 * sorted. `invalid` lists characters that are neither a letter nor a separator.
 */
export function parseChoiceKeys(raw: string): { keys: string[]; invalid: string[] } {
	const chars = [...raw.normalize('NFKC').replace(/[\s,，、;；/]/g, '').toUpperCase()];
	const keys = [...new Set(chars.filter((c) => /^[A-Z]$/.test(c)))].sort();
	const invalid = [...new Set(chars.filter((c) => !/^[A-Z]$/.test(c)))];
	return { keys, invalid };
}

/** Tags split on , ， 、 ; ； — trimmed, blanks dropped, duplicates removed (first kept). */
export function splitTags(raw: string): string[] {
	return [...new Set(raw.split(/[,，、;；]/).map((t) => t.trim()).filter((t) => t !== ''))];
}

/** 'A–D' for a run from A, else 'A、B、D'. */
function describeKeys(keys: string[]): string {
	if (keys.length === 0) return '无';
	const isRun = keys.length > 1 && keys.every((k, i) => k === OPTION_KEYS[i]);
	return isRun ? `${keys[0]}–${keys[keys.length - 1]}` : keys.join('、');
}

/** Problems of a citation text (answer of a 法条题, or provisions): none found, or unknown laws. */
function citationProblems(text: string, what: string): string[] {
	const found = parseCitations(text);
	if (found.length === 0) return [`${what}「${text}」中没有识别出法条，请按《法律名称》第…条的格式填写`];
	return found
		.filter((c) => c.lawId === null)
		.map((c) => {
			const written = text.slice(c.start, c.end);
			return c.lawName === ''
				? `${what}中的「${written}」没有写明是哪部法律`
				: `${what}中的「${written}」：法规库中没有《${c.lawName}》`;
		});
}

function validateOptions(raw: QuestionInput['options'], problems: FieldProblem[]): QuestionOption[] {
	const options = raw.map((o) => ({ key: o.key.normalize('NFKC').trim().toUpperCase(), text: o.text.trim() }));
	// Editors post a fixed number of option rows: rows left empty at the end are not options.
	while (options.length > 0 && options[options.length - 1].text === '') options.pop();
	const add = (message: string) => problems.push({ field: 'options', message });
	if (options.length < OPTIONS_MIN) add(`选择题至少要有 ${OPTIONS_MIN} 个选项（现有 ${options.length} 个）`);
	if (options.length > OPTIONS_MAX) add(`选择题最多 ${OPTIONS_MAX} 个选项（现有 ${options.length} 个）`);
	const seen = new Set<string>();
	options.forEach((o, i) => {
		const expected = OPTION_KEYS[i];
		if (seen.has(o.key)) add(`选项 ${o.key} 重复`);
		else if (expected && o.key !== expected) add(`第 ${i + 1} 个选项应为 ${expected}，现为「${o.key || '空'}」（选项须按 A、B、C… 顺序排列）`);
		seen.add(o.key);
		if (o.text === '') add(`选项 ${o.key || i + 1} 的内容为空`);
	});
	return options;
}

function validateAnswer(type: QuestionType, raw: string, keys: string[], problems: FieldProblem[]): AnswerKey | null {
	const text = raw.trim();
	const add = (message: string) => {
		problems.push({ field: 'answer', message });
		return null;
	};
	if (text === '') return add('请填写答案');
	const missing = (ks: string[]) => `答案 ${ks.join('、')} 不在选项中（现有 ${describeKeys(keys)}）`;
	switch (type) {
		case 'single':
		case 'multiple': {
			const { keys: chosen, invalid } = parseChoiceKeys(text);
			if (invalid.length > 0) return add(`答案「${text}」中有无法识别的字符：${invalid.join(' ')}（应写选项字母，如 ${type === 'single' ? 'B' : 'ACD'}）`);
			const absent = chosen.filter((k) => !keys.includes(k));
			const before = problems.length;
			if (type === 'single' && chosen.length !== 1) add(`单选题只能有一个答案，现为 ${chosen.join('、')}`);
			if (type === 'multiple' && chosen.length < 2)
				add(`多选题至少要有两个正确答案（现只有 ${chosen.join('')}）；只有一个正确答案请改为单选题`);
			if (absent.length > 0) add(missing(absent));
			if (problems.length > before) return null;
			return type === 'single' ? { kind: 'single', key: chosen[0] } : { kind: 'multiple', keys: chosen };
		}
		case 'truefalse': {
			const value = parseTrueFalse(text);
			if (value === null) return add(`判断题答案「${text}」无法识别，应为 对 或 错（也可写 正确/错误、√/×、T/F）`);
			return { kind: 'truefalse', value };
		}
		case 'fill': {
			const accepted = [...new Set(text.split(/[|｜]/).map((a) => a.trim()).filter((a) => a !== ''))];
			if (accepted.length === 0) return add('填空题至少要有一个可接受的答案（多个答案用 | 分隔）');
			const tooLong = accepted.filter((a) => len(a) > FILL_ANSWER_MAX);
			for (const a of tooLong) add(`填空答案「${a.slice(0, 10)}…」超过 ${FILL_ANSWER_MAX} 字（${len(a)} 字）`);
			return tooLong.length > 0 ? null : { kind: 'fill', accepted };
		}
		case 'citation': {
			const found = citationProblems(text, '答案');
			found.forEach(add);
			return found.length > 0 ? null : { kind: 'citation', citations: text };
		}
	}
}

/**
 * Validates a question as written by a trainer. Reports every problem, not just the first; on success
 * returns trimmed, normalised QuestionData (options [] for non-choice types, keys sorted, tags split).
 */
export function validateQuestion(
	input: QuestionInput
): { ok: true; value: QuestionData } | { ok: false; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const add = (field: FieldProblem['field'], message: string) => problems.push({ field, message });

	const type = parseQuestionType(input.type);
	if (type === null)
		add('type', input.type.trim() === '' ? '请选择题型' : `题型「${input.type.trim()}」无效，应为 单选题、多选题、判断题、填空题 或 法条题`);

	const stem = input.stem.trim();
	if (stem === '') add('stem', '题干不能为空');
	else if (len(stem) > STEM_MAX) add('stem', `题干不能超过 ${STEM_MAX} 字（现有 ${len(stem)} 字）`);

	let options: QuestionOption[] = [];
	let answer: AnswerKey | null = null;
	if (type !== null) {
		// Non-choice types take no options; whatever the form posted for them is dropped.
		if (isChoice(type)) options = validateOptions(input.options, problems);
		answer = validateAnswer(type, input.answer, options.map((o) => o.key), problems);
	}

	const explanation = input.explanation.trim();
	if (len(explanation) > EXPLANATION_MAX) add('explanation', `解析不能超过 ${EXPLANATION_MAX} 字（现有 ${len(explanation)} 字）`);

	const difficulty = parseDifficulty(input.difficulty);
	if (difficulty === null) add('difficulty', `难度「${String(input.difficulty).trim()}」无效，应为 易、中、难（或 1、2、3）`);

	const scoring = parseMultipleScoring(input.multipleScoring);
	if (scoring === null) add('multipleScoring', `多选题计分方式「${(input.multipleScoring ?? '').trim()}」无效，应为 全对得分 或 部分得分`);

	const provisions = input.provisions.trim();
	if (provisions !== '') citationProblems(provisions, '考查法条').forEach((m) => add('provisions', m));

	const tags = splitTags(input.tags);
	if (tags.length > TAGS_MAX) add('tags', `标签最多 ${TAGS_MAX} 个（现有 ${tags.length} 个）`);
	for (const t of tags) if (len(t) > TAG_MAX) add('tags', `标签「${t}」超过 ${TAG_MAX} 字`);

	if (problems.length > 0 || type === null || answer === null || difficulty === null || scoring === null)
		return { ok: false, problems };
	return {
		ok: true,
		value: {
			type,
			stem,
			options,
			answer,
			explanation,
			difficulty,
			multipleScoring: type === 'multiple' ? scoring : 'all',
			provisions,
			tags
		}
	};
}

/** The answer as a trainer writes it (export, editor): 'B', 'AC', 对/错, 'a|b', or the citation text. */
export function answerToText(answer: AnswerKey): string {
	switch (answer.kind) {
		case 'single':
			return answer.key;
		case 'multiple':
			return answer.keys.join('');
		case 'truefalse':
			return answer.value ? '对' : '错';
		case 'fill':
			return answer.accepted.join('|');
		case 'citation':
			return answer.citations;
	}
}
