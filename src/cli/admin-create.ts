// npm run admin:create -- --username NAME [--name 显示名] [--password PASSWORD]
// Creates an administrator, for databases started with SEED=none. Without --password one is generated.
import { parseArgs } from 'node:util';
import { closeDb, getDb, migrateDb } from '../lib/server/db';
import { generatePassword } from '../lib/server/auth/password';
import { createUser } from '../lib/server/user/users';

const { values } = parseArgs({
	options: { username: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } }
});
const username = (values.username ?? '').trim().toLowerCase();
if (!/^[a-z0-9._-]{3,32}$/.test(username)) {
	console.error('用法：npm run admin:create -- --username 用户名 [--name 显示名] [--password 密码]');
	console.error('用户名为 3–32 位字母、数字、点、横线或下划线。');
	process.exit(2);
}
const password = values.password ?? generatePassword();
if (password.length < 8) {
	console.error('密码至少需要 8 个字符。');
	process.exit(2);
}
const db = getDb();
migrateDb(db);
const r = await createUser(
	db,
	null,
	{ username, password, displayName: values.name?.trim() || '系统管理员', unitId: null, staffCategory: null, phone: null, roles: ['admin'] },
	'user.create_cli'
);
closeDb();
if (!r.ok) {
	console.error(r.error.code === 'user.username_taken' ? `用户名 ${username} 已被使用。` : `创建失败：${r.error.code}`);
	process.exit(1);
}
console.log(`已创建系统管理员 ${username}${values.password ? '' : `，密码：${password}`}`);
