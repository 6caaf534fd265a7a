/**
 * Drill autosave throughput and latency against a bare baseline (`npm run bench:drill`).
 *
 * Prepares a fresh database in a temp folder (demo seed, demo scenarios, 200 bench officers in 50 teams
 * of 4, a drill on demo scenario v1 with its 现场检查 stage open), starts the BUILT app as `npm start` does
 * (`node build/server.js`, so `build/` must exist: this never builds) and drives POST …/entries with
 * autosaves from C concurrent keep-alive connections, one officer each, every officer saving the items of
 * its own share of its team's sheet with the baseVersion it last saw (a 409 adopts the returned version
 * and is counted apart).
 *
 * Baseline: a bare node:http server with better-sqlite3 (same pragmas as openDb) doing the same write —
 * parse the JSON body, one transaction that reads the row version and upserts a sheet_entry-shaped row,
 * answer JSON — driven by the same load generator with the same concurrency and duration.
 *
 * Two phases per target, one target running at a time:
 *  - saturation: every connection sends its next save as soon as the previous answers (closed loop),
 *    which gives the most saves/s; latency there is mostly queueing (Little's law: C / throughput).
 *  - paced: every connection saves once per BENCH_PACE_MS (default 1000 ms: 200 connections offer 200
 *    saves/s, an officer saving every second, more than a person types), latency measured from the
 *    intended send time (no coordinated omission), so an overloaded server shows its queue.
 * Goals (issue): saves/s ≥ 0.5 × baseline; p99 < 50 ms at 200 concurrent connections.
 *
 * The load generator is this process; it shares the machine's cores with the server under test.
 * Settings: BENCH_CONNECTIONS (200), BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_PACE_MS (1000, 0 skips
 * the paced phase), BENCH_CPU_PROF (a folder for a --cpu-prof profile of the app server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateDb, openDb } from '../lib/server/db';
import { user, userRole } from '../lib/server/db/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../lib/server/auth/session';
import { seedDemo } from '../lib/server/seed';
import { seedDemoScenarios } from '../lib/server/seed/demo-scenarios';
import { createDrill, getDrill, openStage, publishedVersions } from '../lib/server/drill/drills';
import { officerSheet } from '../lib/server/drill/sheets';
import { eq } from 'drizzle-orm';
import { cpuSeconds, freePort, waitReady } from './process';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 1000);
/** A folder: the app server runs with --cpu-prof and writes its profile there on exit. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
const TEAM_SIZE = 4;
const TEAMS = Math.ceil(CONNECTIONS / TEAM_SIZE);
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;

const dir = join(tmpdir(), `zhifa-bench-${process.pid}`);
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
// 1. The database the app will serve.

interface Officer {
	userId: number;
	token: string;
	teamId: number;
	/** Position in the team: officer k of a team saves the items with index ≡ k (mod team size). */
	member: number;
}

