import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// Display data for the shell only. Layout loads do not guard pages: each page and action checks its own role.
export const load: LayoutServerLoad = () => {
	const user = requireUser();
	return { user: { displayName: user.displayName, username: user.username, roles: user.roles } };
};
