import { expect } from '@playwright/test';
import { DEMO_SCENARIOS } from '../../../src/lib/server/seed/demo-scenarios';
import { STANDALONE_QUIZZES, THEORY_QUIZ } from '../../../src/lib/server/seed/quiz-content';
import { opaqueId } from '../../../src/lib/domain/scenario/officer-view';
import { LAW_CATALOG } from '../../../src/lib/domain/law/catalog';
import { Client, readDb } from './http';
import type { Fixture, Role } from './matrix';

/**
 * The data the matrix runs on, made through the app's own forms (as the trainer, the admin and the
 * users would), never written into the database from here. Accounts are new and their names carry a run
 * id, so that nothing another spec does to the demo accounts (lockouts, password changes, drills)
 * reaches them, and a second run against the same server does not collide.
 */
const RUN = Date.now().toString(36);
const PASSWORD = `acl-Matrix-${RUN}`;

type Account = 'learner' | 'learner2' | 'officerA' | 'officerB' | 'officerC' | 'judge' | 'judge2' | 'trainer' | 'admin' | 'victim';
const ACCOUNTS: Record<Account, { roles: string[]; learner?: boolean }> = {
	learner: { roles: ['learner'], learner: true },
	learner2: { roles: ['learner'], learner: true },
	officerA: { roles: ['officer'] },
	officerB: { roles: ['officer'] },
	officerC: { roles: ['officer'] },
	judge: { roles: ['judge'] },
	judge2: { roles: ['judge'] },
	trainer: { roles: ['trainer'] },
	admin: { roles: ['admin'] },
	victim: { roles: ['learner'], learner: true }
};

export interface World {
	fx: Fixture;
	/** One client per matrix role (anonymous has no cookie). */
	as: Record<Role, Client>;
	/** Accounts outside the matrix roles: the other learner, the officer of drill B, the judge of drill B. */
	learner2: Client;
	officerC: Client;
	judge2: Client;
	/** User ids of every account made here. */
	ids: Record<Account, number>;
	/** A note only 甲队 wrote, and the refs of one hazard item in drills A and B. */
	secretA: string;
	refA: string;
	refB: string;
	rubricKeys: string[];
	enrollmentOfOther: number;
}

const pathId = (location: string | null, re: RegExp) => {
	const m = re.exec(location ?? '');
	if (!m) throw new Error(`unexpected redirect ${location}`);
	return Number(m[1]);
};

async function ok(p: Promise<{ status: number; location: string | null; text: string }>, status: number, what: string) {
	const r = await p;
	expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBe(status);
	return r;
}

