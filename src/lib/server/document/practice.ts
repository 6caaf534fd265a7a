/**
 * 文书练习: documents an officer or a trainer drafts on their own, outside a drill, optionally against a
 * published scenario version (whose enterprise and key then feed 「自动填入」). Every function takes the
 * acting user's id and only ever touches that user's own documents: another user's document is simply
 * not found.
 */
import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, practiceDocument, scenario, scenarioVersion, unit } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { getVersion } from '../scenario/scenarios';
import { publishedVersions } from '../drill/drills';
import { err, ok, type Result } from '../../domain/result';
import { DOCUMENT_TYPES, type DocumentType, type ScenarioContent } from '../../domain/scenario/types';
import type { DocumentValues } from '../../domain/document/types';
import {
	CITATION_MAX,
	CITATIONS_MAX,
	emptyValues,
	HAZARD_TEXT_MAX,
	HAZARDS_MAX,
	parseDocumentValues,
	TEXT_MAX,
	templateFor
} from '../../domain/document/templates';
import { prefillValues, type PrefillSources } from '../../domain/document/prefill';

export type PracticeErrorCode = 'document.not_found' | 'document.bad_type' | 'document.version_not_found' | 'document.conflict' | 'document.invalid_values';

export interface PracticeDocument {
	id: number;
	type: DocumentType;
	scenarioVersionId: number | null;
	/** 「场景名称 v2」, or null when the document is not linked to a scenario (or the version is gone). */
	scenarioLabel: string | null;
	/** Every field of the template, blank where nothing was saved yet. */
	values: DocumentValues;
	version: number;
	createdAt: number;
	updatedAt: number;
}

export interface PracticeListRow {
	id: number;
	type: DocumentType;
	scenarioLabel: string | null;
	updatedAt: number;
}

const isDocumentType = (t: string): t is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(t);

const scenarioLabel = (title: string | null, number: number | null) => (title === null || number === null ? null : `${title} v${number}`);

/**
 * Scenario versions a practice document may be linked to: published ones that no unfinished drill uses.
 * 自动填入 fills a practice document from the scenario's key, so a version an upcoming or running drill is
 * scored against must not be practised on until that drill has ended.
 */
export function practiceVersions(db: Db) {
	const inUse = new Set(
		db
			.select({ id: drill.scenarioVersionId })
			.from(drill)
			.where(ne(drill.status, 'ended'))
			.all()
			.map((d) => d.id)
	);
	return publishedVersions(db).filter((v) => !inUse.has(v.id));
}

const isPracticeVersion = (db: Db, versionId: number) => practiceVersions(db).some((v) => v.id === versionId);

/** Starts a blank document of `type`; `scenarioVersionId` must be a published version no unfinished drill uses, or null. */
export function createPractice(
	db: Db,
	userId: number,
	type: string,
	scenarioVersionId: number | null,
	now = Date.now()
): Result<{ id: number }, PracticeErrorCode> {
	if (!isDocumentType(type)) return err('document.bad_type');
	if (scenarioVersionId !== null && (!getVersion(db, scenarioVersionId) || !isPracticeVersion(db, scenarioVersionId))) return err('document.version_not_found');
	return db.transaction((tx) => {
		const row = tx
			.insert(practiceDocument)
			.values({ userId, type, scenarioVersionId, values: emptyValues(templateFor(type)), version: 1, createdAt: now, updatedAt: now })
			.returning({ id: practiceDocument.id })
			.get();
		recordAudit(tx, {
			actorId: userId,
			action: 'document.practice_create',
			entity: 'practice_document',
			entityId: row.id,
			after: { type, scenarioVersionId },
			at: now
		});
		return ok({ id: row.id });
	});
}

