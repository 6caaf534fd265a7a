/**
 * Shared by the reliability specs (crash, backup, shutdown): a fresh database in a temp folder seeded
 * through the server modules (as `npm run bench:drill` does), the BUILT server (`node build/server.js`,
 * what `npm start` serves) on a port of its own, and a load of autosaves whose every acknowledgement is
 * recorded, so that a test can ask afterwards whether each acknowledged save is still in the database.
 *
 * The load: every officer saves its own items of its team's 现场检查 sheet (POST …/entries, the
 * server's fast path) and every learner the slots of its open quiz attempt (POST /api/attempts/:id/answers,
 * SvelteKit), one request at a time each, so that per key (team + item, attempt + slot) the saves are
 * ordered. Every save carries `<key>#<n>`, n counting that key's saves: what the database holds for a key
 * tells which save it is, and a save whose n is below the latest acknowledged one for its key is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { migrateDb, openDb } from '../../../src/lib/server/db';
import { attemptAnswer, drill, question, questionCategory, user, userRole } from '../../../src/lib/server/db/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../../src/lib/server/auth/session';
import { seedDemoScenarios } from '../../../src/lib/server/seed/demo-scenarios';
import { createDrill, getDrill, openStage, publishedVersions } from '../../../src/lib/server/drill/drills';
import { officerSheet } from '../../../src/lib/server/drill/sheets';
import { createQuiz } from '../../../src/lib/server/quiz/quizzes';
import { startAttempt } from '../../../src/lib/server/quiz/attempts';
import { quizInput } from '../../../src/lib/server/quiz/test-quiz';

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `zhifa-${label}-`));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------
// The database.

export interface Officer {
	userId: number;
	token: string;
	teamId: number;
	/** The items of the sheet this officer saves (its share of the team's). */
	refs: string[];
}

export interface Learner {
	userId: number;
	token: string;
	attemptId: number;
	slots: number;
}

export interface Setup {
	drillId: number;
	stageId: number;
	/** The drill's 大屏 link token (GET /board/:token/events streams the scoreboard). */
	publicToken: string;
	officers: Officer[];
	learners: Learner[];
}

export interface SetupOptions {
	teams?: number;
	teamSize?: number;
	learners?: number;
	/** Questions per quiz attempt (fill-in questions: every save can carry its own text). */
	questions?: number;
}

/**
 * Migrates a new database file and seeds a drill on demo scenario v1 with its 现场检查 stage open (24 h),
 * `teams` × `teamSize` officers, and a published quiz with one open attempt per learner; every user has
 * a session (no passwords: nobody logs in).
 */
