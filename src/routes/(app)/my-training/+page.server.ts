import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, requiredId } from '$lib/server/forms';
import { enrollingSessions } from '$lib/server/training/sessions';
import { cancelEnrollment, myEnrollments, selfEnroll } from '$lib/server/training/enrollment';
import { errorText } from '$lib/i18n/zh';
// Courses vertical: 学时档案 with completed online course hours as their own line.
import { hoursRecord } from '$lib/server/course/hours';
import { chinaDate } from '$lib/server/training/attendance';

const enrollSchema = z.object({ sessionId: requiredId('培训期次') });
const cancelSchema = z.object({ enrollmentId: requiredId('报名记录') });

export const load: PageServerLoad = () => {
	const user = requireRole('learner');
	const db = getDb();
	const mine = myEnrollments(db, user.id);
	const active = new Map(mine.filter((e) => e.status !== 'cancelled').map((e) => [e.sessionId, e]));
	return {
		displayName: user.displayName,
		open: enrollingSessions(db).map((s) => {
			const e = active.get(s.id);
			return {
				id: s.id,
				title: s.title,
				startDate: s.startDate,
				endDate: s.endDate,
				venue: s.venue,
				audience: s.audience,
				plannedHours: s.plannedHours,
				seatsLeft: Math.max(0, s.capacity - s.enrolled),
				waiting: s.waiting,
				mine: e ? { enrollmentId: e.enrollmentId, status: e.status, waitingPlace: e.waitingPlace, canCancel: e.canCancel } : null
			};
		}),
		mine,
		// 学时档案 of this (China-time) year: 培训班 and 线上课程 hours as separate lines (src/lib/server/course/hours.ts).
		hours: hoursRecord(db, user.id, Number(chinaDate(Date.now()).slice(0, 4)))
	};
};

export const actions: Actions = {
	enroll: async ({ request }) => {
		const user = requireRole('learner');
		const parsed = parseForm(enrollSchema, await request.formData());
		if (!parsed.ok) return fail(400, { ok: null, error: Object.values(parsed.errors)[0] });
		const r = selfEnroll(getDb(), user.id, parsed.data.sessionId);
		if (!r.ok) return fail(409, { ok: null, error: errorText(r.error) });
		return {
			ok: r.value.status === 'enrolled' ? '报名成功' : `名额已满，您已进入候补名单第 ${r.value.waitingPlace} 位；有人取消报名时按顺序递补`,
			error: null
		};
	},

	cancel: async ({ request }) => {
		const user = requireRole('learner');
		const parsed = parseForm(cancelSchema, await request.formData());
		if (!parsed.ok) return fail(400, { ok: null, error: Object.values(parsed.errors)[0] });
		const r = cancelEnrollment(getDb(), user, parsed.data.enrollmentId);
		if (!r.ok) {
			// Someone else's enrolment (an id changed in the form) is refused as such, not as a conflict.
			const status = r.error.code === 'training.cancel_forbidden' ? 403 : r.error.code === 'training.enrollment_not_found' ? 404 : 409;
			return fail(status, { ok: null, error: errorText(r.error) });
		}
		return { ok: '已取消报名', error: null };
	}
};