export async function buildWorld(): Promise<World> {
	const demo = readDb((db) => ({
		enterprise: (db.prepare(`select id from unit where kind = 'enterprise' order by id limit 1`).get() as { id: number }).id,
		province: (db.prepare(`select id from unit where parent_id is null order by id limit 1`).get() as { id: number }).id,
		versions: db.prepare('select id, scenario_id as scenarioId, salt from scenario_version where number = 1 order by scenario_id').all() as { id: number; scenarioId: number; salt: string }[],
		quizzes: db.prepare('select id, title from quiz').all() as { id: number; title: string }[],
		question: (db.prepare('select id from question where version = 1 order by id limit 1').get() as { id: number }).id,
		session: db.prepare(`select s.id as sessionId, min(x.id) as slotId from training_session s join session_slot x on x.session_id = s.id where s.status = 'running' group by s.id order by s.id limit 1`).get() as { sessionId: number; slotId: number },
		other: db
			.prepare(
				`select e.id as enrollmentId, c.number as certificate from user u join trainee t on t.user_id = u.id
				 join enrollment e on e.trainee_id = t.id and e.status = 'enrolled' join training_session s on s.id = e.session_id and s.status = 'enrolling'
				 join training_certificate c on c.trainee_id = t.id where u.username = 'learner1' limit 1`
			)
			.get() as { enrollmentId: number; certificate: string }
	}));
	const quizId = (title: string) => demo.quizzes.find((q) => q.title === title)!.id;

	// Accounts, made by the demo admin through 新建用户.
	const demoAdmin = await Client.login('admin');
	const ids = {} as Record<Account, number>;
	await Promise.all(
		(Object.keys(ACCOUNTS) as Account[]).map(async (key) => {
			const a = ACCOUNTS[key];
			const r = await ok(
				demoAdmin.postForm('/admin/users/new', {
					username: `acl-${RUN}-${key}`.toLowerCase(),
					password: PASSWORD,
					displayName: `矩阵${key}`,
					roles: a.roles,
					unitId: a.learner ? String(demo.enterprise) : '',
					staffCategory: a.learner ? 'other' : ''
				}),
				303,
				`create ${key}`
			);
			ids[key] = pathId(r.location, /\/admin\/users\/(\d+)/);
		})
	);
	const clients = Object.fromEntries(
		await Promise.all((Object.keys(ACCOUNTS) as Account[]).map(async (k) => [k, await Client.login(`acl-${RUN}-${k}`.toLowerCase(), PASSWORD)] as const))
	) as Record<Account, Client>;
	const { trainer } = clients;

	// Drill A on demo scenario 1: 甲队 (officerA) and 乙队 (officerB), judged by `judge`; every kind of stage.
	const [v1, v2] = demo.versions;
	const drillForm = (title: string, versionId: number, stages: Record<string, number>, teams: [string, number][], judge: number, theoryQuiz?: number) => {
		const form: Record<string, string | string[]> = {
			title,
			organizer: '上饶市应急管理局',
			venue: '上饶市应急指挥中心',
			startDate: '2026-11-29',
			endDate: '2026-11-29',
			scenarioVersionId: String(versionId),
			judgeIds: String(judge),
			chiefJudgeId: String(judge)
		};
		for (const [kind, weight] of Object.entries(stages)) Object.assign(form, { [`${kind}Include`]: 'on', [`${kind}Title`]: kind, [`${kind}Weight`]: String(weight), [`${kind}Minutes`]: '120' });
		if (theoryQuiz) Object.assign(form, { theoryQuizId: String(theoryQuiz), theoryMode: 'team' });
		teams.forEach(([name, member], i) => Object.assign(form, { [`team${i}Name`]: name, [`team${i}Members`]: String(member) }));
		return form;
	};
	const drillA = pathId(
		(
			await ok(
				trainer.postForm(
					'/drills/new',
					drillForm(`权限矩阵比武A-${RUN}`, v1.id, { theory: 20, hazard: 40, procedure: 20, document: 10, conduct: 10 }, [['甲队', ids.officerA], ['乙队', ids.officerB]], ids.judge, quizId(THEORY_QUIZ.title))
				),
				303,
				'create drill A'
			)
		).location,
		/\/drills\/(\d+)$/
	);
	const drillB = pathId(
		(await ok(trainer.postForm('/drills/new', drillForm(`权限矩阵比武B-${RUN}`, v2.id, { hazard: 50, conduct: 50 }, [['丙队', ids.officerC]], ids.judge2)), 303, 'create drill B')).location,
		/\/drills\/(\d+)$/
	);
	const rows = readDb((db) => ({
		stages: db.prepare('select id, drill_id as drillId, kind, rubric from drill_stage where drill_id in (?, ?)').all(drillA, drillB) as { id: number; drillId: number; kind: string; rubric: string | null }[],
		teams: db.prepare('select id, name from team where drill_id in (?, ?)').all(drillA, drillB) as { id: number; name: string }[],
		token: (db.prepare('select public_token as t from drill where id = ?').get(drillA) as { t: string }).t
	}));
	const stage = (drill: number, kind: string) => rows.stages.find((s) => s.drillId === drill && s.kind === kind)!.id;
	const team = (name: string) => rows.teams.find((t) => t.name === name)!.id;
	// 现场检查 and 文明执法 run in both drills; 理论考试, 执法程序 and 文书制作 of drill A have not started.
	for (const [drill, kind] of [
		[drillA, 'hazard'],
		[drillA, 'conduct'],
		[drillB, 'hazard'],
		[drillB, 'conduct']
	] as const)
		await ok(trainer.postForm(`/drills/${drill}?/open`, { stageId: String(stage(drill, kind)) }), 200, `open ${kind} of ${drill}`);
	const rubricKeys = (JSON.parse(rows.stages.find((s) => s.id === stage(drillB, 'conduct'))!.rubric!) as { key: string }[]).map((r) => r.key);

	// 甲队 records a hazard with a note nobody else may read; drill B's judge scores 丙队.
	const item = (i: number) => DEMO_SCENARIOS[i].content.areas.flatMap((a) => a.items)[0].key;
	const refA = opaqueId(v1.salt, 'item', item(0));
	const refB = opaqueId(v2.salt, 'item', item(1));
	const secretA = `甲队机密备注${RUN}`;
	const entry = (note: string) => ({ classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note });
	await ok(clients.officerA.postJson(`/api/drills/${drillA}/stages/${stage(drillA, 'hazard')}/entries`, { ref: refA, baseVersion: 0, data: entry(secretA) }), 200, 'save of 甲队');
	await ok(
		clients.judge2.postForm(`/judging/${drillB}?/save`, { stageId: String(stage(drillB, 'conduct')), teamId: String(team('丙队')), ...Object.fromEntries(rubricKeys.map((k) => [`p_${k}`, '1'])) }),
		200,
		'score of drill B’s judge'
	);

	// A practice document of officerC.
	const practice = pathId((await ok(clients.officerC.postForm('/documents?/create', { type: 'inspection_record' }), 303, 'practice document')).location, /\/documents\/(\d+)$/);

	// A course of one lesson, published; learner2 reads it and so completes it (certificate).
	const courseId = pathId((await ok(trainer.postForm('/courses/new', { title: `权限矩阵课程${RUN}`, summary: '', hours: '1', audience: '' }), 303, 'course')).location, /\/courses\/(\d+)\/edit/);
	const lessonId = pathId((await ok(trainer.postForm(`/courses/${courseId}/edit?/addLesson`, { title: '第一课' }), 303, 'lesson')).location, /\/lessons\/(\d+)\/edit/);
	await ok(trainer.postForm(`/courses/${courseId}/lessons/${lessonId}/edit?/save`, { title: '第一课', body: '正文' }), 200, 'lesson body');
	await ok(trainer.postForm(`/courses/${courseId}/edit?/status`, { status: 'published' }), 200, 'publish course');
	await ok(clients.learner2.postForm(`/courses/${courseId}/lessons/${lessonId}?/read`), 200, 'learner2 reads');

	// learner2 takes the stand-alone quiz twice: one attempt submitted, one still open.
	const standalone = quizId(STANDALONE_QUIZZES[0].title);
	const start = async () => pathId((await ok(clients.learner2.postForm(`/quiz/${standalone}?/start`), 303, 'start attempt')).location, /\/quiz\/attempt\/(\d+)$/);
	const submitted = await start();
	await ok(clients.learner2.postForm(`/quiz/attempt/${submitted}?/submit`), 303, 'submit attempt');
	const open = await start();

	const area = DEMO_SCENARIOS[0].content.areas.find((a) => a.items.length > 0)!;
	const documentKey = DEMO_SCENARIOS[0].content.documents[0].key;
	const fx: Fixture = {
		drillA,
		drillB,
		stageA: { theory: stage(drillA, 'theory'), hazard: stage(drillA, 'hazard'), procedure: stage(drillA, 'procedure'), document: stage(drillA, 'document'), conduct: stage(drillA, 'conduct') },
		stageB: { hazard: stage(drillB, 'hazard'), conduct: stage(drillB, 'conduct') },
		teamA: team('甲队'),
		teamB: team('乙队'),
		teamC: team('丙队'),
		boardToken: rows.token,
		documentKey,
		documentViewId: opaqueId(v1.salt, 'document', documentKey),
		scenarioId: v1.scenarioId,
		areaKey: area.key,
		itemKey: area.items[0].key,
		imageId: DEMO_SCENARIOS[0].images[0].id,
		questionId: demo.question,
		closedQuizId: quizId(THEORY_QUIZ.title),
		standaloneQuizId: standalone,
		otherOpenAttempt: open,
		otherSubmittedAttempt: submitted,
		courseId,
		lessonId,
		otherLearnerId: ids.learner2,
		otherPracticeDocument: practice,
		sessionId: demo.session.sessionId,
		slotId: demo.session.slotId,
		unitId: demo.province,
		userId: ids.victim,
		lawId: LAW_CATALOG[0].id,
		certificateNumber: demo.other.certificate
	};
	const as: Record<Role, Client> = {
		anonymous: new Client('anonymous'),
		learner: clients.learner,
		officerA: clients.officerA,
		officerB: clients.officerB,
		judge: clients.judge,
		trainer: clients.trainer,
		admin: clients.admin
	};
	return { fx, as, learner2: clients.learner2, officerC: clients.officerC, judge2: clients.judge2, ids, secretA, refA, refB, rubricKeys, enrollmentOfOther: demo.other.enrollmentId };
}