async function prepare(path: string) {
	const db = openDb(path);
	migrateDb(db);
	const accounts = await seedDemo(db, 'bench-Demo-2026');
	if (!accounts) throw new Error('seedDemo refused: the temp database is not empty');
	const idOf = (username: string) => db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id;
	const trainer = idOf('trainer');
	const judge = idOf('judge1');
	const [first] = seedDemoScenarios(db, trainer);
	const version = publishedVersions(db).find((v) => v.scenarioId === first.id && v.number === 1);
	if (!version) throw new Error('demo scenario v1 not found');

	// Bench officers: a dummy hash (nobody logs in with a password) and a session each.
	const officerIds = db.transaction((tx) =>
		Array.from({ length: TEAMS * TEAM_SIZE }, (_, i) => {
			const u = tx
				.insert(user)
				.values({ username: `bench${String(i + 1).padStart(3, '0')}`, displayName: `压测队员${i + 1}`, passwordHash: 'bench-no-login' })
				.returning({ id: user.id })
				.get();
			tx.insert(userRole).values({ userId: u.id, role: 'officer' }).run();
			return u.id;
		})
	);
	const created = createDrill(db, trainer, {
		title: '自动保存压测',
		organizer: '压测',
		venue: '压测',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: version.id,
		stages: [
			{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 24 * 60 },
			{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
		],
		teams: Array.from({ length: TEAMS }, (_, t) => ({
			name: `压测${t + 1}队`,
			unitId: null,
			memberIds: officerIds.slice(t * TEAM_SIZE, (t + 1) * TEAM_SIZE)
		})),
		judgeIds: [judge]
	});
	if (!created.ok) throw new Error(`createDrill: ${created.error.code}`);
	const drillId = created.value.id;
	const d = getDrill(db, drillId)!;
	const stageId = d.stages.find((s) => s.kind === 'hazard')!.id;
	const opened = openStage(db, trainer, drillId, stageId);
	if (!opened.ok) throw new Error(`openStage: ${opened.error.code}`);

	const teamOfUser = new Map(d.teams.flatMap((t) => t.members.map((m) => [m.userId, t.id] as const)));
	const officers: Officer[] = officerIds.map((userId, i) => {
		const token = generateSessionToken();
		createSession(db, token, userId);
		return { userId, token, teamId: teamOfUser.get(userId)!, member: i % TEAM_SIZE };
	});
	const sheet = officerSheet(db, officerIds[0], drillId, stageId);
	if (!sheet.ok) throw new Error(`officerSheet: ${sheet.error.code}`);
	const refs = sheet.value.view.areas.flatMap((a) => a.items.map((i) => i.id));
	db.$client.close();
	return { drillId, stageId, officers, refs, scenario: first.title };
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



/**
 * The baseline: node:http + better-sqlite3 and nothing else. It takes the team and user from the query
 * string (it has no sessions) and stores the data as received; otherwise it is the app's write.
 */
const BASELINE = String.raw`
const http = require('node:http');
const Database = require('better-sqlite3');
const db = new Database(process.env.BASE_DB);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS sheet_entry (id INTEGER PRIMARY KEY AUTOINCREMENT, team_id INTEGER NOT NULL, stage_id INTEGER NOT NULL, ref TEXT NOT NULL, data TEXT, version INTEGER NOT NULL, updated_by INTEGER, updated_at INTEGER NOT NULL);' +
	'CREATE UNIQUE INDEX IF NOT EXISTS sheet_entry_ref_idx ON sheet_entry (team_id, stage_id, ref);');
const read = db.prepare('SELECT version FROM sheet_entry WHERE team_id = ? AND stage_id = ? AND ref = ?');
const upsert = db.prepare('INSERT INTO sheet_entry (team_id, stage_id, ref, data, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
	'ON CONFLICT (team_id, stage_id, ref) DO UPDATE SET data = excluded.data, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at');
const save = db.transaction((team, stage, ref, base, data, userId, now) => {
	const row = read.get(team, stage, ref);
	const current = row ? row.version : 0;
	if (current !== base) return { conflict: true, current };
	upsert.run(team, stage, ref, data, current + 1, userId, now);
	return { conflict: false, version: current + 1 };
});
const send = (res, status, body) => {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
};
http.createServer((req, res) => {
	const url = new URL(req.url, 'http://localhost');
	const m = /^\/api\/drills\/(\d+)\/stages\/(\d+)\/entries$/.exec(url.pathname);
	if (req.method !== 'POST' || !m) return send(res, 404, { code: 'not_found' });
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		let body;
		try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(res, 400, { code: 'bad_json' }); }
		if (typeof body.ref !== 'string' || !Number.isInteger(body.baseVersion) || !('data' in body)) return send(res, 400, { code: 'bad_request' });
		const now = Date.now();
		const r = save(Number(url.searchParams.get('team')), Number(m[2]), body.ref, body.baseVersion, body.data === null ? null : JSON.stringify(body.data), Number(url.searchParams.get('user')), now);
		if (r.conflict) return send(res, 409, { code: 'drill.conflict', current: { ref: body.ref, version: r.current } });
		send(res, 200, { version: r.version, savedAt: now });
	});
}).listen(Number(process.env.PORT), process.env.HOST);
`;

// ---------------------------------------------------------------------------------------------------
// 3. Load generator.

interface Stats {
	ok: number;
	conflicts: number;
	errors: number;
	latencies: number[];
	errorSamples: Map<string, number>;
}

interface Target {
	port: number;
	pid: number | undefined;
	path: (o: Officer) => string;
	headers: (o: Officer) => Record<string, string>;
}

function post(agent: http.Agent, port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

const answer = (n: number) => ({
	classification: n % 3 === 0 ? 'major' : 'general',
	violated: ['《安全生产法》第三十六条第一款'],
	penalty: ['《安全生产法》第九十九条第（二）项'],
	measures: ['rectify_within_deadline', 'stop_using_equipment'],
	deadlineDays: 1 + (n % 30),
	note: `现场发现问题，已拍照取证（第${n}次保存）`
});

/**
 * Runs one phase: every officer is one virtual client on the shared keep-alive agent (at most one
 * request in flight each, so C clients hold C connections). `paceMs` 0 = closed loop. `versions` is the
 * last version seen per (team, item), kept across the phases of one target like a device's state.
 */
async function drive(target: Target, officers: Officer[], refs: string[], paceMs: number, versions: Map<string, number>): Promise<Stats & { seconds: number; loadgenCpu: number; serverCpu: number | null }> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: officers.length, maxFreeSockets: officers.length });
	const stats: Stats = { ok: 0, conflicts: 0, errors: 0, latencies: [], errorSamples: new Map() };
	const t0 = performance.now();
	const measureFrom = t0 + WARMUP * 1000;
	const measureTo = measureFrom + SECONDS * 1000;
	let cpuAt: { loadgen: NodeJS.CpuUsage; server: number | null } | null = null;
	let serverCpu: number | null = null;
	let loadgenCpu = 0;
	const serverPid = target.pid;
	const sampler = setTimeout(() => (cpuAt = { loadgen: process.cpuUsage(), server: cpuSeconds(serverPid) }), WARMUP * 1000);
	const sampler2 = setTimeout(() => {
		if (!cpuAt) return;
		const d = process.cpuUsage(cpuAt.loadgen);
		loadgenCpu = (d.user + d.system) / 1e6;
		const s = cpuSeconds(serverPid);
		serverCpu = s !== null && cpuAt.server !== null ? s - cpuAt.server : null;
	}, (WARMUP + SECONDS) * 1000);

	const mine = (o: Officer) => {
		const own = refs.filter((_, i) => i % TEAM_SIZE === o.member);
		return own.length ? own : refs;
	};
	let counter = 0;
	async function client(o: Officer, index: number): Promise<void> {
		const own = mine(o);
		const path = target.path(o);
		const headers = target.headers(o);
		let k = index; // start each client at a different item
		// Paced clients start spread over one interval so the load is smooth.
		let due = t0 + (paceMs ? (index / officers.length) * paceMs : 0);
		for (;;) {
			if (paceMs) {
				const wait = due - performance.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			}
			const start = paceMs ? due : performance.now();
			// An overloaded paced client falls behind its schedule; it stops 30 s after the window at the latest.
			if (start >= measureTo || performance.now() >= measureTo + 30_000) return;
			const ref = own[k++ % own.length];
			const key = `${o.teamId}|${ref}`;
			const body = JSON.stringify({ ref, baseVersion: versions.get(key) ?? 0, data: answer(counter++) });
			let status = 0;
			let text = '';
			try {
				({ status, text } = await post(agent, target.port, path, headers, body));
			} catch (e) {
				text = (e as Error).message;
			}
			const end = performance.now();
			// Throughput counts answers within the window; latency, requests sent within it (all awaited),
			// so that neither the warm-up's connection set-up nor the cut at the end skews it.
			const counted = end >= measureFrom && end <= measureTo;
			const timed = start >= measureFrom;
			if (status === 200) {
				versions.set(key, (JSON.parse(text) as { version: number }).version);
				if (counted) stats.ok++;
				if (timed) stats.latencies.push(end - start);
			} else {
				let code = '';
				let current: { version?: number } | null | undefined;
				try {
					({ code, current } = JSON.parse(text) as { code: string; current?: { version?: number } | null });
				} catch {
					/* not JSON */
				}
				if (status === 409 && code === 'drill.conflict') {
					versions.set(key, current?.version ?? 0);
					if (counted) stats.conflicts++;
					if (timed) stats.latencies.push(end - start);
				} else if (counted) {
					stats.errors++;
					const sample = `${status} ${text.slice(0, 160)}`;
					stats.errorSamples.set(sample, (stats.errorSamples.get(sample) ?? 0) + 1);
				}
			}
			if (paceMs) due += paceMs;
		}
	}
	await Promise.all(officers.map((o, i) => client(o, i)));
	clearTimeout(sampler);
	clearTimeout(sampler2);
	agent.destroy();
	return { ...stats, seconds: SECONDS, loadgenCpu, serverCpu };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

function summarize(r: Awaited<ReturnType<typeof drive>>) {
	const sorted = Float64Array.from(r.latencies).sort();
	const arr = Array.from(sorted);
	return {
		'saves/s': Math.round(r.ok / r.seconds),
		'p50 ms': +pct(arr, 50).toFixed(1),
		'p95 ms': +pct(arr, 95).toFixed(1),
		'p99 ms': +pct(arr, 99).toFixed(1),
		'max ms': +(arr.at(-1) ?? NaN).toFixed(1),
		'409 conflicts': r.conflicts,
		errors: r.errors,
		'server CPU %': r.serverCpu === null ? '?' : Math.round((100 * r.serverCpu) / r.seconds),
		'loadgen CPU %': Math.round((100 * r.loadgenCpu) / r.seconds)
	};
}

// ---------------------------------------------------------------------------------------------------
// 4. Run.


mkdirSync(dir, { recursive: true });
const appDb = join(dir, 'app.db');
const baseDb = join(dir, 'baseline.db');
console.log(`preparing ${appDb}: demo seed, ${TEAMS * TEAM_SIZE} officers in ${TEAMS} teams of ${TEAM_SIZE} …`);
const setup = await prepare(appDb);
console.log(`drill ${setup.drillId}, 现场检查 stage ${setup.stageId} open, scenario 「${setup.scenario}」 v1 with ${setup.refs.length} items`);
const officers = setup.officers.slice(0, CONNECTIONS);
const entriesPath = `/api/drills/${setup.drillId}/stages/${setup.stageId}/entries`;
const phases: [string, number][] = [['saturation', 0]];
if (PACE_MS > 0) phases.push([`paced ${PACE_MS} ms`, PACE_MS]);

const results: Record<string, Record<string, ReturnType<typeof summarize>>> = {};
const errorSamples: string[] = [];

// The app, built: never rebuilt here (npm start would), started as npm start starts it.
const serverPort = await freePort(3700);
const origin = `http://127.0.0.1:${serverPort}`;
{
	const args = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, 'build/server.js'] : ['build/server.js'];
	const { child, log } = startChild(args, { DATABASE_URL: appDb, PORT: String(serverPort), HOST: '127.0.0.1', ORIGIN: origin, BODY_SIZE_LIMIT: '1M' }, 'node build/server.js');
	await waitReady(serverPort, '/login', child, log);
	const versions = new Map<string, number>();
	const target: Target = {
		port: serverPort,
		pid: child.pid,
		path: () => entriesPath,
		headers: (o) => ({ cookie: `${SESSION_COOKIE}=${o.token}`, origin })
	};
	for (const [name, pace] of phases) {
		console.log(`app ${name}: ${officers.length} connections, ${WARMUP} s warm-up + ${SECONDS} s …`);
		const r = await drive(target, officers, setup.refs, pace, versions);
		(results[name] ??= {})['app (build/server.js)'] = summarize(r);
		for (const [s, n] of r.errorSamples) errorSamples.push(`app ${name} ×${n}: ${s}`);
	}
	await stopChild(child);
}

