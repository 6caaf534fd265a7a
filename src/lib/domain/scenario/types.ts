/**
 * A scenario: a simulated 工贸 enterprise with planted hazards and compliant decoys (DESIGN.md "Scenario").
 * The draft and every published version share this shape; versions are frozen copies.
 * Keys (`key`) are author-chosen stable identifiers inside one scenario; they never reach officers
 * (the officer view re-identifies everything).
 */
import type { Sector } from '../roles';

export const SCENARIO_SCHEMA_VERSION = 1;

export const HAZARD_CATEGORIES = [
	'dust',
	'confined_space',
	'ammonia',
	'electrical',
	'fire',
	'machinery',
	'special_operation',
	'special_equipment',
	'hazardous_work',
	'hazardous_chemicals',
	'training',
	'management',
	'ppe',
	'evacuation',
	'other'
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

/** On-site measures an inspector can order (安全生产法第六十五条 powers). */
export const MEASURES = [
	'remove_immediately',
	'rectify_within_deadline',
	'evacuate_workers',
	'suspend_production',
	'stop_using_equipment',
	'seize',
	'file_case'
] as const;
export type Measure = (typeof MEASURES)[number];

export const AREA_KINDS = ['site', 'records'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const DOCUMENT_TYPES = [
	'inspection_record',
	'onsite_measures_decision',
	'rectification_order',
	'rectification_review',
	'penalty_notice',
	'penalty_decision_unit'
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A reference to an uploaded picture; `id` is random and says nothing about the content. */
export interface ImageRef {
	id: string;
}

export interface Enterprise {
	name: string;
	sector: Sector;
	address: string;
	legalRepresentative: string;
	/** 主要负责人 */
	principal: string;
	staffCount: number;
	/** 主要工艺和设备 (markdown). */
	processes: string;
	/** Free description (markdown). */
	description: string;
}

/** Position of an item on its area's picture, in percent of width and height (0–100). */
export interface Hotspot {
	x: number;
	y: number;
}

export interface HazardKey {
	kind: 'hazard';
	classification: 'general' | 'major';
	/** For 重大事故隐患: the 判定标准 provision that makes it so, e.g. 《工贸企业重大事故隐患判定标准》第十一条第（三）项. */
	majorCriterion: string | null;
	category: HazardCategory;
	/** 违法依据: each entry is free text holding one or more citations. */
	violated: string[];
	/** 处罚依据 / handling provisions. */
	penalty: string[];
	measures: Measure[];
	/** For 责令限期整改: the acceptable deadline range in days. */
	deadlineDays: { min: number; max: number } | null;
	points: number;
	/** Debrief explanation (markdown). */
	explanation: string;
}

export interface DecoyKey {
	kind: 'decoy';
	/** Why it complies (markdown). */
	explanation: string;
}

export type ItemKey = HazardKey | DecoyKey;

export interface InspectionItem {
	key: string;
	title: string;
	/** What the inspector observes (markdown). */
	observation: string;
	photo: ImageRef | null;
	hotspot: Hotspot | null;
	answer: ItemKey;
}

export interface Area {
	key: string;
	name: string;
	kind: AreaKind;
	description: string;
	image: ImageRef | null;
	items: InspectionItem[];
}

export interface ProcedureStep {
	key: string;
	text: string;
}

export interface ProcedureDistractor extends ProcedureStep {
	/** Why this step is wrong (markdown, for the debrief). */
	explanation: string;
}

export interface ProcedureKey {
	/** The required enforcement steps, in the right order. */
	steps: ProcedureStep[];
	/** Tempting wrong steps mixed into the cards offered. */
	distractors: ProcedureDistractor[];
	points: number;
}

export interface SituationalQuestion {
	key: string;
	situation: string;
	options: { key: string; text: string }[];
	/** Keys of the right options (one or more). */
	correct: string[];
	explanation: string;
	points: number;
}

export interface RequiredDocument {
	key: string;
	type: DocumentType;
	/** Facts a correct document must contain, in plain words (used by the document checks). */
	facts: string[];
	points: number;
}

export interface ScenarioContent {
	schemaVersion: typeof SCENARIO_SCHEMA_VERSION;
	title: string;
	/** Trainer-facing summary (markdown). */
	summary: string;
	enterprise: Enterprise;
	areas: Area[];
	procedure: ProcedureKey;
	questions: SituationalQuestion[];
	documents: RequiredDocument[];
}

/** A new, empty draft. */
export function emptyScenario(title: string): ScenarioContent {
	return {
		schemaVersion: SCENARIO_SCHEMA_VERSION,
		title,
		summary: '',
		enterprise: {
			name: '',
			sector: 'machinery',
			address: '',
			legalRepresentative: '',
			principal: '',
			staffCount: 0,
			processes: '',
			description: ''
		},
		areas: [],
		procedure: { steps: [], distractors: [], points: 0 },
		questions: [],
		documents: []
	};
}

/** Every image a scenario refers to. */
export function imageIds(content: ScenarioContent): string[] {
	const ids = new Set<string>();
	for (const a of content.areas) {
		if (a.image) ids.add(a.image.id);
		for (const i of a.items) if (i.photo) ids.add(i.photo.id);
	}
	return [...ids];
}
