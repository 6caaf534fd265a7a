/**
 * 重新评分: when a key was wrong, the trainer publishes a corrected version of the drill's scenario and
 * re-scores the drill against it. The preview shows every team's old and new score before anything
 * changes; the change itself is one audited update of the drill's scenario version.
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillStage, scenarioVersion } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { drillResults } from './results';

export type RescoreError = 'drill.not_found' | 'drill.rescore_version' | 'drill.rescore_stage_open';

/** The published versions of the drill's scenario newer than the one it is scored with, newest first. */
export function rescoreCandidates(db: Db, drillId: number) {
	const d = db.select({ versionId: drill.scenarioVersionId }).from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	const current = db.select().from(scenarioVersion).where(eq(scenarioVersion.id, d.versionId)).get()!;
	const newer = db
		.select({ id: scenarioVersion.id, number: scenarioVersion.number, publishedAt: scenarioVersion.publishedAt })
		.from(scenarioVersion)
		.where(and(eq(scenarioVersion.scenarioId, current.scenarioId), gt(scenarioVersion.number, current.number)))
		.orderBy(desc(scenarioVersion.number))
		.all();
	return { current: { id: current.id, number: current.number }, newer };
}

function checkRescore(db: Db, drillId: number, versionId: number): Result<null, RescoreError> {
	const c = rescoreCandidates(db, drillId);
	if (!c) return err('drill.not_found');
	if (!c.newer.some((v) => v.id === versionId)) return err('drill.rescore_version');
	if (db.select({ id: drillStage.id }).from(drillStage).where(and(eq(drillStage.drillId, drillId), eq(drillStage.status, 'open'))).get())
		return err('drill.rescore_stage_open');
	return ok(null);
}

export interface RescoreRow {
	teamId: number;
	name: string;
	before: { total: number; rank: number };
	after: { total: number; rank: number };
}

/** Each team's total and rank now and against `versionId`, in the new ranking's order. Changes nothing. */
export function rescorePreview(db: Db, drillId: number, versionId: number): Result<RescoreRow[], RescoreError> {
	const check = checkRescore(db, drillId, versionId);
	if (!check.ok) return check;
	return ok(compare(db, drillId, versionId));
}

function compare(db: Db, drillId: number, versionId: number): RescoreRow[] {
	const before = new Map(drillResults(db, drillId)!.teams.map((t) => [t.teamId, t]));
	return drillResults(db, drillId, { versionId })!.teams.map((t) => ({
		teamId: t.teamId,
		name: t.name,
		before: { total: before.get(t.teamId)!.total, rank: before.get(t.teamId)!.rank },
		after: { total: t.total, rank: t.rank }
	}));
}

/**
 * Switches the drill to `versionId` and records every team's old and new score in the audit log. The
 * checks and scoring run synchronously right before the write (better-sqlite3 serialises requests), and
 * the update and its audit row land together.
 */
export function rescoreDrill(db: Db, actorId: number, drillId: number, versionId: number, reason: string, now = Date.now()): Result<RescoreRow[], RescoreError> {
	const check = checkRescore(db, drillId, versionId);
	if (!check.ok) return check;
	const rows = compare(db, drillId, versionId);
	const old = db.select({ versionId: drill.scenarioVersionId }).from(drill).where(eq(drill.id, drillId)).get()!;
	db.transaction((tx) => {
		tx.update(drill).set({ scenarioVersionId: versionId }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, {
			actorId,
			action: 'drill.rescore',
			entity: 'drill',
			entityId: drillId,
			before: { scenarioVersionId: old.versionId, teams: rows.map((r) => ({ team: r.name, ...r.before })) },
			after: { scenarioVersionId: versionId, teams: rows.map((r) => ({ team: r.name, ...r.after })) },
			reason,
			at: now
		});
	});
	return ok(rows);
}