/**
 * What the matrix's own targets hold, read straight from the database: compared before and after, it shows
 * that no refused request (and no GET) changed anything, including what is not audited (answers, records,
 * progress). Shared demo rows are left out (other specs change them at the same time): a change to them by
 * the matrix's accounts would be audited, and auditBy() catches that.
 */
export function snapshot(w: World): string {
	const { fx, ids } = w;
	const people = Object.values(ids);
	const inList = (n: number) => `(${Array.from({ length: n }, () => '?').join(',')})`;
	return readDb((db) => {
		const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args);
		const drills = [fx.drillA, fx.drillB];
		return JSON.stringify({
			drills: all(`select * from drill where id in (?, ?)`, ...drills),
			stages: all(`select * from drill_stage where drill_id in (?, ?) order by id`, ...drills),
			teams: all(`select * from team_member where drill_id in (?, ?) order by user_id`, ...drills),
			judges: all(`select * from drill_judge where drill_id in (?, ?) order by user_id`, ...drills),
			entries: all(`select * from sheet_entry where stage_id in (select id from drill_stage where drill_id in (?, ?)) order by id`, ...drills),
			submissions: all(`select * from stage_submission where stage_id in (select id from drill_stage where drill_id in (?, ?))`, ...drills),
			scores: all(`select * from judge_score where stage_id in (select id from drill_stage where drill_id in (?, ?)) order by stage_id, team_id, judge_id, rubric_key`, ...drills),
			adjustments: all(`select * from document_adjustment where stage_id in (select id from drill_stage where drill_id in (?, ?))`, ...drills),
			attempts: all(`select * from quiz_attempt where user_id in ${inList(people.length)} order by id`, ...people),
			answers: all(`select * from attempt_answer where attempt_id in (select id from quiz_attempt where user_id in ${inList(people.length)}) order by attempt_id, slot`, ...people),
			course: all(`select * from course where id = ?`, fx.courseId),
			lessons: all(`select * from lesson where course_id = ?`, fx.courseId),
			completions: all(`select * from course_completion where course_id = ? or user_id in ${inList(people.length)}`, fx.courseId, ...people),
			progress: all(`select * from lesson_progress where user_id in ${inList(people.length)}`, ...people),
			practice: all(`select * from practice_document where id = ? or user_id in ${inList(people.length)} order by id`, fx.otherPracticeDocument, ...people),
			users: all(`select * from user where id in ${inList(people.length)} order by id`, ...people),
			roles: all(`select * from user_role where user_id in ${inList(people.length)} order by user_id, role`, ...people),
			sessions: all(`select count(*) as n from session where user_id in ${inList(people.length)}`, ...people),
			trainees: all(`select * from trainee where user_id in ${inList(people.length)}`, ...people),
			enrollments: all(`select * from enrollment where id = ? or trainee_id in (select id from trainee where user_id in ${inList(people.length)})`, w.enrollmentOfOther, ...people)
		});
	});
}

/** Audit records written by the given users after `afterId`. */
export function auditBy(userIds: number[], afterId: number): { id: number; actor_id: number; action: string; entity: string }[] {
	return readDb((db) =>
		db
			.prepare(`select id, actor_id, action, entity from audit_log where id > ? and actor_id in (${userIds.map(() => '?').join(',')}) order by id`)
			.all(afterId, ...userIds) as { id: number; actor_id: number; action: string; entity: string }[]
	);
}

export const lastAuditId = () => readDb((db) => (db.prepare('select max(id) as id from audit_log').get() as { id: number }).id);
