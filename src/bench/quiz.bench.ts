/**
 * Synchronized quiz start and answer autosave against a bare baseline (`npm run bench:quiz`).
 *
 * The issue's scenario: N learners start the same quiz within a few seconds (an exam hall told "开始"),
 * then autosave answers while they work. Goal on the 2-core target machine: 3,000 learners starting within
 * 10 seconds and saving every 30 s with no errors and p99 under 300 ms.
 *
 * Prepares a fresh database in a temp folder (demo seed; BENCH_LEARNERS learner accounts with a session
 * each, created directly as bench:drill does; a bank of 3 categories × 40 active 单选/多选/判断/填空
 * questions taken from the demo question content; a published quiz drawing 7 + 7 + 6 = 20 of them, 60
 * minutes, one attempt, options shuffled), starts the BUILT app as `npm start` does (`node
 * build/server.js`, so `build/` must exist: this never builds) and drives it from this process:
 *  - warm-up: BENCH_WARMUP_LEARNERS extra learners (not counted) start and save every slot once, so the
 *    server has JIT-compiled its paths and rendered the bank's stems, as a server that has been up would;
 *  - phase 1, synchronized start: learner i starts at i × BENCH_START_SECONDS / N (evenly spread), as the
 *    start page's button does in a browser with JavaScript (the default, BENCH_PAGE=api): one POST
 *    /api/quizzes/<id>/attempts (JSON content type, body {}, cookie, origin), answered with the attempt
 *    and its taking view (20 rendered stems and their options), which the page shows in place: nothing
 *    else is requested until the first autosave. A start counts when it answered 200 with the 20
 *    questions; its latency runs from the intended send time to the end of the answer. BENCH_PAGE=html
 *    (informational: a browser without JavaScript, or the start form before the page is hydrated) POSTs
 *    the form action /quiz/<id>?/start (form content type, empty body), which answers 303 to
 *    /quiz/attempt/<id>, then GETs that page's HTML (server-side rendered); it counts when the action
 *    answered the redirect and the page 200, and its latency runs to the end of the page;
 *  - phase 2, autosave: for BENCH_SAVE_SECONDS every learner saves one answer every BENCH_SAVE_EVERY_MS
 *    (first saves spread evenly over one interval), POST /api/attempts/<id>/answers {slot, response,
 *    flagged: false} with a response of the slot's question type (slots and question types read from the
 *    database file after phase 1); latency from the intended send time (no coordinated omission).
 *
 * Baseline: a bare node:http server with better-sqlite3 (same pragmas as openDb) doing the same work
 * shape on its own database holding the same 120 questions: a start is one immediate transaction (look
 * for an open attempt, count attempts, insert an attempt row with a JSON array of 20 slots drawn in
 * memory); the view reads the attempt, its 20 questions and saved answers. The API start answers the
 * attempt id and the view as JSON (~10 KB, about the app's answer); the form action answers the same 303,
 * and its page is JSON of the view plus an HTML rendition of it (together ~20 KB, about the app's HTML
 * page). A save is one upsert of an answer row. It has no sessions: the user id travels in the query
 * string. Same load, same phases.
 *
 * Goals line (app): all N starts done at most BENCH_START_SECONDS + 300 ms after the first was sent (the
 * last one is sent at ~BENCH_START_SECONDS), no error in either phase, p99 < 300 ms in both phases.
 *
 * Connections (BENCH_CONNECTIONS): by default (learner) every learner has a keep-alive connection of its
 * own, as each browser does: its start opens a new connection (the start page was loaded a while ago, and
 * the server closes idle connections after 5 s), and so does each save 30 s later. An exam hall pressing
 * 开始作答 is thus a burst of new connections: the server's listen backlog must hold them (a full accept
 * queue drops the connection attempt: a SYN retransmission 1 s later, or a reset). BENCH_CONNECTIONS=shared
 * sends every learner's requests through one keep-alive http.Agent with at most BENCH_MAX_SOCKETS
 * sockets (default: one per learner; idle sockets are reused by any learner, so only as many open as are
 * in flight, and hardly any are new). If the machine's file limit is low (EMFILE), use shared with
 * BENCH_MAX_SOCKETS=256: requests then queue in this process, which the latency from the intended send
 * time still counts. No limit is raised globally.
 *
 * The load generator is this process; it shares the machine's cores with the server under test.
 * Settings: BENCH_LEARNERS (3000), BENCH_START_SECONDS (10), BENCH_SAVE_SECONDS (60),
 * BENCH_SAVE_EVERY_MS (30000), BENCH_WARMUP_LEARNERS (30), BENCH_CONNECTIONS (learner | shared),
 * BENCH_MAX_SOCKETS (= learners, shared only), BENCH_PAGE (api | html), BENCH_CPU_PROF (a folder for a --cpu-prof profile of the app server). Besides latency
 * the tables show the server's CPU time per start or save (steadier than latency on a busy machine), the
 * new connections opened and the machine's TCP listen queue overflows (a full accept queue delays a new
 * connection by a SYN retransmission: 1 s, 3 s, 7 s …).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { migrateDb, openDb } from '../lib/server/db';
import { question, questionCategory, user, userRole } from '../lib/server/db/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../lib/server/auth/session';
import { seedDemo } from '../lib/server/seed';
import { QUESTIONS } from '../lib/server/seed/quiz-content';
import { createQuiz, REVIEW_AFTER_SUBMIT_DEFAULT, REVIEW_ALL } from '../lib/server/quiz/quizzes';
import type { AttemptSlot, QuestionOption, QuestionType, Response } from '../lib/domain/quiz/types';
import { cpuSeconds, freePort, waitReady } from './process';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 3000);
const START_SECONDS = Number(process.env.BENCH_START_SECONDS ?? 10);
const SAVE_SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 60);
const SAVE_EVERY_MS = Number(process.env.BENCH_SAVE_EVERY_MS ?? 30_000);
const WARMUP_LEARNERS = Number(process.env.BENCH_WARMUP_LEARNERS ?? 30);
const MAX_SOCKETS = Number(process.env.BENCH_MAX_SOCKETS ?? LEARNERS);
/** learner: one keep-alive connection pool of one socket per learner, as each browser holds its own; shared: one pool for all */
const CONNECTIONS = process.env.BENCH_CONNECTIONS === 'shared' ? 'shared' : 'learner';
if (process.env.BENCH_CONNECTIONS && process.env.BENCH_CONNECTIONS !== CONNECTIONS) throw new Error(`BENCH_CONNECTIONS=${process.env.BENCH_CONNECTIONS}: use learner (the default) or shared`);
/** api: the start button with JavaScript (POST /api/quizzes/:id/attempts); html: the form action, then the attempt page's HTML */
const PAGE = process.env.BENCH_PAGE === 'html' ? 'html' : 'api';
if (process.env.BENCH_PAGE && process.env.BENCH_PAGE !== PAGE) throw new Error(`BENCH_PAGE=${process.env.BENCH_PAGE}: use api (the default) or html`);
/** A folder: the app server runs with --cpu-prof and writes its profile there on exit. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
const CATEGORIES = 3;
const PER_CATEGORY = 40;
const DRAW = [7, 7, 6];
const POINTS = 5;
const GOAL_P99_MS = 300;

const dir = join(tmpdir(), `zhifa-bench-quiz-${process.pid}`);
const children = new Set<ChildProcess>();
/** Children this script stopped on purpose (their exit is no error). */
const stopping = new Set<ChildProcess>();

