/**
 * Backup and restore of the application's SQLite database (`npm run backup`, `npm run restore`).
 *
 * Backup uses SQLite's online backup API (better-sqlite3's `db.backup()`), so it can run while the server
 * writes: the copy is the database as committed at one instant. The whole copy is done in one backup
 * step, i.e. inside one read transaction, which in WAL mode does not block writers. better-sqlite3's
 * default copies 100 pages per step, and SQLite starts over whenever another connection wrote between two
 * steps: with a large database and a steady stream of autosaves, that can start over again and again.
 *
 * Restore refuses to replace a database that is in use. It tries to take an exclusive lock on it: every
 * connection to a WAL database holds a shared lock for as long as it is open, and the server keeps its
 * connections open from start to shutdown. So the lock is refused while a server (`npm start`,
 * `node build`, `vite dev`), a CLI or an sqlite3 shell has the file open. A pid file would not be better:
 * it is left behind by `kill -9` and a power cut, and it knows nothing of other programs that open the file.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { err, ok, type Result } from '../../domain/result';
import { MIGRATIONS_FOLDER } from './index';

export type BackupError =
	| 'backup.source_missing'
	| 'backup.target_exists'
	| 'backup.file_missing'
	| 'backup.not_sqlite'
	| 'backup.corrupt'
	| 'backup.not_ours'
	| 'backup.newer_version'
	| 'restore.same_file'
	| 'restore.in_use';

/** What a checked database file holds. */
export interface DatabaseFileInfo {
	bytes: number;
	/** Migrations applied to it. */
	migrations: number;
	/** Migrations of this program it lacks (the server applies them when it starts). */
	pendingMigrations: number;
	users: number;
}

/** Tables of the first migration: a file without them is not this application's database. */
const CORE_TABLES = ['__drizzle_migrations', 'user', 'user_role', 'session', 'audit_log', 'unit'];

/** Pages per backup step: all of them, so that the copy is taken in one read transaction. */
const ALL_PAGES = 0x7fffffff;

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Copies the database at `sourcePath` to `targetPath` (a new file) while other connections keep
 * writing. The copy is written beside the target first and renamed once it is checked, so a failed
 * backup never leaves a file under the target's name. The copy is a single file (rollback journal mode,
 * no -wal beside it).
 */
export async function backupDatabase(sourcePath: string, targetPath: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<Result<DatabaseFileInfo, BackupError>> {
	if (!existsSync(sourcePath)) return err('backup.source_missing', { path: sourcePath });
	if (existsSync(targetPath)) return err('backup.target_exists', { path: targetPath });
	if (resolve(sourcePath) === resolve(targetPath)) return err('backup.target_exists', { path: targetPath });
	mkdirSync(dirname(resolve(targetPath)), { recursive: true });
	const partial = `${targetPath}.part`;
	await copyDatabase(sourcePath, partial, false);
	const checked = checkDatabaseFile(partial, migrationsFolder);
	if (!checked.ok) {
		removeDatabaseFiles(partial);
		return checked;
	}
	renameSync(partial, targetPath);
	syncDirectory(targetPath);
	return checked;
}

/**
 * Checks that `path` is a sound database of this application: an SQLite file, PRAGMA integrity_check ok,
 * the tables of the first migration, and only migrations this program knows (a backup made by a newer
 * version is refused: this program would not know its tables). The file is opened read-only.
 */
export function checkDatabaseFile(path: string, migrationsFolder = MIGRATIONS_FOLDER): Result<DatabaseFileInfo, BackupError> {
	if (!existsSync(path) || !statSync(path).isFile()) return err('backup.file_missing', { path });
	if (readHeader(path) !== SQLITE_MAGIC) return err('backup.not_sqlite', { path });
	let db: Database.Database | undefined;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		const problems = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
		if (problems.join() !== 'ok') return err('backup.corrupt', { path, detail: problems.join('；') });
		const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
		const missing = CORE_TABLES.filter((t) => !tables.has(t));
		if (missing.length) return err('backup.not_ours', { path, detail: `缺少数据表 ${missing.join('、')}` });
		const applied = db.prepare('select hash, created_at as createdAt from __drizzle_migrations').all() as { hash: string; createdAt: number }[];
		const ours = readMigrationFiles({ migrationsFolder });
		const latest = Math.max(...ours.map((m) => m.folderMillis));
		for (const m of applied) {
			if (Number(m.createdAt) > latest) return err('backup.newer_version', { path });
			if (!ours.some((o) => o.folderMillis === Number(m.createdAt) && o.hash === m.hash)) return err('backup.not_ours', { path, detail: '其中的数据库迁移与本程序的不一致' });
		}
		const users = (db.prepare('select count(*) as n from user').get() as { n: number }).n;
		return ok({ bytes: statSync(path).size, migrations: applied.length, pendingMigrations: ours.length - applied.length, users });
	} catch (e) {
		// SQLITE_NOTADB, SQLITE_CORRUPT…: damaged beyond what integrity_check can report.
		return err('backup.corrupt', { path, detail: (e as Error).message });
	} finally {
		db?.close();
	}
}

