import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import type { Tx } from '../audit';
import { drill, drillJudge, drillStage, quiz, scenario, scenarioVersion, team, teamExtension, teamMember, user, userRole } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { DEFAULT_SCORING, type StageKind } from '../../domain/drill/types';
import { DEFAULT_CONDUCT_RUBRIC } from '../../domain/drill/rubric';
import { isJudgedKind } from './judging';
import { submitOpenTheoryAttempts } from './theory';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export interface StageInput {
	kind: StageKind;
	title: string;
	weight: number;
	durationMinutes: number;
	/** 理论考试 only: the published quiz every officer takes, and how the team's score is reported. */
	quizId?: number | null;
	theoryMode?: 'team' | 'officer';
}

export interface DrillInput {
	title: string;
	organizer: string;
	venue: string;
	startDate: string;
	endDate: string;
	scenarioVersionId: number;
	stages: StageInput[];
	teams: { name: string; unitId: number | null; memberIds: number[] }[];
	judgeIds: number[];
}

/** The stage kinds this build can run (all of them). */
export const RUNNABLE_STAGE_KINDS: readonly StageKind[] = ['theory', 'hazard', 'procedure', 'document', 'conduct'];

/** Stage kinds in which teams fill in an answer sheet (the others are judged, or have their own pages). */
export const SHEET_STAGE_KINDS: readonly StageKind[] = ['hazard', 'procedure', 'document'];

/** The secret part of a drill's public scoreboard link: 24 random characters, unguessable. */
export function newPublicToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

export function publishedVersions(db: Db) {
	return db
		.select({ id: scenarioVersion.id, number: scenarioVersion.number, scenarioId: scenario.id, title: scenario.title })
		.from(scenarioVersion)
		.innerJoin(scenario, eq(scenario.id, scenarioVersion.scenarioId))
		.orderBy(asc(scenario.title), desc(scenarioVersion.number))
		.all();
}

export function usersWithRole(db: Tx, role: 'officer' | 'judge') {
	return db
		.select({ id: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId })
		.from(user)
		.innerJoin(userRole, and(eq(userRole.userId, user.id), eq(userRole.role, role)))
		.where(eq(user.isDisabled, false))
		.orderBy(asc(user.username))
		.all();
}

/** Creates a drill with its stages, teams and judges in one transaction, after checking every reference. */
export function createDrill(db: Db, actorId: number, input: DrillInput): Result<{ id: number }, string> {
	if (input.stages.length === 0) return err('drill.no_stages');
	if (input.stages.reduce((s, x) => s + x.weight, 0) !== 100) return err('drill.weights_not_100');
	if (input.teams.length === 0) return err('drill.no_teams');
	const members = input.teams.flatMap((t) => t.memberIds);
	if (new Set(members).size !== members.length) return err('drill.member_twice');
	if (new Set(input.teams.map((t) => t.name)).size !== input.teams.length) return err('drill.team_name_twice');
	return db.transaction((tx) => {
		if (!tx.select({ id: scenarioVersion.id }).from(scenarioVersion).where(eq(scenarioVersion.id, input.scenarioVersionId)).get())
			return err('drill.version_not_found');
		for (const s of input.stages) {
			if (s.kind !== 'theory') continue;
			const q = s.quizId ? tx.select({ status: quiz.status }).from(quiz).where(eq(quiz.id, s.quizId)).get() : undefined;
			if (!q || q.status !== 'published') return err('drill.theory_quiz');
		}
		const officers = new Set(usersWithRole(tx, 'officer').map((u) => u.id));
		if (members.some((m) => !officers.has(m))) return err('drill.member_not_officer');
		const judges = new Set(usersWithRole(tx, 'judge').map((u) => u.id));
		if (input.judgeIds.some((j) => !judges.has(j))) return err('drill.judge_not_judge');
		const row = tx
			.insert(drill)
			.values({
				title: input.title,
				organizer: input.organizer,
				venue: input.venue,
				startDate: input.startDate,
				endDate: input.endDate,
				scenarioVersionId: input.scenarioVersionId,
				settings: DEFAULT_SCORING,
				publicToken: newPublicToken(),
				createdBy: actorId
			})
			.returning({ id: drill.id })
			.get();
		input.stages.forEach((s, i) =>
			tx
				.insert(drillStage)
				.values({ drillId: row.id, position: i, ...s, quizId: s.kind === 'theory' ? (s.quizId ?? null) : null, theoryMode: s.theoryMode ?? 'team', rubric: isJudgedKind(s.kind) ? [...DEFAULT_CONDUCT_RUBRIC] : null })
				.run()
		);
		for (const t of input.teams) {
			const tr = tx.insert(team).values({ drillId: row.id, name: t.name, unitId: t.unitId }).returning({ id: team.id }).get();
			for (const m of t.memberIds) tx.insert(teamMember).values({ drillId: row.id, teamId: tr.id, userId: m }).run();
		}
		input.judgeIds.forEach((j, i) => tx.insert(drillJudge).values({ drillId: row.id, userId: j, isChief: i === 0 }).run());
		recordAudit(tx, { actorId, action: 'drill.create', entity: 'drill', entityId: row.id, after: input });
		return ok({ id: row.id });
	});
}

