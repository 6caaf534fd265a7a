import { expect, test } from '@playwright/test';
import { DEMO_SCENARIOS } from '../../../src/lib/server/seed/demo-scenarios';
import { MATRIX, ROLES, type Outcome, type Role } from './matrix';
import { routeTree } from './route-tree';
import { outcomeOf, pool, readDb, type Answer } from './http';
import { auditBy, buildWorld, lastAuditId, snapshot, type World } from './setup';

// Issue 9, access control: every route and form action × every role, run against the e2e server (the
// matrix is in matrix.ts; src/routes/access-matrix.test.ts keeps it complete), then the cases that must
// hold by name: one team reading or writing the other's sheet, a judge scoring another drill, a learner
// reading another learner's attempt or certificate, officers reading the key before the debrief.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

let w: World;

test.beforeAll(async () => {
	test.setTimeout(60_000);
	w = await buildWorld();
});

interface Miss {
	role: Role;
	what: string;
	expected: Outcome;
	got: Outcome | number;
	body: string;
}

const bodyOf = (a: Answer) => a.text.replace(/\s+/g, ' ').slice(0, 160);

test('every route and every form action answers every role as the matrix says, and nothing refused changes anything', async () => {
	const before = snapshot(w);
	const auditMark = lastAuditId();
	const misses: Miss[] = [];
	const jobs: (() => Promise<void>)[] = [];
	let notPosted = 0;
	for (const role of ROLES) {
		const client = w.as[role];
		const check = (what: string, expected: Outcome, run: () => Promise<Answer>) => {
			if (expected === 'act') notPosted++;
			else
				jobs.push(async () => {
					const a = await run();
					const got = outcomeOf(a);
					if (got !== expected) misses.push({ role, what, expected, got, body: bodyOf(a) });
				});
		};
		for (const [pattern, e] of Object.entries(MATRIX)) {
			const url = e.url(w.fx);
			if (e.get) check(`GET ${pattern}`, e.get[role], () => client.get(url, { stream: e.stream }));
			if (e.post) check(`POST ${pattern}`, e.post.expect[role], () => client.postJson(url, e.post!.body(w.fx)));
			for (const [name, r] of Object.entries(e.actions ?? {})) {
				const target = name === 'default' ? url : `${url}${url.includes('?') ? '&' : '?'}/${name}`;
				check(`POST ${pattern} ?/${name}`, r[role], () => client.action(target));
			}
		}
	}
	// A few requests at a time: the server (one process) stays responsive for the specs running beside this one.
	await pool(jobs, 6);

	const report = misses.map((m) => `${m.role.padEnd(9)} ${m.what}: expected ${m.expected}, got ${m.got} — ${m.body}`).join('\n');
	expect(misses, `\n${report}\n`).toEqual([]);
	// Refused requests (and GETs) changed nothing, and none of the matrix's accounts wrote an audit record.
	expect(snapshot(w)).toBe(before);
	expect(auditBy(Object.values(w.ids), auditMark)).toEqual([]);
	test.info().annotations.push({
		type: 'access matrix',
		description: `${Object.keys(MATRIX).length} routes, ${jobs.length} requests for ${ROLES.length} roles, ${notPosted} allowed actions not posted`
	});
});

test('no page or endpoint accepts a method it does not declare (405), not even for an admin', async () => {
	const { admin } = w.as;
	const misses: string[] = [];
	const jobs = routeTree().flatMap((r) => {
		const url = MATRIX[r.pattern].url(w.fx).split('?')[0];
		const tries: [string, () => Promise<Answer>][] = [];
		if (r.isPage && r.actions.length === 0) tries.push([`POST ${r.pattern}`, () => admin.postForm(url)]);
		if (!r.isPage && !r.methods.includes('GET')) tries.push([`GET ${r.pattern}`, () => admin.get(url)]);
		if (!r.isPage && !r.methods.includes('POST')) tries.push([`POST ${r.pattern}`, () => admin.postJson(url, {})]);
		return tries.map(([what, run]) => async () => {
			const a = await run();
			// Refused as the client's mistake, not reported as a system error (logged with a stack trace).
			if (a.status !== 405 || a.text.includes('系统错误')) misses.push(`${what}: ${a.status} ${bodyOf(a)}`);
		});
	});
	await pool(jobs, 6);
	expect(misses).toEqual([]);
	expect(jobs.length).toBeGreaterThan(40);
});

