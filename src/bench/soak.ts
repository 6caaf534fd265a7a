/**
 * Soak test (`npm run soak`, not part of `npm test`): a whole simulated drill day at once, for several
 * minutes, against the BUILT app (`node build/server.js`, as `npm start` serves it; this never builds), with
 * throughput, latency, errors and the server's memory printed over time, a verdict on memory growth, and a
 * check of the database at the end. The same load then runs against a bare baseline for the ratio.
 *
 * The database: a fresh file in a temp folder with the demo seed and demo scenarios, then, created
 * directly through the server modules as `npm run bench:drill` and `bench:quiz` do (no passwords: every
 * client gets a session): a drill on demo scenario v1 with SOAK_TEAMS (12) teams of SOAK_TEAM_SIZE (4)
 * officers, its 现场检查 stage and its judged 文明执法 stage open (demo judges judge1–3), 执法程序 pending; a
 * question bank of 3 × 40 questions from the demo content and a published quiz drawing 20 of them, 60
 * minutes, attempts unlimited (so that learners can take it again and the start path stays in the mix).
 *
 * The clients, all in this process, each on the endpoints a browser uses:
 *  - officers (SOAK_TEAMS × SOAK_TEAM_SIZE): load the sheet page (/drills/:id/sheet/:stage), poll the team's
 *    entries every 4 s (GET …/entries, as sheet-sync does), reload the page every 1–3 min, and autosave
 *    an item every 2–6 s (POST …/entries: the server's fast path): mostly their own share of the sheet,
 *    one save in SOAK_STEAL (7) a teammate's item with the version last seen, so conflicts happen as they
 *    do in a team (a 409 adopts the teammate's entry, as the page does; counted apart, not an error);
 *  - learners (SOAK_LEARNERS, 500), starting over the first SOAK_START_SPREAD (30) s: open the quiz page,
 *    start (SOAK_QUIZ_START=api, the default: POST /api/quizzes/:id/attempts, as the start button with
 *    JavaScript does, whose answer carries the questions, shown in place without a page load; =action:
 *    the form action /quiz/:id?/start as the form posts it without JavaScript, then the attempt page it
 *    redirects to),
 *    save an answer every 10–30 s (POST /api/attempts/:id/answers; one save in five changes an earlier
 *    answer), and after SOAK_ANSWERS (8) answers (1 to 8 the first time, so that their cycles drift apart
 *    and the load is steady) submit (/quiz/attempt/:id?/submit, then the review page), rest 10–30 s and
 *    start again; when the soak ends, every attempt still open is submitted within SOAK_END_SPREAD (10) s
 *    (收卷);
 *  - scoreboard viewers (SOAK_VIEWERS, 200): half on the 大屏 link (/board/:token and its event stream),
 *    a quarter in the app as trainer or judge (the live view: /drills/:id/scoreboard and
 *    …/scoreboard/events), a quarter as the drill's officers (the public view); each holds the
 *    event stream open and reloads the page every 1–3 min (the old stream closed, a new one opened); a
 *    stream the server ends is an error, and the viewer reconnects after 3 s as EventSource does;
 *  - judges (judge1–3): enter 文明执法 points for a team every 10–20 s (the form action
 *    /judging/:id?/save) and reload their page every 1–2 min.
 * Every operation has an intended send time from its schedule; latency runs from it to the end of the
 * operation (both requests of a start or a submit), so a server that falls behind shows its queue (no
 * coordinated omission). A request that fails on a reused keep-alive connection before any answer is sent
 * again on a new one, as browsers do (counted as "retried", not an error).
 *
 * Every SOAK_SAMPLE_SECONDS (10) a row: per workload operations/s, p50/p99 latency and errors; event-stream
 * messages; the server's RSS (/proc/<pid>/status), V8 heap (used and size), open handles, event-loop
 * delay and CPU; the machine's load. The heap figures come from a probe preloaded into the server process
 * by this script only (`node -r <probe> build/server.js`: process.memoryUsage() and the event loop, sent
 * over the IPC channel once a second): the app has no such endpoint and needs no change for it.
 *
 * Memory verdict (see `memoryVerdict`): the first third of the run is warm-up; over the rest, least-squares
 * slopes (MB/min) and the middle third against the last third, of RSS and of its parts: the live V8 heap
 * (the lowest heapUsed of each 30 s: what survives garbage collection) and non-heap memory (RSS − heapTotal).
 *
 * Runs shorter than 120 s get no verdict.
 *
 * At the end: the clients stop (streams closed, attempts submitted); 7 s later the server must be back to
 * its idle count of open handles (sockets, timers: a stream that never unsubscribes shows here); it gets
 * SIGTERM and must exit 0; then PRAGMA integrity_check, and every acknowledged save must be in the
 * database: per sheet item the entry with the highest acknowledged version and that save's content, per
 * quiz slot the last acknowledged answer (content and savedAt; or a save this client gave up on after
 * 30 s, which the server may apply late), every acknowledged start an attempt, every acknowledged submit a
 * submitted attempt, every judge's last acknowledged points. Exit status 1 if there were errors, a check
 * failed or memory grows.
 *
 * Baseline (SOAK_BASELINE_SECONDS, default min(SOAK_SECONDS, 120); 0 skips it): a bare node:http server with
 * better-sqlite3 (same pragmas) answering the same paths with the same work shapes on its own database
 * (the saves with the same version check, attempts drawn from the same 120 questions, standings summed per
 * team and pushed over SSE on change, pages as JSON plus an HTML rendering of it), driven by the same
 * clients afterwards, alone on the machine too; it has no sessions (the user travels in the query string).
 * Printed: the app's figures against it (CPU per operation, p99 per operation, RSS).
 *
 * Settings: SOAK_SECONDS (300), SOAK_SAMPLE_SECONDS (10), SOAK_TEAMS (12), SOAK_TEAM_SIZE (4),
 * SOAK_LEARNERS (500), SOAK_VIEWERS (200), SOAK_ANSWERS (8), SOAK_START_SPREAD (30), SOAK_END_SPREAD (10),
 * SOAK_STEAL (7), SOAK_QUIZ_START (api | action), SOAK_BASELINE_SECONDS, SOAK_GROWTH_LIMIT (MB/min, 1),
 * SOAK_KEEP (keep the temp folder and print its path), SOAK_CPU_PROF (a folder for a --cpu-prof profile of the
 * app server), SOAK_LEAK (heap:<MB/min> or native:<MB/min>: the probe leaks that much inside the app
 * server, to check that the verdict catches it; e.g. SOAK_LEAK=heap:4 SOAK_SECONDS=300 must say "memory GROWS"),
 * SOAK_JSON (a file for every figure as JSON).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { migrateDb, openDb } from '../lib/server/db';
import { drill, question, questionCategory, user, userRole } from '../lib/server/db/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../lib/server/auth/session';
import { seedDemo } from '../lib/server/seed';
import { seedDemoScenarios } from '../lib/server/seed/demo-scenarios';
import { QUESTIONS } from '../lib/server/seed/quiz-content';
import { createDrill, getDrill, openStage, publishedVersions } from '../lib/server/drill/drills';
import { officerSheet } from '../lib/server/drill/sheets';
import { createQuiz, REVIEW_AFTER_SUBMIT_DEFAULT, REVIEW_ALL } from '../lib/server/quiz/quizzes';
import { DEFAULT_CONDUCT_RUBRIC } from '../lib/domain/drill/rubric';
import type { AttemptSlot, QuestionOption, QuestionType, Response as QuizResponse } from '../lib/domain/quiz/types';
import { cpuSeconds, freePort, waitReady } from './process';

const num = (name: string, fallback: number) => {
	const v = process.env[name];
	if (v === undefined || v === '') return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v}: a non-negative number, please`);
	return n;
};

const SECONDS = num('SOAK_SECONDS', 300);
const SAMPLE_S = num('SOAK_SAMPLE_SECONDS', 10);
const TEAMS = num('SOAK_TEAMS', 12);
const TEAM_SIZE = num('SOAK_TEAM_SIZE', 4);
const LEARNERS = num('SOAK_LEARNERS', 500);
const VIEWERS = num('SOAK_VIEWERS', 200);
const ANSWERS = Math.max(1, num('SOAK_ANSWERS', 8));
const START_SPREAD_S = num('SOAK_START_SPREAD', 30);
const END_SPREAD_S = num('SOAK_END_SPREAD', 10);
const STEAL = Math.max(1, num('SOAK_STEAL', 7));
const QUIZ_START: 'action' | 'api' = process.env.SOAK_QUIZ_START === 'action' ? 'action' : 'api';
const BASELINE_SECONDS = num('SOAK_BASELINE_SECONDS', Math.min(SECONDS, 120));
/** Memory growth above this many MB per minute, sustained, is "memory grows" (see memoryVerdict). */
const GROWTH_LIMIT = num('SOAK_GROWTH_LIMIT', 1);
const KEEP = !!process.env.SOAK_KEEP;
/** A folder: the app server runs with --cpu-prof and writes its profile there on exit. */
const CPU_PROF = process.env.SOAK_CPU_PROF;
/** heap:<MB/min> or native:<MB/min>: the probe retains that much in the app server, to check that the verdict sees a leak. */
const LEAK = process.env.SOAK_LEAK ?? '';
/** A file: the rows, the per-second RSS and probe samples and the per-operation figures of each run, as JSON (for plots). */
const JSON_OUT = process.env.SOAK_JSON;
if (LEAK && !/^(heap|native):\d+(\.\d+)?$/.test(LEAK)) throw new Error(`SOAK_LEAK=${LEAK}: heap:<MB per minute> or native:<MB per minute>`);

const POLL_MS = 4000; // sheet-sync.svelte.ts POLL_MS
const SSE_RETRY_MS = 3000; // EventSource's default reconnection delay
const REQUEST_TIMEOUT_MS = 30_000;
const CATEGORIES = 3;
const PER_CATEGORY = 40;
const DRAW = [7, 7, 6];
const POINTS = 5;
const JUDGE_NAMES = ['judge1', 'judge2', 'judge3'];
const LIVE_NAMES = ['trainer', 'admin', ...JUDGE_NAMES];

const dir = join(tmpdir(), `zhifa-soak-${process.pid}`);
const children = new Set<ChildProcess>();
/** Children this script stopped on purpose (their exit is no error). */
const stopping = new Set<ChildProcess>();

function cleanup(): void {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
	children.clear();
	if (!KEEP) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		cleanup();
		process.exit(130);
	});

// ---------------------------------------------------------------------------------------------------
// 1. The databases.

interface Officer {
	userId: number;
	token: string;
	teamId: number;
	/** this officer's share of the sheet's items; the team's others are `others` */
	own: string[];
	others: string[];
}

interface Learner {
	userId: number;
	token: string;
}

interface Viewer {
	kind: 'board' | 'live' | 'public';
	/** a session for the in-app scoreboard; none for the 大屏 link */
	token: string | null;
	userId: number;
	/** the officer's team, for the baseline's public in-app view */
	teamId: number;
}

interface Judge {
	userId: number;
	token: string;
}

interface Setup {
	drillId: number;
	stageId: number;
	conductStageId: number;
	publicToken: string;
	quizId: number;
	teamIds: number[];
	refs: string[];
	officers: Officer[];
	learners: Learner[];
	viewers: Viewer[];
	judges: Judge[];
}

/** The bank: the demo content's first 120 questions of the four autosaved kinds, dealt over 3 categories (as bench:quiz). */
function soakQuestions() {
	const eligible = QUESTIONS.filter((q) => q.type !== 'citation');
	if (eligible.length < CATEGORIES * PER_CATEGORY) throw new Error(`the demo content has only ${eligible.length} non-citation questions`);
	return eligible.slice(0, CATEGORIES * PER_CATEGORY).map((q, i) => ({ ...q, bucket: i % CATEGORIES }));
}

