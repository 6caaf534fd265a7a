/**
 * The drill's 理论考试 stage: a quiz (from the question bank) every officer of every team takes while the
 * stage is open. Attempts live in the quiz tables under the context 'drill:<drillId>:<stageId>', one
 * attempt per officer, ending no later than the team's stage end; the stage score is the team's mean.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillStage, quizAttempt, team, teamMember, user } from '../db/schema';
import { err, ok, type Result } from '../../domain/result';
import type { TheoryMember } from '../../domain/drill/scoring';
import { getQuiz, maxScoreOf } from '../quiz/quizzes';
import { forceSubmit, startAttempt, sweepExpired, type AttemptError } from '../quiz/attempts';
import { drillPausesOf, teamStageEnd } from './sheets';

export const theoryContext = (drillId: number, stageId: number) => `drill:${drillId}:${stageId}`;

type StageRow = typeof drillStage.$inferSelect;

/** Per team, its members with the score of their submitted attempt (null if none), and the quiz's maximum. */
export function theoryResultsOf(db: Db, drillId: number, stage: Pick<StageRow, 'id' | 'quizId'>): { members: Map<number, TheoryMember[]>; quizMax: number } {
	const q = stage.quizId ? getQuiz(db, stage.quizId) : null;
	const quizMax = q ? maxScoreOf(q.rules) : 0;
	const members = db
		.select({ teamId: teamMember.teamId, userId: teamMember.userId, name: user.displayName })
		.from(teamMember)
		.innerJoin(user, eq(user.id, teamMember.userId))
		.where(eq(teamMember.drillId, drillId))
		.all();
	const scores = new Map<number, number>();
	if (stage.quizId) {
		for (const a of db
			.select({ userId: quizAttempt.userId, score: quizAttempt.score })
			.from(quizAttempt)
			.where(and(eq(quizAttempt.quizId, stage.quizId), eq(quizAttempt.context, theoryContext(drillId, stage.id)), eq(quizAttempt.status, 'submitted')))
			.all()) {
			scores.set(a.userId, Math.max(scores.get(a.userId) ?? 0, a.score ?? 0));
		}
	}
	const byTeam = new Map<number, TheoryMember[]>();
	for (const m of members) {
		const list = byTeam.get(m.teamId) ?? [];
		list.push({ userId: m.userId, name: m.name, score: scores.has(m.userId) ? scores.get(m.userId)! : null });
		byTeam.set(m.teamId, list);
	}
	return { members: byTeam, quizMax };
}

export type TheoryError = AttemptError | 'drill.not_found' | 'drill.stage_not_found' | 'drill.not_member' | 'drill.stage_not_open' | 'drill.no_quiz' | 'drill.paused';

interface TheoryStage {
	drill: { id: number; title: string; debriefOpen: boolean };
	stage: StageRow;
	teamId: number;
}

function theoryStageFor(db: Db, userId: number, drillId: number, stageId: number): Result<TheoryStage, TheoryError> {
	const d = db.select({ id: drill.id, title: drill.title, debriefOpen: drill.debriefOpen }).from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return err('drill.not_found');
	const s = db.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
	if (!s || s.kind !== 'theory') return err('drill.stage_not_found');
	const m = db.select({ teamId: teamMember.teamId }).from(teamMember).where(and(eq(teamMember.drillId, drillId), eq(teamMember.userId, userId))).get();
	if (!m) return err('drill.not_member');
	if (!s.quizId) return err('drill.no_quiz');
	return ok({ drill: d, stage: s, teamId: m.teamId });
}

/** The officer's page of a 理论考试 stage: whether it is open, their attempt (if any) and the quiz's size. */
export function theoryStageInfo(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()) {
	const r = theoryStageFor(db, userId, drillId, stageId);
	if (!r.ok) return r;
	const { stage, teamId } = r.value;
	sweepExpired(db, now);
	const q = getQuiz(db, stage.quizId!);
	const attempt = db
		.select({ id: quizAttempt.id, status: quizAttempt.status, endsAt: quizAttempt.endsAt, submittedAt: quizAttempt.submittedAt, submittedBy: quizAttempt.submittedBy })
		.from(quizAttempt)
		.where(and(eq(quizAttempt.userId, userId), eq(quizAttempt.context, theoryContext(drillId, stageId))))
		.get();
	const teamName = db.select({ name: team.name }).from(team).where(eq(team.id, teamId)).get()?.name ?? '';
	return ok({
		drillTitle: r.value.drill.title,
		stage: { id: stage.id, title: stage.title, status: stage.status, endsAt: teamStageEnd(db, stage, teamId, drillPausesOf(db, drillId), now) },
		teamName,
		quiz: q ? { title: q.title, timeLimitMinutes: q.timeLimitMinutes, questionCount: q.rules.reduce((n, x) => n + x.count, 0), maxScore: maxScoreOf(q.rules) } : null,
		attempt
	});
}

/**
 * Starts (or resumes) the officer's one attempt of the stage's quiz. Only while the stage is open; the
 * attempt ends at the quiz's time limit or the team's stage end, whichever comes first.
 */
export function startTheoryAttempt(db: Db, userId: number, drillId: number, stageId: number, now = Date.now()): Result<{ attemptId: number; resumed: boolean }, TheoryError> {
	const r = theoryStageFor(db, userId, drillId, stageId);
	if (!r.ok) return r;
	const { stage, teamId } = r.value;
	if (stage.status !== 'open') return err('drill.stage_not_open');
	const pauses = drillPausesOf(db, drillId);
	if (pauses.some((p) => p.to === null)) return err('drill.paused');
	const end = teamStageEnd(db, stage, teamId, pauses, now);
	if (end !== null && now >= end) return err('attempt.time_up');
	return startAttempt(db, userId, stage.quizId!, now, { context: theoryContext(drillId, stageId), endsAtCap: end, attemptsAllowed: 1, ignoreWindow: true });
}

/** Submits every open attempt of a theory stage (the trainer closed it or ended the drill). */
export function submitOpenTheoryAttempts(db: Db, drillId: number, stageIds: number[], now = Date.now()): number {
	if (stageIds.length === 0) return 0;
	const stages = db
		.select({ id: drillStage.id })
		.from(drillStage)
		.where(and(eq(drillStage.drillId, drillId), eq(drillStage.kind, 'theory'), inArray(drillStage.id, stageIds)))
		.orderBy(asc(drillStage.id))
		.all();
	let n = 0;
	for (const s of stages) {
		const open = db
			.select({ id: quizAttempt.id })
			.from(quizAttempt)
			.where(and(eq(quizAttempt.context, theoryContext(drillId, s.id)), eq(quizAttempt.status, 'open')))
			.all();
		for (const a of open) if (forceSubmit(db, a.id, 'trainer', now)) n++;
	}
	return n;
}

/** Whether an attempt belongs to a drill whose debrief is not open yet (its review stays hidden from the officer). */
export function isHiddenDrillAttempt(db: Db, context: string): boolean {
	const m = /^drill:(\d+):\d+$/.exec(context);
	if (!m) return false;
	const d = db.select({ debriefOpen: drill.debriefOpen }).from(drill).where(eq(drill.id, Number(m[1]))).get();
	return !d?.debriefOpen;
}
