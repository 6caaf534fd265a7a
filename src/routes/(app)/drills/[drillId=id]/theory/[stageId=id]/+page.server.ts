import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { startTheoryAttempt, theoryStageInfo } from '$lib/server/drill/theory';
import { errorText } from '$lib/i18n/zh';

const NOT_FOUND = new Set(['drill.not_found', 'drill.stage_not_found']);

export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer');
	const r = theoryStageInfo(getDb(), user.id, Number(params.drillId), Number(params.stageId));
	if (!r.ok) error(NOT_FOUND.has(r.error.code) ? 404 : 403, errorText(r.error));
	return { ...r.value, drillId: Number(params.drillId), serverNow: Date.now() };
};

export const actions: Actions = {
	start: async ({ params }) => {
		const user = requireRole('officer');
		const r = startTheoryAttempt(getDb(), user.id, Number(params.drillId), Number(params.stageId));
		// Refused like the page: 404 for a drill or stage that is not there, 403 for another team's drill.
		if (!r.ok) return fail(NOT_FOUND.has(r.error.code) ? 404 : r.error.code === 'drill.not_member' ? 403 : 409, { message: errorText(r.error) });
		redirect(303, `/quiz/attempt/${r.value.attemptId}`);
	}
};
