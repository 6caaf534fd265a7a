import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { auditLog, session, unit } from '../db/schema';
import { createSession, generateSessionToken } from '../auth/session';
import { createUser, listUsers, resetPassword, setUserDisabled, updateUser, type UserInput } from './users';
import { attemptLogin } from '../auth/login';

const base: Omit<UserInput, 'username' | 'roles'> = { displayName: '某人', unitId: null, staffCategory: null, phone: null };

async function setup() {
	const db = createTestDb();
	const ent = db.insert(unit).values({ name: '某企业', kind: 'province' }).returning().get();
	const admin = await createUser(db, null, { ...base, username: 'admin', password: 'admin-pass-1', roles: ['admin'] });
	if (!admin.ok) throw new Error('setup');
	return { db, adminId: admin.value.id, provinceId: ent.id };
}

describe('createUser', () => {
	it('creates the user with roles and an audit row without the password hash', async () => {
		const { db, adminId } = await setup();
		const r = await createUser(db, adminId, { ...base, username: 'judge1', password: 'judge-pass-1', roles: ['judge', 'officer'] });
		expect(r.ok).toBe(true);
		const audit = db.select().from(auditLog).where(eq(auditLog.action, 'user.create')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0].actorId).toBe(adminId);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ username: 'judge1', roles: ['judge', 'officer'] });
		expect(audit[0].after).not.toContain('argon2');
	});

	it('refuses a taken username and writes nothing', async () => {
		const { db, adminId } = await setup();
		const before = db.select().from(auditLog).all().length;
		const r = await createUser(db, adminId, { ...base, username: 'admin', password: 'other-pass-1', roles: ['judge'] });
		expect(r).toEqual({ ok: false, error: { code: 'user.username_taken' } });
		expect(db.select().from(auditLog).all()).toHaveLength(before);
	});

	it('requires a learner-only account to belong to an enterprise', async () => {
		const { db, adminId, provinceId } = await setup();
		const noUnit = await createUser(db, adminId, { ...base, username: 'l1', password: 'learner-pass', roles: ['learner'] });
		const notEnterprise = await createUser(db, adminId, { ...base, unitId: provinceId, username: 'l2', password: 'learner-pass', roles: ['learner'] });
		expect(noUnit.ok ? 'ok' : noUnit.error.code).toBe('user.enterprise_required');
		expect(notEnterprise.ok ? 'ok' : notEnterprise.error.code).toBe('user.enterprise_required');
	});
});

describe('admin safeguards', () => {
	it('an admin cannot disable themself or drop their own admin role', async () => {
		const { db, adminId } = await setup();
		expect(setUserDisabled(db, adminId, adminId, true)).toEqual({ ok: false, error: { code: 'user.cannot_disable_self' } });
		expect(updateUser(db, adminId, adminId, { ...base, roles: ['trainer'] })).toEqual({
			ok: false,
			error: { code: 'user.cannot_drop_own_admin' }
		});
	});

	it('never leaves the system without an enabled admin', async () => {
		const { db, adminId } = await setup();
		const second = await createUser(db, adminId, { ...base, username: 'admin2', password: 'admin2-pass', roles: ['admin'] });
		if (!second.ok) throw new Error();
		// With two admins, one may demote the other…
		expect(updateUser(db, adminId, second.value.id, { ...base, roles: ['judge'] }).ok).toBe(true);
		// …but the last enabled admin can be neither disabled nor demoted, whoever asks.
		expect(setUserDisabled(db, second.value.id, adminId, true)).toEqual({ ok: false, error: { code: 'user.last_admin' } });
		expect(updateUser(db, second.value.id, adminId, { ...base, roles: ['trainer'] })).toEqual({
			ok: false,
			error: { code: 'user.last_admin' }
		});
	});
});

describe('disable and reset password', () => {
	it('disabling ends every session and is audited with before/after', async () => {
		const { db, adminId } = await setup();
		const u = await createUser(db, adminId, { ...base, username: 'o1', password: 'officer-pass', roles: ['officer'] });
		if (!u.ok) throw new Error();
		createSession(db, generateSessionToken(), u.value.id);
		createSession(db, generateSessionToken(), u.value.id);
		expect(setUserDisabled(db, adminId, u.value.id, true).ok).toBe(true);
		expect(db.select().from(session).where(eq(session.userId, u.value.id)).all()).toHaveLength(0);
		const row = db.select().from(auditLog).where(eq(auditLog.action, 'user.disable')).get()!;
		expect(JSON.parse(row.before!).isDisabled).toBe(false);
		expect(JSON.parse(row.after!).isDisabled).toBe(true);
	});

	it('a reset password works at once and the old one does not', async () => {
		const { db, adminId } = await setup();
		const u = await createUser(db, adminId, { ...base, username: 'o2', password: 'old-password', roles: ['officer'] });
		if (!u.ok) throw new Error();
		expect((await resetPassword(db, adminId, u.value.id, 'new-password')).ok).toBe(true);
		expect((await attemptLogin(db, { username: 'o2', password: 'old-password', ip: '1.1.1.1' })).ok).toBe(false);
		expect((await attemptLogin(db, { username: 'o2', password: 'new-password', ip: '1.1.1.1' })).ok).toBe(true);
	});
});

describe('listUsers', () => {
	it('filters by role, status and text (with LIKE wildcards taken literally) and pages', async () => {
		const { db, adminId } = await setup();
		for (let i = 1; i <= 25; i++) {
			await createUser(db, adminId, { ...base, displayName: `队员${i}`, username: `officer${i}`, password: 'officer-pass', roles: ['officer'] });
		}
		await createUser(db, adminId, { ...base, displayName: '百分之百%', username: 'pct', password: 'pct-pass-1', roles: ['judge'] });
		expect(listUsers(db, { role: 'officer', page: 1, pageSize: 10 }).total).toBe(25);
		expect(listUsers(db, { role: 'officer', page: 3, pageSize: 10 }).rows).toHaveLength(5);
		expect(listUsers(db, { q: '%', page: 1, pageSize: 10 }).rows.map((r) => r.username)).toEqual(['pct']);
		expect(listUsers(db, { q: 'officer1', page: 1, pageSize: 50 }).total).toBe(11); // officer1, officer10–19
		setUserDisabled(db, adminId, listUsers(db, { q: 'officer25', page: 1, pageSize: 1 }).rows[0].id, true);
		expect(listUsers(db, { status: 'disabled', page: 1, pageSize: 10 }).rows.map((r) => r.username)).toEqual(['officer25']);
	});
});
