import { migrateDb, openDb, type Db } from './index';

/** A fresh in-memory database with every migration applied; give each test its own. */
export function createTestDb(): Db {
	const db = openDb(':memory:');
	migrateDb(db);
	return db;
}