test('team A and team B never read or write each other’s sheet, nor another drill’s, whatever ids they put in the URL or the body', async () => {
	const { fx, as, secretA, refA, refB } = w;
	const { officerA, officerB } = as;
	const hazardA = `/api/drills/${fx.drillA}/stages/${fx.stageA.hazard}/entries`;
	const entries = (a: Answer) => (JSON.parse(a.text) as { entries: { ref: string; version: number; data: { note?: string } | null }[] }).entries;

	// 乙队 opens the same sheet as 甲队: its own (empty) records only, in the API, the page and its data.
	const b = await officerB.get(hazardA);
	expect(b.status).toBe(200);
	expect(entries(b)).toEqual([]);
	for (const path of [`/drills/${fx.drillA}/sheet/${fx.stageA.hazard}`, `/drills/${fx.drillA}/sheet/${fx.stageA.hazard}/__data.json`]) {
		const page = await officerB.get(path);
		expect(page.status, path).toBe(200);
		expect(page.text, path).not.toContain(secretA);
	}
	// Writing the item 甲队 recorded, even claiming 甲队's version, writes 乙队's own record; 甲队's stays.
	const stale = await officerB.postJson(hazardA, { ref: refA, baseVersion: 1, data: { classification: 'major', violated: [], penalty: [], measures: [], deadlineDays: null, note: '乙队' } });
	expect(stale.status).toBe(409);
	expect(stale.text).not.toContain(secretA);
	const own = await officerB.postJson(hazardA, { ref: refA, baseVersion: 0, data: { classification: 'major', violated: [], penalty: [], measures: [], deadlineDays: null, note: '乙队自己的记录' } });
	expect(own.status).toBe(200);
	const a = entries(await officerA.get(hazardA));
	expect(a).toHaveLength(1);
	expect(a[0]).toMatchObject({ ref: refA, version: 1, data: { note: secretA, classification: 'general' } });
	expect(JSON.stringify(entries(await officerB.get(hazardA)))).not.toContain(secretA);

	// Drill B: not 甲队's drill. Its sheet, its entries and its submit are refused, with B's ids or mixed ids.
	const before = snapshot(w);
	const hazardB = `/api/drills/${fx.drillB}/stages/${fx.stageB.hazard}/entries`;
	const data = { classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note: '越权写入' };
	expect((await officerA.get(hazardB)).status).toBe(403);
	expect((await officerA.get(`/drills/${fx.drillB}/sheet/${fx.stageB.hazard}`)).status).toBe(403);
	expect((await officerA.postJson(hazardB, { ref: refB, baseVersion: 0, data })).status).toBe(403);
	expect((await officerA.action(`/drills/${fx.drillB}/sheet/${fx.stageB.hazard}?/submit`)).status).toBe(403);
	// Drill A's URL with drill B's stage, and drill B's URL with drill A's stage.
	expect((await officerA.postJson(`/api/drills/${fx.drillA}/stages/${fx.stageB.hazard}/entries`, { ref: refB, baseVersion: 0, data })).status).toBe(404);
	expect((await officerA.get(`/api/drills/${fx.drillA}/stages/${fx.stageB.hazard}/entries`)).status).toBe(404);
	expect([403, 404]).toContain((await officerA.postJson(`/api/drills/${fx.drillB}/stages/${fx.stageA.hazard}/entries`, { ref: refA, baseVersion: 0, data })).status);
	expect([403, 404]).toContain((await officerA.action(`/drills/${fx.drillA}/sheet/${fx.stageB.hazard}?/submit`)).status);
	// The officer of drill B cannot read drill A's sheet, nor submit or start anything in it.
	expect((await w.officerC.get(hazardA)).status).toBe(403);
	expect((await w.officerC.action(`/drills/${fx.drillA}/sheet/${fx.stageA.hazard}?/submit`)).status).toBe(403);
	expect((await w.officerC.action(`/drills/${fx.drillA}/theory/${fx.stageA.theory}?/start`)).status).toBe(403);
	expect((await w.officerC.get(`/drills/${fx.drillA}/sheet/${fx.stageA.document}/print/${fx.documentViewId}`)).status).toBe(403);
	expect(snapshot(w)).toBe(before);
});

