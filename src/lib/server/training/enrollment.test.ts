import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { auditLog, enrollment, trainee, unit, user, userRole } from '../db/schema';
import { idCheckChar } from '../../domain/training/id-number';
import type { Role } from '../../domain/roles';
import { createSession, getSession, setStatus, updateSession, type SessionInput } from './sessions';
import { findOrCreateTrainee } from './trainees';
import { cancelEnrollment, enrollmentStatusOf, enrollNewTrainee, listRoster, myEnrollments, selfEnroll, trainerEnroll } from './enrollment';

const T0 = Date.UTC(2026, 2, 1, 2, 0, 0);
const idNo = (seq: number) => {
	const first17 = `36112219900301${String(seq).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
};

const sessionInput = (capacity: number): SessionInput => ({
	title: '2026 年第一期培训班',
	organizerUnitId: null,
	regionUnitId: null,
	startDate: '2026-03-10',
	endDate: '2026-03-10',
	venue: '会议室',
	audience: 'mixed',
	instructors: '',
	capacity,
	passMark: 60,
	slots: [{ date: '2026-03-10', startTime: '08:30', endTime: '11:30', hours: 3 }]
});

function setup(capacity = 2, status: 'planned' | 'enrolling' = 'enrolling') {
	const db = createTestDb();
	const province = db.insert(unit).values({ name: '江西省', kind: 'province' }).returning().get();
	const ent = db.insert(unit).values({ name: '广丰钢铁有限公司', kind: 'enterprise', sector: 'metallurgy', parentId: province.id }).returning().get();
	const mk = (username: string, displayName: string, roles: Role[], phone: string | null = null) => {
		const u = db.insert(user).values({ username, displayName, passwordHash: 'x', unitId: ent.id, staffCategory: 'other', phone }).returning().get();
		for (const role of roles) db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', '李老师', ['trainer']);
	const admin = mk('admin', '管理员', ['admin']);
	const learners = ['张伟', '王芳', '刘洋', '陈静', '杨磊'].map((n, i) => mk(`l${i}`, n, ['learner'], `1380000000${i}`));
	const s = createSession(db, trainer, sessionInput(capacity), T0);
	if (!s.ok) throw new Error(s.error.code);
	if (status === 'enrolling') setStatus(db, trainer, s.value.id, 'enrolling');
	const staff = { id: trainer, roles: ['trainer'] as Role[] };
	const learner = (i: number) => ({ id: learners[i], roles: ['learner'] as Role[] });
	return { db, trainer, admin, learners, staff, learner, sessionId: s.value.id, enterpriseId: ent.id };
}

type Setup = ReturnType<typeof setup>;

function enrolled(r: ReturnType<typeof selfEnroll>) {
	if (!r.ok) throw new Error(r.error.code);
	return r.value;
}

const statusOf = (s: Setup) => new Map(s.db.select().from(enrollment).all().map((e) => [e.id, e.status]));

function addTrainee(s: Setup, name: string, seq: number) {
	const r = findOrCreateTrainee(s.db, s.trainer, { name, phone: null, idNumber: idNo(seq), category: 'principal', enterpriseUnitId: s.enterpriseId });
	if (!r.ok) throw new Error(r.error.code);
	return r.value.trainee.id;
}

describe('selfEnroll', () => {
	it('gives seats up to the capacity, then waiting places in order', () => {
		const s = setup(2);
		const outcomes = s.learners.slice(0, 4).map((l, i) => enrolled(selfEnroll(s.db, l, s.sessionId, T0 + i)));
		expect(outcomes.map((o) => [o.status, o.waitingPlace])).toEqual([
			['enrolled', null],
			['enrolled', null],
			['waiting', 1],
			['waiting', 2]
		]);
		expect(getSession(s.db, s.sessionId)).toMatchObject({ enrolled: 2, waiting: 2 });
		const rows = s.db.select().from(enrollment).all();
		expect(rows.map((r) => r.source)).toEqual(['self', 'self', 'self', 'self']);
		expect(new Set(rows.map((r) => r.position)).size).toBe(4);
	});

	it('makes the learner’s trainee row from the account and audits the enrolment', () => {
		const s = setup(2);
		const o = enrolled(selfEnroll(s.db, s.learners[0], s.sessionId, T0));
		expect(s.db.select().from(trainee).where(eq(trainee.id, o.traineeId)).get()).toMatchObject({ name: '张伟', userId: s.learners[0], category: 'other' });
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.enroll')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorId: s.learners[0], entity: 'enrollment', entityId: String(o.enrollmentId), at: T0 });
		expect(JSON.parse(audit[0].after!)).toMatchObject({ sessionId: s.sessionId, traineeId: o.traineeId, status: 'enrolled', source: 'self' });
	});

	it('refuses a second enrolment of the same learner, seated or waiting', () => {
		const s = setup(1);
		enrolled(selfEnroll(s.db, s.learners[0], s.sessionId));
		const waiting = enrolled(selfEnroll(s.db, s.learners[1], s.sessionId));
		expect(selfEnroll(s.db, s.learners[0], s.sessionId)).toEqual({ ok: false, error: { code: 'training.already_enrolled' } });
		expect(selfEnroll(s.db, s.learners[1], s.sessionId)).toEqual({ ok: false, error: { code: 'training.already_enrolled' } });
		expect(trainerEnroll(s.db, s.trainer, s.sessionId, waiting.traineeId)).toEqual({ ok: false, error: { code: 'training.already_enrolled' } });
		expect(s.db.select().from(enrollment).all()).toHaveLength(2);
	});

	it.each([
		['planned', []],
		['running', ['running']],
		['ended', ['running', 'ended']],
		['cancelled', ['cancelled']]
	] as const)('refuses while the session is %s', (_, steps) => {
		const s = setup(2, _ === 'planned' ? 'planned' : 'enrolling');
		for (const step of steps) setStatus(s.db, s.trainer, s.sessionId, step);
		expect(selfEnroll(s.db, s.learners[0], s.sessionId)).toEqual({ ok: false, error: { code: 'training.not_enrolling' } });
		expect(s.db.select().from(enrollment).all()).toEqual([]);
		expect(s.db.select().from(trainee).all()).toEqual([]);
	});

	it('refuses an unknown session and an account without a 人员类别', () => {
		const s = setup();
		expect(selfEnroll(s.db, s.learners[0], 99)).toEqual({ ok: false, error: { code: 'training.not_found' } });
		s.db.update(user).set({ staffCategory: null }).where(eq(user.id, s.learners[1])).run();
		expect(selfEnroll(s.db, s.learners[1], s.sessionId)).toEqual({ ok: false, error: { code: 'trainee.category_missing' } });
	});
});

describe('trainerEnroll', () => {
	it('adds trainees while the session is planned or running, by the same seat rules; not once it has ended', () => {
		const s = setup(1, 'planned');
		const a = addTrainee(s, '赵敏', 1);
		const b = addTrainee(s, '钱进', 2);
		expect(trainerEnroll(s.db, s.trainer, s.sessionId, a)).toMatchObject({ ok: true, value: { status: 'enrolled', waitingPlace: null } });
		setStatus(s.db, s.trainer, s.sessionId, 'enrolling');
		setStatus(s.db, s.trainer, s.sessionId, 'running');
		expect(trainerEnroll(s.db, s.trainer, s.sessionId, b)).toMatchObject({ ok: true, value: { status: 'waiting', waitingPlace: 1 } });
		setStatus(s.db, s.trainer, s.sessionId, 'ended');
		expect(trainerEnroll(s.db, s.trainer, s.sessionId, addTrainee(s, '孙立', 3))).toEqual({ ok: false, error: { code: 'training.session_closed' } });
		expect(s.db.select().from(enrollment).all().map((e) => e.source)).toEqual(['trainer', 'trainer']);
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'training.enroll')).all().map((a) => a.actorId)).toEqual([s.trainer, s.trainer]);
	});

	it('refuses an unknown trainee', () => {
		const s = setup();
		expect(trainerEnroll(s.db, s.trainer, s.sessionId, 404)).toEqual({ ok: false, error: { code: 'trainee.not_found' } });
	});
});

describe('enrollNewTrainee', () => {
	it('registers a person and enrols them; the same ID number again is the same person, already enrolled', () => {
		const s = setup(2);
		const input = { name: '周杰', idNumber: idNo(9), phone: null, category: 'special_operator' as const, enterpriseUnitId: s.enterpriseId };
		const r = enrollNewTrainee(s.db, s.trainer, s.sessionId, input);
		expect(r).toMatchObject({ ok: true, value: { status: 'enrolled' } });
		expect(enrollNewTrainee(s.db, s.trainer, s.sessionId, { ...input, name: '周 杰' })).toEqual({ ok: false, error: { code: 'training.already_enrolled' } });
		expect(s.db.select().from(trainee).all()).toHaveLength(1);
		expect(enrollmentStatusOf(s.db, s.sessionId, [r.ok ? r.value.traineeId : 0, 999])).toEqual(new Map([[r.ok ? r.value.traineeId : 0, 'enrolled']]));
	});

	it('writes nothing when the ID number is wrong or the roster is closed', () => {
		const s = setup(2);
		expect(enrollNewTrainee(s.db, s.trainer, s.sessionId, { name: '周杰', idNumber: '110105194912310021', category: 'other' })).toEqual({ ok: false, error: { code: 'id.checksum' } });
		setStatus(s.db, s.trainer, s.sessionId, 'cancelled');
		expect(enrollNewTrainee(s.db, s.trainer, s.sessionId, { name: '周杰', idNumber: idNo(9), category: 'other' })).toEqual({ ok: false, error: { code: 'training.session_closed' } });
		expect(s.db.select().from(trainee).all()).toEqual([]);
		expect(s.db.select().from(enrollment).all()).toEqual([]);
	});
});

describe('cancelEnrollment', () => {
	function full(s: Setup) {
		return s.learners.slice(0, 4).map((l, i) => enrolled(selfEnroll(s.db, l, s.sessionId, T0 + i)));
	}

	it('gives the freed seat to the first waiting learner and says who it was', () => {
		const s = setup(2);
		const [a, , c, d] = full(s);
		const r = cancelEnrollment(s.db, s.learner(0), a.enrollmentId, {}, T0 + 10);
		expect(r).toEqual({ ok: true, value: { promoted: [{ enrollmentId: c.enrollmentId, traineeId: c.traineeId, name: '刘洋', userId: s.learners[2] }] } });
		const st = statusOf(s);
		expect(st.get(a.enrollmentId)).toBe('cancelled');
		expect(st.get(c.enrollmentId)).toBe('enrolled');
		expect(st.get(d.enrollmentId)).toBe('waiting');
		expect(listRoster(s.db, s.sessionId, { status: 'waiting' }, s.staff).rows.map((x) => [x.name, x.waitingPlace])).toEqual([['陈静', 1]]);
	});

	it('audits the withdrawal and the promotion', () => {
		const s = setup(1);
		const [a, b] = full(s);
		cancelEnrollment(s.db, s.staff, a.enrollmentId, { reason: '临时出差' }, T0 + 10);
		const cancelRow = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.enroll_cancel')).get()!;
		expect(cancelRow).toMatchObject({ actorId: s.trainer, entityId: String(a.enrollmentId), reason: '临时出差', at: T0 + 10 });
		expect(JSON.parse(cancelRow.before!)).toEqual({ status: 'enrolled' });
		const promoteRow = s.db.select().from(auditLog).where(eq(auditLog.action, 'training.promote')).get()!;
		expect(promoteRow).toMatchObject({ actorId: s.trainer, entity: 'enrollment', entityId: String(b.enrollmentId) });
	});

	it('promotes nobody when a waiting learner withdraws, and the queue closes up', () => {
		const s = setup(2);
		const [, , c, d] = full(s);
		expect(cancelEnrollment(s.db, s.learner(2), c.enrollmentId)).toEqual({ ok: true, value: { promoted: [] } });
		expect(statusOf(s).get(d.enrollmentId)).toBe('waiting');
		expect(myEnrollments(s.db, s.learners[3])[0]).toMatchObject({ status: 'waiting', waitingPlace: 1 });
	});

	it('lets learners withdraw only their own enrolment, and only before the session runs', () => {
		const s = setup(2);
		const [a, b] = full(s);
		expect(cancelEnrollment(s.db, s.learner(1), a.enrollmentId)).toEqual({ ok: false, error: { code: 'training.cancel_forbidden' } });
		setStatus(s.db, s.trainer, s.sessionId, 'running');
		expect(cancelEnrollment(s.db, s.learner(0), a.enrollmentId)).toEqual({ ok: false, error: { code: 'training.cancel_closed' } });
		expect(cancelEnrollment(s.db, s.staff, b.enrollmentId).ok).toBe(true);
		expect(cancelEnrollment(s.db, s.staff, b.enrollmentId)).toEqual({ ok: false, error: { code: 'training.not_enrolled' } });
		setStatus(s.db, s.trainer, s.sessionId, 'ended');
		expect(cancelEnrollment(s.db, { id: s.admin, roles: ['admin'] }, a.enrollmentId)).toEqual({ ok: false, error: { code: 'training.session_closed' } });
		expect(cancelEnrollment(s.db, s.staff, 999)).toEqual({ ok: false, error: { code: 'training.enrollment_not_found' } });
		expect(cancelEnrollment(s.db, s.staff, a.enrollmentId, { sessionId: s.sessionId + 1 })).toEqual({ ok: false, error: { code: 'training.enrollment_not_found' } });
		expect(statusOf(s).get(a.enrollmentId)).toBe('enrolled');
	});

	it('lets a learner enrol again after withdrawing, at the back of the queue', () => {
		const s = setup(1);
		const [a] = full(s).slice(0, 1);
		cancelEnrollment(s.db, s.learner(0), a.enrollmentId);
		const again = enrolled(selfEnroll(s.db, s.learners[0], s.sessionId));
		expect(again).toMatchObject({ enrollmentId: a.enrollmentId, status: 'waiting', waitingPlace: 3 });
	});
});

describe('capacity increase', () => {
	it('promotes waiting learners in order', () => {
		const s = setup(1);
		const outcomes = s.learners.slice(0, 4).map((l) => enrolled(selfEnroll(s.db, l, s.sessionId)));
		const r = updateSession(s.db, s.trainer, s.sessionId, sessionInput(2));
		expect(r).toEqual({ ok: true, value: { promoted: [outcomes[1].traineeId] } });
		expect(outcomes.map((o) => statusOf(s).get(o.enrollmentId))).toEqual(['enrolled', 'enrolled', 'waiting', 'waiting']);
	});
});

describe('listRoster', () => {
	function roster() {
		const s = setup(2);
		const ids = [addTrainee(s, '张伟', 1), addTrainee(s, '王芳', 2), addTrainee(s, '赵文', 3), addTrainee(s, '孙立', 4)];
		const outs = ids.map((t) => {
			const r = trainerEnroll(s.db, s.trainer, s.sessionId, t);
			if (!r.ok) throw new Error(r.error.code);
			return r.value;
		});
		cancelEnrollment(s.db, s.staff, outs[1].enrollmentId);
		return { ...s, ids, outs };
	}

	it('lists seats, then the waiting list, with masked ID numbers for a trainer and whole ones for an admin', () => {
		const s = roster();
		const asTrainer = listRoster(s.db, s.sessionId, {}, s.staff);
		expect(asTrainer.total).toBe(3);
		expect(asTrainer.rows.map((r) => [r.name, r.status, r.waitingPlace])).toEqual([
			['张伟', 'enrolled', null],
			['赵文', 'enrolled', null],
			['孙立', 'waiting', 1]
		]);
		expect(asTrainer.rows[0]).toMatchObject({ idNumber: `361***********${idNo(1).slice(-4)}`, enterpriseName: '广丰钢铁有限公司', category: 'principal', source: 'trainer' });
		const asAdmin = listRoster(s.db, s.sessionId, {}, { id: s.admin, roles: ['admin'] });
		expect(asAdmin.rows[0].idNumber).toBe(idNo(1));
	});

	it('filters by status, searches by pinyin initials and pages', () => {
		const s = roster();
		expect(listRoster(s.db, s.sessionId, { status: 'cancelled' }, s.staff).rows.map((r) => r.name)).toEqual(['王芳']);
		expect(listRoster(s.db, s.sessionId, { status: 'all' }, s.staff).total).toBe(4);
		expect(listRoster(s.db, s.sessionId, { query: 'zw' }, s.staff).rows.map((r) => r.name)).toEqual(['张伟', '赵文']);
		expect(listRoster(s.db, s.sessionId, { query: '孙' }, s.staff).rows.map((r) => r.name)).toEqual(['孙立']);
		const p2 = listRoster(s.db, s.sessionId, { page: 2, pageSize: 2 }, s.staff);
		expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
		expect(p2.rows.map((r) => r.name)).toEqual(['孙立']);
		const q2 = listRoster(s.db, s.sessionId, { query: 'zw', page: 2, pageSize: 1 }, s.staff);
		expect([q2.total, q2.rows.map((r) => r.name)]).toEqual([2, ['赵文']]);
	});
});

describe('myEnrollments', () => {
	it('lists the learner’s own enrolments with their waiting place and whether they may still withdraw', () => {
		const s = setup(1);
		expect(myEnrollments(s.db, s.learners[0])).toEqual([]);
		enrolled(selfEnroll(s.db, s.learners[0], s.sessionId));
		enrolled(selfEnroll(s.db, s.learners[1], s.sessionId));
		expect(myEnrollments(s.db, s.learners[1])).toEqual([expect.objectContaining({ sessionId: s.sessionId, status: 'waiting', waitingPlace: 1, sessionStatus: 'enrolling', canCancel: true })]);
		setStatus(s.db, s.trainer, s.sessionId, 'running');
		expect(myEnrollments(s.db, s.learners[0])).toEqual([expect.objectContaining({ status: 'enrolled', waitingPlace: null, canCancel: false })]);
	});
});

describe('audit', () => {
	it('leaves one audit row per write, in order, each with its actor', () => {
		const s = setup(1, 'planned');
		setStatus(s.db, s.trainer, s.sessionId, 'enrolling');
		const a = enrolled(selfEnroll(s.db, s.learners[0], s.sessionId));
		const b = enrollNewTrainee(s.db, s.trainer, s.sessionId, { name: '周杰', idNumber: idNo(9), category: 'other' });
		expect(b).toMatchObject({ ok: true, value: { status: 'waiting' } });
		cancelEnrollment(s.db, s.learner(0), a.enrollmentId);
		updateSession(s.db, s.trainer, s.sessionId, sessionInput(3));
		const rows = s.db.select().from(auditLog).all();
		expect(rows.map((r) => [r.action, r.actorId])).toEqual([
			['training.session_create', s.trainer],
			['training.session_status', s.trainer],
			['training.trainee_create', s.learners[0]],
			['training.enroll', s.learners[0]],
			['training.trainee_create', s.trainer],
			['training.enroll', s.trainer],
			['training.enroll_cancel', s.learners[0]],
			['training.promote', s.learners[0]],
			['training.session_update', s.trainer]
		]);
	});
});
