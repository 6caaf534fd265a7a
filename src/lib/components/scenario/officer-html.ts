import type { OfficerScenario } from '$lib/domain/scenario/officer-view';

/** Rendered markdown of an officer view, keyed by `htmlKey`; rendered on the server (renderMarkdown). */
export type OfficerHtml = Record<string, string>;

export const htmlKey = {
	processes: 'enterprise.processes',
	description: 'enterprise.description',
	area: (id: string) => `area:${id}`,
	item: (id: string) => `item:${id}`
};

/** Every markdown field an officer sees, keyed as the view looks them up. */
export function officerMarkdown(s: OfficerScenario): Record<string, string> {
	const out: Record<string, string> = {
		[htmlKey.processes]: s.enterprise.processes,
		[htmlKey.description]: s.enterprise.description
	};
	for (const a of s.areas) {
		out[htmlKey.area(a.id)] = a.description;
		for (const i of a.items) out[htmlKey.item(i.id)] = i.observation;
	}
	return out;
}