function cleanup(): void {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
	children.clear();
	rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		cleanup();
		process.exit(130);
	});

// ---------------------------------------------------------------------------------------------------
// 1. The databases.

interface Learner {
	userId: number;
	token: string;
}

/** The bench bank: the demo content's first 120 questions of the four autosaved kinds, dealt over 3 categories. */
function benchQuestions() {
	const eligible = QUESTIONS.filter((q) => q.type !== 'citation');
	if (eligible.length < CATEGORIES * PER_CATEGORY) throw new Error(`the demo content has only ${eligible.length} non-citation questions`);
	return eligible.slice(0, CATEGORIES * PER_CATEGORY).map((q, i) => ({ ...q, bucket: i % CATEGORIES }));
}

async function prepareApp(path: string) {
	const db = openDb(path);
	migrateDb(db);
	const accounts = await seedDemo(db, 'bench-Demo-2026');
	if (!accounts) throw new Error('seedDemo refused: the temp database is not empty');
	const trainer = db.select({ id: user.id }).from(user).where(eq(user.username, 'trainer')).get()!.id;

	// Learners: a dummy hash (nobody logs in with a password) and a session each.
	const learnerIds = db.transaction((tx) =>
		Array.from({ length: LEARNERS + WARMUP_LEARNERS }, (_, i) => {
			const u = tx
				.insert(user)
				.values({ username: `benchlearner${String(i + 1).padStart(5, '0')}`, displayName: `压测学员${i + 1}`, passwordHash: 'bench-no-login' })
				.returning({ id: user.id })
				.get();
			tx.insert(userRole).values({ userId: u.id, role: 'learner' }).run();
			return u.id;
		})
	);
	const learners: Learner[] = learnerIds.map((userId) => {
		const token = generateSessionToken();
		createSession(db, token, userId);
		return { userId, token };
	});

	const bank = benchQuestions();
	const categoryIds = db.transaction((tx) => {
		const ids = Array.from({ length: CATEGORIES }, (_, c) => tx.insert(questionCategory).values({ name: `压测分类${c + 1}`, sortOrder: c }).returning({ id: questionCategory.id }).get().id);
		for (const q of bank)
			tx.insert(question)
				.values({
					categoryId: ids[q.bucket],
					type: q.type,
					stem: q.stem,
					options: q.options,
					answer: q.answer,
					explanation: q.explanation,
					difficulty: q.difficulty,
					multipleScoring: q.multipleScoring,
					provisions: q.provisions,
					tags: q.tags.join(','),
					status: 'active',
					createdBy: trainer
				})
				.run();
		return ids;
	});
	const created = createQuiz(
		db,
		trainer,
		{
			title: '同步开考压测',
			description: '压测用测验',
			timeLimitMinutes: 60,
			opensAt: null,
			closesAt: null,
			attemptsAllowed: 1,
			passMark: 60,
			shuffleOptions: true,
			reviewAfterSubmit: REVIEW_AFTER_SUBMIT_DEFAULT,
			reviewAfterClose: REVIEW_ALL,
			rules: categoryIds.map((categoryId, c) => ({ categoryId, difficulty: null, count: DRAW[c], points: POINTS }))
		},
		'published'
	);
	if (!created.ok) throw new Error(`createQuiz: ${created.error.code}`);
	db.$client.close();
	return { quizId: created.value.id, learners, bank };
}

