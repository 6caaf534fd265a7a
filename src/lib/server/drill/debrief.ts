import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillStage, sheetEntry } from '../db/schema';
import { getVersion } from '../scenario/scenarios';
import { teamOf } from './drills';
import { drillResults, type TeamStageResult } from './results';
import { err, ok } from '../../domain/result';
import type { HazardAnswerInput } from '../../domain/drill/answer-schema';
import type { ScoreRule } from '../../domain/drill/scoring';
import { hazardMatrix, plantedHazards } from '../../domain/drill/hazard-matrix';

export type DebriefError = 'drill.not_found' | 'drill.not_member' | 'drill.debrief_closed';

/** Who is looking: an officer sees their own team's answers; trainers and admins (staff) see the key only. */
export interface DebriefViewer {
	userId: number;
	isStaff: boolean;
}

export interface DebriefLine {
	rule: ScoreRule;
	points: number;
	max: number | null;
}

/** Markdown → HTML for every authored text; the route passes renderMarkdown, tests the identity. */
export type Render = (markdown: string) => string;

const linesOf = (stage: TeamStageResult | undefined, ref: string): DebriefLine[] =>
	(stage?.lines ?? []).filter((l) => l.ref === ref).map((l) => ({ rule: l.rule as ScoreRule, points: l.points, max: typeof l.detail?.max === 'number' ? l.detail.max : null }));

const sum = (lines: DebriefLine[]) => Math.round(lines.reduce((s, l) => s + l.points, 0) * 100) / 100;

/** The stored answers of one team in one stage, by author ref ('item:duct', 'order', 'question:q1'). */
function storedAnswers(db: Db, teamId: number, stageId: number | undefined): Map<string, unknown> {
	if (stageId === undefined) return new Map();
	const rows = db.select({ ref: sheetEntry.ref, data: sheetEntry.data }).from(sheetEntry).where(and(eq(sheetEntry.teamId, teamId), eq(sheetEntry.stageId, stageId))).all();
	return new Map(rows.flatMap((r) => (r.data === null ? [] : [[r.ref, JSON.parse(r.data) as unknown] as const])));
}

/**
 * The 讲解 of a drill once it is open: every planted hazard and decoy from the frozen version with the
 * viewer's team's own answer and points beside it, the team's stage scores and the ranking (names
 * and totals only). Another team's answers never enter the result.
 */
