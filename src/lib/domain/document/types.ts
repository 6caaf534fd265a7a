/**
 * Enforcement documents (执法文书) as data: a template is an ordered list of fields plus the fixed wording
 * around them; a document is the values a team or an officer filled in. Pure types, no I/O.
 */
import type { DocumentType } from '../scenario/types';

/** What a field holds and how the editor shows it. */
export const FIELD_KINDS = ['text', 'multiline', 'date', 'datetime', 'officers', 'citations', 'hazards', 'choice', 'signature'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * Where 「自动填入」 takes a field's value from, when asked: the scenario's enterprise, what the team
 * recorded in the 现场检查 stage, the drill's team, the agency, or today.
 */
export const PREFILL_SOURCES = [
	'unit.name',
	'unit.address',
	'unit.legalRepresentative',
	'unit.principal',
	'inspection.places',
	'inspection.date',
	'team.officers',
	'team.hazards',
	'team.violated',
	'team.penalty',
	'agency.name',
	'today'
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export interface TemplateField {
	/** Stable English key (camelCase), unique within the template. */
	key: string;
	/** The form's own label (被检查单位, 整改期限 …). */
	label: string;
	kind: FieldKind;
	required: boolean;
	/** For 'choice'. */
	options?: readonly string[];
	prefill?: PrefillSource;
	/** Help for the officer filling it in (what the paper form expects here). */
	hint?: string;
	/**
	 * For text fields with a fixed shape (文号的年份、序号): a regex source the whole trimmed value must
	 * match when it is not empty, and the Chinese message shown when it does not. A string, not a
	 * RegExp, so that a template stays plain data.
	 */
	pattern?: { source: string; message: string };
}

/**
 * The printed document, top to bottom. `text` is fixed wording in which `{fieldKey}` stands for a
 * field's value (rendered inline, underlined); `field` shows a (usually multi-line or list) field as a
 * block; `signatures` lays out signature lines side by side.
 */
export type TemplateBlock =
	| { kind: 'text'; text: string; align?: 'left' | 'center' | 'right' }
	| { kind: 'field'; field: string; label?: string }
	| { kind: 'signatures'; fields: string[] };

export interface DocumentTemplate {
	type: DocumentType;
	/** 责令限期整改指令书 … */
	title: string;
	/** The 〔〕 code of the document number: 「（赣饶）应急责改〔2026〕12号」 → '责改'. */
	numberCode: string;
	fields: TemplateField[];
	blocks: TemplateBlock[];
	/** Closing note such as 「本文书一式两份……」. */
	footer?: string;
}

/** 执法人员 with their 执法证件号码. */
export interface OfficerValue {
	name: string;
	certificate: string;
}

/** One line of a problem list (存在问题 / 违法违规行为和事故隐患). */
export interface HazardLineValue {
	text: string;
	/** 属于重大事故隐患. */
	isMajor: boolean;
}

/**
 * A field's value by kind: text/multiline/date (yyyy-mm-dd)/datetime (yyyy-mm-ddThh:mm)/choice/signature
 * → string; citations → string[] (each free text, parsed with parseCitations); officers → OfficerValue[];
 * hazards → HazardLineValue[].
 */
export type FieldValue = string | string[] | OfficerValue[] | HazardLineValue[];
export type DocumentValues = Record<string, FieldValue>;