/** The baseline's database: the same 120 questions, attempts and answers tables, nothing else. */
function prepareBaseline(path: string, bank: ReturnType<typeof benchQuestions>): void {
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.exec(
		'CREATE TABLE question (id INTEGER PRIMARY KEY AUTOINCREMENT, category_id INTEGER NOT NULL, type TEXT NOT NULL, stem TEXT NOT NULL, options TEXT NOT NULL);' +
			'CREATE TABLE quiz_attempt (id INTEGER PRIMARY KEY AUTOINCREMENT, quiz_id INTEGER NOT NULL, user_id INTEGER NOT NULL, attempt_no INTEGER NOT NULL, status TEXT NOT NULL, started_at INTEGER NOT NULL, ends_at INTEGER, slots TEXT NOT NULL);' +
			'CREATE UNIQUE INDEX quiz_attempt_no_idx ON quiz_attempt (quiz_id, user_id, attempt_no);' +
			'CREATE TABLE attempt_answer (attempt_id INTEGER NOT NULL REFERENCES quiz_attempt(id) ON DELETE CASCADE, slot INTEGER NOT NULL, response TEXT, flagged INTEGER NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (attempt_id, slot));'
	);
	const insert = db.prepare('INSERT INTO question (category_id, type, stem, options) VALUES (?, ?, ?, ?)');
	db.transaction(() => {
		for (const q of bank) insert.run(q.bucket + 1, q.type, q.stem, JSON.stringify(q.options));
	})();
	db.close();
}

// ---------------------------------------------------------------------------------------------------
// 2. Child servers.



function startChild(args: string[], env: Record<string, string>, label: string): { child: ChildProcess; log: () => string } {
	const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	let out = '';
	const keep = (b: Buffer) => {
		out = (out + b.toString()).slice(-8000);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	child.on('exit', (code, signal) => {
		children.delete(child);
		if (!stopping.has(child)) console.error(`${label} exited early (code ${code}, signal ${signal}):\n${out}`);
	});
	return { child, log: () => out };
}

function stopChild(child: ChildProcess): Promise<void> {
	stopping.add(child);
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 5000).unref();
	});
}



/** Peak resident memory of a process in MB (VmHWM), from /proc (Linux); null elsewhere. */
function peakRssMb(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Math.round(Number(m[1]) / 1024) : null;
	} catch {
		return null;
	}
}

/**
 * The baseline: node:http + better-sqlite3 and nothing else. Routes mirror the app's (the start API, the
 * start action and the attempt page, the autosave API) with the user id in the query string instead of a
 * session.
 */