export function prepareDatabase(path: string, { teams = 4, teamSize = 3, learners = 8, questions = 8 }: SetupOptions = {}): Setup {
	const db = openDb(path);
	try {
		migrateDb(db);
		const mk = (username: string, role: 'trainer' | 'judge' | 'officer' | 'learner') =>
			db.transaction((tx) => {
				const u = tx.insert(user).values({ username, displayName: username, passwordHash: 'no-login' }).returning({ id: user.id }).get();
				tx.insert(userRole).values({ userId: u.id, role }).run();
				return u.id;
			});
		const trainer = mk('trainer', 'trainer');
		const judge = mk('judge', 'judge');
		const [scenario] = seedDemoScenarios(db, trainer);
		const version = publishedVersions(db).find((v) => v.scenarioId === scenario.id && v.number === 1)!;
		const officerIds = Array.from({ length: teams * teamSize }, (_, i) => mk(`officer${i + 1}`, 'officer'));
		const created = createDrill(db, trainer, {
			title: '可靠性测试',
			organizer: '测试',
			venue: '测试',
			startDate: '2026-11-29',
			endDate: '2026-11-29',
			scenarioVersionId: version.id,
			stages: [
				{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 24 * 60 },
				{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
			],
			teams: Array.from({ length: teams }, (_, t) => ({ name: `${t + 1}队`, unitId: null, memberIds: officerIds.slice(t * teamSize, (t + 1) * teamSize) })),
			judgeIds: [judge]
		});
		if (!created.ok) throw new Error(`createDrill: ${created.error.code}`);
		const drillId = created.value.id;
		const d = getDrill(db, drillId)!;
		const stageId = d.stages.find((s) => s.kind === 'hazard')!.id;
		const opened = openStage(db, trainer, drillId, stageId);
		if (!opened.ok) throw new Error(`openStage: ${opened.error}`);
		const sheet = officerSheet(db, officerIds[0], drillId, stageId);
		if (!sheet.ok) throw new Error(`officerSheet: ${sheet.error.code}`);
		const refs = sheet.value.view.areas.flatMap((a) => a.items.map((i) => i.id));
		const teamOf = new Map(d.teams.flatMap((t) => t.members.map((m) => [m.userId, t.id] as const)));
		const session = (userId: number) => {
			const token = generateSessionToken();
			createSession(db, token, userId);
			return token;
		};
		const officers = officerIds.map((userId, i) => ({
			userId,
			token: session(userId),
			teamId: teamOf.get(userId)!,
			refs: refs.filter((_, k) => k % teamSize === i % teamSize)
		}));

		const categoryId = db.insert(questionCategory).values({ name: '可靠性测试' }).returning().get().id;
		for (let i = 0; i < questions; i++)
			db.insert(question)
				.values({
					type: 'fill',
					stem: `填空题 ${i + 1}：（　）`,
					options: [],
					answer: { kind: 'fill', accepted: [`答案${i + 1}`] },
					explanation: '',
					difficulty: 1,
					multipleScoring: 'all',
					categoryId,
					provisions: '',
					tags: '',
					status: 'active'
				})
				.run();
		const quiz = createQuiz(db, trainer, quizInput({ title: '可靠性测试测验', timeLimitMinutes: 120, rules: [{ categoryId, difficulty: null, count: questions, points: 1 }] }, categoryId), 'published');
		if (!quiz.ok) throw new Error(`createQuiz: ${quiz.error.code}`);
		const learnerList = Array.from({ length: learners }, (_, i) => {
			const userId = mk(`learner${i + 1}`, 'learner');
			const a = startAttempt(db, userId, quiz.value.id);
			if (!a.ok) throw new Error(`startAttempt: ${a.error.code}`);
			return { userId, token: session(userId), attemptId: a.value.attemptId, slots: questions };
		});
		const { publicToken } = db.select({ publicToken: drill.publicToken }).from(drill).where(eq(drill.id, drillId)).get()!;
		return { drillId, stageId, publicToken: publicToken!, officers, learners: learnerList };
	} finally {
		db.$client.close();
	}
}

// ---------------------------------------------------------------------------------------------------
// The server.

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

export interface AppServer {
	child: ChildProcess;
	port: number;
	origin: string;
	/** The last 20 000 characters the server printed. */
	output: () => string;
	/** Resolves when the process has ended. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node build/server.js` as `npm start` does (with ORIGIN, so autosaves take the fast path) and waits until it answers. */
export async function startServer(databasePath: string, port: number, env: Record<string, string> = {}): Promise<AppServer> {
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build/server.js'], {
		env: { ...process.env, DATABASE_URL: databasePath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, BODY_SIZE_LIMIT: '1M', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const keep = (b: Buffer) => (out = (out + b.toString()).slice(-20_000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const server: AppServer = { child, port, origin, output: () => out, exited };
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before it answered:\n${out}`);
		const status = await get(port, '/login').then((r) => r.status, () => 0);
		if (status === 200) return server;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer GET /login within 20 s:\n${out}`);
		}
		await sleep(100);
	}
}

/** Kills the server if it still runs (a test's clean-up). */
export function killServer(server: AppServer | undefined): void {
	if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function get(port: number, path: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

export interface Post {
	path: string;
	token: string;
	body: string;
}

/** POSTs JSON with a session cookie. */
export function post(port: number, agent: http.Agent | false, { path, token, body }: Post): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				agent,
				headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

// ---------------------------------------------------------------------------------------------------
// Saves and what was acknowledged.

export const sheetKey = (teamId: number, ref: string) => `sheet/${teamId}/${ref}`;
export const answerKey = (attemptId: number, slot: number) => `answer/${attemptId}/${slot}`;

/** A 现场检查 answer whose note says which save it is. */
export const sheetAnswer = (mark: string) => ({ classification: 'general', violated: ['《安全生产法》第三十六条第一款'], penalty: [], measures: ['rectify_within_deadline'], deadlineDays: 7, note: mark });

interface KeyState {
	/** Saves sent so far (the last one's n). */
	sent: number;
	/** The n of every acknowledged save, in order. */
	acked: number[];
	/** The sheet entry's version as last acknowledged (the next save's baseVersion). */
	version: number;
}

/** Every save sent and every one acknowledged (200), per key. */
export class Ledger {
	readonly keys = new Map<string, KeyState>();
	/** Answers other than 200 while the server was meant to be up: status and body. */
	readonly refusals: string[] = [];

	state(key: string): KeyState {
		let s = this.keys.get(key);
		if (!s) this.keys.set(key, (s = { sent: 0, acked: [], version: 0 }));
		return s;
	}

	get acknowledged(): number {
		let n = 0;
		for (const s of this.keys.values()) n += s.acked.length;
		return n;
	}

	count(kind: 'sheet' | 'answer'): number {
		let n = 0;
		for (const [k, s] of this.keys) if (k.startsWith(`${kind}/`)) n += s.acked.length;
		return n;
	}

	/** For each key, the n of its latest acknowledged save now. */
	snapshot(): Map<string, number> {
		return new Map([...this.keys].filter(([, s]) => s.acked.length).map(([k, s]) => [k, s.acked.at(-1)!]));
	}
}

const mark = (key: string, n: number) => `${key}#${n}`;

/** One save of an officer's next item: sends it and records the answer. */
async function saveSheet(port: number, agent: http.Agent | false, setup: Setup, o: Officer, ref: string, ledger: Ledger) {
	const key = sheetKey(o.teamId, ref);
	const s = ledger.state(key);
	const n = ++s.sent;
	const r = await post(port, agent, {
		path: `/api/drills/${setup.drillId}/stages/${setup.stageId}/entries`,
		token: o.token,
		body: JSON.stringify({ ref, baseVersion: s.version, data: sheetAnswer(mark(key, n)) })
	});
	if (r.status === 200) {
		s.version = (JSON.parse(r.text) as { version: number }).version;
		s.acked.push(n);
	} else ledger.refusals.push(`${r.status} ${r.text.slice(0, 200)}`);
}

async function saveAnswer(port: number, agent: http.Agent | false, l: Learner, slot: number, ledger: Ledger) {
	const key = answerKey(l.attemptId, slot);
	const s = ledger.state(key);
	const n = ++s.sent;
	const r = await post(port, agent, {
		path: `/api/attempts/${l.attemptId}/answers`,
		token: l.token,
		body: JSON.stringify({ slot, response: { kind: 'fill', text: mark(key, n) }, flagged: n % 2 === 0 })
	});
	if (r.status === 200) {
		if (typeof (JSON.parse(r.text) as { savedAt?: unknown }).savedAt !== 'number') throw new Error(`200 without savedAt: ${r.text}`);
		s.acked.push(n);
	} else ledger.refusals.push(`${r.status} ${r.text.slice(0, 200)}`);
}

export interface Load {
	/** Stops the clients (each finishes or loses its request in flight) and waits for them. */
	stop: () => Promise<void>;
	/** Network errors (a killed server's connections). */
	errors: () => number;
}

/**
 * Every officer and every learner saves in a loop, one request at a time each, on keep-alive
 * connections, until `stop()`; `pauseMs` between a client's saves (0: as fast as the server answers). A
 * client whose request fails at the network level stops (its server died).
 */
export function startLoad(port: number, setup: Setup, ledger: Ledger, pauseMs = 0): Load {
	const clients = setup.officers.length + setup.learners.length;
	const agent = new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
	let stopping = false;
	let errors = 0;
	const loop = async (next: (i: number) => Promise<void>) => {
		for (let i = 0; !stopping; i++) {
			try {
				await next(i);
			} catch {
				errors++;
				return;
			}
			if (pauseMs) await sleep(pauseMs);
		}
	};
	const running = Promise.all([
		...setup.officers.map((o) => loop((i) => saveSheet(port, agent, setup, o, o.refs[i % o.refs.length], ledger))),
		...setup.learners.map((l) => loop((i) => saveAnswer(port, agent, l, i % l.slots, ledger)))
	]);
	return {
		stop: async () => {
			stopping = true;
			await running;
			agent.destroy();
		},
		errors: () => errors
	};
}

export { saveSheet, saveAnswer };

// ---------------------------------------------------------------------------------------------------
// What the database holds.

/** n of the save each key holds in the database, read through the same modules the server uses. */
export function savedMarks(databasePath: string, setup: Setup): Map<string, { n: number; version?: number }> {
	const found = new Map<string, { n: number; version?: number }>();
	const parse = (key: string, text: unknown) => {
		const m = typeof text === 'string' ? /^(.+)#(\d+)$/.exec(text) : null;
		if (!m || m[1] !== key) throw new Error(`${key} holds ${JSON.stringify(text)}, which no save sent`);
		return Number(m[2]);
	};
	const db = openDb(databasePath);
	try {
		const teams = new Map(setup.officers.map((o) => [o.teamId, o.userId]));
		for (const [teamId, userId] of teams) {
			const sheet = officerSheet(db, userId, setup.drillId, setup.stageId);
			if (!sheet.ok) throw new Error(`officerSheet: ${sheet.error.code}`);
			for (const e of sheet.value.entries) {
				const key = sheetKey(teamId, e.ref);
				found.set(key, { n: parse(key, (e.data as { note?: unknown } | null)?.note), version: e.version });
			}
		}
		for (const l of setup.learners)
			for (const a of db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, l.attemptId)).all()) {
				const key = answerKey(l.attemptId, a.slot);
				found.set(key, { n: parse(key, (a.response as { text?: unknown } | null)?.text) });
			}
	} finally {
		db.$client.close();
	}
	return found;
}

export interface Verdict {
	acknowledged: number;
	found: number;
	lost: number;
	/** A few lost saves, for the failure message. */
	examples: string[];
}

/**
 * Counts the acknowledged saves (those up to `upTo`'s n per key when given) whose key holds that save or
 * a newer one. A key holding a save that was never sent counts all its saves as lost, and a sheet entry
 * older than the version last acknowledged counts the latest save as lost.
 */
export function verify(ledger: Ledger, found: Map<string, { n: number; version?: number }>, upTo?: Map<string, number>): Verdict {
	const v: Verdict = { acknowledged: 0, found: 0, lost: 0, examples: [] };
	for (const [key, s] of ledger.keys) {
		const limit = upTo ? (upTo.get(key) ?? 0) : Infinity;
		const acked = s.acked.filter((n) => n <= limit);
		if (!acked.length) continue;
		const f = found.get(key);
		const held = f !== undefined && f.n <= s.sent ? f.n : 0;
		// The entry's version must not be older than acknowledged either (the next save's baseVersion).
		const versionKept = upTo !== undefined || f?.version === undefined || f.version >= s.version;
		v.acknowledged += acked.length;
		for (const n of acked) {
			if (held >= n && (versionKept || n !== acked.at(-1))) v.found++;
			else {
				v.lost++;
				if (v.examples.length < 5) v.examples.push(`${key}: save #${n} acknowledged, the database holds ${f ? `#${f.n} (version ${f.version ?? '-'})` : 'nothing'}`);
			}
		}
	}
	return v;
}

/** PRAGMA integrity_check's rows ('ok' alone when the file is sound). */
export function integrityCheck(path: string): string {
	const db = new Database(path, { fileMustExist: true });
	try {
		return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
	} finally {
		db.close();
	}
}

/** Runs a command-line entry point as its npm script does (`tsx src/cli/<name>.ts …`). */
export function runCli(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', `src/cli/${name}.ts`, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
		child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
		child.on('exit', (code) => resolve({ code, stdout, stderr }));
	});
}

/** A POST whose body is sent in two halves: the request is in flight until `finish()` sends the rest. */
export function slowPost(port: number, { path, token, body }: Post): { finish: () => void; response: Promise<{ status: number; text: string }> } {
	const bytes = Buffer.from(body);
	let req!: http.ClientRequest;
	const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
		req = http.request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				agent: false,
				headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': bytes.length }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
	});
	response.catch(() => {}); // awaited by the test; this only keeps a failed test from also reporting it unhandled
	req.flushHeaders();
	req.write(bytes.subarray(0, bytes.length >> 1));
	return { finish: () => req.end(bytes.subarray(bytes.length >> 1)), response };
}

/**
 * Whether connecting to the port is refused (nothing listens) within `timeoutMs`. A connection the server
 * still accepts is closed at once, without a request.
 */
export async function connectionRefused(port: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const refused = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(false);
			});
			socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
		});
		if (refused) return true;
		await sleep(50);
	}
	return false;
}

/**
 * A GET that stays open (server-sent events): `first` resolves on the first bytes, `closed` when the
 * connection ends, with whether the response was complete (ended by the server, not cut).
 */
export function openStream(port: number, path: string): { first: Promise<void>; closed: Promise<{ complete: boolean }> } {
	let gotFirst!: () => void;
	let failFirst!: (e: Error) => void;
	const first = new Promise<void>((resolve, reject) => ((gotFirst = resolve), (failFirst = reject)));
	const closed = new Promise<{ complete: boolean }>((resolve) => {
		const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			if (res.statusCode !== 200) failFirst(new Error(`GET ${path}: ${res.statusCode}`));
			res.once('data', () => gotFirst());
			res.on('error', () => {});
			res.on('close', () => resolve({ complete: res.complete }));
		});
		req.on('error', (e) => {
			failFirst(e);
			resolve({ complete: false });
		});
	});
	return { first, closed };
}