async function prepareApp(path: string): Promise<Setup> {
	const db = openDb(path);
	migrateDb(db);
	const accounts = await seedDemo(db, 'soak-Demo-2026');
	if (!accounts) throw new Error('seedDemo refused: the temp database is not empty');
	const idOf = (username: string) => db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id;
	const trainer = idOf('trainer');
	const [first] = seedDemoScenarios(db, trainer);
	const version = publishedVersions(db).find((v) => v.scenarioId === first.id && v.number === 1);
	if (!version) throw new Error('demo scenario v1 not found');

	const mkUsers = (prefix: string, label: string, n: number, role: 'officer' | 'learner') =>
		db.transaction((tx) =>
			Array.from({ length: n }, (_, i) => {
				const u = tx
					.insert(user)
					.values({ username: `${prefix}${String(i + 1).padStart(4, '0')}`, displayName: `${label}${i + 1}`, passwordHash: 'soak-no-login' })
					.returning({ id: user.id })
					.get();
				tx.insert(userRole).values({ userId: u.id, role }).run();
				return u.id;
			})
		);
	const officerIds = mkUsers('soakofficer', '浸泡队员', TEAMS * TEAM_SIZE, 'officer');
	const learnerIds = mkUsers('soaklearner', '浸泡学员', LEARNERS, 'learner');
	const judgeIds = JUDGE_NAMES.map(idOf);

	const created = createDrill(db, trainer, {
		title: '浸泡测试比武',
		organizer: '浸泡测试',
		venue: '浸泡测试',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: version.id,
		stages: [
			{ kind: 'hazard', title: '现场检查', weight: 60, durationMinutes: 24 * 60 },
			{ kind: 'conduct', title: '文明执法', weight: 10, durationMinutes: 24 * 60 },
			{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
		],
		teams: Array.from({ length: TEAMS }, (_, t) => ({ name: `浸泡${t + 1}队`, unitId: null, memberIds: officerIds.slice(t * TEAM_SIZE, (t + 1) * TEAM_SIZE) })),
		judgeIds
	});
	if (!created.ok) throw new Error(`createDrill: ${created.error}`);
	const drillId = created.value.id;
	const d = getDrill(db, drillId)!;
	const stageId = d.stages.find((s) => s.kind === 'hazard')!.id;
	const conductStageId = d.stages.find((s) => s.kind === 'conduct')!.id;
	for (const id of [stageId, conductStageId]) {
		const opened = openStage(db, trainer, drillId, id);
		if (!opened.ok) throw new Error(`openStage: ${opened.error}`);
	}
	const sheet = officerSheet(db, officerIds[0], drillId, stageId);
	if (!sheet.ok) throw new Error(`officerSheet: ${sheet.error.code}`);
	const refs = sheet.value.view.areas.flatMap((a) => a.items.map((i) => i.id));
	const teamOf = new Map(d.teams.flatMap((t) => t.members.map((m) => [m.userId, t.id] as const)));
	const session = (userId: number) => {
		const token = generateSessionToken();
		createSession(db, token, userId);
		return token;
	};
	const officers: Officer[] = officerIds.map((userId, i) => ({
		userId,
		token: session(userId),
		teamId: teamOf.get(userId)!,
		own: refs.filter((_, k) => k % TEAM_SIZE === i % TEAM_SIZE),
		others: refs.filter((_, k) => k % TEAM_SIZE !== i % TEAM_SIZE)
	}));
	const learners: Learner[] = learnerIds.map((userId) => ({ userId, token: session(userId) }));
	const judges: Judge[] = judgeIds.map((userId) => ({ userId, token: session(userId) }));
	const liveIds = LIVE_NAMES.map(idOf);
	const viewers: Viewer[] = Array.from({ length: VIEWERS }, (_, i) => {
		// half 大屏, a quarter live (trainer, admin, judges), a quarter public (officers), interleaved
		if (i % 4 === 1) {
			const userId = liveIds[i % liveIds.length];
			return { kind: 'live', token: session(userId), userId, teamId: 0 };
		}
		if (i % 4 === 3) {
			const o = officers[i % officers.length];
			return { kind: 'public', token: session(o.userId), userId: o.userId, teamId: o.teamId };
		}
		return { kind: 'board', token: null, userId: 0, teamId: 0 };
	});

	const bank = soakQuestions();
	const categoryIds = db.transaction((tx) => {
		const ids = Array.from({ length: CATEGORIES }, (_, c) => tx.insert(questionCategory).values({ name: `浸泡分类${c + 1}`, sortOrder: c }).returning({ id: questionCategory.id }).get().id);
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
	const quiz = createQuiz(
		db,
		trainer,
		{
			title: '浸泡测试测验',
			description: '浸泡测试用测验',
			timeLimitMinutes: 60,
			opensAt: null,
			closesAt: null,
			attemptsAllowed: 0,
			passMark: 60,
			shuffleOptions: true,
			reviewAfterSubmit: REVIEW_AFTER_SUBMIT_DEFAULT,
			reviewAfterClose: REVIEW_ALL,
			rules: categoryIds.map((categoryId, c) => ({ categoryId, difficulty: null, count: DRAW[c], points: POINTS }))
		},
		'published'
	);
	if (!quiz.ok) throw new Error(`createQuiz: ${quiz.error.code}`);
	const { publicToken } = db.select({ publicToken: drill.publicToken }).from(drill).where(eq(drill.id, drillId)).get()!;
	db.$client.close();
	return { drillId, stageId, conductStageId, publicToken: publicToken!, quizId: quiz.value.id, teamIds: d.teams.map((t) => t.id), refs, officers, learners, viewers, judges };
}

/** The baseline's database: the tables its routes use, named and shaped as the app's (so one check reads both), and the same 120 questions. */
function prepareBaseline(path: string): void {
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.exec(
		'CREATE TABLE sheet_entry (id INTEGER PRIMARY KEY AUTOINCREMENT, team_id INTEGER NOT NULL, stage_id INTEGER NOT NULL, ref TEXT NOT NULL, data TEXT, version INTEGER NOT NULL, updated_by INTEGER, updated_at INTEGER NOT NULL);' +
			'CREATE UNIQUE INDEX sheet_entry_ref_idx ON sheet_entry (team_id, stage_id, ref);' +
			'CREATE TABLE judge_score (stage_id INTEGER NOT NULL, team_id INTEGER NOT NULL, judge_id INTEGER NOT NULL, rubric_key TEXT NOT NULL, points REAL NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (stage_id, team_id, judge_id, rubric_key));' +
			'CREATE TABLE question (id INTEGER PRIMARY KEY AUTOINCREMENT, category_id INTEGER NOT NULL, type TEXT NOT NULL, stem TEXT NOT NULL, options TEXT NOT NULL);' +
			"CREATE TABLE quiz_attempt (id INTEGER PRIMARY KEY AUTOINCREMENT, quiz_id INTEGER NOT NULL, user_id INTEGER NOT NULL, attempt_no INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open', started_at INTEGER NOT NULL, ends_at INTEGER, submitted_at INTEGER, score REAL, slots TEXT NOT NULL);" +
			'CREATE UNIQUE INDEX quiz_attempt_no_idx ON quiz_attempt (quiz_id, user_id, attempt_no);' +
			'CREATE TABLE attempt_answer (attempt_id INTEGER NOT NULL REFERENCES quiz_attempt(id) ON DELETE CASCADE, slot INTEGER NOT NULL, response TEXT, flagged INTEGER NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (attempt_id, slot));'
	);
	const insert = db.prepare('INSERT INTO question (category_id, type, stem, options) VALUES (?, ?, ?, ?)');
	db.transaction(() => {
		for (const q of soakQuestions()) insert.run(q.bucket + 1, q.type, q.stem, JSON.stringify(q.options));
	})();
	db.close();
}

// ---------------------------------------------------------------------------------------------------
// 2. Child servers.



/** What the probe sends once a second from inside a server process. */
interface ProbeSample {
	t: number;
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
	/** event-loop delay over the last second, ms */
	lagP99: number;
	lagMax: number;
	/** event-loop utilization over the last second, 0–1 */
	elu: number;
	/** process.getActiveResourcesInfo().length: sockets, timers, … */
	handles: number;
}

/**
 * Preloaded into the servers (`node -r`): sends process.memoryUsage() and event-loop figures over the IPC
 * channel once a second. The channel and the timer are unref'd, so the server exits as it would without it.
 */
const PROBE = String.raw`
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
if (typeof process.send === 'function') {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	let elu = performance.eventLoopUtilization();
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		const now = performance.eventLoopUtilization();
		const used = performance.eventLoopUtilization(now, elu);
		elu = now;
		try {
			process.send({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers,
				lagP99: delay.percentile(99) / 1e6, lagMax: delay.max / 1e6, elu: used.utilization, handles: process.getActiveResourcesInfo().length });
		} catch {}
		delay.reset();
	}, 1000);
	timer.unref();
	process.channel && process.channel.unref();
	// SOAK_LEAK (a check of the verdict, never of the app): retain this much memory per minute, as a leak would.
	const leak = /^(heap|native):(\d+(?:\.\d+)?)$/.exec(process.env.SOAK_PROBE_LEAK || '');
	if (leak) {
		const kept = [];
		const bytes = Math.round((Number(leak[2]) * 1024 * 1024) / 60);
		setInterval(() => kept.push(leak[1] === 'heap' ? Buffer.alloc(bytes, 120).toString('latin1') : Buffer.alloc(bytes, 1)), 1000).unref();
	}
}
`;

interface Child {
	child: ChildProcess;
	log: () => string;
	probe: ProbeSample[];
}

function startChild(args: string[], env: Record<string, string>, label: string, probePath: string): Child {
	const child = spawn(process.execPath, ['-r', probePath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
	children.add(child);
	let out = '';
	const keep = (b: Buffer) => {
		out = (out + b.toString()).slice(-8000);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const probe: ProbeSample[] = [];
	child.on('message', (m) => probe.push(m as ProbeSample));
	child.on('exit', (code, signal) => {
		children.delete(child);
		if (!stopping.has(child)) console.error(`${label} exited early (code ${code}, signal ${signal}):\n${out}`);
	});
	return { child, log: () => out, probe };
}

/** SIGTERM, then SIGKILL after 15 s; resolves with how it ended and how long it took. */
function stopChild(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
	stopping.add(child);
	const t0 = performance.now();
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
	return new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - t0 }));
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
	});
}



/** Resident memory of a process in MB (VmRSS), from /proc (Linux); null elsewhere. */
function rssMb(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : null;
	} catch {
		return null;
	}
}

