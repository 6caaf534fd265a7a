import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { listDrills } from '$lib/server/drill/drills';
import { teamCounts } from '$lib/server/drill/progress';

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const counts = teamCounts(db);
	return {
		drills: listDrills(db).map((d) => ({
			id: d.id,
			title: d.title,
			organizer: d.organizer,
			venue: d.venue,
			startDate: d.startDate,
			endDate: d.endDate,
			status: d.status,
			teams: counts.get(d.id) ?? 0
		}))
	};
};
