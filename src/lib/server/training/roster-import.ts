/**
 * 名单导入 on the server: read an uploaded .xlsx/.csv into rows, check them against what the database knows
 * (domain/training/roster.ts), and write trainees, new enterprises and enrolments in one transaction — or
 * nothing. Also keeps the uploaded file between the 检查 and 导入 steps, and the import's progress for polling.
 *
 * Hostile files. Every refusal is a code with a Chinese message, never an exception:
 * - more than 5 MB, empty, or a type other than .xlsx/.csv (by extension, then by content: an .xlsx must
 *   be a zip, so a renamed .exe or an old binary .xls is named as such);
 * - zip bombs: exceljs hands the file to jszip, which inflates every entry in full and only compares the
 *   result with the size the zip declares afterwards. So before exceljs sees the file, `checkZip` walks the
 *   zip's central directory itself (entry count, encryption flag, declared sizes) and then inflates each
 *   entry with node:zlib capped by `maxOutputLength`, so the real uncompressed total is measured without
 *   ever holding more than MAX_UNZIPPED_BYTES (50 MB) — a lying directory cannot get past it;
 * - CSV that is not text (NUL bytes) is refused; CSV in GBK (Excel's 另存为 CSV on Chinese Windows) is
 *   decoded as such when it is not valid UTF-8.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { perDatabase, type Db } from '../db';
import { trainingSession, unit, type TrainingStatus } from '../db/schema';
import { recordAudit } from '../audit';
import { checkUnitPlacement, type UnitKind } from '../../domain/unit';
import { enroll, type Waitlist } from '../../domain/training/waitlist';
import { pinyinInitials } from '../../domain/training/pinyin';
import { isImportable, normaliseEnterpriseName, validateRoster, type RosterContext, type RosterValidation } from '../../domain/training/roster';
import { rosterProblemMessage, staffCategoryLabels } from '../../i18n/zh';
import { maskIdNumber } from '../../domain/training/id-number';
import { promote, waitlistState } from './sessions';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
/** An .xlsx from Excel has a dozen entries; thousands mean something else. */
const MAX_ZIP_ENTRIES = 1000;

export type RosterFileError =
	| 'upload.empty'
	| 'upload.too_large'
	| 'upload.bad_type'
	| 'upload.xls'
	| 'upload.not_xlsx'
	| 'upload.encrypted'
	| 'upload.too_big_inside'
	| 'upload.unreadable'
	| 'upload.no_sheet'
	| 'upload.not_text'
	| 'upload.bad_csv';

export type ReadResult =
	| { ok: true; format: 'xlsx' | 'csv'; rows: string[][] }
	| { ok: false; code: RosterFileError; params?: Record<string, string | number>; message: string };

const refuse = (code: RosterFileError, params?: Record<string, string | number>): ReadResult => ({ ok: false, code, ...(params ? { params } : {}), message: rosterProblemMessage(code, params) });

/**
 * The rows of the file's first sheet as text, `rows[i]` being spreadsheet row i + 1 (blank rows are holes
 * or empty arrays, so row numbers match what the trainer sees). Never throws for bad input.
 */