export function drillDebrief(db: Db, viewer: DebriefViewer, drillId: number, render: Render = (md) => md) {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return err<DebriefError>('drill.not_found');
	const team = teamOf(db, drillId, viewer.userId);
	if (!team && !viewer.isStaff) return err<DebriefError>('drill.not_member');
	if (!d.debriefOpen) return err<DebriefError>('drill.debrief_closed');

	const content = getVersion(db, d.scenarioVersionId)!.content;
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).all();
	const results = drillResults(db, drillId)!;
	const mine = team ? (results.teams.find((t) => t.teamId === team.id) ?? null) : null;
	const hazardStage = stages.find((s) => s.kind === 'hazard');
	const procedureStage = stages.find((s) => s.kind === 'procedure');
	const myHazard = mine?.stages.find((s) => s.stageId === hazardStage?.id);
	const myProcedure = mine?.stages.find((s) => s.stageId === procedureStage?.id);
	const hazardAnswers = team ? storedAnswers(db, team.id, hazardStage?.id) : new Map<string, unknown>();
	const procedureAnswers = team ? storedAnswers(db, team.id, procedureStage?.id) : new Map<string, unknown>();

	// How many teams found each hazard and fell for each decoy: names of other teams never leave here.
	const matrix = hazardMatrix(results.teams, plantedHazards(content));
	const foundCount = new Map(matrix.rows.map((r) => [r.key, r.foundCount]));
	const flaggedCount = new Map<string, number>();
	for (const t of matrix.teams) for (const x of t.decoys) flaggedCount.set(x.ref, (flaggedCount.get(x.ref) ?? 0) + 1);
	const teamCount = results.teams.length;

	const hazards = [];
	const decoys = [];
	for (const area of content.areas) {
		for (const item of area.items) {
			const base = { area: area.name, title: item.title, observationHtml: render(item.observation), photo: item.photo ? { id: item.photo.id } : null };
			const lines = linesOf(myHazard, item.key);
			if (item.answer.kind === 'hazard') {
				const k = item.answer;
				hazards.push({
					...base,
					classification: k.classification,
					majorCriterionHtml: k.majorCriterion ? render(k.majorCriterion) : null,
					violatedHtml: k.violated.map(render),
					penaltyHtml: k.penalty.map(render),
					measures: k.measures,
					deadlineDays: k.deadlineDays,
					points: k.points,
					explanationHtml: render(k.explanation),
					answer: (hazardAnswers.get(`item:${item.key}`) as HazardAnswerInput | undefined) ?? null,
					lines,
					earned: sum(lines),
					foundBy: { teams: foundCount.get(item.key) ?? 0, of: teamCount }
				});
			} else {
				decoys.push({ ...base, explanationHtml: render(item.answer.explanation), isFlagged: hazardAnswers.has(`item:${item.key}`), earned: sum(lines), flaggedBy: { teams: flaggedCount.get(item.key) ?? 0, of: teamCount } });
			}
		}
	}

	const { steps, distractors } = content.procedure;
	const cardText = new Map([...steps, ...distractors].map((s) => [s.key, s.text]));
	const isStep = new Set(steps.map((s) => s.key));
	const laid = (procedureAnswers.get('order') as { cardKeys: string[] } | undefined)?.cardKeys ?? [];
	const procedureLines = (myProcedure?.lines ?? []).filter((l) => l.rule.startsWith('procedure.'));
	const procedure = {
		steps: steps.map((s) => s.text),
		distractors: distractors.map((s) => ({ text: s.text, explanationHtml: render(s.explanation) })),
		order: laid.filter((k) => cardText.has(k)).map((k) => ({ text: cardText.get(k)!, isStep: isStep.has(k) })),
		earned: sum(procedureLines.map((l) => ({ rule: l.rule, points: l.points, max: null }))),
		points: content.procedure.points,
		questions: content.questions.map((q) => {
			const chosen = new Set((procedureAnswers.get(`question:${q.key}`) as { optionKeys: string[] } | undefined)?.optionKeys ?? []);
			const correct = new Set(q.correct);
			return {
				situation: q.situation,
				options: q.options.map((o) => ({ text: o.text, isCorrect: correct.has(o.key), isChosen: chosen.has(o.key) })),
				explanationHtml: render(q.explanation),
				points: q.points,
				earned: sum(linesOf(myProcedure, q.key))
			};
		})
	};

	// 文书制作: per required document, our team's check lines with their reasons (the facts a document needed are the key).
	const documentStage = stages.find((s) => s.kind === 'document');
	const myDocuments = mine?.stages.find((s) => s.stageId === documentStage?.id);
	const documents = documentStage
		? content.documents.map((req) => {
				const lines = (myDocuments?.lines ?? [])
					.filter((l) => l.ref.startsWith(`${req.key}/`))
					.map((l) => ({
						label: l.label,
						points: l.points,
						max: typeof l.detail?.max === 'number' ? l.detail.max : 0,
						passed: l.detail?.passed === 1,
						reason: String(l.detail?.reason ?? ''),
						isAdjustment: l.rule === 'document.adjustment'
					}));
				return { type: req.type, points: req.points, facts: req.facts, earned: Math.round(lines.reduce((n, l) => n + l.points, 0) * 100) / 100, lines };
			})
		: null;

	return ok({
		drill: { id: d.id, title: d.title },
		team,
		documents,
		hazards,
		decoys,
		procedure: procedureStage ? procedure : null,
		score: mine ? { total: mine.total, rank: mine.rank, stages: mine.stages.map((s) => ({ title: s.title, kind: s.kind, weight: s.weight, score: s.score, max: s.max })) } : null,
		ranking: results.teams.map((t) => ({ rank: t.rank, name: t.name, total: t.total, isMine: t.teamId === team?.id }))
	});
}

export type Debrief = Extract<ReturnType<typeof drillDebrief>, { ok: true }>['value'];
export type DebriefHazard = Debrief['hazards'][number];
export type DebriefDecoy = Debrief['decoys'][number];
export type DebriefProcedure = NonNullable<Debrief['procedure']>;
