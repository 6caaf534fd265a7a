import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { canManageCourses, COURSE_STATUSES, listCourses } from '$lib/server/course/courses';
import { myCourses } from '$lib/server/course/progress';

const PAGE_SIZE = 20;

// Search parameters are user input: anything unknown falls back to no filter instead of a 500.
const filterSchema = z.object({
	status: z.enum(COURSE_STATUSES).nullable().catch(null),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

/** Trainers and admins: every course to manage. Learners: 我的课程 with progress. Someone with both roles gets both. */
export const load: PageServerLoad = ({ url }) => {
	const user = requireRole('learner', 'trainer', 'admin');
	const db = getDb();
	const filter = filterSchema.parse({ status: url.searchParams.get('status') || null, page: url.searchParams.get('page') ?? 1 });
	const manage = canManageCourses(user.roles);
	return {
		filter,
		managed: manage ? listCourses(db, user, { ...filter, pageSize: PAGE_SIZE }) : null,
		mine: user.roles.includes('learner') ? myCourses(db, user.id) : null
	};
};