const BASELINE = String.raw`
const http = require('node:http');
const Database = require('better-sqlite3');
const db = new Database(process.env.BASE_DB);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const DRAW = JSON.parse(process.env.BASE_DRAW);
const POINTS = Number(process.env.BASE_POINTS);
// The bank's ids and option keys per category, read once (the bare server's whole "draw" state).
const bank = new Map();
for (const q of db.prepare('SELECT id, category_id, options FROM question').all()) {
	if (!bank.has(q.category_id)) bank.set(q.category_id, []);
	bank.get(q.category_id).push({ id: q.id, keys: JSON.parse(q.options).map((o) => o.key) });
}
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
const openOf = db.prepare("SELECT id FROM quiz_attempt WHERE quiz_id = ? AND user_id = ? AND status = 'open'");
const countOf = db.prepare('SELECT count(*) AS n FROM quiz_attempt WHERE quiz_id = ? AND user_id = ?');
const insertAttempt = db.prepare("INSERT INTO quiz_attempt (quiz_id, user_id, attempt_no, status, started_at, ends_at, slots) VALUES (?, ?, ?, 'open', ?, ?, ?)");
const start = db.transaction((quizId, userId, now) => {
	const open = openOf.get(quizId, userId);
	if (open) return { id: open.id, resumed: true };
	const made = countOf.get(quizId, userId).n;
	if (made >= 1) return null;
	const slots = [];
	DRAW.forEach((n, c) => {
		for (const q of shuffle([...bank.get(c + 1)]).slice(0, n)) slots.push({ questionId: q.id, points: POINTS, optionOrder: shuffle([...q.keys]) });
	});
	return { id: Number(insertAttempt.run(quizId, userId, made + 1, now, now + 3600000, JSON.stringify(slots)).lastInsertRowid), resumed: false };
});
const attemptOf = db.prepare('SELECT * FROM quiz_attempt WHERE id = ?');
const questionsOf = db.prepare('SELECT id, type, stem, options FROM question WHERE id IN (SELECT value FROM json_each(?))');
const answersOf = db.prepare('SELECT slot, response, flagged FROM attempt_answer WHERE attempt_id = ?');
const upsert = db.prepare('INSERT INTO attempt_answer (attempt_id, slot, response, flagged, saved_at) VALUES (?, ?, ?, ?, ?) ' +
	'ON CONFLICT (attempt_id, slot) DO UPDATE SET response = excluded.response, flagged = excluded.flagged, saved_at = excluded.saved_at');
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const send = (res, status, body) => {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
};
function page(a, now) {
	const slots = JSON.parse(a.slots);
	const byId = new Map(questionsOf.all(JSON.stringify(slots.map((s) => s.questionId))).map((q) => [q.id, q]));
	const saved = new Map(answersOf.all(a.id).map((x) => [x.slot, x]));
	const questions = slots.map((s, slot) => {
		const q = byId.get(s.questionId);
		const text = new Map(JSON.parse(q.options).map((o) => [o.key, o.text]));
		const x = saved.get(slot);
		return { slot, type: q.type, points: s.points, stemHtml: '<p>' + esc(q.stem) + '</p>', options: s.optionOrder.map((k) => ({ key: k, text: text.get(k) })), response: x ? JSON.parse(x.response) : null, flagged: x ? !!x.flagged : false };
	});
	const html = questions.map((q) => '<fieldset><legend>第' + (q.slot + 1) + '题（' + q.points + '分）</legend>' + q.stemHtml +
		q.options.map((o) => '<label><input type="radio" name="q' + q.slot + '" value="' + o.key + '"> ' + o.key + '. ' + esc(o.text) + '</label>').join('') + '</fieldset>').join('');
	return { view: { attemptId: a.id, quizId: a.quiz_id, status: a.status, startedAt: a.started_at, endsAt: a.ends_at, serverNow: now, questions }, html };
}
http.createServer((req, res) => {
	const url = new URL(req.url, 'http://localhost');
	const userId = Number(url.searchParams.get('user'));
	let m;
	if (req.method === 'POST' && (m = /^\/api\/quizzes\/(\d+)\/attempts$/.exec(url.pathname))) {
		req.resume();
		return req.on('end', () => {
			const now = Date.now();
			const started = start(Number(m[1]), userId, now);
			if (started === null) return send(res, 409, { code: 'quiz.no_attempts_left', message: 'no attempts left' });
			send(res, 200, { attemptId: started.id, resumed: started.resumed, view: page(attemptOf.get(started.id), now).view });
		});
	}
	if (req.method === 'POST' && (m = /^\/quiz\/(\d+)$/.exec(url.pathname)) && url.searchParams.has('/start')) {
		req.resume();
		return req.on('end', () => {
			const started = start(Number(m[1]), userId, Date.now());
			if (started === null) return send(res, 409, { message: 'no attempts left' });
			res.writeHead(303, { location: '/quiz/attempt/' + started.id, 'content-length': 0 });
			res.end();
		});
	}
	if (req.method === 'GET' && (m = /^\/quiz\/attempt\/(\d+)$/.exec(url.pathname))) {
		const a = attemptOf.get(Number(m[1]));
		if (!a || a.user_id !== userId) return send(res, 404, { message: 'not found' });
		// the data and its HTML, about the app's server-rendered page
		return send(res, 200, page(a, Date.now()));
	}
	if (req.method === 'POST' && (m = /^\/api\/attempts\/(\d+)\/answers$/.exec(url.pathname))) {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		return req.on('end', () => {
			let body;
			try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(res, 400, { code: 'bad_json' }); }
			if (!Number.isInteger(body.slot) || !('response' in body)) return send(res, 400, { code: 'bad_request' });
			const now = Date.now();
			upsert.run(Number(m[1]), body.slot, JSON.stringify(body.response), body.flagged ? 1 : 0, now);
			send(res, 200, { savedAt: now });
		});
	}
	send(res, 404, { code: 'not_found' });
}).listen(Number(process.env.PORT), process.env.HOST);
`;

// ---------------------------------------------------------------------------------------------------
// 3. Load generator.

interface Answer {
	status: number;
	text: string;
	/** the Location header of a redirect */
	location?: string;
	/** whether the request went out on a new connection (not a kept-alive one) */
	fresh?: boolean;
}

/** The connection pool a learner's requests go through. */
type AgentOf = (l: Learner) => http.Agent;

function request(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const h = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
		const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: h }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), location: res.headers.location, fresh: !req.reusedSocket }));
			res.on('error', reject);
		});
		req.on('error', (e) => reject(Object.assign(e, { fresh: !req.reusedSocket })));
		req.end(body);
	});
}

interface Target {
	label: string;
	port: number;
	pid: number | undefined;
	/** the app's paths as they are; the baseline adds ?user= */
	path: (path: string, l: Learner) => string;
	headers: (l: Learner) => Record<string, string>;
	dbPath: string;
}

interface PhaseStats {
	ok: number;
	errors: number;
	latencies: number[];
	errorSamples: Map<string, number>;
	/** requests that opened a new connection */
	fresh: number;
	seconds: number;
	serverCpu: number | null;
	loadgenCpu: number;
	/** listen queue overflows during the phase (machine-wide), null if unknown */
	overflows: number | null;
	/** first intended send → last answer, ms */
	span: number;
	extra: Record<string, number | string>;
}

function noteError(s: Pick<PhaseStats, 'errors' | 'errorSamples'>, what: string, a: Answer, afterMs: number): void {
	s.errors++;
	// Grouped by what happened, on which kind of connection, and after how long (in 10 s steps).
	const sample = `${what} ${a.status} ${a.text.replace(/\s+/g, ' ').slice(0, 160)} (${a.fresh === undefined ? '' : a.fresh ? 'new connection, ' : 'kept-alive connection, '}${Math.floor(afterMs / 10_000) * 10}–${Math.floor(afterMs / 10_000) * 10 + 10} s after the intended send)`;
	s.errorSamples.set(sample, (s.errorSamples.get(sample) ?? 0) + 1);
}

