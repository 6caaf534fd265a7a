import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillStage, sheetEntry, stageSubmission, team } from '../db/schema';
import { getVersion } from '../scenario/scenarios';
import { DEFAULT_SCORING, type HazardAnswer, type HazardSheet, type ProcedureSheet, type ScoringSettings } from '../../domain/drill/types';
import { awards, rankTeams, scoreHazardStage, scoreJudgedStage, scoreProcedureStage, scoreTheoryStage, totalScore, type AwardTier, type LineItem } from '../../domain/drill/scoring';
import { freezeState, isStagePublished } from '../../domain/drill/freeze';
import type { HazardAnswerInput } from '../../domain/drill/answer-schema';
import { isJudgedKind, judgeScoresOf } from './judging';
import { theoryResultsOf } from './theory';
import { adjustmentsOf, checkTeamDocuments, documentStageContext, documentStageScore, documentsOf, teamHazardsOf, type DocumentStageContext } from './documents';

export interface TeamStageResult {
	stageId: number;
	kind: string;
	title: string;
	weight: number;
	score: number;
	max: number;
	lines: LineItem[];
	/** Whether the stage counted: false for a stage left out by `publishedAt` (its score is then 0). */
	counted: boolean;
}

/** Builds the author-keyed sheets of one team and stage from the stored entries. */
function sheetsOf(entries: { ref: string; data: string | null }[]) {
	const hazard: HazardSheet = { answers: [] };
	const procedure: ProcedureSheet = { cardKeys: [], questionAnswers: {} };
	for (const e of entries) {
		if (e.data === null) continue;
		const data = JSON.parse(e.data);
		if (e.ref.startsWith('item:')) hazard.answers.push({ itemKey: e.ref.slice(5), ...(data as HazardAnswerInput) } satisfies HazardAnswer);
		else if (e.ref === 'order') procedure.cardKeys = data.cardKeys;
		else if (e.ref.startsWith('question:')) procedure.questionAnswers[e.ref.slice(9)] = data.optionKeys;
	}
	hazard.answers.sort((a, b) => (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0));
	return { hazard, procedure };
}

export interface ResultOptions {
	/** Score against this scenario version instead of the drill's (the re-score preview). */
	versionId?: number;
	/** Count only stages published (closed, or locked by the chief judge) at or before this time: the public board. */
	publishedAt?: number;
}

/** The settings a drill is scored with: its own, or the defaults for a drill created before settings were stored. */
export const drillSettings = (d: { settings: ScoringSettings | null }): ScoringSettings => d.settings ?? DEFAULT_SCORING;

/**
 * Scores every team of a drill from the frozen scenario version, the saved sheets and the judges'
 * points and the officers' submitted quiz attempts (理论考试): a pure function of stored data, so running it
 * again gives the same results.
 */
