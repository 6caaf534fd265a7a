/**
 * Drill scoring (DESIGN.md "Scores are explainable"): every stage score is the sum of its line items,
 * and scoring is a pure function of (frozen scenario content, sheets, judge scores, settings). Same
 * input, same output: no clock, no randomness, lines in scenario order.
 *
 * Line items carry the key (expected classification, which items are hazards at all), so they go to
 * trainers and judges during a drill and to officers only once the debrief is open.
 */
import { parseCitations } from '../law/citation';
import { compareCitationLists, type CitationRef } from '../law/compare';
import type { HazardKey, InspectionItem, ScenarioContent } from '../scenario/types';
import { lcsLength } from './lcs';
import { roundPoints } from './points';
import { isTrimmed, trimmedMean } from './trimmed-mean';
import { DEFAULT_SCORING, type HazardAnswer, type HazardSheet, type JudgeScore, type ProcedureSheet, type RubricItem, type ScoringSettings } from './types';

export { roundPoints } from './points';
export { awards, rankTeams, AWARD_TIERS, type AwardTier, type AwardTierCounts, type RankInput, type RankedTeam } from './ranking';

/** Rule codes of line items; their Chinese names belong in i18n/zh.ts (`satisfies Record<ScoreRule, string>`). */
export const SCORE_RULES = [
	'hazard.found',
	'hazard.classification',
	'hazard.violated',
	'hazard.penalty',
	'hazard.measure',
	'decoy.flagged',
	'procedure.step_present',
	'procedure.order',
	'procedure.wrong_step',
	'question',
	'judge.rubric',
	'document.check',
	'document.adjustment',
	'theory.member',
	'stage.floor'
] as const;
export type ScoreRule = (typeof SCORE_RULES)[number];

/** One explainable piece of a stage score. */
export interface LineItem {
	/** The stage: 'hazard', 'procedure' or the judged stage's key. */
	stage: string;
	/** What it is about: item, step, distractor, question or rubric key; 'procedure' / 'stage' for whole-stage lines. */
	ref: string;
	/** The scenario's or rubric's own Chinese name of `ref` (item title, step text …); '' for whole-stage lines. */
	label: string;
	rule: ScoreRule;
	/** Rounded to 2 decimals (half away from zero); negative for deductions. */
	points: number;
	/** Numbers behind the points; `max` is what the line could earn. Flags are 1/0. */
	detail?: Record<string, string | number>;
}

export interface StageScore {
	lines: LineItem[];
	/** Σ lines[].points, never below 0 (a 'stage.floor' line makes up the difference). */
	total: number;
	max: number;
}

function finish(stage: string, lines: LineItem[], max: number): StageScore {
	let total = roundPoints(lines.reduce((s, l) => s + l.points, 0));
	if (total < 0) {
		lines.push({ stage, ref: 'stage', label: '', rule: 'stage.floor', points: roundPoints(-total), detail: { raw: total } });
		total = 0;
	}
	return { lines, total, max: roundPoints(max) };
}

const refKey = (c: CitationRef & { lawName: string }) => `${c.lawId ?? `?${c.lawName}`}|${c.article}|${c.paragraph ?? ''}|${c.item ?? ''}`;

/** Every distinct citation in the texts: citing the same provision twice neither helps nor hurts. */
function citationsIn(texts: readonly string[]): CitationRef[] {
	const seen = new Map<string, CitationRef>();
	for (const text of texts) {
		for (const c of parseCitations(text)) {
			const k = refKey(c);
			if (!seen.has(k)) seen.set(k, { lawId: c.lawId, article: c.article, paragraph: c.paragraph, item: c.item });
		}
	}
	return [...seen.values()];
}

/**
 * Fraction 0…1 earned by the team's provisions: Σ over key citations of the best credit any team
 * citation earns against it, ÷ max(key count, team count). Dividing by the larger count is what
 * makes citing everything in sight worthless: 1 right citation among 4 earns ¼. A key without
 * citations earns nothing (the publish check refuses such a key).
 */
function gradeProvisions(given: readonly string[], expected: readonly string[], settings: ScoringSettings) {
	const key = citationsIn(expected);
	const team = citationsIn(given);
	const { results } = compareCitationLists(team, key);
	const earned = results.reduce((s, r) => s + settings.citationCredit[r.grade], 0);
	const divisor = Math.max(key.length, team.length);
	return {
		fraction: divisor === 0 ? 0 : earned / divisor,
		detail: {
			keyCitations: key.length,
			teamCitations: team.length,
			exact: results.filter((r) => r.grade === 'exact').length,
			article: results.filter((r) => r.grade === 'article').length
		}
	};
}

/**
 * 现场处理措施: all-or-nothing. The team must order every measure of the key (more is allowed); when the
 * key orders 责令限期整改 with a deadline range, the team's 整改期限 must lie inside it.
 */
