import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { officerSheet, submitStage } from '$lib/server/drill/sheets';
import { SHEET_STAGE_KINDS } from '$lib/server/drill/drills';
import { renderMarkdown } from '$lib/server/markdown';
import { officerMarkdown } from '$lib/components/scenario/officer-html';
import { errorText } from '$lib/i18n/zh';
import { documentPrefillSources } from '$lib/server/drill/documents';
import { getVersion } from '$lib/server/scenario/scenarios';
import { getDrill } from '$lib/server/drill/drills';
import { prefillValues } from '$lib/domain/document/prefill';
import { templateFor } from '$lib/domain/document/templates';

const NOT_FOUND = new Set(['drill.not_found', 'drill.stage_not_found']);

export const load: PageServerLoad = ({ params }) => {
	const user = requireRole('officer');
	const r = officerSheet(getDb(), user.id, Number(params.drillId), Number(params.stageId));
	if (!r.ok) error(NOT_FOUND.has(r.error.code) ? 404 : 403, errorText(r.error));
	const { drill, team, stage, submittedAt, entries } = r.value;
	const base = { drill: { id: drill.id, title: drill.title }, team, stage, submittedAt, entries, userName: user.displayName };
	// Before the start nothing of the scenario leaves the server: the countdown page needs none of it.
	if (stage.status === 'pending' || !SHEET_STAGE_KINDS.includes(stage.kind)) return { ...base, view: null, html: {}, prefill: {} };
	const view = r.value.view;
	const html: Record<string, string> = {};
	if (stage.kind === 'hazard') {
		for (const [k, md] of Object.entries(officerMarkdown(view))) html[k] = md.trim() ? renderMarkdown(md) : '';
	}
	// 自动填入 for the documents: from the enterprise, the inspection and the team's own records only.
	let prefill: Record<string, Record<string, unknown>> = {};
	if (stage.kind === 'document') {
		const db = getDb();
		const content = getVersion(db, getDrill(db, drill.id)!.drill.scenarioVersionId)!.content;
		const sources = documentPrefillSources(db, drill.id, team.id, content);
		prefill = Object.fromEntries(view.documents.map((d) => [d.id, prefillValues(templateFor(d.type), {}, sources)]));
	}
	// Only what this stage needs: the areas for 现场检查, the cards and questions for 执法程序, the documents for 文书制作.
	return {
		...base,
		view: {
			title: view.title,
			enterprise: view.enterprise,
			areas: stage.kind === 'hazard' ? view.areas : [],
			procedureCards: stage.kind === 'procedure' ? view.procedureCards : [],
			questions: stage.kind === 'procedure' ? view.questions : [],
			documents: stage.kind === 'document' ? view.documents : []
		},
		html,
		prefill
	};
};

export const actions: Actions = {
	submit: ({ params }) => {
		const user = requireRole('officer');
		const r = submitStage(getDb(), user.id, Number(params.drillId), Number(params.stageId));
		// Refused like the page: 404 for a drill or stage that is not there, 403 for another team's drill.
		if (!r.ok) return fail(NOT_FOUND.has(r.error.code) ? 404 : r.error.code === 'drill.not_member' ? 403 : 409, { message: errorText(r.error) });
		return { submittedAt: r.value.submittedAt };
	}
};
