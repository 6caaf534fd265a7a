// npm run db:migrate — applies the SQL migrations in drizzle/ to DATABASE_URL (default data/app.db).
import { closeDb, databasePath, getDb, migrateDb } from '../lib/server/db';

migrateDb(getDb());
closeDb();
console.log(`数据库已迁移到最新版本：${databasePath()}`);