export async function readRosterFile(bytes: Uint8Array, filename: string): Promise<ReadResult> {
	if (bytes.length === 0) return refuse('upload.empty');
	if (bytes.length > MAX_UPLOAD_BYTES) return refuse('upload.too_large', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
	const ext = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
	if (ext === 'xls' || (ext === 'xlsx' && startsWith(bytes, OLE_MAGIC))) return refuse(ext === 'xls' ? 'upload.xls' : 'upload.encrypted');
	if (ext === 'xlsx') return readXlsx(bytes);
	if (ext === 'csv') return readCsv(bytes);
	return refuse('upload.bad_type');
}

/** Compound-file header: old .xls, and also what Excel writes for a password-protected .xlsx. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
	if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return refuse('upload.not_xlsx');
	const zipProblem = checkZip(bytes);
	if (zipProblem) return refuse(zipProblem, zipProblem === 'upload.too_big_inside' ? { max: MAX_UNZIPPED_BYTES / 1024 / 1024 } : undefined);
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
	} catch (e) {
		return refuse('upload.unreadable', { detail: errorDetail(e) });
	}
	const ws = wb.worksheets[0];
	if (!ws) return refuse('upload.no_sheet');
	return { ok: true, format: 'xlsx', rows: sheetRows(ws) };
}

/**
 * Walks the zip's central directory and measures what every entry really inflates to (see the file
 * comment). Returns null when the file may be given to exceljs.
 */
export function checkZip(bytes: Uint8Array): RosterFileError | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (u32(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return 'upload.not_xlsx';
	const entries = u16(eocd + 10);
	const directory = u32(eocd + 16);
	// ZIP64 markers: a 5 MB roster never needs them.
	if (entries === 0xffff || directory === 0xffffffff) return 'upload.too_big_inside';
	if (entries === 0 || entries > MAX_ZIP_ENTRIES) return 'upload.not_xlsx';
	let p = directory;
	let declared = 0;
	let actual = 0;
	for (let n = 0; n < entries; n++) {
		if (p + 46 > bytes.length || u32(p) !== 0x02014b50) return 'upload.not_xlsx';
		const flags = u16(p + 8);
		const method = u16(p + 10);
		const compressed = u32(p + 20);
		declared += u32(p + 24);
		const local = u32(p + 42);
		p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32);
		if (flags & 1) return 'upload.encrypted';
		if (declared > MAX_UNZIPPED_BYTES) return 'upload.too_big_inside';
		if (local + 30 > bytes.length || u32(local) !== 0x04034b50) return 'upload.not_xlsx';
		const start = local + 30 + u16(local + 26) + u16(local + 28);
		if (start + compressed > bytes.length) return 'upload.not_xlsx';
		if (method === 0) actual += compressed;
		else if (method === 8) {
			try {
				actual += inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: Math.max(1, MAX_UNZIPPED_BYTES - actual) }).length;
			} catch (e) {
				return e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'upload.too_big_inside' : 'upload.not_xlsx';
			}
		} else return 'upload.not_xlsx';
		if (actual > MAX_UNZIPPED_BYTES) return 'upload.too_big_inside';
	}
	return null;
}

async function readCsv(bytes: Uint8Array): Promise<ReadResult> {
	let body = bytes;
	let encoding = 'utf-8';
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) body = bytes.subarray(3);
	else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		// Excel's "Unicode text" (UTF-16 with a byte-order mark), tab-separated.
		encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
		body = bytes.subarray(2);
	} else if (body.includes(0)) return refuse('upload.not_text');
	let text: string;
	if (encoding !== 'utf-8') text = new TextDecoder(encoding).decode(body);
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			// Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (code page 936).
			text = new TextDecoder('gbk').decode(body);
		}
	}
	if (text.includes('\u0000')) return refuse('upload.not_text');
	const wb = new ExcelJS.Workbook();
	try {
		// map keeps every cell as the text it is: no numbers (ID numbers would lose digits), no dates, no formulas.
		const ws = await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v, parserOptions: { delimiter: guessDelimiter(text) } });
		return { ok: true, format: 'csv', rows: sheetRows(ws) };
	} catch (e) {
		return refuse('upload.bad_csv', { detail: errorDetail(e) });
	}
}

/** Comma, unless the first line has none but has tabs or semicolons (UTF-16 text, some European setups). */
function guessDelimiter(text: string): string {
	const first = text.slice(0, text.search(/\r?\n|$/));
	if (first.includes(',')) return ',';
	if (first.includes('\t')) return '\t';
	if (first.includes(';')) return ';';
	return ',';
}

const errorDetail = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 200);

function sheetRows(ws: ExcelJS.Worksheet): string[][] {
	const values = ws.getSheetValues();
	const rows: string[][] = [];
	for (let r = 1; r < values.length; r++) {
		const v = values[r];
		if (!Array.isArray(v)) continue;
		const row: string[] = [];
		for (let c = 1; c < v.length; c++) row.push(cellText(v[c] as ExcelJS.CellValue));
		rows[r - 1] = row;
	}
	return rows;
}

/**
 * A cell as text. Formulas are never evaluated and their cached results not trusted: a formula cell reads
 * as its formula text (=…), which the roster check names. Integers beyond double precision (an ID
 * number typed into a General cell) come out in scientific notation, the way Excel shows them, so the
 * check can say the last digits are lost instead of reporting a wrong check character.
 */
export function cellText(v: ExcelJS.CellValue | undefined): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isSafeInteger(v) || Math.abs(v) < 1e15 ? String(v) : v.toExponential();
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text ?? '').join('');
	if ('formula' in v || 'sharedFormula' in v) return `=${'formula' in v && typeof v.formula === 'string' ? v.formula : ''}`;
	if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
	if ('error' in v) return String(v.error);
	return '';
}

