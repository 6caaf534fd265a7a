import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from './db';
import { createTestDb } from './db/test-db';
import { auditLog, user } from './db/schema';
import { chinaDayStart, diffSnapshots, listAudit } from './audit-query';
import { createUnit, updateUnit, type UnitInput } from './unit/units';
import { setUserDisabled } from './user/users';

const HOUR = 3_600_000;

function addUser(db: Db, username: string, displayName: string): number {
	return db.insert(user).values({ username, displayName, passwordHash: 'not-a-hash' }).returning({ id: user.id }).get().id;
}

function unitInput(over: Partial<UnitInput>): UnitInput {
	return { parentId: null, name: '江西省', kind: 'province', sector: null, address: null, legalRepresentative: null, creditCode: null, ...over };
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
	if (!r.ok) throw new Error(`use-case refused: ${r.error.code}`);
	return r.value;
}

/**
 * Builds an audit trail at known instants (China time, UTC+8):
 *   #1 2024-05-01 09:00  zhang  unit.create  江西省
 *   #2 2024-05-01 23:30  zhang  unit.create  上饶市
 *   #3 2024-05-02 00:30  li     unit.update  上饶市 → 上饶市（改）
 *   #4 2024-05-03 10:00  li     user.disable wang
 */
function seedTrail(db: Db) {
	const zhang = addUser(db, 'zhang', '张管理');
	const li = addUser(db, 'li', '李审核');
	const wang = addUser(db, 'wang', '王学员');
	vi.setSystemTime(new Date('2024-05-01T09:00:00+08:00'));
	const province = must(createUnit(db, zhang, unitInput({}))).id;
	vi.setSystemTime(new Date('2024-05-01T23:30:00+08:00'));
	const city = must(createUnit(db, zhang, unitInput({ parentId: province, name: '上饶市', kind: 'city' }))).id;
	vi.setSystemTime(new Date('2024-05-02T00:30:00+08:00'));
	must(updateUnit(db, li, city, unitInput({ parentId: province, name: '上饶市（改）', kind: 'city' })));
	vi.setSystemTime(new Date('2024-05-03T10:00:00+08:00'));
	must(setUserDisabled(db, li, wang, true));
	return { zhang, li, wang, province, city };
}

