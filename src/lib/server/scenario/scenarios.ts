import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { scenario, scenarioImage, scenarioVersion } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { articleIndex, importedLaws } from '../law/library';
import { err, ok, type Result } from '../../domain/result';
import { emptyScenario, imageIds, type ScenarioContent } from '../../domain/scenario/types';
import { describeIssues, parsePortableScenario, PORTABLE_FORMAT, scenarioContentSchema, type PortableScenario, type SchemaProblem } from '../../domain/scenario/portable-schema';
import { checkScenario, hasBlockingProblems, type ScenarioProblem } from '../../domain/scenario/publish-check';
import type { LibraryIndex } from '../../domain/law/validate';
import { imageRow, insertImageRow, newImageId, prepareImage, readImageBytes, scenarioImageIds, uploadDir, writeImageFile } from './images';

const libraryCache = new WeakMap<Db, { key: string; index: LibraryIndex }>();

/**
 * Which articles the law library holds, for validating citations. Cached per database: the scoreboard
 * and the document checks ask for it on every recomputation, and it changes only when a dataset is
 * imported (which rewrites law_import, so the fingerprint below changes with it).
 */
export function libraryIndex(db: Db): LibraryIndex {
	const f = db.$client.prepare('SELECT count(*) AS n, coalesce(max(imported_at), 0) AS at, coalesce(sum(article_count), 0) AS articles FROM law_import').get() as { n: number; at: number; articles: number };
	const key = `${f.n}:${f.at}:${f.articles}`;
	const cached = libraryCache.get(db);
	if (cached?.key === key) return cached.index;
	const index = { articles: articleIndex(db), complete: new Map(importedLaws(db).map((r) => [r.lawId, r.complete])) };
	libraryCache.set(db, { key, index });
	return index;
}

export function listScenarios(db: Db) {
	return db
		.select({ id: scenario.id, title: scenario.title, latestVersion: scenario.latestVersion, updatedAt: scenario.updatedAt, draft: scenario.draft })
		.from(scenario)
		.orderBy(desc(scenario.updatedAt), desc(scenario.id))
		.all()
		.map(({ draft, ...row }) => {
			const c = JSON.parse(draft) as ScenarioContent;
			const items = c.areas.flatMap((a) => a.items);
			return {
				...row,
				enterprise: c.enterprise.name,
				areas: c.areas.length,
				hazards: items.filter((i) => i.answer.kind === 'hazard').length,
				decoys: items.filter((i) => i.answer.kind === 'decoy').length
			};
		});
}

export function getScenario(db: Db, id: number) {
	const row = db.select().from(scenario).where(eq(scenario.id, id)).get();
	if (!row) return null;
	const versions = db
		.select({ id: scenarioVersion.id, number: scenarioVersion.number, publishedAt: scenarioVersion.publishedAt })
		.from(scenarioVersion)
		.where(eq(scenarioVersion.scenarioId, id))
		.orderBy(desc(scenarioVersion.number))
		.all();
	return { id: row.id, title: row.title, latestVersion: row.latestVersion, updatedAt: row.updatedAt, draft: JSON.parse(row.draft) as ScenarioContent, versions };
}

export type Version = Omit<typeof scenarioVersion.$inferSelect, 'content'> & { content: ScenarioContent };
// Published versions never change, so a parsed copy can be kept per database (autosaves read it every time).
const versionCache = new WeakMap<Db, Map<number, Version>>();

/** A published version with its secret salt; server-side only. Treat the result as read-only. */
export function getVersion(db: Db, versionId: number): Version | null {
	let cache = versionCache.get(db);
	if (!cache) versionCache.set(db, (cache = new Map()));
	const hit = cache.get(versionId);
	if (hit) return hit;
	const row = db.select().from(scenarioVersion).where(eq(scenarioVersion.id, versionId)).get();
	if (!row) return null;
	const version = { ...row, content: JSON.parse(row.content) as ScenarioContent };
	cache.set(versionId, version);
	return version;
}

