import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from './test-db';
import { user } from './schema';
import { perDatabase, preparedTransaction } from './index';

const account = (username: string) => ({ username, displayName: username, passwordHash: 'x' });

describe('perDatabase', () => {
	it('builds once per database and never hands one database’s statements to another', () => {
		let builds = 0;
		const byName = perDatabase((db) => {
			builds++;
			return db.select({ id: user.id }).from(user).where(eq(user.username, sql.placeholder('name'))).prepare();
		});
		const [a, b] = [createTestDb(), createTestDb()];
		a.insert(user).values(account('a')).run();
		b.insert(user).values([account('b'), account('a')]).run();
		expect(byName(a).get({ name: 'a' })).toEqual({ id: 1 });
		expect(byName(b).get({ name: 'a' })).toEqual({ id: 2 });
		expect(byName(a)).toBe(byName(a));
		expect(builds).toBe(2);
	});
});

describe('preparedTransaction', () => {
	const addTwo = preparedTransaction((db, first: string, second: string) => {
		db.insert(user).values(account(first)).run();
		db.insert(user).values(account(second)).run(); // usernames are unique: a duplicate throws
		return 'done';
	});
	const names = (db: ReturnType<typeof createTestDb>) => db.select({ name: user.username }).from(user).all().map((u) => u.name);

	it('commits and returns what the function returns', () => {
		const db = createTestDb();
		expect(addTwo(db, 'a', 'b')).toBe('done');
		expect(db.$client.inTransaction).toBe(false);
		expect(names(db)).toEqual(['a', 'b']);
	});

	it('rolls everything back when the function throws', () => {
		const db = createTestDb();
		expect(() => addTwo(db, 'c', 'c')).toThrow(/UNIQUE/);
		expect(db.$client.inTransaction).toBe(false);
		expect(names(db)).toEqual([]);
	});

	it('nests inside db.transaction: the outer rollback undoes it', () => {
		const db = createTestDb();
		expect(() =>
			db.transaction(() => {
				addTwo(db, 'a', 'b');
				throw new Error('outer fails');
			})
		).toThrow('outer fails');
		expect(names(db)).toEqual([]);
	});
});