export function listDrills(db: Db) {
	return db.select().from(drill).orderBy(desc(drill.id)).all();
}

export function getDrill(db: Db, drillId: number) {
	const d = db.select().from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	const stages = db.select().from(drillStage).where(eq(drillStage.drillId, drillId)).orderBy(asc(drillStage.position)).all();
	const teams = db.select().from(team).where(eq(team.drillId, drillId)).orderBy(asc(team.id)).all();
	const members = teams.length
		? db
				.select({ teamId: teamMember.teamId, userId: user.id, displayName: user.displayName, username: user.username })
				.from(teamMember)
				.innerJoin(user, eq(user.id, teamMember.userId))
				.where(inArray(teamMember.teamId, teams.map((t) => t.id)))
				.orderBy(asc(user.id))
				.all()
		: [];
	const judges = db
		.select({ userId: user.id, displayName: user.displayName, isChief: drillJudge.isChief })
		.from(drillJudge)
		.innerJoin(user, eq(user.id, drillJudge.userId))
		.where(eq(drillJudge.drillId, drillId))
		.all();
	return { drill: d, stages, teams: teams.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id) })), judges };
}

/** Opens a stage now: the server sets its end from the duration, and the drill is running. */
export function openStage(db: Db, actorId: number, drillId: number, stageId: number, now = Date.now()): Result<{ endsAt: number }, string> {
	return db.transaction((tx) => {
		const s = tx.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
		if (!s) return err('drill.stage_not_found');
		if (s.status !== 'pending') return err('drill.stage_not_pending');
		if (!RUNNABLE_STAGE_KINDS.includes(s.kind)) return err('drill.stage_kind_unavailable');
		if (s.kind === 'theory' && !s.quizId) return err('drill.theory_quiz');
		const endsAt = now + s.durationMinutes * 60_000;
		tx.update(drillStage).set({ status: 'open', opensAt: now, endsAt }).where(eq(drillStage.id, stageId)).run();
		tx.update(drill).set({ status: 'running' }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.stage_open', entity: 'drill', entityId: drillId, after: { stageId, opensAt: now, endsAt }, at: now });
		return ok({ endsAt });
	});
}

export function closeStage(db: Db, actorId: number, drillId: number, stageId: number, now = Date.now()): Result<null, string> {
	const r = closeStageRow(db, actorId, drillId, stageId, now);
	// 理论考试: officers still answering are submitted with what they saved.
	if (r.ok) submitOpenTheoryAttempts(db, drillId, [stageId], now);
	return r;
}

function closeStageRow(db: Db, actorId: number, drillId: number, stageId: number, now: number): Result<null, string> {
	return db.transaction((tx) => {
		const s = tx.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
		if (!s) return err('drill.stage_not_found');
		if (s.status !== 'open') return err('drill.stage_not_open');
		tx.update(drillStage).set({ status: 'closed', closedAt: now }).where(eq(drillStage.id, stageId)).run();
		recordAudit(tx, { actorId, action: 'drill.stage_close', entity: 'drill', entityId: drillId, before: { status: 'open' }, after: { stageId, closedAt: now }, at: now });
		return ok(null);
	});
}

/** 结束比武: closes every open stage at once and marks the drill ended (the debrief opens separately). */
export function endDrill(db: Db, actorId: number, drillId: number, now = Date.now()): Result<{ closedStages: number }, string> {
	const openIds = db.select({ id: drillStage.id }).from(drillStage).where(and(eq(drillStage.drillId, drillId), eq(drillStage.status, 'open'))).all().map((s) => s.id);
	const r = endDrillRow(db, actorId, drillId, now);
	if (r.ok) submitOpenTheoryAttempts(db, drillId, openIds, now);
	return r;
}

function endDrillRow(db: Db, actorId: number, drillId: number, now: number): Result<{ closedStages: number }, string> {
	return db.transaction((tx) => {
		const d = tx.select().from(drill).where(eq(drill.id, drillId)).get();
		if (!d) return err('drill.not_found');
		if (d.status === 'ended') return err('drill.already_ended');
		const open = tx.select({ id: drillStage.id }).from(drillStage).where(and(eq(drillStage.drillId, drillId), eq(drillStage.status, 'open'))).all();
		tx.update(drillStage).set({ status: 'closed', closedAt: now }).where(and(eq(drillStage.drillId, drillId), eq(drillStage.status, 'open'))).run();
		tx.update(drill).set({ status: 'ended' }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.end', entity: 'drill', entityId: drillId, before: { status: d.status }, after: { status: 'ended', closedStages: open.map((s) => s.id) }, at: now });
		return ok({ closedStages: open.length });
	});
}

export function extendTeam(db: Db, actorId: number, drillId: number, teamId: number, stageId: number, minutes: number, reason: string, now = Date.now()): Result<null, string> {
	return db.transaction((tx) => {
		const t = tx.select().from(team).where(and(eq(team.id, teamId), eq(team.drillId, drillId))).get();
		const s = tx.select().from(drillStage).where(and(eq(drillStage.id, stageId), eq(drillStage.drillId, drillId))).get();
		if (!t || !s) return err('drill.stage_not_found');
		tx.insert(teamExtension).values({ teamId, stageId, ms: minutes * 60_000, reason, createdBy: actorId, createdAt: now }).run();
		recordAudit(tx, { actorId, action: 'drill.extend', entity: 'drill', entityId: drillId, after: { teamId, stageId, minutes }, reason, at: now });
		return ok(null);
	});
}

export function setDebriefOpen(db: Db, actorId: number, drillId: number, open: boolean, now = Date.now()): Result<null, string> {
	return db.transaction((tx) => {
		const d = tx.select().from(drill).where(eq(drill.id, drillId)).get();
		if (!d) return err('drill.not_found');
		// The debrief shows every score: opening it is also the reveal, so no read path keeps a freeze it can no longer keep.
		const revealedAt = open && d.revealedAt === null ? now : d.revealedAt;
		tx.update(drill).set({ debriefOpen: open, status: open ? 'ended' : d.status, revealedAt }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: open ? 'drill.debrief_open' : 'drill.debrief_close', entity: 'drill', entityId: drillId, before: { debriefOpen: d.debriefOpen, revealedAt: d.revealedAt }, after: { debriefOpen: open, revealedAt }, at: now });
		return ok(null);
	});
}

/** The team of an officer in a drill, or null: every officer read and write starts here. */
export function teamOf(db: Db, drillId: number, userId: number) {
	return (
		db
			.select({ id: team.id, name: team.name })
			.from(teamMember)
			.innerJoin(team, eq(team.id, teamMember.teamId))
			.where(and(eq(teamMember.drillId, drillId), eq(teamMember.userId, userId)))
			.get() ?? null
	);
}

export function drillsOfOfficer(db: Db, userId: number) {
	return db
		.select({ drillId: drill.id, title: drill.title, venue: drill.venue, startDate: drill.startDate, status: drill.status, debriefOpen: drill.debriefOpen, teamName: team.name })
		.from(teamMember)
		.innerJoin(drill, eq(drill.id, teamMember.drillId))
		.innerJoin(team, eq(team.id, teamMember.teamId))
		.where(eq(teamMember.userId, userId))
		.orderBy(desc(drill.id))
		.all();
}

export function drillsOfJudge(db: Db, userId: number) {
	return db
		.select({ drillId: drill.id, title: drill.title, startDate: drill.startDate, status: drill.status, isChief: drillJudge.isChief })
		.from(drillJudge)
		.innerJoin(drill, eq(drill.id, drillJudge.drillId))
		.where(eq(drillJudge.userId, userId))
		.orderBy(desc(drill.id))
		.all();
}

/**
 * Which scoreboard a user may watch: trainers, admins and the drill's judges the live one; the drill's
 * officers the public one (published stages, frozen during a freeze); anyone else none.
 */
export function boardViewFor(db: Db, user: { id: number; roles: readonly string[] }, drillId: number): 'live' | 'public' | null {
	if (user.roles.includes('trainer') || user.roles.includes('admin')) return 'live';
	if (user.roles.includes('judge') && db.select({ id: drillJudge.userId }).from(drillJudge).where(and(eq(drillJudge.drillId, drillId), eq(drillJudge.userId, user.id))).get())
		return 'live';
	if (user.roles.includes('officer') && teamOf(db, drillId, user.id)) return 'public';
	return null;
}