/**
 * The baseline: node:http + better-sqlite3 and nothing else, on the app's paths. No sessions: the user,
 * team and scoreboard view travel in the query string. The work per request is the app's in shape (one
 * transaction per save with the same checks, an attempt drawn from the bank, standings from the sheets and
 * judges' points), pages are JSON of their data plus an HTML rendering of it.
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
const STAGE = Number(process.env.BASE_STAGE);
const CONDUCT = Number(process.env.BASE_CONDUCT);
const TEAMS = JSON.parse(process.env.BASE_TEAMS);
const REFS = JSON.parse(process.env.BASE_REFS);
const RUBRIC = JSON.parse(process.env.BASE_RUBRIC);
const TOKEN = process.env.BASE_TOKEN;

const bank = new Map();
for (const q of db.prepare('SELECT id, category_id, options FROM question').all()) {
	if (!bank.has(q.category_id)) bank.set(q.category_id, []);
	bank.get(q.category_id).push({ id: q.id, keys: JSON.parse(q.options).map((o) => o.key) });
}
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const send = (res, status, body) => {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
};
const page = (res, data, html) => {
	const text = '<!doctype html><html><body>' + html + '<script>const data = ' + JSON.stringify(data).replace(/</g, '\\u003c') + '</script></body></html>';
	res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
	res.end(text);
};
const body = (req, then) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => then(Buffer.concat(chunks).toString('utf8')));
};

// sheets
const readEntry = db.prepare('SELECT version FROM sheet_entry WHERE team_id = ? AND stage_id = ? AND ref = ?');
const currentEntry = db.prepare('SELECT ref, data, version, updated_by AS updatedBy, updated_at AS updatedAt FROM sheet_entry WHERE team_id = ? AND stage_id = ? AND ref = ?');
const teamEntries = db.prepare('SELECT ref, data, version, updated_by AS updatedBy, updated_at AS updatedAt FROM sheet_entry WHERE team_id = ? AND stage_id = ?');
const upsertEntry = db.prepare('INSERT INTO sheet_entry (team_id, stage_id, ref, data, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
	'ON CONFLICT (team_id, stage_id, ref) DO UPDATE SET data = excluded.data, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at');
const saveEntry = db.transaction((team, stage, ref, base, data, userId, now) => {
	const row = readEntry.get(team, stage, ref);
	const current = row ? row.version : 0;
	if (current !== base) return { conflict: true, current: currentEntry.get(team, stage, ref) || null };
	upsertEntry.run(team, stage, ref, data, current + 1, userId, now);
	return { conflict: false, version: current + 1 };
});
const entriesOf = (team) => teamEntries.all(team, STAGE).map((e) => ({ ...e, data: e.data === null ? null : JSON.parse(e.data) }));

// quiz
const openOf = db.prepare("SELECT id FROM quiz_attempt WHERE quiz_id = ? AND user_id = ? AND status = 'open'");
const countOf = db.prepare('SELECT count(*) AS n FROM quiz_attempt WHERE quiz_id = ? AND user_id = ?');
const myAttempts = db.prepare('SELECT id, attempt_no, status, started_at, submitted_at, score FROM quiz_attempt WHERE quiz_id = ? AND user_id = ? ORDER BY id');
const insertAttempt = db.prepare("INSERT INTO quiz_attempt (quiz_id, user_id, attempt_no, status, started_at, ends_at, slots) VALUES (?, ?, ?, 'open', ?, ?, ?)");
const start = db.transaction((quizId, userId, now) => {
	const open = openOf.get(quizId, userId);
	if (open) return open.id;
	const made = countOf.get(quizId, userId).n;
	const slots = [];
	DRAW.forEach((n, c) => {
		for (const q of shuffle([...bank.get(c + 1)]).slice(0, n)) slots.push({ questionId: q.id, points: POINTS, optionOrder: shuffle([...q.keys]) });
	});
	return Number(insertAttempt.run(quizId, userId, made + 1, now, now + 3600000, JSON.stringify(slots)).lastInsertRowid);
});
const attemptOf = db.prepare('SELECT * FROM quiz_attempt WHERE id = ?');
const questionsOf = db.prepare('SELECT id, type, stem, options FROM question WHERE id IN (SELECT value FROM json_each(?))');
const answersOf = db.prepare('SELECT slot, response, flagged FROM attempt_answer WHERE attempt_id = ?');
const upsertAnswer = db.prepare('INSERT INTO attempt_answer (attempt_id, slot, response, flagged, saved_at) VALUES (?, ?, ?, ?, ?) ' +
	'ON CONFLICT (attempt_id, slot) DO UPDATE SET response = excluded.response, flagged = excluded.flagged, saved_at = excluded.saved_at');
const saveAnswer = db.transaction((attemptId, userId, slot, response, flagged, now) => {
	const a = attemptOf.get(attemptId);
	if (!a || a.user_id !== userId) return 404;
	if (a.status !== 'open') return 409;
	if (slot >= JSON.parse(a.slots).length) return 422;
	upsertAnswer.run(attemptId, slot, response, flagged, now);
	return 200;
});
const submitRow = db.prepare("UPDATE quiz_attempt SET status = 'submitted', submitted_at = ?, score = ? WHERE id = ? AND status = 'open'");
const submit = db.transaction((attemptId, userId, now) => {
	const a = attemptOf.get(attemptId);
	if (!a || a.user_id !== userId) return false;
	// "grading": every answered slot scores its points
	submitRow.run(now, answersOf.all(attemptId).length * POINTS, attemptId);
	return true;
});
function attemptData(a, now) {
	const slots = JSON.parse(a.slots);
	const byId = new Map(questionsOf.all(JSON.stringify(slots.map((s) => s.questionId))).map((q) => [q.id, q]));
	const saved = new Map(answersOf.all(a.id).map((x) => [x.slot, x]));
	const questions = slots.map((s, slot) => {
		const q = byId.get(s.questionId);
		const text = new Map(JSON.parse(q.options).map((o) => [o.key, o.text]));
		const x = saved.get(slot);
		return { slot, type: q.type, points: s.points, stemHtml: '<p>' + esc(q.stem) + '</p>', options: s.optionOrder.map((k) => ({ key: k, text: text.get(k) })), response: x ? JSON.parse(x.response) : null, flagged: x ? !!x.flagged : false };
	});
	return { attemptId: a.id, status: a.status, startedAt: a.started_at, endsAt: a.ends_at, serverNow: now, score: a.score, questions };
}
const questionsHtml = (v) => v.questions.map((q) => '<fieldset><legend>第' + (q.slot + 1) + '题（' + q.points + '分）</legend>' + q.stemHtml +
	q.options.map((o) => '<label><input type="radio" name="q' + q.slot + '" value="' + o.key + '"> ' + o.key + '. ' + esc(o.text) + '</label>').join('') + '</fieldset>').join('');

// judges
const upsertScore = db.prepare('INSERT INTO judge_score (stage_id, team_id, judge_id, rubric_key, points, updated_at) VALUES (?, ?, ?, ?, ?, ?) ' +
	'ON CONFLICT (stage_id, team_id, judge_id, rubric_key) DO UPDATE SET points = excluded.points, updated_at = excluded.updated_at');
const myScores = db.prepare('SELECT team_id, rubric_key, points FROM judge_score WHERE stage_id = ? AND judge_id = ?');
const saveScores = db.transaction((judgeId, teamId, points, now) => {
	for (const [key, p] of points) upsertScore.run(CONDUCT, teamId, judgeId, key, p, now);
});

// standings: sheet items answered per team, judges' mean points; the public view counts no open stage
const answered = db.prepare('SELECT team_id AS teamId, count(*) AS n FROM sheet_entry WHERE stage_id = ? AND data IS NOT NULL GROUP BY team_id');
const judged = db.prepare('SELECT team_id AS teamId, sum(points) AS p, count(DISTINCT judge_id) AS j FROM judge_score WHERE stage_id = ? GROUP BY team_id');
function standings(view, now) {
	const a = new Map(answered.all(STAGE).map((r) => [r.teamId, r.n]));
	const j = new Map(judged.all(CONDUCT).map((r) => [r.teamId, r.p / r.j]));
	const teams = TEAMS.map((t) => {
		const scores = view === 'live' ? [Math.round((1000 * (a.get(t.id) || 0)) / REFS.length) / 10, j.get(t.id) || 0, null] : [null, null, null];
		return { teamId: t.id, name: t.name, total: scores.reduce((s, x) => s + (x || 0), 0), scores };
	}).sort((x, y) => y.total - x.total);
	teams.forEach((t, i) => (t.rank = i + 1));
	return { title: '浸泡测试比武', view, stages: [{ title: '现场检查' }, { title: '文明执法' }, { title: '执法程序' }], teams, asOf: now };
}
const boardHtml = (s) => '<table>' + s.teams.map((t) => '<tr><td>' + t.rank + '</td><td>' + esc(t.name) + '</td>' + t.scores.map((x) => '<td>' + (x === null ? '—' : x) + '</td>').join('') + '<td>' + t.total + '</td></tr>').join('') + '</table>';
const listeners = new Map();
const last = new Map();
let hub = null;
function tick() {
	const now = Date.now();
	for (const view of new Set(listeners.values())) {
		const s = standings(view, now);
		const { asOf, ...rest } = s;
		const f = JSON.stringify(rest);
		if (last.get(view) === f) continue;
		last.set(view, f);
		const text = 'event: standings\ndata: ' + JSON.stringify(s) + '\n\n';
		for (const [res, v] of listeners) if (v === view) res.write(text);
	}
}
function stream(req, res, view) {
	res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
	listeners.set(res, view);
	if (!hub) hub = setInterval(tick, 1500);
	res.write('event: standings\ndata: ' + JSON.stringify(standings(view, Date.now())) + '\n\n');
	const ping = setInterval(() => res.write(': ping\n\n'), 15000);
	res.on('close', () => {
		clearInterval(ping);
		listeners.delete(res);
		if (listeners.size === 0 && hub) { clearInterval(hub); hub = null; last.clear(); }
	});
}

const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://localhost');
	const q = url.searchParams;
	const userId = Number(q.get('user'));
	const p = url.pathname;
	let m;
	if (req.method === 'GET' && p === '/login') return page(res, {}, '<form></form>');
	// officers
	if ((m = /^\/drills\/(\d+)\/sheet\/(\d+)$/.exec(p)) && req.method === 'GET') {
		const entries = entriesOf(Number(q.get('team')));
		return page(res, { refs: REFS, entries }, REFS.map((r) => '<section><h3>' + esc(r) + '</h3><textarea>' + esc(JSON.stringify((entries.find((e) => e.ref === r) || {}).data || '')) + '</textarea></section>').join(''));
	}
	if ((m = /^\/api\/drills\/(\d+)\/stages\/(\d+)\/entries$/.exec(p))) {
		const team = Number(q.get('team'));
		if (req.method === 'GET') return send(res, 200, { stage: { status: 'open', endsAt: null, serverNow: Date.now(), isPaused: false }, submittedAt: null, entries: entriesOf(team) });
		return body(req, (text) => {
			let b;
			try { b = JSON.parse(text); } catch { return send(res, 400, { code: 'bad_json' }); }
			if (typeof b.ref !== 'string' || !Number.isInteger(b.baseVersion) || !('data' in b)) return send(res, 400, { code: 'bad_request' });
			const now = Date.now();
			const r = saveEntry(team, Number(m[2]), b.ref, b.baseVersion, b.data === null ? null : JSON.stringify(b.data), userId, now);
			if (r.conflict) return send(res, 409, { code: 'drill.conflict', message: 'conflict', current: r.current && { ...r.current, data: r.current.data === null ? null : JSON.parse(r.current.data) } });
			send(res, 200, { version: r.version, savedAt: now });
		});
	}
	// learners
	if ((m = /^\/quiz\/(\d+)$/.exec(p))) {
		const quizId = Number(m[1]);
		if (req.method === 'GET') {
			const mine = myAttempts.all(quizId, userId);
			return page(res, { quizId, attempts: mine }, '<h1>测验</h1><ul>' + mine.map((a) => '<li>第' + a.attempt_no + '次 ' + a.status + ' ' + (a.score ?? '') + '</li>').join('') + '</ul><form method="post" action="?/start"><button>开始</button></form>');
		}
		if (q.has('/start')) { req.resume(); return req.on('end', () => send(res, 200, { type: 'redirect', status: 303, location: '/quiz/attempt/' + start(quizId, userId, Date.now()) })); }
	}
	if (req.method === 'POST' && (m = /^\/api\/quizzes\/(\d+)\/attempts$/.exec(p))) {
		req.resume();
		return req.on('end', () => {
			const now = Date.now();
			const id = start(Number(m[1]), userId, now);
			send(res, 200, { attemptId: id, resumed: false, view: attemptData(attemptOf.get(id), now) });
		});
	}
	if ((m = /^\/quiz\/attempt\/(\d+)(\/review)?$/.exec(p))) {
		const a = attemptOf.get(Number(m[1]));
		if (!a || a.user_id !== userId) return send(res, 404, { message: 'not found' });
		if (req.method === 'POST' && q.has('/submit')) { req.resume(); return req.on('end', () => { submit(a.id, userId, Date.now()); send(res, 200, { type: 'redirect', status: 303, location: '/quiz/attempt/' + a.id + '/review' }); }); }
		if (req.method === 'GET') {
			const v = attemptData(a, Date.now());
			return page(res, v, (m[2] ? '<p>得分 ' + a.score + '</p>' : '') + questionsHtml(v));
		}
	}
	if (req.method === 'POST' && (m = /^\/api\/attempts\/(\d+)\/answers$/.exec(p))) {
		return body(req, (text) => {
			let b;
			try { b = JSON.parse(text); } catch { return send(res, 400, { code: 'bad_json' }); }
			if (!Number.isInteger(b.slot) || !('response' in b)) return send(res, 400, { code: 'bad_request' });
			const now = Date.now();
			const status = saveAnswer(Number(m[1]), userId, b.slot, JSON.stringify(b.response), b.flagged ? 1 : 0, now);
			if (status !== 200) return send(res, status, { code: 'refused' });
			send(res, 200, { savedAt: now });
		});
	}
	// scoreboards
	if (req.method === 'GET' && ((m = /^\/drills\/(\d+)\/scoreboard(\/events)?$/.exec(p)) || (m = /^\/board\/([^/]+)(\/events)?$/.exec(p)))) {
		if (p.startsWith('/board/') && m[1] !== TOKEN) return send(res, 404, { message: 'not found' });
		const view = p.startsWith('/board/') ? 'public' : q.get('view') === 'live' ? 'live' : 'public';
		if (m[2]) return stream(req, res, view);
		const s = standings(view, Date.now());
		return page(res, { board: s }, boardHtml(s));
	}
	// judges
	if ((m = /^\/judging\/(\d+)$/.exec(p))) {
		if (req.method === 'GET') {
			const mine = myScores.all(CONDUCT, userId);
			return page(res, { teams: TEAMS, rubric: RUBRIC, mine }, TEAMS.map((t) => '<form><h3>' + esc(t.name) + '</h3>' + RUBRIC.map((r) => '<label>' + esc(r.title) + '<input name="p_' + r.key + '" value="' + ((mine.find((x) => x.team_id === t.id && x.rubric_key === r.key) || {}).points ?? '') + '"></label>').join('') + '</form>').join(''));
		}
		if (req.method === 'POST' && q.has('/save'))
			return body(req, (text) => {
				const form = new URLSearchParams(text);
				const teamId = Number(form.get('teamId'));
				const points = [...form].filter(([k, v]) => k.startsWith('p_') && v !== '').map(([k, v]) => [k.slice(2), Number(v)]);
				if (!TEAMS.some((t) => t.id === teamId) || points.some(([, v]) => !(v >= 0 && v <= 4))) return send(res, 200, { type: 'failure', status: 400, data: '[]' });
				saveScores(userId, teamId, points, Date.now());
				send(res, 200, { type: 'success', status: 200, data: '[{"message":1},"已保存"]' });
			});
	}
	send(res, 404, { code: 'not_found' });
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => {
	for (const res of listeners.keys()) res.end();
	server.closeIdleConnections();
	server.close(() => {
		db.close();
		process.exit(0);
	});
});
`;

// ---------------------------------------------------------------------------------------------------
// 3. Requests.

interface Answer {
	status: number;
	text: string;
	headers: http.IncomingHttpHeaders;
}

class RequestError extends Error {
	constructor(
		readonly kind: string,
		readonly reused: boolean
	) {
		super(kind);
	}
}

interface Target {
	label: string;
	port: number;
	pid: number | undefined;
	origin: string;
	dbPath: string;
	/** the app's paths as they are; the baseline adds who is asking to the query string */
	path: (path: string, who: { userId?: number; teamId?: number; view?: string }) => string;
}

