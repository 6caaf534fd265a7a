/**
 * 题库 on the server: the category tree, the question list with its filters, and the question
 * lifecycle (create → edit with revisions → 在用/停用 → delete while never used). Content rules live in
 * domain/quiz/validate.ts; this module loads, calls it, writes and audits in one transaction.
 *
 * Revisions: an edit copies the question as it was into question_revision (version, who replaced it,
 * when) and bumps `version`, so quiz results can always be read against the text learners saw.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { question, questionCategory, questionRevision, quiz, quizRule, user } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { flattenTree, wouldCreateCycle } from '../../domain/unit';
import { validateQuestion, type FieldProblem, type QuestionInput } from '../../domain/quiz/validate';
import { CATEGORY_NAME_MAX, PATH_SEPARATOR, checkCategoryName, duplicateKey, normaliseName, stemExcerpt } from '../../domain/quiz/bank-rules';
import {
	QUESTION_STATUSES,
	type Difficulty,
	type QuestionData,
	type QuestionStatus,
	type QuestionType
} from '../../domain/quiz/types';

export const PAGE_SIZE = 20;
export type BankError =
	| 'bank.category_not_found'
	| 'bank.category_parent_not_found'
	| 'bank.category_name_required'
	| 'bank.category_name_too_long'
	| 'bank.category_name_slash'
	| 'bank.category_name_taken'
	| 'bank.category_cycle'
	| 'bank.category_has_children'
	| 'bank.category_has_questions'
	| 'bank.category_in_quiz'
	| 'bank.question_not_found'
	| 'bank.invalid_question'
	| 'bank.duplicate'
	| 'bank.stale'
	| 'bank.bad_status'
	| 'bank.question_used';

// ————— Categories —————

export interface CategoryRow {
	id: number;
	parentId: number | null;
	name: string;
	depth: number;
	/** names from the root, e.g. ['安全生产法律法规', '安全生产法（2021）'] */
	path: string[];
	/** questions filed directly here */
	ownCount: number;
	/** questions here and in every subcategory */
	totalCount: number;
	childCount: number;
}

/** The category tree in display order (parents before children, siblings by sort order), with counts. */
export function categoryTree(db: Tx): CategoryRow[] {
	const cats = db
		.select({ id: questionCategory.id, parentId: questionCategory.parentId, name: questionCategory.name, sortOrder: questionCategory.sortOrder })
		.from(questionCategory)
		.orderBy(asc(questionCategory.sortOrder), asc(questionCategory.id))
		.all();
	const own = new Map(
		db
			.select({ categoryId: question.categoryId, n: count() })
			.from(question)
			.groupBy(question.categoryId)
			.all()
			.map((r) => [r.categoryId, r.n])
	);
	const flat = flattenTree(cats);
	const rows: CategoryRow[] = [];
	const byId = new Map<number, CategoryRow>();
	for (const { unit: c, depth } of flat) {
		const parent = c.parentId === null ? undefined : byId.get(c.parentId);
		const row: CategoryRow = {
			id: c.id,
			parentId: parent ? c.parentId : null,
			name: c.name,
			depth,
			path: [...(parent?.path ?? []), c.name],
			ownCount: own.get(c.id) ?? 0,
			totalCount: own.get(c.id) ?? 0,
			childCount: 0
		};
		rows.push(row);
		byId.set(c.id, row);
		if (parent) parent.childCount++;
	}
	// Children follow their parents, so adding from the end carries every subtree up to its root.
	for (let i = rows.length - 1; i >= 0; i--) {
		const p = rows[i].parentId === null ? undefined : byId.get(rows[i].parentId!);
		if (p) p.totalCount += rows[i].totalCount;
	}
	return rows;
}

/** Normalised path ('a/b') → category id, for imports. */
export function categoryPathIndex(db: Tx): Map<string, number> {
	return new Map(categoryTree(db).map((c) => [c.path.map(normaliseName).join(PATH_SEPARATOR), c.id]));
}

/** The category and all its descendants. */
export function categorySubtree(db: Tx, categoryId: number): number[] {
	return db
		.all<{ id: number }>(
			sql`WITH RECURSIVE sub(id) AS (SELECT id FROM question_category WHERE id = ${categoryId} UNION ALL SELECT c.id FROM question_category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`
		)
		.map((r) => r.id);
}

