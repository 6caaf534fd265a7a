// npm run restore -- FILE — puts a backup in place of the database (DATABASE_URL, default data/app.db).
// Checks the backup first (SQLite, integrity_check, this platform's tables and migrations) and refuses
// while anything has the database open, a running server above all (src/lib/server/db/backup.ts).
// The replaced database is kept beside it as <file>.before-restore-<time>.
import { databasePath } from '../lib/server/db';
import { restoreDatabase } from '../lib/server/db/backup';
import { errorText } from '../lib/i18n/zh';

const file = process.argv[2];
if (!file) {
	console.error('用法：npm run restore -- 备份文件路径（先停止服务器）');
	process.exit(2);
}
const target = databasePath();
const r = await restoreDatabase(file, target);
if (!r.ok) {
	console.error(`未恢复：${errorText(r.error)}`);
	process.exit(1);
}
console.log(`已用 ${file} 恢复数据库 ${target}（完整性检查通过，${r.value.users} 个用户）。`);
if (r.value.previous) console.log(`原数据库已改名保留为 ${r.value.previous}，确认恢复无误后可删除。`);
if (r.value.pendingMigrations > 0) console.log(`该备份来自较早的版本，服务器启动时会自动应用 ${r.value.pendingMigrations} 个数据库迁移。`);
console.log('现在可以启动服务器：npm start');
