import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateDb, openDb } from './index';
import { user } from './schema';
import { backupDatabase, checkDatabaseFile, isDatabaseInUse, restoreDatabase } from './backup';

const MIGRATIONS = 9; // drizzle/0000 … 0008

let dirs: string[] = [];
let children: ChildProcess[] = [];
afterEach(() => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	children = [];
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	dirs = [];
});

function tempDir(): string {
	const d = mkdtempSync(join(tmpdir(), 'zhifa-backup-test-'));
	dirs.push(d);
	return d;
}

/** A migrated database file with `users` users named `<prefix>1…`, each with a role; closed again. */
function makeDatabase(path: string, users = 3, prefix = 'u'): void {
	const db = openDb(path);
	migrateDb(db);
	const addUser = db.$client.prepare("insert into user (username, display_name, password_hash) values (?, ?, 'x')");
	const addRole = db.$client.prepare("insert into user_role (user_id, role) values (?, 'learner')");
	db.$client.transaction(() => {
		for (let i = 1; i <= users; i++) addRole.run(addUser.run(`${prefix}${i}`, `${prefix}${i}`).lastInsertRowid);
	})();
	db.$client.close();
}

function usernames(path: string): string[] {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return (db.prepare('select username from user order by id').all() as { username: string }[]).map((r) => r.username);
	} finally {
		db.close();
	}
}

/**
 * A child process that opens `path` as the server does (WAL) and then runs `script` (with `db` in
 * scope); it prints "ready" once the database is open. Lines it prints arrive in `lines`.
 */
function child(path: string, script: string): { proc: ChildProcess; lines: string[]; ready: Promise<void> } {
	const code = `
		const Database = require('better-sqlite3');
		const db = new Database(process.env.DB);
		db.pragma('journal_mode = WAL');
		db.pragma('busy_timeout = 5000');
		db.pragma('synchronous = NORMAL');
		console.log('ready');
		${script}
	`;
	const proc = spawn(process.execPath, ['-e', code], { env: { ...process.env, DB: path }, stdio: ['ignore', 'pipe', 'inherit'] });
	children.push(proc);
	const lines: string[] = [];
	let rest = '';
	let resolveReady: () => void;
	const ready = new Promise<void>((r) => (resolveReady = r));
	proc.stdout!.on('data', (b: Buffer) => {
		const parts = (rest + b.toString()).split('\n');
		rest = parts.pop()!;
		for (const line of parts) {
			if (line === 'ready') resolveReady();
			else lines.push(line);
		}
	});
	return { proc, lines, ready };
}

const exited = (proc: ChildProcess) => new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));

describe('checkDatabaseFile', () => {
	it('accepts a migrated database of ours and says what it holds', () => {
		const path = join(tempDir(), 'app.db');
		makeDatabase(path, 3);
		const r = checkDatabaseFile(path);
		expect(r).toEqual({ ok: true, value: { bytes: statSync(path).size, migrations: MIGRATIONS, pendingMigrations: 0, users: 3 } });
	});

	it('refuses a missing file, a file that is not SQLite, and an SQLite file of something else', () => {
		const dir = tempDir();
		expect(checkDatabaseFile(join(dir, 'none.db'))).toMatchObject({ ok: false, error: { code: 'backup.file_missing' } });
		writeFileSync(join(dir, 'notes.txt'), '这不是数据库'.repeat(100));
		expect(checkDatabaseFile(join(dir, 'notes.txt'))).toMatchObject({ ok: false, error: { code: 'backup.not_sqlite' } });
		const other = new Database(join(dir, 'other.db'));
		other.exec('create table photo (id integer primary key, name text)');
		other.close();
		expect(checkDatabaseFile(join(dir, 'other.db'))).toMatchObject({ ok: false, error: { code: 'backup.not_ours', params: { detail: expect.stringContaining('__drizzle_migrations') } } });
	});

	it('refuses a backup from a newer version, and one whose migrations are not ours', () => {
		const dir = tempDir();
		const newer = join(dir, 'newer.db');
		makeDatabase(newer);
		const db = new Database(newer);
		db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('f'.repeat(64), 4_102_444_800_000); // 2100
		db.close();
		expect(checkDatabaseFile(newer)).toMatchObject({ ok: false, error: { code: 'backup.newer_version' } });
		const edited = join(dir, 'edited.db');
		makeDatabase(edited);
		const db2 = new Database(edited);
		db2.prepare('update __drizzle_migrations set hash = ? where rowid = (select min(rowid) from __drizzle_migrations)').run('0'.repeat(64));
		db2.close();
		expect(checkDatabaseFile(edited)).toMatchObject({ ok: false, error: { code: 'backup.not_ours' } });
	});

	it('reports an older backup’s missing migrations (the server applies them at start)', () => {
		const path = join(tempDir(), 'old.db');
		makeDatabase(path);
		const db = new Database(path);
		db.prepare('delete from __drizzle_migrations where rowid = (select max(rowid) from __drizzle_migrations)').run();
		db.close();
		expect(checkDatabaseFile(path)).toMatchObject({ ok: true, value: { migrations: MIGRATIONS - 1, pendingMigrations: 1 } });
	});

	it('refuses a damaged file: integrity_check fails or SQLite cannot read it', () => {
		const path = join(tempDir(), 'damaged.db');
		makeDatabase(path, 500);
		const bytes = readFileSync(path);
		const pageSize = bytes.readUInt16BE(16);
		// Garbage over pages 3–6 (b-tree pages of the first tables), the header left intact.
		for (let i = 2 * pageSize; i < 6 * pageSize; i++) bytes[i] = (i * 7919) % 251;
		writeFileSync(path, bytes);
		const r = checkDatabaseFile(path);
		expect(r).toMatchObject({ ok: false, error: { code: 'backup.corrupt' } });
	});
});