function categoryExists(tx: Tx, id: number): boolean {
	return !!tx.select({ id: questionCategory.id }).from(questionCategory).where(eq(questionCategory.id, id)).get();
}

function siblingNameTaken(tx: Tx, parentId: number | null, name: string, exceptId: number | null): boolean {
	const siblings = tx
		.select({ id: questionCategory.id, name: questionCategory.name })
		.from(questionCategory)
		.where(parentId === null ? sql`${questionCategory.parentId} IS NULL` : eq(questionCategory.parentId, parentId))
		.all();
	const key = normaliseName(name);
	return siblings.some((s) => s.id !== exceptId && normaliseName(s.name) === key);
}

function nextSortOrder(tx: Tx, parentId: number | null): number {
	const row = tx
		.select({ n: sql<number | null>`max(${questionCategory.sortOrder})` })
		.from(questionCategory)
		.where(parentId === null ? sql`${questionCategory.parentId} IS NULL` : eq(questionCategory.parentId, parentId))
		.get();
	return (row?.n ?? 0) + 1;
}

/** Adds a category inside a transaction the caller holds (also used by the import). */
export function insertCategory(tx: Tx, actorId: number, name: string, parentId: number | null, now: number): number {
	const id = tx
		.insert(questionCategory)
		.values({ name: name.trim(), parentId, sortOrder: nextSortOrder(tx, parentId) })
		.returning({ id: questionCategory.id })
		.get().id;
	recordAudit(tx, { actorId, action: 'bank.category_create', entity: 'question_category', entityId: id, after: { name: name.trim(), parentId }, at: now });
	return id;
}

export function createCategory(db: Db, actorId: number, input: { name: string; parentId: number | null }, now = Date.now()): Result<{ id: number }, BankError> {
	const bad = checkCategoryName(input.name);
	if (bad) return err(bad, { max: CATEGORY_NAME_MAX });
	return db.transaction((tx) => {
		if (input.parentId !== null && !categoryExists(tx, input.parentId)) return err('bank.category_parent_not_found');
		if (siblingNameTaken(tx, input.parentId, input.name, null)) return err('bank.category_name_taken', { name: input.name.trim() });
		return ok({ id: insertCategory(tx, actorId, input.name, input.parentId, now) });
	});
}

export function renameCategory(db: Db, actorId: number, id: number, name: string, now = Date.now()): Result<null, BankError> {
	const bad = checkCategoryName(name);
	if (bad) return err(bad, { max: CATEGORY_NAME_MAX });
	return db.transaction((tx) => {
		const cat = tx.select().from(questionCategory).where(eq(questionCategory.id, id)).get();
		if (!cat) return err('bank.category_not_found');
		if (siblingNameTaken(tx, cat.parentId, name, id)) return err('bank.category_name_taken', { name: name.trim() });
		if (cat.name === name.trim()) return ok(null);
		tx.update(questionCategory).set({ name: name.trim() }).where(eq(questionCategory.id, id)).run();
		recordAudit(tx, { actorId, action: 'bank.category_rename', entity: 'question_category', entityId: id, before: { name: cat.name }, after: { name: name.trim() }, at: now });
		return ok(null);
	});
}

/** Moves a category (with its subtree) under another parent, or to the top level; never under itself. */
export function moveCategory(db: Db, actorId: number, id: number, parentId: number | null, now = Date.now()): Result<null, BankError> {
	return db.transaction((tx) => {
		const cat = tx.select().from(questionCategory).where(eq(questionCategory.id, id)).get();
		if (!cat) return err('bank.category_not_found');
		if (parentId !== null && !categoryExists(tx, parentId)) return err('bank.category_parent_not_found');
		const all = tx.select({ id: questionCategory.id, parentId: questionCategory.parentId }).from(questionCategory).all();
		if (wouldCreateCycle(all, id, parentId)) return err('bank.category_cycle');
		if (cat.parentId === parentId) return ok(null);
		if (siblingNameTaken(tx, parentId, cat.name, id)) return err('bank.category_name_taken', { name: cat.name });
		tx.update(questionCategory).set({ parentId, sortOrder: nextSortOrder(tx, parentId) }).where(eq(questionCategory.id, id)).run();
		recordAudit(tx, { actorId, action: 'bank.category_move', entity: 'question_category', entityId: id, before: { parentId: cat.parentId }, after: { parentId }, at: now });
		return ok(null);
	});
}