test('a judge of drill A cannot score, lock, adjust or read in drill B, with drill B’s ids in the URL or in the form', async () => {
	const { fx, as, rubricKeys } = w;
	const { judge } = as;
	const points = Object.fromEntries(rubricKeys.map((k) => [`p_${k}`, '1']));
	const before = snapshot(w);
	const auditMark = lastAuditId();

	for (const path of [`/judging/${fx.drillB}`, `/judging/${fx.drillB}/documents`, `/judging/${fx.drillB}/documents/${fx.teamC}/${DEMO_SCENARIOS[1].content.documents[0].key}`]) {
		expect((await judge.get(path)).status, path).toBe(403);
	}
	const save = (drill: number, stageId: number, teamId: number) => judge.action(`/judging/${drill}?/save`, { stageId: String(stageId), teamId: String(teamId), ...points });
	expect((await save(fx.drillB, fx.stageB.conduct, fx.teamC)).status, 'score in drill B').toBe(403);
	expect((await judge.action(`/judging/${fx.drillB}?/lock`, { stageId: String(fx.stageB.conduct) })).status, 'lock in drill B').toBe(403);
	expect(
		(await judge.action(`/judging/${fx.drillB}/documents?/adjust`, { stageId: String(fx.stageB.hazard), teamId: String(fx.teamC), documentKey: DEMO_SCENARIOS[1].content.documents[0].key, points: '-1', reason: '越权' })).status,
		'adjust in drill B'
	).toBe(403);
	// Drill A's page (where this judge belongs) with drill B's stage or team in the form.
	expect((await save(fx.drillA, fx.stageB.conduct, fx.teamC)).status, 'drill B’s stage via drill A').toBe(404);
	expect((await save(fx.drillA, fx.stageA.conduct, fx.teamC)).status, 'drill B’s team via drill A').toBe(404);
	expect((await judge.action(`/judging/${fx.drillA}?/lock`, { stageId: String(fx.stageB.conduct) })).status, 'lock drill B’s stage via drill A').toBe(404);
	expect(snapshot(w)).toBe(before);
	expect(auditBy([w.ids.judge], auditMark)).toEqual([]);

	// The same form in the judge's own drill is accepted: the refusals above are about the drill, not the form.
	expect((await save(fx.drillA, fx.stageA.conduct, fx.teamA)).status).toBe(200);
	expect(auditBy([w.ids.judge], auditMark).map((r) => r.action)).toEqual(['drill.judge_score']);
});

test('a learner cannot open, answer or submit another learner’s quiz attempt, nor read its review', async () => {
	const { fx, as, learner2 } = w;
	const { learner, trainer } = as;
	const before = snapshot(w);
	const open = fx.otherOpenAttempt;
	const done = fx.otherSubmittedAttempt;

	for (const path of [`/quiz/attempt/${open}`, `/quiz/attempt/${done}`, `/quiz/attempt/${done}/review`, `/quiz/attempt/${open}/review`]) {
		expect((await learner.get(path)).status, path).toBe(404);
	}
	expect((await learner.postJson(`/api/attempts/${open}/answers`, { slot: 0, response: { kind: 'truefalse', value: true }, flagged: true })).status).toBe(404);
	expect((await learner.action(`/quiz/attempt/${open}?/submit`)).status).toBe(404);
	// Trainers review submitted attempts, but cannot answer or submit a learner's open one either.
	expect((await trainer.get(`/quiz/attempt/${done}/review`)).status).toBe(200);
	expect((await trainer.get(`/quiz/attempt/${open}`)).status).toBe(404);
	expect((await trainer.postJson(`/api/attempts/${open}/answers`, { slot: 0, response: null, flagged: true })).status).toBe(404);
	expect((await trainer.action(`/quiz/attempt/${open}?/submit`)).status).toBe(404);
	expect(snapshot(w)).toBe(before);

	// The owner can: the refusals above are about whose attempt it is.
	expect((await learner2.get(`/quiz/attempt/${open}`)).status).toBe(200);
	expect((await learner2.get(`/quiz/attempt/${done}/review`)).status).toBe(200);
	expect((await learner2.postJson(`/api/attempts/${open}/answers`, { slot: 0, response: null, flagged: true })).status).toBe(200);
});

