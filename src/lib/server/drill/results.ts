import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillStage, sheetEntry, stageSubmission, team } from '../db/schema';
import { getVersion } from '../scenario/scenarios';
import { DEFAULT_SCORING, type HazardAnswer, type HazardSheet, type ProcedureSheet, type ScoringSettings } from '../../domain/drill/types';
import { rankTeams, scoreHazardStage, scoreProcedureStage, totalScore, type LineItem } from '../../domain/drill/scoring';
import type { HazardAnswerInput } from '../../domain/drill/answer-schema';

export interface TeamStageResult {
	stageId: number;
	kind: string;
	title: string;
	weight: number;
	score: number;
	max: number;
	lines: LineItem[];
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

/**
 * Scores every team of a drill from the frozen scenario version and the saved sheets: a pure function
 * of stored data, so running it again gives the same results. Stages that this build cannot run yet
 * (documents, theory, judged) count as 0 of their weight.
 */
export function drillResults(db: Db, drillId: number, settings: ScoringSettings = DEFAULT_SCORING) {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	const content = getVersion(db, d.scenarioVersionId)!.content;
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all();
	const teams = db.select().from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	const teamIds = teams.map((t) => t.id);
	const entries = teamIds.length ? db.select().from(sheetEntry).where(inArray(sheetEntry.teamId, teamIds)).all() : [];
	const submissions = teamIds.length ? db.select().from(stageSubmission).where(inArray(stageSubmission.teamId, teamIds)).all() : [];

	const results = teams.map((t) => {
		const stageResults: TeamStageResult[] = stages.map((s) => {
			const mine = entries.filter((e) => e.teamId === t.id && e.stageId === s.id);
			const sheets = sheetsOf(mine);
			const scored =
				s.kind === 'hazard'
					? scoreHazardStage(content, sheets.hazard, settings)
					: s.kind === 'procedure'
						? scoreProcedureStage(content, sheets.procedure, settings)
						: { lines: [], total: 0, max: 0 };
			return { stageId: s.id, kind: s.kind, title: s.title, weight: s.weight, score: scored.total, max: scored.max, lines: scored.lines };
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
	return {
		drill: { id: d.id, title: d.title, debriefOpen: d.debriefOpen },
		teams: results.map((r) => ({ ...r, rank: rankOf.get(r.teamId)! })).sort((a, b) => a.rank - b.rank || a.teamId - b.teamId)
	};
}

/** Teams' stage scores only (no line items): what a scoreboard shows. */
export function standings(db: Db, drillId: number) {
	const r = drillResults(db, drillId);
	if (!r) return null;
	return {
		drill: r.drill,
		teams: r.teams.map((t) => ({ teamId: t.teamId, name: t.name, rank: t.rank, total: t.total, stages: t.stages.map((s) => ({ stageId: s.stageId, title: s.title, score: s.score, max: s.max })) }))
	};
}

