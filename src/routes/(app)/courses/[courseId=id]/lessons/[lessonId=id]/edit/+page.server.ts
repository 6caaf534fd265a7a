import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { courseLessons, getCourse, getLesson, MAX_LESSON_BODY, updateLesson } from '$lib/server/course/courses';
import { renderMarkdown } from '$lib/server/markdown';
import { errorText } from '$lib/i18n/zh';
import { lessonSchema } from '../../../../schema';

/** The lesson editor; the preview is the saved body rendered and sanitized on the server, as learners will see it. */
export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const courseId = Number(params.courseId);
	const c = getCourse(db, courseId);
	const l = c && getLesson(db, courseId, Number(params.lessonId));
	if (!c || !l) error(404, '未找到该课时');
	const lessons = courseLessons(db, courseId);
	const i = lessons.findIndex((x) => x.id === l.id);
	return {
		course: { id: c.id, title: c.title },
		lesson: { id: l.id, title: l.title, body: l.body },
		position: i + 1,
		total: lessons.length,
		prevId: lessons[i - 1]?.id ?? null,
		nextId: lessons[i + 1]?.id ?? null,
		previewHtml: l.body.trim() ? renderMarkdown(l.body) : '',
		maxBody: MAX_LESSON_BODY
	};
};

type Echo = { title: string; body: string };

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		// The whole body goes back on a refusal (parseForm's echo is cut at 500 characters): nothing typed is lost.
		const echo: Echo = { title: String(formData.get('title') ?? '').slice(0, 200), body: String(formData.get('body') ?? '') };
		const input = parseForm(lessonSchema, formData);
		if (!input.ok) return fail(400, { ok: null, error: '请按提示修改后再保存', values: echo as Echo | null, errors: input.errors });
		const r = updateLesson(getDb(), user.id, Number(params.courseId), Number(params.lessonId), input.data);
		if (!r.ok) return fail(409, { ok: null, error: errorText(r.error), values: echo as Echo | null, errors: {} as Record<string, string> });
		return { ok: '已保存，下方预览已更新', error: null, values: null as Echo | null, errors: {} as Record<string, string> };
	}
};
