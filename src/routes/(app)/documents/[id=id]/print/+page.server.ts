import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getPractice } from '$lib/server/document/practice';
import { errorText } from '$lib/i18n/zh';

/** The print view of one practice document (A4, as saved). */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer', 'trainer', 'admin');
	const doc = getPractice(getDb(), user.id, Number(params.id));
	if (!doc) error(404, errorText({ code: 'document.not_found' }));
	return { doc: { id: doc.id, type: doc.type, values: doc.values, updatedAt: doc.updatedAt } };
};
