import { parseCitations } from '../law/citation';
import { validateCitation, type LibraryIndex } from '../law/validate';
import type { ScenarioContent } from './types';

export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong with a scenario, located so the editor can link to it. */
export interface ScenarioProblem {
	code: string;
	severity: ProblemSeverity;
	/** Where: an area key, an item key, a question key … (for the editor's links). */
	at: { tab: 'profile' | 'areas' | 'procedure' | 'questions' | 'documents'; areaKey?: string; itemKey?: string; key?: string };
	params?: Record<string, string | number>;
}

export interface CheckContext {
	library: LibraryIndex;
	imageExists: (id: string) => boolean;
}

const CRITERIA_LAW = 'major-hazard-criteria';

/**
 * Checks a provision entry: it must hold at least one citation of a known law, and each must resolve in
 * the library. A law whose text is partial or not loaded only yields a warning (it cannot be confirmed).
 */
function checkProvision(text: string, library: LibraryIndex, at: ScenarioProblem['at'], field: string): ScenarioProblem[] {
	const found = parseCitations(text);
	if (found.length === 0) return [{ code: 'citation.unparseable', severity: 'error', at, params: { field, text } }];
	const out: ScenarioProblem[] = [];
	for (const c of found) {
		const verdict = validateCitation(c, library);
		const cited = text.slice(c.start, c.end);
		if (verdict === 'unknown_law') out.push({ code: 'citation.unknown_law', severity: 'error', at, params: { field, text: cited } });
		else if (verdict === 'no_such_article') out.push({ code: 'citation.no_such_article', severity: 'error', at, params: { field, text: cited } });
		else if (verdict === 'superseded') out.push({ code: 'citation.superseded', severity: 'error', at, params: { field, text: cited } });
		else if (verdict === 'unverifiable') out.push({ code: 'citation.unverifiable', severity: 'warning', at, params: { field, text: cited } });
	}
	return out;
}

/** Everything that stops a scenario from being published (errors) or that a trainer should look at (warnings). */
export function checkScenario(c: ScenarioContent, ctx: CheckContext): ScenarioProblem[] {
	const problems: ScenarioProblem[] = [];
	const push = (code: string, severity: ProblemSeverity, at: ScenarioProblem['at'], params?: Record<string, string | number>) =>
		problems.push(params ? { code, severity, at, params } : { code, severity, at });

	if (!c.enterprise.name.trim()) push('enterprise.no_name', 'error', { tab: 'profile' });
	if (!c.enterprise.address.trim()) push('enterprise.no_address', 'warning', { tab: 'profile' });
	if (!c.enterprise.legalRepresentative.trim()) push('enterprise.no_legal_representative', 'warning', { tab: 'profile' });
	if (c.areas.length === 0) push('scenario.no_areas', 'error', { tab: 'areas' });

	let hazards = 0;
	let decoys = 0;
	for (const area of c.areas) {
		const areaAt = { tab: 'areas' as const, areaKey: area.key };
		if (area.image && !ctx.imageExists(area.image.id)) push('image.missing', 'error', areaAt, { name: area.name });
		if (area.items.length === 0) push('area.no_items', 'warning', areaAt, { name: area.name });
		for (const item of area.items) {
			const at = { tab: 'areas' as const, areaKey: area.key, itemKey: item.key };
			if (item.photo && !ctx.imageExists(item.photo.id)) push('image.missing', 'error', at, { name: item.title });
			if (area.image && !item.hotspot) push('item.no_hotspot', 'warning', at, { name: item.title });
			const a = item.answer;
			if (a.kind === 'decoy') {
				decoys++;
				if (!a.explanation.trim()) push('decoy.no_explanation', 'warning', at, { name: item.title });
				continue;
			}
			hazards++;
			if (a.violated.length === 0) push('hazard.no_violated', 'error', at, { name: item.title });
			if (a.penalty.length === 0) push('hazard.no_penalty', 'error', at, { name: item.title });
			if (a.measures.length === 0) push('hazard.no_measure', 'error', at, { name: item.title });
			if (a.measures.includes('rectify_within_deadline') && !a.deadlineDays) push('hazard.no_deadline', 'error', at, { name: item.title });
			if (a.points <= 0) push('hazard.no_points', 'error', at, { name: item.title });
			if (!a.explanation.trim()) push('hazard.no_explanation', 'warning', at, { name: item.title });
			for (const v of a.violated) problems.push(...checkProvision(v, ctx.library, at, '违法依据'));
			for (const p of a.penalty) problems.push(...checkProvision(p, ctx.library, at, '处罚依据'));
			if (a.classification === 'major') {
				if (!a.majorCriterion?.trim()) push('hazard.major_without_criterion', 'error', at, { name: item.title });
				else {
					const crit = parseCitations(a.majorCriterion);
					if (crit.length === 0 || crit.some((x) => x.lawId !== CRITERIA_LAW))
						push('hazard.criterion_not_criteria', 'error', at, { name: item.title, text: a.majorCriterion });
					else problems.push(...checkProvision(a.majorCriterion, ctx.library, at, '判定依据'));
				}
			}
		}
	}
	if (c.areas.length > 0 && hazards === 0) push('scenario.no_hazards', 'error', { tab: 'areas' });
	if (hazards > 0 && decoys === 0) push('scenario.no_decoys', 'warning', { tab: 'areas' });

	if (c.procedure.steps.length === 0) push('procedure.no_steps', 'warning', { tab: 'procedure' });
	if (c.procedure.steps.length > 0 && c.procedure.points <= 0) push('procedure.no_points', 'error', { tab: 'procedure' });
	for (const q of c.questions) {
		if (q.points <= 0) push('question.no_points', 'error', { tab: 'questions', key: q.key });
		if (!q.explanation.trim()) push('question.no_explanation', 'warning', { tab: 'questions', key: q.key });
	}
	for (const d of c.documents) if (d.facts.length === 0) push('document.no_facts', 'warning', { tab: 'documents', key: d.key });
	return problems;
}

export const hasBlockingProblems = (problems: readonly ScenarioProblem[]) => problems.some((p) => p.severity === 'error');