let retried = 0;

function requestOnce(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const h = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
		const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: h }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
			res.on('error', (e) => reject(new RequestError((e as NodeJS.ErrnoException).code ?? e.message, req.reusedSocket)));
		});
		req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
		req.on('error', (e) => reject(new RequestError((e as NodeJS.ErrnoException).code ?? e.message, req.reusedSocket)));
		req.end(body);
	});
}

/** A request; one that fails on a reused keep-alive connection before its answer is sent again on a new one, as browsers do. */
async function request(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
	try {
		return await requestOnce(agent, port, method, path, headers, body);
	} catch (e) {
		if (!(e instanceof RequestError) || !e.reused || !['ECONNRESET', 'EPIPE'].includes(e.kind)) throw e;
		retried++;
		return requestOnce(agent, port, method, path, { ...headers }, body);
	}
}

// ---------------------------------------------------------------------------------------------------
// 4. What was acknowledged (checked against the database at the end).

interface SheetKey {
	/** highest acknowledged version and the note of that save */
	version: number;
	note: string;
	/** saves sent without an answer (a network error): the database may hold a newer one */
	unanswered: number;
}

class Ledger {
	readonly sheet = new Map<string, SheetKey>();
	/** attempt/slot → last acknowledged response (canonical JSON) and savedAt */
	/**
	 * attempt/slot → last acknowledged response (canonical JSON) and savedAt, and the responses of saves sent
	 * without an answer (timed out): the server may still apply one of those later, as it would a browser's
	 * request whose connection broke after it was sent.
	 */
	readonly answers = new Map<string, { response: string; savedAt: number; unanswered: Set<string> }>();
	/** attempt → its learner and whether a submit was acknowledged */
	readonly attempts = new Map<number, { userId: number; submitted: boolean }>();
	/** stage/team/judge/key → last acknowledged points */
	readonly scores = new Map<string, { points: number; unanswered: Set<number> }>();
	acknowledged = 0;
}

/** JSON with object keys sorted, so that equal values compare equal whatever order the server wrote. */
function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v && typeof v === 'object')
		return `{${Object.keys(v)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------------------
// 5. Metrics.

type Workload = 'officers' | 'learners' | 'viewers' | 'judges';
const WORKLOADS: Workload[] = ['officers', 'learners', 'viewers', 'judges'];
const OPS: Record<string, Workload> = {
	'sheet page': 'officers',
	'sheet poll': 'officers',
	'sheet save': 'officers',
	'quiz page': 'learners',
	'quiz start': 'learners',
	'quiz save': 'learners',
	'quiz submit': 'learners',
	'board page': 'viewers',
	'board stream': 'viewers',
	'judge page': 'judges',
	'judge save': 'judges'
};

interface OpStats {
	n: number;
	errors: number;
	conflicts: number;
	latencies: number[];
}

const newOp = (): OpStats => ({ n: 0, errors: 0, conflicts: 0, latencies: [] });

class Bucket {
	readonly ops = new Map<string, OpStats>();
	readonly errors = new Map<string, number>();
	sseMessages = 0;
	ssePings = 0;
	sseBytes = 0;

	op(name: string): OpStats {
		let s = this.ops.get(name);
		if (!s) this.ops.set(name, (s = newOp()));
		return s;
	}
}

type Outcome = { ok: true; conflict?: boolean } | { ok: false; kind: string };

class Metrics {
	/** the current sample window and the whole run */
	window = new Bucket();
	readonly total = new Bucket();
	/** after warm-up (the first third) until the end of the schedule: no start-up, no 收卷 */
	readonly steady = new Bucket();
	openStreams = 0;

	constructor(
		private readonly steadyFrom: number,
		private readonly steadyTo: number
	) {}

	private buckets(): Bucket[] {
		const now = performance.now();
		return now >= this.steadyFrom && now < this.steadyTo ? [this.window, this.total, this.steady] : [this.window, this.total];
	}

	record(op: string, latency: number, outcome: Outcome): void {
		for (const b of this.buckets()) {
			const s = b.op(op);
			s.n++;
			if (outcome.ok) {
				s.latencies.push(latency);
				if (outcome.conflict) s.conflicts++;
			} else {
				s.errors++;
				const kind = `${op}: ${outcome.kind}`;
				b.errors.set(kind, (b.errors.get(kind) ?? 0) + 1);
			}
		}
	}

	error(op: string, kind: string): void {
		this.record(op, 0, { ok: false, kind });
	}

	sse(kind: 'message' | 'ping', bytes: number): void {
		for (const b of this.buckets()) {
			if (kind === 'message') b.sseMessages++;
			else b.ssePings++;
			b.sseBytes += bytes;
		}
	}

	take(): Bucket {
		const w = this.window;
		this.window = new Bucket();
		return w;
	}
}

const sortNum = (xs: number[]) => Array.from(Float64Array.from(xs).sort());
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const r1 = (x: number) => (Number.isFinite(x) ? +x.toFixed(1) : NaN);
const r0 = (x: number) => (Number.isFinite(x) ? Math.round(x) : NaN);
const mb = (bytes: number) => bytes / 1024 / 1024;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
	if (points.length < 2) return NaN;
	const mx = mean(points.map((p) => p[0]));
	const my = mean(points.map((p) => p[1]));
	let num = 0;
	let den = 0;
	for (const [x, y] of points) {
		num += (x - mx) * (y - my);
		den += (x - mx) ** 2;
	}
	return den ? num / den : NaN;
}

// ---------------------------------------------------------------------------------------------------
// 6. The clients.

const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const sleepUntil = async (t: number) => {
	const wait = t - performance.now();
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

interface Run {
	target: Target;
	setup: Setup;
	metrics: Metrics;
	ledger: Ledger;
	agent: http.Agent;
	t0: number;
	/** no operation is scheduled at or after this moment */
	end: number;
	/** set when the clients must stop now (streams closed) */
	stopped: boolean;
	/** each attempt's slots: question type and option order, read from the server's database file */
	slotsOf: (attemptId: number) => SlotPlan[] | null;
}

interface SlotPlan {
	type: QuestionType;
	optionOrder: string[];
}

/** Runs `fn` as operation `op` due at `due`: its latency (from `due`) and outcome are recorded. */
async function timed<T>(run: Run, op: string, due: number, fn: () => Promise<{ outcome: Outcome; value?: T }>): Promise<T | undefined> {
	let r: { outcome: Outcome; value?: T };
	try {
		r = await fn();
	} catch (e) {
		r = { outcome: { ok: false, kind: e instanceof RequestError ? e.kind : (e as Error).message } };
	}
	run.metrics.record(op, performance.now() - due, r.outcome);
	return r.outcome.ok ? r.value : undefined;
}

/** What a refusal is, for grouping errors: status and the JSON code (or SvelteKit's action type) when there is one. */
function refusal(a: Answer): Outcome {
	let code = '';
	try {
		const b = JSON.parse(a.text) as { code?: string; type?: string; status?: number };
		code = b.code ?? (b.type ? `${b.type}${b.status ? ` ${b.status}` : ''}` : '');
	} catch {
		code = a.text.replace(/\s+/g, ' ').slice(0, 60);
	}
	return { ok: false, kind: `${a.status}${code ? ` ${code}` : ''}` };
}

const htmlHeaders = (token: string | null): Record<string, string> => ({
	accept: 'text/html',
	...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {})
});
const jsonHeaders = (run: Run, token: string | null): Record<string, string> => ({
	accept: 'application/json',
	origin: run.target.origin,
	...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {})
});
/** A form action as `use:enhance` posts it. */
const actionHeaders = (run: Run, token: string): Record<string, string> => ({
	...jsonHeaders(run, token),
	'content-type': 'application/x-www-form-urlencoded',
	'x-sveltekit-action': 'true'
});

async function getPage(run: Run, path: string, token: string | null): Promise<{ outcome: Outcome }> {
	const a = await request(run.agent, run.target.port, 'GET', path, htmlHeaders(token));
	if (a.status !== 200 || !String(a.headers['content-type']).startsWith('text/html')) return { outcome: refusal(a) };
	return { outcome: { ok: true } };
}

/** A form action's answer, expected to be a redirect: its location. */
function redirectOf(a: Answer): string | null {
	if (a.status !== 200) return null;
	try {
		const b = JSON.parse(a.text) as { type?: string; location?: string };
		return b.type === 'redirect' && typeof b.location === 'string' ? b.location : null;
	} catch {
		return null;
	}
}

/** Everything a runner needs to stop its loop. */
const until = (run: Run) => (due: number) => due < run.end && !run.stopped;

// -- officers --

const sheetAnswer = (note: string, n: number) => ({
	classification: n % 3 === 0 ? 'major' : 'general',
	violated: ['《安全生产法》第三十六条第一款'],
	penalty: ['《安全生产法》第九十九条第（二）项'],
	measures: ['rectify_within_deadline', 'stop_using_equipment'],
	deadlineDays: 1 + (n % 30),
	note
});

async function officer(run: Run, o: Officer, index: number): Promise<void> {
	const { setup } = run;
	const on = until(run);
	const entriesPath = run.target.path(`/api/drills/${setup.drillId}/stages/${setup.stageId}/entries`, { userId: o.userId, teamId: o.teamId });
	const pagePath = run.target.path(`/drills/${setup.drillId}/sheet/${setup.stageId}`, { userId: o.userId, teamId: o.teamId });
	/** the versions this officer's page knows, per item */
	const known = new Map<string, number>();
	let saves = 0;

	async function poll(due: number) {
		await timed(run, 'sheet poll', due, async () => {
			const a = await request(run.agent, run.target.port, 'GET', entriesPath, jsonHeaders(run, o.token));
			if (a.status !== 200) return { outcome: refusal(a) };
			const body = JSON.parse(a.text) as { entries: { ref: string; version: number }[] };
			for (const e of body.entries) if ((known.get(e.ref) ?? 0) < e.version) known.set(e.ref, e.version);
			return { outcome: { ok: true } };
		});
	}

	async function save(due: number) {
		const ref = saves % STEAL === STEAL - 1 ? pick(o.others) : pick(o.own);
		saves++;
		const key = `${o.teamId}|${ref}`;
		const k = run.ledger.sheet.get(key) ?? { version: 0, note: '', unanswered: 0 };
		run.ledger.sheet.set(key, k);
		const note = `soak ${key} ${o.userId}#${saves}`;
		const body = JSON.stringify({ ref, baseVersion: known.get(ref) ?? 0, data: sheetAnswer(note, saves) });
		await timed(run, 'sheet save', due, async () => {
			let a: Answer;
			try {
				a = await request(run.agent, run.target.port, 'POST', entriesPath, { ...jsonHeaders(run, o.token), 'content-type': 'application/json' }, body);
			} catch (e) {
				k.unanswered++;
				throw e;
			}
			if (a.status === 200) {
				const { version } = JSON.parse(a.text) as { version: number };
				known.set(ref, version);
				run.ledger.acknowledged++;
				if (version > k.version) Object.assign(k, { version, note });
				return { outcome: { ok: true } };
			}
			if (a.status === 409) {
				const b = JSON.parse(a.text) as { code?: string; current?: { version: number } | null };
				if (b.code === 'drill.conflict') {
					// The page adopts the teammate's entry (sheet-sync #adopt): this edit is dropped.
					known.set(ref, b.current?.version ?? 0);
					return { outcome: { ok: true, conflict: true } };
				}
			}
			return { outcome: refusal(a) };
		});
	}

	const start = run.t0 + (index / Math.max(1, run.setup.officers.length)) * 5000;
	await sleepUntil(start);
	if (!on(start)) return;
	await timed(run, 'sheet page', start, () => getPage(run, pagePath, o.token));
	await Promise.all([
		(async () => {
			// polls every 4 s, and a page reload now and then (the poll after it is the page's own)
			let due = start + POLL_MS;
			let reloadAt = start + rand(60_000, 180_000);
			while (on(due)) {
				await sleepUntil(due);
				if (!on(due)) break;
				if (due >= reloadAt) {
					await timed(run, 'sheet page', due, () => getPage(run, pagePath, o.token));
					reloadAt = due + rand(60_000, 180_000);
				} else await poll(due);
				due += POLL_MS;
			}
		})(),
		(async () => {
			let due = start + rand(500, 6000);
			while (on(due)) {
				await sleepUntil(due);
				if (!on(due)) break;
				await save(due);
				due += rand(2000, 6000);
			}
		})()
	]);
}

