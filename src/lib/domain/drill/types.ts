/**
 * Answer sheets, judge scores and scoring settings of a drill (DESIGN.md "Drill").
 *
 * Sheets here are keyed by the scenario's AUTHOR keys (item, step, distractor, question and option
 * keys). Officers only ever see the opaque ids of the officer view; the server maps those back to
 * author keys before it calls the scorer, so scoring never depends on how a drill shuffled things.
 */
import type { CitationGrade } from '../law/compare';
import type { Measure } from '../scenario/types';

/** The stages a drill can have: 理论考试, 现场检查, 执法程序, 文书制作, 文明执法. */
export const STAGE_KINDS = ['theory', 'hazard', 'procedure', 'document', 'conduct'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A team's record of one inspection item (记录隐患). Having an answer is what "flagged" means. */
export interface HazardAnswer {
	/** Author key of the inspection item. */
	itemKey: string;
	/** 一般 / 重大; null while the team has not decided. */
	classification: 'general' | 'major' | null;
	/** 违法依据: free text, each entry may hold one or more citations (read with parseCitations). */
	violated: string[];
	/** 处罚依据: same form as `violated`. */
	penalty: string[];
	/** 现场处理措施 ordered by the team. */
	measures: Measure[];
	/** 整改期限 in days, for 责令限期整改; null when not given. */
	deadlineDays: number | null;
	/** 备注: free text, never scored. */
	note: string;
}

/** The 现场检查 sheet: one answer per item the team flagged (the server keeps at most one per item). */
export interface HazardSheet {
	answers: HazardAnswer[];
}

/** The 执法程序 sheet. */
export interface ProcedureSheet {
	/** The cards the team laid out, in order: author keys of steps or distractors. */
	cardKeys: string[];
	/** 情景处置: question key → the option keys the team selected. */
	questionAnswers: Record<string, string[]>;
}

/** One judge's points for one rubric item of one team. */
export interface JudgeScore {
	judgeId: number;
	teamId: number;
	rubricKey: string;
	points: number;
}

/** An item of a judged stage's rubric (文明执法: 着装规范, 用语文明 …). */
export interface RubricItem {
	key: string;
	title: string;
	maxPoints: number;
}

/** How a planted hazard's points are split; the five shares sum to 1. */
export interface HazardWeights {
	/** The team recorded an answer for the item. */
	found: number;
	/** 一般/重大 matches the key. */
	classification: number;
	/** 违法依据, graded by citation. */
	violated: number;
	/** 处罚依据, graded by citation. */
	penalty: number;
	/** 现场处理措施 (and 整改期限). */
	measure: number;
}

/** How procedure.points are earned and lost; presence + order sum to 1. All are fractions of procedure.points. */
export interface ProcedureWeights {
	/** Split equally over the required steps the team laid out. */
	presence: number;
	/** Earned in proportion to LCS(team's order of the required steps, key order) ÷ number of steps. */
	order: number;
	/** Deducted once for each distinct distractor card laid out. */
	wrongStep: number;
}

export interface ScoringSettings {
	hazard: HazardWeights;
	/** Credit a key citation earns from the team's best-graded citation against it. */
	citationCredit: Record<CitationGrade, number>;
	/** Points deducted for each decoy (compliant item) the team flagged as a hazard. */
	decoyPenalty: number;
	procedure: ProcedureWeights;
	/** Judged stages drop one highest and one lowest judge when at least this many judges scored. */
	trimAtJudges: number;
	/** Default stage weights for a new drill; summing to 100 makes the total a score out of 100. */
	stageWeights: Record<StageKind, number>;
}

/**
 * The defaults. A drill stores the settings it was scored with, so a later change here never
 * re-scores a finished drill by accident.
 */
export const DEFAULT_SCORING: ScoringSettings = deepFreeze({
	hazard: { found: 0.4, classification: 0.1, violated: 0.2, penalty: 0.2, measure: 0.1 },
	// 'article': right article, wrong or missing 款/项. A right law with a wrong article earns nothing:
	// the article is what tells the party which duty it broke.
	citationCredit: { exact: 1, article: 0.5, law: 0, wrong: 0 },
	decoyPenalty: 2,
	procedure: { presence: 0.6, order: 0.4, wrongStep: 0.1 },
	trimAtJudges: 5,
	stageWeights: { theory: 20, hazard: 40, procedure: 15, document: 15, conduct: 10 }
});

function deepFreeze<T extends object>(o: T): T {
	for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
	return Object.freeze(o);
}
