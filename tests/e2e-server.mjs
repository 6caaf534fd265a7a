// Starts the app for the end-to-end tests on a brand-new database, the way `npm start` does for a user.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { E2E_DATABASE, E2E_PASSWORD, E2E_PORT } from './fixtures/env.js';

rmSync(dirname(E2E_DATABASE), { recursive: true, force: true });
const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/start.ts'], {
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: E2E_DATABASE,
		DEMO_PASSWORD: E2E_PASSWORD,
		PORT: String(E2E_PORT),
		HOST: '127.0.0.1',
		ORIGIN: `http://localhost:${E2E_PORT}`,
		// All browser tests come from 127.0.0.1: the per-IP limit is raised so that the per-account
		// lockout test does not lock the other tests out. The per-IP rule itself is tested in Vitest.
		LOGIN_IP_MAX_FAILURES: '100',
		// A small fixture of our own, so the tests do not depend on the shared dataset being present.
		LAWS_DATASET: 'tests/fixtures/laws-fixture.json'
	}
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
child.on('exit', (code) => process.exit(code ?? 0));