export function createScenario(db: Db, actorId: number, title: string, content: ScenarioContent = emptyScenario(title)): number {
	return db.transaction((tx) => {
		const row = tx.insert(scenario).values({ title, draft: JSON.stringify(content), createdBy: actorId }).returning({ id: scenario.id }).get();
		recordAudit(tx, { actorId, action: 'scenario.create', entity: 'scenario', entityId: row.id, after: { title } });
		return row.id;
	});
}

export type DraftError = { code: 'scenario.not_found' } | { code: 'scenario.invalid'; problems: SchemaProblem[] } | { code: string };

/**
 * Applies an edit to the draft. The edit is a pure function of the content; the result must still be a
 * valid scenario (schema), or nothing is saved. `alsoWrite` runs in the same transaction once the edit is
 * accepted (the row of a picture the edit refers to), so that a refused edit leaves nothing behind.
 */
export function updateDraft(
	db: Db,
	actorId: number,
	id: number,
	action: string,
	edit: (c: ScenarioContent) => Result<ScenarioContent, string>,
	alsoWrite?: (tx: Tx) => void
): Result<ScenarioContent, string> & { problems?: SchemaProblem[] } {
	return db.transaction((tx) => {
		const row = tx.select().from(scenario).where(eq(scenario.id, id)).get();
		if (!row) return err('scenario.not_found');
		const edited = edit(JSON.parse(row.draft) as ScenarioContent);
		if (!edited.ok) return edited;
		const parsed = scenarioContentSchema.safeParse(edited.value);
		if (!parsed.success) return { ...err('scenario.invalid'), problems: describeIssues(parsed.error, '$') };
		alsoWrite?.(tx);
		tx.update(scenario)
			.set({ draft: JSON.stringify(parsed.data), title: parsed.data.title, updatedAt: new Date() })
			.where(eq(scenario.id, id))
			.run();
		recordAudit(tx, { actorId, action: 'scenario.edit', entity: 'scenario', entityId: id, after: { edit: action } });
		return ok(parsed.data);
	});
}

export function checkDraft(db: Db, id: number): ScenarioProblem[] | null {
	const s = getScenario(db, id);
	if (!s) return null;
	const images = scenarioImageIds(db, id);
	return checkScenario(s.draft, { library: libraryIndex(db), imageExists: (img) => images.has(img) });
}

/** Freezes the draft as the next version, if the publish check finds no errors. */
export function publishScenario(db: Db, actorId: number, id: number): Result<{ versionId: number; number: number }, string> & { problems?: ScenarioProblem[] } {
	const problems = checkDraft(db, id);
	if (!problems) return err('scenario.not_found');
	if (hasBlockingProblems(problems)) return { ...err('scenario.has_problems'), problems };
	return db.transaction((tx) => {
		const row = tx.select().from(scenario).where(eq(scenario.id, id)).get()!;
		const number = row.latestVersion + 1;
		const v = tx
			.insert(scenarioVersion)
			.values({ scenarioId: id, number, content: row.draft, salt: randomBytes(16).toString('hex'), publishedBy: actorId })
			.returning({ id: scenarioVersion.id })
			.get();
		tx.update(scenario).set({ latestVersion: number }).where(eq(scenario.id, id)).run();
		recordAudit(tx, { actorId, action: 'scenario.publish', entity: 'scenario', entityId: id, after: { version: number, versionId: v.id } });
		return ok({ versionId: v.id, number });
	});
}

/** The draft (or a published version) as one portable file with its pictures embedded. */
export function exportScenario(db: Db, id: number, versionNumber?: number): PortableScenario | null {
	const s = getScenario(db, id);
	if (!s) return null;
	let content = s.draft;
	if (versionNumber !== undefined) {
		const v = db.select().from(scenarioVersion).where(eq(scenarioVersion.scenarioId, id)).all().find((x) => x.number === versionNumber);
		if (!v) return null;
		content = JSON.parse(v.content) as ScenarioContent;
	}
	const images = imageIds(content).flatMap((imgId) => {
		const row = imageRow(db, imgId);
		const bytes = readImageBytes(imgId);
		return row && bytes ? [{ id: imgId, mime: row.mime as PortableScenario['images'][number]['mime'], data: Buffer.from(bytes).toString('base64') }] : [];
	});
	return { format: PORTABLE_FORMAT, exportedAt: new Date().toISOString(), content, images };
}

