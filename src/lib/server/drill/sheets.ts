import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { Tx } from '../audit';
import { drill, drillStage, sheetEntry, stageSubmission, teamExtension, user } from '../db/schema';
import { getVersion } from '../scenario/scenarios';
import { teamOf } from './drills';
import { err, ok, type Result } from '../../domain/result';
import { canSave, effectiveEnd } from '../../domain/drill/clock';
import { hazardAnswerInput, procedureOrderInput, questionAnswerInput } from '../../domain/drill/answer-schema';
import { opaqueId, toOfficerView, type OfficerScenario } from '../../domain/scenario/officer-view';
import type { ScenarioContent } from '../../domain/scenario/types';

export type SheetError =
	| 'drill.not_found'
	| 'drill.not_member'
	| 'drill.stage_not_found'
	| 'drill.stage_not_open'
	| 'drill.stage_closed'
	| 'drill.submitted'
	| 'drill.time_up'
	| 'drill.unknown_item'
	| 'drill.bad_answer'
	| 'drill.conflict';

interface Context {
	drill: typeof drill.$inferSelect;
	stage: typeof drillStage.$inferSelect;
	team: { id: number; name: string };
	content: ScenarioContent;
	salt: string;
}

/** Loads what every officer read and write needs, checking membership first. */
function context(db: Db, userId: number, drillId: number, stageId: number): Result<Context, SheetError> {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return err('drill.not_found');
	const t = teamOf(db, drillId, userId);
	if (!t) return err('drill.not_member');
	const s = db.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
	if (!s) return err('drill.stage_not_found');
	const v = getVersion(db, d.scenarioVersionId)!;
	return ok({ drill: d, stage: s, team: t, content: v.content, salt: v.salt });
}

/** The end of a stage for one team (with its extensions), in server ms. */
export function teamStageEnd(db: Db, stage: { id: number; endsAt: number | null }, teamId: number): number | null {
	if (stage.endsAt === null) return null;
	const ext = db.select({ teamId: teamExtension.teamId, ms: teamExtension.ms }).from(teamExtension).where(eq(teamExtension.stageId, stage.id)).all();
	return effectiveEnd(stage.endsAt, ext, teamId);
}

/** Maps an officer's opaque ref to the author key it stands for, per stage kind. */
function resolveRef(c: Context, ref: string): string | null {
	if (c.stage.kind === 'hazard') {
		for (const a of c.content.areas) for (const i of a.items) if (opaqueId(c.salt, 'item', i.key) === ref) return `item:${i.key}`;
		return null;
	}
	if (c.stage.kind === 'procedure') {
		if (ref === 'order') return 'order';
		for (const q of c.content.questions) if (opaqueId(c.salt, 'question', q.key) === ref) return `question:${q.key}`;
	}
	return null;
}

/** Converts an officer's answer (opaque ids) into the stored form (author keys), validating it. */
function toStored(c: Context, key: string, data: unknown): unknown | null {
	if (key.startsWith('item:')) {
		const r = hazardAnswerInput.safeParse(data);
		return r.success ? r.data : null;
	}
	if (key === 'order') {
		const r = procedureOrderInput.safeParse(data);
		if (!r.success) return null;
		const cards = new Map([...c.content.procedure.steps, ...c.content.procedure.distractors].map((s) => [opaqueId(c.salt, 'card', s.key), s.key]));
		const keys = r.data.cardIds.map((id) => cards.get(id));
		return keys.every(Boolean) ? { cardKeys: keys } : null;
	}
	const q = c.content.questions.find((x) => `question:${x.key}` === key)!;
	const r = questionAnswerInput.safeParse(data);
	if (!r.success) return null;
	const options = new Map(q.options.map((o) => [opaqueId(c.salt, 'option', `${q.key}/${o.key}`), o.key]));
	const keys = r.data.optionIds.map((id) => options.get(id));
	return keys.every(Boolean) ? { optionKeys: keys } : null;
}

/** The stored form back into what the officer's page shows (opaque ids). */
function toOfficer(c: Pick<Context, 'salt' | 'content'>, key: string, stored: unknown): unknown {
	if (key.startsWith('item:') || stored === null) return stored;
	if (key === 'order') return { cardIds: (stored as { cardKeys: string[] }).cardKeys.map((k) => opaqueId(c.salt, 'card', k)) };
	const qKey = key.slice('question:'.length);
	return { optionIds: (stored as { optionKeys: string[] }).optionKeys.map((k) => opaqueId(c.salt, 'option', `${qKey}/${k}`)) };
}

function toOfficerRef(c: Pick<Context, 'salt'>, key: string): string {
	if (key.startsWith('item:')) return opaqueId(c.salt, 'item', key.slice(5));
	if (key.startsWith('question:')) return opaqueId(c.salt, 'question', key.slice(9));
	return key;
}