/** The user's documents, most recently edited first; `limit`/`offset` page through them. */
export function listPractice(db: Db, userId: number, page: { limit?: number; offset?: number } = {}): { total: number; rows: PracticeListRow[] } {
	const total = db.select({ n: count() }).from(practiceDocument).where(eq(practiceDocument.userId, userId)).get()?.n ?? 0;
	const query = db
		.select({
			id: practiceDocument.id,
			type: practiceDocument.type,
			updatedAt: practiceDocument.updatedAt,
			title: scenario.title,
			number: scenarioVersion.number
		})
		.from(practiceDocument)
		.leftJoin(scenarioVersion, eq(scenarioVersion.id, practiceDocument.scenarioVersionId))
		.leftJoin(scenario, eq(scenario.id, scenarioVersion.scenarioId))
		.where(eq(practiceDocument.userId, userId))
		.orderBy(desc(practiceDocument.updatedAt), desc(practiceDocument.id))
		.$dynamic();
	const paged = page.limit === undefined ? query : query.limit(page.limit).offset(page.offset ?? 0);
	const rows = paged.all().map((r) => ({ id: r.id, type: r.type, updatedAt: r.updatedAt, scenarioLabel: scenarioLabel(r.title, r.number) }));
	return { total, rows };
}

/** The user's own document, or null (also for another user's document: its existence is not revealed). */
export function getPractice(db: Tx, userId: number, id: number): PracticeDocument | null {
	const row = db
		.select({ doc: practiceDocument, title: scenario.title, number: scenarioVersion.number })
		.from(practiceDocument)
		.leftJoin(scenarioVersion, eq(scenarioVersion.id, practiceDocument.scenarioVersionId))
		.leftJoin(scenario, eq(scenario.id, scenarioVersion.scenarioId))
		.where(and(eq(practiceDocument.id, id), eq(practiceDocument.userId, userId)))
		.get();
	if (!row || !isDocumentType(row.doc.type)) return null;
	const d = row.doc;
	const blank = emptyValues(templateFor(d.type));
	// Only the template's fields: a key the template no longer has would make every later save refused.
	const stored = Object.entries(d.values ?? {}).filter(([k]) => Object.hasOwn(blank, k));
	return {
		id: d.id,
		type: d.type,
		scenarioVersionId: d.scenarioVersionId,
		scenarioLabel: scenarioLabel(row.title, row.number),
		values: { ...blank, ...Object.fromEntries(stored) },
		version: d.version,
		createdAt: d.createdAt,
		updatedAt: d.updatedAt
	};
}

export type SaveResult =
	| { ok: true; value: { version: number; updatedAt: number; values: DocumentValues } }
	| {
			ok: false;
			error: { code: PracticeErrorCode; params?: Record<string, string | number> };
			/** With 'document.conflict': the document as now stored, for the editor to show. */
			current?: PracticeDocument;
	  };

/**
 * Replaces the document's values as a whole. `baseVersion` is the version the editor last saw: an older
 * one (another tab or device saved since) is refused with the current document. Values are validated
 * against the template (the error's params map field keys to Chinese messages); nothing is saved on error.
 */
export function savePractice(db: Db, userId: number, id: number, values: unknown, baseVersion: number, now = Date.now()): SaveResult {
	return db.transaction((tx): SaveResult => {
		const row = tx
			.select()
			.from(practiceDocument)
			.where(and(eq(practiceDocument.id, id), eq(practiceDocument.userId, userId)))
			.get();
		if (!row || !isDocumentType(row.type)) return err('document.not_found');
		if (row.version !== baseVersion) return { ...err('document.conflict'), current: getPractice(tx, userId, id) ?? undefined };
		const parsed = parseDocumentValues(templateFor(row.type), values);
		if (!parsed.ok) return err('document.invalid_values', parsed.error.params);
		const version = row.version + 1;
		tx.update(practiceDocument).set({ values: parsed.value, version, updatedAt: now }).where(eq(practiceDocument.id, id)).run();
		return ok({ version, updatedAt: now, values: parsed.value });
	});
}

export function deletePractice(db: Db, userId: number, id: number): Result<null, 'document.not_found'> {
	return db.transaction((tx) => {
		const row = tx
			.select({ id: practiceDocument.id, type: practiceDocument.type })
			.from(practiceDocument)
			.where(and(eq(practiceDocument.id, id), eq(practiceDocument.userId, userId)))
			.get();
		if (!row) return err('document.not_found');
		tx.delete(practiceDocument).where(eq(practiceDocument.id, id)).run();
		recordAudit(tx, { actorId: userId, action: 'document.practice_delete', entity: 'practice_document', entityId: id, before: { type: row.type } });
		return ok(null);
	});
}

