import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm } from '$lib/server/forms';
import {
	attachQuiz,
	courseCompletions,
	courseForEditor,
	createLesson,
	deleteCourse,
	deleteLesson,
	detachQuiz,
	moveLesson,
	moveQuiz,
	quizChoices,
	setCourseStatus,
	updateCourse
} from '$lib/server/course/courses';
import { chinaDate } from '$lib/server/training/attendance';
import { MAX_COURSE_HOURS } from '$lib/domain/course/progress';
import { errorText } from '$lib/i18n/zh';
import { courseEditSchema, lessonIdSchema, moveSchema, newLessonSchema, quizIdSchema, statusSchema } from '../../schema';

/** Every action answers with one line of success or refusal; the course form also gets its values and field errors back. */
interface Outcome {
	ok: string | null;
	error: string | null;
	values: Record<string, string> | null;
	errors: Record<string, string>;
}
const done = (ok: string): Outcome => ({ ok, error: null, values: null, errors: {} });
const refused = (status: number, message: string, more: Partial<Outcome> = {}) => fail(status, { ok: null, error: message, values: null, errors: {}, ...more } satisfies Outcome);

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const courseId = Number(params.courseId);
	const found = courseForEditor(db, courseId);
	if (!found) error(404, '未找到该课程');
	const attached = new Set(found.quizzes.map((q) => q.id));
	const completions = courseCompletions(db, courseId, pageSchema.parse(url.searchParams.get('page') ?? 1));
	return {
		...found,
		quizChoices: quizChoices(db).filter((q) => !attached.has(q.id)),
		completions: { ...completions, rows: completions.rows.map((r) => ({ ...r, completedDate: chinaDate(r.completedAt) })) },
		created: url.searchParams.has('created'),
		maxHours: MAX_COURSE_HOURS
	};
};

/** Role check, then the parsed form for an action of this course. */
async function formOf<S extends z.ZodObject>(event: RequestEvent, schema: S) {
	const user = requireRole('trainer', 'admin');
	const formData = await event.request.formData();
	return { user, formData, courseId: Number(event.params.courseId), input: parseForm(schema, formData) };
}

const firstError = (errors: Record<string, string>) => Object.values(errors)[0] ?? '表单内容有误';

export const actions: Actions = {
	save: async (event) => {
		const { user, formData, courseId, input } = await formOf(event, courseEditSchema);
		if (!input.ok) return refused(400, '请按提示修改后再保存', { values: input.values, errors: input.errors });
		const r = updateCourse(getDb(), user.id, courseId, input.data);
		if (!r.ok) {
			const field = r.error.code === 'course.hours' ? 'hours' : r.error.code === 'course.no_lessons' ? 'status' : 'title';
			return refused(409, errorText(r.error), { values: echoValues(formData), errors: { [field]: errorText(r.error) } });
		}
		return done(input.data.status === 'published' ? '已保存，课程已发布' : '已保存');
	},

	status: async (event) => {
		const { user, courseId, input } = await formOf(event, statusSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = setCourseStatus(getDb(), user.id, courseId, input.data.status);
		if (!r.ok) return refused(409, errorText(r.error));
		return done(input.data.status === 'published' ? '课程已发布，学员现在可以学习' : '课程已下架，学员不再看到它；已完成的学时和证书保留');
	},

	delete: async (event) => {
		const { user, courseId } = await formOf(event, z.object({}));
		const r = deleteCourse(getDb(), user.id, courseId);
		if (!r.ok) return refused(409, errorText(r.error));
		redirect(303, '/courses');
	},

	addLesson: async (event) => {
		const { user, courseId, input } = await formOf(event, newLessonSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = createLesson(getDb(), user.id, courseId, { title: input.data.title, body: '' });
		if (!r.ok) return refused(409, errorText(r.error));
		redirect(303, `/courses/${courseId}/lessons/${r.value.id}/edit`);
	},

	moveLesson: async (event) => {
		const { user, courseId, input } = await formOf(event, moveSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = moveLesson(getDb(), user.id, courseId, input.data.id, input.data.direction);
		if (!r.ok) return refused(409, errorText(r.error));
		return done(r.value.moved ? '课时顺序已调整' : '已在最前或最后，顺序未变');
	},

	deleteLesson: async (event) => {
		const { user, courseId, input } = await formOf(event, lessonIdSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = deleteLesson(getDb(), user.id, courseId, input.data.lessonId);
		if (!r.ok) return refused(409, errorText(r.error));
		return done('课时已删除');
	},

	attachQuiz: async (event) => {
		const { user, courseId, input } = await formOf(event, quizIdSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = attachQuiz(getDb(), user.id, courseId, input.data.quizId);
		if (!r.ok) return refused(409, errorText(r.error));
		return done('测验已添加到课程');
	},

	detachQuiz: async (event) => {
		const { user, courseId, input } = await formOf(event, quizIdSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = detachQuiz(getDb(), user.id, courseId, input.data.quizId);
		if (!r.ok) return refused(409, errorText(r.error));
		return done('测验已从课程移除（测验本身和作答记录保留）');
	},

	moveQuiz: async (event) => {
		const { user, courseId, input } = await formOf(event, moveSchema);
		if (!input.ok) return refused(400, firstError(input.errors));
		const r = moveQuiz(getDb(), user.id, courseId, input.data.id, input.data.direction);
		if (!r.ok) return refused(409, errorText(r.error));
		return done(r.value.moved ? '测验顺序已调整' : '已在最前或最后，顺序未变');
	}
};
