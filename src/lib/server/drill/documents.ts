/**
 * The 文书制作 stage of a drill: each team drafts the documents the scenario requires, field by field
 * in its answer sheet (sheet_entry refs `doc:<documentKey>:<fieldKey>`), and the automatic checks of
 * src/lib/domain/document plus the judges' adjustments score them.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { documentAdjustment, drill, drillStage, sheetEntry, team, teamMember, user } from '../db/schema';
import { recordAudit } from '../audit';
import { libraryIndex } from '../scenario/scenarios';
import { judgeOf } from './judging';
import { err, ok, type Result } from '../../domain/result';
import { checkDocument, withAdjustments, type DocumentCheckResult, type KeyHazard, type TeamHazard } from '../../domain/document/checks';
import { templateFor } from '../../domain/document/templates';
import type { DocumentValues, FieldValue } from '../../domain/document/types';
import type { PrefillSources } from '../../domain/document/prefill';
import type { LibraryIndex } from '../../domain/law/validate';
import type { HazardAnswerInput } from '../../domain/drill/answer-schema';
import type { ScenarioContent } from '../../domain/scenario/types';
import type { LineItem, StageScore } from '../../domain/drill/scoring';
import { roundPoints } from '../../domain/drill/points';

/** The stored key of one field of one required document. */
export const documentRef = (documentKey: string, fieldKey: string) => `doc:${documentKey}:${fieldKey}`;

/** The team's documents from its stored entries: document key → field key → value. */
export function documentsOf(entries: readonly { ref: string; data: string | null }[]): Map<string, DocumentValues> {
	const out = new Map<string, DocumentValues>();
	for (const e of entries) {
		if (!e.ref.startsWith('doc:') || e.data === null) continue;
		const [, docKey, fieldKey] = e.ref.split(':');
		if (!docKey || !fieldKey) continue;
		let values = out.get(docKey);
		if (!values) out.set(docKey, (values = {}));
		values[fieldKey] = JSON.parse(e.data) as FieldValue;
	}
	return out;
}

/** What the team recorded in the 现场检查 stage, by item title, for the document checks. */
export function teamHazardsOf(content: ScenarioContent, hazardEntries: readonly { ref: string; data: string | null }[]): TeamHazard[] {
	const titles = new Map(content.areas.flatMap((a) => a.items.map((i) => [i.key, i.title] as const)));
	const out: TeamHazard[] = [];
	for (const e of hazardEntries) {
		if (!e.ref.startsWith('item:') || e.data === null) continue;
		const title = titles.get(e.ref.slice(5));
		if (!title) continue;
		const a = JSON.parse(e.data) as HazardAnswerInput;
		out.push({ title, classification: a.classification, violated: a.violated, penalty: a.penalty, measures: a.measures, deadlineDays: a.deadlineDays });
	}
	return out;
}

export function keyHazardsOf(content: ScenarioContent): KeyHazard[] {
	return content.areas.flatMap((a) =>
		a.items.flatMap((i) =>
			i.answer.kind === 'hazard'
				? [
						{
							title: i.title,
							classification: i.answer.classification,
							majorCriterion: i.answer.majorCriterion,
							violated: i.answer.violated,
							penalty: i.answer.penalty,
							measures: i.answer.measures,
							deadlineDays: i.answer.deadlineDays
						}
					]
				: []
		)
	);
}

/** The inspection's day in China (yyyy-mm-dd) from a server time. */
export const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export interface DocumentStageContext {
	content: ScenarioContent;
	library: LibraryIndex;
	agencyName: string;
	/** The day of the 现场检查 (its opening in China time), else the drill's start date. */
	inspectionDate: string;
	places: string[];
}