/**
 * Whether some connection (this process's or another's) has the database open: an exclusive lock is
 * refused then (see the file comment). A file that is not a database is not in use by the server.
 */
export function isDatabaseInUse(path: string): boolean {
	if (!existsSync(path)) return false;
	let db: Database.Database | undefined;
	try {
		db = new Database(path, { fileMustExist: true });
		db.pragma('busy_timeout = 0');
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.exec('COMMIT');
		return false;
	} catch (e) {
		const code = (e as { code?: string }).code ?? '';
		if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
		return false;
	} finally {
		db?.close();
	}
}

export interface RestoreSummary extends DatabaseFileInfo {
	/** Where the database that was replaced now is (null when there was none). */
	previous: string | null;
}

/**
 * Puts the backup at `backupPath` in place of the database at `targetPath`, after checking the backup
 * (checkDatabaseFile) and that nobody has the target open. The replaced database is kept beside it as
 * `<target>.before-restore-<time>` (with its -wal when it had one), never deleted. A -wal or -shm
 * left of the old database must not stay: SQLite would replay that journal into the restored file.
 */
export async function restoreDatabase(backupPath: string, targetPath: string, now = new Date(), migrationsFolder = MIGRATIONS_FOLDER): Promise<Result<RestoreSummary, BackupError>> {
	if (resolve(backupPath) === resolve(targetPath)) return err('restore.same_file', { path: targetPath });
	const checked = checkDatabaseFile(backupPath, migrationsFolder);
	if (!checked.ok) return checked;
	if (isDatabaseInUse(targetPath)) return err('restore.in_use', { path: targetPath });
	mkdirSync(dirname(resolve(targetPath)), { recursive: true });
	const incoming = `${targetPath}.restoring`;
	// Through the backup API rather than a file copy: a backup file that has a -wal beside it (a copy of
	// a live database) is read with it.
	await copyDatabase(backupPath, incoming, true);
	// Checked again right before the swap: a server started meanwhile must not lose its file under it.
	if (isDatabaseInUse(targetPath)) {
		removeDatabaseFiles(incoming);
		return err('restore.in_use', { path: targetPath });
	}
	let previous: string | null = null;
	if (existsSync(targetPath)) {
		previous = `${targetPath}.before-restore-${stamp(now)}`;
		for (const suffix of ['', '-wal', '-shm']) if (existsSync(targetPath + suffix)) renameSync(targetPath + suffix, previous + suffix);
	}
	for (const suffix of ['-wal', '-shm', '-journal']) rmSync(targetPath + suffix, { force: true });
	renameSync(incoming, targetPath);
	syncDirectory(targetPath);
	return ok({ ...checked.value, previous });
}

/**
 * Copies a database with the backup API into a new single file (rollback journal mode, fsynced), in one
 * step: one read transaction of the source, never restarted by its writers.
 */
async function copyDatabase(from: string, to: string, readonly: boolean): Promise<void> {
	removeDatabaseFiles(to);
	const source = new Database(from, { fileMustExist: true, readonly });
	try {
		source.pragma('busy_timeout = 5000');
		await source.backup(to, { progress: () => ALL_PAGES });
	} catch (e) {
		removeDatabaseFiles(to);
		throw e;
	} finally {
		source.close();
	}
	const copy = new Database(to);
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
	syncFile(to);
}

function readHeader(path: string): string {
	const fd = openSync(path, 'r');
	try {
		const buf = Buffer.alloc(16);
		const n = readSync(fd, buf, 0, 16, 0);
		return buf.subarray(0, n).toString('latin1');
	} finally {
		closeSync(fd);
	}
}

function removeDatabaseFiles(path: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

function syncFile(path: string): void {
	const fd = openSync(path, 'r+');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Makes a rename durable (the directory entry), where the platform allows opening a directory. */
function syncDirectory(path: string): void {
	try {
		const fd = openSync(dirname(resolve(path)), 'r');
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Not supported on every platform (Windows); the rename itself has happened.
	}
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, e.g. 20261129-093005. */
function stamp(d: Date): string {
	return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