const sleepUntil = async (t: number) => {
	const wait = t - performance.now();
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

/**
 * TCP listen queue overflows so far, machine-wide (TcpExt ListenOverflows in /proc/net/netstat; Linux): a
 * connection that arrives while the server's accept queue is full waits for a SYN retransmission (1 s,
 * then 3 s, 7 s …), which shows as latency steps. null elsewhere.
 */
function listenOverflows(): number | null {
	try {
		const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
		for (let i = 0; i + 1 < lines.length; i++) {
			if (!lines[i].startsWith('TcpExt:') || !lines[i + 1].startsWith('TcpExt:')) continue;
			const names = lines[i].split(/\s+/);
			const values = lines[i + 1].split(/\s+/);
			const k = names.indexOf('ListenOverflows');
			return k < 0 ? null : Number(values[k]);
		}
		return null;
	} catch {
		return null;
	}
}

function measureCpu(pid: number | undefined) {
	const loadgen = process.cpuUsage();
	const server = cpuSeconds(pid);
	const overflows = listenOverflows();
	return () => {
		const d = process.cpuUsage(loadgen);
		const s = cpuSeconds(pid);
		const o = listenOverflows();
		return { loadgen: (d.user + d.system) / 1e6, server: s !== null && server !== null ? s - server : null, overflows: o !== null && overflows !== null ? o - overflows : null };
	};
}

/**
 * Phase 1: learner i sends its start at t0 + i × spread / n; a start is the API request (BENCH_PAGE=api)
 * or the form action and the page it redirects to (html). Returns each learner's attempt id (index-aligned; null when the start failed).
 */
async function startPhase(target: Target, agentOf: AgentOf, quizId: number, learners: Learner[], spreadMs: number): Promise<{ stats: PhaseStats; attemptIds: (number | null)[] }> {
	const stats: PhaseStats = { ok: 0, errors: 0, latencies: [], errorSamples: new Map(), fresh: 0, seconds: 0, serverCpu: null, loadgenCpu: 0, overflows: null, span: 0, extra: {} };
	const actionLatencies: number[] = [];
	const pageLatencies: number[] = [];
	let pageBytes = 0;
	const attemptIds: (number | null)[] = learners.map(() => null);
	const cpu = measureCpu(target.pid);
	const t0 = performance.now() + 50;
	let lastEnd = t0;
	const failed = (what: string, e: unknown, due: number) => noteError(stats, what, { status: 0, text: (e as Error).message, fresh: (e as { fresh?: boolean }).fresh }, performance.now() - due);
	await Promise.all(
		learners.map(async (l, i) => {
			const due = t0 + (learners.length > 1 ? (i * spreadMs) / learners.length : 0);
			await sleepUntil(due);
			const headers = target.headers(l);
			let a: Answer;
			if (PAGE === 'api') {
				// The start button with JavaScript: one request, answered with the questions.
				try {
					a = await request(agentOf(l), target.port, 'POST', target.path(`/api/quizzes/${quizId}/attempts`, l), { ...headers, 'content-type': 'application/json', accept: 'application/json' }, '{}');
				} catch (e) {
					return failed('start', e, due);
				}
				const end = performance.now();
				if (a.fresh) stats.fresh++;
				let attemptId = 0;
				try {
					const body = JSON.parse(a.text) as { attemptId?: number; view?: { questions?: unknown[] } };
					if (body.view?.questions?.length === DRAW.reduce((x, y) => x + y, 0) && typeof body.attemptId === 'number') attemptId = body.attemptId;
				} catch {
					/* not JSON */
				}
				if (a.status !== 200 || !attemptId) return noteError(stats, 'start', a, end - due);
				pageBytes = Math.max(pageBytes, Buffer.byteLength(a.text));
				attemptIds[i] = attemptId;
				stats.ok++;
				stats.latencies.push(end - due);
				lastEnd = Math.max(lastEnd, end);
				return;
			}
			// Without JavaScript: the form posts ?/start, SvelteKit answers 303 to the attempt page, the browser loads its HTML.
			try {
				a = await request(agentOf(l), target.port, 'POST', target.path(`/quiz/${quizId}?/start`, l), { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, '');
			} catch (e) {
				return failed('start', e, due);
			}
			const acted = performance.now();
			if (a.fresh) stats.fresh++;
			const m = /^\/quiz\/attempt\/(\d+)$/.exec(a.location ?? '');
			if (a.status !== 303 || !m) return noteError(stats, 'start', a, acted - due);
			actionLatencies.push(acted - due);
			let p: Answer;
			try {
				p = await request(agentOf(l), target.port, 'GET', target.path(a.location!, l), { ...headers, accept: 'text/html' });
			} catch (e) {
				return failed('page', e, due);
			}
			const end = performance.now();
			if (p.fresh) stats.fresh++;
			if (p.status !== 200) return noteError(stats, 'page', p, end - due);
			pageLatencies.push(end - acted);
			pageBytes = Math.max(pageBytes, Buffer.byteLength(p.text));
			attemptIds[i] = Number(m[1]);
			stats.ok++;
			stats.latencies.push(end - due);
			lastEnd = Math.max(lastEnd, end);
		})
	);
	const used = cpu();
	stats.span = lastEnd - t0;
	stats.seconds = Math.max(spreadMs, stats.span) / 1000;
	stats.serverCpu = used.server;
	stats.loadgenCpu = used.loadgen;
	stats.overflows = used.overflows;
	stats.extra =
		PAGE === 'api'
			? { 'answer KB': +(pageBytes / 1024).toFixed(1) }
			: { 'action p99 ms': round1(pct(sortNum(actionLatencies), 99)), 'page p99 ms': round1(pct(sortNum(pageLatencies), 99)), 'page KB': +(pageBytes / 1024).toFixed(1) };
	return { stats, attemptIds };
}

interface SlotPlan {
	type: QuestionType;
	optionOrder: string[];
}

/** Each attempt's slots with their question's type, read from the server's database file after phase 1. */
function readSlots(dbPath: string, attemptIds: number[]): Map<number, SlotPlan[]> {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const types = new Map((db.prepare('SELECT id, type, options FROM question').all() as { id: number; type: QuestionType; options: string }[]).map((q) => [q.id, { type: q.type, keys: (JSON.parse(q.options) as QuestionOption[]).map((o) => o.key) }]));
		const get = db.prepare('SELECT slots FROM quiz_attempt WHERE id = ?');
		const out = new Map<number, SlotPlan[]>();
		for (const id of attemptIds) {
			const row = get.get(id) as { slots: string } | undefined;
			if (!row) continue;
			out.set(
				id,
				(JSON.parse(row.slots) as AttemptSlot[]).map((s) => {
					const q = types.get(s.questionId);
					return { type: q?.type ?? 'single', optionOrder: s.optionOrder.length ? s.optionOrder : (q?.keys ?? []) };
				})
			);
		}
		return out;
	} finally {
		db.close();
	}
}

/** A plausible answer of the slot's kind; `n` varies it between saves. */
function responseFor(p: SlotPlan, n: number): Response {
	switch (p.type) {
		case 'single':
			return { kind: 'single', key: p.optionOrder[n % p.optionOrder.length] };
		case 'multiple':
			return { kind: 'multiple', keys: p.optionOrder.filter((_, i) => (i + n) % 2 === 0) };
		case 'truefalse':
			return { kind: 'truefalse', value: n % 2 === 0 };
		case 'fill':
			return { kind: 'fill', text: n % 2 ? '三十日' : '六十日' };
		case 'citation':
			return { kind: 'citation', text: '《中华人民共和国安全生产法》第二十八条第一款' };
	}
}

/**
 * Phase 2: every learner saves one answer per `everyMs` for `seconds`, the first saves spread evenly over
 * one interval; latency from the intended send time. `rounds` instead of `seconds` (the warm-up) makes
 * each learner save that many times back to back.
 */
async function savePhase(target: Target, agentOf: AgentOf, learners: Learner[], attemptIds: (number | null)[], plan: { seconds: number; everyMs: number } | { rounds: number }): Promise<PhaseStats> {
	const stats: PhaseStats = { ok: 0, errors: 0, latencies: [], errorSamples: new Map(), fresh: 0, seconds: 0, serverCpu: null, loadgenCpu: 0, overflows: null, span: 0, extra: {} };
	const slots = readSlots(target.dbPath, attemptIds.filter((x): x is number => x !== null));
	const cpu = measureCpu(target.pid);
	const t1 = performance.now() + 50;
	const until = 'seconds' in plan ? t1 + plan.seconds * 1000 : Infinity;
	let lastEnd = t1;
	let offered = 0;
	await Promise.all(
		learners.map(async (l, i) => {
			const attemptId = attemptIds[i];
			const mine = attemptId === null ? undefined : slots.get(attemptId);
			if (attemptId === null || !mine) return;
			const path = target.path(`/api/attempts/${attemptId}/answers`, l);
			const headers = { ...target.headers(l), 'content-type': 'application/json', accept: 'application/json' };
			let due = t1 + ('everyMs' in plan ? (i * plan.everyMs) / learners.length : 0);
			for (let n = 0; 'rounds' in plan ? n < plan.rounds : due < until; n++) {
				if ('everyMs' in plan) await sleepUntil(due);
				const start = 'everyMs' in plan ? due : performance.now();
				const slot = (i + n) % mine.length;
				const body = JSON.stringify({ slot, response: responseFor(mine[slot], n + i), flagged: false });
				offered++;
				let a: Answer;
				try {
					a = await request(agentOf(l), target.port, 'POST', path, headers, body);
				} catch (e) {
					a = { status: 0, text: (e as Error).message, fresh: (e as { fresh?: boolean }).fresh };
				}
				const end = performance.now();
				lastEnd = Math.max(lastEnd, end);
				if (a.fresh) stats.fresh++;
				if (a.status === 200) {
					stats.ok++;
					stats.latencies.push(end - start);
				} else noteError(stats, 'save', a, end - start);
				if ('everyMs' in plan) due += plan.everyMs;
			}
		})
	);
	const used = cpu();
	stats.span = lastEnd - t1;
	stats.seconds = Math.max('seconds' in plan ? plan.seconds * 1000 : 0, stats.span) / 1000;
	stats.serverCpu = used.server;
	stats.loadgenCpu = used.loadgen;
	stats.overflows = used.overflows;
	stats.extra = { offered };
	return stats;
}

const sortNum = (xs: number[]) => Array.from(Float64Array.from(xs).sort());
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const round1 = (x: number) => +x.toFixed(1);

type Row = Record<string, number | string>;

function summarize(r: PhaseStats, rate: string): Row {
	const arr = sortNum(r.latencies);
	return {
		[rate]: +(r.ok / r.seconds).toFixed(1),
		done: r.ok,
		errors: r.errors,
		'p50 ms': round1(pct(arr, 50)),
		'p95 ms': round1(pct(arr, 95)),
		'p99 ms': round1(pct(arr, 99)),
		'max ms': round1(arr.at(-1) ?? NaN),
		...Object.fromEntries(Object.entries(r.extra).filter(([k]) => k !== 'offered')),
		'last done s': +(r.span / 1000).toFixed(2),
		'server CPU %': r.serverCpu === null ? '?' : Math.round((100 * r.serverCpu) / r.seconds),
		'server CPU ms/op': r.serverCpu === null || r.ok === 0 ? '?' : +((1000 * r.serverCpu) / r.ok).toFixed(2),
		'loadgen CPU %': Math.round((100 * r.loadgenCpu) / r.seconds),
		'new conns': r.fresh,
		'listen overflows': r.overflows ?? '?'
	};
}

// ---------------------------------------------------------------------------------------------------
// 4. Run.

mkdirSync(dir, { recursive: true });
const appDb = join(dir, 'app.db');
const baseDb = join(dir, 'baseline.db');
console.log(`preparing ${appDb}: demo seed, ${LEARNERS} + ${WARMUP_LEARNERS} warm-up learners with sessions, ${CATEGORIES} × ${PER_CATEGORY} questions, a quiz drawing ${DRAW.join(' + ')} …`);
const setup = await prepareApp(appDb);
prepareBaseline(baseDb, setup.bank);
const warmLearners = setup.learners.slice(LEARNERS);
const learners = setup.learners.slice(0, LEARNERS);
const load = loadavg()[0];
if (load > cpus().length / 2)
	console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} cores before the run: other processes compete for the CPU and inflate latencies (server CPU ms/op is the steadier figure)`);
const types = setup.bank.reduce<Record<string, number>>((m, q) => ((m[q.type] = (m[q.type] ?? 0) + 1), m), {});
console.log(`quiz ${setup.quizId}: 20 of ${setup.bank.length} questions (${Object.entries(types).map(([t, n]) => `${t} ${n}`).join(', ')}), 60 min, 1 attempt`);

const startRows: Record<string, Row> = {};
const saveRows: Record<string, Row> = {};
const errorSamples: string[] = [];
const APP = 'app (build/server.js)';
const BASE = 'bare node:http + better-sqlite3';
const offeredSaves: Record<string, number> = {};

async function runPhases(target: Target): Promise<void> {
	// `timeout` makes the agent honour the server's `Keep-Alive: timeout=5` hint (it drops an idle socket a
	// second before the server would), so that a reused socket is not reset under a request (ECONNRESET).
	const shared = CONNECTIONS === 'shared' ? new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS, timeout: 120_000 }) : null;
	const own = new Map<Learner, http.Agent>();
	const agentOf: AgentOf = (l) => {
		if (shared) return shared;
		let a = own.get(l);
		if (!a) own.set(l, (a = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 120_000 })));
		return a;
	};
	if (WARMUP_LEARNERS > 0) {
		console.log(`${target.label}: warm-up, ${WARMUP_LEARNERS} learners start over 1 s and save 20 answers each …`);
		const w = await startPhase(target, agentOf, setup.quizId, warmLearners, 1000);
		const ws = await savePhase(target, agentOf, warmLearners, w.attemptIds, { rounds: 20 });
		for (const [s, n] of [...w.stats.errorSamples, ...ws.errorSamples]) errorSamples.push(`${target.label} warm-up ×${n}: ${s}`);
	}
	console.log(`${target.label}: synchronized start, ${learners.length} learners over ${START_SECONDS} s …`);
	const s = await startPhase(target, agentOf, setup.quizId, learners, START_SECONDS * 1000);
	startRows[target.label] = summarize(s.stats, 'starts/s');
	for (const [e, n] of s.stats.errorSamples) errorSamples.push(`${target.label} start ×${n}: ${e}`);
	console.log(`${target.label}: autosave, ${s.stats.ok} learners each saving every ${SAVE_EVERY_MS} ms for ${SAVE_SECONDS} s …`);
	const v = await savePhase(target, agentOf, learners, s.attemptIds, { seconds: SAVE_SECONDS, everyMs: SAVE_EVERY_MS });
	saveRows[target.label] = summarize(v, 'saves/s');
	offeredSaves[target.label] = Number(v.extra.offered);
	const rss = peakRssMb(target.pid);
	startRows[target.label]['server peak RSS MB'] = rss ?? '?';
	for (const [e, n] of v.errorSamples) errorSamples.push(`${target.label} save ×${n}: ${e}`);
	shared?.destroy();
	for (const a of own.values()) a.destroy();
}

// The app, built: never rebuilt here (npm start would), started as npm start starts it.
const serverPort = await freePort(3700);
const origin = `http://127.0.0.1:${serverPort}`;
{
	const args = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, 'build/server.js'] : ['build/server.js'];
	const { child, log } = startChild(args, { DATABASE_URL: appDb, PORT: String(serverPort), HOST: '127.0.0.1', ORIGIN: origin, BODY_SIZE_LIMIT: '1M' }, 'node build/server.js');
	await waitReady(serverPort, '/login', child, log);
	await runPhases({
		label: APP,
		port: serverPort,
		pid: child.pid,
		path: (p) => p,
		headers: (l) => ({ cookie: `${SESSION_COOKIE}=${l.token}`, origin }),
		dbPath: appDb
	});
	await stopChild(child);
}

