import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { createTestDb } from '$lib/server/db/test-db';
import { session, sheetEntry, user, userRole } from '$lib/server/db/schema';
import { createSession, generateSessionToken, hashSessionToken, SESSION_LIFETIME_MS, type SessionUser } from '$lib/server/auth/session';
import { createScenario, publishScenario, updateDraft } from '$lib/server/scenario/scenarios';
import { createDrill, openStage } from '$lib/server/drill/drills';
import { officerSheet } from '$lib/server/drill/sheets';
import { fixtureScenario } from '$lib/domain/scenario/test-fixture';
import { ok } from '$lib/domain/result';
import { createFastSave, SetCookies } from './fast-save';

/**
 * The fast path on a real HTTP server, side by side with the SvelteKit endpoint it stands in for: two
 * databases set up alike, the same requests to both, the same statuses and bodies. What the fast path
 * leaves to SvelteKit reaches `next` with the request untouched (its body unread).
 */

// The SvelteKit endpoint's side: its own database and "who is signed in" (hooks and requireRole's job).
let kitDb: Db;
let kitUser: SessionUser | null = null;
vi.mock('$lib/server/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('$lib/server/db')>()), getDb: () => kitDb }));
vi.mock('$lib/server/auth/guard', () => ({
	requireRole: (...roles: string[]) => {
		if (!kitUser || !roles.some((r) => kitUser!.roles.includes(r as never))) error(403, '无权访问');
		return kitUser;
	}
}));
const { POST } = await import('../routes/api/drills/[drillId=id]/stages/[stageId=id]/entries/+server');

const DAY = 24 * 60 * 60 * 1000;
const PATH = '/api/drills/1/stages/1/entries';
const BODY_SIZE_LIMIT = 100 * 1024;

interface Side {
	db: Db;
	ids: Record<string, number>;
	/** The first item's opaque ref (a per-version salt makes it differ between the two databases). */
	ref: string;
}

function setUp(): Side {
	const db = createTestDb();
	const ids: Record<string, number> = {};
	for (const name of ['trainer', 'a1', 'a2', 'b1', 'x1']) {
		const u = db.insert(user).values({ username: name, displayName: name, passwordHash: 'x' }).returning().get();
		db.insert(userRole).values({ userId: u.id, role: name === 'trainer' ? 'trainer' : 'officer' }).run();
		ids[name] = u.id;
	}
	const scenarioId = createScenario(db, ids.trainer, '测试');
	updateDraft(db, ids.trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, ids.trainer, scenarioId);
	if (!v.ok) throw new Error('publish');
	const d = createDrill(db, ids.trainer, {
		title: '测试比武',
		organizer: '局',
		venue: '会场',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: v.value.versionId,
		stages: [
			{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 60 },
			{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
		],
		teams: [
			{ name: '甲队', unitId: null, memberIds: [ids.a1, ids.a2] },
			{ name: '乙队', unitId: null, memberIds: [ids.b1] }
		],
		judgeIds: []
	});
	if (!d.ok) throw new Error(d.error.code);
	openStage(db, ids.trainer, 1, 1);
	const sheet = officerSheet(db, ids.a1, 1, 1);
	if (!sheet.ok || !sheet.value.view) throw new Error('sheet');
	return { db, ids, ref: sheet.value.view.areas[0].items[0].id };
}

// The fast path's side: a server whose `next` records the request and echoes its body, as proof that
// SvelteKit would get it whole.
let fast: Side;
let tokens: Record<string, string>;
let secure = false;
const fellThrough: { method: string; url: string; body: string }[] = [];
const server = http.createServer((req, res) =>
	createFastSave({ db: fast.db, bodySizeLimit: BODY_SIZE_LIMIT, secure })(req, res, () => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			fellThrough.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString() });
			res.writeHead(299, { 'content-type': 'text/plain' }).end('next');
		});
	})
);
let port = 0;
beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let kit: Side;
beforeEach(() => {
	fast = setUp();
	kit = setUp();
	kitDb = kit.db;
	kitUser = null;
	secure = false;
	fellThrough.length = 0;
	tokens = {};
	for (const name of ['trainer', 'a1', 'a2', 'b1', 'x1']) {
		tokens[name] = generateSessionToken();
		createSession(fast.db, tokens[name], fast.ids[name]);
	}
});

