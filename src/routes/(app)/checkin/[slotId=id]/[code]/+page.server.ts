import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { checkIn, checkinPreview } from '$lib/server/training/attendance';
import { errorText } from '$lib/i18n/zh';

/**
 * The page a learner's phone opens from the projector's QR code. Loading it writes nothing (link previews
 * and prefetches are GETs): it shows the slot and what the code says, and the check-in itself is the POST
 * of 「确认签到」 (sent at once by the page's script, or by the button without JavaScript).
 */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('learner');
	const preview = checkinPreview(getDb(), user.id, Number(params.slotId), params.code.slice(0, 64), Date.now());
	if (!preview) error(404, '未找到该签到时段，请重新扫描大屏上的二维码');
	const { slot, checkedInAt, verdict } = preview;
	// A code that is not one of ours says nothing about the session.
	const shown = verdict !== 'invalid' || checkedInAt !== null;
	return {
		slot: shown
			? { sessionTitle: slot.sessionTitle, venue: slot.venue, date: slot.date, startTime: slot.startTime, endTime: slot.endTime, hours: slot.hours }
			: null,
		checkedInAt,
		problem: checkedInAt !== null || verdict === 'ok' ? null : { code: `checkin.${verdict}`, message: errorText({ code: `checkin.${verdict}` }) }
	};
};

export const actions: Actions = {
	default: ({ params }) => {
		const user = requireRole('learner');
		const r = checkIn(getDb(), user.id, Number(params.slotId), params.code.slice(0, 64), Date.now());
		if (!r.ok) return fail(409, { done: null, code: r.error.code, message: errorText(r.error) });
		const v = r.value;
		return {
			done: { sessionTitle: v.sessionTitle, ...v.slot, checkedInAt: v.checkedInAt, already: v.already },
			code: null,
			message: null
		};
	}
};
