import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { unitTree } from '$lib/server/unit/units';
import { createSession } from '$lib/server/training/sessions';
import { errorText } from '$lib/i18n/zh';
import { echoSessionForm, fieldOfError, MAX_SLOTS, parseSessionForm } from './schema';

export const load: PageServerLoad = () => {
	const user = requireRole('trainer', 'admin');
	const tree = unitTree(getDb());
	const option = (r: (typeof tree)[number]) => ({ value: r.unit.id, label: r.unit.name, depth: r.depth });
	const organizers = tree.filter((r) => r.unit.kind !== 'enterprise');
	return {
		organizers: organizers.map(option),
		regions: tree.filter((r) => r.unit.kind === 'province' || r.unit.kind === 'city' || r.unit.kind === 'county').map(option),
		defaultOrganizerId: organizers.some((r) => r.unit.id === user.unitId) ? user.unitId : null,
		maxSlots: MAX_SLOTS
	};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const parsed = parseSessionForm(formData);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, message: null });
		const r = createSession(getDb(), user.id, parsed.data);
		if (!r.ok) {
			const message = errorText(r.error);
			return fail(409, { values: echoSessionForm(formData), errors: { [fieldOfError(r.error)]: message } as Record<string, string>, message });
		}
		redirect(303, `/training/${r.value.id}`);
	}
};
