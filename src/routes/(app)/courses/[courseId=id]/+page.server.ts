import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { courseView } from '$lib/server/course/progress';
import { renderMarkdown } from '$lib/server/markdown';
import { chinaDate } from '$lib/server/training/attendance';

/** The course page: learners the course is open to (or who completed it), and trainers/admins as a preview. */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('learner', 'trainer', 'admin');
	const view = courseView(getDb(), user, Number(params.courseId));
	// Not found and not open to this learner look the same: a draft's existence is nobody else's business.
	if (!view) error(404, '未找到该课程，或该课程未向您开放');
	const p = view.progress;
	return {
		...view,
		summaryHtml: view.course.summary.trim() ? renderMarkdown(view.course.summary) : '',
		completedDate: p.completedAt === null ? null : chinaDate(p.completedAt)
	};
};
