import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { createDrill, publishedVersions, usersWithRole } from '$lib/server/drill/drills';
import { errorText } from '$lib/i18n/zh';
import { listQuizzes } from '$lib/server/quiz/quizzes';
import { echoDrillForm, fieldOfError, MAX_TEAMS, parseDrillForm, STAGE_ROWS } from './schema';

const person = (u: { id: number; username: string; displayName: string }) => ({ id: u.id, username: u.username, displayName: u.displayName });

export const load: PageServerLoad = () => {
	requireRole('trainer', 'admin');
	const db = getDb();
	return {
		versions: publishedVersions(db).map((v) => ({ value: v.id, label: `${v.title} v${v.number}` })),
		officers: usersWithRole(db, 'officer').map(person),
		judges: usersWithRole(db, 'judge').map(person),
		stageRows: STAGE_ROWS,
		quizzes: listQuizzes(db, { published: true, pageSize: 200 }).rows.map((q) => ({ value: q.id, label: `${q.title}（${q.questions} 题）` })),
		maxTeams: MAX_TEAMS
	};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseDrillForm(formData);
		if (!input.ok) return fail(400, { values: input.values, errors: input.errors, message: null });
		const r = createDrill(getDb(), user.id, input.data);
		if (!r.ok) {
			const message = errorText(r.error);
			return fail(409, { values: echoDrillForm(formData), errors: { [fieldOfError(r.error.code)]: message } as Record<string, string>, message });
		}
		redirect(303, `/drills/${r.value.id}`);
	}
};