/** Deletes an empty category: no subcategories, no questions, not drawn from by any quiz. */
export function deleteCategory(db: Db, actorId: number, id: number, now = Date.now()): Result<null, BankError> {
	return db.transaction((tx) => {
		const cat = tx.select().from(questionCategory).where(eq(questionCategory.id, id)).get();
		if (!cat) return err('bank.category_not_found');
		const children = tx.select({ n: count() }).from(questionCategory).where(eq(questionCategory.parentId, id)).get()!.n;
		if (children > 0) return err('bank.category_has_children', { count: children });
		const questions = tx.select({ n: count() }).from(question).where(eq(question.categoryId, id)).get()!.n;
		if (questions > 0) return err('bank.category_has_questions', { count: questions });
		const quizzes = tx
			.selectDistinct({ title: quiz.title })
			.from(quizRule)
			.innerJoin(quiz, eq(quiz.id, quizRule.quizId))
			.where(eq(quizRule.categoryId, id))
			.orderBy(asc(quiz.id))
			.all();
		if (quizzes.length > 0) {
			const titles = quizzes.slice(0, 3).map((q) => `“${q.title}”`).join('、') + (quizzes.length > 3 ? ` 等 ${quizzes.length} 个测验` : '');
			return err('bank.category_in_quiz', { quizzes: titles });
		}
		tx.delete(questionCategory).where(eq(questionCategory.id, id)).run();
		recordAudit(tx, { actorId, action: 'bank.category_delete', entity: 'question_category', entityId: id, before: { name: cat.name, parentId: cat.parentId }, at: now });
		return ok(null);
	});
}

// ————— Questions: list —————

export const BANK_SORTS = ['updated_desc', 'updated_asc', 'id_desc', 'id_asc', 'difficulty_asc', 'difficulty_desc'] as const;
export type BankSort = (typeof BANK_SORTS)[number];

export interface QuestionFilter {
	/** the category and its subcategories */
	categoryId?: number | null;
	type?: QuestionType | null;
	difficulty?: Difficulty | null;
	status?: QuestionStatus | null;
	/** one tag, matched exactly */
	tag?: string | null;
	/** text contained in the stem (case-insensitive for Latin letters) */
	q?: string | null;
	sort?: BankSort;
}

function filterConditions(db: Tx, f: QuestionFilter): SQL | undefined {
	const conds: SQL[] = [];
	if (f.categoryId) conds.push(inArray(question.categoryId, categorySubtree(db, f.categoryId)));
	if (f.type) conds.push(eq(question.type, f.type));
	if (f.difficulty) conds.push(eq(question.difficulty, f.difficulty));
	if (f.status) conds.push(eq(question.status, f.status));
	// Tags are stored comma-separated; instr on ',a,b,' finds a whole tag without LIKE's wildcards.
	if (f.tag?.trim()) conds.push(sql`instr(',' || ${question.tags} || ',', ${',' + f.tag.trim() + ','}) > 0`);
	if (f.q?.trim()) conds.push(sql`instr(lower(${question.stem}), ${f.q.trim().toLowerCase()}) > 0`);
	return conds.length ? and(...conds) : undefined;
}

function orderOf(sort: BankSort = 'updated_desc'): SQL[] {
	switch (sort) {
		case 'updated_asc':
			return [asc(question.updatedAt), asc(question.id)];
		case 'id_asc':
			return [asc(question.id)];
		case 'id_desc':
			return [desc(question.id)];
		case 'difficulty_asc':
			return [asc(question.difficulty), desc(question.id)];
		case 'difficulty_desc':
			return [desc(question.difficulty), desc(question.id)];
		default:
			return [desc(question.updatedAt), desc(question.id)];
	}
}

export interface QuestionListRow {
	id: number;
	type: QuestionType;
	difficulty: Difficulty;
	status: QuestionStatus;
	excerpt: string;
	categoryId: number;
	categoryPath: string;
	tags: string[];
	version: number;
	updatedAt: number;
}

const splitStoredTags = (tags: string) => (tags ? tags.split(',') : []);