describe('backupDatabase', () => {
	it('copies the database, including what is still in the WAL of an open connection, into one checked file', async () => {
		const dir = tempDir();
		const source = join(dir, 'app.db');
		makeDatabase(source, 2);
		// A connection that keeps its last writes in the -wal (no checkpoint), as a running server does.
		const live = openDb(source);
		live.$client.pragma('wal_autocheckpoint = 0');
		live.insert(user).values({ username: 'in-wal', displayName: 'in-wal', passwordHash: 'x' }).run();
		expect(statSync(`${source}-wal`).size).toBeGreaterThan(0);
		const target = join(dir, 'backups', 'app-backup.db');
		const r = await backupDatabase(source, target);
		live.$client.close();
		expect(r).toMatchObject({ ok: true, value: { migrations: MIGRATIONS, users: 3 } });
		expect(usernames(target)).toEqual(['u1', 'u2', 'in-wal']);
		expect(existsSync(`${target}-wal`) || existsSync(`${target}.part`)).toBe(false);
		const copy = new Database(target, { readonly: true });
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		copy.close();
	});

	it('never overwrites an existing file, and says when the database is missing', async () => {
		const dir = tempDir();
		const source = join(dir, 'app.db');
		makeDatabase(source);
		writeFileSync(join(dir, 'taken.db'), 'keep me');
		expect(await backupDatabase(source, join(dir, 'taken.db'))).toMatchObject({ ok: false, error: { code: 'backup.target_exists' } });
		expect(readFileSync(join(dir, 'taken.db'), 'utf8')).toBe('keep me');
		expect(await backupDatabase(join(dir, 'none.db'), join(dir, 'b.db'))).toMatchObject({ ok: false, error: { code: 'backup.source_missing' } });
		expect(existsSync(join(dir, 'b.db'))).toBe(false);
	});

	it('under load: a backup taken while another process writes, once restored, holds every write acknowledged before it began, consistently', async () => {
		const dir = tempDir();
		const source = join(dir, 'app.db');
		makeDatabase(source, 30_000, 'base'); // ~500 pages: a backup in 100-page steps would be restarted by every write
		// The writer: one transaction per user and its role, printing the id once committed.
		const writer = child(
			source,
			`const add = db.transaction((i) => {
				const id = db.prepare("insert into user (username, display_name, password_hash) values (?, ?, 'x')").run('load' + i, '负载' + i).lastInsertRowid;
				db.prepare("insert into user_role (user_id, role) values (?, 'learner')").run(id);
				return id;
			});
			let i = 0;
			const tick = () => { for (let k = 0; k < 20; k++) console.log(String(add(++i))); setImmediate(tick); };
			tick();`
		);
		await writer.ready;
		while (writer.lines.length < 300) await new Promise((r) => setTimeout(r, 5));
		const acknowledgedBefore = writer.lines.map(Number);
		const backup = join(dir, 'backup.db');
		const r = await backupDatabase(source, backup);
		const writtenBy = writer.lines.length;
		await new Promise((r) => setTimeout(r, 50));
		const writtenAfter = writer.lines.length;
		writer.proc.kill('SIGKILL');
		await exited(writer.proc);
		expect(r.ok).toBe(true);
		// The writer kept writing while the backup ran and after it.
		expect(writtenAfter).toBeGreaterThan(writtenBy);

		const restored = join(dir, 'restored', 'app.db');
		const rr = await restoreDatabase(backup, restored);
		expect(rr).toMatchObject({ ok: true, value: { previous: null, migrations: MIGRATIONS } });
		const db = new Database(restored, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			const ids = new Set((db.prepare('select id from user').all() as { id: number }[]).map((u) => u.id));
			const missing = acknowledgedBefore.filter((id) => !ids.has(id));
			expect(missing).toEqual([]);
			// One instant of the database: every user written has its role, no transaction is half there.
			expect(db.prepare('select count(*) as n from user where id not in (select user_id from user_role)').get()).toEqual({ n: 0 });
			expect(ids.size).toBeGreaterThanOrEqual(30_000 + acknowledgedBefore.length);
		} finally {
			db.close();
		}
	});
});