export function documentStageContext(db: Db, drillId: number, content: ScenarioContent): DocumentStageContext {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get()!;
	const hazardStage = db
		.select()
		.from(drillStage)
		.where(and(eq(drillStage.drillId, drillId), eq(drillStage.kind, 'hazard')))
		.orderBy(asc(drillStage.position))
		.get();
	return {
		content,
		library: libraryIndex(db),
		agencyName: d.organizer,
		inspectionDate: hazardStage?.opensAt ? chinaDate(hazardStage.opensAt) : d.startDate,
		places: content.areas.filter((a) => a.kind === 'site').map((a) => a.name)
	};
}

/** One team's document results: every required document checked, with the judges' adjustments. */
export function checkTeamDocuments(
	ctx: DocumentStageContext,
	documents: Map<string, DocumentValues>,
	teamHazards: TeamHazard[],
	adjustments: readonly { documentKey: string; points: number; reason: string; judgeId: number }[]
): { key: string; type: string; result: DocumentCheckResult }[] {
	const keyHazards = keyHazardsOf(ctx.content);
	return ctx.content.documents.map((req) => {
		const checked = checkDocument({
			template: templateFor(req.type),
			values: documents.get(req.key) ?? {},
			requirement: req,
			enterprise: ctx.content.enterprise,
			inspection: { places: ctx.places, date: ctx.inspectionDate },
			teamHazards,
			keyHazards,
			library: ctx.library,
			agencyName: ctx.agencyName
		});
		const mine = adjustments.filter((a) => a.documentKey === req.key).map((a) => ({ points: a.points, reason: a.reason, judgeId: a.judgeId }));
		return { key: req.key, type: req.type, result: withAdjustments(checked, mine) };
	});
}

/** The stage score as drill line items (ref `<documentKey>/<check>`), so results, exports and the debrief read it like any stage. */
export function documentStageScore(checked: ReturnType<typeof checkTeamDocuments>): StageScore {
	const lines: LineItem[] = checked.flatMap(({ key, type, result }) =>
		result.lines.map((l) => ({
			stage: 'document',
			ref: `${key}/${l.ref}`,
			label: `${templateFor(type as Parameters<typeof templateFor>[0]).title} · ${l.label}`,
			rule: l.check === 'judge.adjustment' ? ('document.adjustment' as const) : ('document.check' as const),
			points: l.points,
			detail: { max: l.max, passed: l.passed ? 1 : 0, reason: l.reason, check: l.check }
		}))
	);
	return {
		lines,
		total: roundPoints(checked.reduce((s, c) => s + c.result.total, 0)),
		max: roundPoints(checked.reduce((s, c) => s + c.result.max, 0))
	};
}

export function adjustmentsOf(db: Db, stageId: number) {
	return db.select().from(documentAdjustment).where(eq(documentAdjustment.stageId, stageId)).orderBy(asc(documentAdjustment.id)).all();
}

export type AdjustError = 'drill.not_judge' | 'drill.stage_not_found' | 'drill.stage_not_document' | 'drill.team_not_found' | 'document.unknown' | 'document.bad_adjustment';

/** A judge adds or takes off points on one team's document, with a reason; audited. */
export function addDocumentAdjustment(
	db: Db,
	judgeId: number,
	input: { drillId: number; stageId: number; teamId: number; documentKey: string; points: number; reason: string },
	content: ScenarioContent,
	now = Date.now()
): Result<null, AdjustError> {
	if (!judgeOf(db, input.drillId, judgeId)) return err('drill.not_judge');
	const s = db.select().from(drillStage).where(and(eq(drillStage.id, input.stageId), eq(drillStage.drillId, input.drillId))).get();
	if (!s) return err('drill.stage_not_found');
	if (s.kind !== 'document') return err('drill.stage_not_document');
	if (!db.select({ id: team.id }).from(team).where(and(eq(team.id, input.teamId), eq(team.drillId, input.drillId))).get()) return err('drill.team_not_found');
	const req = content.documents.find((d) => d.key === input.documentKey);
	if (!req) return err('document.unknown');
	if (!Number.isFinite(input.points) || input.points === 0 || Math.abs(input.points) > req.points || !Number.isInteger(input.points * 2)) return err('document.bad_adjustment');
	db.transaction((tx) => {
		const row = tx.insert(documentAdjustment).values({ ...input, judgeId, createdAt: now }).returning({ id: documentAdjustment.id }).get();
		recordAudit(tx, { actorId: judgeId, action: 'drill.document_adjust', entity: 'drill', entityId: input.drillId, after: { id: row.id, ...input }, reason: input.reason, at: now });
	});
	return ok(null);
}

