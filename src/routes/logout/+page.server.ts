import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';

// Logging out changes state, so it is a POST; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies, url }) => {
		if (locals.session) invalidateSession(getDb(), locals.session.id);
		deleteSessionTokenCookie(cookies, url.protocol === 'https:');
		redirect(303, '/login');
	}
};
