/**
 * 自动填入: what a document's fields can take from what is already known — the enterprise's facts from
 * the scenario, the places and date of the inspection, the team's officers and the hazards and
 * provisions the team recorded. Only empty fields are filled, so asking twice never overwrites what an
 * officer typed.
 */
import type { DocumentTemplate, DocumentValues, FieldValue, HazardLineValue, OfficerValue, PrefillSource } from './types';

export interface PrefillSources {
	enterprise: { name: string; address: string; legalRepresentative: string; principal: string };
	inspection: { places: string[]; date: string };
	officers: OfficerValue[];
	/** What the team recorded (现场检查), in recording order. */
	hazards: { title: string; observation: string; classification: 'general' | 'major' | null; violated: string[]; penalty: string[] }[];
	agencyName: string;
	/** yyyy-mm-dd */
	today: string;
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** The value one source gives a field of the given kind, or null when it has nothing for it. */
export function prefillValue(source: PrefillSource, kind: string, s: PrefillSources): FieldValue | null {
	const hazardLines = (): HazardLineValue[] => s.hazards.map((h) => ({ text: h.observation ? `${h.title}：${h.observation}` : h.title, isMajor: h.classification === 'major' }));
	const v: Record<PrefillSource, () => FieldValue> = {
		'unit.name': () => s.enterprise.name,
		'unit.address': () => s.enterprise.address,
		'unit.legalRepresentative': () => s.enterprise.legalRepresentative,
		'unit.principal': () => s.enterprise.principal,
		'inspection.places': () => s.inspection.places.join('、'),
		'inspection.date': () => (kind === 'datetime' ? `${s.inspection.date}T09:00` : s.inspection.date),
		'team.officers': () => s.officers.map((o) => ({ ...o })),
		'team.hazards': () => (kind === 'hazards' ? hazardLines() : hazardLines().map((h, i) => `${i + 1}. ${h.text}`).join('\n')),
		'team.violated': () => (kind === 'citations' ? unique(s.hazards.flatMap((h) => h.violated)) : unique(s.hazards.flatMap((h) => h.violated)).join('、')),
		'team.penalty': () => (kind === 'citations' ? unique(s.hazards.flatMap((h) => h.penalty)) : unique(s.hazards.flatMap((h) => h.penalty)).join('、')),
		'agency.name': () => s.agencyName,
		today: () => s.today
	};
	const value = v[source]();
	return isEmpty(value) ? null : value;
}

export function isEmpty(value: FieldValue | undefined): boolean {
	if (value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	return value.length === 0;
}

/** The fields `prefill` would fill (empty ones with a source that has something), and their new values. */
export function prefillValues(template: DocumentTemplate, current: DocumentValues, s: PrefillSources): DocumentValues {
	const out: DocumentValues = {};
	for (const f of template.fields) {
		if (!f.prefill || !isEmpty(current[f.key])) continue;
		const value = prefillValue(f.prefill, f.kind, s);
		if (value !== null) out[f.key] = value;
	}
	return out;
}