export function drillResults(db: Db, drillId: number, options: ResultOptions = {}) {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	const versionId = options.versionId ?? d.scenarioVersionId;
	const content = getVersion(db, versionId)!.content;
	const settings = drillSettings(d);
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all();
	const teams = db.select().from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	const teamIds = teams.map((t) => t.id);
	const entries = teamIds.length ? db.select().from(sheetEntry).where(inArray(sheetEntry.teamId, teamIds)).all() : [];
	const submissions = teamIds.length ? db.select().from(stageSubmission).where(inArray(stageSubmission.teamId, teamIds)).all() : [];
	const judgeScores = judgeScoresOf(
		db,
		stages.filter((s) => isJudgedKind(s.kind)).map((s) => s.id)
	);
	// The document checks need the law library and the inspection facts: built once, only when there is such a stage.
	const docStages = stages.filter((s) => s.kind === 'document');
	const docContext: DocumentStageContext | null = docStages.length ? documentStageContext(db, drillId, content) : null;
	const docAdjustments = new Map(docStages.map((s) => [s.id, adjustmentsOf(db, s.id)]));
	const theory = new Map(stages.filter((s) => s.kind === 'theory').map((s) => [s.id, theoryResultsOf(db, drillId, s)]));
	const hazardStageIds = new Set(stages.filter((s) => s.kind === 'hazard').map((s) => s.id));
	const counts = (s: (typeof stages)[number]) =>
		options.publishedAt === undefined || isStagePublished({ closedAt: s.closedAt, lockedAt: s.lockedAt, isJudged: isJudgedKind(s.kind) }, options.publishedAt);

	const results = teams.map((t) => {
		const stageResults: TeamStageResult[] = stages.map((s) => {
			const base = { stageId: s.id, kind: s.kind, title: s.title, weight: s.weight };
			const scored = (() => {
				if (isJudgedKind(s.kind)) {
					const mine = judgeScores.filter((x) => x.stageId === s.id).map((x) => ({ judgeId: x.judgeId, teamId: x.teamId, rubricKey: x.rubricKey, points: x.points }));
					return scoreJudgedStage(s.rubric ?? [], mine, t.id, settings, s.kind);
				}
				const sheets = sheetsOf(entries.filter((e) => e.teamId === t.id && e.stageId === s.id));
				if (s.kind === 'hazard') return scoreHazardStage(content, sheets.hazard, settings);
				if (s.kind === 'procedure') return scoreProcedureStage(content, sheets.procedure, settings);
				if (s.kind === 'document' && docContext) {
					const mine = entries.filter((e) => e.teamId === t.id);
					const teamHazards = teamHazardsOf(content, mine.filter((e) => hazardStageIds.has(e.stageId)));
					const adjustments = (docAdjustments.get(s.id) ?? []).filter((a) => a.teamId === t.id);
					return documentStageScore(checkTeamDocuments(docContext, documentsOf(mine.filter((e) => e.stageId === s.id)), teamHazards, adjustments));
				}
				const th = theory.get(s.id);
				if (s.kind === 'theory' && th) return scoreTheoryStage(th.members.get(t.id) ?? [], th.quizMax);
				return { lines: [], total: 0, max: 0 };
			})();
			if (!counts(s)) return { ...base, score: 0, max: scored.max, lines: [], counted: false };
			return { ...base, score: scored.total, max: scored.max, lines: scored.lines, counted: true };
		});
		const mySubs = submissions.filter((x) => x.teamId === t.id).map((x) => x.submittedAt);
		return {
			teamId: t.id,
			name: t.name,
			stages: stageResults,
			total: totalScore(stageResults.map((r) => ({ key: String(r.stageId), weight: r.weight, score: r.score, max: r.max }))),
			hazardScore: stageResults.filter((r) => r.kind === 'hazard').reduce((n, r) => n + r.score, 0),
			finalSubmittedAt: mySubs.length === stages.length && mySubs.length > 0 ? Math.max(...mySubs) : null
		};
	});
	const ranked = rankTeams(results.map((r) => ({ teamId: r.teamId, total: r.total, hazardScore: r.hazardScore, finalSubmittedAt: r.finalSubmittedAt })));
	const rankOf = new Map(ranked.map((r) => [r.teamId, r.rank]));
	const awardOf = new Map(awards(ranked, { first: d.awardFirst, second: d.awardSecond, third: d.awardThird }).map((a) => [a.teamId, a.award]));
	return {
		drill: { id: d.id, title: d.title, debriefOpen: d.debriefOpen, scenarioVersionId: versionId },
		teams: results
			.map((r) => ({ ...r, rank: rankOf.get(r.teamId)!, award: awardOf.get(r.teamId) ?? null }))
			.sort((a, b) => a.rank - b.rank || a.teamId - b.teamId)
	};
}

export type DrillResults = NonNullable<ReturnType<typeof drillResults>>;

/** Who is looking at the scoreboard: trainers and judges see live standings, officers and the public the published ones. */
export type BoardView = 'live' | 'public';

export interface Standings {
	title: string;
	view: BoardView;
	/** Public view during a freeze: the standings as they stood at `frozenSince`. */
	isFrozen: boolean;
	frozenSince: number | null;
	isRevealed: boolean;
	stages: { id: number; title: string; weight: number; isFinal: boolean }[];
	teams: { teamId: number; name: string; rank: number; total: number; award: AwardTier | null; scores: (number | null)[] }[];
	asOf: number;
}

/**
 * A scoreboard: stage scores per team, no line items. `live` counts every stage as it stands (scores of
 * open stages are provisional); `public` counts only published stages, and during a freeze only those
 * published before it began. Awards show in the public view only after the reveal.
 */
export function standings(db: Db, drillId: number, view: BoardView, now = Date.now()): Standings | null {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all();
	const last = stages.at(-1);
	const freeze = freezeState({ freezeMinutes: d.freezeMinutes, frozenAt: d.frozenAt, revealedAt: d.revealedAt, lastStageEndsAt: last?.endsAt ?? null }, now);
	const at = view === 'public' ? (freeze.since ?? now) : undefined;
	const r = drillResults(db, drillId, { publishedAt: at })!;
	const isFinal = (s: (typeof stages)[number]) => isStagePublished({ closedAt: s.closedAt, lockedAt: s.lockedAt, isJudged: isJudgedKind(s.kind) }, at ?? now);
	const showAwards = view === 'live' || d.revealedAt !== null;
	return {
		title: d.title,
		view,
		isFrozen: view === 'public' && freeze.isFrozen,
		frozenSince: view === 'public' ? freeze.since : null,
		isRevealed: d.revealedAt !== null,
		stages: stages.map((s) => ({ id: s.id, title: s.title, weight: s.weight, isFinal: isFinal(s) })),
		teams: r.teams.map((t) => ({
			teamId: t.teamId,
			name: t.name,
			rank: t.rank,
			total: t.total,
			award: showAwards ? t.award : null,
			scores: t.stages.map((s) => (s.counted ? s.score : null))
		})),
		asOf: at ?? now
	};
}
