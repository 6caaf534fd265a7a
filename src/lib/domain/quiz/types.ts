/**
 * Question bank and quiz types shared by the pure quiz logic (grading, drawing, statistics), the
 * server modules and the demo content. No SvelteKit or database imports.
 */

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill', 'citation'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
	single: '单选题',
	multiple: '多选题',
	truefalse: '判断题',
	fill: '填空题',
	citation: '法条题'
};

/** 1 易 · 2 中 · 3 难 */
export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { 1: '易', 2: '中', 3: '难' };

export const QUESTION_STATUSES = ['draft', 'active', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = { draft: '草稿', active: '在用', retired: '停用' };

/**
 * How a multiple-choice question is scored:
 * - all: full points only for exactly the right set of options, otherwise 0;
 * - partial: each right option chosen earns points ÷ (number of right options); any wrong option chosen
 *   makes the question 0 (the common 多选题 rule "少选得部分分，错选不得分").
 */
export const MULTIPLE_SCORING = ['all', 'partial'] as const;
export type MultipleScoring = (typeof MULTIPLE_SCORING)[number];

/** An option of a choice question; keys are A, B, C … in the bank, shuffled only in presentation. */
export interface QuestionOption {
	key: string;
	text: string;
}

/**
 * The answer key by type:
 * - single: { kind: 'single', key: 'B' }
 * - multiple: { kind: 'multiple', keys: ['A', 'C'] }
 * - truefalse: { kind: 'truefalse', value: true }
 * - fill: { kind: 'fill', accepted: ['三十日', '30日'] } — one blank; any accepted answer is right after
 *   normalisation (full/half width, spaces, case)
 * - citation: { kind: 'citation', citations: '《中华人民共和国安全生产法》第二十八条第一款' } — text parsed with
 *   parseCitations; each expected provision graded with compareCitation
 */
export type AnswerKey =
	| { kind: 'single'; key: string }
	| { kind: 'multiple'; keys: string[] }
	| { kind: 'truefalse'; value: boolean }
	| { kind: 'fill'; accepted: string[] }
	| { kind: 'citation'; citations: string };

/** What a learner answered; null means not answered. */
export type Response =
	| { kind: 'single'; key: string }
	| { kind: 'multiple'; keys: string[] }
	| { kind: 'truefalse'; value: boolean }
	| { kind: 'fill'; text: string }
	| { kind: 'citation'; text: string };

/** A question as the grader and the drawer need it (bank fields without bookkeeping). */
export interface QuestionData {
	type: QuestionType;
	/** markdown */
	stem: string;
	/** choice questions only; [] for the others */
	options: QuestionOption[];
	answer: AnswerKey;
	/** markdown */
	explanation: string;
	difficulty: Difficulty;
	/** only for type 'multiple' */
	multipleScoring: MultipleScoring;
	/** Provisions the question tests, as citation text (《安全生产法》第二十八条). */
	provisions: string;
	tags: string[];
}

/** A question in the bank with an id and its category path, for drawing. */
export interface BankQuestion {
	id: number;
	categoryId: number;
	difficulty: Difficulty;
	status: QuestionStatus;
}

/** A draw rule of a quiz: `count` questions from a category (and its subcategories), optionally of one difficulty. */
export interface DrawRule {
	categoryId: number;
	difficulty: Difficulty | null;
	count: number;
	/** points per question drawn by this rule */
	points: number;
}

/** One question slot of an attempt: which question, its points, and the order options are shown in. */
export interface AttemptSlot {
	questionId: number;
	points: number;
	/** option keys in display order (choice questions); [] otherwise */
	optionOrder: string[];
}

/** What a learner may see: after submitting, and after the quiz closes. */
export interface ReviewOptions {
	/** total and pass/fail */
	score: boolean;
	/** per-question right/wrong and points */
	correctness: boolean;
	/** the right answers */
	answers: boolean;
	/** explanations and provisions */
	explanations: boolean;
}
