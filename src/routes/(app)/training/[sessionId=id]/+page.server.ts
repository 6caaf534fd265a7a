import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { choice, echoValues, optionalId, optionalText, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { listEnterprises } from '$lib/server/unit/units';
import { getSession, setStatus, STATUS_TRANSITIONS, TRAINING_STATUSES } from '$lib/server/training/sessions';
import { present, searchTrainees } from '$lib/server/training/trainees';
import { cancelEnrollment, enrollmentStatusOf, enrollNewTrainee, listRoster, ROSTER_STATUSES, trainerEnroll } from '$lib/server/training/enrollment';
import { STAFF_CATEGORIES } from '$lib/domain/roles';
import { errorText, trainingStatusLabels } from '$lib/i18n/zh';

const PAGE_SIZE = 20;
const ADD_RESULTS = 10;

const filterSchema = z.object({
	q: z.string().trim().max(64).catch(''),
	status: z.enum(ROSTER_STATUSES).catch('active'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	add: z.string().trim().max(64).catch('')
});

const statusSchema = z.object({ to: choice('状态', TRAINING_STATUSES), reason: optionalText('原因', 200) });
const enrollSchema = z.object({ traineeId: requiredId('学员') });
const cancelSchema = z.object({ enrollmentId: requiredId('报名记录'), reason: optionalText('原因', 200) });
const newTraineeSchema = z.object({
	name: requiredText('姓名', 50),
	idNumber: optionalText('身份证号', 40),
	phone: optionalText('手机号', 40),
	category: choice('人员类别', STAFF_CATEGORIES),
	enterpriseUnitId: optionalId('所在企业'),
	position: optionalText('岗位', 32)
});

/** What every action answers: one line of success or failure, and the new-trainee form's problems. */
interface ActionResult {
	ok: string | null;
	error: string | null;
	addErrors: Record<string, string>;
	addValues: Record<string, string>;
}
const done = (ok: string): ActionResult => ({ ok, error: null, addErrors: {}, addValues: {} });
const refused = (status: number, message: string, more: Partial<ActionResult> = {}) => fail(status, { ok: null, error: message, addErrors: {}, addValues: {}, ...more } satisfies ActionResult);

const STATUS_DONE = { enrolling: '已开放报名', running: '培训已开始', ended: '培训已结束', cancelled: '本期培训已取消', planned: '' } as const;

function sessionIdOf(params: { sessionId: string }) {
	return Number(params.sessionId);
}

/** Where a refusal of the new-trainee form belongs. */
function traineeField(code: string): string {
	if (code.startsWith('id.') || code === 'trainee.identity_required') return 'idNumber';
	if (code.startsWith('phone.')) return 'phone';
	if (code.startsWith('trainee.name')) return 'name';
	if (code === 'trainee.enterprise_not_found') return 'enterpriseUnitId';
	return '_form';
}

export const load: PageServerLoad = ({ params, url }) => {
	const user = requireRole('trainer', 'admin');
	const db = getDb();
	const sessionId = sessionIdOf(params);
	const found = getSession(db, sessionId);
	if (!found) error(404, '未找到该培训期次');
	const p = url.searchParams;
	const filter = filterSchema.parse({ q: p.get('q') ?? '', status: p.get('status') || 'active', page: p.get('page') ?? 1, add: p.get('add') ?? '' });
	const roster = listRoster(db, sessionId, { status: filter.status, query: filter.q, page: filter.page, pageSize: PAGE_SIZE }, user);
	const added = filter.add ? searchTrainees(db, filter.add, { limit: ADD_RESULTS }) : { total: 0, rows: [] };
	const statuses = enrollmentStatusOf(db, sessionId, added.rows.map((r) => r.id));
	const candidates = added.rows.map((r) => {
		const shown = present(r, user);
		return { id: r.id, name: r.name, idNumber: shown.idNumber, phone: shown.phone, enterpriseName: r.enterpriseName, category: r.category, status: statuses.get(r.id) ?? null };
	});
	const { session } = found;
	return {
		session: {
			id: session.id,
			title: session.title,
			startDate: session.startDate,
			endDate: session.endDate,
			venue: session.venue,
			audience: session.audience,
			instructors: session.instructors,
			capacity: session.capacity,
			passMark: session.passMark,
			status: session.status,
			year: session.year,
			yearSeq: session.yearSeq
		},
		organizerName: found.organizerName,
		regionName: found.regionName,
		slots: found.slots.map((s) => ({ id: s.id, date: s.date, startTime: s.startTime, endTime: s.endTime, hours: s.hours })),
		enrolled: found.enrolled,
		waiting: found.waiting,
		plannedHours: found.plannedHours,
		nextStatuses: STATUS_TRANSITIONS[session.status],
		rosterOpen: session.status === 'planned' || session.status === 'enrolling' || session.status === 'running',
		filter,
		roster,
		candidates,
		candidateTotal: added.total,
		enterprises: filter.add ? listEnterprises(db).map((e) => ({ value: e.id, label: e.name })) : []
	};
};

export const actions: Actions = {
	status: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const parsed = parseForm(statusSchema, await request.formData());
		if (!parsed.ok) return refused(400, Object.values(parsed.errors)[0]);
		const r = setStatus(getDb(), user.id, sessionIdOf(params), parsed.data.to, parsed.data.reason);
		if (!r.ok) return refused(r.error.code === 'training.not_found' ? 404 : 409, errorText(r.error));
		return done(STATUS_DONE[parsed.data.to] || `状态已改为“${trainingStatusLabels[parsed.data.to]}”`);
	},

	enroll: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const parsed = parseForm(enrollSchema, await request.formData());
		if (!parsed.ok) return refused(400, Object.values(parsed.errors)[0]);
		const r = trainerEnroll(getDb(), user.id, sessionIdOf(params), parsed.data.traineeId);
		if (!r.ok) return refused(409, errorText(r.error));
		return done(r.value.status === 'enrolled' ? '已加入名单' : `名额已满，已加入候补名单第 ${r.value.waitingPlace} 位`);
	},

	addTrainee: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const parsed = parseForm(newTraineeSchema, formData);
		if (!parsed.ok) return refused(400, '请按提示修改新学员信息', { addErrors: parsed.errors, addValues: parsed.values });
		const r = enrollNewTrainee(getDb(), user.id, sessionIdOf(params), parsed.data);
		if (!r.ok) {
			const message = errorText(r.error);
			return refused(409, message, { addErrors: { [traineeField(r.error.code)]: message }, addValues: echoValues(formData) });
		}
		return done(r.value.status === 'enrolled' ? '已登记并加入名单' : `已登记；名额已满，已加入候补名单第 ${r.value.waitingPlace} 位`);
	},

	cancel: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const parsed = parseForm(cancelSchema, await request.formData());
		if (!parsed.ok) return refused(400, Object.values(parsed.errors)[0]);
		const r = cancelEnrollment(getDb(), user, parsed.data.enrollmentId, { reason: parsed.data.reason, sessionId: sessionIdOf(params) });
		if (!r.ok) return refused(409, errorText(r.error));
		const names = r.value.promoted.map((p) => p.name).join('、');
		return done(names ? `已取消报名；候补学员 ${names} 已转为正式报名` : '已取消报名');
	}
};