describe('listAudit', () => {
	let db: Db;
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['Date'] });
		db = createTestDb();
	});
	afterEach(() => {
		vi.useRealTimers();
		db.$client.close();
	});

	it('lists every row newest first, with the actor names and parsed snapshots', () => {
		const t = seedTrail(db);
		const { total, page, rows } = listAudit(db, {});
		expect(total).toBe(4);
		expect(page).toBe(1);
		expect(rows.map((r) => r.action)).toEqual(['user.disable', 'unit.update', 'unit.create', 'unit.create']);
		expect(rows[0]).toMatchObject({ actorId: t.li, actorUsername: 'li', actorDisplayName: '李审核', entity: 'user', entityId: String(t.wang) });
		const update = rows[1];
		expect(update.before).toMatchObject({ name: '上饶市' });
		expect(update.after).toMatchObject({ name: '上饶市（改）' });
		expect(update.changes).toEqual([{ key: 'name', before: '上饶市', after: '上饶市（改）' }]);
		// A create has nothing to compare with: the page shows the after snapshot instead.
		expect(rows[3]).toMatchObject({ before: null, after: { name: '江西省', kind: 'province' }, changes: [] });
	});

	it('filters by entity exactly', () => {
		seedTrail(db);
		expect(listAudit(db, { entity: 'unit' }).rows.map((r) => r.action)).toEqual(['unit.update', 'unit.create', 'unit.create']);
		expect(listAudit(db, { entity: 'user' }).rows.map((r) => r.action)).toEqual(['user.disable']);
		expect(listAudit(db, { entity: 'uni' }).total).toBe(0);
	});

	it('filters by action text', () => {
		seedTrail(db);
		expect(listAudit(db, { action: 'unit.update' }).rows.map((r) => r.action)).toEqual(['unit.update']);
		expect(listAudit(db, { action: 'unit.' }).total).toBe(3);
		expect(listAudit(db, { action: 'create' }).total).toBe(2);
		// LIKE wildcards typed by the user are literal characters, not "match anything".
		expect(listAudit(db, { action: '%' }).total).toBe(0);
		expect(listAudit(db, { action: 'unit_update' }).total).toBe(0);
	});

	it('filters by actor id, username or display name', () => {
		const t = seedTrail(db);
		const actorsOf = (actor: string) => listAudit(db, { actor }).rows.map((r) => r.actorUsername);
		expect(actorsOf(String(t.zhang))).toEqual(['zhang', 'zhang']);
		expect(actorsOf(String(t.li))).toEqual(['li', 'li']);
		expect(actorsOf('ZHA')).toEqual(['zhang', 'zhang']);
		expect(actorsOf('李审')).toEqual(['li', 'li']);
		expect(actorsOf(String(t.wang))).toEqual([]);
		expect(actorsOf('nobody')).toEqual([]);
		expect(actorsOf('%')).toEqual([]);
	});

	it('filters by China-time calendar days, both ends inclusive', () => {
		seedTrail(db);
		const idsOn = (from: string | null, to: string | null) => listAudit(db, { from, to }).rows.map((r) => r.action);
		// 23:30 on 1 May and 00:30 on 2 May are the same UTC day; only China time tells them apart.
		expect(idsOn('2024-05-01', '2024-05-01')).toEqual(['unit.create', 'unit.create']);
		expect(idsOn('2024-05-02', '2024-05-02')).toEqual(['unit.update']);
		expect(idsOn('2024-05-02', null)).toEqual(['user.disable', 'unit.update']);
		expect(idsOn(null, '2024-05-02')).toEqual(['unit.update', 'unit.create', 'unit.create']);
		expect(idsOn('2024-05-04', null)).toEqual([]);
	});

	it('combines filters', () => {
		const t = seedTrail(db);
		const { rows } = listAudit(db, { actor: 'zhang', entity: 'unit', from: '2024-05-01', to: '2024-05-01', action: 'create' });
		expect(rows.map((r) => r.entityId)).toEqual([String(t.city), String(t.province)]);
	});

	it('pages newest first and clamps a page past the end to the last page', () => {
		const admin = addUser(db, 'admin', '管理员');
		const start = new Date('2024-06-01T08:00:00+08:00').getTime();
		for (let i = 0; i < 7; i++) {
			vi.setSystemTime(start + i * HOUR);
			must(createUnit(db, admin, unitInput({ name: `省${i}` })));
		}
		const names = (page: number) =>
			listAudit(db, { page, pageSize: 3 }).rows.map((r) => (r.after as { name: string }).name);
		expect(names(1)).toEqual(['省6', '省5', '省4']);
		expect(names(2)).toEqual(['省3', '省2', '省1']);
		expect(names(3)).toEqual(['省0']);
		const past = listAudit(db, { page: 99, pageSize: 3 });
		expect(past).toMatchObject({ total: 7, page: 3 });
		expect(past.rows).toHaveLength(1);
		expect(listAudit(db, {}).pageSize).toBe(50);
	});

	it('shows the system as actor and keeps a malformed snapshot as text', () => {
		db.insert(auditLog).values({ at: Date.now(), actorId: null, action: 'legacy.import', entity: 'system', before: '{broken', after: null }).run();
		const [row] = listAudit(db, {}).rows;
		expect(row).toMatchObject({ actorId: null, actorUsername: null, before: '{broken', after: null, changes: [] });
	});
});

describe('chinaDayStart', () => {
	it('is midnight UTC+8', () => {
		expect(chinaDayStart('2024-05-02')).toBe(Date.parse('2024-05-01T16:00:00Z'));
		expect(chinaDayStart('2024-03-01') - chinaDayStart('2024-02-29')).toBe(24 * HOUR);
	});
	it('refuses text that is not yyyy-mm-dd', () => {
		expect(() => chinaDayStart('2024-5-2')).toThrow();
	});
});

describe('diffSnapshots', () => {
	const cases: { name: string; before: unknown; after: unknown; keys: string[] }[] = [
		{ name: 'only changed keys', before: { a: 1, b: 'x', c: true }, after: { a: 1, b: 'y', c: false }, keys: ['b', 'c'] },
		{ name: 'arrays compare by content', before: { roles: ['admin'] }, after: { roles: ['admin'] }, keys: [] },
		{ name: 'added and removed keys', before: { a: 1 }, after: { b: 2 }, keys: ['a', 'b'] },
		{ name: 'missing and null are the same', before: { a: null }, after: {}, keys: [] },
		{ name: 'create has no diff', before: null, after: { a: 1 }, keys: [] },
		{ name: 'non-objects have no diff', before: 'x', after: 'y', keys: [] }
	];
	it.each(cases)('$name', ({ before, after, keys }) => {
		expect(diffSnapshots(before, after).map((c) => c.key)).toEqual(keys);
	});
});
