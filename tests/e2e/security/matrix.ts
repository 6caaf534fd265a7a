/**
 * The authorization matrix: every route pattern of src/routes and every form action, with the outcome
 * each role must get. `src/routes/access-matrix.test.ts` (Vitest) checks that this file has an entry for
 * every route, method and action found in the source, and no entry for one that is gone, so a new route
 * without an entry fails `npm test`; `access-matrix.spec.ts` (Playwright) runs it against the e2e server.
 *
 * Outcomes: an HTTP status; 'login' (303 to /login); 'act' for an allowed action that would change
 * something even with an empty form (not posted: the feature's own spec covers it). A GET that redirects
 * elsewhere is 303. Form actions are posted with an empty form, as the pages post them (`use:enhance`, so
 * the status is the action's own): an allowed one answers 400 (or its own refusal, such as 409 for a stage
 * that is not open), a refused one 403, 404 or 'login', and never changes anything.
 *
 * The ids come from `Fixture`, filled by the spec's setup: drill A (teams 甲队 = officerA and 乙队 =
 * officerB, judged by `judge`), drill B (丙队 of another officer, another judge), a practice document of
 * that other officer, quiz attempts and a course certificate of another learner, and demo data.
 */

export const ROLES = ['anonymous', 'learner', 'officerA', 'officerB', 'judge', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Outcome = 200 | 303 | 400 | 403 | 404 | 405 | 409 | 410 | 422 | 'login' | 'act';
export type Row = Record<Role, Outcome>;

/** Ids of the data the matrix runs on (see the spec's setup). */
export interface Fixture {
	drillA: number;
	drillB: number;
	stageA: { theory: number; hazard: number; procedure: number; document: number; conduct: number };
	stageB: { hazard: number; conduct: number };
	teamA: number;
	teamB: number;
	teamC: number;
	boardToken: string;
	/** A document requirement of demo scenario 1, and its opaque id in drill A's officer view. */
	documentKey: string;
	documentViewId: string;
	scenarioId: number;
	areaKey: string;
	itemKey: string;
	imageId: string;
	questionId: number;
	/** The drill's 理论考试 quiz: closed for stand-alone use, so starting it is refused. */
	closedQuizId: number;
	standaloneQuizId: number;
	/** Another learner's open and submitted attempts. */
	otherOpenAttempt: number;
	otherSubmittedAttempt: number;
	courseId: number;
	lessonId: number;
	/** The other learner, who completed `courseId`. */
	otherLearnerId: number;
	/** A practice document of an officer outside the matrix roles. */
	otherPracticeDocument: number;
	sessionId: number;
	slotId: number;
	/** A unit with sub-units (deleting it is refused), and a user the admin may edit. */
	unitId: number;
	userId: number;
	lawId: string;
	certificateNumber: string;
}

type Group = Role | 'all' | 'signedIn' | 'staff' | 'officers' | 'rest';

/**
 * A row from groups: `staff` = trainer + admin, `officers` = officerA + officerB, `signedIn` = every role
 * but anonymous, `all` = everyone; `rest` (default 403) for the others, and anonymous is sent to the login
 * page unless named. A role named alone wins over its group.
 */
export function row(spec: Partial<Record<Group, Outcome>>): Row {
	const groupsOf: Record<Role, Group[]> = {
		anonymous: ['anonymous', 'all'],
		learner: ['learner', 'signedIn', 'all'],
		officerA: ['officerA', 'officers', 'signedIn', 'all'],
		officerB: ['officerB', 'officers', 'signedIn', 'all'],
		judge: ['judge', 'signedIn', 'all'],
		trainer: ['trainer', 'staff', 'signedIn', 'all'],
		admin: ['admin', 'staff', 'signedIn', 'all']
	};
	const out = {} as Row;
	for (const role of ROLES) {
		const hit = groupsOf[role].find((g) => spec[g] !== undefined);
		out[role] = hit ? spec[hit]! : role === 'anonymous' ? 'login' : (spec.rest ?? 403);
	}
	return out;
}

export interface Entry {
	/** The concrete URL the pattern is tried with. */
	url: (f: Fixture) => string;
	/** GET of the page or endpoint. */
	get?: Row;
	/** A GET answered with a server-sent stream (read up to the headers only). */
	stream?: boolean;
	/** POST of a +server.ts endpoint, with this JSON body. */
	post?: { body: (f: Fixture) => unknown; expect: Row };
	/** Form actions of a +page.server.ts, posted with an empty form. */
	actions?: Record<string, Row>;
	note?: string;
}

const staff = (o: Outcome) => row({ staff: o });
const adminOnly = (o: Outcome) => row({ admin: o });
const signedIn = (o: Outcome) => row({ signedIn: o });

export const MATRIX: Record<string, Entry> = {
	'/': { url: () => '/', get: signedIn(303), note: 'goes to the role’s home page' },
	'/account': { url: () => '/account', get: signedIn(200), actions: { password: signedIn(400) } },

	// Admin: the hook refuses every non-admin under /admin, each load and action checks again.
	'/admin': { url: () => '/admin', get: adminOnly(200) },
	'/admin/audit': { url: () => '/admin/audit', get: adminOnly(200) },
	'/admin/laws': { url: () => '/admin/laws', get: adminOnly(200), actions: { import: adminOnly(400) } },
	'/admin/units': { url: () => '/admin/units', get: adminOnly(200), actions: { create: adminOnly(400) } },
	'/admin/units/[unitId=id]': {
		url: (f) => `/admin/units/${f.unitId}`,
		get: adminOnly(200),
		// The unit has sub-units: deleting it is refused (409) and changes nothing.
		actions: { save: adminOnly(400), delete: adminOnly(409) }
	},
	'/admin/users': { url: () => '/admin/users', get: adminOnly(200) },
	'/admin/users/[userId=id]': {
		url: (f) => `/admin/users/${f.userId}`,
		get: adminOnly(200),
		actions: { save: adminOnly(400), disable: adminOnly('act'), enable: adminOnly('act'), resetPassword: adminOnly('act') }
	},
	'/admin/users/new': { url: () => '/admin/users/new', get: adminOnly(200), actions: { default: adminOnly(400) } },

	// 题库: trainers and admins.
	'/bank': { url: () => '/bank', get: staff(200) },
	'/bank/[questionId=id]': {
		url: (f) => `/bank/${f.questionId}`,
		get: staff(200),
		actions: { save: staff(400), status: staff(400), delete: staff('act') }
	},
	'/bank/[questionId=id]/versions/[version=id]': { url: (f) => `/bank/${f.questionId}/versions/1`, get: staff(303), note: 'version 1 is the current one: redirected to the question' },
	'/bank/categories': {
		url: () => '/bank/categories',
		get: staff(200),
		actions: { create: staff(400), rename: staff(400), move: staff(400), delete: staff(400) }
	},
	'/bank/export': { url: () => '/bank/export?format=csv', get: staff(200) },
	'/bank/import': { url: () => '/bank/import', get: staff(200), actions: { check: staff(400), import: staff(400) } },
	'/bank/import/template': { url: () => '/bank/import/template', get: staff(200) },
	'/bank/new': { url: () => '/bank/new', get: staff(200), actions: { default: staff(400) } },
	'/bank/preview': { url: () => '/bank/preview', post: { body: () => ({ stem: '预览' }), expect: staff(200) } },

	// A learner's check-in link; a made-up code is refused without a change.
	'/checkin/[slotId=id]/[code]': { url: (f) => `/checkin/${f.slotId}/AAAAAAAA`, get: row({ learner: 200 }), actions: { default: row({ learner: 409 }) } },

	// 课程: learners take them, trainers and admins manage them.
	'/courses': { url: () => '/courses', get: row({ learner: 200, staff: 200 }) },
	'/courses/[courseId=id]': { url: (f) => `/courses/${f.courseId}`, get: row({ learner: 200, staff: 200 }) },
	'/courses/[courseId=id]/certificate': {
		url: (f) => `/courses/${f.courseId}/certificate?user=${f.otherLearnerId}`,
		get: row({ learner: 403, staff: 200 }),
		note: 'another learner’s certificate: their own trainers may print it, another learner may not'
	},
	'/courses/[courseId=id]/edit': {
		url: (f) => `/courses/${f.courseId}/edit`,
		get: staff(200),
		actions: {
			save: staff(400),
			status: staff(400),
			delete: staff('act'),
			addLesson: staff(400),
			moveLesson: staff(400),
			deleteLesson: staff(400),
			attachQuiz: staff(400),
			detachQuiz: staff(400),
			moveQuiz: staff(400)
		}
	},
	'/courses/[courseId=id]/lessons/[lessonId=id]': {
		url: (f) => `/courses/${f.courseId}/lessons/${f.lessonId}`,
		get: row({ learner: 200, staff: 200 }),
		actions: { read: row({ learner: 'act' }) }
	},
	'/courses/[courseId=id]/lessons/[lessonId=id]/edit': { url: (f) => `/courses/${f.courseId}/lessons/${f.lessonId}/edit`, get: staff(200), actions: { save: staff(400) } },
	'/courses/new': { url: () => '/courses/new', get: staff(200), actions: { default: staff(400) } },

	// 文书练习: one's own documents only; another officer's looks like one that does not exist.
	'/documents': { url: () => '/documents', get: row({ officers: 200, staff: 200 }), actions: { create: row({ officers: 400, staff: 400 }) } },
	'/documents/[id=id]': {
		url: (f) => `/documents/${f.otherPracticeDocument}`,
		get: row({ officers: 404, staff: 404 }),
		actions: { prefill: row({ officers: 404, staff: 404 }), delete: row({ officers: 404, staff: 404 }) }
	},
	'/documents/[id=id]/print': { url: (f) => `/documents/${f.otherPracticeDocument}/print`, get: row({ officers: 404, staff: 404 }) },
	'/documents/[id=id]/save': {
		url: (f) => `/documents/${f.otherPracticeDocument}/save`,
		post: { body: () => ({ values: {}, baseVersion: 1 }), expect: row({ officers: 404, staff: 404 }) }
	},

	// 比武 management: trainers and admins.
	'/drills': { url: () => '/drills', get: staff(200) },
	'/drills/[drillId=id]': {
		url: (f) => `/drills/${f.drillA}`,
		get: staff(200),
		actions: {
			open: staff(400),
			close: staff(400),
			extend: staff(400),
			openDebrief: staff('act'),
			closeDebrief: staff('act'),
			end: staff('act'),
			pause: staff(400),
			resume: staff(409),
			board: staff(400),
			freeze: staff('act'),
			reveal: staff('act'),
			renewLink: staff('act'),
			rubric: staff(400),
			unlock: staff(400)
		}
	},
	'/drills/[drillId=id]/certificates': { url: (f) => `/drills/${f.drillA}/certificates`, get: staff(200) },
	'/drills/[drillId=id]/debrief': {
		url: (f) => `/drills/${f.drillA}/debrief`,
		get: row({}),
		note: 'the debrief (the key with each team’s answers) is closed: everyone is refused until the trainer opens it (the spec then opens it)'
	},
	'/drills/[drillId=id]/rescore': { url: (f) => `/drills/${f.drillA}/rescore`, get: staff(200), actions: { rescore: staff(400) } },
	'/drills/[drillId=id]/results': { url: (f) => `/drills/${f.drillA}/results`, get: staff(200) },
	'/drills/[drillId=id]/results/csv': { url: (f) => `/drills/${f.drillA}/results/csv`, get: staff(200) },
	'/drills/[drillId=id]/results/xlsx': { url: (f) => `/drills/${f.drillA}/results/xlsx`, get: staff(200) },
	'/drills/[drillId=id]/scoreboard': { url: (f) => `/drills/${f.drillA}/scoreboard`, get: row({ officers: 200, judge: 200, staff: 200 }) },
	'/drills/[drillId=id]/scoreboard/events': { url: (f) => `/drills/${f.drillA}/scoreboard/events`, get: row({ officers: 200, judge: 200, staff: 200 }), stream: true },
	'/drills/[drillId=id]/settings': { url: (f) => `/drills/${f.drillA}/settings`, get: staff(200), actions: { save: staff(400), reset: staff('act') } },
	'/drills/[drillId=id]/sheet/[stageId=id]': {
		// 执法程序 has not started: the sheet shows the countdown, and submitting is refused.
		url: (f) => `/drills/${f.drillA}/sheet/${f.stageA.procedure}`,
		get: row({ officers: 200 }),
		actions: { submit: row({ officers: 409 }) }
	},
	'/drills/[drillId=id]/sheet/[stageId=id]/print/[docId]': {
		url: (f) => `/drills/${f.drillA}/sheet/${f.stageA.document}/print/${f.documentViewId}`,
		get: row({ officers: 200 })
	},
	'/drills/[drillId=id]/theory/[stageId=id]': {
		url: (f) => `/drills/${f.drillA}/theory/${f.stageA.theory}`,
		get: row({ officers: 200 }),
		actions: { start: row({ officers: 409 }) }
	},
	'/drills/new': { url: () => '/drills/new', get: staff(200), actions: { default: staff(400) } },

	// 评分: judges of the drill only.
	'/judging': { url: () => '/judging', get: row({ judge: 200 }) },
	'/judging/[drillId=id]': { url: (f) => `/judging/${f.drillA}`, get: row({ judge: 200 }), actions: { save: row({ judge: 400 }), lock: row({ judge: 400 }) } },
	'/judging/[drillId=id]/documents': { url: (f) => `/judging/${f.drillA}/documents`, get: row({ judge: 200 }), actions: { adjust: row({ judge: 400 }) } },
	'/judging/[drillId=id]/documents/[teamId=id]/[documentKey]': { url: (f) => `/judging/${f.drillA}/documents/${f.teamB}/${f.documentKey}`, get: row({ judge: 200 }) },

	// 法规库: everyone signed in.
	'/laws': { url: () => '/laws', get: signedIn(200) },
	'/laws/[lawId=slug]': { url: (f) => `/laws/${f.lawId}`, get: signedIn(200) },
	'/laws/check': { url: () => '/laws/check', get: signedIn(200), actions: { default: signedIn(400) } },
	'/laws/search': { url: () => '/laws/search?q=%E5%AE%89%E5%85%A8', get: signedIn(200) },

	'/my-drills': { url: () => '/my-drills', get: row({ officers: 200 }) },
	'/my-training': { url: () => '/my-training', get: row({ learner: 200 }), actions: { enroll: row({ learner: 400 }), cancel: row({ learner: 400 }) } },

	// 在线测验: anyone signed in takes quizzes, and only their own attempts exist for them.
	'/quiz': { url: () => '/quiz', get: signedIn(200) },
	'/quiz/[quizId=id]': { url: (f) => `/quiz/${f.closedQuizId}`, get: signedIn(200), actions: { start: signedIn(409) } },
	'/quiz/attempt/[attemptId=id]': {
		url: (f) => `/quiz/attempt/${f.otherOpenAttempt}`,
		get: signedIn(404),
		actions: { submit: signedIn(404) },
		note: 'another learner’s open attempt: nobody else can see or submit it'
	},
	'/quiz/attempt/[attemptId=id]/review': {
		url: (f) => `/quiz/attempt/${f.otherSubmittedAttempt}/review`,
		get: row({ signedIn: 404, staff: 200 }),
		note: 'another learner’s submitted attempt: trainers and admins review it, nobody else'
	},

	// 测验 management.
	'/quizzes': { url: () => '/quizzes', get: staff(200) },
	'/quizzes/[quizId=id]': {
		url: (f) => `/quizzes/${f.standaloneQuizId}`,
		get: staff(200),
		actions: { save: staff(400), status: staff(400), delete: staff('act'), sample: staff(200) }
	},
	'/quizzes/[quizId=id]/attempts': { url: (f) => `/quizzes/${f.standaloneQuizId}/attempts`, get: staff(200), actions: { regrade: staff(400) } },
	'/quizzes/[quizId=id]/stats': { url: (f) => `/quizzes/${f.standaloneQuizId}/stats`, get: staff(200) },
	'/quizzes/new': { url: () => '/quizzes/new', get: staff(200), actions: { default: staff(400) } },

	// 场景 authoring: trainers and admins (the key lives here).
	'/scenarios': { url: () => '/scenarios', get: staff(200), actions: { create: staff(400), import: staff(400) } },
	'/scenarios/[scenarioId=id]': {
		url: (f) => `/scenarios/${f.scenarioId}`,
		get: staff(200),
		actions: { save: staff(400), publish: staff('act'), duplicate: staff('act') }
	},
	'/scenarios/[scenarioId=id]/areas': { url: (f) => `/scenarios/${f.scenarioId}/areas`, get: staff(200), actions: { add: staff(400), move: staff(400), remove: staff(400) } },
	'/scenarios/[scenarioId=id]/areas/[areaKey]': {
		url: (f) => `/scenarios/${f.scenarioId}/areas/${f.areaKey}`,
		get: staff(200),
		actions: { save: staff(400), upload: staff(400), removeImage: staff('act'), addItem: staff(400), remove: staff('act') }
	},
	'/scenarios/[scenarioId=id]/areas/[areaKey]/[itemKey]': {
		url: (f) => `/scenarios/${f.scenarioId}/areas/${f.areaKey}/${f.itemKey}`,
		get: staff(200),
		actions: { save: staff(400), move: staff(400), remove: staff('act') }
	},
	'/scenarios/[scenarioId=id]/check': { url: (f) => `/scenarios/${f.scenarioId}/check`, get: staff(200) },
	'/scenarios/[scenarioId=id]/documents': { url: (f) => `/scenarios/${f.scenarioId}/documents`, get: staff(200), actions: { save: staff(400), remove: staff(400) } },
	'/scenarios/[scenarioId=id]/export': { url: (f) => `/scenarios/${f.scenarioId}/export`, get: staff(200) },
	'/scenarios/[scenarioId=id]/preview': { url: (f) => `/scenarios/${f.scenarioId}/preview`, get: staff(200) },
	'/scenarios/[scenarioId=id]/procedure': {
		url: (f) => `/scenarios/${f.scenarioId}/procedure`,
		get: staff(200),
		actions: { addStep: staff(400), saveStep: staff(400), addDistractor: staff(400), saveDistractor: staff(400), move: staff(400), remove: staff(400), points: staff(400) }
	},
	'/scenarios/[scenarioId=id]/questions': { url: (f) => `/scenarios/${f.scenarioId}/questions`, get: staff(200), actions: { save: staff(400), remove: staff(400) } },

	// 培训登记: trainers and admins; learners see only their own records (/my-training).
	'/training': { url: () => '/training', get: staff(200) },
	'/training/[sessionId=id]': {
		url: (f) => `/training/${f.sessionId}`,
		get: staff(200),
		actions: { status: staff(400), enroll: staff(400), addTrainee: staff(400), cancel: staff(400) }
	},
	'/training/[sessionId=id]/attendance': { url: (f) => `/training/${f.sessionId}/attendance`, get: staff(200), actions: { save: staff('act'), issue: staff('act') } },
	'/training/[sessionId=id]/certificates': { url: (f) => `/training/${f.sessionId}/certificates`, get: staff(200), actions: { revoke: staff(400) } },
	'/training/[sessionId=id]/checkin': { url: (f) => `/training/${f.sessionId}/checkin`, get: staff(200) },
	'/training/[sessionId=id]/checkin/code': { url: (f) => `/training/${f.sessionId}/checkin/code?slot=${f.slotId}`, get: staff(200) },
	'/training/[sessionId=id]/import': { url: (f) => `/training/${f.sessionId}/import`, get: staff(200), actions: { check: staff(400), import: staff(410) } },
	'/training/[sessionId=id]/import/progress': { url: (f) => `/training/${f.sessionId}/import/progress?token=x`, get: staff(200) },
	'/training/[sessionId=id]/import/template': { url: (f) => `/training/${f.sessionId}/import/template`, get: staff(200) },
	// An empty year: the same checks, without the cost of a year of demo statistics.
	'/training/dashboard': { url: () => '/training/dashboard?year=2000', get: staff(200) },
	'/training/dashboard/export': { url: () => '/training/dashboard/export?table=month&year=2000', get: staff(200), note: 'the full ID numbers (?table=short&unmasked=1) are the admin’s: explicit case in the spec' },
	'/training/new': { url: () => '/training/new', get: staff(200), actions: { default: staff(400) } },

	'/workbench': { url: () => '/workbench', get: row({ trainer: 200 }) },

	// Public pages.
	'/login': { url: () => '/login', get: row({ anonymous: 200, signedIn: 303 }), actions: { default: row({ all: 400 }) } },
	'/register': { url: () => '/register', get: row({ anonymous: 200, signedIn: 303 }), actions: { default: row({ all: 400 }) } },
	'/verify/[number]': { url: (f) => `/verify/${f.certificateNumber}`, get: row({ all: 200 }), actions: { default: row({ all: 400 }) } },
	'/board/[token]': { url: (f) => `/board/${f.boardToken}`, get: row({ all: 200 }) },
	'/board/[token]/events': { url: (f) => `/board/${f.boardToken}/events`, get: row({ all: 200 }), stream: true },
	'/logout': {
		url: () => '/logout',
		get: row({ all: 303 }),
		// Logging out is allowed to anyone; posting it would end the matrix's own sessions.
		actions: { default: row({ anonymous: 'login', signedIn: 'act' }) }
	},

	// JSON endpoints of the answer sheets.
	'/api/attempts/[attemptId=id]/answers': {
		url: (f) => `/api/attempts/${f.otherOpenAttempt}/answers`,
		post: { body: () => ({ slot: 0, response: null, flagged: true }), expect: signedIn(404) },
		note: 'another learner’s open attempt'
	},
	'/api/quizzes/[quizId=id]/attempts': {
		url: (f) => `/api/quizzes/${f.closedQuizId}/attempts`,
		post: { body: () => ({}), expect: signedIn(409) },
		note: 'the start button’s request: anyone signed in starts quizzes, and the drill’s 理论考试 is refused to all (as the ?/start action)'
	},
	'/api/drills/[drillId=id]/stages/[stageId=id]/entries': {
		url: (f) => `/api/drills/${f.drillA}/stages/${f.stageA.hazard}/entries`,
		get: row({ officers: 200 }),
		// An item the scenario does not have: refused (422) for the drill's officers, whatever else.
		post: { body: () => ({ ref: 'no-such-item', baseVersion: 0, data: null }), expect: row({ officers: 422 }) }
	},
	'/media/[imageId]': { url: (f) => `/media/${f.imageId}`, get: row({ officers: 200, judge: 200, staff: 200 }), note: 'pictures of a scenario: its authors and the drills’ officers and judges' }
};