function gradeMeasures(answer: HazardAnswer, key: HazardKey) {
	const given = new Set(answer.measures);
	const hasAll = key.measures.every((m) => given.has(m));
	const detail: Record<string, string | number> = { expected: key.measures.join(','), given: [...given].join(',') };
	let deadlineOk = true;
	if (key.deadlineDays && key.measures.includes('rectify_within_deadline')) {
		const d = answer.deadlineDays;
		deadlineOk = d !== null && d >= key.deadlineDays.min && d <= key.deadlineDays.max;
		Object.assign(detail, { deadlineMin: key.deadlineDays.min, deadlineMax: key.deadlineDays.max, deadlineDays: d ?? '' });
	}
	return { fraction: hasAll && deadlineOk ? 1 : 0, detail };
}

function hazardLines(item: InspectionItem, key: HazardKey, answer: HazardAnswer | undefined, settings: ScoringSettings): LineItem[] {
	const w = settings.hazard;
	const line = (rule: ScoreRule, weight: number, fraction: number, detail: Record<string, string | number>): LineItem => ({
		stage: 'hazard',
		ref: item.key,
		label: item.title,
		rule,
		points: roundPoints(key.points * weight * fraction),
		detail: { ...detail, max: roundPoints(key.points * weight) }
	});
	if (!answer) {
		// Nothing is earned for an item not flagged; the zero lines still show what it was worth.
		const missed = { found: 0 };
		return [
			line('hazard.found', w.found, 0, missed),
			line('hazard.classification', w.classification, 0, missed),
			line('hazard.violated', w.violated, 0, missed),
			line('hazard.penalty', w.penalty, 0, missed),
			line('hazard.measure', w.measure, 0, missed)
		];
	}
	const violated = gradeProvisions(answer.violated, key.violated, settings);
	const penalty = gradeProvisions(answer.penalty, key.penalty, settings);
	const measures = gradeMeasures(answer, key);
	const isRightClass = answer.classification === key.classification;
	return [
		line('hazard.found', w.found, 1, { found: 1 }),
		line('hazard.classification', w.classification, isRightClass ? 1 : 0, { expected: key.classification, given: answer.classification ?? '' }),
		line('hazard.violated', w.violated, violated.fraction, violated.detail),
		line('hazard.penalty', w.penalty, penalty.fraction, penalty.detail),
		line('hazard.measure', w.measure, measures.fraction, measures.detail)
	];
}

/**
 * 现场检查. Per planted hazard of P points, five lines (found, classification, violated, penalty,
 * measure), each its weight × P × the fraction earned; all zero when the team did not flag the item.
 * Each flagged decoy costs `decoyPenalty`. Max = Σ P.
 *
 * Answers for keys the scenario does not have earn and cost nothing; of two answers for one item
 * (the server keeps one) the first counts.
 */
export function scoreHazardStage(content: ScenarioContent, sheet: HazardSheet, settings: ScoringSettings = DEFAULT_SCORING): StageScore {
	const answers = new Map<string, HazardAnswer>();
	for (const a of sheet.answers) if (!answers.has(a.itemKey)) answers.set(a.itemKey, a);
	const lines: LineItem[] = [];
	let max = 0;
	for (const area of content.areas) {
		for (const item of area.items) {
			const answer = answers.get(item.key);
			if (item.answer.kind === 'hazard') {
				max += item.answer.points;
				lines.push(...hazardLines(item, item.answer, answer, settings));
			} else if (answer) {
				lines.push({ stage: 'hazard', ref: item.key, label: item.title, rule: 'decoy.flagged', points: roundPoints(-settings.decoyPenalty) });
			}
		}
	}
	return finish('hazard', lines, max);
}

const unique = (keys: readonly string[]) => [...new Set(keys)];

/**
 * 执法程序 and 情景处置. Of procedure.points (P), with K required steps:
 * - each required step laid out earns presence × P ÷ K;
 * - order earns order × P × LCS(the team's required steps in its order, the key order) ÷ K, so a
 *   missing step costs order points too, and one misplaced card costs one step's share;
 * - each distinct distractor laid out costs wrongStep × P;
 * - a question earns its points only when the options selected are exactly the correct set (a
 *   multiple-answer question half right earns nothing, as in the quiz rules for multiple choice).
 * The stage total (steps and questions together) never goes below 0. Max = P + Σ question points.
 * Repeated cards count once, at their first place; unknown card keys are ignored.
 */
