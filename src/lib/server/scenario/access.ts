import type { SessionUser } from '../auth/session';

/**
 * Who may see a scenario's draft, key and pictures. Trainers and admins author scenarios; drills (a later
 * issue) extend this to the judges and teams of a drill running on one of its versions.
 */
export function canAuthorScenarios(user: SessionUser): boolean {
	return user.roles.includes('trainer') || user.roles.includes('admin');
}
