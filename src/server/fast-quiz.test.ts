import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { redirect } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import { createTestDb } from '$lib/server/db/test-db';
import { attemptAnswer, quizAttempt } from '$lib/server/db/schema';
import { createSession, generateSessionToken, type SessionUser } from '$lib/server/auth/session';
import { HSTS, SECURITY_HEADERS } from '$lib/server/http/headers';
import { createQuiz } from '$lib/server/quiz/quizzes';
import { submitAttempt } from '$lib/server/quiz/attempts';
import { mkUser, quizInput, seedTestQuiz } from '$lib/server/quiz/test-quiz';
import { createFastSave } from './fast-save';

/**
 * The quiz routes of the fast path (the start with its taking view, and the answer autosave) on a real
 * HTTP server, side by side with the SvelteKit endpoints they stand in for, as fast-save.test.ts does for
 * the drill autosave: two databases set up alike, the same requests to both, the same statuses and bodies
 * and the same rows written. What the fast path leaves to SvelteKit reaches `next` untouched.
 */

let kitDb: Db;
let kitUser: SessionUser | null = null;
vi.mock('$lib/server/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('$lib/server/db')>()), getDb: () => kitDb }));
vi.mock('$lib/server/auth/guard', () => ({
	requireUser: () => {
		if (!kitUser) redirect(303, '/login');
		return kitUser;
	}
}));
const { POST: startKit } = await import('../routes/api/quizzes/[quizId=id]/attempts/+server');
const { POST: saveKit } = await import('../routes/api/attempts/[attemptId=id]/answers/+server');

const HOUR = 60 * 60 * 1000;
const BODY_SIZE_LIMIT = 100 * 1024;
const NAMES = ['trainer', 'learner', 'other', 'officer'] as const;
type Name = (typeof NAMES)[number];

/** Quizzes by what starting them meets; ids are the same in both databases. */
interface Side {
	db: Db;
	ids: Record<Name, number>;
	quiz: { open: number; draft: number; closed: number; notYet: number; drill: number };
}

function setUp(): Side {
	const db = createTestDb();
	const ids = {} as Record<Name, number>;
	for (const name of NAMES) ids[name] = mkUser(db, name, name === 'trainer' ? 'trainer' : name === 'officer' ? 'officer' : 'learner');
	// One attempt allowed, 10 minutes, options shuffled: 4 questions of 5 points (test-quiz.ts).
	const { categoryId, quizId } = seedTestQuiz(db, ids.trainer, { attemptsAllowed: 1 });
	const more = (over: Parameters<typeof quizInput>[0], status: 'draft' | 'published' = 'published') => {
		const r = createQuiz(db, ids.trainer, quizInput(over, categoryId), status);
		if (!r.ok) throw new Error(r.error.code);
		return r.value.id;
	};
	const now = Date.now();
	const quiz = {
		open: quizId,
		draft: more({ title: '草稿' }, 'draft'),
		closed: more({ title: '已关闭', opensAt: now - 2 * HOUR, closesAt: now - HOUR }),
		notYet: more({ title: '未开放', opensAt: now + HOUR, closesAt: null }),
		drill: more({ title: '理论考试' })
	};
	// A drill stage using the quiz is all that makes it drill-only (attempts.test.ts does the same).
	db.$client.pragma('foreign_keys = OFF');
	db.$client.prepare("insert into drill_stage (drill_id, kind, title, weight, duration_minutes, position, quiz_id) values (999, 'theory', '理论考试', 20, 30, 0, ?)").run(quiz.drill);
	db.$client.pragma('foreign_keys = ON');
	return { db, ids, quiz };
}

let fast: Side;
let kit: Side;
let tokens: Record<Name, string>;
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

beforeEach(() => {
	fast = setUp();
	kit = setUp();
	kitDb = kit.db;
	kitUser = null;
	secure = false;
	fellThrough.length = 0;
	tokens = {} as Record<Name, string>;
	for (const name of NAMES) {
		tokens[name] = generateSessionToken();
		createSession(fast.db, tokens[name], fast.ids[name]);
	}
	// The draw's seed comes from Math.random: the same on both sides, so that both draw alike.
	vi.spyOn(Math, 'random').mockReturnValue(0.42);
});
afterEach(() => vi.restoreAllMocks());

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
const cookie = (name: Name) => ({ cookie: `theme=dark; session=${tokens[name]}` });
const startPath = (quizId: number) => `/api/quizzes/${quizId}/attempts`;
const savePath = (attemptId: number) => `/api/attempts/${attemptId}/answers`;

function asUser(name: Name): void {
	kitUser = { id: kit.ids[name], username: name, displayName: name, unitId: null, roles: [name === 'trainer' ? 'trainer' : name === 'officer' ? 'officer' : 'learner'] };
}

async function toSent(res: Response): Promise<Sent> {
	return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

/** Each side's start of a quiz by a user, the quiz picked by kind. */
async function bothStart(name: Name, which: keyof Side['quiz'], body = '{}') {
	const viaFast = await send('POST', startPath(fast.quiz[which]), { ...json, ...cookie(name) }, body);
	asUser(name);
	const viaKit = await toSent((await startKit({ params: { quizId: String(kit.quiz[which]) }, request: new Request(`http://x${startPath(kit.quiz[which])}`, { method: 'POST', body }) } as never)) as Response);
	return { viaFast, viaKit };
}

async function bothSave(name: Name, attemptId: number, body: string) {
	const viaFast = await send('POST', savePath(attemptId), { ...json, ...cookie(name) }, body);
	asUser(name);
	const viaKit = await toSent((await saveKit({ params: { attemptId: String(attemptId) }, request: new Request(`http://x${savePath(attemptId)}`, { method: 'POST', body }) } as never)) as Response);
	return { viaFast, viaKit };
}

/** Status, content type and JSON with the clock readings made comparable. */
const comparable = (r: Sent) => ({
	status: r.status,
	contentType: r.headers['content-type'],
	body: JSON.parse(r.text.replace(/"(serverNow|startedAt|endsAt|savedAt)":\d+/g, '"$1":0'))
});

/** Both databases' attempts and answers, clock readings left out. */
const rows = (db: Db) => ({
	attempts: db.select({ id: quizAttempt.id, quizId: quizAttempt.quizId, userId: quizAttempt.userId, attemptNo: quizAttempt.attemptNo, status: quizAttempt.status, slots: quizAttempt.slots }).from(quizAttempt).all(),
	answers: db.select({ attemptId: attemptAnswer.attemptId, slot: attemptAnswer.slot, response: attemptAnswer.response, flagged: attemptAnswer.flagged }).from(attemptAnswer).all()
});

describe('the quiz start on the fast path answers like the SvelteKit endpoint', () => {
	it('starts, resumes and refuses with the same statuses, bodies and rows', async () => {
		const cases: [string, Name, keyof Side['quiz'], number, string | null][] = [
			['a first start', 'learner', 'open', 200, null],
			['a second start resumes the open attempt', 'learner', 'open', 200, null],
			['anyone signed in takes quizzes (a trainer)', 'trainer', 'open', 200, null],
			['an unpublished quiz', 'learner', 'draft', 404, 'quiz.not_published'],
			['a closed quiz', 'learner', 'closed', 409, 'quiz.closed'],
			['a quiz not open yet', 'learner', 'notYet', 409, 'quiz.not_open_yet'],
			['a drill’s 理论考试', 'officer', 'drill', 409, 'quiz.drill_only']
		];
		for (const [name, who, which, status, code] of cases) {
			const { viaFast, viaKit } = await bothStart(who, which);
			expect(viaFast.status, name).toBe(status);
			expect(comparable(viaFast), name).toEqual(comparable(viaKit));
			const body = JSON.parse(viaFast.text);
			if (code) expect(body, name).toEqual({ code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
		}
		expect(fellThrough).toEqual([]);
		expect(rows(fast.db)).toEqual(rows(kit.db));
		expect(rows(fast.db).attempts.map((a) => [a.userId, a.attemptNo, a.status])).toEqual([
			[fast.ids.learner, 1, 'open'],
			[fast.ids.trainer, 1, 'open']
		]);
	});

	it('a quiz that does not exist, and one whose attempts are used up', async () => {
		const missing = await send('POST', startPath(999), { ...json, ...cookie('learner') }, '{}');
		asUser('learner');
		const missingKit = await toSent((await startKit({ params: { quizId: '999' }, request: new Request('http://x/', { method: 'POST' }) } as never)) as Response);
		expect(missing.status).toBe(404);
		expect(comparable(missing)).toEqual(comparable(missingKit));
		expect(JSON.parse(missing.text)).toEqual({ code: 'quiz.not_found', message: '未找到该测验' });

		const first = await bothStart('learner', 'open');
		const attemptId = JSON.parse(first.viaFast.text).attemptId as number;
		expect(submitAttempt(fast.db, fast.ids.learner, attemptId).ok).toBe(true);
		expect(submitAttempt(kit.db, kit.ids.learner, attemptId).ok).toBe(true);
		const again = await bothStart('learner', 'open');
		expect(again.viaFast.status).toBe(409);
		expect(comparable(again.viaFast)).toEqual(comparable(again.viaKit));
		expect(JSON.parse(again.viaFast.text)).toEqual({ code: 'quiz.no_attempts_left', message: '您的作答次数已用完' });
	});

	it('answers the taking view: the drawn questions in their shuffled order, never answers, keys or explanations', async () => {
		const { viaFast } = await bothStart('learner', 'open');
		// The headers hooks.server.ts adds (SECURITY_HEADERS; HSTS only over https, below).
		expect(viaFast.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'private, no-store', ...SECURITY_HEADERS });
		expect(viaFast.headers['strict-transport-security']).toBeUndefined();
		const body = JSON.parse(viaFast.text);
		expect(Object.keys(body).sort()).toEqual(['attemptId', 'resumed', 'view']);
		expect(body.resumed).toBe(false);
		const v = body.view;
		expect(Object.keys(v).sort()).toEqual(['attemptId', 'context', 'endsAt', 'maxScore', 'paused', 'questions', 'quizId', 'quizTitle', 'serverNow', 'startedAt', 'status'].sort());
		expect(v).toMatchObject({ attemptId: body.attemptId, quizId: fast.quiz.open, quizTitle: '测试测验', context: '', status: 'open', maxScore: 20 });
		expect(v.endsAt - v.startedAt).toBe(10 * 60_000);
		expect(Math.abs(v.serverNow - Date.now())).toBeLessThan(5_000);
		// The attempt's slots, in order, each with only what the taking page shows.
		const attempt = fast.db.select().from(quizAttempt).all()[0];
		expect(v.questions).toHaveLength(4);
		v.questions.forEach((q: Record<string, unknown>, slot: number) => {
			expect(Object.keys(q).sort()).toEqual(['flagged', 'options', 'points', 'response', 'slot', 'stemHtml', 'type']);
			expect(q).toMatchObject({ slot, points: 5, response: null, flagged: false });
			expect((q.options as { key: string }[]).map((o) => o.key)).toEqual(attempt.slots[slot].optionOrder);
		});
		expect(v.questions.map((q: { stemHtml: string }) => q.stemHtml.trim()).sort()).toEqual([
			'<p>判断：生产经营单位的主要负责人对本单位安全生产工作全面负责。</p>',
			'<p>单选：安全生产工作应当坚持什么方针？</p>',
			'<p>填空：复议期限为收到决定书之日起（　）内。</p>',
			'<p>多选：下列属于从业人员权利的是？</p>'
		]);
		// Explanations are '…解析-秘密'; the 填空's accepted answers are 六十日 and 60日.
		expect(viaFast.text).not.toMatch(/秘密|六十日|60日|"answer|accepted|explanation|provisions|multipleScoring/);
	});

	it('adds HSTS when the app is served over https, as hooks.server.ts does', async () => {
		secure = true;
		const r = await send('POST', startPath(fast.quiz.open), { ...json, ...cookie('learner') }, '{}');
		expect(r.status).toBe(200);
		expect(r.headers['strict-transport-security']).toBe(HSTS);
	});

	it('resumes with the answers saved so far', async () => {
		const first = JSON.parse((await bothStart('learner', 'open')).viaFast.text);
		const single = first.view.questions.find((q: { type: string }) => q.type === 'single');
		const saved = await send('POST', savePath(first.attemptId), { ...json, ...cookie('learner') }, JSON.stringify({ slot: single.slot, response: { kind: 'single', key: single.options[0].key }, flagged: true }));
		expect(saved.status).toBe(200);
		const again = await bothStart('learner', 'open');
		const view = JSON.parse(again.viaFast.text).view;
		expect(JSON.parse(again.viaFast.text).resumed).toBe(true);
		expect(view.questions[single.slot]).toMatchObject({ response: { kind: 'single', key: single.options[0].key }, flagged: true });
	});

	it('does not read the body: the start needs none', async () => {
		const { viaFast, viaKit } = await bothStart('learner', 'open', '{');
		expect(viaFast.status).toBe(200);
		expect(comparable(viaFast)).toEqual(comparable(viaKit));
	});
});

describe('the quiz answer autosave on the fast path answers like the SvelteKit endpoint', () => {
	it('for a sequence of saves and refusals, with the same statuses, bodies and rows', async () => {
		const { viaFast } = await bothStart('learner', 'open');
		const attemptId = JSON.parse(viaFast.text).attemptId as number;
		const view = JSON.parse(viaFast.text).view as { questions: { slot: number; type: string; options: { key: string }[] }[] };
		const slotOf = (type: string) => view.questions.find((q) => q.type === type)!.slot;
		const cases: [string, Name, number, string, number][] = [
			['a save', 'learner', attemptId, JSON.stringify({ slot: slotOf('single'), response: { kind: 'single', key: 'A' }, flagged: false }), 200],
			['a flag without an answer', 'learner', attemptId, JSON.stringify({ slot: slotOf('fill'), response: null, flagged: true }), 200],
			['flagged left out (false)', 'learner', attemptId, JSON.stringify({ slot: slotOf('truefalse'), response: { kind: 'truefalse', value: true } }), 200],
			['another learner’s attempt', 'other', attemptId, JSON.stringify({ slot: 0, response: null, flagged: false }), 404],
			['an attempt that does not exist', 'learner', 999, JSON.stringify({ slot: 0, response: null, flagged: false }), 404],
			['a slot the attempt does not have', 'learner', attemptId, JSON.stringify({ slot: 4, response: null, flagged: false }), 422],
			['an answer of another kind', 'learner', attemptId, JSON.stringify({ slot: slotOf('single'), response: { kind: 'truefalse', value: true }, flagged: false }), 422],
			['an option the question does not have', 'learner', attemptId, JSON.stringify({ slot: slotOf('single'), response: { kind: 'single', key: 'H' }, flagged: false }), 422],
			['bad JSON', 'learner', attemptId, '{', 400],
			['an extra key', 'learner', attemptId, JSON.stringify({ slot: 0, response: null, flagged: false, x: 1 }), 400],
			['a body over 8 K characters', 'learner', attemptId, JSON.stringify({ slot: 0, response: { kind: 'fill', text: 'x'.repeat(9000) }, flagged: false }), 413]
		];
		for (const [name, who, id, body, status] of cases) {
			const r = await bothSave(who, id, body);
			expect(r.viaFast.status, name).toBe(status);
			expect(comparable(r.viaFast), name).toEqual(comparable(r.viaKit));
			const parsed = JSON.parse(r.viaFast.text);
			if (status === 200) expect(Object.keys(parsed), name).toEqual(['savedAt']);
			else expect(parsed.message, name).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(fellThrough).toEqual([]);
		expect(rows(fast.db)).toEqual(rows(kit.db));
		expect(rows(fast.db).answers).toHaveLength(3);

		// Submitted: refused on both.
		expect(submitAttempt(fast.db, fast.ids.learner, attemptId).ok).toBe(true);
		expect(submitAttempt(kit.db, kit.ids.learner, attemptId).ok).toBe(true);
		const late = await bothSave('learner', attemptId, JSON.stringify({ slot: 0, response: null, flagged: false }));
		expect(late.viaFast.status).toBe(409);
		expect(comparable(late.viaFast)).toEqual(comparable(late.viaKit));
		expect(JSON.parse(late.viaFast.text).code).toBe('attempt.submitted');
	});
});

describe('the quiz routes leave to SvelteKit, body unread', () => {
	const start = () => startPath(fast.quiz.open);
	const cases: [string, () => Promise<Sent>][] = [
		['a start without a session cookie (hooks redirect to the login page)', () => send('POST', start(), json, '{}')],
		['a start with an unknown session', () => send('POST', start(), { ...json, cookie: 'session=abcdefgh' }, '{}')],
		['a start posted as a form (SvelteKit’s CSRF check)', () => send('POST', start(), { 'content-type': 'application/x-www-form-urlencoded', ...cookie('learner') }, '{}')],
		['a start without a content type', () => send('POST', start(), cookie('learner'), '{}')],
		['a start with a query string', () => send('POST', `${start()}?x=1`, { ...json, ...cookie('learner') }, '{}')],
		['a start with a chunked body', () => send('POST', start(), { ...json, ...cookie('learner'), 'transfer-encoding': 'chunked' }, '{}')],
		['GET of the start', () => send('GET', start(), cookie('learner'))],
		['a path below the start', () => send('POST', `${start()}/1`, { ...json, ...cookie('learner') }, '{}')],
		['a quiz id the route does not match (0)', () => send('POST', '/api/quizzes/0/attempts', { ...json, ...cookie('learner') }, '{}')],
		['a save without a session cookie', () => send('POST', savePath(1), json, '{}')],
		['a save with two session cookies', () => send('POST', savePath(1), { ...json, cookie: `session=${tokens.learner}; session=${tokens.other}` }, '{}')],
		['a save over BODY_SIZE_LIMIT', () => send('POST', savePath(1), { ...json, ...cookie('learner') }, `{"x":"${'x'.repeat(BODY_SIZE_LIMIT)}"}`)]
	];
	for (const [name, run] of cases) {
		it(name, async () => {
			const r = await run();
			expect(r.status).toBe(299);
			expect(fellThrough).toHaveLength(1);
			if (fellThrough[0].method === 'POST') expect(fellThrough[0].body).toMatch(/^\{/);
			expect(rows(fast.db)).toEqual({ attempts: [], answers: [] });
		});
	}
});
