import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { reviewView } from '$lib/server/quiz/attempts';
import { isHiddenDrillAttempt } from '$lib/server/drill/theory';
import { renderMarkdown } from '$lib/server/markdown';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = ({ params }) => {
	const user = requireUser();
	const db = getDb();
	const isStaff = user.roles.includes('trainer') || user.roles.includes('admin');
	const attemptId = Number(params.attemptId);
	// A drill's 理论考试 stays closed to officers until the debrief opens (answers are part of the key).
	const probe = reviewView(db, { id: user.id, isStaff }, attemptId, () => '', Date.now(), false);
	if (!probe.ok) error(404, errorText(probe.error));
	const hidden = !isStaff && isHiddenDrillAttempt(db, probe.value.context);
	const r = reviewView(db, { id: user.id, isStaff }, attemptId, (md) => renderMarkdown(md), Date.now(), hidden);
	if (!r.ok) error(404, errorText(r.error));
	return { review: r.value, hiddenUntilDebrief: hidden };
};
