import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { drill, drillJudge, scenarioVersion, teamMember } from '../db/schema';

/** Trainers and admins author scenarios and see their drafts, keys and pictures. */
export function canAuthorScenarios(user: SessionUser): boolean {
	return user.roles.includes('trainer') || user.roles.includes('admin');
}

/**
 * Pictures of a scenario are also shown to the teams and judges of drills that run on one of its
 * versions (an area plan says nothing of the key; the officer view decides what is shown around it).
 */
export function canViewScenarioImage(db: Db, user: SessionUser, scenarioId: number): boolean {
	if (canAuthorScenarios(user)) return true;
	const asMember = db
		.select({ id: drill.id })
		.from(teamMember)
		.innerJoin(drill, eq(drill.id, teamMember.drillId))
		.innerJoin(scenarioVersion, eq(scenarioVersion.id, drill.scenarioVersionId))
		.where(and(eq(teamMember.userId, user.id), eq(scenarioVersion.scenarioId, scenarioId)))
		.get();
	if (asMember) return true;
	return !!db
		.select({ id: drill.id })
		.from(drillJudge)
		.innerJoin(drill, eq(drill.id, drillJudge.drillId))
		.innerJoin(scenarioVersion, eq(scenarioVersion.id, drill.scenarioVersionId))
		.where(and(eq(drillJudge.userId, user.id), eq(scenarioVersion.scenarioId, scenarioId)))
		.get();
}