// ---------------------------------------------------------------------------------------------------
// 自动填入 for practice

/** yyyy-mm-dd in the agencies' time zone, whatever the server's. */
export function todayInChina(now = Date.now()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Markdown as one line of plain text: what an officer would write by hand in a document. */
export function plainText(markdown: string): string {
	return markdown
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
		.replace(/[*_`~]+/g, '')
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * What 「自动填入」 takes from a scenario in practice: the enterprise's facts, the site areas as the
 * places inspected, today, the officer by name (the certificate number is theirs to write), and the
 * scenario key's hazards as if the officer had recorded them — in practice the key stands in for the
 * team's record. Lengths are kept within the validation limits so that a filled document can be saved.
 */
export function practicePrefillSources(content: ScenarioContent | null, officer: { name: string; agencyName: string }, today: string): PrefillSources {
	const hazards = (content?.areas ?? [])
		.flatMap((a) => a.items)
		.flatMap((item) => {
			if (item.answer.kind !== 'hazard') return [];
			const title = clip(plainText(item.title), HAZARD_TEXT_MAX - 1);
			// prefill writes 「title：observation」 on one line: together they must fit one hazard line.
			const observation = clip(plainText(item.observation), Math.max(0, HAZARD_TEXT_MAX - title.length - 1));
			const provisions = (xs: string[]) => xs.map((x) => clip(x.trim(), CITATION_MAX)).slice(0, CITATIONS_MAX);
			const { classification, violated, penalty } = item.answer;
			return [{ title, observation, classification, violated: provisions(violated), penalty: provisions(penalty) }];
		})
		.slice(0, HAZARDS_MAX);
	const areas = content?.areas ?? [];
	const sites = areas.filter((a) => a.kind === 'site');
	const places: string[] = [];
	for (const a of sites.length ? sites : areas) if ([...places, a.name].join('、').length <= TEXT_MAX) places.push(a.name);
	const e = content?.enterprise;
	return {
		enterprise: {
			name: clip(e?.name ?? '', TEXT_MAX),
			address: clip(e?.address ?? '', TEXT_MAX),
			legalRepresentative: clip(e?.legalRepresentative ?? '', TEXT_MAX),
			principal: clip(e?.principal ?? '', TEXT_MAX)
		},
		inspection: { places, date: today },
		officers: officer.name ? [{ name: officer.name, certificate: '' }] : [],
		hazards,
		agencyName: officer.agencyName,
		today
	};
}

/** The user's agency for 执法机关: their unit when it is a department (上饶市应急管理局), else nothing. */
function agencyNameOf(db: Db, unitId: number | null): string {
	if (unitId === null) return '';
	const u = db.select({ name: unit.name, kind: unit.kind }).from(unit).where(eq(unit.id, unitId)).get();
	return u?.kind === 'department' ? clip(u.name, TEXT_MAX) : '';
}

/**
 * Every value 「自动填入」 can give the document's fields, whatever they hold now: the editor applies
 * them only to fields that are still empty, so nothing typed is overwritten.
 */
export function practicePrefill(
	db: Db,
	user: { id: number; displayName: string; unitId: number | null },
	id: number,
	today = todayInChina()
): Result<DocumentValues, 'document.not_found'> {
	const doc = getPractice(db, user.id, id);
	if (!doc) return err('document.not_found');
	// A version that a drill started using after this document was created gives no key until that drill ends.
	const usable = doc.scenarioVersionId !== null && isPracticeVersion(db, doc.scenarioVersionId);
	const content = usable ? (getVersion(db, doc.scenarioVersionId!)?.content ?? null) : null;
	const sources = practicePrefillSources(content, { name: clip(user.displayName, 50), agencyName: agencyNameOf(db, user.unitId) }, today);
	return ok(prefillValues(templateFor(doc.type), {}, sources));
}
