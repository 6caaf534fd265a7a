/**
 * Backup under load and restore: `npm run backup` while officers and learners autosave to the built
 * server, `npm run restore` refused while that server has the database open, then accepted once it has
 * stopped. The restored database must hold every save acknowledged before the backup began and pass
 * PRAGMA integrity_check.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase } from '../../../src/lib/server/db/backup';
import { freePort, integrityCheck, killServer, Ledger, prepareDatabase, removeDir, runCli, savedMarks, sleep, startLoad, startServer, tempDir, verify, type AppServer } from './harness';

test.setTimeout(60_000);

test('a backup taken under load restores every save acknowledged before it began; restore refuses a running server’s database', async () => {
	const dir = tempDir('backup');
	const dbPath = join(dir, 'app.db');
	const backupPath = join(dir, 'backups', 'app-backup.db');
	let server: AppServer | undefined;
	try {
		const setup = prepareDatabase(dbPath, { teams: 3, teamSize: 3, learners: 6, questions: 6 });
		// A sound backup of the empty sheets, to try restoring while the server runs.
		const early = join(dir, 'early.db');
		expect((await backupDatabase(dbPath, early)).ok).toBe(true);
		const port = await freePort();
		server = await startServer(dbPath, port);
		const ledger = new Ledger();
		// Paced (each client saves every ~20 ms), so that the backup's own process gets some of the CPU.
		const load = startLoad(port, setup, ledger, 20);
		const t0 = Date.now();
		while (Date.now() - t0 < 15_000 && (ledger.count('sheet') < 100 || ledger.count('answer') < 50)) await sleep(20);

		const before = ledger.snapshot();
		const ackedBefore = ledger.acknowledged;
		const [backup, refused] = await Promise.all([runCli('backup', [backupPath], { DATABASE_URL: dbPath }), runCli('restore', [early], { DATABASE_URL: dbPath })]);
		const ackedDuring = ledger.acknowledged - ackedBefore;
		await load.stop();
		expect(backup.code, backup.stderr).toBe(0);
		expect(backup.stdout).toContain(`备份到 ${backupPath}`);
		expect(refused.code, 'restore is refused while the server has the database open').toBe(1);
		expect(refused.stderr).toContain('正在被使用');
		expect(ledger.refusals).toEqual([]);
		expect(load.errors()).toBe(0);
		expect(ackedDuring, 'saves were acknowledged while the backup ran').toBeGreaterThan(0);
		server.child.kill('SIGTERM');
		expect((await server.exited).code).toBe(0);
		expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([]);

		const restored = await runCli('restore', [backupPath], { DATABASE_URL: dbPath });
		expect(restored.code, restored.stderr).toBe(0);
		const previous = readdirSync(dir).filter((f) => /^app\.db\.before-restore-\d{8}-\d{6}$/.test(f));
		expect(previous).toHaveLength(1);
		expect(restored.stdout).toContain(previous[0]);

		const found = savedMarks(dbPath, setup);
		const v = verify(ledger, found, before);
		// It is the database of the backup's moment, not as the server left it: later saves are not in it.
		const newerThanBackup = [...ledger.keys].filter(([key, s]) => s.acked.length && (found.get(key)?.n ?? 0) < s.acked.at(-1)!).length;
		const integrity = integrityCheck(dbPath);
		console.log(
			`backup test: ${v.acknowledged} saves acknowledged before the backup began, ${v.found} found in the restored database, ${v.lost} lost; ` +
				`${ackedDuring} saves acknowledged while the backup ran; ${newerThanBackup} keys saved again after it; integrity_check ${integrity}`
		);
		expect(v.lost, v.examples.join('\n')).toBe(0);
		expect(v.found).toBe(v.acknowledged);
		expect(v.acknowledged).toBeGreaterThanOrEqual(140);
		expect(newerThanBackup).toBeGreaterThan(0);
		expect(integrity).toBe('ok');
		expect(existsSync(`${dbPath}-wal`)).toBe(false);
	} finally {
		killServer(server);
		removeDir(dir);
	}
});
