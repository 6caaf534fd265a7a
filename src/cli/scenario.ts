// npm run scenario -- export ID FILE [--version N] | import FILE | validate FILE | schema FILE
// The portable scenario file (format scenario/1): content plus pictures, checked completely before import.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { closeDb, getDb, migrateDb } from '../lib/server/db';
import { exportScenario, importScenario } from '../lib/server/scenario/scenarios';
import { parsePortableScenario, portableScenarioSchema } from '../lib/domain/scenario/portable-schema';

const [command, ...args] = process.argv.slice(2);
const usage = () => {
	console.error('用法：npm run scenario -- export 场景编号 文件.json [--version 版本号]');
	console.error('      npm run scenario -- import 文件.json');
	console.error('      npm run scenario -- validate 文件.json');
	process.exit(2);
};

function readJson(file: string | undefined): unknown {
	if (!file) usage();
	try {
		return JSON.parse(readFileSync(file!, 'utf8'));
	} catch (e) {
		console.error(`无法读取 ${file}：${e instanceof Error ? e.message : e}`);
		process.exit(1);
	}
}

function printProblems(problems: { path: string; message: string }[]): never {
	console.error(`发现 ${problems.length} 处问题，未写入任何内容：`);
	for (const p of problems) console.error(`  ${p.path}  ${p.message}`);
	process.exit(1);
}

if (command === 'validate') {
	const r = parsePortableScenario(readJson(args[0]));
	if (!r.ok) printProblems(r.problems);
	console.log(`格式正确：${r.value.content.title}（${r.value.content.areas.length} 个区域，${r.value.images.length} 张图片）`);
} else if (command === 'import') {
	const doc = readJson(args[0]);
	const db = getDb();
	migrateDb(db);
	const r = importScenario(db, null, doc);
	closeDb();
	if (!r.ok) printProblems(r.problems ?? [{ path: '$', message: r.error.code }]);
	console.log(`已导入为场景 ${r.value.id}（草稿）。`);
} else if (command === 'export') {
	const id = Number(args[0]);
	const file = args[1];
	const vIndex = args.indexOf('--version');
	const version = vIndex >= 0 ? Number(args[vIndex + 1]) : undefined;
	if (!Number.isInteger(id) || id < 1 || !file || (version !== undefined && !Number.isInteger(version))) usage();
	const db = getDb();
	migrateDb(db);
	const data = exportScenario(db, id, version);
	closeDb();
	if (!data) {
		console.error(version ? `场景 ${id} 没有版本 ${version}。` : `没有编号为 ${id} 的场景。`);
		process.exit(1);
	}
	writeFileSync(file, JSON.stringify(data, null, '\t'));
	console.log(`已导出到 ${file}`);
} else if (command === 'schema') {
	// Regenerates the published JSON Schema (a test checks the committed copy is current).
	writeFileSync(args[0] ?? 'static/schemas/scenario-1.schema.json', JSON.stringify(z.toJSONSchema(portableScenarioSchema, { io: 'input' }), null, '\t') + '\n');
} else usage();
