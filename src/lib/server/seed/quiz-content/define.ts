/**
 * The shape of a demo question and small builders that fill in the parts every question of a type
 * shares (type, option keys A–D in order, the answer key's `kind`, status), so that the topic files
 * read as content rather than boilerplate.
 */
import type { Difficulty, MultipleScoring, QuestionData } from '../../../domain/quiz/types';

export interface SeedQuestion extends QuestionData {
	/** key of a SeedCategory */
	category: string;
	status: 'active';
}

interface Common {
	category: string;
	difficulty: Difficulty;
	stem: string;
	/** markdown, 1–3 sentences */
	explanation: string;
	/** citation text of the provision(s) the question tests */
	provisions: string;
	tags: string[];
}

const KEYS = ['A', 'B', 'C', 'D', 'E', 'F'];
const toOptions = (texts: string[]) => texts.map((text, i) => ({ key: KEYS[i], text }));

function base(c: Common, multipleScoring: MultipleScoring = 'all') {
	return {
		category: c.category,
		difficulty: c.difficulty,
		stem: c.stem,
		explanation: c.explanation,
		provisions: c.provisions,
		tags: c.tags,
		multipleScoring,
		status: 'active' as const
	};
}

export function single(c: Common & { options: string[]; answer: string }): SeedQuestion {
	return { ...base(c), type: 'single', options: toOptions(c.options), answer: { kind: 'single', key: c.answer } };
}

export function multiple(c: Common & { options: string[]; answer: string[]; scoring?: MultipleScoring }): SeedQuestion {
	return {
		...base(c, c.scoring ?? 'all'),
		type: 'multiple',
		options: toOptions(c.options),
		answer: { kind: 'multiple', keys: c.answer }
	};
}

export function truefalse(c: Common & { answer: boolean }): SeedQuestion {
	return { ...base(c), type: 'truefalse', options: [], answer: { kind: 'truefalse', value: c.answer } };
}

/** One blank, written ＿＿＿＿ in the stem; any of `accepted` is right. */
export function fill(c: Common & { accepted: string[] }): SeedQuestion {
	return { ...base(c), type: 'fill', options: [], answer: { kind: 'fill', accepted: c.accepted } };
}

/** The learner writes the provision; `answer` is citation text such as 《中华人民共和国安全生产法》第二十八条第一款. */
export function citation(c: Common & { answer: string }): SeedQuestion {
	return { ...base(c), type: 'citation', options: [], answer: { kind: 'citation', citations: c.answer } };
}
