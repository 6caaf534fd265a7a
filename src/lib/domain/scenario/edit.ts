import { err, ok, type Result } from '../result';
import type {
	Area,
	Enterprise,
	Hotspot,
	ImageRef,
	InspectionItem,
	ItemKey,
	ProcedureKey,
	RequiredDocument,
	ScenarioContent,
	SituationalQuestion
} from './types';

/**
 * Pure edits of a scenario draft. Each returns a new content object or an error code; the caller
 * validates the result against the portable schema before saving.
 */
type Edit = Result<ScenarioContent, string>;

/** A key not yet used anywhere in the scenario: prefix + smallest free number. */
export function nextKey(c: ScenarioContent, prefix: string): string {
	const used = new Set<string>([
		...c.areas.map((a) => a.key),
		...c.areas.flatMap((a) => a.items.map((i) => i.key)),
		...c.procedure.steps.map((s) => s.key),
		...c.procedure.distractors.map((s) => s.key),
		...c.questions.map((q) => q.key),
		...c.documents.map((d) => d.key)
	]);
	for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

const findItem = (c: ScenarioContent, itemKey: string) => c.areas.flatMap((a) => a.items).find((i) => i.key === itemKey);

function mapItem(c: ScenarioContent, itemKey: string, f: (i: InspectionItem) => InspectionItem): Edit {
	if (!findItem(c, itemKey)) return err('scenario.item_not_found');
	return ok({ ...c, areas: c.areas.map((a) => ({ ...a, items: a.items.map((i) => (i.key === itemKey ? f(i) : i)) })) });
}

function mapArea(c: ScenarioContent, areaKey: string, f: (a: Area) => Area): Edit {
	if (!c.areas.some((a) => a.key === areaKey)) return err('scenario.area_not_found');
	return ok({ ...c, areas: c.areas.map((a) => (a.key === areaKey ? f(a) : a)) });
}

export function setProfile(c: ScenarioContent, p: { title: string; summary: string; enterprise: Enterprise }): Edit {
	return ok({ ...c, title: p.title, summary: p.summary, enterprise: p.enterprise });
}

export function addArea(c: ScenarioContent, a: Pick<Area, 'name' | 'kind' | 'description'>): Edit {
	return ok({ ...c, areas: [...c.areas, { key: nextKey(c, 'area'), image: null, items: [], ...a }] });
}

export function updateArea(c: ScenarioContent, areaKey: string, a: Pick<Area, 'name' | 'kind' | 'description'>): Edit {
	return mapArea(c, areaKey, (old) => ({ ...old, ...a }));
}

export function setAreaImage(c: ScenarioContent, areaKey: string, image: ImageRef | null): Edit {
	return mapArea(c, areaKey, (old) => ({ ...old, image }));
}

export function removeArea(c: ScenarioContent, areaKey: string): Edit {
	if (!c.areas.some((a) => a.key === areaKey)) return err('scenario.area_not_found');
	return ok({ ...c, areas: c.areas.filter((a) => a.key !== areaKey) });
}

export function moveArea(c: ScenarioContent, areaKey: string, by: -1 | 1): Edit {
	const i = c.areas.findIndex((a) => a.key === areaKey);
	if (i < 0) return err('scenario.area_not_found');
	const j = i + by;
	if (j < 0 || j >= c.areas.length) return ok(c);
	const areas = [...c.areas];
	[areas[i], areas[j]] = [areas[j], areas[i]];
	return ok({ ...c, areas });
}

export function addItem(c: ScenarioContent, areaKey: string, item: Pick<InspectionItem, 'title' | 'observation'> & { hotspot?: Hotspot | null }): Edit {
	const key = nextKey(c, 'item');
	return mapArea(c, areaKey, (a) => ({
		...a,
		items: [...a.items, { key, title: item.title, observation: item.observation, photo: null, hotspot: item.hotspot ?? null, answer: { kind: 'decoy', explanation: '' } }]
	}));
}

export function updateItem(c: ScenarioContent, itemKey: string, p: Pick<InspectionItem, 'title' | 'observation' | 'hotspot'>): Edit {
	return mapItem(c, itemKey, (i) => ({ ...i, ...p }));
}

export function setItemPhoto(c: ScenarioContent, itemKey: string, photo: ImageRef | null): Edit {
	return mapItem(c, itemKey, (i) => ({ ...i, photo }));
}

export function setHotspot(c: ScenarioContent, itemKey: string, hotspot: Hotspot | null): Edit {
	return mapItem(c, itemKey, (i) => ({ ...i, hotspot }));
}

export function setItemAnswer(c: ScenarioContent, itemKey: string, answer: ItemKey): Edit {
	return mapItem(c, itemKey, (i) => ({ ...i, answer }));
}

export function removeItem(c: ScenarioContent, itemKey: string): Edit {
	if (!findItem(c, itemKey)) return err('scenario.item_not_found');
	return ok({ ...c, areas: c.areas.map((a) => ({ ...a, items: a.items.filter((i) => i.key !== itemKey) })) });
}

/** Moves an item to another area (keeping its key, answer and photo; its hotspot belonged to the old picture). */
export function moveItemToArea(c: ScenarioContent, itemKey: string, areaKey: string): Edit {
	const item = findItem(c, itemKey);
	if (!item) return err('scenario.item_not_found');
	if (!c.areas.some((a) => a.key === areaKey)) return err('scenario.area_not_found');
	const without = c.areas.map((a) => ({ ...a, items: a.items.filter((i) => i.key !== itemKey) }));
	return ok({ ...c, areas: without.map((a) => (a.key === areaKey ? { ...a, items: [...a.items, { ...item, hotspot: null }] } : a)) });
}

export function setProcedure(c: ScenarioContent, procedure: ProcedureKey): Edit {
	return ok({ ...c, procedure });
}

export function upsertQuestion(c: ScenarioContent, q: Omit<SituationalQuestion, 'key'> & { key?: string }): Edit {
	if (q.key && !c.questions.some((x) => x.key === q.key)) return err('scenario.question_not_found');
	const question: SituationalQuestion = { ...q, key: q.key ?? nextKey(c, 'q') };
	return ok({ ...c, questions: q.key ? c.questions.map((x) => (x.key === q.key ? question : x)) : [...c.questions, question] });
}

export function removeQuestion(c: ScenarioContent, key: string): Edit {
	if (!c.questions.some((x) => x.key === key)) return err('scenario.question_not_found');
	return ok({ ...c, questions: c.questions.filter((x) => x.key !== key) });
}

export function upsertDocument(c: ScenarioContent, d: Omit<RequiredDocument, 'key'> & { key?: string }): Edit {
	if (d.key && !c.documents.some((x) => x.key === d.key)) return err('scenario.document_not_found');
	const doc: RequiredDocument = { ...d, key: d.key ?? nextKey(c, 'doc') };
	return ok({ ...c, documents: d.key ? c.documents.map((x) => (x.key === d.key ? doc : x)) : [...c.documents, doc] });
}

export function removeDocument(c: ScenarioContent, key: string): Edit {
	if (!c.documents.some((x) => x.key === key)) return err('scenario.document_not_found');
	return ok({ ...c, documents: c.documents.filter((x) => x.key !== key) });
}
