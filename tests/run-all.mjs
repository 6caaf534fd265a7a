// npm test: type check, unit tests (Vitest) and end-to-end tests (Playwright), then one summary line
// counting every test run: "N passed, N failed[, N skipped]". Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
function run(title, cmd, args, env = {}) {
	console.log(`\n=== ${title} ===`);
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}
function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

run('生成类型 svelte-kit sync', bin('svelte-kit'), ['sync']);
const checkStatus = run('类型检查 svelte-check', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
if (checkStatus !== 0) problems.push('svelte-check found errors');

const vitestJson = `${OUT}/vitest.json`;
const vitestStatus = run('单元测试 Vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
	// A suite that fails to load has no tests to count but is still a failure.
	if (vitestStatus !== 0 && v.numFailedTests === 0) problems.push('Vitest exited with an error');
} else problems.push('Vitest produced no report');

const pwJson = `${OUT}/playwright.json`;
const pwStatus = run('端到端测试 Playwright', bin('playwright'), ['test', '--reporter=list,json'], {
	PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson
});
const p = existsSync(pwJson) ? readJson(pwJson) : null;
if (p?.stats) {
	passed += p.stats.expected + p.stats.flaky;
	failed += p.stats.unexpected;
	skipped += p.stats.skipped;
	if (p.stats.flaky) console.log(`(${p.stats.flaky} flaky test(s) passed on retry)`);
	if (pwStatus !== 0 && p.stats.unexpected === 0) problems.push('Playwright exited with an error');
} else problems.push('Playwright produced no report');

for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