// The baseline, alone on the machine too.
const basePort = await freePort(serverPort + 1);
{
	const { child, log } = startChild(['-e', BASELINE], { BASE_DB: baseDb, PORT: String(basePort), HOST: '127.0.0.1' }, 'baseline');
	await waitReady(basePort, '/', child, log);
	const versions = new Map<string, number>();
	const target: Target = {
		port: basePort,
		pid: child.pid,
		path: (o) => `${entriesPath}?team=${o.teamId}&user=${o.userId}`,
		headers: (o) => ({ cookie: `${SESSION_COOKIE}=${o.token}`, origin: `http://127.0.0.1:${basePort}` })
	};
	for (const [name, pace] of phases) {
		console.log(`baseline ${name}: ${officers.length} connections, ${WARMUP} s warm-up + ${SECONDS} s …`);
		const r = await drive(target, officers, setup.refs, pace, versions);
		(results[name] ??= {})['bare node:http + better-sqlite3'] = summarize(r);
		for (const [s, n] of r.errorSamples) errorSamples.push(`baseline ${name} ×${n}: ${s}`);
	}
	await stopChild(child);
}

console.log(
	`\nPOST ${entriesPath.replace(/\d+/g, ':id')} autosaves · ${officers.length} keep-alive connections (one officer each, ${TEAM_SIZE} per team) · ` +
		`${WARMUP} s warm-up + ${SECONDS} s measured · ${cpus().length} CPU cores shared by server and load generator`
);
console.log(`goals: app saves/s ≥ ${GOAL_RATIO} × baseline; p99 < ${GOAL_P99_MS} ms at ${officers.length} concurrent connections`);
for (const [name] of phases) {
	const rows = results[name];
	const app = rows['app (build/server.js)'];
	const base = rows['bare node:http + better-sqlite3'];
	console.log(`\n${name === 'saturation' ? 'saturation (closed loop: each connection sends its next save when the last one answers)' : `paced (each connection saves every ${PACE_MS} ms, offered ${Math.round((officers.length * 1000) / PACE_MS)} saves/s; latency from the intended send time)`}`);
	console.table(rows);
	const ratio = app['saves/s'] / base['saves/s'];
	const ratioLine = name === 'saturation' ? `ratio app/baseline saves/s = ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}); ` : '';
	console.log(`${ratioLine}app p99 = ${app['p99 ms']} ms (goal < ${GOAL_P99_MS} ms: ${app['p99 ms'] < GOAL_P99_MS ? 'met' : 'NOT met'}); baseline p99 = ${base['p99 ms']} ms`);
}
if (errorSamples.length) {
	console.log('\nerrors (status, body):');
	for (const e of errorSamples.slice(0, 10)) console.log(`  ${e}`);
}
process.exit(0);
