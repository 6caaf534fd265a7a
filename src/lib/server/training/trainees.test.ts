import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { auditLog, trainee, unit, user, userRole } from '../db/schema';
import { idCheckChar } from '../../domain/training/id-number';
import type { Role } from '../../domain/roles';
import { findOrCreateTrainee, normaliseName, present, searchTrainees, traineeForUser, type TraineeInput } from './trainees';

const T0 = Date.UTC(2026, 2, 1, 2, 0, 0);
/** A valid 18-character ID number with the given 4-digit sequence. */
const idNo = (seq: number) => {
	const first17 = `36112219900301${String(seq).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
};

function setup() {
	const db = createTestDb();
	const city = db.insert(unit).values({ name: '上饶市', kind: 'province' }).returning().get();
	const steel = db.insert(unit).values({ name: '广丰钢铁有限公司', kind: 'enterprise', sector: 'metallurgy', parentId: city.id }).returning().get();
	const textile = db.insert(unit).values({ name: '信州纺织厂', kind: 'enterprise', sector: 'textile', parentId: city.id }).returning().get();
	const mkUser = (username: string, displayName: string, roles: Role[], over: Partial<typeof user.$inferInsert> = {}) => {
		const u = db.insert(user).values({ username, displayName, passwordHash: 'x', ...over }).returning().get();
		for (const role of roles) db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mkUser('trainer', '李老师', ['trainer']);
	return { db, mkUser, trainer, steelId: steel.id, textileId: textile.id, cityId: city.id };
}

const zhangWei = (over: Partial<TraineeInput> = {}): TraineeInput => ({
	name: '张伟',
	phone: '13812345678',
	idNumber: idNo(1),
	enterpriseUnitId: null,
	category: 'principal',
	position: '总经理',
	...over
});

function made(r: ReturnType<typeof findOrCreateTrainee>) {
	if (!r.ok) throw new Error(r.error.code);
	return r.value;
}

describe('findOrCreateTrainee', () => {
	it('creates a trainee with pinyin initials and a normalised ID number and phone, audited with the number masked', () => {
		const s = setup();
		const id = idNo(7);
		const r = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ name: ' 张 伟 ', idNumber: ` ${id.slice(0, 6)} ${id.slice(6)}`, phone: '138 1234 5678', enterpriseUnitId: s.steelId }), T0));
		expect(r.created).toBe(true);
		expect(r.trainee).toMatchObject({ name: '张伟', nameInitials: 'zw', idNumber: id, phone: '13812345678', enterpriseUnitId: s.steelId, category: 'principal', position: '总经理', userId: null, createdAt: T0 });
		const audit = s.db.select().from(auditLog).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'training.trainee_create', entity: 'trainee', entityId: String(r.trainee.id), actorId: s.trainer });
		expect(audit[0].after).not.toContain(id);
		expect(JSON.parse(audit[0].after!).idNumber).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`);
	});

	it('finds the same person again by the normalised ID number, whatever the other fields say', () => {
		const s = setup();
		const first = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: '11010519491231002X' })));
		const again = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ name: '张卫', phone: '13900000000', idNumber: '１１０１０５１９４９１２３１００２ｘ' })));
		expect(again).toEqual({ trainee: first.trainee, created: false });
		expect(s.db.select().from(trainee).all()).toHaveLength(1);
		expect(s.db.select().from(auditLog).all()).toHaveLength(1);
	});

	it('without an ID number matches by name and phone, and tells namesakes apart by phone', () => {
		const s = setup();
		const a = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: null })));
		expect(made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: '', phone: '+86 138-1234-5678' }))).trainee.id).toBe(a.trainee.id);
		const b = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: null, phone: '13912345678' })));
		expect(b.created).toBe(true);
		expect(b.trainee.id).not.toBe(a.trainee.id);
	});

	it.each([
		['a bad check character', { idNumber: '110105194912310021' }, 'id.checksum'],
		['a short ID number', { idNumber: '1101051949' }, 'id.length'],
		['a bad phone', { phone: '12345', idNumber: null }, 'phone.invalid'],
		['neither ID number nor phone', { phone: null, idNumber: null }, 'trainee.identity_required'],
		['no name', { name: '  ' }, 'trainee.name_required'],
		['an unknown enterprise', { enterpriseUnitId: 999 }, 'trainee.enterprise_not_found']
	])('refuses %s and writes nothing', (_, over, code) => {
		const s = setup();
		const r = findOrCreateTrainee(s.db, s.trainer, zhangWei(over));
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error.code).toBe(code);
		expect(s.db.select().from(trainee).all()).toEqual([]);
		expect(s.db.select().from(auditLog).all()).toEqual([]);
	});

	it('normalises names', () => {
		expect(normaliseName(' 欧阳  修 ')).toBe('欧阳修');
		expect(normaliseName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
		expect(normaliseName(' Anna  Li ')).toBe('Anna Li');
	});
});

