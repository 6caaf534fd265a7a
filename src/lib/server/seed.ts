import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { unit, user, userRole } from './db/schema';
import { hashPassword } from './auth/password';
import { recordAudit } from './audit';
import { countUsers } from './user/users';
import type { Role, Sector, StaffCategory } from '../domain/roles';
import type { UnitKind } from '../domain/unit';
import { chinaYear, DEMO_TRAINING_SEED, mulberry32, seedTrainingYear } from './seed/training';
import { seedQuizAttempts, seedQuizContent } from './seed/quiz';
import { STANDALONE_QUIZZES } from './seed/quiz-content';

export interface DemoAccount {
	username: string;
	displayName: string;
	roles: Role[];
}

interface UnitSeed {
	key: string;
	parent: string | null;
	name: string;
	kind: UnitKind;
	sector?: Sector;
	address?: string;
	legalRepresentative?: string;
}

// Demo organisations. The enterprises are fictional; the administrative divisions are real place names.
const UNITS: UnitSeed[] = [
	{ key: 'jx', parent: null, name: '江西省', kind: 'province' },
	{ key: 'jx-yjt', parent: 'jx', name: '江西省应急管理厅', kind: 'department' },
	{ key: 'sr', parent: 'jx', name: '上饶市', kind: 'city' },
	{ key: 'sr-yjj', parent: 'sr', name: '上饶市应急管理局', kind: 'department' },
	{ key: 'ys', parent: 'sr', name: '玉山县', kind: 'county' },
	{ key: 'ys-yjj', parent: 'ys', name: '玉山县应急管理局', kind: 'department' },
	{ key: 'gf', parent: 'sr', name: '广丰区', kind: 'county' },
	{ key: 'gf-yjj', parent: 'gf', name: '广丰区应急管理局', kind: 'department' },
	{ key: 'xz', parent: 'sr', name: '信州区', kind: 'county' },
	{ key: 'xz-yjj', parent: 'xz', name: '信州区应急管理局', kind: 'department' },
	{
		key: 'ent-machinery',
		parent: 'ys',
		name: '玉山县恒安机械制造有限公司（演示）',
		kind: 'enterprise',
		sector: 'machinery',
		address: '玉山县工业园区演示路 8 号',
		legalRepresentative: '陈建国'
	},
	{
		key: 'ent-food',
		parent: 'gf',
		name: '广丰区丰味食品有限公司（演示）',
		kind: 'enterprise',
		sector: 'light_industry',
		address: '广丰区芦林工业园演示大道 66 号',
		legalRepresentative: '刘美华'
	},
	{
		key: 'ent-wood',
		parent: 'xz',
		name: '信州区林森木业有限公司（演示）',
		kind: 'enterprise',
		sector: 'light_industry',
		address: '信州区朝阳产业园演示路 12 号',
		legalRepresentative: '王志强'
	}
];

interface UserSeed extends DemoAccount {
	unit: string | null;
	staffCategory?: StaffCategory;
}

function demoUsers(): UserSeed[] {
	const users: UserSeed[] = [
		{ username: 'admin', displayName: '系统管理员', roles: ['admin'], unit: 'sr-yjj' },
		{ username: 'trainer', displayName: '周培训', roles: ['trainer'], unit: 'sr-yjj' },
		{ username: 'judge1', displayName: '评委一', roles: ['judge'], unit: 'jx-yjt' },
		{ username: 'judge2', displayName: '评委二', roles: ['judge'], unit: 'sr-yjj' },
		{ username: 'judge3', displayName: '评委三', roles: ['judge'], unit: 'sr-yjj' }
	];
	const teams = [
		{ unit: 'ys-yjj', surnames: ['李', '张', '吴'] },
		{ unit: 'gf-yjj', surnames: ['徐', '郑', '黄'] },
		{ unit: 'xz-yjj', surnames: ['杨', '何', '汪'] }
	];
	let n = 1;
	for (const team of teams) {
		for (const surname of team.surnames) {
			users.push({ username: `officer${n}`, displayName: `${surname}执法（队员${n}）`, roles: ['officer'], unit: team.unit });
			n++;
		}
	}
	const learners: [string, string, StaffCategory][] = [
		['ent-machinery', '陈主任', 'principal'],
		['ent-food', '刘安全', 'safety_manager'],
		['ent-wood', '王师傅', 'special_operator'],
		// A new worker (其他从业人员): the audience of the 新员工三级安全教育 demo course.
		['ent-machinery', '赵新工', 'other']
	];
	learners.forEach(([unitKey, name, category], i) =>
		users.push({
			username: `learner${i + 1}`,
			displayName: name,
			roles: ['learner'],
			unit: unitKey,
			staffCategory: category
		})
	);
	return users;
}

/**
 * Seeds demo units and one account per role, all with `password`. Refuses (returns null) when the
 * database already has users, so a real deployment is never overwritten.
 */
export async function seedDemo(db: Db, password: string): Promise<DemoAccount[] | null> {
	if (countUsers(db) > 0) return null;
	const users = demoUsers();
	// Hash before the transaction: better-sqlite3 transactions must be synchronous.
	const hashes = await Promise.all(users.map(() => hashPassword(password)));
	return db.transaction((tx) => {
		if (tx.select({ id: user.id }).from(user).limit(1).get()) return null;
		const ids = new Map<string, number>();
		for (const u of UNITS) {
			const row = tx
				.insert(unit)
				.values({
					parentId: u.parent ? ids.get(u.parent)! : null,
					name: u.name,
					kind: u.kind,
					sector: u.sector ?? null,
					address: u.address ?? null,
					legalRepresentative: u.legalRepresentative ?? null
				})
				.returning({ id: unit.id })
				.get();
			ids.set(u.key, row.id);
		}
		users.forEach((u, i) => {
			const row = tx
				.insert(user)
				.values({
					username: u.username,
					displayName: u.displayName,
					passwordHash: hashes[i],
					unitId: u.unit ? ids.get(u.unit)! : null,
					staffCategory: u.staffCategory ?? null
				})
				.returning({ id: user.id })
				.get();
			for (const role of u.roles) tx.insert(userRole).values({ userId: row.id, role }).run();
		});
		// A county year of the training registry (12 sessions, ~2,000 trainees): raw prepared statements on the
		// same connection, so it runs inside this transaction.
		seedTrainingYear(db, { year: chinaYear(), countyUnitId: ids.get('ys')!, organizerUnitId: ids.get('ys-yjj')!, rng: mulberry32(DEMO_TRAINING_SEED) });
		// The question bank, quizzes and two courses; officers and two learners already took the stand-alone quiz.
		const idOf = (username: string) => tx.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id;
		const quizzes = seedQuizContent(db, idOf('trainer'));
		const takers = users.filter((u) => u.roles.includes('officer') || u.username === 'learner2' || u.username === 'learner3').map((u) => idOf(u.username));
		seedQuizAttempts(db, quizzes.quizzes.find((q) => q.title === STANDALONE_QUIZZES[0].title)!.id, takers, mulberry32(DEMO_TRAINING_SEED + 1), Date.now());
		recordAudit(tx, { actorId: null, action: 'seed.demo', entity: 'system', after: { units: UNITS.length, users: users.length } });
		return users.map(({ username, displayName, roles }) => ({ username, displayName, roles }));
	});
}
