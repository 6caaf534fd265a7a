// npm start — builds the app when the build is missing or older than the sources, migrates the database,
// seeds demo data into an empty database (unless SEED=none), then serves the app: build/server.js, adapter-node's
// handler behind the autosave fast path (src/server/index.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDb, databasePath, getDb, migrateDb } from '../lib/server/db';
import { generatePassword } from '../lib/server/auth/password';
import { seedDemo } from '../lib/server/seed';
import { lawsDatasetPath, readDatasetFile } from '../lib/server/law/dataset-file';
import { importLawDataset } from '../lib/server/law/library';
import { seedDemoScenarios } from '../lib/server/seed/demo-scenarios';
import { user } from '../lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { HOST, ORIGIN, PORT } from './env';

const STAMP = 'build/.built-at';
const SERVER = 'build/server.js';
const SOURCES = ['src', 'static', 'scripts', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** Files that are not part of the built app: changing them never calls for a rebuild. */
const NOT_BUILT = /(^|\/)(src\/bench|src\/cli)(\/|$)|\.test\.ts$/;

function newestMtime(path: string): number {
	if (!existsSync(path) || NOT_BUILT.test(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIfNeeded(): void {
	const builtAt = existsSync(STAMP) && existsSync(SERVER) ? statSync(STAMP).mtimeMs : 0;
	const changedAt = Math.max(...SOURCES.map(newestMtime));
	if (builtAt > changedAt) return;
	console.log(builtAt ? '源代码有更新，正在重新构建……' : '首次启动，正在构建应用（约一分钟）……');
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
	if (r.status !== 0) {
		console.error('构建失败，请查看上方输出。');
		process.exit(r.status ?? 1);
	}
	writeFileSync(STAMP, new Date().toISOString());
}

async function prepareDatabase(): Promise<void> {
	const db = getDb();
	migrateDb(db);
	if (process.env.SEED === 'none') {
		closeDb();
		return;
	}
	const password = process.env.DEMO_PASSWORD || generatePassword();
	const accounts = await seedDemo(db, password);
	if (!accounts) {
		closeDb();
		return;
	}
	console.log(`\n已在空数据库 ${databasePath()} 中写入演示数据。演示账号（密码均为 ${password}）：`);
	for (const a of accounts) console.log(`  ${a.username.padEnd(10)} ${a.displayName}`);
	if (!process.env.DEMO_PASSWORD) console.log('（密码为本次随机生成，请记下；设置 DEMO_PASSWORD 可指定密码）');
	seedLaws(db);
	const trainer = db.select({ id: user.id }).from(user).where(eq(user.username, 'trainer')).get();
	if (trainer) {
		const scenarios = seedDemoScenarios(db, trainer.id);
		console.log(`已写入 ${scenarios.length} 个演示场景并发布：${scenarios.map((s) => `${s.title}（v${s.version}）`).join('、')}`);
	}
	closeDb();
}

/** The demo imports the law dataset when it is there; without it the library shows the catalog and summaries. */
function seedLaws(db: ReturnType<typeof getDb>): void {
	const path = lawsDatasetPath();
	const read = readDatasetFile(path);
	if (!read.ok) {
		console.log(`未导入法规条文（${read.message}）；法规库仅显示目录和要点。`);
		return;
	}
	const r = importLawDataset(db, null, read.doc);
	if (r.ok) console.log(`已从 ${path} 导入 ${r.laws.length} 部法规、${r.laws.reduce((n, l) => n + l.articles, 0)} 条条文。`);
	else console.log(`法规数据 ${path} 有 ${r.errors.length} 处问题，未导入（可用 npm run laws:import 查看详情）。`);
}

buildIfNeeded();
await prepareDatabase();
console.log(`\n访问地址：${ORIGIN}\n`);
const server = spawn(process.execPath, [SERVER], {
	stdio: 'inherit',
	// Uploads (law datasets, rosters) can exceed adapter-node's 512 KB default request body limit.
	env: { BODY_SIZE_LIMIT: '20M', ...process.env, PORT: String(PORT), HOST, ORIGIN }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
