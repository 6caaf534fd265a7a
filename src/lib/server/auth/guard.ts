import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '$lib/domain/roles';
import type { SessionUser } from './session';

/** The signed-in user, or a redirect to the login page. Call in every protected load and action. */
export function requireUser(): SessionUser {
	const { locals, url } = getRequestEvent();
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** The signed-in user holding at least one of `roles`, or 403 with a Chinese message. */
export function requireRole(...roles: Role[]): SessionUser {
	const user = requireUser();
	if (!roles.some((r) => user.roles.includes(r))) error(403, '无权访问：您的账号没有使用此功能的角色');
	return user;
}

export function hasRole(user: SessionUser | null, role: Role): boolean {
	return !!user && user.roles.includes(role);
}
