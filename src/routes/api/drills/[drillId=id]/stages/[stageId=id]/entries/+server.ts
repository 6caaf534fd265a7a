import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { officerSheet } from '$lib/server/drill/sheets';
import { answerSave, refusal, SAVE_ROLE, type JsonAnswer } from '$lib/server/drill/save-endpoint';

/**
 * Autosave of an officer's answer sheet, one entry at a time, and the team's entries for polling.
 * Membership is checked by officerSheet/saveEntry (the officer's own team only). The save's rules live in
 * save-endpoint.ts: in the built app, the custom server's fast path (src/server/fast-save.ts) answers most
 * saves with them before SvelteKit, and this POST answers the rest (and every save in dev and in tests).
 */

const reply = ({ status, body }: JsonAnswer) => json(body, { status });

export const GET: RequestHandler = ({ params }) => {
	const user = requireRole('officer');
	const r = officerSheet(getDb(), user.id, Number(params.drillId), Number(params.stageId));
	if (!r.ok) return reply(refusal(r.error.code));
	const { stage, submittedAt, entries } = r.value;
	return json({ stage: { status: stage.status, endsAt: stage.endsAt, serverNow: stage.serverNow, isPaused: stage.isPaused }, submittedAt, entries });
};

export const POST: RequestHandler = async ({ params, request }) => {
	const user = requireRole(SAVE_ROLE);
	return reply(answerSave(getDb(), user.id, Number(params.drillId), Number(params.stageId), await request.text()));
};
