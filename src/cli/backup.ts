// npm run backup -- FILE — a consistent copy of the database while the server keeps running
// (SQLite's online backup API copies a snapshot; a plain file copy of a busy WAL database may not be).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { databasePath } from '../lib/server/db';

const target = process.argv[2];
if (!target) {
	console.error('用法：npm run backup -- 备份文件路径（例如 backups/app-2026-11-29.db）');
	process.exit(2);
}
if (existsSync(target)) {
	console.error(`目标文件已存在，未覆盖：${target}`);
	process.exit(1);
}
const source = databasePath();
if (!existsSync(source)) {
	console.error(`找不到数据库文件：${source}`);
	process.exit(1);
}
const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
await db.backup(target, {
	progress: ({ totalPages, remainingPages }) => {
		process.stdout.write(`\r备份中… ${Math.round(((totalPages - remainingPages) / Math.max(totalPages, 1)) * 100)}%`);
		return 200;
	}
});
db.close();
const check = new Database(target, { readonly: true });
const result = check.pragma('integrity_check', { simple: true });
check.close();
console.log(`\n已备份到 ${target}（完整性检查：${result}）`);
if (result !== 'ok') process.exit(1);
