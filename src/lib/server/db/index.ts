import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(process.env.MIGRATIONS_FOLDER ?? 'drizzle');

/** Opens (creating if needed) the SQLite file with WAL, foreign keys and a busy timeout. */
export function openDb(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// WAL + NORMAL is durable across process crashes (kill -9); only an OS crash could lose the last commit.
	sqlite.pragma('synchronous = NORMAL');
	return drizzle(sqlite, { schema }) as Db;
}

export function migrateDb(db: Db): void {
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export function databasePath(): string {
	return process.env.DATABASE_URL || 'data/app.db';
}

let instance: Db | undefined;

/** The application's database, opened on first use (so that building the app never touches a file). */
export function getDb(): Db {
	instance ??= openDb(databasePath());
	return instance;
}

/**
 * Memoises something built once per database, typically prepared statements: `build` runs on the first
 * call for a database and its result is kept as long as that database object lives (tests open many).
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
	const built = new WeakMap<Db, T>();
	return (db) => {
		let value = built.get(db);
		if (value === undefined) built.set(db, (value = build(db)));
		return value;
	};
}

/**
 * A transaction for hot paths, built once per database: the same deferred better-sqlite3 transaction
 * `db.transaction` runs (savepoints when nested), without drizzle's per-call transaction objects. `fn`
 * gets the database, not a drizzle `tx`: its queries (prepared or not) share the one connection, so
 * they run inside the transaction, and a throw rolls it back.
 */
export function preparedTransaction<A extends unknown[], R>(fn: (db: Db, ...args: A) => R): (db: Db, ...args: A) => R {
	const perDb = perDatabase((db) => db.$client.transaction((...args: A) => fn(db, ...args)).deferred);
	return (db, ...args) => perDb(db)(...args);
}

export function closeDb(): void {
	instance?.$client.close();
	instance = undefined;
}

export { schema };
