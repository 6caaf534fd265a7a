// npm run backup -- FILE — a consistent copy of the database (DATABASE_URL, default data/app.db) while the
// server keeps running: SQLite's online backup API, then PRAGMA integrity_check on the copy
// (src/lib/server/db/backup.ts). A plain file copy of a busy WAL database may not be consistent.
import { databasePath } from '../lib/server/db';
import { backupDatabase } from '../lib/server/db/backup';
import { errorText } from '../lib/i18n/zh';

const target = process.argv[2];
if (!target) {
	console.error('用法：npm run backup -- 备份文件路径（例如 backups/app-2026-11-29.db）');
	process.exit(2);
}
const source = databasePath();
const started = Date.now();
const r = await backupDatabase(source, target);
if (!r.ok) {
	console.error(`备份失败：${errorText(r.error)}`);
	process.exit(1);
}
const mb = (r.value.bytes / 1024 / 1024).toFixed(1);
console.log(`已将 ${source} 备份到 ${target}（${mb} MB，${r.value.users} 个用户，完整性检查通过，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