describe('traineeForUser', () => {
	it('makes the learner’s trainee row from the account once, audited, and returns the same row after', () => {
		const s = setup();
		const learner = s.mkUser('zw', '张伟', ['learner'], { unitId: s.steelId, staffCategory: 'safety_manager', phone: '13812345678', position: '安全员' });
		const r = traineeForUser(s.db, learner, T0);
		expect(r).toMatchObject({ ok: true, value: { name: '张伟', nameInitials: 'zw', enterpriseUnitId: s.steelId, category: 'safety_manager', phone: '13812345678', position: '安全员', userId: learner, idNumber: null } });
		expect(traineeForUser(s.db, learner, T0 + 1)).toEqual(r);
		expect(s.db.select().from(trainee).all()).toHaveLength(1);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.trainee_create')).all()).toHaveLength(1);
	});

	it('counts the unit as the enterprise only when it is one', () => {
		const s = setup();
		const learner = s.mkUser('x', '王五', ['learner'], { unitId: s.cityId, staffCategory: 'other' });
		expect(traineeForUser(s.db, learner)).toMatchObject({ ok: true, value: { enterpriseUnitId: null, category: 'other', phone: null } });
	});

	it('links the one imported row with the same name and phone instead of making a second', () => {
		const s = setup();
		const imported = made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ enterpriseUnitId: s.steelId }))).trainee;
		const learner = s.mkUser('zw', '张伟', ['learner'], { unitId: s.steelId, staffCategory: 'principal', phone: '138-1234-5678' });
		expect(traineeForUser(s.db, learner, T0)).toEqual({ ok: true, value: { ...imported, userId: learner } });
		expect(s.db.select().from(trainee).all()).toHaveLength(1);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.trainee_link')).get()).toMatchObject({ actorId: learner, entityId: String(imported.id) });
	});

	it('does not guess between two imported namesakes with the same phone', () => {
		const s = setup();
		made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: idNo(1) })));
		made(findOrCreateTrainee(s.db, s.trainer, zhangWei({ idNumber: idNo(2) })));
		const learner = s.mkUser('zw', '张伟', ['learner'], { staffCategory: 'principal', phone: '13812345678' });
		const r = traineeForUser(s.db, learner);
		expect(r.ok && r.value.idNumber).toBe(null);
		expect(s.db.select().from(trainee).all()).toHaveLength(3);
	});

	it('refuses an account without a 人员类别, and an unknown account', () => {
		const s = setup();
		const learner = s.mkUser('x', '王五', ['learner']);
		expect(traineeForUser(s.db, learner)).toEqual({ ok: false, error: { code: 'trainee.category_missing' } });
		expect(traineeForUser(s.db, 999)).toEqual({ ok: false, error: { code: 'user.not_found' } });
		expect(s.db.select().from(trainee).all()).toEqual([]);
	});
});

