/**
 * Crash test: `kill -9` of the built server while officers autosave their answer sheets and learners
 * their quiz answers, then a restart on the same database. Every save the server acknowledged (200 with
 * its version / savedAt) must be there — the latest acknowledged value of each key, or a newer one that
 * was on its way — and the file must pass PRAGMA integrity_check. Its own port and temp database, not
 * the e2e server's.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import {
	answerKey,
	freePort,
	integrityCheck,
	killServer,
	Ledger,
	post,
	prepareDatabase,
	removeDir,
	savedMarks,
	sheetAnswer,
	sleep,
	startLoad,
	startServer,
	tempDir,
	verify,
	type AppServer
} from './harness';

test.setTimeout(60_000);

test('kill -9 under concurrent autosaves loses no acknowledged save, and the restarted server carries on', async () => {
	const dir = tempDir('crash');
	const dbPath = join(dir, 'app.db');
	let server: AppServer | undefined;
	try {
		const setup = prepareDatabase(dbPath, { teams: 4, teamSize: 3, learners: 8, questions: 8 });
		const port = await freePort();
		server = await startServer(dbPath, port);

		const ledger = new Ledger();
		const load = startLoad(port, setup, ledger);
		// Kill once both kinds of saves are flowing, at a moment tied to no particular request.
		const t0 = Date.now();
		while (Date.now() - t0 < 15_000 && (Date.now() - t0 < 2_000 || ledger.count('sheet') < 300 || ledger.count('answer') < 100)) await sleep(20);
		await sleep(Math.random() * 250);
		server.child.kill('SIGKILL');
		const killed = await server.exited;
		await load.stop();
		expect(killed.signal).toBe('SIGKILL');
		expect(ledger.refusals, 'every save before the kill was accepted').toEqual([]);
		const unanswered = [...ledger.keys.values()].reduce((n, s) => n + s.sent - s.acked.length, 0);

		server = await startServer(dbPath, port);
		const found = savedMarks(dbPath, setup);
		const v = verify(ledger, found);
		// Saves the kill cut off before their answer that had nonetheless been committed (allowed: the
		// client never heard back, and the database keeps the newer save).
		const committedUnanswered = [...ledger.keys].filter(([key, s]) => s.sent > (s.acked.at(-1) ?? 0) && found.get(key)?.n === s.sent).length;

		// The restarted server continues from what the database holds: a save on top of each officer's
		// item (baseVersion = the version found) and one more answer per learner are accepted.
		for (const o of setup.officers) {
			const ref = o.refs[0];
			const at = found.get(`sheet/${o.teamId}/${ref}`);
			const r = await post(port, false, {
				path: `/api/drills/${setup.drillId}/stages/${setup.stageId}/entries`,
				token: o.token,
				body: JSON.stringify({ ref, baseVersion: at?.version ?? 0, data: sheetAnswer('重启后保存') })
			});
			expect(r.status, r.text).toBe(200);
			expect(JSON.parse(r.text).version).toBe((at?.version ?? 0) + 1);
		}
		for (const l of setup.learners) {
			const r = await post(port, false, { path: `/api/attempts/${l.attemptId}/answers`, token: l.token, body: JSON.stringify({ slot: 0, response: { kind: 'fill', text: '重启后作答' }, flagged: false }) });
			expect(r.status, r.text).toBe(200);
		}
		server.child.kill('SIGTERM');
		expect((await server.exited).code).toBe(0);
		const integrity = integrityCheck(dbPath);

		console.log(
			`crash test: ${v.acknowledged} saves acknowledged (${ledger.count('sheet')} answer-sheet autosaves, ${ledger.count('answer')} quiz answers, ` +
				`${ledger.keys.size} keys; ${unanswered} sent without an answer, ${committedUnanswered} of them committed), ${v.found} found, ${v.lost} lost; integrity_check ${integrity}`
		);
		expect(v.lost, v.examples.join('\n')).toBe(0);
		expect(v.found).toBe(v.acknowledged);
		expect(ledger.count('sheet')).toBeGreaterThanOrEqual(300);
		expect(ledger.count('answer')).toBeGreaterThanOrEqual(100);
		expect(found.has(answerKey(setup.learners[0].attemptId, 0))).toBe(true);
		expect(integrity).toBe('ok');
	} finally {
		killServer(server);
		removeDir(dir);
	}
});