/** One page (20 questions) of the filtered bank; a page past the end is clamped to the last one. */
export function listQuestions(db: Db, filter: QuestionFilter & { page?: number }) {
	const where = filterConditions(db, filter);
	const total = db.select({ n: count() }).from(question).where(where).get()!.n;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
	const paths = new Map(categoryTree(db).map((c) => [c.id, c.path.join(' / ')]));
	const rows: QuestionListRow[] = db
		.select({
			id: question.id,
			type: question.type,
			difficulty: question.difficulty,
			status: question.status,
			stem: question.stem,
			categoryId: question.categoryId,
			tags: question.tags,
			version: question.version,
			updatedAt: question.updatedAt
		})
		.from(question)
		.where(where)
		.orderBy(...orderOf(filter.sort))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.all()
		.map((r) => ({
			id: r.id,
			type: r.type,
			difficulty: r.difficulty,
			status: r.status,
			excerpt: stemExcerpt(r.stem),
			categoryId: r.categoryId,
			categoryPath: paths.get(r.categoryId) ?? '',
			tags: splitStoredTags(r.tags),
			version: r.version,
			updatedAt: r.updatedAt.getTime()
		}));
	return { rows, total, page, pageSize: PAGE_SIZE };
}

/** Every tag in use, for the filter's suggestions. */
export function bankTags(db: Db): string[] {
	const set = new Set<string>();
	for (const r of db.selectDistinct({ tags: question.tags }).from(question).all()) for (const t of splitStoredTags(r.tags)) set.add(t);
	return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

export interface ExportQuestion extends QuestionData {
	id: number;
	categoryPath: string[];
	status: QuestionStatus;
}

/** Every question matching the filter, in full, for export (oldest first, so re-import keeps the order). */
export function questionsForExport(db: Db, filter: QuestionFilter): ExportQuestion[] {
	const paths = new Map(categoryTree(db).map((c) => [c.id, c.path]));
	return db
		.select()
		.from(question)
		.where(filterConditions(db, filter))
		.orderBy(asc(question.id))
		.all()
		.map((r) => ({ id: r.id, categoryPath: paths.get(r.categoryId) ?? [], status: r.status, ...dataOf(r) }));
}

// ————— Questions: one, with its history —————

type QuestionRow = typeof question.$inferSelect;

/** What a revision keeps: every content field, the category and the status. */
export interface QuestionSnapshot extends QuestionData {
	categoryId: number;
	status: QuestionStatus;
}

function dataOf(r: QuestionRow): QuestionData {
	return {
		type: r.type,
		stem: r.stem,
		options: r.options,
		answer: r.answer,
		explanation: r.explanation,
		difficulty: r.difficulty,
		multipleScoring: r.multipleScoring,
		provisions: r.provisions,
		tags: splitStoredTags(r.tags)
	};
}

const snapshotOf = (r: QuestionRow): QuestionSnapshot => ({ categoryId: r.categoryId, status: r.status, ...dataOf(r) });

export interface VersionInfo {
	version: number;
	author: string | null;
	at: number;
	isCurrent: boolean;
}

export interface QuestionDetail extends QuestionSnapshot {
	id: number;
	categoryPath: string[];
	version: number;
	createdAt: number;
	updatedAt: number;
	/** newest first; version k was written by whoever replaced version k − 1 (or created the question) */
	versions: VersionInfo[];
	/** number of quiz attempts that drew it */
	usedInAttempts: number;
}

export function getQuestion(db: Db, id: number): QuestionDetail | null {
	const row = db.select().from(question).where(eq(question.id, id)).get();
	if (!row) return null;
	const creator = row.createdBy === null ? undefined : db.select({ name: user.displayName }).from(user).where(eq(user.id, row.createdBy)).get();
	const revisions = db
		.select({ version: questionRevision.version, editedAt: questionRevision.editedAt, name: user.displayName })
		.from(questionRevision)
		.leftJoin(user, eq(user.id, questionRevision.editedBy))
		.where(eq(questionRevision.questionId, id))
		.orderBy(asc(questionRevision.version))
		.all();
	const replacedBy = new Map(revisions.map((r) => [r.version, r]));
	const versions: VersionInfo[] = [];
	for (let v = row.version; v >= 1; v--) {
		if (v !== row.version && !replacedBy.has(v)) continue;
		const prev = replacedBy.get(v - 1);
		versions.push({
			version: v,
			author: v === 1 ? (creator?.name ?? null) : (prev?.name ?? null),
			at: v === 1 ? row.createdAt.getTime() : (prev?.editedAt.getTime() ?? row.updatedAt.getTime()),
			isCurrent: v === row.version
		});
	}
	const paths = new Map(categoryTree(db).map((c) => [c.id, c.path]));
	return {
		id: row.id,
		...snapshotOf(row),
		categoryPath: paths.get(row.categoryId) ?? [],
		version: row.version,
		createdAt: row.createdAt.getTime(),
		updatedAt: row.updatedAt.getTime(),
		versions,
		usedInAttempts: attemptsUsing(db, id)
	};
}

/** An earlier version of a question as it was saved, or null. */
export function getRevision(db: Db, questionId: number, version: number): (QuestionSnapshot & { version: number; categoryPath: string[] }) | null {
	const rev = db
		.select({ snapshot: questionRevision.snapshot })
		.from(questionRevision)
		.where(and(eq(questionRevision.questionId, questionId), eq(questionRevision.version, version)))
		.get();
	if (!rev) return null;
	const snap = rev.snapshot as QuestionSnapshot;
	const paths = new Map(categoryTree(db).map((c) => [c.id, c.path]));
	return { ...snap, version, categoryPath: paths.get(snap.categoryId) ?? [] };
}

/** How many quiz attempts drew this question (their slots JSON holds its id). */
export function attemptsUsing(db: Tx, questionId: number): number {
	const r = db.get<{ n: number }>(
		sql`SELECT count(DISTINCT a.id) AS n FROM quiz_attempt a, json_each(a.slots) s WHERE json_extract(s.value, '$.questionId') = ${questionId}`
	);
	return r?.n ?? 0;
}

// ————— Questions: writes —————

export type SaveResult =
	| { ok: true; value: { id: number; version: number; changed: boolean } }
	| { ok: false; error: { code: BankError; params?: Record<string, string | number> }; problems?: FieldProblem[] };

const invalid = (problems: FieldProblem[]): SaveResult => ({ ok: false, error: { code: 'bank.invalid_question' }, problems });

/** The id of a question with the same stem and options, or null. */
function findDuplicate(tx: Tx, data: { stem: string; options: readonly { text: string }[] }, exceptId: number | null): { id: number; status: QuestionStatus } | null {
	const key = duplicateKey(data);
	for (const r of tx.select({ id: question.id, stem: question.stem, options: question.options, status: question.status }).from(question).all()) {
		if (r.id !== exceptId && duplicateKey(r) === key) return { id: r.id, status: r.status };
	}
	return null;
}

const columnsOf = (d: QuestionData) => ({
	type: d.type,
	stem: d.stem,
	options: d.options,
	answer: d.answer,
	explanation: d.explanation,
	difficulty: d.difficulty,
	multipleScoring: d.multipleScoring,
	provisions: d.provisions,
	tags: d.tags.join(',')
});

export interface QuestionWrite {
	categoryId: number;
	input: QuestionInput;
}

export function createQuestion(db: Db, actorId: number, write: QuestionWrite & { status?: QuestionStatus }, now = Date.now()): SaveResult {
	const v = validateQuestion(write.input);
	if (!v.ok) return invalid(v.problems);
	const status = write.status ?? 'draft';
	if (!QUESTION_STATUSES.includes(status)) return err('bank.bad_status');
	return db.transaction((tx): SaveResult => {
		if (!categoryExists(tx, write.categoryId)) return err('bank.category_not_found');
		const dup = findDuplicate(tx, v.value, null);
		if (dup) return err('bank.duplicate', { id: dup.id });
		const at = new Date(now);
		const id = tx
			.insert(question)
			.values({ categoryId: write.categoryId, ...columnsOf(v.value), status, version: 1, createdBy: actorId, createdAt: at, updatedAt: at })
			.returning({ id: question.id })
			.get().id;
		recordAudit(tx, { actorId, action: 'bank.question_create', entity: 'question', entityId: id, after: { categoryId: write.categoryId, status, ...v.value }, at: now });
		return { ok: true, value: { id, version: 1, changed: true } };
	});
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves an edit: the old version goes to question_revision, `version` goes up by one. `expectedVersion`
 * (the version the editor was opened on) refuses to overwrite someone else's newer edit. An edit that
 * changes nothing writes nothing.
 */
export function updateQuestion(db: Db, actorId: number, id: number, write: QuestionWrite & { expectedVersion?: number }, now = Date.now()): SaveResult {
	const v = validateQuestion(write.input);
	if (!v.ok) return invalid(v.problems);
	return db.transaction((tx): SaveResult => {
		const row = tx.select().from(question).where(eq(question.id, id)).get();
		if (!row) return err('bank.question_not_found');
		if (write.expectedVersion !== undefined && write.expectedVersion !== row.version) return err('bank.stale', { version: row.version });
		if (!categoryExists(tx, write.categoryId)) return err('bank.category_not_found');
		const before = snapshotOf(row);
		const after: QuestionSnapshot = { categoryId: write.categoryId, status: row.status, ...v.value };
		if (sameJson(before, after)) return { ok: true, value: { id, version: row.version, changed: false } };
		// Only a changed stem or option can make a duplicate; an older pair of twins can still be edited.
		const dup = duplicateKey(before) === duplicateKey(after) ? null : findDuplicate(tx, v.value, id);
		if (dup) return err('bank.duplicate', { id: dup.id });
		tx.insert(questionRevision).values({ questionId: id, version: row.version, snapshot: before, editedBy: actorId, editedAt: new Date(now) }).run();
		const version = row.version + 1;
		tx.update(question)
			.set({ categoryId: write.categoryId, ...columnsOf(v.value), version, updatedAt: new Date(now) })
			.where(eq(question.id, id))
			.run();
		recordAudit(tx, { actorId, action: 'bank.question_update', entity: 'question', entityId: id, before: { version: row.version, ...before }, after: { version, ...after }, at: now });
		return { ok: true, value: { id, version, changed: true } };
	});
}

/** 草稿 / 在用 / 停用. A status change is not a new version of the content. */
export function setQuestionStatus(db: Db, actorId: number, id: number, status: QuestionStatus, now = Date.now()): Result<null, BankError> {
	if (!QUESTION_STATUSES.includes(status)) return err('bank.bad_status');
	return db.transaction((tx) => {
		const row = tx.select({ status: question.status }).from(question).where(eq(question.id, id)).get();
		if (!row) return err('bank.question_not_found');
		if (row.status === status) return ok(null);
		tx.update(question).set({ status, updatedAt: new Date(now) }).where(eq(question.id, id)).run();
		recordAudit(tx, { actorId, action: 'bank.question_status', entity: 'question', entityId: id, before: { status: row.status }, after: { status }, at: now });
		return ok(null);
	});
}

/** Deletes a question no attempt ever drew; a used one must be retired instead (its results refer to it). */
export function deleteQuestion(db: Db, actorId: number, id: number, now = Date.now()): Result<null, BankError> {
	return db.transaction((tx) => {
		const row = tx.select().from(question).where(eq(question.id, id)).get();
		if (!row) return err('bank.question_not_found');
		const used = attemptsUsing(tx, id);
		if (used > 0) return err('bank.question_used', { count: used });
		tx.delete(question).where(eq(question.id, id)).run();
		recordAudit(tx, { actorId, action: 'bank.question_delete', entity: 'question', entityId: id, before: { version: row.version, ...snapshotOf(row) }, at: now });
		return ok(null);
	});
}

/** Inserts validated questions for the import, inside the caller's transaction; returns their ids. */
export function insertQuestions(tx: Tx, actorId: number, items: readonly { categoryId: number; data: QuestionData }[], status: QuestionStatus, now: number): number[] {
	const at = new Date(now);
	return items.map(
		(it) =>
			tx
				.insert(question)
				.values({ categoryId: it.categoryId, ...columnsOf(it.data), status, version: 1, createdBy: actorId, createdAt: at, updatedAt: at })
				.returning({ id: question.id })
				.get().id
	);
}

/** Duplicate keys of the whole bank → question id, for the import's check. */
export function bankDuplicateIndex(tx: Tx): Map<string, number> {
	const index = new Map<string, number>();
	for (const r of tx.select({ id: question.id, stem: question.stem, options: question.options }).from(question).orderBy(asc(question.id)).all()) {
		const key = duplicateKey(r);
		if (!index.has(key)) index.set(key, r.id);
	}
	return index;
}
