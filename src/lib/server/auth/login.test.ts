import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { loginFailure } from '../db/schema';
import { createUser, setUserDisabled } from '../user/users';
import { attemptLogin } from './login';

const MIN = 60_000;

async function setup() {
	const db = createTestDb();
	const admin = await createUser(db, null, { username: 'admin', displayName: '管理员', password: 'admin-pass-1', unitId: null, staffCategory: null, phone: null, roles: ['admin'] });
	const officer = await createUser(db, null, { username: 'officer1', displayName: '队员', password: 'officer-pass-1', unitId: null, staffCategory: null, phone: null, roles: ['officer'] });
	if (!admin.ok || !officer.ok) throw new Error('setup failed');
	return { db, adminId: admin.value.id, officerId: officer.value.id };
}

afterEach(() => {
	delete process.env.LOGIN_IP_MAX_FAILURES;
});

describe('attemptLogin', () => {
	it('accepts the right password, case-insensitive username', async () => {
		const { db, officerId } = await setup();
		const r = await attemptLogin(db, { username: ' Officer1 ', password: 'officer-pass-1', ip: '10.0.0.1' });
		expect(r).toEqual({ ok: true, value: { userId: officerId } });
	});

	it('gives the same error for an unknown user and a wrong password', async () => {
		const { db } = await setup();
		const a = await attemptLogin(db, { username: 'officer1', password: 'nope', ip: '10.0.0.1' });
		const b = await attemptLogin(db, { username: 'ghost', password: 'nope', ip: '10.0.0.2' });
		expect(a).toEqual({ ok: false, error: { code: 'auth.invalid_credentials' } });
		expect(b).toEqual(a);
	});

	it('locks an account after 5 failures in 15 minutes, from any IP, and unlocks later', async () => {
		const { db } = await setup();
		const t0 = Date.UTC(2026, 10, 29, 8);
		for (let i = 0; i < 5; i++) {
			const r = await attemptLogin(db, { username: 'officer1', password: 'bad', ip: `10.0.0.${i}` }, t0 + i * MIN);
			expect(r.ok).toBe(false);
		}
		const locked = await attemptLogin(db, { username: 'officer1', password: 'officer-pass-1', ip: '10.9.9.9' }, t0 + 5 * MIN);
		expect(locked).toEqual({ ok: false, error: { code: 'auth.throttled', params: { minutes: 14 } } });
		const later = await attemptLogin(db, { username: 'officer1', password: 'officer-pass-1', ip: '10.9.9.9' }, t0 + 20 * MIN);
		expect(later.ok).toBe(true);
	});

	it('locks an IP after 5 failures across accounts; other IPs are unaffected', async () => {
		const { db } = await setup();
		const t0 = Date.UTC(2026, 10, 29, 8);
		const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
		for (const [i, username] of names.entries()) await attemptLogin(db, { username, password: 'x', ip: '10.1.1.1' }, t0 + i * 1000);
		const sameIp = await attemptLogin(db, { username: 'admin', password: 'admin-pass-1', ip: '10.1.1.1' }, t0 + 10_000);
		expect(sameIp.ok ? 'ok' : sameIp.error.code).toBe('auth.throttled');
		const otherIp = await attemptLogin(db, { username: 'admin', password: 'admin-pass-1', ip: '10.1.1.2' }, t0 + 10_000);
		expect(otherIp.ok).toBe(true);
	});

	it('honours LOGIN_IP_MAX_FAILURES for venues behind one address', async () => {
		process.env.LOGIN_IP_MAX_FAILURES = '20';
		const { db } = await setup();
		const t0 = Date.UTC(2026, 10, 29, 8);
		for (let i = 0; i < 6; i++) await attemptLogin(db, { username: `u${i}`, password: 'x', ip: '10.1.1.1' }, t0 + i * 1000);
		const r = await attemptLogin(db, { username: 'admin', password: 'admin-pass-1', ip: '10.1.1.1' }, t0 + 10_000);
		expect(r.ok).toBe(true);
	});

	it('a success clears the account failures but keeps the IP record', async () => {
		const { db } = await setup();
		const t0 = Date.UTC(2026, 10, 29, 8);
		for (let i = 0; i < 3; i++) await attemptLogin(db, { username: 'officer1', password: 'bad', ip: '10.0.0.1' }, t0 + i);
		await attemptLogin(db, { username: 'officer1', password: 'officer-pass-1', ip: '10.0.0.1' }, t0 + 10);
		const keys = db.select().from(loginFailure).all().map((r) => r.key);
		expect(keys).toEqual(['ip:10.0.0.1', 'ip:10.0.0.1', 'ip:10.0.0.1']);
	});

	it('tells a disabled user so only after the right password', async () => {
		const { db, adminId, officerId } = await setup();
		expect(setUserDisabled(db, adminId, officerId, true).ok).toBe(true);
		const right = await attemptLogin(db, { username: 'officer1', password: 'officer-pass-1', ip: '10.0.0.1' });
		const wrong = await attemptLogin(db, { username: 'officer1', password: 'bad', ip: '10.0.0.1' });
		expect(right.ok ? 'ok' : right.error.code).toBe('auth.disabled');
		expect(wrong.ok ? 'ok' : wrong.error.code).toBe('auth.invalid_credentials');
	});
});
