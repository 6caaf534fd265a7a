/**
 * Judged stages (文明执法): each judge enters points per team and rubric item, sees only their own
 * entries, and the chief judge locks the stage. Every change is audited.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { drillJudge, drillStage, judgeScore, team } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { checkJudgePoints, type JudgePointsError } from '../../domain/drill/rubric';
import type { RubricItem, StageKind } from '../../domain/drill/types';

/** Stage kinds scored by judges with a rubric instead of from the teams' sheets. */
export const JUDGED_STAGE_KINDS: readonly StageKind[] = ['conduct'];
export const isJudgedKind = (kind: StageKind) => JUDGED_STAGE_KINDS.includes(kind);

export type JudgingError =
	| 'drill.not_judge'
	| 'drill.not_chief'
	| 'drill.stage_not_found'
	| 'drill.stage_not_judged'
	| 'drill.stage_not_open'
	| 'drill.stage_locked'
	| 'drill.team_not_found'
	| 'drill.scores_exist'
	| 'judge.bad_points';

export function judgeOf(db: Db, drillId: number, userId: number) {
	return db.select({ isChief: drillJudge.isChief }).from(drillJudge).where(and(eq(drillJudge.drillId, drillId), eq(drillJudge.userId, userId))).get() ?? null;
}

function judgedStage(db: Pick<Db, 'select'>, drillId: number, stageId: number) {
	const s = db.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
	if (!s) return err('drill.stage_not_found' as const);
	if (!isJudgedKind(s.kind)) return err('drill.stage_not_judged' as const);
	return ok(s);
}

/**
 * What one judge's scoring page needs: the drill's judged stages with their rubric, the teams, and this
 * judge's own points only. The chief judge also gets, per stage and team, how many judges have scored
 * every item (never the points themselves), to know when to lock.
 */
export function judgeSheet(db: Db, userId: number, drillId: number) {
	const me = judgeOf(db, drillId, userId);
	if (!me) return err('drill.not_judge' as const);
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all().filter((s) => isJudgedKind(s.kind));
	const teams = db.select({ id: team.id, name: team.name }).from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	const judgeCount = db.select({ userId: drillJudge.userId }).from(drillJudge).where(eq(drillJudge.drillId, drillId)).all().length;
	return ok({
		isChief: me.isChief,
		judgeCount,
		teams,
		stages: stages.map((s) => {
			const rubric = s.rubric ?? [];
			const all = db.select().from(judgeScore).where(eq(judgeScore.stageId, s.id)).all();
			const mine: Record<number, Record<string, number>> = {};
			for (const x of all) if (x.judgeId === userId) (mine[x.teamId] ??= {})[x.rubricKey] = x.points;
			let complete: Record<number, number> | null = null;
			if (me.isChief) {
				complete = {};
				for (const t of teams) {
					const byJudge = new Map<number, number>();
					for (const x of all) if (x.teamId === t.id) byJudge.set(x.judgeId, (byJudge.get(x.judgeId) ?? 0) + 1);
					complete[t.id] = [...byJudge.values()].filter((n) => n >= rubric.length).length;
				}
			}
			return { id: s.id, title: s.title, status: s.status, lockedAt: s.lockedAt, rubric, mine, complete };
		})
	});
}

export type SaveJudgeResult = Result<null, JudgingError> & { problems?: JudgePointsError[] };

/**
 * Saves one judge's points for one team in a judged stage (items left out stay as they were). Judges
 * score while the stage is open or closed, until the chief judge locks it.
 */