// -- learners --

function responseFor(p: SlotPlan, n: number, mark: string): QuizResponse {
	switch (p.type) {
		case 'single':
			return { kind: 'single', key: p.optionOrder[n % p.optionOrder.length] };
		case 'multiple':
			return { kind: 'multiple', keys: p.optionOrder.filter((_, i) => (i + n) % 2 === 0) };
		case 'truefalse':
			return { kind: 'truefalse', value: n % 2 === 0 };
		case 'fill':
			return { kind: 'fill', text: mark };
		case 'citation':
			return { kind: 'citation', text: '《中华人民共和国安全生产法》第二十八条第一款' };
	}
}

async function learner(run: Run, l: Learner): Promise<void> {
	const { setup, ledger } = run;
	const on = until(run);
	const who = { userId: l.userId };
	const path = (p: string) => run.target.path(p, who);
	let attemptId: number | null = null;
	let due = run.t0 + rand(0, START_SPREAD_S * 1000);
	let n = 0;
	let first = true;

	async function start(at: number): Promise<number | undefined> {
		return timed<number>(run, 'quiz start', at, async () => {
			let location: string | null;
			if (QUIZ_START === 'api') {
				// The start button with JavaScript: the answer carries the taking view, shown in place (no page load).
				const a = await request(run.agent, run.target.port, 'POST', path(`/api/quizzes/${setup.quizId}/attempts`), { ...jsonHeaders(run, l.token), 'content-type': 'application/json' }, '{}');
				if (a.status !== 200) return { outcome: refusal(a) };
				const b = JSON.parse(a.text) as { attemptId?: number; view?: { questions?: unknown[] } };
				if (typeof b.attemptId !== 'number') return { outcome: { ok: false, kind: `${a.status} no attemptId` } };
				if (!Array.isArray(b.view?.questions)) return { outcome: { ok: false, kind: `${a.status} no view` } };
				ledger.attempts.set(b.attemptId, { userId: l.userId, submitted: false });
				ledger.acknowledged++;
				return { outcome: { ok: true }, value: b.attemptId };
			} else {
				const a = await request(run.agent, run.target.port, 'POST', path(`/quiz/${setup.quizId}?/start`), actionHeaders(run, l.token), '');
				location = redirectOf(a);
				if (!location) return { outcome: refusal(a) };
			}
			const m = /^\/quiz\/attempt\/(\d+)$/.exec(location);
			if (!m) return { outcome: { ok: false, kind: `redirected to ${location}` } };
			const p = await getPage(run, path(location), l.token);
			if (!p.outcome.ok) return p;
			const id = Number(m[1]);
			ledger.attempts.set(id, { userId: l.userId, submitted: false });
			ledger.acknowledged++;
			return { outcome: { ok: true }, value: id };
		});
	}

	async function submit(at: number, id: number): Promise<void> {
		await timed(run, 'quiz submit', at, async () => {
			const a = await request(run.agent, run.target.port, 'POST', path(`/quiz/attempt/${id}?/submit`), actionHeaders(run, l.token), '');
			const location = redirectOf(a);
			if (location !== `/quiz/attempt/${id}/review`) return { outcome: location ? { ok: false, kind: `redirected to ${location}` } : refusal(a) };
			ledger.attempts.get(id)!.submitted = true;
			ledger.acknowledged++;
			return getPage(run, path(location), l.token);
		});
	}

	async function saveAnswer(at: number, id: number, plan: SlotPlan[], slot: number): Promise<void> {
		n++;
		const key = `${id}|${slot}`;
		const response = responseFor(plan[slot], n, `浸泡 ${key}#${n}`);
		const entry = ledger.answers.get(key) ?? { response: '', savedAt: 0, unanswered: new Set<string>() };
		ledger.answers.set(key, entry);
		const body = JSON.stringify({ slot, response, flagged: n % 5 === 0 });
		await timed(run, 'quiz save', at, async () => {
			let a: Answer;
			try {
				a = await request(run.agent, run.target.port, 'POST', path(`/api/attempts/${id}/answers`), { ...jsonHeaders(run, l.token), 'content-type': 'application/json' }, body);
			} catch (e) {
				entry.unanswered.add(canonical(response));
				throw e;
			}
			if (a.status !== 200) return { outcome: refusal(a) };
			const { savedAt } = JSON.parse(a.text) as { savedAt: number };
			Object.assign(entry, { response: canonical(response), savedAt });
			ledger.acknowledged++;
			return { outcome: { ok: true } };
		});
	}

	while (on(due)) {
		await sleepUntil(due);
		if (!on(due)) break;
		await timed(run, 'quiz page', due, () => getPage(run, path(`/quiz/${setup.quizId}`), l.token));
		due += rand(2000, 6000);
		await sleepUntil(due);
		if (!on(due)) break;
		const id = await start(due);
		if (id === undefined) {
			due += 10_000;
			continue;
		}
		attemptId = id;
		const plan = run.slotsOf(id);
		if (!plan) {
			run.metrics.error('quiz start', 'attempt not in the database file');
			break;
		}
		const order = plan.map((_, i) => i).sort(() => Math.random() - 0.5);
		let answered = 0;
		// The first attempt has 1 to ANSWERS answers, so that the learners' cycles drift apart at once and
		// starts and submits go on at a steady rate (no second wave of them in the run's last third).
		const answers = first ? 1 + Math.floor(Math.random() * ANSWERS) : ANSWERS;
		first = false;
		for (let k = 0; k < answers; k++) {
			due += rand(10_000, 30_000);
			await sleepUntil(due);
			if (!on(due)) break;
			// one save in five changes an earlier answer
			const slot = answered > 0 && Math.random() < 0.2 ? order[Math.floor(Math.random() * answered)] : order[answered++ % order.length];
			await saveAnswer(due, id, plan, slot);
		}
		if (!on(due)) break;
		due += rand(2000, 5000);
		await sleepUntil(due);
		await submit(due, id);
		attemptId = null;
		due += rand(10_000, 30_000);
	}
	// 收卷: the attempt still open is submitted when the soak ends.
	if (attemptId !== null && !run.stopped) {
		const at = Math.max(performance.now(), run.end) + rand(0, END_SPREAD_S * 1000);
		await sleepUntil(at);
		await submit(at, attemptId);
	}
}

// -- scoreboard viewers --

interface Stream {
	close: () => void;
}

/**
 * Holds an event stream as EventSource does: counts `standings` events and pings, reports the first event
 * (as operation 'board stream', from the moment it was opened), and reconnects after 3 s when the server
 * ends it or the connection fails (an error, unless this client closed it).
 */
function openStream(run: Run, path: string, token: string | null, agent: http.Agent): Stream {
	let closed = false;
	let req: http.ClientRequest | null = null;
	let retry: NodeJS.Timeout | null = null;
	const connect = () => {
		if (closed) return;
		const opened = performance.now();
		let first = true;
		let ended = false;
		run.metrics.openStreams++;
		const fail = (kind: string) => {
			if (ended) return;
			ended = true;
			run.metrics.openStreams--;
			if (closed) return;
			if (first) run.metrics.record('board stream', performance.now() - opened, { ok: false, kind });
			else run.metrics.error('board stream', kind);
			retry = setTimeout(connect, SSE_RETRY_MS);
		};
		req = http.get({ host: '127.0.0.1', port: run.target.port, path, agent, headers: { accept: 'text/event-stream', ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}) } }, (res) => {
			if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
				res.resume();
				return fail(`${res.statusCode} ${res.headers['content-type']}`);
			}
			let buffer = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				let cut: number;
				while ((cut = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, cut);
					buffer = buffer.slice(cut + 2);
					if (block.startsWith(':')) {
						run.metrics.sse('ping', block.length + 2);
						continue;
					}
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (!/^event: standings$/m.test(block) || data === undefined) {
						run.metrics.error('board stream', 'unexpected event');
						continue;
					}
					try {
						JSON.parse(data);
					} catch {
						run.metrics.error('board stream', 'bad JSON in an event');
						continue;
					}
					run.metrics.sse('message', block.length + 2);
					if (first) {
						first = false;
						run.metrics.record('board stream', performance.now() - opened, { ok: true });
					}
				}
			});
			res.on('end', () => fail('ended by the server'));
			res.on('error', (e) => fail((e as NodeJS.ErrnoException).code ?? e.message));
			res.on('close', () => fail('closed'));
		});
		req.on('error', (e) => fail((e as NodeJS.ErrnoException).code ?? e.message));
	};
	connect();
	return {
		close: () => {
			closed = true;
			if (retry) clearTimeout(retry);
			req?.destroy();
		}
	};
}

