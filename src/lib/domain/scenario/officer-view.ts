import type { Enterprise, Hotspot, ImageRef, ScenarioContent, DocumentType, AreaKind } from './types';

/**
 * What an officer may see of a scenario before the debrief: a whitelist projection (never a spread of
 * the content), with every item, card and option re-identified by an opaque id derived from a secret
 * per-version salt, and ordered by that id, so neither ids nor order say which items are hazards.
 */
export interface OfficerItem {
	id: string;
	title: string;
	observation: string;
	photo: ImageRef | null;
	hotspot: Hotspot | null;
}

export interface OfficerArea {
	id: string;
	name: string;
	kind: AreaKind;
	description: string;
	image: ImageRef | null;
	items: OfficerItem[];
}

export interface OfficerScenario {
	title: string;
	enterprise: Enterprise;
	areas: OfficerArea[];
	/** Correct steps and distractors mixed, in an order that reveals neither. */
	procedureCards: { id: string; text: string }[];
	/** Officers always choose any number of options, so the UI does not reveal how many are right. */
	questions: { id: string; situation: string; options: { id: string; text: string }[] }[];
	documents: { id: string; type: DocumentType }[];
}

/**
 * A 53-bit string hash (cyrb53), enough to make ids unguessable given a secret salt; not a cryptographic MAC.
 * Kept pure so the domain stays free of node:crypto.
 */
function hash53(s: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The opaque id of an author key: same salt and key → same id, so answer sheets can refer to it. */
export function opaqueId(salt: string, kind: 'area' | 'item' | 'card' | 'question' | 'option' | 'document', key: string): string {
	return hash53(`${salt}|${kind}|${key}`).toString(36).padStart(11, '0');
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function toOfficerView(c: ScenarioContent, salt: string): OfficerScenario {
	return {
		title: c.title,
		enterprise: {
			name: c.enterprise.name,
			sector: c.enterprise.sector,
			address: c.enterprise.address,
			legalRepresentative: c.enterprise.legalRepresentative,
			principal: c.enterprise.principal,
			staffCount: c.enterprise.staffCount,
			processes: c.enterprise.processes,
			description: c.enterprise.description
		},
		areas: c.areas.map((a) => ({
			id: opaqueId(salt, 'area', a.key),
			name: a.name,
			kind: a.kind,
			description: a.description,
			image: a.image ? { id: a.image.id } : null,
			items: a.items
				.map((i) => ({
					id: opaqueId(salt, 'item', i.key),
					title: i.title,
					observation: i.observation,
					photo: i.photo ? { id: i.photo.id } : null,
					hotspot: i.hotspot ? { x: i.hotspot.x, y: i.hotspot.y } : null
				}))
				.sort(byId)
		})),
		procedureCards: [...c.procedure.steps, ...c.procedure.distractors].map((s) => ({ id: opaqueId(salt, 'card', s.key), text: s.text })).sort(byId),
		questions: c.questions.map((q) => ({
			id: opaqueId(salt, 'question', q.key),
			situation: q.situation,
			options: q.options.map((o) => ({ id: opaqueId(salt, 'option', `${q.key}/${o.key}`), text: o.text })).sort(byId)
		})),
		documents: c.documents.map((d) => ({ id: opaqueId(salt, 'document', d.key), type: d.type }))
	};
}

/** Opaque ids of a version's items and questions, back to their author keys. */
export interface RefIndex {
	items: ReadonlyMap<string, string>;
	questions: ReadonlyMap<string, string>;
	documents: ReadonlyMap<string, string>;
}

/**
 * The reverse of `opaqueId` for the refs an answer sheet saves under, built once per version instead of
 * hashing every item on every save. In content order with the first key kept, should two ids ever
 * collide: the same answer a scan of the content comparing `opaqueId`s would give.
 */
export function refIndex(c: ScenarioContent, salt: string): RefIndex {
	const index = (entries: [string, string][]) => {
		const m = new Map<string, string>();
		for (const [id, key] of entries) if (!m.has(id)) m.set(id, key);
		return m;
	};
	return {
		items: index(c.areas.flatMap((a) => a.items.map((i): [string, string] => [opaqueId(salt, 'item', i.key), i.key]))),
		questions: index(c.questions.map((q): [string, string] => [opaqueId(salt, 'question', q.key), q.key])),
		documents: index(c.documents.map((d): [string, string] => [opaqueId(salt, 'document', d.key), d.key]))
	};
}

/** Maps opaque item ids back to author keys (server side, for scoring). */
export function itemKeyIndex(c: ScenarioContent, salt: string): Map<string, string> {
	return new Map(c.areas.flatMap((a) => a.items.map((i) => [opaqueId(salt, 'item', i.key), i.key] as const)));
}
