import { and, eq, sql } from 'drizzle-orm';
import { perDatabase, preparedTransaction, type Db } from '../db';
import { drill, drillPause, drillStage, sheetEntry, stageSubmission, team, teamExtension, teamMember, user } from '../db/schema';
import { getVersion, type Version } from '../scenario/scenarios';
import { err, ok, type Result } from '../../domain/result';
import { canSave, effectiveEnd, type Pause } from '../../domain/drill/clock';
import { parseFieldValue, templateFor } from '../../domain/document/templates';
import { hazardAnswerInput, procedureOrderInput, questionAnswerInput } from '../../domain/drill/answer-schema';
import { opaqueId, refIndex, toOfficerView, type OfficerScenario, type RefIndex } from '../../domain/scenario/officer-view';
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
	| 'drill.conflict'
	| 'drill.paused';

const p = sql.placeholder;

/**
 * Officers' sheets are read and autosaved all the time (every officer, every few seconds): their
 * queries are built and prepared once per database.
 */
const statements = perDatabase((db) => {
	const entryColumns = { ref: sheetEntry.ref, data: sheetEntry.data, version: sheetEntry.version, updatedAt: sheetEntry.updatedAt, updatedBy: user.displayName };
	const ofTeamStage = and(eq(sheetEntry.teamId, p('teamId')), eq(sheetEntry.stageId, p('stageId')));
	return {
		/** The drill, the caller's team in it and the stage, in one read; a missing one comes back null. */
		context: db
			.select({
				drill: { id: drill.id, title: drill.title, graceSeconds: drill.graceSeconds, scenarioVersionId: drill.scenarioVersionId },
				team: { id: team.id, name: team.name },
				stage: { id: drillStage.id, kind: drillStage.kind, title: drillStage.title, status: drillStage.status, endsAt: drillStage.endsAt }
			})
			.from(drill)
			.leftJoin(teamMember, and(eq(teamMember.drillId, drill.id), eq(teamMember.userId, p('userId'))))
			.leftJoin(team, eq(team.id, teamMember.teamId))
			.leftJoin(drillStage, and(eq(drillStage.id, p('stageId')), eq(drillStage.drillId, drill.id)))
			.where(eq(drill.id, p('drillId')))
			.prepare(),
		extensions: db
			.select({ teamId: teamExtension.teamId, ms: teamExtension.ms })
			.from(teamExtension)
			.where(eq(teamExtension.stageId, p('stageId')))
			.prepare(),
		pauses: db
			.select({ from: drillPause.from, to: drillPause.to })
			.from(drillPause)
			.where(eq(drillPause.drillId, p('drillId')))
			.prepare(),
		submission: db
			.select({ submittedAt: stageSubmission.submittedAt })
			.from(stageSubmission)
			.where(and(eq(stageSubmission.teamId, p('teamId')), eq(stageSubmission.stageId, p('stageId'))))
			.prepare(),
		entries: db
			.select(entryColumns)
			.from(sheetEntry)
			.leftJoin(user, eq(user.id, sheetEntry.updatedBy))
			.where(ofTeamStage)
			.prepare(),
		entry: db
			.select(entryColumns)
			.from(sheetEntry)
			.leftJoin(user, eq(user.id, sheetEntry.updatedBy))
			.where(and(ofTeamStage, eq(sheetEntry.ref, p('ref'))))
			.prepare(),
		entryVersion: db
			.select({ version: sheetEntry.version })
			.from(sheetEntry)
			.where(and(ofTeamStage, eq(sheetEntry.ref, p('ref'))))
			.prepare(),
		/** Inserts the entry or, when the team already has it, overwrites it in place (same row id). */
		upsertEntry: db
			.insert(sheetEntry)
			.values({ teamId: p('teamId'), stageId: p('stageId'), ref: p('ref'), data: p('data'), version: p('version'), updatedBy: p('userId'), updatedAt: p('now') })
			.onConflictDoUpdate({
				target: [sheetEntry.teamId, sheetEntry.stageId, sheetEntry.ref],
				set: { data: sql`excluded.data`, version: sql`excluded.version`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` }
			})
			.prepare()
	};
});

interface Context {
	drill: { id: number; title: string; graceSeconds: number };
	stage: Pick<typeof drillStage.$inferSelect, 'id' | 'kind' | 'title' | 'status' | 'endsAt'>;
	team: { id: number; name: string };
	content: ScenarioContent;
	salt: string;
	refs: RefIndex;
}

// A published version never changes and getVersion keeps one object per version, so its ref index lives
// as long as that object (a version is its own key: another version, another salt, another index).
const refIndexes = new WeakMap<Version, RefIndex>();

function refIndexOf(v: Version): RefIndex {
	let refs = refIndexes.get(v);
	if (!refs) refIndexes.set(v, (refs = refIndex(v.content, v.salt)));
	return refs;
}

/** Loads what every officer read and write needs, checking membership first. */
function context(db: Db, userId: number, drillId: number, stageId: number): Result<Context, SheetError> {
	const row = statements(db).context.get({ drillId, userId, stageId });
	if (!row) return err('drill.not_found');
	if (!row.team) return err('drill.not_member');
	if (!row.stage) return err('drill.stage_not_found');
	const v = getVersion(db, row.drill.scenarioVersionId)!;
	return ok({ drill: row.drill, stage: row.stage, team: row.team, content: v.content, salt: v.salt, refs: refIndexOf(v) });
}

/** The drill's pauses (暂停), for the clock. */
export function drillPausesOf(db: Db, drillId: number): Pause[] {
	return statements(db).pauses.all({ drillId });
}

/** The end of a stage for one team, in server ms: the stage end plus the team's extensions plus the time the drill was paused. */
export function teamStageEnd(db: Db, stage: { id: number; endsAt: number | null }, teamId: number, pauses: readonly Pause[] = [], now = Date.now()): number | null {
	if (stage.endsAt === null) return null;
	return effectiveEnd(stage.endsAt, statements(db).extensions.all({ stageId: stage.id }), teamId, pauses, now);
}

/** Maps an officer's opaque ref to the author key it stands for, per stage kind. */
function resolveRef(c: Context, ref: string): string | null {
	if (c.stage.kind === 'hazard') {
		const key = c.refs.items.get(ref);
		return key === undefined ? null : `item:${key}`;
	}
	if (c.stage.kind === 'procedure') {
		if (ref === 'order') return 'order';
		const key = c.refs.questions.get(ref);
		return key === undefined ? null : `question:${key}`;
	}
	if (c.stage.kind === 'document') {
		// `<document id>.<field key>`: one entry per field, so teammates editing different fields never conflict.
		const [docId, fieldKey] = ref.split('.');
		const docKey = docId === undefined ? undefined : c.refs.documents.get(docId);
		const doc = docKey === undefined ? undefined : c.content.documents.find((d) => d.key === docKey);
		if (!doc || !templateFor(doc.type).fields.some((f) => f.key === fieldKey)) return null;
		return `doc:${doc.key}:${fieldKey}`;
	}
	return null;
}

/** Converts an officer's answer (opaque ids) into the stored form (author keys), validating it. */
function toStored(c: Context, key: string, data: unknown): unknown | null {
	if (key.startsWith('doc:')) {
		const [, docKey, fieldKey] = key.split(':');
		const doc = c.content.documents.find((d) => d.key === docKey)!;
		const field = templateFor(doc.type).fields.find((f) => f.key === fieldKey)!;
		const r = parseFieldValue(field, data);
		return r.ok ? r.value : null;
	}
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
	if (key.startsWith('item:') || key.startsWith('doc:') || stored === null) return stored;
	if (key === 'order') return { cardIds: (stored as { cardKeys: string[] }).cardKeys.map((k) => opaqueId(c.salt, 'card', k)) };
	const qKey = key.slice('question:'.length);
	return { optionIds: (stored as { optionKeys: string[] }).optionKeys.map((k) => opaqueId(c.salt, 'option', `${qKey}/${k}`)) };
}

function toOfficerRef(c: Pick<Context, 'salt'>, key: string): string {
	if (key.startsWith('item:')) return opaqueId(c.salt, 'item', key.slice(5));
	if (key.startsWith('question:')) return opaqueId(c.salt, 'question', key.slice(9));
	if (key.startsWith('doc:')) {
		const [, docKey, fieldKey] = key.split(':');
		return `${opaqueId(c.salt, 'document', docKey)}.${fieldKey}`;
	}
	return key;
}

export interface OfficerEntry {
	ref: string;
	data: unknown;
	version: number;
	updatedBy: string | null;
	updatedAt: number;
}

type EntryRow = { ref: string; data: string | null; version: number; updatedAt: number; updatedBy: string | null };

function toOfficerEntry(c: Pick<Context, 'salt' | 'content'>, e: EntryRow): OfficerEntry {
	return { ref: toOfficerRef(c, e.ref), data: toOfficer(c, e.ref, e.data === null ? null : JSON.parse(e.data)), version: e.version, updatedBy: e.updatedBy, updatedAt: e.updatedAt };
}

function readEntries(db: Db, c: Pick<Context, 'salt' | 'content'>, teamId: number, stageId: number): OfficerEntry[] {
	return statements(db)
		.entries.all({ teamId, stageId })
		.map((e) => toOfficerEntry(c, e));
}

/** Everything an officer's sheet page needs, and nothing of the key. */
export function officerSheet(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()) {
	const c = context(db, userId, drillId, stageId);
	if (!c.ok) return c;
	const { drill: d, stage, team, content, salt } = c.value;
	const view: OfficerScenario = toOfficerView(content, salt);
	const pauses = drillPausesOf(db, d.id);
	const submitted = statements(db).submission.get({ teamId: team.id, stageId });
	return ok({
		drill: { id: d.id, title: d.title, graceSeconds: d.graceSeconds },
		team,
		stage: { id: stage.id, kind: stage.kind, title: stage.title, status: stage.status, endsAt: teamStageEnd(db, stage, team.id, pauses, now), serverNow: now, isPaused: pauses.some((x) => x.to === null) },
		submittedAt: submitted?.submittedAt ?? null,
		view,
		entries: readEntries(db, c.value, team.id, stageId)
	});
}

export type SaveResult = Result<{ version: number; savedAt: number }, SheetError> & { current?: OfficerEntry | null };

export interface SaveInput {
	drillId: number;
	stageId: number;
	ref: string;
	baseVersion: number;
	data: unknown | null;
}

/**
 * Saves one entry of a team's sheet. `baseVersion` is the version the officer's device last saw (0 for
 * a new entry); a newer save by a teammate makes this one refused with their version, never overwritten.
 */
export function saveEntry(db: Db, userId: number, input: SaveInput, now = Date.now()): SaveResult {
	return saveInTransaction(db, userId, input, now);
}

// The checks and the write in one transaction: they read one snapshot, and SQLite takes its WAL read lock
// once per save instead of once per query.
const saveInTransaction = preparedTransaction(
	(db, userId: number, input: SaveInput, now: number): SaveResult => {
		const c = context(db, userId, input.drillId, input.stageId);
		if (!c.ok) return c;
		const { stage, team, drill: d } = c.value;
		if (stage.status === 'pending') return err('drill.stage_not_open');
		if (stage.status === 'closed') return err('drill.stage_closed');
		const pauses = drillPausesOf(db, d.id);
		if (pauses.some((x) => x.to === null)) return err('drill.paused');
		const end = teamStageEnd(db, stage, team.id, pauses, now);
		if (end === null || !canSave(now, end, d.graceSeconds * 1000)) return err('drill.time_up');
		const key = resolveRef(c.value, input.ref);
		if (!key) return err('drill.unknown_item');
		const stored = input.data === null ? null : toStored(c.value, key, input.data);
		if (input.data !== null && stored === null) return err('drill.bad_answer');
		const q = statements(db);
		const at = { teamId: team.id, stageId: stage.id, ref: key };
		if (q.submission.get(at)) return err('drill.submitted');
		const current = q.entryVersion.get(at)?.version ?? 0;
		if (current !== input.baseVersion) {
			const mine = q.entry.get(at);
			return { ...err('drill.conflict'), current: mine ? toOfficerEntry(c.value, mine) : null };
		}
		const version = current + 1;
		q.upsertEntry.run({ ...at, data: stored === null ? null : JSON.stringify(stored), version, userId, now });
		return ok({ version, savedAt: now });
	}
);

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
