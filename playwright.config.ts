import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './tests/fixtures/env.js';

// Debian's Chromium, never a downloaded browser (this network cannot download one).
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	// Generous: the machine's 2 cores are shared by the server, two browsers and the load of the reliability specs.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${E2E_PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'chromium', use: { browserName: 'chromium' }, testIgnore: 'reliability/**' },
		// The crash, backup and shutdown specs drive their own servers at full load: after the browser tests,
		// so that their load cannot push a browser test past its timeout.
		{ name: 'reliability', use: { browserName: 'chromium' }, testMatch: 'reliability/**/*.spec.ts', dependencies: ['chromium'] }
	],
	webServer: {
		// Builds if needed, then serves on a fresh database (kept outside test-results/, which Playwright empties).
		command: 'node tests/e2e-server.mjs',
		url: `http://localhost:${E2E_PORT}/login`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