describe('isDatabaseInUse and restoreDatabase', () => {
	it('sees a connection of another process, even an idle one, and of this process', async () => {
		const path = join(tempDir(), 'app.db');
		makeDatabase(path);
		expect(isDatabaseInUse(path)).toBe(false);
		const server = child(path, 'setInterval(() => {}, 1000);');
		await server.ready;
		expect(isDatabaseInUse(path)).toBe(true);
		server.proc.kill('SIGTERM');
		await exited(server.proc);
		expect(isDatabaseInUse(path)).toBe(false);
		const here = openDb(path);
		expect(isDatabaseInUse(path)).toBe(true);
		here.$client.close();
		expect(isDatabaseInUse(join(tempDir(), 'none.db'))).toBe(false);
	});

	it('refuses to replace a database a running process has open, and changes nothing', async () => {
		const dir = tempDir();
		const target = join(dir, 'app.db');
		const backup = join(dir, 'backup.db');
		makeDatabase(target, 2, 'live');
		makeDatabase(backup, 1, 'old');
		const server = child(target, 'setInterval(() => {}, 1000);');
		await server.ready;
		const r = await restoreDatabase(backup, target);
		expect(r).toMatchObject({ ok: false, error: { code: 'restore.in_use', params: { path: target } } });
		server.proc.kill('SIGTERM');
		await exited(server.proc);
		expect(usernames(target)).toEqual(['live1', 'live2']);
		expect(existsSync(`${target}.restoring`)).toBe(false);
	});

	it('replaces a crashed database without replaying its stale -wal, and keeps the old one with its WAL', async () => {
		const dir = tempDir();
		const target = join(dir, 'app.db');
		const backup = join(dir, 'backup.db');
		makeDatabase(target, 1, 'current');
		makeDatabase(backup, 2, 'backup');
		// A server killed with -9 right after a write: the write is only in app.db-wal.
		const crashed = child(target, `db.pragma('wal_autocheckpoint = 0'); db.prepare("insert into user (username, display_name, password_hash) values ('last', 'last', 'x')").run(); console.log('written'); setInterval(() => {}, 1000);`);
		while (!crashed.lines.includes('written')) await new Promise((r) => setTimeout(r, 5));
		crashed.proc.kill('SIGKILL');
		await exited(crashed.proc);
		expect(statSync(`${target}-wal`).size).toBeGreaterThan(0);

		const r = await restoreDatabase(backup, target, new Date(2026, 10, 29, 9, 30, 5));
		const previous = `${target}.before-restore-20261129-093005`;
		expect(r).toEqual({ ok: true, value: { bytes: statSync(backup).size, migrations: MIGRATIONS, pendingMigrations: 0, users: 2, previous } });
		expect(usernames(target)).toEqual(['backup1', 'backup2']);
		expect(checkDatabaseFile(target).ok).toBe(true);
		expect(existsSync(`${target}-wal`)).toBe(false);
		expect(usernames(previous)).toEqual(['current1', 'last']);
	});

	it('refuses a bad backup before touching the database, and a backup that is the database itself', async () => {
		const dir = tempDir();
		const target = join(dir, 'app.db');
		makeDatabase(target, 1, 'keep');
		writeFileSync(join(dir, 'bad.db'), 'not a database at all');
		expect(await restoreDatabase(join(dir, 'bad.db'), target)).toMatchObject({ ok: false, error: { code: 'backup.not_sqlite' } });
		expect(await restoreDatabase(target, target)).toMatchObject({ ok: false, error: { code: 'restore.same_file' } });
		expect(usernames(target)).toEqual(['keep1']);
		expect(existsSync(`${target}.restoring`)).toBe(false);
	});
});