test('a learner cannot read another learner’s course certificate or training records, nor cancel their enrolment', async () => {
	const { fx, as, learner2 } = w;
	const { learner, trainer, anonymous } = as;
	const number = readDb(
		(db) => (db.prepare('select certificate_number as n from course_completion where user_id = ? and course_id = ?').get(fx.otherLearnerId, fx.courseId) as { n: string }).n
	);
	expect(number).toBeTruthy();
	const other = `/courses/${fx.courseId}/certificate?user=${fx.otherLearnerId}`;
	const refused = await learner.get(other);
	expect(refused.status).toBe(403);
	expect(refused.text).not.toContain(number);
	expect((await learner.get(`/courses/${fx.courseId}/certificate`)).status, 'own, not completed').toBe(404);
	const mine = await learner2.get(`/courses/${fx.courseId}/certificate`);
	expect(mine.status).toBe(200);
	expect(mine.text).toContain(number);
	expect((await trainer.get(other)).text).toContain(number);

	// Training records are the trainers' (a learner has /my-training); full ID numbers are the admin's.
	for (const path of [`/training/${fx.sessionId}`, `/training/${fx.sessionId}/certificates`, `/training/${fx.sessionId}/attendance`, '/training/dashboard/export?table=short']) {
		expect((await learner.get(path)).status, path).toBe(403);
	}
	expect((await trainer.get('/training/dashboard/export?table=short&unmasked=1')).status).toBe(403);
	// Cancelling someone else's enrolment by its id.
	const before = snapshot(w);
	expect((await learner.action('/my-training?/cancel', { enrollmentId: String(w.enrollmentOfOther) })).status).toBe(403);
	expect(snapshot(w)).toBe(before);
	// The public check of a training certificate shows a masked name, never the ID number.
	const person = readDb(
		(db) =>
			db.prepare('select t.name, t.id_number as idNumber from training_certificate c join trainee t on t.id = c.trainee_id where c.number = ?').get(fx.certificateNumber) as {
				name: string;
				idNumber: string;
			}
	);
	const verify = await anonymous.get(`/verify/${fx.certificateNumber}`);
	expect(verify.status).toBe(200);
	expect(verify.text).toContain(fx.certificateNumber);
	expect(verify.text).not.toContain(person.idNumber);
	expect(verify.text).not.toContain(person.name);
});

test('officers get nothing of the key before the debrief opens, and only their own team’s after', async () => {
	const { fx, as, secretA } = w;
	const { officerA, officerB, trainer, judge, learner } = as;
	const content = DEMO_SCENARIOS[0].content;
	const items = content.areas.flatMap((a) => a.items);
	const secrets = [...items.map((i) => i.answer.explanation.slice(0, 20)), ...items.map((i) => `"${i.key}"`), '"decoy"', 'majorCriterion', '"salt"'];
	for (const officer of [officerA, officerB]) {
		for (const path of [
			`/drills/${fx.drillA}/debrief`,
			`/drills/${fx.drillA}/results`,
			`/drills/${fx.drillA}/results/csv`,
			`/drills/${fx.drillA}/results/xlsx`,
			`/drills/${fx.drillA}`,
			`/drills/${fx.drillA}/certificates`,
			`/scenarios/${fx.scenarioId}/preview`,
			`/scenarios/${fx.scenarioId}/export`,
			`/judging/${fx.drillA}`
		]) {
			expect((await officer.get(path)).status, `${officer.name} ${path}`).toBe(403);
		}
		const data = await officer.get(`/drills/${fx.drillA}/debrief/__data.json`);
		for (const s of secrets) expect(data.text, s).not.toContain(s);
		// What they may open while the drill runs carries no key.
		for (const path of [
			`/drills/${fx.drillA}/sheet/${fx.stageA.hazard}`,
			`/drills/${fx.drillA}/sheet/${fx.stageA.hazard}/__data.json`,
			`/api/drills/${fx.drillA}/stages/${fx.stageA.hazard}/entries`,
			`/drills/${fx.drillA}/scoreboard`,
			`/drills/${fx.drillA}/scoreboard/__data.json`,
			`/board/${fx.boardToken}`,
			'/my-drills'
		]) {
			const a = await officer.get(path);
			expect(a.status, path).toBe(200);
			for (const s of secrets) expect(a.text, `${path} must not contain ${s}`).not.toContain(s);
		}
	}

	// Once the trainer opens the debrief: each team sees the key and its own records, never the other team's.
	expect((await trainer.action(`/drills/${fx.drillA}?/openDebrief`)).status).toBe(200);
	const explanation = items.find((i) => i.answer.kind === 'hazard')!.answer.explanation.slice(0, 12);
	const forA = await officerA.get(`/drills/${fx.drillA}/debrief`);
	expect(forA.status).toBe(200);
	expect(forA.text).toContain(explanation);
	const forB = await officerB.get(`/drills/${fx.drillA}/debrief`);
	expect(forB.status).toBe(200);
	expect(forB.text).not.toContain(secretA);
	for (const c of [judge, learner, w.officerC]) expect((await c.get(`/drills/${fx.drillA}/debrief`)).status, c.name).toBe(403);
});
