import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { drillDebrief } from '$lib/server/drill/debrief';
import { renderMarkdown } from '$lib/server/markdown';
import { errorText } from '$lib/i18n/zh';

export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer', 'trainer', 'admin');
	const isStaff = user.roles.includes('trainer') || user.roles.includes('admin');
	const r = drillDebrief(getDb(), { userId: user.id, isStaff }, Number(params.drillId), (md) => (md.trim() ? renderMarkdown(md) : ''));
	if (!r.ok) {
		if (r.error.code === 'drill.not_found') error(404, errorText(r.error));
		error(403, r.error.code === 'drill.debrief_closed' ? '讲解尚未开放' : errorText(r.error));
	}
	return { ...r.value, isOfficer: r.value.team !== null };
};