export function scoreProcedureStage(content: ScenarioContent, sheet: ProcedureSheet, settings: ScoringSettings = DEFAULT_SCORING): StageScore {
	const { steps, distractors, points } = content.procedure;
	const w = settings.procedure;
	const laid = unique(sheet.cardKeys);
	const isLaid = new Set(laid);
	const lines: LineItem[] = [];
	const K = steps.length;
	if (K > 0) {
		const share = (points * w.presence) / K;
		for (const s of steps) {
			const present = isLaid.has(s.key) ? 1 : 0;
			lines.push({ stage: 'procedure', ref: s.key, label: s.text, rule: 'procedure.step_present', points: roundPoints(share * present), detail: { present, max: roundPoints(share) } });
		}
		const keyOrder = steps.map((s) => s.key);
		const isStep = new Set(keyOrder);
		const lcs = lcsLength(laid.filter((k) => isStep.has(k)), keyOrder);
		lines.push({ stage: 'procedure', ref: 'procedure', label: '', rule: 'procedure.order', points: roundPoints((points * w.order * lcs) / K), detail: { lcs, steps: K, max: roundPoints(points * w.order) } });
	}
	for (const d of distractors) {
		if (isLaid.has(d.key)) lines.push({ stage: 'procedure', ref: d.key, label: d.text, rule: 'procedure.wrong_step', points: roundPoints(-points * w.wrongStep) });
	}
	let max = points;
	for (const q of content.questions) {
		max += q.points;
		const selected = unique(Object.hasOwn(sheet.questionAnswers, q.key) ? sheet.questionAnswers[q.key] : []).sort();
		const expected = unique(q.correct).sort();
		const correct = selected.length === expected.length && selected.every((k, i) => k === expected[i]) ? 1 : 0;
		lines.push({ stage: 'procedure', ref: q.key, label: q.situation, rule: 'question', points: roundPoints(q.points * correct), detail: { correct, selected: selected.join(','), expected: expected.join(','), max: q.points } });
	}
	return finish('procedure', lines, max);
}

/**
 * A judged stage (文明执法, or any stage scored by a rubric). Per rubric item: each judge's points are
 * clamped to 0…maxPoints first (so one typo cannot outweigh the panel), then trimmedMean over the
 * team's judges (settings.trimAtJudges). No judge yet → 0. If a judge appears twice for one item, the
 * later entry counts. Max = Σ maxPoints.
 */
export function scoreJudgedStage(
	rubric: readonly RubricItem[],
	judgeScores: readonly JudgeScore[],
	teamId: number,
	settings: ScoringSettings = DEFAULT_SCORING,
	stage = 'conduct'
): StageScore {
	const lines: LineItem[] = [];
	let max = 0;
	for (const r of rubric) {
		max += r.maxPoints;
		const byJudge = new Map<number, number>();
		for (const s of judgeScores) {
			if (s.teamId === teamId && s.rubricKey === r.key) byJudge.set(s.judgeId, Math.min(Math.max(s.points, 0), r.maxPoints));
		}
		const values = [...byJudge.values()];
		const mean = trimmedMean(values, settings.trimAtJudges);
		lines.push({
			stage,
			ref: r.key,
			label: r.title,
			rule: 'judge.rubric',
			points: roundPoints(mean ?? 0),
			detail: { judges: values.length, trimmed: isTrimmed(values.length, settings.trimAtJudges) ? 1 : 0, max: r.maxPoints }
		});
	}
	return finish(stage, lines, max);
}

/**
 * The drill total: Σ weight × score ÷ max over the stages (a stage with max 0 adds 0), rounded to 2
 * decimals. Weights summing to 100 give a total out of 100.
 */
export function totalScore(stages: readonly { key: string; weight: number; score: number; max: number }[]): number {
	return roundPoints(stages.reduce((sum, s) => sum + (s.max > 0 ? (s.weight * s.score) / s.max : 0), 0));
}

/** One officer's result in a 理论考试 stage: the score of their submitted attempt, null when they did not submit. */
export interface TheoryMember {
	userId: number;
	name: string;
	score: number | null;
}

/**
 * 理论考试. Every member of the team takes the stage's quiz; the team's score is the mean of its members'
 * scores, an officer who did not submit counting 0, so a team cannot raise its mean by keeping its weaker
 * members away. One line per member, worth their score ÷ the number of members, so the lines sum to the
 * mean. Max = the quiz's maximum. A team without members scores 0.
 */
export function scoreTheoryStage(members: readonly TheoryMember[], quizMax: number): StageScore {
	const n = members.length;
	const lines: LineItem[] = [...members]
		.sort((a, b) => a.userId - b.userId)
		.map((m) => ({
			stage: 'theory',
			ref: String(m.userId),
			label: m.name,
			rule: 'theory.member' as const,
			points: roundPoints((m.score ?? 0) / n),
			detail: { score: m.score ?? 0, submitted: m.score === null ? 0 : 1, members: n, max: roundPoints(quizMax / n) }
		}));
	return finish('theory', lines, quizMax);
}
