import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getDrill } from '$lib/server/drill/drills';
import { judgeOf } from '$lib/server/drill/judging';
import { documentsOf, teamDocumentEntries } from '$lib/server/drill/documents';
import { getVersion } from '$lib/server/scenario/scenarios';
import { errorText } from '$lib/i18n/zh';

/**
 * One team's drill document as it stands, read-only, for the judges of the drill. The 文书制作 stage is
 * the drill's first, unless `?stage=` names another one.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const me = requireRole('judge');
	const db = getDb();
	const drillId = Number(params.drillId);
	const found = getDrill(db, drillId);
	if (!found) error(404, errorText({ code: 'drill.not_found' }));
	if (!judgeOf(db, drillId, me.id)) error(403, errorText({ code: 'drill.not_judge' }));
	const t = found.teams.find((x) => x.id === Number(params.teamId));
	if (!t) error(404, errorText({ code: 'drill.team_not_found' }));
	const wanted = url.searchParams.get('stage');
	const documentStages = found.stages.filter((s) => s.kind === 'document');
	const stage = wanted === null ? documentStages[0] : documentStages.find((s) => String(s.id) === wanted);
	if (!stage) error(404, errorText({ code: wanted === null ? 'drill.stage_not_document' : 'drill.stage_not_found' }));
	const content = getVersion(db, found.drill.scenarioVersionId)!.content;
	const requirement = content.documents.find((d) => d.key === params.documentKey);
	if (!requirement) error(404, errorText({ code: 'document.unknown' }));
	const values = documentsOf(teamDocumentEntries(db, t.id).filter((e) => e.stageId === stage.id)).get(requirement.key) ?? {};
	return {
		drill: { id: found.drill.id, title: found.drill.title },
		stage: { id: stage.id, title: stage.title, status: stage.status },
		team: { id: t.id, name: t.name },
		document: { key: requirement.key, type: requirement.type },
		values
	};
};
