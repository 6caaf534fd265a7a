import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { zip } from '../test-zip';
import type { Db } from '../db';
import { auditLog, enrollment, trainee, trainingSession, unit, user, type TrainingStatus } from '../db/schema';
import { idCheckChar } from '../../domain/training/id-number';
import { ROSTER_EXAMPLE } from '../../domain/training/roster';
import {
	MAX_UNZIPPED_BYTES,
	cellText,
	checkRoster,
	discardUpload,
	importProgress,
	importRoster,
	readRosterFile,
	rosterSession,
	setImportProgress,
	stashUpload,
	takeUpload
} from './roster-import';

const NOW = Date.UTC(2026, 2, 15, 2, 0, 0);
const HEADER = ['姓名', '手机号', '身份证号', '所在企业', '人员类别', '岗位'];
const CATEGORIES = ['主要负责人', '安全生产管理人员', '特种作业人员', '其他从业人员'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** A valid ID number, distinct for every n < 3,650,000: birth date from n / 1000, sequence n % 1000. */
function idFor(n: number): string {
	const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
	const first17 = `320102${birth}${String(n % 1000).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
}

/** `n` valid rows across `enterprises` enterprise names. */
function rosterRows(n: number, enterprises: string[], from = 0): string[][] {
	return Array.from({ length: n }, (_, k) => {
		const i = from + k;
		return [
			SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + (i % 3 === 0 ? GIVEN[i % GIVEN.length] : ''),
			`139${String(i).padStart(8, '0')}`,
			idFor(i),
			enterprises[i % enterprises.length],
			CATEGORIES[i % CATEGORIES.length],
			i % 2 ? '班组长' : ''
		];
	});
}

function setup(opts: { capacity?: number; status?: TrainingStatus; enterprises?: string[] } = {}) {
	const db = createTestDb();
	const actor = db.insert(user).values({ username: 'trainer', displayName: '培训老师', passwordHash: 'x' }).returning().get().id;
	const province = db.insert(unit).values({ name: '江苏省', kind: 'province' }).returning().get().id;
	const city = db.insert(unit).values({ name: '南京市', kind: 'city', parentId: province }).returning().get().id;
	const county = db.insert(unit).values({ name: '玄武区', kind: 'county', parentId: city }).returning().get().id;
	const enterpriseIds = (opts.enterprises ?? ['金陵机械有限公司', '钟山建材有限公司']).map(
		(name) => db.insert(unit).values({ name, kind: 'enterprise', parentId: county, sector: 'machinery' }).returning().get().id
	);
	const sessionId = db
		.insert(trainingSession)
		.values({
			title: '2026 年第一期主要负责人培训',
			regionUnitId: county,
			startDate: '2026-04-01',
			endDate: '2026-04-03',
			venue: '区应急管理局会议室',
			audience: 'mixed',
			capacity: opts.capacity ?? 100,
			status: opts.status ?? 'enrolling',
			year: 2026,
			yearSeq: 1,
			checkinSecret: 'secret'
		})
		.returning()
		.get().id;
	return { db, actor, county, sessionId, enterpriseIds };
}

function tableCounts(db: Db) {
	const n = (t: typeof trainee | typeof enrollment | typeof unit | typeof auditLog) => db.select({ n: count() }).from(t).get()!.n;
	return { trainee: n(trainee), enrollment: n(enrollment), unit: n(unit), audit: n(auditLog) };
}

async function xlsxBytes(rows: unknown[][], sheet = '名单'): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(sheet);
	for (const r of rows) ws.addRow(r);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An encoder for GBK, inverted from the decoder Node ships (there is no GBK TextEncoder). */
function gbk(text: string): Uint8Array {
	const pairs: number[] = [];
	for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) pairs.push(a, b);
	const decoded = new TextDecoder('gbk').decode(new Uint8Array(pairs));
	const table = new Map<string, [number, number]>();
	[...decoded].forEach((ch, i) => table.has(ch) || table.set(ch, [pairs[2 * i], pairs[2 * i + 1]]));
	return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe('readRosterFile', () => {
	it('reads the first sheet of an .xlsx as text, keeping row numbers', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('名单');
		wb.addWorksheet('其他').addRow(['不读这张表']);
		ws.addRow(HEADER);
		ws.addRow(['张伟', 13812345678, idFor(1), '金陵机械有限公司', '主要负责人', '']);
		ws.getCell('A4').value = { richText: [{ text: '李' }, { text: '娜' }] };
		ws.getCell('B4').value = { formula: 'B2', result: 13812345678 };
		ws.getCell('C4').value = 320102196001010011;
		const r = await readRosterFile(new Uint8Array(await wb.xlsx.writeBuffer()), '名单.XLSX');
		expect(r.ok && r.format).toBe('xlsx');
		if (!r.ok) return;
		expect(r.rows[0]).toEqual(HEADER);
		expect(r.rows[1]).toEqual(['张伟', '13812345678', idFor(1), '金陵机械有限公司', '主要负责人', '']);
		expect(r.rows[2]).toBeUndefined();
		// Formulas are text, and an 18-digit number reads as Excel shows it, so the check can say why.
		expect(r.rows[3]).toEqual(['李娜', '=B2', '3.2010219600101e+17']);
	});

	it.each([
		['UTF-8 with BOM', (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)])],
		['UTF-8 without BOM', (s: string) => new TextEncoder().encode(s)],
		['GBK (Excel on Chinese Windows)', gbk]
	])('reads CSV in %s, every cell as text', async (_, encode) => {
		const text = `${HEADER.join(',')}\r\n张伟,13812345678,${idFor(2)},"钟山建材有限公司",安全员,"=1+1"\r\n\r\n李娜,,00123,金陵机械有限公司,员工,\r\n`;
		const r = await readRosterFile(encode(text), 'roster.csv');
		expect(r).toEqual({
			ok: true,
			format: 'csv',
			rows: [HEADER, ['张伟', '13812345678', idFor(2), '钟山建材有限公司', '安全员', '=1+1'], [], ['李娜', '', '00123', '金陵机械有限公司', '员工', '']]
		});
	});

	it('reads a CSV with only a header (the check then says there is nobody in it)', async () => {
		const r = await readRosterFile(new TextEncoder().encode(HEADER.join(',')), 'a.csv');
		expect(r).toEqual({ ok: true, format: 'csv', rows: [HEADER] });
	});

	const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, ...Array.from({ length: 500 }, (_, i) => (i * 7) % 256)]);
	const garbage = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
	it.each([
		['an empty file', new Uint8Array(), 'a.xlsx', 'upload.empty'],
		['a file over 5 MB', new Uint8Array(5 * 1024 * 1024 + 1), 'a.csv', 'upload.too_large'],
		['a .txt file', new TextEncoder().encode('姓名'), 'a.txt', 'upload.bad_type'],
		['a file without extension', new TextEncoder().encode('姓名'), 'roster', 'upload.bad_type'],
		['a renamed .exe', exe, 'roster.xlsx', 'upload.not_xlsx'],
		['a renamed .exe as CSV', exe, 'roster.csv', 'upload.not_text'],
		['garbage bytes', garbage, 'roster.csv', 'upload.not_text'],
		['garbage bytes as .xlsx', garbage, 'roster.xlsx', 'upload.not_xlsx'],
		['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'roster.xls', 'upload.xls'],
		['an encrypted .xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'roster.xlsx', 'upload.encrypted'],
		['a zip that is no workbook', zip([{ name: 'hello.txt', data: new TextEncoder().encode('hello') }]), 'roster.xlsx', 'upload.no_sheet'],
		['a workbook with broken XML', zip([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"') }]), 'roster.xlsx', 'upload.unreadable'],
		['a CSV with a broken quote', new TextEncoder().encode('姓名,手机号\n"张伟"x,1\n'), 'a.csv', 'upload.bad_csv']
	])('refuses %s with a message', async (_, bytes, name, code) => {
		const r = await readRosterFile(bytes, name);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.code).toBe(code);
		expect(r.message).toMatch(/\p{Script=Han}/u);
	});

	it('refuses a zip bomb before exceljs inflates it, even when the zip lies about the size', async () => {
		const big = new Uint8Array(MAX_UNZIPPED_BYTES + 1024);
		const honest = zip([{ name: 'xl/worksheets/sheet1.xml', data: big }]);
		const lying = zip([{ name: 'xl/worksheets/sheet1.xml', data: big, lie: 1000 }]);
		expect(honest.length).toBeLessThan(200_000);
		for (const bytes of [honest, lying]) {
			const r = await readRosterFile(bytes, 'bomb.xlsx');
			expect(r.ok ? null : r.code).toBe('upload.too_big_inside');
		}
	});

	it.each([
		[null, ''],
		[13812345678, '13812345678'],
		[1.5, '1.5'],
		[320102196001010011, '3.2010219600101e+17'],
		[true, 'TRUE'],
		[new Date(Date.UTC(2026, 2, 1)), '2026-03-01'],
		[{ text: '链接', hyperlink: 'http://x' }, '链接'],
		[{ error: '#N/A' }, '#N/A'],
		[{ sharedFormula: 'A1', result: 3 }, '=']
	])('cellText(%j) = %j', (value, text) => {
		expect(cellText(value as ExcelJS.CellValue)).toBe(text);
	});
});

describe('importRoster', () => {
	it('imports 5,000 generated rows in one transaction, well under 10 s', async () => {
		const { db, actor, county, sessionId } = setup({ capacity: 4000 });
		const enterprises = ['金陵机械有限公司', '钟山建材有限公司', ...Array.from({ length: 48 }, (_, i) => `新建企业${i + 1}有限公司`)];
		const t0 = performance.now();
		const file = await xlsxBytes([HEADER, ...rosterRows(5000, enterprises)]);
		const t1 = performance.now();
		const read = await readRosterFile(file, 'big.xlsx');
		const t2 = performance.now();
		if (!read.ok) throw new Error(read.message);
		const result = importRoster(db, actor, sessionId, read.rows, { createEnterprisesUnder: county, skipRows: [], fileName: 'big.xlsx', now: NOW });
		const t3 = performance.now();
		console.log(`5,000 rows: write xlsx ${Math.round(t1 - t0)} ms (test setup), read ${Math.round(t2 - t1)} ms, check + import ${Math.round(t3 - t2)} ms`);
		// Guards against pathological slowness (a query per row per row, say), not a benchmark: each step alone
		// stays far below 10 s even with the whole suite running in parallel on two cores.
		expect(t2 - t1).toBeLessThan(10_000);
		expect(t3 - t2).toBeLessThan(10_000);
		expect(result).toEqual({
			ok: true,
			counts: { rows: 5000, skipped: 0, traineesCreated: 5000, traineesMatched: 0, enterprisesCreated: 48, enrolled: 4000, waiting: 1000, promoted: 0 }
		});
		expect(tableCounts(db)).toEqual({ trainee: 5000, enrollment: 5000, unit: 3 + 50, audit: 1 });
		const created = db.select().from(unit).where(eq(unit.name, '新建企业1有限公司')).get()!;
		expect(created).toMatchObject({ kind: 'enterprise', parentId: county });
		const first = db.select().from(trainee).where(eq(trainee.idNumber, idFor(0))).get()!;
		expect(first).toMatchObject({ name: '王伟伟', nameInitials: 'www', phone: '13900000000', category: 'principal', createdAt: NOW });
		const audit = db.select().from(auditLog).get()!;
		expect(audit).toMatchObject({ action: 'training.roster_import', entity: 'training_session', entityId: String(sessionId), actorId: actor });
		expect(JSON.parse(audit.after!)).toMatchObject({ rows: 5000, enrolled: 4000, waiting: 1000, fileName: 'big.xlsx' });
		const waiting = db.select({ position: enrollment.position }).from(enrollment).where(eq(enrollment.status, 'waiting')).all();
		expect(Math.min(...waiting.map((w) => w.position))).toBe(4001);
	}, 30_000);

	it('writes nothing when one row of the file is bad, and names it', () => {
		const { db, actor, county, sessionId } = setup();
		const rows = [HEADER, ...rosterRows(300, ['金陵机械有限公司', '新兴化工有限公司'])];
		rows[150][2] = rows[150][2].slice(0, 17) + (rows[150][2][17] === '0' ? '1' : '0');
		const before = tableCounts(db);
		const result = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [], now: NOW });
		expect(result.ok).toBe(false);
		if (result.ok || result.code !== 'import.has_problems') throw new Error('expected problems');
		expect(result.validation.problems.map((p) => [p.row, p.column, p.code])).toEqual([[151, '身份证号', 'id.checksum']]);
		expect(result.message).toBe('名单中还有 1 处需要处理的问题，未导入任何人员');
		expect(tableCounts(db)).toEqual(before);
	});

	it('imports the rest once the trainer skips the named row', () => {
		const { db, actor, county, sessionId } = setup();
		const rows = [HEADER, ...rosterRows(10, ['金陵机械有限公司']), ['张三', '', '123', '金陵机械有限公司', '员工', '']];
		const result = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [12], now: NOW });
		expect(result).toMatchObject({ ok: true, counts: { rows: 10, skipped: 1, enrolled: 10 } });
	});

	it('an unknown enterprise blocks until confirmed, and cannot be confirmed without a region', () => {
		const { db, actor, county, sessionId } = setup();
		const rows = [HEADER, ...rosterRows(4, ['金陵机械有限公司', '新兴化工有限公司'])];
		const noRegion = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: null, skipRows: [], now: NOW });
		expect(noRegion.ok ? [] : 'validation' in noRegion && noRegion.validation.problems.map((p) => [p.row, p.code, p.kind])).toEqual([[3, 'enterprise.unknown', 'confirm']]);
		const unconfirmed = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [], confirmedEnterprises: [], now: NOW });
		expect(unconfirmed.ok).toBe(false);
		expect(tableCounts(db).trainee).toBe(0);
		const confirmed = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [], confirmedEnterprises: ['新兴化工有限公司'], now: NOW });
		expect(confirmed).toMatchObject({ ok: true, counts: { enterprisesCreated: 1, traineesCreated: 4 } });
	});

	it('matches people on record by ID number and refuses those already enrolled', () => {
		const { db, actor, county, sessionId } = setup();
		const rows = [HEADER, ...rosterRows(5, ['金陵机械有限公司'])];
		expect(importRoster(db, actor, sessionId, rows.slice(0, 3), { createEnterprisesUnder: county, skipRows: [], now: NOW }).ok).toBe(true);
		const again = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [], now: NOW });
		expect(again.ok ? [] : 'validation' in again && again.validation.problems.map((p) => [p.row, p.code])).toEqual([
			[2, 'id.enrolled'],
			[3, 'id.enrolled']
		]);
		const rest = importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [2, 3], now: NOW });
		expect(rest).toMatchObject({ ok: true, counts: { rows: 3, traineesCreated: 3, traineesMatched: 0 } });

		// The same people in a second session: matched, not created again.
		const other = db.insert(trainingSession).values({ ...db.select().from(trainingSession).get()!, id: undefined, yearSeq: 2, capacity: 2 }).returning().get().id;
		const second = importRoster(db, actor, other, rows, { createEnterprisesUnder: county, skipRows: [], now: NOW });
		expect(second).toMatchObject({ ok: true, counts: { traineesCreated: 0, traineesMatched: 5, enrolled: 2, waiting: 3 } });
		expect(tableCounts(db).trainee).toBe(5);
	});

	it('a name that differs from the one on record is named', () => {
		const { db, actor, county, sessionId } = setup();
		const rows = [HEADER, ...rosterRows(2, ['金陵机械有限公司'])];
		importRoster(db, actor, sessionId, rows, { createEnterprisesUnder: county, skipRows: [], now: NOW });
		const other = db.insert(trainingSession).values({ ...db.select().from(trainingSession).get()!, id: undefined, yearSeq: 2 }).returning().get().id;
		rows[1][0] = '王小伟';
		const r = checkRoster(db, rosterSession(db, other)!, rows, { now: NOW });
		expect(r.problems.map((p) => [p.row, p.column, p.code, p.params?.registered])).toEqual([[2, '姓名', 'id.name_mismatch', '王伟伟']]);
	});

	it("refuses a closed session and the template's example row", () => {
		const closed = setup({ status: 'ended' });
		expect(importRoster(closed.db, closed.actor, closed.sessionId, [HEADER, ...rosterRows(1, ['金陵机械有限公司'])], { createEnterprisesUnder: null, skipRows: [] })).toMatchObject({
			ok: false,
			code: 'import.session_closed'
		});
		const open = setup();
		const example = [ROSTER_EXAMPLE.name, ROSTER_EXAMPLE.phone, ROSTER_EXAMPLE.idNumber, ROSTER_EXAMPLE.enterprise, ROSTER_EXAMPLE.category, ROSTER_EXAMPLE.position];
		const r = checkRoster(open.db, rosterSession(open.db, open.sessionId)!, [HEADER, example], { now: NOW });
		expect(r.problems.map((p) => p.code)).toEqual(['row.example']);
	});
});

describe('the upload kept between 检查 and 导入', () => {
	it('is found only by its token, for the same user and session, and is gone after discarding', async () => {
		const bytes = new TextEncoder().encode('姓名\n张伟\n');
		const token = await stashUpload(bytes, { fileName: 'a.csv', userId: 1, sessionId: 2 });
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(await takeUpload(token, 1, 2)).toEqual({ bytes: Buffer.from(bytes), fileName: 'a.csv' });
		expect(await takeUpload(token, 9, 2)).toBeNull();
		expect(await takeUpload(token, 1, 3)).toBeNull();
		expect(await takeUpload('../../etc/passwd', 1, 2)).toBeNull();
		expect(await takeUpload(token, 1, 2, Date.now() + 61 * 60 * 1000)).toBeNull();
		expect(await takeUpload(token, 1, 2)).toBeNull();
		const other = await stashUpload(bytes, { fileName: 'a.csv', userId: 1, sessionId: 2 });
		await discardUpload(other);
		expect(await takeUpload(other, 1, 2)).toBeNull();
	});

	it('progress is visible only to the user who runs the import', () => {
		setImportProgress('t'.repeat(32), 5, 'importing', 5000);
		expect(importProgress('t'.repeat(32), 5)).toEqual({ phase: 'importing', rows: 5000 });
		expect(importProgress('t'.repeat(32), 6)).toBeNull();
	});
});