export interface OfficerEntry {
	ref: string;
	data: unknown;
	version: number;
	updatedBy: string | null;
	updatedAt: number;
}

function readEntries(db: Tx, c: Pick<Context, 'salt' | 'content'>, teamId: number, stageId: number): OfficerEntry[] {
	return db
		.select({ ref: sheetEntry.ref, data: sheetEntry.data, version: sheetEntry.version, updatedAt: sheetEntry.updatedAt, updatedBy: user.displayName })
		.from(sheetEntry)
		.leftJoin(user, eq(user.id, sheetEntry.updatedBy))
		.where(and(eq(sheetEntry.teamId, teamId), eq(sheetEntry.stageId, stageId)))
		.all()
		.map((e) => ({ ref: toOfficerRef(c, e.ref), data: toOfficer(c, e.ref, e.data === null ? null : JSON.parse(e.data)), version: e.version, updatedBy: e.updatedBy, updatedAt: e.updatedAt }));
}

/** Everything an officer's sheet page needs, and nothing of the key. */
export function officerSheet(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()) {
	const c = context(db, userId, drillId, stageId);
	if (!c.ok) return c;
	const { drill: d, stage, team, content, salt } = c.value;
	const view: OfficerScenario = toOfficerView(content, salt);
	const submitted = db.select().from(stageSubmission).where(and(eq(stageSubmission.teamId, team.id), eq(stageSubmission.stageId, stageId))).get();
	return ok({
		drill: { id: d.id, title: d.title, graceSeconds: d.graceSeconds },
		team,
		stage: { id: stage.id, kind: stage.kind, title: stage.title, status: stage.status, endsAt: teamStageEnd(db, stage, team.id), serverNow: now },
		submittedAt: submitted?.submittedAt ?? null,
		view,
		entries: readEntries(db, c.value, team.id, stageId)
	});
}

export type SaveResult = Result<{ version: number; savedAt: number }, SheetError> & { current?: OfficerEntry | null };

/**
 * Saves one entry of a team's sheet. `baseVersion` is the version the officer's device last saw (0 for
 * a new entry); a newer save by a teammate makes this one refused with their version, never overwritten.
 */
export function saveEntry(
	db: Db,
	userId: number,
	input: { drillId: number; stageId: number; ref: string; baseVersion: number; data: unknown | null },
	now = Date.now()
): SaveResult {
	const c = context(db, userId, input.drillId, input.stageId);
	if (!c.ok) return c;
	const { stage, team, drill: d } = c.value;
	if (stage.status === 'pending') return err('drill.stage_not_open');
	if (stage.status === 'closed') return err('drill.stage_closed');
	const end = teamStageEnd(db, stage, team.id);
	if (end === null || !canSave(now, end, d.graceSeconds * 1000)) return err('drill.time_up');
	const key = resolveRef(c.value, input.ref);
	if (!key) return err('drill.unknown_item');
	const stored = input.data === null ? null : toStored(c.value, key, input.data);
	if (input.data !== null && stored === null) return err('drill.bad_answer');
	return db.transaction((tx) => {
		if (tx.select().from(stageSubmission).where(and(eq(stageSubmission.teamId, team.id), eq(stageSubmission.stageId, stage.id))).get())
			return err('drill.submitted');
		const existing = tx.select().from(sheetEntry).where(and(eq(sheetEntry.teamId, team.id), eq(sheetEntry.stageId, stage.id), eq(sheetEntry.ref, key))).get();
		const current = existing?.version ?? 0;
		if (current !== input.baseVersion) {
			const mine = readEntries(tx, c.value, team.id, stage.id).find((e) => e.ref === input.ref) ?? null;
			return { ...err('drill.conflict'), current: mine };
		}
		const version = current + 1;
		const data = stored === null ? null : JSON.stringify(stored);
		if (existing) tx.update(sheetEntry).set({ data, version, updatedBy: userId, updatedAt: now }).where(eq(sheetEntry.id, existing.id)).run();
		else tx.insert(sheetEntry).values({ teamId: team.id, stageId: stage.id, ref: key, data, version, updatedBy: userId, updatedAt: now }).run();
		return ok({ version, savedAt: now });
	});
}

/** A team's final submission of a stage; saves are refused afterwards. */
export function submitStage(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()): Result<{ submittedAt: number }, SheetError> {
	const c = context(db, userId, drillId, stageId);
	if (!c.ok) return c;
	if (c.value.stage.status !== 'open') return err(c.value.stage.status === 'closed' ? 'drill.stage_closed' : 'drill.stage_not_open');
	return db.transaction((tx) => {
		if (tx.select().from(stageSubmission).where(and(eq(stageSubmission.teamId, c.value.team.id), eq(stageSubmission.stageId, stageId))).get())
			return err('drill.submitted');
		tx.insert(stageSubmission).values({ teamId: c.value.team.id, stageId, submittedAt: now, submittedBy: userId }).run();
		return ok({ submittedAt: now });
	});
}