async function viewer(run: Run, v: Viewer, index: number, streamAgent: http.Agent): Promise<void> {
	const { setup } = run;
	const on = until(run);
	const who = { userId: v.userId, teamId: v.teamId, view: v.kind === 'live' ? 'live' : 'public' };
	const pagePath = run.target.path(v.kind === 'board' ? `/board/${setup.publicToken}` : `/drills/${setup.drillId}/scoreboard`, who);
	const eventsPath = run.target.path(v.kind === 'board' ? `/board/${setup.publicToken}/events` : `/drills/${setup.drillId}/scoreboard/events`, who);
	let stream: Stream | null = null;
	let due = run.t0 + (index / Math.max(1, run.setup.viewers.length)) * 10_000;
	while (on(due)) {
		await sleepUntil(due);
		if (!on(due)) break;
		// a reload: the page's stream closes, the new page loads and opens its own
		stream?.close();
		await timed(run, 'board page', due, () => getPage(run, pagePath, v.token));
		if (run.stopped) break;
		stream = openStream(run, eventsPath, v.token, streamAgent);
		due += rand(60_000, 180_000);
	}
	// held until every client is done
	await new Promise<void>((resolve) => {
		const check = setInterval(() => {
			if (run.stopped) {
				clearInterval(check);
				resolve();
			}
		}, 200);
	});
	stream?.close();
}

// -- judges --

async function judge(run: Run, j: Judge, index: number): Promise<void> {
	const { setup, ledger } = run;
	const on = until(run);
	const who = { userId: j.userId };
	const pagePath = run.target.path(`/judging/${setup.drillId}`, who);
	let due = run.t0 + 1000 + index * 700;
	let reloadAt = due;
	while (on(due)) {
		await sleepUntil(due);
		if (!on(due)) break;
		if (due >= reloadAt) {
			await timed(run, 'judge page', due, () => getPage(run, pagePath, j.token));
			reloadAt = due + rand(60_000, 120_000);
			due += rand(2000, 5000);
			continue;
		}
		const teamId = pick(setup.teamIds);
		// all five items, or (one save in three) the first three
		const items = DEFAULT_CONDUCT_RUBRIC.slice(0, Math.random() < 1 / 3 ? 3 : DEFAULT_CONDUCT_RUBRIC.length);
		const points = items.map((r) => [r.key, Math.floor(Math.random() * (r.maxPoints + 1))] as const);
		const form = new URLSearchParams({ stageId: String(setup.conductStageId), teamId: String(teamId), ...Object.fromEntries(points.map(([k, p]) => [`p_${k}`, String(p)])) }).toString();
		const keys = points.map(([k]) => `${setup.conductStageId}|${teamId}|${j.userId}|${k}`);
		await timed(run, 'judge save', due, async () => {
			let a: Answer;
			try {
				a = await request(run.agent, run.target.port, 'POST', run.target.path(`/judging/${setup.drillId}?/save`, who), actionHeaders(run, j.token), form);
			} catch (e) {
				points.forEach(([, p], i) => {
					const s = ledger.scores.get(keys[i]) ?? { points: NaN, unanswered: new Set<number>() };
					s.unanswered.add(p);
					ledger.scores.set(keys[i], s);
				});
				throw e;
			}
			let type = '';
			try {
				type = (JSON.parse(a.text) as { type?: string }).type ?? '';
			} catch {
				/* not JSON */
			}
			if (a.status !== 200 || type !== 'success') return { outcome: refusal(a) };
			points.forEach(([, p], i) => ledger.scores.set(keys[i], { points: p, unanswered: ledger.scores.get(keys[i])?.unanswered ?? new Set() }));
			ledger.acknowledged++;
			return { outcome: { ok: true } };
		});
		due += rand(10_000, 20_000);
	}
}

// ---------------------------------------------------------------------------------------------------
// 7. A run against one server: the clients, a row every sample, the checks at the end.

interface Row {
	t: number;
	/** per workload: operations/s, p50, p99, errors */
	w: Record<Workload, { rate: number; p50: number; p99: number; errors: number }>;
	conflicts: number;
	sseMsgs: number;
	streams: number;
	rss: number;
	heapFloor: number;
	heapPeak: number;
	/** V8's heap size (heapTotal) at the row's end: RSS minus this is code, stacks and native memory */
	heapTotal: number;
	handles: number;
	lagP99: number;
	serverCpu: number;
	loadgenCpu: number;
	load1: number;
}

interface RunResult {
	label: string;
	seconds: number;
	rows: Row[];
	total: Bucket;
	steady: Bucket;
	/** per second: seconds since the start, RSS MB */
	rssSeries: [number, number][];
	probe: ProbeSample[];
	t0Wall: number;
	serverCpuTotal: number | null;
	checks: { name: string; ok: boolean; detail: string }[];
	shutdown: { code: number | null; signal: NodeJS.Signals | null; ms: number };
	idleHandles: { before: number | null; after: number | null };
	peakRss: number;
}

function workloadFigures(b: Bucket, seconds: number): Row['w'] {
	const out = {} as Row['w'];
	for (const w of WORKLOADS) {
		const lat: number[] = [];
		let n = 0;
		let errors = 0;
		for (const [op, s] of b.ops) {
			if (OPS[op] !== w) continue;
			n += s.n;
			errors += s.errors;
			for (const x of s.latencies) lat.push(x);
		}
		const sorted = sortNum(lat);
		out[w] = { rate: n / seconds, p50: pct(sorted, 50), p99: pct(sorted, 99), errors };
	}
	return out;
}

function printRowHeader(): void {
	console.log(
		[
			'    t',
			...WORKLOADS.map((w) => `${w.padStart(9)} op/s p50/p99 ms err`.padStart(31)),
			' 409',
			'SSE msg/s',
			'streams',
			'RSS MB',
			'heap floor/peak',
			'heapTot',
			'handles',
			'lag p99',
			'srv CPU%',
			'gen CPU%',
			'load1'
		].join(' │ ')
	);
}

function printRow(r: Row): void {
	const w = (x: Row['w'][Workload]) => `${x.rate.toFixed(1).padStart(5)} ${String(r0(x.p50)).padStart(5)}/${String(r0(x.p99)).padEnd(5)} ${String(x.errors).padStart(3)}`.padStart(31);
	console.log(
		[
			String(r.t).padStart(5),
			...WORKLOADS.map((k) => w(r.w[k])),
			String(r.conflicts).padStart(4),
			r.sseMsgs.toFixed(1).padStart(9),
			String(r.streams).padStart(7),
			r.rss.toFixed(1).padStart(6),
			`${r.heapFloor.toFixed(1)}/${r.heapPeak.toFixed(1)}`.padStart(15),
			r.heapTotal.toFixed(1).padStart(7),
			String(r.handles).padStart(7),
			r.lagP99.toFixed(1).padStart(7),
			String(r0(r.serverCpu)).padStart(8),
			String(r0(r.loadgenCpu)).padStart(8),
			r.load1.toFixed(2).padStart(5)
		].join(' │ ')
	);
}

async function runAgainst(target: Target, setup: Setup, seconds: number, probe: ProbeSample[]): Promise<Omit<RunResult, 'checks' | 'shutdown' | 'peakRss'> & { ledger: Ledger }> {
	const t0 = performance.now() + 100;
	const t0Wall = Date.now() + 100;
	const metrics = new Metrics(t0 + (seconds * 1000) / 3, t0 + seconds * 1000);
	const ledger = new Ledger();
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, timeout: 120_000 });
	const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
	const slotsDb = new Database(target.dbPath, { readonly: true, fileMustExist: true });
	const questionTypes = new Map(
		(slotsDb.prepare('SELECT id, type, options FROM question').all() as { id: number; type: QuestionType; options: string }[]).map((q) => [q.id, { type: q.type, keys: (JSON.parse(q.options) as QuestionOption[]).map((o) => o.key) }])
	);
	const slotsStmt = slotsDb.prepare('SELECT slots FROM quiz_attempt WHERE id = ?');
	const slotsOf = (attemptId: number): SlotPlan[] | null => {
		const row = slotsStmt.get(attemptId) as { slots: string } | undefined;
		if (!row) return null;
		return (JSON.parse(row.slots) as AttemptSlot[]).map((s) => {
			const q = questionTypes.get(s.questionId);
			return { type: q?.type ?? 'single', optionOrder: s.optionOrder.length ? s.optionOrder : (q?.keys ?? []) };
		});
	};

	const idleHandlesBefore = probe.at(-1)?.handles ?? null;
	const run: Run = { target, setup, metrics, ledger, agent, t0, end: t0 + seconds * 1000, stopped: false, slotsOf };

	// Sampling: RSS every second; a row every SAMPLE_S.
	const rssSeries: [number, number][] = [];
	const rows: Row[] = [];
	const rssTimer = setInterval(() => {
		const rss = rssMb(target.pid);
		if (rss !== null) rssSeries.push([(performance.now() - t0) / 1000, rss]);
	}, 1000);
	let lastCpu = { server: cpuSeconds(target.pid), loadgen: process.cpuUsage(), at: performance.now() };
	let probeFrom = probe.length;
	const sample = () => {
		const now = performance.now();
		const b = metrics.take();
		const span = (now - lastCpu.at) / 1000;
		const server = cpuSeconds(target.pid);
		const lg = process.cpuUsage(lastCpu.loadgen);
		const samples = probe.slice(probeFrom);
		probeFrom = probe.length;
		const last = samples.at(-1);
		let conflicts = 0;
		for (const s of b.ops.values()) conflicts += s.conflicts;
		const row: Row = {
			t: Math.round((now - t0) / 1000),
			w: workloadFigures(b, span),
			conflicts,
			sseMsgs: b.sseMessages / span,
			streams: metrics.openStreams,
			rss: rssMb(target.pid) ?? NaN,
			heapFloor: samples.length ? mb(Math.min(...samples.map((s) => s.heapUsed))) : NaN,
			heapPeak: samples.length ? mb(Math.max(...samples.map((s) => s.heapUsed))) : NaN,
			heapTotal: last ? mb(last.heapTotal) : NaN,
			handles: last?.handles ?? NaN,
			lagP99: samples.length ? Math.max(...samples.map((s) => s.lagP99)) : NaN,
			serverCpu: server !== null && lastCpu.server !== null ? (100 * (server - lastCpu.server)) / span : NaN,
			loadgenCpu: (100 * (lg.user + lg.system)) / 1e6 / span,
			load1: loadavg()[0]
		};
		lastCpu = { server, loadgen: process.cpuUsage(), at: now };
		rows.push(row);
		printRow(row);
		for (const [kind, n] of b.errors) console.log(`        error ×${n}: ${kind}`);
	};
	printRowHeader();
	const sampler = setInterval(sample, SAMPLE_S * 1000);
	const cpuAtStart = cpuSeconds(target.pid);

	const officers = setup.officers.map((o, i) => officer(run, o, i));
	const learners = setup.learners.map((l) => learner(run, l));
	const judges = setup.judges.map((j, i) => judge(run, j, i));
	const viewers = setup.viewers.map((v, i) => viewer(run, v, i, streamAgent));
	await Promise.all([...officers, ...judges]);
	await Promise.all(learners); // 收卷 included
	run.stopped = true;
	await Promise.all(viewers);
	clearInterval(sampler);
	clearInterval(rssTimer);
	sample(); // the last, partial window: 收卷
	const serverCpuEnd = cpuSeconds(target.pid);
	agent.destroy();
	streamAgent.destroy();
	slotsDb.close();
	// Idle: every client gone, keep-alive connections closed (5 s) and the scoreboard hubs stopped.
	await new Promise((r) => setTimeout(r, 7000));
	const idleHandlesAfter = probe.at(-1)?.handles ?? null;
	return {
		label: target.label,
		seconds,
		rows,
		total: metrics.total,
		steady: metrics.steady,
		rssSeries,
		probe: probe.filter((s) => s.t >= t0Wall),
		t0Wall,
		serverCpuTotal: serverCpuEnd !== null && cpuAtStart !== null ? serverCpuEnd - cpuAtStart : null,
		idleHandles: { before: idleHandlesBefore, after: idleHandlesAfter },
		ledger
	};
}