// The baseline, alone on the machine too.
const basePort = await freePort(serverPort + 1);
{
	const { child, log } = startChild(['-e', BASELINE], { BASE_DB: baseDb, BASE_DRAW: JSON.stringify(DRAW), BASE_POINTS: String(POINTS), PORT: String(basePort), HOST: '127.0.0.1' }, 'baseline');
	await waitReady(basePort, '/', child, log);
	await runPhases({
		label: BASE,
		port: basePort,
		pid: child.pid,
		path: (p, l) => `${p}${p.includes('?') ? '&' : '?'}user=${l.userId}`,
		headers: (l) => ({ cookie: `${SESSION_COOKIE}=${l.token}`, origin: `http://127.0.0.1:${basePort}` }),
		dbPath: baseDb
	});
	await stopChild(child);
}

const app = { start: startRows[APP], save: saveRows[APP] };
const base = { start: startRows[BASE], save: saveRows[BASE] };
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '?');
const metText = (ok: boolean) => (ok ? 'met' : 'NOT met');

console.log(
	`\nquiz start + autosave · ${LEARNERS} learners · ${CONNECTIONS === 'learner' ? 'a keep-alive connection per learner' : MAX_SOCKETS >= LEARNERS ? 'one shared keep-alive agent, no socket cap' : `one shared keep-alive agent capped at ${MAX_SOCKETS} sockets`} · ` +
		`${WARMUP_LEARNERS} warm-up learners first · start ${PAGE === 'api' ? 'as the button with JavaScript does (the API, answered with the questions)' : 'as without JavaScript (the form action, then the HTML page)'} · ${cpus().length} CPU cores shared by server and load generator · load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`
);
console.log(`goals: ${LEARNERS} learners start within ${START_SECONDS} s, save every ${SAVE_EVERY_MS / 1000} s, no errors, p99 < ${GOAL_P99_MS} ms`);

