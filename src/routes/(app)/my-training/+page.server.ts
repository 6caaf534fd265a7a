import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';

export const load: PageServerLoad = () => {
	const user = requireRole('learner');
	return { displayName: user.displayName };
};
