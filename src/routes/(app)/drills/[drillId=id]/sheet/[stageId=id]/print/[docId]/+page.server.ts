import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { officerSheet } from '$lib/server/drill/sheets';
import { errorText } from '$lib/i18n/zh';
import type { DocumentValues, FieldValue } from '$lib/domain/document/types';

/** The print view of one of the team's drill documents, as saved (the officer's own team only). */
export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer');
	const r = officerSheet(getDb(), user.id, Number(params.drillId), Number(params.stageId));
	if (!r.ok) error(r.error.code === 'drill.not_member' ? 403 : 404, errorText(r.error));
	const doc = r.value.stage.kind === 'document' ? r.value.view.documents.find((d) => d.id === params.docId) : undefined;
	if (!doc) error(404, errorText({ code: 'document.not_found' }));
	const values: DocumentValues = {};
	for (const e of r.value.entries) if (e.ref.startsWith(`${doc.id}.`) && e.data !== null) values[e.ref.slice(doc.id.length + 1)] = e.data as FieldValue;
	return { drill: { id: r.value.drill.id, title: r.value.drill.title }, stage: { id: r.value.stage.id, title: r.value.stage.title }, team: r.value.team.name, type: doc.type, values };
};
