import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm } from '$lib/server/forms';
import { createCourse } from '$lib/server/course/courses';
import { MAX_COURSE_HOURS } from '$lib/domain/course/progress';
import { errorText } from '$lib/i18n/zh';
import { courseSchema } from '../schema';

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	return { maxHours: MAX_COURSE_HOURS };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(courseSchema, formData);
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors, message: null });
		const r = createCourse(getDb(), user.id, input.data);
		if (!r.ok) {
			const message = errorText(r.error);
			const field = r.error.code === 'course.hours' ? 'hours' : 'title';
			return fail(409, { values: echoValues(formData), errors: { [field]: message } as Record<string, string>, message });
		}
		redirect(303, `/courses/${r.value.id}/edit?created=1`);
	}
};