/** Every document entry and hazard entry of one team (for scoring and the judge's view). */
export function teamDocumentEntries(db: Db, teamId: number) {
	return db.select({ ref: sheetEntry.ref, data: sheetEntry.data, stageId: sheetEntry.stageId }).from(sheetEntry).where(eq(sheetEntry.teamId, teamId)).all();
}

/**
 * What 「自动填入」 may use in a team's documents: the enterprise's facts, the places and day of the
 * inspection, the team's officers (certificate numbers are typed by the officers) and what the team itself
 * recorded in 现场检查 — never the key.
 */
export function documentPrefillSources(db: Db, drillId: number, teamId: number, content: ScenarioContent): PrefillSources {
	const ctx = documentStageContext(db, drillId, content);
	const hazardStages = new Set(
		db
			.select({ id: drillStage.id })
			.from(drillStage)
			.where(and(eq(drillStage.drillId, drillId), eq(drillStage.kind, 'hazard')))
			.all()
			.map((s) => s.id)
	);
	const items = new Map(content.areas.flatMap((a) => a.items.map((i) => [i.key, i] as const)));
	const hazards = teamDocumentEntries(db, teamId)
		.filter((e) => hazardStages.has(e.stageId) && e.ref.startsWith('item:') && e.data !== null)
		.flatMap((e) => {
			const item = items.get(e.ref.slice(5));
			if (!item) return [];
			const a = JSON.parse(e.data!) as HazardAnswerInput;
			return [{ title: item.title, observation: item.observation, classification: a.classification, violated: a.violated, penalty: a.penalty }];
		});
	const officers = db
		.select({ name: user.displayName })
		.from(teamMember)
		.innerJoin(user, eq(user.id, teamMember.userId))
		.where(eq(teamMember.teamId, teamId))
		.orderBy(asc(user.id))
		.all()
		.map((o) => ({ name: o.name, certificate: '' }));
	return {
		enterprise: content.enterprise,
		inspection: { places: ctx.places, date: ctx.inspectionDate },
		officers,
		hazards,
		agencyName: ctx.agencyName,
		today: chinaDate(Date.now())
	};
}

/**
 * Every team's documents in one 文书制作 stage, checked exactly as drillResults scores the stage (the same
 * context, entries, 现场检查 hazards and adjustments), with the adjustments themselves for the judges' review.
 */
export function documentStageReview(db: Db, drillId: number, stageId: number, content: ScenarioContent) {
	const ctx = documentStageContext(db, drillId, content);
	const hazardStageIds = new Set(
		db
			.select({ id: drillStage.id })
			.from(drillStage)
			.where(and(eq(drillStage.drillId, drillId), eq(drillStage.kind, 'hazard')))
			.all()
			.map((s) => s.id)
	);
	const adjustments = adjustmentsOf(db, stageId);
	const teams = db.select({ id: team.id, name: team.name }).from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	return teams.map((t) => {
		const mine = teamDocumentEntries(db, t.id);
		const teamHazards = teamHazardsOf(content, mine.filter((e) => hazardStageIds.has(e.stageId)));
		const adjusted = adjustments.filter((a) => a.teamId === t.id);
		return {
			teamId: t.id,
			name: t.name,
			documents: checkTeamDocuments(ctx, documentsOf(mine.filter((e) => e.stageId === stageId)), teamHazards, adjusted),
			adjustments: adjusted
		};
	});
}