/**
 * Imports a portable file as a new scenario (draft). Everything is validated first, pictures by their
 * content; on any problem nothing is written. Picture ids already used in this database get new ids.
 */
export function importScenario(db: Db, actorId: number | null, doc: unknown): Result<{ id: number }, string> & { problems?: SchemaProblem[] } {
	const parsed = parsePortableScenario(doc);
	if (!parsed.ok) return { ...err('scenario.invalid'), problems: parsed.problems };
	const file = parsed.value;
	const problems: SchemaProblem[] = [];
	const prepared = file.images.map((img, i) => {
		const p = prepareImage(new Uint8Array(Buffer.from(img.data, 'base64')));
		if (!p.ok) problems.push({ path: `$.images[${i}].data`, message: imageErrorText(p.error.code) });
		else if (p.value.mime !== img.mime) problems.push({ path: `$.images[${i}].mime`, message: `声明的类型 ${img.mime} 与图片实际内容 ${p.value.mime} 不符` });
		return p.ok ? { oldId: img.id, ...p.value } : null;
	});
	if (problems.length) return { ...err('scenario.invalid'), problems };
	const remap = new Map<string, string>();
	for (const p of prepared) {
		if (!p) continue;
		const id = imageRow(db, p.oldId) ? newImageId() : p.oldId;
		remap.set(p.oldId, id);
		writeImageFile(id, p.bytes);
	}
	const content = remapImages(file.content, remap);
	return db.transaction((tx) => {
		const row = tx.insert(scenario).values({ title: content.title, draft: JSON.stringify(content), createdBy: actorId }).returning({ id: scenario.id }).get();
		for (const p of prepared) if (p) insertImageRow(tx, remap.get(p.oldId)!, row.id, p.mime, p.bytes);
		recordAudit(tx, { actorId, action: 'scenario.import', entity: 'scenario', entityId: row.id, after: { title: content.title, images: prepared.length } });
		return ok({ id: row.id });
	});
}

function remapImages(c: ScenarioContent, remap: Map<string, string>): ScenarioContent {
	const ref = (r: { id: string } | null) => (r ? { id: remap.get(r.id) ?? r.id } : null);
	return { ...c, areas: c.areas.map((a) => ({ ...a, image: ref(a.image), items: a.items.map((i) => ({ ...i, photo: ref(i.photo) })) })) };
}

/** Copies the draft and its pictures into a new scenario titled “… 副本”. */
export function duplicateScenario(db: Db, actorId: number, id: number): Result<{ id: number }, string> {
	const s = getScenario(db, id);
	if (!s) return err('scenario.not_found');
	const remap = new Map<string, string>();
	const rows = db.select().from(scenarioImage).where(eq(scenarioImage.scenarioId, id)).orderBy(asc(scenarioImage.id)).all();
	for (const r of rows) {
		const newId = newImageId();
		const from = join(uploadDir(), r.id);
		if (existsSync(from)) copyFileSync(from, join(uploadDir(), newId));
		remap.set(r.id, newId);
	}
	const content = remapImages({ ...s.draft, title: `${s.draft.title} 副本`.slice(0, 100) }, remap);
	return db.transaction((tx) => {
		const row = tx.insert(scenario).values({ title: content.title, draft: JSON.stringify(content), createdBy: actorId }).returning({ id: scenario.id }).get();
		for (const r of rows) tx.insert(scenarioImage).values({ ...r, id: remap.get(r.id)!, scenarioId: row.id, createdAt: new Date() }).run();
		recordAudit(tx, { actorId, action: 'scenario.duplicate', entity: 'scenario', entityId: row.id, after: { from: id } });
		return ok({ id: row.id });
	});
}

export function imageErrorText(code: string): string {
	return (
		{
			'image.too_large': '图片超过 5 MB',
			'image.bad_type': '只接受 PNG、JPEG、WebP 或 SVG 图片（按文件内容识别）',
			'image.empty': '图片文件为空',
			'image.bad_svg': 'SVG 内容无效'
		}[code] ?? code
	);
}
