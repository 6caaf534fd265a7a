import { and, asc, count, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../db';
import { drillStage, sheetEntry, stageSubmission, team, teamExtension } from '../db/schema';
import { drillPausesOf, teamStageEnd } from './sheets';

/** One team's progress in one stage, as the 指挥台 shows it. */
export interface TeamStageProgress {
	teamId: number;
	stageId: number;
	/** Entries holding an answer (a withdrawn entry, data null, is not counted). */
	entries: number;
	/** The latest save of any entry, withdrawals included (server ms); null before the first save. */
	lastSavedAt: number | null;
	submittedAt: number | null;
	/** When the stage ends for this team, extensions included (server ms); null before it opens. */
	endsAt: number | null;
	/** Σ extensions given to this team in this stage, in minutes. */
	extendedMinutes: number;
}

const key = (teamId: number, stageId: number) => `${teamId}:${stageId}`;

/** Every team × stage of a drill, in stage order per team; teams and stages of other drills never appear. */
export function drillProgress(db: Db, drillId: number): TeamStageProgress[] {
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all();
	const teams = db.select({ id: team.id }).from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	if (!teams.length || !stages.length) return [];
	const teamIds = teams.map((t) => t.id);
	const stageIds = stages.map((s) => s.id);
	const saved = db
		// count(column) counts non-null values only: a withdrawn entry is not an answer.
		.select({ teamId: sheetEntry.teamId, stageId: sheetEntry.stageId, entries: count(sheetEntry.data), lastSavedAt: max(sheetEntry.updatedAt) })
		.from(sheetEntry)
		.where(and(inArray(sheetEntry.teamId, teamIds), inArray(sheetEntry.stageId, stageIds)))
		.groupBy(sheetEntry.teamId, sheetEntry.stageId)
		.all();
	const submitted = db.select().from(stageSubmission).where(inArray(stageSubmission.teamId, teamIds)).all();
	const extensions = db.select({ teamId: teamExtension.teamId, stageId: teamExtension.stageId, ms: teamExtension.ms }).from(teamExtension).where(inArray(teamExtension.stageId, stageIds)).all();
	const savedBy = new Map(saved.map((s) => [key(s.teamId, s.stageId), s]));
	const submittedBy = new Map(submitted.map((s) => [key(s.teamId, s.stageId), s.submittedAt]));
	const pauses = drillPausesOf(db, drillId);
	const now = Date.now();
	return teamIds.flatMap((teamId) =>
		stages.map((stage) => {
			const s = savedBy.get(key(teamId, stage.id));
			const extendedMs = extensions.filter((e) => e.teamId === teamId && e.stageId === stage.id).reduce((n, e) => n + e.ms, 0);
			return {
				teamId,
				stageId: stage.id,
				entries: s?.entries ?? 0,
				lastSavedAt: s?.lastSavedAt ?? null,
				submittedAt: submittedBy.get(key(teamId, stage.id)) ?? null,
				// The officers' own clock logic, so the 指挥台 never shows a different end than the team sees.
				endsAt: teamStageEnd(db, stage, teamId, pauses, now),
				extendedMinutes: Math.round(extendedMs / 60_000)
			};
		})
	);
}

/** Number of teams per drill (drills without teams are absent). */
export function teamCounts(db: Db): Map<number, number> {
	const rows = db.select({ drillId: team.drillId, n: count() }).from(team).groupBy(team.drillId).all();
	return new Map(rows.map((r) => [r.drillId, r.n]));
}
