import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getLesson } from '$lib/server/course/courses';
import { lessonView, markLessonRead } from '$lib/server/course/progress';
import { renderMarkdown } from '$lib/server/markdown';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('learner', 'trainer', 'admin');
	const view = lessonView(getDb(), user, Number(params.courseId), Number(params.lessonId));
	if (!view) error(404, '未找到该课时，或该课程未向您开放');
	return { ...view, bodyHtml: view.lesson.body.trim() ? renderMarkdown(view.lesson.body) : '' };
};

export const actions: Actions = {
	/** 标记为已学: only learners the course is open to (markLessonRead checks the course and the category). */
	read: ({ params }) => {
		const user = requireRole('learner');
		const db = getDb();
		const courseId = Number(params.courseId);
		const lessonId = Number(params.lessonId);
		if (!getLesson(db, courseId, lessonId)) error(404, '未找到该课时');
		const r = markLessonRead(db, user.id, lessonId);
		if (!r.ok) return fail(409, { error: errorText(r.error), completed: null });
		const c = r.value.completion;
		return { error: null, completed: c.created ? { certificateNumber: c.certificateNumber } : null };
	}
};