/**
 * The sheet entries of the stage, keyed by team and the ref the officers' pages use. The app stores its
 * own item ids and hands out opaque refs (salted per scenario version), so its entries are read through
 * the server module that serves the officers' sheet (as the crash test does); the baseline's table holds
 * the refs as sent.
 */
function sheetEntries(dbPath: string, setup: Setup, raw: Database.Database): Map<string, { data: unknown; version: number }> {
	const out = new Map<string, { data: unknown; version: number }>();
	if (!raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'drill'").get()) {
		const rows = raw.prepare('SELECT team_id AS teamId, ref, data, version FROM sheet_entry WHERE stage_id = ?').all(setup.stageId) as { teamId: number; ref: string; data: string | null; version: number }[];
		for (const e of rows) out.set(`${e.teamId}|${e.ref}`, { data: e.data === null ? null : JSON.parse(e.data), version: e.version });
		return out;
	}
	const db = openDb(dbPath);
	try {
		const firstOfTeam = new Map(setup.officers.map((o) => [o.teamId, o.userId]));
		for (const [teamId, userId] of firstOfTeam) {
			const sheet = officerSheet(db, userId, setup.drillId, setup.stageId);
			if (!sheet.ok) throw new Error(`officerSheet: ${sheet.error.code}`);
			for (const e of sheet.value.entries) out.set(`${teamId}|${e.ref}`, { data: e.data, version: e.version });
		}
		return out;
	} finally {
		db.$client.close();
	}
}

/** PRAGMA integrity_check, then every acknowledged save against what the database holds. */
function checkDatabase(dbPath: string, setup: Setup, ledger: Ledger): { name: string; ok: boolean; detail: string }[] {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const checks: { name: string; ok: boolean; detail: string }[] = [];
		const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
		checks.push({ name: 'PRAGMA integrity_check', ok: integrity === 'ok', detail: integrity });

		// sheets: per item, the highest acknowledged version with that save's content
		const entries = sheetEntries(dbPath, setup, db);
		let sheetBad = 0;
		const sheetExamples: string[] = [];
		let acked = 0;
		for (const [key, k] of ledger.sheet) {
			if (k.version === 0 && k.unanswered === 0) continue;
			if (k.version > 0) acked++;
			const e = entries.get(key);
			const note = (e?.data as { note?: string } | null | undefined)?.note;
			const good = k.unanswered ? (e?.version ?? 0) >= k.version && (e?.version !== k.version || note === k.note) : e?.version === k.version && note === k.note;
			if (!good) {
				sheetBad++;
				if (sheetExamples.length < 3) sheetExamples.push(`${key}: acknowledged v${k.version} 「${k.note}」, found v${e?.version ?? '—'} 「${note ?? '—'}」`);
			}
		}
		const extra = [...entries.keys()].filter((key) => !ledger.sheet.has(key)).length;
		checks.push({ name: 'sheet items: latest acknowledged save present', ok: sheetBad === 0 && extra === 0, detail: `${acked} items checked, ${sheetBad} wrong, ${extra} unexpected${sheetExamples.length ? `: ${sheetExamples.join('; ')}` : ''}` });

		// quiz answers: the last acknowledged answer of each slot
		const answerStmt = db.prepare('SELECT response, saved_at AS savedAt FROM attempt_answer WHERE attempt_id = ? AND slot = ?');
		let answerBad = 0;
		let lateApplied = 0;
		const answerExamples: string[] = [];
		for (const [key, a] of ledger.answers) {
			const [attemptId, slot] = key.split('|').map(Number);
			const row = answerStmt.get(attemptId, slot) as { response: string | null; savedAt: number } | undefined;
			const found = row ? canonical(row.response === null ? null : JSON.parse(row.response)) : '—';
			// A save sent without an answer may have been applied, even after a later acknowledged one (the
			// server took it up after this client had given up on it): the slot holds the last acknowledged
			// save, or one of those.
			const acked = !!row && found === a.response && row.savedAt === a.savedAt;
			const late = !!row && a.unanswered.has(found) && row.savedAt >= a.savedAt;
			const good = acked || late || (!row && a.savedAt === 0);
			if (late && !acked) lateApplied++;
			if (!good) {
				answerBad++;
				if (answerExamples.length < 3) answerExamples.push(`${key}: acknowledged ${a.response} at ${a.savedAt}, found ${found} at ${row?.savedAt ?? '—'}`);
			}
		}
		checks.push({ name: 'quiz answers: last acknowledged answer present', ok: answerBad === 0, detail: `${ledger.answers.size} slots checked, ${answerBad} wrong${lateApplied ? ` (${lateApplied} hold a save this client had given up on, applied late)` : ''}${answerExamples.length ? `: ${answerExamples.join('; ')}` : ''}` });

		// attempts: every acknowledged start exists for its learner; every acknowledged submit is submitted
		const attemptStmt = db.prepare('SELECT user_id AS userId, status FROM quiz_attempt WHERE id = ?');
		let attemptBad = 0;
		let submitted = 0;
		let stillOpen = 0;
		for (const [id, a] of ledger.attempts) {
			const row = attemptStmt.get(id) as { userId: number; status: string } | undefined;
			if (!row || row.userId !== a.userId || (a.submitted && row.status !== 'submitted')) attemptBad++;
			if (a.submitted) submitted++;
			if (row?.status === 'open') stillOpen++;
		}
		checks.push({ name: 'quiz attempts: acknowledged starts and submits present', ok: attemptBad === 0, detail: `${ledger.attempts.size} attempts, ${submitted} submitted, ${attemptBad} wrong` });
		checks.push({ name: 'quiz attempts: none left open after 收卷', ok: stillOpen === 0, detail: `${stillOpen} open` });

		// judges: the last acknowledged points per judge, team and item
		const scoreStmt = db.prepare('SELECT points FROM judge_score WHERE stage_id = ? AND team_id = ? AND judge_id = ? AND rubric_key = ?');
		let scoreBad = 0;
		for (const [key, s] of ledger.scores) {
			const [stageId, teamId, judgeId, rubricKey] = key.split('|');
			const row = scoreStmt.get(Number(stageId), Number(teamId), Number(judgeId), rubricKey) as { points: number } | undefined;
			if (!(row?.points === s.points || (row && s.unanswered.has(row.points)) || (!row && Number.isNaN(s.points)))) scoreBad++;
		}
		checks.push({ name: 'judge points: last acknowledged points present', ok: scoreBad === 0, detail: `${ledger.scores.size} points checked, ${scoreBad} wrong` });
		return checks;
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------------------------------------------
// 8. Memory verdict.

interface MemoryVerdict {
	grows: boolean;
	text: string[];
}

/** Shorter runs get no verdict (they cannot fail on memory): warm-up and the thirds would be too short. */
const MIN_VERDICT_S = 120;
/** A rise of the live heap between thirds smaller than this is collection timing, not growth. */
const HEAP_NOISE_MB = 4;
/** A rise of non-heap memory (RSS − V8's heap size) smaller than this is the allocator keeping pages, not growth. */
const NATIVE_NOISE_MB = 5;
/** The heap floor is the lowest heapUsed of each chunk this long (a major GC happens well within it under load). */
const FLOOR_CHUNK_S = 30;

interface Trend {
	slope: number;
	mid: number;
	last: number;
	rise: number;
	rises: boolean;
}

/**
 * The first third of the run is warm-up (JIT, SQLite's page cache, V8 sizing its heap to the load, the
 * first attempts); the rest is split into the middle and the last third. RSS (per second, /proc) is the
 * sum of V8's heap (its size, heapTotal) and everything else (code, stacks, SQLite's cache, buffers,
 * allocator pages: "non-heap", RSS − heapTotal), and each part grows for its own reasons:
 *  - the live heap: the V8 heap floor, the lowest heapUsed of each 30 s chunk (what survives garbage
 *    collection; a leak of JavaScript objects raises it, garbage waiting for the next collection does not);
 *    the thirds compare their lowest values;
 *  - non-heap memory (a native leak: statements, buffers, sockets): per second, thirds compare means;
 *  - V8's heap size itself may grow after a burst and stay (it is sized to the allocation rate, up to its
 *    limit): that is bounded and no leak, so RSS alone decides nothing, though it is printed.
 * A part "rises" when its least-squares slope is above SOAK_GROWTH_LIMIT (1 MB/min) AND its last third is
 * above its middle third by more than half of what that slope predicts (a trend, not one step) and by
 * more than its noise (HEAP_NOISE_MB, NATIVE_NOISE_MB). "memory grows" when the live heap or non-heap
 * memory rises. The limit, 1 MB/min, is ~1.4 GB over a 24 h drill day, several times the server's whole
 * steady footprint: growth at that rate ends in an out-of-memory kill within days. A run of T seconds can
 * only see growth above noise ÷ (T/3): ~2.4 MB/min for the heap at 300 s; run longer to look closer.
 */
function memoryVerdict(r: Pick<RunResult, 'seconds' | 'rssSeries' | 'probe' | 't0Wall'>): MemoryVerdict {
	const T = r.seconds;
	const thirdMin = T / 3 / 60;
	const inSpan = (t: number) => t >= T / 3 && t <= T;
	const isLast = (t: number) => t >= (2 * T) / 3;
	const trend = (series: [number, number][], summary: (ys: number[]) => number, noise: number, slopeOf = series): Trend => {
		const slopeMb = slope(slopeOf.map(([t, y]) => [t / 60, y]));
		const mid = summary(series.filter(([t]) => !isLast(t)).map(([, y]) => y));
		const last = summary(series.filter(([t]) => isLast(t)).map(([, y]) => y));
		const rise = last - mid;
		return { slope: slopeMb, mid, last, rise, rises: slopeMb > GROWTH_LIMIT && rise > Math.max(noise, 0.5 * slopeMb * thirdMin) };
	};
	const probe = r.probe.map((p) => ({ t: (p.t - r.t0Wall) / 1000, p })).filter(({ t }) => inSpan(t));
	const rss = trend(r.rssSeries.filter(([t]) => inSpan(t)), mean, NATIVE_NOISE_MB);
	const heapUsed = probe.map(({ t, p }) => [t, mb(p.heapUsed)] as [number, number]);
	const chunks = new Map<number, [number, number]>();
	for (const [t, y] of heapUsed) {
		const k = Math.floor((t - T / 3) / FLOOR_CHUNK_S);
		const at = chunks.get(k);
		if (!at || y < at[1]) chunks.set(k, [(T / 3 + (k + 0.5) * FLOOR_CHUNK_S), y]);
	}
	const lowest = (ys: number[]) => (ys.length ? Math.min(...ys) : NaN);
	const heap = trend(heapUsed, lowest, HEAP_NOISE_MB, [...chunks.values()]);
	const native = trend(
		probe.map(({ t, p }) => [t, mb(p.rss - p.heapTotal)]),
		mean,
		NATIVE_NOISE_MB
	);
	const heapSize = trend(
		probe.map(({ t, p }) => [t, mb(p.heapTotal)]),
		mean,
		NATIVE_NOISE_MB
	);
	const tooShort = T < MIN_VERDICT_S;
	const grows = !tooShort && (heap.rises || native.rises);
	const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '?');
	const line = (name: string, x: Trend, how: string, counts: boolean) =>
		`${name}: slope ${f(x.slope)} MB/min; ${how} ${f(x.mid)} MB (middle third) → ${f(x.last)} MB (last third), ${x.rise >= 0 ? '+' : ''}${f(x.rise)} MB` +
		(x.rises ? (counts ? ' — RISES' : ' — rises (by itself no leak: see its parts)') : '');
	return {
		grows,
		text: [
			`memory after warm-up (${Math.round(T / 3)}–${T} s):`,
			line('  RSS', rss, 'mean', false),
			line('  = V8 heap size (heapTotal)', heapSize, 'mean', false),
			line('  + non-heap (RSS − heapTotal)', native, 'mean', true),
			line(`  live heap (heapUsed floor per ${FLOOR_CHUNK_S} s)`, heap, 'lowest', true),
			`verdict: ${tooShort ? `none: ${T} s is too short (warm-up and two thirds of at least ${MIN_VERDICT_S} s are needed)` : grows ? 'memory GROWS' : 'memory bounded'} — the live heap ${heap.rises ? 'rises' : 'does not rise'}, non-heap memory ${native.rises ? 'rises' : 'does not rise'} ` +
				`(limit ${GROWTH_LIMIT} MB/min ≈ ${((GROWTH_LIMIT * 60 * 24) / 1024).toFixed(1)} GB a day; at ${T} s a rise must also exceed ${HEAP_NOISE_MB} MB (heap) or ${NATIVE_NOISE_MB} MB (non-heap) between thirds, ` +
				`so growth slower than ~${f(Math.max(GROWTH_LIMIT, HEAP_NOISE_MB / thirdMin))} MB/min (heap) or ~${f(Math.max(GROWTH_LIMIT, NATIVE_NOISE_MB / thirdMin))} MB/min (non-heap) goes unseen: run longer to look closer)`
		]
	};
}

