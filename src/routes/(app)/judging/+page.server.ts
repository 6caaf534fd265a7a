import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { drillsOfJudge } from '$lib/server/drill/drills';

export const load: PageServerLoad = () => {
	const user = requireRole('judge');
	return { displayName: user.displayName, drills: drillsOfJudge(getDb(), user.id) };
};
