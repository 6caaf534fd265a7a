/** Roles a user may hold; one person may hold several (DESIGN.md "Users"). */
export const ROLES = ['admin', 'trainer', 'judge', 'officer', 'learner'] as const;
export type Role = (typeof ROLES)[number];

/** Order in which a multi-role user's home page is chosen after login. */
const HOME_PRIORITY: readonly Role[] = ['admin', 'trainer', 'judge', 'officer', 'learner'];

export const ROLE_HOME = {
	admin: '/admin',
	trainer: '/workbench',
	judge: '/judging',
	officer: '/my-drills',
	learner: '/my-training'
} as const satisfies Record<Role, string>;

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The page a user lands on after login: the home of their highest-priority role. */
export function homeFor(roles: readonly Role[]): string {
	for (const role of HOME_PRIORITY) if (roles.includes(role)) return ROLE_HOME[role];
	return '/account';
}

/** Staff categories of enterprise learners (《生产经营单位安全培训规定》 distinguishes these groups). */
export const STAFF_CATEGORIES = ['principal', 'safety_manager', 'special_operator', 'other'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];

/** Industry sectors of 工贸 enterprises. */
export const SECTORS = [
	'metallurgy',
	'nonferrous',
	'building_materials',
	'machinery',
	'light_industry',
	'textile',
	'tobacco',
	'commerce'
] as const;
export type Sector = (typeof SECTORS)[number];
