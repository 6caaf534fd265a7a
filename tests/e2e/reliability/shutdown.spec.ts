/**
 * Graceful shutdown of the built server on SIGTERM (what systemd, Docker and `npm start`'s Ctrl+C send):
 * it stops accepting connections, answers the requests in flight (their saves are kept), ends the open
 * scoreboard streams instead of waiting SHUTDOWN_TIMEOUT for them, closes the database (no -wal or -shm
 * left: the last connection's close checkpointed the WAL) and exits 0.
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	answerKey,
	connectionRefused,
	freePort,
	integrityCheck,
	killServer,
	Ledger,
	openStream,
	prepareDatabase,
	removeDir,
	savedMarks,
	sheetAnswer,
	sheetKey,
	sleep,
	slowPost,
	startLoad,
	startServer,
	tempDir,
	verify,
	type AppServer
} from './harness';

test.setTimeout(60_000);

test('SIGTERM: new connections are refused, requests in flight are answered and kept, the database is closed, exit code 0', async () => {
	const dir = tempDir('shutdown');
	const dbPath = join(dir, 'app.db');
	let server: AppServer | undefined;
	try {
		const setup = prepareDatabase(dbPath, { teams: 2, teamSize: 3, learners: 4, questions: 4 });
		const port = await freePort();
		server = await startServer(dbPath, port);

		// A 大屏 showing the scoreboard: a response that never ends by itself.
		const board = openStream(port, `/board/${setup.publicToken}/events`);
		await board.first;
		// Team 1 and two learners keep saving; team 2 and the two other learners send slow saves.
		const ledger = new Ledger();
		const load = startLoad(port, { ...setup, officers: setup.officers.slice(0, 3), learners: setup.learners.slice(0, 2) }, ledger);
		const t0 = Date.now();
		while (Date.now() - t0 < 15_000 && ledger.acknowledged < 60) await sleep(20);

		const slow = [
			...setup.officers.slice(3).map((o) => {
				const key = sheetKey(o.teamId, o.refs[0]);
				const n = ++ledger.state(key).sent;
				const body = JSON.stringify({ ref: o.refs[0], baseVersion: 0, data: sheetAnswer(`${key}#${n}`) });
				return { key, n, ...slowPost(port, { path: `/api/drills/${setup.drillId}/stages/${setup.stageId}/entries`, token: o.token, body }) };
			}),
			...setup.learners.slice(2).map((l) => {
				const key = answerKey(l.attemptId, 0);
				const n = ++ledger.state(key).sent;
				const body = JSON.stringify({ slot: 0, response: { kind: 'fill', text: `${key}#${n}` }, flagged: false });
				return { key, n, ...slowPost(port, { path: `/api/attempts/${l.attemptId}/answers`, token: l.token, body }) };
			})
		];
		// The server must have their headers (and half their bodies) before the signal; a loaded machine needs a while.
		await sleep(1_500);

		const signalledAt = Date.now();
		server.child.kill('SIGTERM');
		// It stops accepting connections while it waits for the requests in flight.
		expect(await connectionRefused(port, 10_000), 'new connections are refused').toBe(true);
		expect(server.child.exitCode, 'still running: requests are in flight').toBeNull();
		for (const s of slow) s.finish();
		const answers = await Promise.all(slow.map((s) => s.response));
		for (const [i, a] of answers.entries()) if (a.status === 200) ledger.state(slow[i].key).acked.push(slow[i].n);
		const exit = await server.exited;
		const took = Date.now() - signalledAt;
		await load.stop();
		const stream = await board.closed;

		const walLeft = existsSync(`${dbPath}-wal`) || existsSync(`${dbPath}-shm`);
		const v = verify(ledger, savedMarks(dbPath, setup));
		const integrity = integrityCheck(dbPath);
		console.log(
			`shutdown test: exit ${JSON.stringify(exit)} ${took} ms after SIGTERM; ${answers.filter((a) => a.status === 200).length}/${slow.length} slow saves in flight answered 200; ` +
				`scoreboard stream ended ${stream.complete ? 'cleanly' : 'cut'}; -wal/-shm left: ${walLeft}; ${v.acknowledged} saves acknowledged, ${v.found} found, ${v.lost} lost; integrity_check ${integrity}`
		);
		expect(answers.map((a) => a.status)).toEqual(slow.map(() => 200));
		expect(exit).toEqual({ code: 0, signal: null });
		expect(took, 'the open scoreboard stream does not hold the shutdown for SHUTDOWN_TIMEOUT (30 s)').toBeLessThan(10_000);
		expect(stream.complete, 'the scoreboard stream is ended, not cut').toBe(true);
		expect(walLeft, 'the database was closed: the WAL checkpointed and removed').toBe(false);
		expect(v.lost, v.examples.join('\n')).toBe(0);
		expect(v.found).toBe(v.acknowledged);
		expect(integrity).toBe('ok');
	} finally {
		killServer(server);
		removeDir(dir);
	}
});
