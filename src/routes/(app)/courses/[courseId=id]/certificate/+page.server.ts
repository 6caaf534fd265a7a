import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { courseCertificate } from '$lib/server/course/progress';
import { errorText } from '$lib/i18n/zh';

/**
 * 课程结业证明 as a printable A4 page: one's own, or (trainers and admins, from the course's 结业记录)
 * anyone's with `?user=<id>`. The use-case refuses a learner someone else's certificate.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const user = requireRole('learner', 'trainer', 'admin');
	const raw = url.searchParams.get('user');
	if (raw !== null && !/^[1-9]\d{0,8}$/.test(raw)) error(404, '未找到该结业证明');
	const holderId = raw === null ? user.id : Number(raw);
	const r = courseCertificate(getDb(), user, Number(params.courseId), holderId);
	if (!r.ok) error(r.error.code === 'course.forbidden' ? 403 : 404, errorText(r.error));
	return { courseId: Number(params.courseId), certificate: r.value, isOwn: holderId === user.id };
};