// ————— Checking and importing —————

export interface RosterSession {
	id: number;
	title: string;
	status: TrainingStatus;
	capacity: number;
	regionUnitId: number | null;
	regionName: string | null;
	regionKind: UnitKind | null;
}

/** Trainers may change a roster until the session ends (as for adding people by hand). */
const ROSTER_OPEN: readonly TrainingStatus[] = ['planned', 'enrolling', 'running'];

export function rosterSession(db: Db, sessionId: number): RosterSession | null {
	const s = db
		.select({ id: trainingSession.id, title: trainingSession.title, status: trainingSession.status, capacity: trainingSession.capacity, regionUnitId: trainingSession.regionUnitId })
		.from(trainingSession)
		.where(eq(trainingSession.id, sessionId))
		.get();
	if (!s) return null;
	const region = s.regionUnitId === null ? undefined : db.select({ name: unit.name, kind: unit.kind }).from(unit).where(eq(unit.id, s.regionUnitId)).get();
	return { ...s, regionName: region?.name ?? null, regionKind: region?.kind ?? null };
}

/** Whether enterprises may be created under the session's region (it exists and may hold enterprises). */
export function canCreateEnterprises(s: RosterSession): boolean {
	return s.regionUnitId !== null && s.regionKind !== null && checkUnitPlacement('enterprise', s.regionKind) === null;
}

const statements = perDatabase((db: Db) => {
	const c = db.$client;
	return {
		traineeByIdNumber: c.prepare<[string], { id: number; name: string }>('SELECT id, name FROM trainee WHERE id_number = ?'),
		enrolledIdNumbers: c.prepare<[number], { idNumber: string }>(
			"SELECT t.id_number AS idNumber FROM enrollment e JOIN trainee t ON t.id = e.trainee_id WHERE e.session_id = ? AND e.status != 'cancelled' AND t.id_number IS NOT NULL"
		),
		enterprises: c.prepare<[], { id: number; name: string }>("SELECT id, name FROM unit WHERE kind = 'enterprise' ORDER BY id"),
		subtree: c.prepare<[number], { id: number }>('WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub'),
		insertEnterprise: c.prepare<[number, string]>("INSERT INTO unit (parent_id, name, kind) VALUES (?, ?, 'enterprise')"),
		insertTrainee: c.prepare<[string, string, string | null, string, number | null, string, string, number]>(
			'INSERT INTO trainee (name, name_initials, phone, id_number, enterprise_unit_id, category, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
		),
		maxPosition: c.prepare<[number], { n: number | null }>('SELECT max(position) AS n FROM enrollment WHERE session_id = ?'),
		enrollmentOf: c.prepare<[number, number], { id: number }>('SELECT id FROM enrollment WHERE session_id = ? AND trainee_id = ?'),
		insertEnrollment: c.prepare<[number, number, string, number, number]>(
			"INSERT INTO enrollment (session_id, trainee_id, status, position, source, created_at) VALUES (?, ?, ?, ?, 'import', ?)"
		),
		reviveEnrollment: c.prepare<[string, number, number, number]>("UPDATE enrollment SET status = ?, position = ?, source = 'import', created_at = ? WHERE id = ?")
	};
});