interface Sent {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Sent> {
	return new Promise((resolve, reject) => {
		const h: Record<string, string | number> = { ...headers };
		if (body !== undefined && !('transfer-encoding' in h)) h['content-length'] = Buffer.byteLength(body);
		const req = http.request({ host: '127.0.0.1', port, path, method, headers: h, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

const json = { 'content-type': 'application/json' };
const cookie = (name: string) => ({ cookie: `theme=dark; session=${tokens[name]}` });
const postFast = (name: string, body: string) => send('POST', PATH, { ...json, ...cookie(name) }, body);

async function postKit(name: string, body: string): Promise<Sent> {
	kitUser = { id: kit.ids[name], username: name, displayName: name, unitId: null, roles: [name === 'trainer' ? 'trainer' : 'officer'] };
	const res = (await POST({ params: { drillId: '1', stageId: '1' }, request: new Request(`http://x${PATH}`, { method: 'POST', body }) } as never)) as Response;
	return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

/** Status and JSON with each side's ref and the clock readings made comparable. */
const comparable = (r: Sent, side: Side) => ({
	status: r.status,
	contentType: r.headers['content-type'],
	body: JSON.parse(r.text.replaceAll(side.ref, 'REF').replace(/"(savedAt|updatedAt)":\d+/g, '"$1":0'))
});

const answer = (note: string) => ({ classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note });

describe('the autosave fast path answers like the SvelteKit endpoint', () => {
	const cases: [string, string, (s: Side) => string, number][] = [
		['a save', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: answer('甲') }), 200],
		['a teammate’s stale save (conflict, with the current entry)', 'a2', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: answer('乙') }), 409],
		['a withdrawal (data null)', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 1, data: null }), 200],
		['an officer of no team of the drill', 'x1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: null }), 403],
		['bad JSON', 'a1', () => '{', 400],
		['an empty body', 'a1', () => '', 400],
		['no data key', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0 }), 400],
		['an extra key', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: null, x: 1 }), 400],
		['an unknown item', 'a1', () => JSON.stringify({ ref: 'nope', baseVersion: 0, data: null }), 422],
		['a bad answer', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: { classification: 'huge' } }), 422],
		['a body over 64 K characters', 'a1', (s) => JSON.stringify({ ref: s.ref, baseVersion: 0, data: answer('x'.repeat(70_000)) }), 413]
	];

	it('for a sequence of saves and refusals, with the same statuses, bodies and JSON content type', async () => {
		for (const [name, who, body, status] of cases) {
			const viaFast = await postFast(who, body(fast));
			const viaKit = await postKit(who, body(kit));
			expect(viaFast.status, name).toBe(status);
			expect(comparable(viaFast, fast), name).toEqual(comparable(viaKit, kit));
			expect(JSON.parse(viaFast.text).message ?? '', name).toMatch(status === 200 ? /^$/ : /[\u4e00-\u9fff]/);
		}
		expect(fellThrough).toEqual([]);
		// The two databases hold the same entry.
		const rows = (db: Db) => db.select({ data: sheetEntry.data, version: sheetEntry.version, by: sheetEntry.updatedBy }).from(sheetEntry).all();
		expect(rows(fast.db)).toEqual(rows(kit.db));
		expect(rows(fast.db)).toEqual([{ data: null, version: 2, by: fast.ids.a1 }]);
	});

	it('with the headers hooks.server.ts adds, and nothing else set', async () => {
		const r = await postFast('a1', JSON.stringify({ ref: fast.ref, baseVersion: 0, data: answer('甲') }));
		expect(r.status).toBe(200);
		expect(r.headers).toMatchObject({
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(r.text)),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'x-frame-options': 'DENY'
		});
		expect(r.headers['set-cookie']).toBeUndefined();
	});
});