// ---------------------------------------------------------------------------------------------------
// 9. Run.

function opTable(r: RunResult): Record<string, Record<string, number | string>> {
	const rows: Record<string, Record<string, number | string>> = {};
	for (const op of Object.keys(OPS)) {
		const s = r.total.ops.get(op);
		if (!s) continue;
		const sorted = sortNum(s.latencies);
		const steady = sortNum(r.steady.ops.get(op)?.latencies ?? []);
		rows[op] = {
			done: s.n - s.errors,
			'per s': r1((s.n - s.errors) / r.seconds),
			'p50 ms': r1(pct(sorted, 50)),
			'p99 ms': r1(pct(sorted, 99)),
			'max ms': r1(sorted.at(-1) ?? NaN),
			'steady p50': r1(pct(steady, 50)),
			'steady p99': r1(pct(steady, 99)),
			conflicts: s.conflicts,
			errors: s.errors
		};
	}
	return rows;
}

async function soak(target: Omit<Target, 'pid'>, child: Child, setup: Setup, seconds: number): Promise<RunResult> {
	const { child: proc, probe } = child;
	const t: Target = { ...target, pid: proc.pid };
	// the probe's first samples: idle handles before the load
	await new Promise((r) => setTimeout(r, 1500));
	console.log(`\n${t.label}: ${seconds} s, a row every ${SAMPLE_S} s (latency from the intended send time; RSS and heapTot (V8's heap size) at the row's end; heap floor/peak: lowest/highest heapUsed of the window; lag: event-loop delay)`);
	const r = await runAgainst(t, setup, seconds, probe);
	const peakRss = Math.max(...r.rssSeries.map(([, y]) => y));
	const shutdown = await stopChild(proc);
	const checks = checkDatabase(t.dbPath, setup, r.ledger);
	checks.unshift({ name: 'server exits 0 on SIGTERM', ok: shutdown.code === 0, detail: `code ${shutdown.code}, signal ${shutdown.signal}, ${Math.round(shutdown.ms)} ms` });
	const { before, after } = r.idleHandles;
	checks.push({
		name: 'idle after the load: open handles back to the idle level (no leaked sockets or timers)',
		ok: before === null || after === null || after <= before + 5,
		detail: `${before ?? '?'} before, ${after ?? '?'} after`
	});
	return { ...r, checks, shutdown, peakRss };
}

mkdirSync(dir, { recursive: true });
const probePath = join(dir, 'probe.cjs');
writeFileSync(probePath, PROBE);
const appDb = join(dir, 'app.db');
const baseDb = join(dir, 'baseline.db');
console.log(
	`preparing ${appDb}: demo seed, a drill of ${TEAMS} teams × ${TEAM_SIZE} officers (现场检查 and 文明执法 open), ${LEARNERS} learners, ` +
		`a quiz drawing ${DRAW.join(' + ')} of ${CATEGORIES * PER_CATEGORY} questions, ${VIEWERS} scoreboard viewers, ${JUDGE_NAMES.length} judges …`
);
const setup = await prepareApp(appDb);
console.log(`drill ${setup.drillId} (sheet of ${setup.refs.length} items), quiz ${setup.quizId}, 大屏 /board/${setup.publicToken.slice(0, 4)}…; quiz start via ${QUIZ_START === 'api' ? 'POST /api/quizzes/:id/attempts' : 'the form action /quiz/:id?/start'}`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} before the run${KEEP ? `; temp folder ${dir} kept` : ''}`);

const results: RunResult[] = [];
const serverPort = await freePort(4391);
{
	const origin = `http://127.0.0.1:${serverPort}`;
	const child = startChild([...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), 'build/server.js'], { DATABASE_URL: appDb, PORT: String(serverPort), HOST: '127.0.0.1', ORIGIN: origin, BODY_SIZE_LIMIT: '20M', SOAK_PROBE_LEAK: LEAK }, 'node build/server.js', probePath);
	await waitReady(serverPort, '/login', child.child, child.log);
	results.push(await soak({ label: 'app (build/server.js)', port: serverPort, origin, dbPath: appDb, path: (p) => p }, child, setup, SECONDS));
}
if (BASELINE_SECONDS > 0) {
	prepareBaseline(baseDb);
	const basePort = await freePort(serverPort + 1);
	const child = startChild(
		['-e', BASELINE],
		{
			BASE_DB: baseDb,
			BASE_DRAW: JSON.stringify(DRAW),
			BASE_POINTS: String(POINTS),
			BASE_STAGE: String(setup.stageId),
			BASE_CONDUCT: String(setup.conductStageId),
			BASE_TEAMS: JSON.stringify(setup.teamIds.map((id, i) => ({ id, name: `浸泡${i + 1}队` }))),
			BASE_REFS: JSON.stringify(setup.refs),
			BASE_RUBRIC: JSON.stringify(DEFAULT_CONDUCT_RUBRIC),
			BASE_TOKEN: setup.publicToken,
			PORT: String(basePort),
			HOST: '127.0.0.1'
		},
		'baseline',
		probePath
	);
	await waitReady(basePort, '/login', child.child, child.log);
	const query = (p: string, who: { userId?: number; teamId?: number; view?: string }) => {
		const q = new URLSearchParams({ user: String(who.userId ?? 0), team: String(who.teamId ?? 0), view: who.view ?? 'public' }).toString();
		return p.includes('?') ? p.replace('?', `?${q}&`) : `${p}?${q}`;
	};
	results.push(await soak({ label: 'bare node:http + better-sqlite3', port: basePort, origin: `http://127.0.0.1:${basePort}`, dbPath: baseDb, path: query }, child, setup, BASELINE_SECONDS));
}

// ---------------------------------------------------------------------------------------------------
// 10. Summary.

console.log(
	`\n═══ soak summary · ${TEAMS} teams × ${TEAM_SIZE} officers, ${LEARNERS} learners, ${VIEWERS} scoreboard viewers, ${setup.judges.length} judges · ` +
		`${cpus().length} CPU cores shared by server and load generator · load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`
);
let failed = false;
const verdicts = new Map<string, MemoryVerdict>();
for (const r of results) {
	const isApp = r === results[0];
	console.log(`\n${r.label}, ${r.seconds} s (+ 收卷), per operation: whole run (start-up and 收卷 included), and steady (${Math.round(r.seconds / 3)}–${r.seconds} s):`);
	console.table(opTable(r));
	const errors = [...r.total.errors].sort((a, b) => b[1] - a[1]);
	const errorCount = errors.reduce((s, [, n]) => s + n, 0);
	const ops = [...r.total.ops.values()].reduce((s, o) => s + o.n, 0);
	const memory = r.probe.length ? r.probe : [];
	const heapPeak = memory.length ? Math.max(...memory.map((s) => mb(s.heapUsed))) : NaN;
	console.log(
		`operations ${ops}, errors ${errorCount}${errors.length ? ` (${errors.map(([k, n]) => `${k} ×${n}`).join('; ')})` : ''}; ` +
			`409 conflicts (expected, adopted) ${[...r.total.ops.values()].reduce((s, o) => s + o.conflicts, 0)}; requests retried on a new connection ${isApp ? retried : '—'}`
	);
	console.log(
		`event stream: ${r.total.sseMessages} standings messages (${(r.total.sseMessages / r.seconds).toFixed(1)}/s), ${r.total.ssePings} pings, ${(r.total.sseBytes / 1024 / 1024).toFixed(1)} MB; ` +
			`server CPU ${r.serverCpuTotal === null ? '?' : `${r.serverCpuTotal.toFixed(1)} s (${((100 * r.serverCpuTotal) / r.seconds).toFixed(0)} % of one core, ${((1000 * r.serverCpuTotal) / Math.max(1, ops)).toFixed(2)} ms per operation)`}; ` +
			`peak RSS ${r.peakRss.toFixed(1)} MB, peak heapUsed ${heapPeak.toFixed(1)} MB`
	);
	const v = memoryVerdict(r);
	verdicts.set(r.label, v);
	for (const line of v.text) console.log(`  ${line}`);
	console.log('checks:');
	for (const c of r.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
	if (isApp) failed = errorCount > 0 || v.grows || r.checks.some((c) => !c.ok);
}

if (results.length > 1) {
	const [app, base] = results;
	const appOps = [...app.total.ops.values()].reduce((s, o) => s + o.n, 0);
	const baseOps = [...base.total.ops.values()].reduce((s, o) => s + o.n, 0);
	const cpuPerOp = (r: RunResult, n: number) => (r.serverCpuTotal === null ? NaN : (1000 * r.serverCpuTotal) / Math.max(1, n));
	const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '?');
	const steady = (r: RunResult) => mean(r.rssSeries.filter(([t]) => t >= r.seconds / 3).map(([, y]) => y));
	console.log(`\napp against the bare baseline (same clients and schedule; baseline ${base.seconds} s, app ${app.seconds} s):`);
	const rows: Record<string, Record<string, number | string>> = {};
	const a = opTable(app);
	const b = opTable(base);
	for (const op of Object.keys(a))
		if (b[op])
			rows[op] = {
				'app p50 ms': a[op]['p50 ms'],
				'base p50 ms': b[op]['p50 ms'],
				'p50 ratio': ratio(a[op]['p50 ms'] as number, b[op]['p50 ms'] as number),
				'app p99 ms': a[op]['p99 ms'],
				'base p99 ms': b[op]['p99 ms'],
				'p99 ratio': ratio(a[op]['p99 ms'] as number, b[op]['p99 ms'] as number),
				'steady p99 ratio': ratio(a[op]['steady p99'] as number, b[op]['steady p99'] as number)
			};
	console.table(rows);
	console.log(
		`ratio app/baseline: server CPU per operation ${ratio(cpuPerOp(app, appOps), cpuPerOp(base, baseOps))} (${cpuPerOp(app, appOps).toFixed(2)} vs ${cpuPerOp(base, baseOps).toFixed(2)} ms); ` +
			`operations/s ${ratio(appOps / app.seconds, baseOps / base.seconds)} (offered load, same schedule); ` +
			`steady RSS ${ratio(steady(app), steady(base))} (${steady(app).toFixed(0)} vs ${steady(base).toFixed(0)} MB)`
	);
}
if (JSON_OUT) {
	const out = results.map((r) => ({ label: r.label, seconds: r.seconds, t0: r.t0Wall, rows: r.rows, rssPerSecond: r.rssSeries, probe: r.probe, operations: opTable(r), checks: r.checks, memory: verdicts.get(r.label)?.text }));
	writeFileSync(JSON_OUT, JSON.stringify({ settings: { SECONDS, TEAMS, TEAM_SIZE, LEARNERS, VIEWERS, QUIZ_START, loadavg: loadavg() }, runs: out }, null, 1));
	console.log(`\nfigures written to ${JSON_OUT}`);
}
console.log(`\n${failed ? 'SOAK FAILED' : 'soak passed'}: ${verdicts.get(results[0].label)?.grows ? 'memory grows; ' : ''}see errors and checks above`);
process.exit(failed ? 1 : 0);