/** yyyy-mm-dd in China time: the day ID-number birth dates are judged against. */
export function todayInChina(now: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * What the check needs from the database. Enterprises are matched by normalised name across the whole
 * unit tree; when two share a name, the one inside the session's region wins.
 */
function rosterContext(db: Db, session: RosterSession, now: number): RosterContext {
	const st = statements(db);
	const inRegion = new Set(session.regionUnitId === null ? [] : st.subtree.all(session.regionUnitId).map((r) => r.id));
	const knownEnterprises = new Map<string, number>();
	for (const e of st.enterprises.all()) {
		const key = normaliseEnterpriseName(e.name);
		const current = knownEnterprises.get(key);
		if (current === undefined || (!inRegion.has(current) && inRegion.has(e.id))) knownEnterprises.set(key, e.id);
	}
	return {
		existingIdNumbers: new Set(st.enrolledIdNumbers.all(session.id).map((r) => r.idNumber)),
		knownEnterprises,
		today: todayInChina(now),
		registeredName: (idNumber) => st.traineeByIdNumber.get(idNumber)?.name
	};
}

export interface CheckOptions {
	skipRows?: readonly number[];
	/** Keys of unknown enterprises the trainer confirmed; all of them when omitted and enterprises may be created. */
	confirmedEnterprises?: readonly string[];
	now?: number;
}

const ALL = { has: () => true };

function check(db: Db, session: RosterSession, rows: readonly (readonly string[])[], opts: CheckOptions, createUnder: number | null): RosterValidation {
	const confirmed = createUnder === null ? undefined : opts.confirmedEnterprises ? new Set(opts.confirmedEnterprises) : ALL;
	return validateRoster(rows, { ...rosterContext(db, session, opts.now ?? Date.now()), skipRows: new Set(opts.skipRows ?? []), confirmedEnterprises: confirmed });
}

/** The preview of 检查: every problem and every parsed row, nothing written. */
export function checkRoster(db: Db, session: RosterSession, rows: readonly (readonly string[])[], opts: CheckOptions = {}): RosterValidation {
	return check(db, session, rows, { ...opts, confirmedEnterprises: opts.confirmedEnterprises ?? [] }, canCreateEnterprises(session) ? session.regionUnitId : null);
}

/** Problems listed on the page; a file of 10,000 bad rows still names the first thousand and counts the rest. */
const SHOWN_PROBLEMS = 1000;
const SHOWN_ROWS = 50;

export type RosterPreview = ReturnType<typeof rosterPreview>;

/**
 * What the 检查 step shows: counts, the problems (by row and column), the first 50 parsed rows and the
 * unknown enterprises. ID numbers are masked unless the viewer is an admin; `seatsFree` is how many seats
 * newcomers can still take (capacity minus those enrolled and already waiting).
 */
export function rosterPreview(v: RosterValidation, opts: { admin: boolean; seatsFree: number }) {
	const errorRows = [...new Set(v.problems.filter((p) => p.kind === 'error' && p.row > 0).map((p) => p.row))];
	const importable = v.rows.filter((r) => !r.hasError).length;
	return {
		dataRows: v.rows.length,
		importable,
		errorRows,
		skipped: v.skipped,
		blocking: v.problems.filter((p) => p.kind !== 'warning').length,
		fileLevel: v.problems.some((p) => p.row === 0 || (p.code.startsWith('header.') && p.kind === 'error')),
		willEnroll: Math.min(importable, Math.max(0, opts.seatsFree)),
		problemTotal: v.problems.length,
		problems: v.problems.slice(0, SHOWN_PROBLEMS).map((p) => ({ row: p.row, column: p.column, kind: p.kind, message: p.message, code: p.code, key: p.code === 'enterprise.unknown' ? normaliseEnterpriseName(String(p.params?.name ?? '')) : null })),
		rows: v.rows.slice(0, SHOWN_ROWS).map((r) => ({
			row: r.row,
			name: r.name,
			phone: r.phone,
			idNumber: opts.admin ? r.idNumber : maskIdNumber(r.idNumber),
			enterprise: r.enterprise,
			isNewEnterprise: r.enterpriseId === null && !!r.enterprise,
			category: r.category ? staffCategoryLabels[r.category] : '',
			position: r.position,
			hasError: r.hasError
		})),
		unknownEnterprises: v.unknownEnterprises
	};
}

/** Seats newcomers can take now: by the waiting-list rule those already waiting are seated first. */
export function seatsFree(db: Db, session: RosterSession): number {
	const { enrolled, waiting } = waitlistState(db, session.id, session.capacity);
	return Math.max(0, session.capacity - enrolled.length - waiting.length);
}

export interface ImportCounts {
	/** Rows imported (the file's data rows minus skipped ones). */
	rows: number;
	skipped: number;
	traineesCreated: number;
	/** Rows whose ID number was already on record: that trainee is enrolled as they are on record. */
	traineesMatched: number;
	enterprisesCreated: number;
	enrolled: number;
	waiting: number;
	/** People already waiting who took free seats first (waiting-list rule: nobody jumps the queue). */
	promoted: number;
}

export type ImportOutcome =
	| { ok: true; counts: ImportCounts }
	| { ok: false; code: 'import.session_not_found' | 'import.session_closed' | 'import.bad_region'; message: string }
	| { ok: false; code: 'import.has_problems'; message: string; validation: RosterValidation };

export interface ImportOptions extends CheckOptions {
	/** Where confirmed new enterprises go (the session's region); null: unknown enterprises block the import. */
	createEnterprisesUnder: number | null;
	skipRows: readonly number[];
	fileName?: string;
}

/**
 * Imports a roster: checks it again inside the transaction (so nothing enrolled in between slips through),
 * writes nothing unless no blocking problem remains, then creates the confirmed enterprises, the trainees
 * not yet on record (matched by ID number) and their enrolments — seats up to the capacity, then the
 * waiting list — all in one transaction, audited once with the counts. Prepared statements keep 5,000
 * rows well under a second.
 */
export function importRoster(db: Db, actorId: number, sessionId: number, rows: readonly (readonly string[])[], opts: ImportOptions): ImportOutcome {
	const now = opts.now ?? Date.now();
	const fail = (code: 'import.session_not_found' | 'import.session_closed' | 'import.bad_region'): ImportOutcome => ({ ok: false, code, message: rosterProblemMessage(code) });
	const run = db.$client.transaction((): ImportOutcome => {
		const session = rosterSession(db, sessionId);
		if (!session) return fail('import.session_not_found');
		if (!ROSTER_OPEN.includes(session.status)) return fail('import.session_closed');
		const validation = check(db, session, rows, { ...opts, now }, opts.createEnterprisesUnder);
		if (!isImportable(validation)) {
			const count = validation.problems.filter((p) => p.kind !== 'warning').length;
			return { ok: false, code: 'import.has_problems', message: rosterProblemMessage('import.has_problems', { count }), validation };
		}
		const st = statements(db);

		// People already on record are enrolled as they are on record; an unknown enterprise is created only for newcomers.
		const onRecord = validation.rows.map((r) => st.traineeByIdNumber.get(r.idNumber)?.id);
		const needed = new Set(validation.rows.filter((r, i) => onRecord[i] === undefined && r.enterpriseId === null).map((r) => r.enterpriseKey));
		const toCreate = validation.unknownEnterprises.filter((e) => needed.has(e.key));
		const newEnterprises = new Map<string, number>();
		if (toCreate.length) {
			const parentId = opts.createEnterprisesUnder!;
			const parent = db.select({ kind: unit.kind }).from(unit).where(eq(unit.id, parentId)).get();
			if (!parent || checkUnitPlacement('enterprise', parent.kind)) return fail('import.bad_region');
			for (const e of toCreate) newEnterprises.set(e.key, Number(st.insertEnterprise.run(parentId, e.name).lastInsertRowid));
		}

		// pinyin is the slowest step per row; common names repeat in a big roster.
		const initials = new Map<string, string>();
		const initialsOf = (name: string) => initials.get(name) ?? initials.set(name, pinyinInitials(name)).get(name)!;
		const traineeIds = validation.rows.map((r, i) => {
			const id = onRecord[i];
			if (id !== undefined) return id;
			const enterpriseId = r.enterpriseId ?? newEnterprises.get(r.enterpriseKey)!;
			return Number(st.insertTrainee.run(r.name, initialsOf(r.name), r.phone, r.idNumber, enterpriseId, r.category!, r.position, now).lastInsertRowid);
		});
		const created = onRecord.filter((id) => id === undefined).length;

		let state: Waitlist = waitlistState(db, sessionId, session.capacity);
		let position = (st.maxPosition.get(sessionId)?.n ?? 0) + 1;
		const promoted: number[] = [];
		let enrolled = 0;
		for (const traineeId of traineeIds) {
			const placed = enroll(state, traineeId);
			// The check refused anyone already on the lists; getting here means the data changed under us.
			if (!placed.ok) throw new Error(`importRoster: trainee ${traineeId} already on the lists of session ${sessionId}`);
			state = placed.value.state;
			promoted.push(...placed.value.promoted);
			if (placed.value.status === 'enrolled') enrolled++;
			// A cancelled enrolment is revived at the back of the queue, as trainers' additions are.
			const previous = st.enrollmentOf.get(sessionId, traineeId);
			if (previous) st.reviveEnrollment.run(placed.value.status, position++, now, previous.id);
			else st.insertEnrollment.run(sessionId, traineeId, placed.value.status, position++, now);
		}
		for (const id of promoted) promote(db, actorId, sessionId, id, now);

		const counts: ImportCounts = {
			rows: validation.rows.length,
			skipped: validation.skipped,
			traineesCreated: created,
			traineesMatched: traineeIds.length - created,
			enterprisesCreated: newEnterprises.size,
			enrolled,
			waiting: traineeIds.length - enrolled,
			promoted: promoted.length
		};
		recordAudit(db, {
			actorId,
			action: 'training.roster_import',
			entity: 'training_session',
			entityId: sessionId,
			after: {
				...counts,
				fileName: opts.fileName ?? null,
				skippedRows: [...(opts.skipRows ?? [])].sort((a, b) => a - b),
				enterprises: toCreate.map((e) => ({ id: newEnterprises.get(e.key)!, name: e.name }))
			},
			at: now
		});
		return { ok: true, counts };
	});
	// IMMEDIATE: take the write lock before reading, so the check and the writes see the same roster.
	return run.immediate();
}

// ————— The uploaded file between 检查 and 导入, and the import's progress —————

const UPLOAD_TTL_MS = 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const FILE_PREFIX = 'roster-';

interface Stashed {
	path: string;
	fileName: string;
	userId: number;
	sessionId: number;
	expiresAt: number;
	timer: ReturnType<typeof setTimeout>;
}

/** token → file; the path is always ours (tmpdir + server-made token), never anything a browser sent. */
const stash = new Map<string, Stashed>();
let lastSweep = 0;

/** Keeps an upload for the 导入 step; returns the random token the page carries in a hidden field. */
export async function stashUpload(bytes: Uint8Array, meta: { fileName: string; userId: number; sessionId: number }, now = Date.now()): Promise<string> {
	void sweepOrphans(now);
	const token = randomBytes(24).toString('base64url');
	const path = join(tmpdir(), `${FILE_PREFIX}${token}.bin`);
	await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
	const timer = setTimeout(() => void discardUpload(token), UPLOAD_TTL_MS);
	timer.unref?.();
	stash.set(token, { path, fileName: meta.fileName.slice(0, 200), userId: meta.userId, sessionId: meta.sessionId, expiresAt: now + UPLOAD_TTL_MS, timer });
	return token;
}

/** The stashed upload of this user for this session, or null (unknown, expired, someone else's). */
export async function takeUpload(token: string, userId: number, sessionId: number, now = Date.now()): Promise<{ bytes: Uint8Array; fileName: string } | null> {
	if (!TOKEN.test(token)) return null;
	const s = stash.get(token);
	if (!s || s.userId !== userId || s.sessionId !== sessionId) return null;
	if (s.expiresAt < now) {
		await discardUpload(token);
		return null;
	}
	try {
		return { bytes: await readFile(s.path), fileName: s.fileName };
	} catch {
		stash.delete(token);
		return null;
	}
}

export async function discardUpload(token: string): Promise<void> {
	const s = stash.get(token);
	if (!s) return;
	stash.delete(token);
	clearTimeout(s.timer);
	await unlink(s.path).catch(() => undefined);
}

/** Files left by an earlier process (restarted within the hour) are removed once they are an hour old. */
async function sweepOrphans(now: number): Promise<void> {
	if (now - lastSweep < 10 * 60 * 1000) return;
	lastSweep = now;
	try {
		const dir = tmpdir();
		for (const name of await readdir(dir)) {
			if (!name.startsWith(FILE_PREFIX) || !name.endsWith('.bin') || stash.has(name.slice(FILE_PREFIX.length, -4))) continue;
			const path = join(dir, name);
			const info = await stat(path).catch(() => null);
			if (info && now - info.mtimeMs > UPLOAD_TTL_MS) await unlink(path).catch(() => undefined);
		}
	} catch {
		// A temp dir we cannot list only means orphans stay until the OS cleans it.
	}
}

/**
 * 'reading' while exceljs parses the file (asynchronous, so a poll is answered); 'importing' covers the
 * check and the writes, one synchronous transaction that no poll can interrupt (and, with prepared
 * statements, a short one); then 'done' or 'failed'.
 */
export type ImportPhase = 'reading' | 'importing' | 'done' | 'failed';

interface Progress {
	userId: number;
	phase: ImportPhase;
	rows: number;
	at: number;
}

const progress = new Map<string, Progress>();

/** Records where the import of `token` is, for the polling endpoint; entries go after 10 minutes. */
export function setImportProgress(token: string, userId: number, phase: ImportPhase, rows = 0, now = Date.now()): void {
	for (const [k, p] of progress) if (now - p.at > 10 * 60 * 1000) progress.delete(k);
	progress.set(token, { userId, phase, rows, at: now });
}

export function importProgress(token: string, userId: number): { phase: ImportPhase; rows: number } | null {
	const p = progress.get(token);
	return p && p.userId === userId ? { phase: p.phase, rows: p.rows } : null;
}