describe('session renewal on the fast path', () => {
	function ageSession(name: string, days: number) {
		const id = hashSessionToken(tokens[name]);
		fast.db.update(session).set({ expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS - days * DAY) }).where(eq(session.id, id)).run();
		return id;
	}
	const expiresOf = (id: string) => fast.db.select().from(session).where(eq(session.id, id)).get()!.expiresAt;

	it('sends the renewed cookie as hooks.server.ts does (SvelteKit’s cookie format)', async () => {
		const id = ageSession('a1', 20);
		const r = await postFast('a1', JSON.stringify({ ref: fast.ref, baseVersion: 0, data: null }));
		expect(r.status).toBe(200);
		const expires = expiresOf(id);
		expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
		expect(r.headers['set-cookie']).toEqual([`session=${tokens.a1}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax`]);
		// Renewed once: the next save sends no cookie.
		expect((await postFast('a1', JSON.stringify({ ref: fast.ref, baseVersion: 1, data: null }))).headers['set-cookie']).toBeUndefined();
	});

	it('marks it Secure when the app is served over https', async () => {
		secure = true;
		ageSession('a1', 20);
		const r = await postFast('a1', JSON.stringify({ ref: fast.ref, baseVersion: 0, data: null }));
		expect(r.headers['set-cookie']?.[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
	});

	it('keeps the renewed cookie on the response when it leaves the request to SvelteKit (not an officer)', async () => {
		ageSession('trainer', 20);
		const r = await postFast('trainer', '{}');
		expect(r.status).toBe(299);
		expect(r.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^session=${tokens.trainer}; Path=/; Expires=[^;]+ GMT; HttpOnly; SameSite=Lax$`))]);
	});

	it('serialises cookie deletion as SvelteKit’s cookies.delete does', () => {
		const jar = new SetCookies();
		jar.delete('session', { httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
		expect(jar.lines).toEqual(['session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
		expect(() => jar.set('session', 'x', { path: '/', domain: 'example.com' })).toThrow(/unsupported/);
	});
});

describe('the fast path leaves to SvelteKit, body unread', () => {
	const save = () => JSON.stringify({ ref: fast.ref, baseVersion: 0, data: null });
	const cases: [string, () => Promise<Sent>][] = [
		['no session cookie (hooks redirect to the login page)', () => send('POST', PATH, json, save())],
		['an unknown session (hooks delete the cookie and redirect)', () => send('POST', PATH, { ...json, cookie: 'session=abcdefgh' }, save())],
		['a token SvelteKit would have to decode', () => send('POST', PATH, { ...json, cookie: 'session=%61bc' }, save())],
		['two session cookies', () => send('POST', PATH, { ...json, cookie: `session=${tokens.a1}; session=${tokens.b1}` }, save())],
		['a user without the officer role (requireRole’s 403 page)', () => postFast('trainer', save())],
		['GET', () => send('GET', PATH, cookie('a1'))],
		['another path', () => send('POST', '/api/drills/1/stages/1/entries/x', { ...json, ...cookie('a1') }, save())],
		['an id the route does not match (0)', () => send('POST', '/api/drills/0/stages/1/entries', { ...json, ...cookie('a1') }, save())],
		['a query string', () => send('POST', `${PATH}?x=1`, { ...json, ...cookie('a1') }, save())],
		['a form content type (SvelteKit’s CSRF check)', () => send('POST', PATH, { 'content-type': 'text/plain', ...cookie('a1') }, save())],
		['no content type', () => send('POST', PATH, cookie('a1'), save())],
		['a chunked body', () => send('POST', PATH, { ...json, ...cookie('a1'), 'transfer-encoding': 'chunked' }, save())],
		['a body over BODY_SIZE_LIMIT', () => send('POST', PATH, { ...json, ...cookie('a1') }, JSON.stringify({ ref: fast.ref, baseVersion: 0, data: 'x'.repeat(BODY_SIZE_LIMIT) }))]
	];
	for (const [name, run] of cases) {
		it(name, async () => {
			const r = await run();
			expect(r.status).toBe(299);
			expect(fellThrough).toHaveLength(1);
			if (fellThrough[0].method === 'POST') expect(JSON.parse(fellThrough[0].body)).toMatchObject({ ref: fast.ref, baseVersion: 0 });
			expect(fast.db.select().from(sheetEntry).all()).toEqual([]);
		});
	}
});
