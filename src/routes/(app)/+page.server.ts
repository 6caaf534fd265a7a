import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { homeFor } from '$lib/domain/roles';

export const load: PageServerLoad = () => {
	redirect(303, homeFor(requireUser().roles));
};
