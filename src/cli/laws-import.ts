// npm run laws:import -- FILE — imports a law-dataset/1 file into the law library of DATABASE_URL.
// Every record is checked first; if anything is wrong, every problem is listed and nothing is written.
import { closeDb, getDb, migrateDb } from '../lib/server/db';
import { readDatasetFile } from '../lib/server/law/dataset-file';
import { importLawDataset } from '../lib/server/law/library';
import { datasetErrorText } from '../lib/i18n/zh';

const file = process.argv[2];
if (!file) {
	console.error('用法：npm run laws:import -- 法规数据文件.json');
	process.exit(2);
}
const read = readDatasetFile(file);
if (!read.ok) {
	console.error(read.message);
	process.exit(1);
}
const db = getDb();
migrateDb(db);
const result = importLawDataset(db, null, read.doc);
closeDb();
if (!result.ok) {
	console.error(`数据有 ${result.errors.length} 处问题，未导入任何内容：`);
	for (const e of result.errors) console.error(`  ${e.path}  ${datasetErrorText(e)}`);
	process.exit(1);
}
for (const l of result.laws) console.log(`  ${l.lawId.padEnd(28)} ${String(l.articles).padStart(4)} 条${l.complete ? '（全文）' : '（部分）'}`);
console.log(`已导入 ${result.laws.length} 部法规。`);