console.log(
	`\nphase 1 · synchronized start: learner i sends ${PAGE === 'api' ? 'POST /api/quizzes/:id/attempts' : 'POST /quiz/:id?/start'} at i × ${START_SECONDS} s / ${LEARNERS} (offered ${round1(LEARNERS / START_SECONDS)} starts/s)` +
		(PAGE === 'api' ? '; latency from the intended send time to the end of the answer (the questions)' : ', then GET /quiz/attempt/:id (HTML); latency from the intended send time to the end of the page')
);
console.table(startRows);
console.log(
	`ratio app/baseline starts/s = ${ratio(app.start['starts/s'] as number, base.start['starts/s'] as number)}; ` +
		`p99 app ${app.start['p99 ms']} ms vs baseline ${base.start['p99 ms']} ms (× ${ratio(app.start['p99 ms'] as number, base.start['p99 ms'] as number)})`
);

console.log(
	`\nphase 2 · autosave: each learner POSTs /api/attempts/:id/answers every ${SAVE_EVERY_MS} ms for ${SAVE_SECONDS} s ` +
		`(offered ${round1((LEARNERS * 1000) / SAVE_EVERY_MS)} saves/s, ${offeredSaves[APP]} saves sent to the app); latency from the intended send time`
);
console.table(saveRows);
console.log(
	`ratio app/baseline saves/s = ${ratio(app.save['saves/s'] as number, base.save['saves/s'] as number)}; ` +
		`p99 app ${app.save['p99 ms']} ms vs baseline ${base.save['p99 ms']} ms (× ${ratio(app.save['p99 ms'] as number, base.save['p99 ms'] as number)})`
);