describe('searchTrainees', () => {
	function people() {
		const s = setup();
		const add = (name: string, seq: number, over: Partial<TraineeInput> = {}) =>
			made(findOrCreateTrainee(s.db, s.trainer, { name, phone: `1380000${String(seq).padStart(4, '0')}`, idNumber: idNo(seq), category: 'other', enterpriseUnitId: s.textileId, ...over })).trainee.id;
		const ids = {
			zhangWei: add('张伟', 1, { category: 'principal', enterpriseUnitId: s.steelId }),
			wangWu: add('王五', 2),
			zhaoWen: add('赵文', 3),
			liZhangWei: add('李张伟', 4),
			zengMin: add('曾敏', 5)
		};
		return { ...s, ids };
	}
	const names = (r: ReturnType<typeof searchTrainees>) => r.rows.map((x) => x.name);

	it('finds 张伟 by the pinyin initials zw, and by full pinyin', () => {
		const s = people();
		// In pinyin order of the names: lzw, zw (张), zw (赵); 王五 (ww) and 曾敏 (zm) are not matches.
		expect(names(searchTrainees(s.db, 'zw'))).toEqual(['李张伟', '张伟', '赵文']);
		expect(names(searchTrainees(s.db, 'ZW'))).toEqual(['李张伟', '张伟', '赵文']);
		expect(names(searchTrainees(s.db, 'zhangwei'))).toEqual(['李张伟', '张伟']);
		expect(names(searchTrainees(s.db, 'zengm'))).toEqual(['曾敏']);
		expect(searchTrainees(s.db, 'qq')).toEqual({ total: 0, rows: [] });
	});

	it('finds by name, phone and enterprise name', () => {
		const s = people();
		expect(names(searchTrainees(s.db, '张伟'))).toEqual(['李张伟', '张伟']);
		expect(names(searchTrainees(s.db, '00003'))).toEqual(['赵文']);
		expect(names(searchTrainees(s.db, '钢铁'))).toEqual(['张伟']);
		expect(searchTrainees(s.db, '钢铁').rows[0].enterpriseName).toBe('广丰钢铁有限公司');
	});

	it('filters by enterprise and category and pages, counting every match', () => {
		const s = people();
		expect(names(searchTrainees(s.db, 'zw', { category: 'other' }))).toEqual(['李张伟', '赵文']);
		expect(names(searchTrainees(s.db, '', { enterpriseUnitId: s.steelId }))).toEqual(['张伟']);
		const page = searchTrainees(s.db, 'zw', { limit: 2, offset: 2 });
		expect(page.total).toBe(3);
		expect(names(page)).toEqual(['赵文']);
		expect(searchTrainees(s.db, '', { limit: 2 })).toMatchObject({ total: 5 });
	});

	it('treats LIKE wildcards as text', () => {
		const s = people();
		expect(searchTrainees(s.db, '%').total).toBe(0);
		expect(searchTrainees(s.db, '_').total).toBe(0);
	});
});

describe('present', () => {
	const row = { id: 1, name: '张伟', idNumber: '110105194912311234', phone: '13812345678' };
	it.each([
		['trainer', ['trainer'], '110***********1234', '13812345678'],
		['admin', ['admin'], '110105194912311234', '13812345678'],
		['trainer who is also a learner', ['learner', 'trainer'], '110***********1234', '13812345678'],
		['learner', ['learner'], '110***********1234', '138****5678'],
		['judge', ['judge'], '110***********1234', '138****5678']
	] as const)('a %s (%j) sees the ID number %s and phone %s', (_, roles, idNumber, phone) => {
		expect(present(row, { id: 9, roles })).toMatchObject({ idNumber, phone, name: '张伟' });
	});

	it('keeps missing values missing', () => {
		expect(present({ idNumber: null, phone: null }, { id: 1, roles: ['learner'] })).toMatchObject({ idNumber: null, phone: null });
	});
});
