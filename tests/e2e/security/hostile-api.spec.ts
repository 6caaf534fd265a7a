// Hostile bodies at the app's JSON doors, through the built server (its fast paths included): the drill
// sheet autosave and the quiz answer autosave. Each body that is not a valid save must be refused with a 4xx
// and a Chinese message, never a 500, and leave every table as it was; a body over the size limits must be
// refused without reading it whole. One valid save per door shows the setup reaches the code that writes.
// The endpoints' rules are unit-tested (fast-save.test.ts, officer-routes.test.ts, attempts.test.ts); this is
// the same at the door, as a browser or a script would send it.
import { expect, test } from '@playwright/test';
import { changedTables, usePrivateServer } from '../../fixtures/private-server';
import { CJK } from './app-map';
import { E2E_PASSWORD } from '../../fixtures/env.js';
import { openDb } from '../../../src/lib/server/db';
import { officerSheet } from '../../../src/lib/server/drill/sheets';

test.describe.configure({ mode: 'default' });

const server = usePrivateServer('hostile-api');

/** A session cookie for `username`, logged in through the form. */
async function cookieOf(username: string): Promise<string> {
	const res = await fetch(new URL('/login', server.app.baseURL), {
		method: 'POST',
		body: new URLSearchParams({ username, password: E2E_PASSWORD }),
		headers: { origin: server.app.baseURL, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(res.status, `log in as ${username}`).toBe(303);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

async function post(path: string, cookie: string, body: string | Uint8Array, contentType = 'application/json'): Promise<{ status: number; text: string }> {
	const res = await fetch(new URL(path, server.app.baseURL), { method: 'POST', body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]), headers: { cookie, origin: server.app.baseURL, 'content-type': contentType }, redirect: 'manual' });
	return { status: res.status, text: await res.text() };
}

/** Bodies that no JSON door may accept, whatever its shape. */
const COMMON: [string, string | Uint8Array][] = [
	['an empty body', ''],
	['not JSON', 'ref=1&data=2'],
	['cut-off JSON', '{"ref": "a", "baseVersion": 0, "data":'],
	['JSON null', 'null'],
	['a JSON array', '[1, 2, 3]'],
	['a JSON string', '"<script>alert(1)</script>"'],
	['a number beyond double range', '1e400'],
	['nesting 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000)],
	['a prototype-polluting key', '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
	['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
	['a body of 2 MB', JSON.stringify({ data: 'x'.repeat(2_000_000) })]
];

/** Checks one refused post: a 4xx, JSON with a Chinese message, and no table changed. */
async function expectRefused(path: string, cookie: string, label: string, body: string | Uint8Array, problems: string[], contentType?: string) {
	const before = server.watch.snapshot();
	const r = await post(path, cookie, body, contentType);
	const changed = changedTables(before.hashes, server.watch.snapshot().hashes);
	const where = `${path} ← ${label}`;
	if (r.status >= 500 || r.status < 400) problems.push(`${where}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
	let message = '';
	try {
		message = String((JSON.parse(r.text) as { message?: unknown }).message ?? '');
	} catch {
		message = r.text;
	}
	if (!CJK.test(message)) problems.push(`${where}: no Chinese message (${r.text.slice(0, 120)})`);
	if (changed.length) problems.push(`${where}: refused but changed ${changed.join(', ')}`);
}

test('the drill sheet autosave refuses every hostile body with a Chinese message and no write', async () => {
	const ids = server.app.ids;
	const path = `/api/drills/${ids.drill}/stages/${ids.stages.hazard}/entries`;
	const db = openDb(server.app.dbPath);
	const officer1 = (server.watch.all<{ id: number }>("select id from user where username = 'officer1'")[0]).id;
	const sheet = officerSheet(db, officer1, ids.drill, ids.stages.hazard);
	db.$client.close();
	if (!sheet.ok) throw new Error(sheet.error.code);
	const ref = sheet.value.view.areas[0].items[0].id;
	const cookie = await cookieOf('officer1');
	const answer = (note: unknown) => ({ classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note });
	const problems: string[] = [];
	const bodies: [string, string | Uint8Array][] = [
		...COMMON,
		['no data key', JSON.stringify({ ref, baseVersion: 0 })],
		['an extra key', JSON.stringify({ ref, baseVersion: 0, data: null, admin: true })],
		['a ref of 10,000 characters', JSON.stringify({ ref: 'r'.repeat(10_000), baseVersion: 0, data: null })],
		['a script as the ref', JSON.stringify({ ref: '<script>alert(1)</script>', baseVersion: 0, data: null })],
		['a ref with a right-to-left override', JSON.stringify({ ref: `${ref}\u202E`, baseVersion: 0, data: null })],
		['a negative version', JSON.stringify({ ref, baseVersion: -1, data: answer('x') })],
		['a version beyond 2^53', `{"ref": ${JSON.stringify(ref)}, "baseVersion": 9007199254740993, "data": null}`],
		['the version as text', JSON.stringify({ ref, baseVersion: '0', data: answer('x') })],
		['a classification nobody has', JSON.stringify({ ref, baseVersion: 0, data: { ...answer('x'), classification: 'huge' } })],
		['the note as a number', JSON.stringify({ ref, baseVersion: 0, data: answer(12) })],
		['a note of 70,000 characters', JSON.stringify({ ref, baseVersion: 0, data: answer('隐'.repeat(70_000)) })],
		['10,000 cited provisions', JSON.stringify({ ref, baseVersion: 0, data: { ...answer('x'), violated: Array(10_000).fill('第一条') } })]
	];
	for (const [label, body] of bodies) await expectRefused(path, cookie, label, body, problems);
	await expectRefused(path, cookie, 'a form post', 'ref=1', problems, 'application/x-www-form-urlencoded');
	expect(problems).toEqual([]);

	// The control: a valid save with script in its note is stored as written.
	const note = '<img src=x onerror=alert(1)> 配电柜前堆放杂物';
	const before = server.watch.snapshot();
	const ok = await post(path, cookie, JSON.stringify({ ref, baseVersion: 0, data: answer(note) }));
	expect(ok.status, ok.text).toBe(200);
	expect(changedTables(before.hashes, server.watch.snapshot().hashes)).toContain('sheet_entry');
	expect(server.watch.all<{ data: string }>('select data from sheet_entry order by id desc limit 1')[0].data).toContain(JSON.stringify(note).slice(1, -1));
});

test('the quiz answer autosave refuses every hostile body with a Chinese message and no write', async () => {
	const attempt = server.app.ids.running;
	const path = `/api/attempts/${attempt}/answers`;
	const cookie = await cookieOf('learner1');
	const slots = JSON.parse(server.watch.all<{ slots: string }>('select slots from quiz_attempt where id = ?', attempt)[0].slots) as { questionId: number }[];
	const types = slots.map((s) => server.watch.all<{ type: string }>('select type from question where id = ?', s.questionId)[0].type);
	const single = types.indexOf('single');
	const fill = types.findIndex((t) => t === 'fill' || t === 'citation');
	expect(single, 'a single-choice slot in the running attempt').toBeGreaterThanOrEqual(0);
	const problems: string[] = [];
	const bodies: [string, string | Uint8Array][] = [
		...COMMON,
		['no slot', JSON.stringify({ response: { kind: 'single', key: 'A' }, flagged: false })],
		['a slot past the end', JSON.stringify({ slot: slots.length, response: null, flagged: false })],
		['a negative slot', JSON.stringify({ slot: -1, response: null, flagged: false })],
		['the slot as text', JSON.stringify({ slot: String(single), response: { kind: 'single', key: 'A' }, flagged: false })],
		['a fractional slot', JSON.stringify({ slot: single + 0.5, response: { kind: 'single', key: 'A' }, flagged: false })],
		['an option key nobody has', JSON.stringify({ slot: single, response: { kind: 'single', key: 'Z' }, flagged: false })],
		['a full-width option key', JSON.stringify({ slot: single, response: { kind: 'single', key: 'Ａ' }, flagged: false })],
		['a response of another question type', JSON.stringify({ slot: single, response: { kind: 'truefalse', value: true }, flagged: false })],
		['script as the option key', JSON.stringify({ slot: single, response: { kind: 'single', key: '<script>' }, flagged: false })],
		['an extra key', JSON.stringify({ slot: single, response: { kind: 'single', key: 'A' }, flagged: false, score: 100 })],
		['a flag as text', JSON.stringify({ slot: single, response: { kind: 'single', key: 'A' }, flagged: 'yes' })],
		...(fill >= 0 ? ([['an answer text of 9,000 characters', JSON.stringify({ slot: fill, response: { kind: types[fill], text: '答'.repeat(9_000) }, flagged: false })]] as [string, string][]) : [])
	];
	for (const [label, body] of bodies) await expectRefused(path, cookie, label, body, problems);
	// Someone else's attempt, and an attempt nobody has.
	await expectRefused(path, await cookieOf('learner3'), "another learner's attempt", JSON.stringify({ slot: single, response: { kind: 'single', key: 'A' }, flagged: false }), problems);
	await expectRefused(`/api/attempts/999999999/answers`, cookie, 'an attempt nobody has', JSON.stringify({ slot: 0, response: null, flagged: false }), problems);
	expect(problems).toEqual([]);

	// The control: a valid answer is stored.
	const before = server.watch.snapshot();
	const ok = await post(path, cookie, JSON.stringify({ slot: single, response: { kind: 'single', key: 'A' }, flagged: true }));
	expect(ok.status, ok.text).toBe(200);
	expect(changedTables(before.hashes, server.watch.snapshot().hashes)).toContain('attempt_answer');
});

test('the quiz start refuses an unknown quiz, a drill’s exam and a stranger with a Chinese message and no write', async () => {
	const watch = server.watch;
	const cookie = await cookieOf('learner1');
	const theoryQuiz = watch.all<{ id: number }>('select quiz_id as id from drill_stage where id = ?', server.app.ids.stages.theory)[0].id;
	const problems: string[] = [];
	await expectRefused('/api/quizzes/999999999/attempts', cookie, 'a quiz nobody has', '{}', problems);
	await expectRefused(`/api/quizzes/${theoryQuiz}/attempts`, cookie, 'a drill’s 理论考试 outside the drill', '{}', problems);
	// The body is not read: garbage in it changes nothing about the refusal.
	await expectRefused(`/api/quizzes/${theoryQuiz}/attempts`, cookie, 'a drill’s 理论考试 with a hostile body', '['.repeat(50_000), problems);
	expect(problems).toEqual([]);
	// Without a session: no attempt, whatever the answer's form.
	const before = watch.snapshot();
	const anonymous = await post(`/api/quizzes/${theoryQuiz}/attempts`, '', '{}');
	expect(anonymous.status).toBeGreaterThanOrEqual(300);
	expect(anonymous.status).toBeLessThan(500);
	expect(changedTables(before.hashes, watch.snapshot().hashes)).toEqual([]);
});