const startLimitS = START_SECONDS + GOAL_P99_MS / 1000;
const lastDone = app.start['last done s'] as number;
console.log(`\ngoals (app)${PAGE === 'html' ? ', informational here: a browser with JavaScript starts through the API (the default, BENCH_PAGE=api)' : ''}:`);
console.log(`  all ${LEARNERS} starts done within ${START_SECONDS} s + ${GOAL_P99_MS} ms of the first send: ${app.start.done === LEARNERS && lastDone <= startLimitS ? 'met' : 'NOT met'} (${app.start.done} done, last at ${lastDone} s)`);
console.log(`  0 errors: ${metText(app.start.errors === 0 && app.save.errors === 0)} (start ${app.start.errors}, save ${app.save.errors})`);
console.log(`  start p99 < ${GOAL_P99_MS} ms: ${metText((app.start['p99 ms'] as number) < GOAL_P99_MS)} (${app.start['p99 ms']} ms)`);
console.log(`  save p99 < ${GOAL_P99_MS} ms: ${metText((app.save['p99 ms'] as number) < GOAL_P99_MS)} (${app.save['p99 ms']} ms)`);
if (errorSamples.length) {
	console.log('\nerrors (phase, status, body):');
	for (const e of errorSamples.slice(0, 12)) console.log(`  ${e}`);
}
process.exit(0);
