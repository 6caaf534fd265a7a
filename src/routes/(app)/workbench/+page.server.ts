import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { listScenarios } from '$lib/server/scenario/scenarios';
import { listDrills } from '$lib/server/drill/drills';

export const load: PageServerLoad = () => {
	const user = requireRole('trainer');
	const db = getDb();
	const scenarios = listScenarios(db);
	const drills = listDrills(db);
	return {
		displayName: user.displayName,
		scenarios: { total: scenarios.length, drafts: scenarios.filter((s) => s.latestVersion === 0).length, recent: scenarios.slice(0, 5) },
		drills: drills.slice(0, 5).map((d) => ({ id: d.id, title: d.title, startDate: d.startDate, status: d.status, debriefOpen: d.debriefOpen }))
	};
};
