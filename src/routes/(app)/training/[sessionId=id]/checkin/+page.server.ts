import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getSession } from '$lib/server/training/sessions';
import { chinaDate, checkinWindow, defaultSlot, projectorState } from '$lib/server/training/attendance';

/** The projector page of a session: a slot (?slot=, else the one open now or next today) and its rotating QR code. */
export const load: PageServerLoad = async ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const found = getSession(db, Number(params.sessionId));
	if (!found) error(404, '未找到该期培训');
	const now = Date.now();
	const requested = Number(url.searchParams.get('slot'));
	const slot = found.slots.find((s) => s.id === requested) ?? defaultSlot(found.slots, now);
	const state = slot ? await projectorState(db, found.session.id, slot.id, url.origin, now) : null;
	return {
		session: { id: found.session.id, title: found.session.title, status: found.session.status, venue: found.session.venue },
		enrolled: found.enrolled,
		today: chinaDate(now),
		slots: found.slots.map((s) => ({ id: s.id, date: s.date, startTime: s.startTime, endTime: s.endTime, hours: s.hours, ...checkinWindow(s) })),
		slotId: slot?.id ?? null,
		state
	};
};
