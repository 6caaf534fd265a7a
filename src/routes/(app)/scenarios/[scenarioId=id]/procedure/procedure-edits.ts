import { err, type Result } from '$lib/domain/result';
import { nextKey, setProcedure } from '$lib/domain/scenario/edit';
import type { ProcedureDistractor, ProcedureKey, ProcedureStep, ScenarioContent } from '$lib/domain/scenario/types';

/**
 * Edits of the procedure key, one card at a time, built on the domain's setProcedure. Pure: the route
 * passes them to updateDraft, which validates the result before saving.
 */
type Edit = Result<ScenarioContent, string>;
type List = 'steps' | 'distractors';

const notFound = () => err('scenario.step_not_found');

function withList<T extends ProcedureStep>(c: ScenarioContent, list: List, f: (cards: T[]) => T[] | null): Edit {
	const cards = f(c.procedure[list] as T[]);
	if (!cards) return notFound();
	const procedure: ProcedureKey = { ...c.procedure, [list]: cards };
	return setProcedure(c, procedure);
}

export function addStep(c: ScenarioContent, text: string): Edit {
	return withList<ProcedureStep>(c, 'steps', (s) => [...s, { key: nextKey(c, 'step'), text }]);
}

export function addDistractor(c: ScenarioContent, d: Omit<ProcedureDistractor, 'key'>): Edit {
	return withList<ProcedureDistractor>(c, 'distractors', (s) => [...s, { key: nextKey(c, 'wrong'), ...d }]);
}

export function updateStep(c: ScenarioContent, key: string, text: string): Edit {
	return withList<ProcedureStep>(c, 'steps', (cards) => (cards.some((x) => x.key === key) ? cards.map((x) => (x.key === key ? { key, text } : x)) : null));
}

export function updateDistractor(c: ScenarioContent, key: string, d: Omit<ProcedureDistractor, 'key'>): Edit {
	return withList<ProcedureDistractor>(c, 'distractors', (cards) =>
		cards.some((x) => x.key === key) ? cards.map((x) => (x.key === key ? { key, ...d } : x)) : null
	);
}

export function moveCard(c: ScenarioContent, list: List, key: string, by: -1 | 1): Edit {
	return withList(c, list, (cards) => {
		const i = cards.findIndex((x) => x.key === key);
		if (i < 0) return null;
		const j = i + by;
		if (j < 0 || j >= cards.length) return cards;
		const next = [...cards];
		[next[i], next[j]] = [next[j], next[i]];
		return next;
	});
}

export function removeCard(c: ScenarioContent, list: List, key: string): Edit {
	return withList(c, list, (cards) => (cards.some((x) => x.key === key) ? cards.filter((x) => x.key !== key) : null));
}

export function setProcedurePoints(c: ScenarioContent, points: number): Edit {
	return setProcedure(c, { ...c.procedure, points });
}