export function saveJudgeScores(
	db: Db,
	userId: number,
	input: { drillId: number; stageId: number; teamId: number; points: Record<string, number> },
	now = Date.now()
): SaveJudgeResult {
	if (!judgeOf(db, input.drillId, userId)) return err('drill.not_judge');
	return db.transaction((tx) => {
		const s = judgedStage(tx, input.drillId, input.stageId);
		if (!s.ok) return s;
		if (s.value.status === 'pending') return err('drill.stage_not_open');
		if (s.value.lockedAt !== null) return err('drill.stage_locked');
		const t = tx.select({ id: team.id }).from(team).where(and(eq(team.id, input.teamId), eq(team.drillId, input.drillId))).get();
		if (!t) return err('drill.team_not_found');
		const problems = checkJudgePoints(s.value.rubric ?? [], input.points);
		if (problems.length > 0) return { ...err('judge.bad_points'), problems };
		const mine = and(eq(judgeScore.stageId, input.stageId), eq(judgeScore.teamId, input.teamId), eq(judgeScore.judgeId, userId));
		const before = Object.fromEntries(tx.select().from(judgeScore).where(mine).all().map((x) => [x.rubricKey, x.points]));
		for (const [rubricKey, points] of Object.entries(input.points)) {
			tx.insert(judgeScore)
				.values({ stageId: input.stageId, teamId: input.teamId, judgeId: userId, rubricKey, points, updatedAt: now })
				.onConflictDoUpdate({ target: [judgeScore.stageId, judgeScore.teamId, judgeScore.judgeId, judgeScore.rubricKey], set: { points, updatedAt: now } })
				.run();
		}
		recordAudit(tx, {
			actorId: userId,
			action: 'drill.judge_score',
			entity: 'drill',
			entityId: input.drillId,
			before: { stageId: input.stageId, teamId: input.teamId, points: before },
			after: { stageId: input.stageId, teamId: input.teamId, points: { ...before, ...input.points } },
			at: now
		});
		return ok(null);
	});
}

/** The chief judge locks a judged stage: its scores become final and count on the public scoreboard. */
export function lockJudgedStage(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()): Result<null, JudgingError> {
	const me = judgeOf(db, drillId, userId);
	if (!me) return err('drill.not_judge');
	if (!me.isChief) return err('drill.not_chief');
	return db.transaction((tx) => {
		const s = judgedStage(tx, drillId, stageId);
		if (!s.ok) return s;
		if (s.value.status === 'pending') return err('drill.stage_not_open');
		if (s.value.lockedAt !== null) return err('drill.stage_locked');
		tx.update(drillStage).set({ lockedAt: now, lockedBy: userId }).where(eq(drillStage.id, stageId)).run();
		recordAudit(tx, { actorId: userId, action: 'drill.judge_lock', entity: 'drill', entityId: drillId, after: { stageId, lockedAt: now }, at: now });
		return ok(null);
	});
}

/** A trainer reopens a locked judged stage for corrections (audited with the reason). */
export function unlockJudgedStage(db: Db, actorId: number, drillId: number, stageId: number, reason: string, now = Date.now()): Result<null, JudgingError> {
	return db.transaction((tx) => {
		const s = judgedStage(tx, drillId, stageId);
		if (!s.ok) return s;
		if (s.value.lockedAt === null) return ok(null);
		tx.update(drillStage).set({ lockedAt: null, lockedBy: null }).where(eq(drillStage.id, stageId)).run();
		recordAudit(tx, { actorId, action: 'drill.judge_unlock', entity: 'drill', entityId: drillId, before: { stageId, lockedAt: s.value.lockedAt }, reason, at: now });
		return ok(null);
	});
}

/** Replaces a judged stage's rubric; refused once any judge has entered points (they would no longer add up). */
export function setRubric(db: Db, actorId: number, drillId: number, stageId: number, rubric: RubricItem[]): Result<null, JudgingError> {
	return db.transaction((tx) => {
		const s = judgedStage(tx, drillId, stageId);
		if (!s.ok) return s;
		if (tx.select({ k: judgeScore.rubricKey }).from(judgeScore).where(eq(judgeScore.stageId, stageId)).get()) return err('drill.scores_exist');
		tx.update(drillStage).set({ rubric }).where(eq(drillStage.id, stageId)).run();
		recordAudit(tx, { actorId, action: 'drill.rubric', entity: 'drill', entityId: drillId, before: { stageId, rubric: s.value.rubric }, after: { stageId, rubric } });
		return ok(null);
	});
}

/** Every judge score of a drill's judged stages, for scoring (trainers only: it has every judge's points). */
export function judgeScoresOf(db: Db, stageIds: number[]) {
	if (stageIds.length === 0) return [];
	return db.select().from(judgeScore).where(inArray(judgeScore.stageId, stageIds)).all();
}

/** Which of these stages have any judge's points (their rubric can no longer change). */
export function stagesWithScores(db: Db, stageIds: number[]): Set<number> {
	if (stageIds.length === 0) return new Set();
	return new Set(db.selectDistinct({ stageId: judgeScore.stageId }).from(judgeScore).where(inArray(judgeScore.stageId, stageIds)).all().map((x) => x.stageId));
}
