// Hostile input into every form of the app. For each route with form actions (read from src/routes), the
// page is fetched as a user the form is for, its post forms are read from the HTML (plus the forms the page
// only shows in a dialog or a later step, listed in HIDDEN), and each field gets the values of
// tests/fixtures/hostile-corpus.ts (oversize, wrong type, script-bearing, confusable, …) while the other
// fields keep what the page filled in; route parameters get an unknown id or hostile text. Every answer must
// be no 500. A refusal must carry a Chinese message (not just the echo of what was sent) and leave the
// database exactly as it was (fingerprint of every table but sessions, login failures and the audit log).
// An acceptance may not store a value the field may not hold (oversize, a file as text, script in a number
// or id …), and free text it stores must not be cut short or altered. Once more without JavaScript, with
// script in every field: the page that comes back shows it as text.
// Runs on a private server (tests/fixtures/private-server.ts) so that no other spec's writes get in the way.
import { expect, test, type Page } from '@playwright/test';
import { acceptance, hostileValuesFor, storedText, ALL_HOSTILE_VALUES, type FieldClass, type HostileValue } from '../../fixtures/hostile-corpus';
import { changedTables, usePrivateServer, type Written } from '../../fixtures/private-server';
import { actionName, chineseMessages, parsePage, postJson, routePattern, signedIn, sourceActions, type Client, type FormField, type ParsedForm } from './app-map';

test.describe.configure({ mode: 'default' });

const server = usePrivateServer('hostile-forms');
let ids: Record<string, number | string>;
/** A blank page whose DOMParser reads the forms of the pages fetched. */
let parser: Page;
const clients = new Map<string, Client>();

/** Where each route's forms are, and who may use them. */
interface Target {
	as: string | null;
	urls: (ids: Record<string, number | string>) => string[];
}

const TARGETS: Record<string, Target> = {
	'(app)/account': { as: 'learner4', urls: () => ['/account'] },
	'(app)/admin/laws': { as: 'admin', urls: () => ['/admin/laws'] },
	'(app)/admin/units': { as: 'admin', urls: () => ['/admin/units'] },
	'(app)/admin/units/[unitId=id]': { as: 'admin', urls: (i) => [`/admin/units/${i.unit}`] },
	'(app)/admin/users/[userId=id]': { as: 'admin', urls: (i) => [`/admin/users/${i.learner3}`, `/admin/users/${i.disabledUser}`] },
	'(app)/admin/users/new': { as: 'admin', urls: () => ['/admin/users/new'] },
	'(app)/bank/[questionId=id]': { as: 'trainer', urls: (i) => [`/bank/${i.question}`] },
	'(app)/bank/categories': { as: 'trainer', urls: () => ['/bank/categories'] },
	'(app)/bank/import': { as: 'trainer', urls: () => ['/bank/import'] },
	'(app)/bank/new': { as: 'trainer', urls: () => ['/bank/new'] },
	'(app)/checkin/[slotId=id]/[code]': { as: 'learner1', urls: (i) => [`/checkin/${i.slot}/WRONGCODE`] },
	'(app)/courses/[courseId=id]/edit': { as: 'trainer', urls: (i) => [`/courses/${i.course}/edit`] },
	'(app)/courses/[courseId=id]/lessons/[lessonId=id]': { as: 'learner1', urls: (i) => [`/courses/${i.course}/lessons/${i.lesson}`] },
	'(app)/courses/[courseId=id]/lessons/[lessonId=id]/edit': { as: 'trainer', urls: (i) => [`/courses/${i.course}/lessons/${i.lesson}/edit`] },
	'(app)/courses/new': { as: 'trainer', urls: () => ['/courses/new'] },
	'(app)/documents': { as: 'officer1', urls: () => ['/documents'] },
	'(app)/documents/[id=id]': { as: 'officer1', urls: (i) => [`/documents/${i.practice}`] },
	'(app)/drills/[drillId=id]': { as: 'trainer', urls: (i) => [`/drills/${i.drill}`, `/drills/${i.pendingDrill}`] },
	'(app)/drills/[drillId=id]/rescore': { as: 'trainer', urls: (i) => [`/drills/${i.drill}/rescore`] },
	'(app)/drills/[drillId=id]/settings': { as: 'trainer', urls: (i) => [`/drills/${i.pendingDrill}/settings`] },
	'(app)/drills/[drillId=id]/sheet/[stageId=id]': { as: 'officer1', urls: (i) => [`/drills/${i.drill}/sheet/${i.hazardStage}`, `/drills/${i.drill}/sheet/${i.documentStage}`] },
	'(app)/drills/[drillId=id]/theory/[stageId=id]': { as: 'officer1', urls: (i) => [`/drills/${i.drill}/theory/${i.theoryStage}`] },
	'(app)/drills/new': { as: 'trainer', urls: () => ['/drills/new'] },
	'(app)/judging/[drillId=id]': { as: 'judge1', urls: (i) => [`/judging/${i.drill}`] },
	'(app)/judging/[drillId=id]/documents': { as: 'judge1', urls: (i) => [`/judging/${i.drill}/documents`] },
	'(app)/laws/check': { as: 'officer1', urls: () => ['/laws/check'] },
	'(app)/my-training': { as: 'learner1', urls: () => ['/my-training'] },
	'(app)/quiz/[quizId=id]': { as: 'learner4', urls: (i) => [`/quiz/${i.quiz}`] },
	'(app)/quiz/attempt/[attemptId=id]': { as: 'learner1', urls: (i) => [`/quiz/attempt/${i.running}`] },
	'(app)/quizzes/[quizId=id]': { as: 'trainer', urls: (i) => [`/quizzes/${i.quiz}`] },
	'(app)/quizzes/[quizId=id]/attempts': { as: 'trainer', urls: (i) => [`/quizzes/${i.quiz}/attempts`] },
	'(app)/quizzes/new': { as: 'trainer', urls: () => ['/quizzes/new'] },
	'(app)/scenarios': { as: 'trainer', urls: () => ['/scenarios'] },
	'(app)/scenarios/[scenarioId=id]': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}`] },
	'(app)/scenarios/[scenarioId=id]/areas': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/areas`] },
	'(app)/scenarios/[scenarioId=id]/areas/[areaKey]': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/areas/${i.area}`] },
	'(app)/scenarios/[scenarioId=id]/areas/[areaKey]/[itemKey]': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/areas/${i.area}/${i.item}`] },
	'(app)/scenarios/[scenarioId=id]/documents': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/documents`] },
	'(app)/scenarios/[scenarioId=id]/procedure': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/procedure`] },
	'(app)/scenarios/[scenarioId=id]/questions': { as: 'trainer', urls: (i) => [`/scenarios/${i.scenario}/questions`] },
	'(app)/training/[sessionId=id]': { as: 'trainer', urls: (i) => [`/training/${i.session}`, `/training/${i.session}?add=${encodeURIComponent(String(i.traineeName))}`] },
	'(app)/training/[sessionId=id]/attendance': { as: 'trainer', urls: (i) => [`/training/${i.session}/attendance`] },
	'(app)/training/[sessionId=id]/certificates': { as: 'trainer', urls: (i) => [`/training/${i.endedSession}/certificates`] },
	'(app)/training/[sessionId=id]/import': { as: 'trainer', urls: (i) => [`/training/${i.session}/import`] },
	'(app)/training/new': { as: 'trainer', urls: () => ['/training/new'] },
	'(public)/login': { as: null, urls: () => ['/login'] },
	'(public)/register': { as: null, urls: () => ['/register'] },
	'(public)/verify/[number]': { as: null, urls: () => ['/verify/X'] },
	logout: { as: 'judge2', urls: () => ['/account'] }
};

/**
 * Forms the server-rendered page does not contain (they appear in a dialog, after another step, or in a
 * state the page is not in): their fields as the page would send them, from the route's source.
 */
type Ids = Record<string, number | string>;
const HIDDEN: Record<string, Record<string, (ids: Ids) => Record<string, string>>> = {
	// Confirmation dialogs (the form is rendered when the dialog opens).
	'(app)/admin/units/[unitId=id]': { delete: () => ({}) },
	'(app)/admin/users/[userId=id]': { disable: () => ({}), enable: () => ({}) },
	'(app)/bank/[questionId=id]': { delete: () => ({}) },
	'(app)/bank/categories': { delete: (i) => ({ id: String(i.category) }) },
	'(app)/courses/[courseId=id]/edit': { delete: () => ({}), deleteLesson: (i) => ({ lessonId: String(i.lesson) }), detachQuiz: (i) => ({ quizId: String(i.courseQuiz) }) },
	'(app)/documents/[id=id]': { prefill: () => ({}), delete: () => ({}) },
	'(app)/quizzes/[quizId=id]': { delete: () => ({}) },
	'(app)/quizzes/[quizId=id]/attempts': { regrade: () => ({ reason: '安全测试' }) },
	'(app)/scenarios/[scenarioId=id]': { publish: () => ({}) },
	'(app)/scenarios/[scenarioId=id]/areas': { remove: (i) => ({ areaKey: String(i.area) }) },
	'(app)/scenarios/[scenarioId=id]/areas/[areaKey]': { removeImage: () => ({}), remove: () => ({}) },
	'(app)/scenarios/[scenarioId=id]/areas/[areaKey]/[itemKey]': { remove: () => ({}) },
	'(app)/scenarios/[scenarioId=id]/documents': { remove: (i) => ({ key: String(i.scenarioDocument) }) },
	'(app)/scenarios/[scenarioId=id]/procedure': { remove: (i) => ({ list: 'steps', key: String(i.procedureStep) }) },
	'(app)/scenarios/[scenarioId=id]/questions': { remove: (i) => ({ key: String(i.scenarioQuestion) }) },
	'(app)/training/[sessionId=id]': { cancel: (i) => ({ enrollmentId: String(i.sessionEnrollment), reason: '安全测试' }) },
	'(app)/training/[sessionId=id]/certificates': { revoke: (i) => ({ number: String(i.certificate), reason: '安全测试' }) },
	'(app)/my-training': { enroll: (i) => ({ sessionId: String(i.session) }), cancel: (i) => ({ enrollmentId: String(i.learnerEnrollment) }) },
	// Sent by the page's script (check-in as soon as the page opens; submitting a quiz or a sheet from its toolbar).
	'(app)/checkin/[slotId=id]/[code]': { default: () => ({}) },
	'(app)/quiz/attempt/[attemptId=id]': { submit: () => ({}) },
	'(app)/drills/[drillId=id]/sheet/[stageId=id]': { submit: () => ({}) },
	// The drill's controls are confirmation dialogs too. Pausing and ending are tried on the drill that has
	// not started (the running one must stay open for the sheet and judging forms after it).
	'(app)/drills/[drillId=id]': {
		close: (i) => ({ stageId: String(i.hazardStage) }),
		unlock: (i) => ({ stageId: String(i.conductStage), reason: '安全测试' }),
		pause: (i) => ({ '@url': `/drills/${i.pendingDrill}`, reason: '安全测试' }),
		end: (i) => ({ '@url': `/drills/${i.pendingDrill}` }),
		resume: () => ({}),
		openDebrief: () => ({}),
		closeDebrief: () => ({}),
		freeze: () => ({}),
		reveal: () => ({}),
		renewLink: () => ({})
	},
	'(app)/drills/[drillId=id]/settings': { reset: () => ({}) },
	'(app)/judging/[drillId=id]': { lock: (i) => ({ stageId: String(i.conductStage) }) },
	// A later step: the rescore confirmation after a preview, certificates after attendance, an import after its check.
	'(app)/drills/[drillId=id]/rescore': { rescore: (i) => ({ versionId: String(i.scenarioVersion), reason: '安全测试' }) },
	'(app)/training/[sessionId=id]/attendance': { issue: () => ({}) },
	'(app)/training/[sessionId=id]/import': { import: () => ({ token: 'a'.repeat(32) }) }
};

/** Free-text fields of the hidden forms. */
const FREE_TEXT = /^reason$/;

/** Field classes the page cannot tell: text inputs that hold numbers, codes or ids. */
const CONSTRAINED_TEXT = /^(hours|score:\d+|phone|idNumber|hotspot[XY])$/;

function fieldClass(f: FormField): FieldClass {
	if (f.type === 'file') return 'file';
	if (f.type === 'checkbox' && f.value === 'on') return 'presence';
	if (['text', 'textarea', 'search', 'password'].includes(f.type) && !CONSTRAINED_TEXT.test(f.name)) return 'text';
	return 'constrained';
}

/**
 * What the base submission holds in a field: the page's value, or for an empty required field a plausible
 * one, so that a refusal is about the hostile field and not about an empty one. Optional fields stay as the
 * page has them (empty), as a user would leave them.
 */
function benign(f: FormField): string | null {
	if (f.value !== '' || (!f.required && f.type !== 'file')) return f.value;
	switch (f.type) {
		case 'number':
			return f.min ?? '1';
		case 'date':
			return '2026-12-01';
		case 'time':
			return '09:00';
		case 'datetime-local':
			return '2026-12-01T09:00';
		case 'tel':
			return '13800000000';
		case 'email':
			return 'test@example.cn';
		case 'password':
			return 'Hostile-Pass-2026';
		case 'select-one':
			return f.options.find((o) => o !== '') ?? '';
		case 'file':
			return null;
		default:
			return '安全测试';
	}
}

type Entry = [string, string | { file: { name: string; type: string; body: string } }];

/** The base submission: what the page holds, with plausible values in empty fields. */
function baseEntries(fields: FormField[]): Entry[] {
	const out: Entry[] = [];
	const radioSeen = new Set<string>();
	for (const f of fields) {
		if (f.type === 'radio') {
			if (radioSeen.has(f.name)) continue;
			const group = fields.filter((g) => g.name === f.name && g.type === 'radio');
			radioSeen.add(f.name);
			out.push([f.name, (group.find((g) => g.checked) ?? group[0]).value]);
			continue;
		}
		if (f.type === 'checkbox' && !f.checked) continue;
		const v = benign(f);
		if (v !== null) out.push([f.name, v]);
	}
	return out;
}

function withValue(base: Entry[], name: string, v: HostileValue): Entry[] {
	const others = base.filter(([n]) => n !== name);
	const at = Math.max(0, base.findIndex(([n]) => n === name));
	const mine: Entry[] = v.value === null ? [] : Array.isArray(v.value) ? v.value.map((x) => [name, x] as Entry) : [[name, v.value]];
	return [...others.slice(0, at), ...mine, ...others.slice(at)];
}

function formData(entries: Entry[]): FormData {
	const fd = new FormData();
	for (const [name, v] of entries) {
		if (typeof v === 'string') fd.append(name, v);
		else fd.append(name, new Blob([v.file.body], { type: v.file.type }), v.file.name);
	}
	return fd;
}

const norm = (x: string) => x.trim().toLowerCase();

/** Did the post write `text` into the database (as a value or inside one)? Case-insensitive: user names are stored in lower case. */
function wrote(written: Written[], text: string, exact: boolean): boolean {
	const t = norm(text);
	const escaped = norm(JSON.stringify(text.trim()).slice(1, -1));
	return written.some(({ value }) => {
		if (typeof value === 'number') return String(value) === text.trim();
		if (typeof value !== 'string') return false;
		const v = norm(value);
		return exact ? v === t || v === escaped : v.includes(t) || v.includes(escaped);
	});
}

/** What an accepted post must not have stored, for a value no field may hold. */
function needleOf(v: HostileValue): { text: string; exact: boolean } | null {
	if (v.value === null) return null;
	if (typeof v.value === 'object' && !Array.isArray(v.value)) return { text: '[object File]', exact: false };
	const text = storedText(v)!;
	if (v.kind === 'oversize') return { text: text.slice(0, 100), exact: false };
	return { text, exact: text.length < 8 };
}

const problems: string[] = [];
let posts = 0;

/** Posts one hostile submission and checks the answer and the database. */
async function probe(client: Client, form: ParsedForm, entries: Entry[], what: string, v: HostileValue, field: FieldClass): Promise<void> {
	const before = server.watch.snapshot();
	const out = await postJson(client, form.action, formData(entries));
	posts++;
	const after = server.watch.snapshot();
	const changed = changedTables(before.hashes, after.hashes);
	const where = `${new URL(form.action).pathname}${new URL(form.action).search} ${what} ← ${v.kind} (${v.label}) as ${client.username ?? 'anonymous'}`;
	if (process.env.HOSTILE_DEBUG) console.log(`${where}: ${out.http} ${out.kind} ${changed.join(',')} ${out.strings.filter((x) => x.length < 80).join(' | ').slice(0, 300)}`);
	if (out.http >= 500) {
		problems.push(`${where}: HTTP ${out.http} ${out.strings.join(' ').slice(0, 200)}`);
		return;
	}
	const refused = out.kind === 'failure' || out.kind === 'error' || (out.http >= 400 && out.http < 500);
	if (refused) {
		const sent = entries.map(([, x]) => (typeof x === 'string' ? x : x.file.name));
		if (chineseMessages(out, sent).length === 0) problems.push(`${where}: refused (${out.http} ${out.kind}) without a Chinese message`);
		if (changed.length) problems.push(`${where}: refused but changed ${changed.join(', ')}`);
		return;
	}
	// Accepted (success or redirect): the field took the value, or ignored it (a button's value, a field of
	// another kind of item). Either way nothing may be stored that the field may not hold.
	if (changed.length === 0) return;
	const written = server.watch.written(before, after);
	const rule = acceptance(v, field);
	if (rule === 'never') {
		const needle = needleOf(v);
		if (needle && wrote(written, needle.text, needle.exact)) problems.push(`${where}: accepted and stored it (${changed.join(', ')})`);
		if (process.env.HOSTILE_DEBUG) console.log(`${where}: accepted; wrote ${JSON.stringify(written.slice(0, 6)).slice(0, 400)}`);
	} else if (rule === 'verbatim') {
		const text = storedText(v);
		if (text && text.trim().length >= 10 && !wrote(written, text, false) && wrote(written, text.trim().slice(0, 10), false)) {
			problems.push(`${where}: accepted, but stored altered or cut short (${changed.join(', ')})`);
		}
	}
}

/**
 * The form once more as a browser without JavaScript posts it, with script in every field: no 500, and the
 * page it gets back (which shows the values again) shows them as text, not markup.
 */
async function probeHtml(client: Client, form: ParsedForm, entries: Entry[], what: string): Promise<void> {
	const before = server.watch.snapshot();
	const res = await client.post(form.action, formData(entries), 'html');
	const html = await res.text();
	posts++;
	const where = `${new URL(form.action).pathname}${new URL(form.action).search} ${what} (no-JS post)`;
	if (res.status >= 500) problems.push(`${where}: HTTP ${res.status}`);
	if (/<img src=x onerror|<svg\/onload|<script>alert/i.test(html)) problems.push(`${where}: the answer carries the markup unescaped`);
	if (res.status >= 400 && changedTables(before.hashes, server.watch.snapshot().hashes).length) problems.push(`${where}: refused but changed the database`);
}

const SCRIPT = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

/** Hostile route parameters: an id nobody has, and script, oversize and confusable text where a key is expected. */
const PARAM_VALUES: HostileValue[] = [
	{ kind: 'script', label: 'script in a route parameter', value: '<script>alert(1)</script>', text: 'never', constrained: 'never' },
	{ kind: 'oversize', label: '3000 characters in a route parameter', value: 'k'.repeat(3000), text: 'never', constrained: 'never' },
	{ kind: 'confusable', label: 'Cyrillic in a route parameter', value: 'аrea\u202E', text: 'never', constrained: 'never' }
];
const UNKNOWN_ID: HostileValue = { kind: 'number-edge', label: 'an id nobody has', value: '999999999', text: 'never', constrained: 'never' };

function paramVariants(route: string, action: string): { action: string; v: HostileValue; param: string }[] {
	const url = new URL(action);
	const segments = route.split('/').filter((x) => !/^\(.*\)$/.test(x));
	const path = url.pathname.split('/').slice(1);
	const out: { action: string; v: HostileValue; param: string }[] = [];
	segments.forEach((seg, i) => {
		const m = /^\[([^\]=]+)(=id)?\]$/.exec(seg);
		if (!m) return;
		for (const v of m[2] ? [UNKNOWN_ID] : PARAM_VALUES) {
			const p = [...path];
			p[i] = encodeURIComponent(v.value as string);
			out.push({ action: `${url.origin}/${p.join('/')}${url.search}`, v, param: m[1] });
		}
	});
	return out;
}

/** Field names that repeat per row (score:17, team0Name, ruleCount…) are probed once. */
const shape = (name: string) => name.replace(/\d+/g, '#');

async function client(as: string | null): Promise<Client> {
	const key = as ?? '';
	if (!clients.has(key)) clients.set(key, await signedIn(server.app.baseURL, as));
	return clients.get(key)!;
}

test.beforeAll(async ({ browser }) => {
	parser = await browser.newPage();
	const { app, watch } = server;
	const one = <T>(sql: string, ...p: unknown[]) => watch.all<Record<string, T>>(sql, ...p)[0];
	const userId = (u: string) => one<number>('select id from user where username = ?', u).id;
	const session = one<number>("select id from training_session where status = 'enrolling' order by id desc").id;
	ids = {
		...Object.fromEntries(Object.entries(app.ids).filter(([, v]) => typeof v === 'number')),
		hazardStage: app.ids.stages.hazard,
		documentStage: app.ids.stages.document,
		theoryStage: app.ids.stages.theory,
		conductStage: app.ids.stages.conduct,
		unit: one<number>('select id from unit where parent_id is not null order by id desc').id,
		learner3: userId('learner3'),
		disabledUser: userId('learner2'),
		question: one<number>("select id from question where status = 'active' order by id").id,
		course: one<number>("select id from course where status = 'published' and audience is null order by id").id,
		quiz: one<number>("select q.id from quiz q where q.status = 'published' and q.id not in (select quiz_id from drill_stage where quiz_id is not null) order by q.id").id,
		scenario: one<number>('select id from scenario order by id').id,
		session,
		slot: one<number>('select id from session_slot where session_id = ? order by id', session).id,
		endedSession: one<number>("select session_id as id from training_certificate order by id desc").id,
		traineeName: one<string>("select name from trainee where id not in (select trainee_id from enrollment where session_id = ?) order by id", session).name
	};
	ids.lesson = one<number>('select id from lesson where course_id = ? order by id', ids.course).id;
	ids.courseQuiz = one<number>('select quiz_id as id from course_quiz where course_id = ?', ids.course).id;
	ids.category = one<number>('select id from question_category order by id desc').id;
	ids.scenarioVersion = one<number>('select id from scenario_version where scenario_id = ? order by id desc', ids.scenario).id;
	ids.sessionEnrollment = one<number>("select id from enrollment where session_id = ? and status = 'enrolled' order by id", session).id;
	ids.learnerEnrollment = one<number>(
		"select e.id from enrollment e join trainee t on t.id = e.trainee_id join user u on u.id = t.user_id where u.username = 'learner1' and e.session_id = ?",
		session
	).id;
	ids.certificate = one<string>('select number from training_certificate where session_id = ? and revoked_at is null', ids.endedSession).number;
	const draft = JSON.parse(one<string>('select draft from scenario where id = ?', ids.scenario).draft) as {
		areas: { key: string; items: { key: string }[] }[];
		documents: { key: string }[];
		questions: { key: string }[];
		procedure: { steps: { key: string }[] };
	};
	const area = draft.areas.find((a) => a.items.length > 0)!;
	ids.area = area.key;
	ids.item = area.items[0].key;
	ids.scenarioDocument = draft.documents[0].key;
	ids.scenarioQuestion = draft.questions[0].key;
	ids.procedureStep = draft.procedure.steps[0].key;
});


test('the corpus reaches every value of each required kind', () => {
	const used = new Set<HostileValue>();
	for (let n = 0; n < 50; n++) for (const c of ['text', 'constrained', 'file'] as const) for (const long of [false, true]) hostileValuesFor(c, n, long).forEach((v) => used.add(v));
	expect(ALL_HOSTILE_VALUES.filter((v) => !used.has(v)).map((v) => v.label)).toEqual([]);
	for (const c of ['text', 'constrained'] as const) {
		for (const kind of ['oversize', 'wrong-type', 'script', 'confusable']) expect(hostileValuesFor(c, 7).some((v) => v.kind === kind), `${c} ${kind}`).toBe(true);
	}
});

let fieldNo = 0;

for (const { route, actions } of sourceActions()) {
	test(`${route}: every form refuses hostile values with a Chinese message and no write`, async () => {
		problems.length = 0;
		const target = TARGETS[route];
		expect(target, `no target page for ${route} in TARGETS`).toBeDefined();
		const c = await client(target.as);
		const pattern = routePattern(route);
		const forms = new Map<string, ParsedForm>();
		for (const url of target.urls(ids)) {
			const res = await c.get(url);
			expect(res.status, `GET ${url}`).toBe(200);
			const { forms: found } = await parsePage(parser, await res.text(), new URL(url, server.app.baseURL).href);
			for (const f of found) {
				if (!pattern.test(new URL(f.action).pathname)) continue;
				const key = `${actionName(f.action)} ${[...new Set(f.fields.map((x) => shape(x.name)))].sort().join(',')}`;
				if (!forms.has(key)) forms.set(key, f);
			}
		}
		for (const [action, make] of Object.entries(HIDDEN[route] ?? {})) {
			const { '@url': at, ...fields } = make(ids);
			const url = new URL(at ?? target.urls(ids)[0], server.app.baseURL);
			const entries = Object.entries(fields).map(([name, value]) => ({ name, type: FREE_TEXT.test(name) ? 'text' : 'hidden', value, checked: true, options: [], min: null, required: true, button: false }));
			forms.set(`${action} hidden`, { action: `${url.origin}${url.pathname}${action === 'default' ? '' : `?/${action}`}`, multipart: false, fields: entries });
		}
		const covered = new Set([...forms.values()].map((f) => actionName(f.action)));
		expect(actions.filter((a) => !covered.has(a)), `actions of ${route} without a form`).toEqual([]);

		const paramsDone = new Set<string>();
		for (const form of forms.values()) {
			const base = baseEntries(form.fields);
			const probed = new Set<string>();
			for (const f of form.fields) {
				if (probed.has(shape(f.name))) continue;
				probed.add(shape(f.name));
				const cls = fieldClass(f);
				const n = fieldNo++;
				for (const v of hostileValuesFor(cls, n, f.type === 'textarea')) await probe(c, form, withValue(base, f.name, v), `field ${f.name}`, v, cls);
			}
			const scripted = base.map(([name, v]): Entry => [name, typeof v === 'string' && !form.fields.some((f) => f.name === name && f.button) ? SCRIPT : v]);
			if (scripted.length) await probeHtml(c, form, scripted, 'every field');
			if (paramsDone.has(form.action)) continue;
			paramsDone.add(form.action);
			for (const { action, v, param } of paramVariants(route, form.action)) await probe(c, { ...form, action }, base, `route parameter ${param}`, v, 'constrained');
		}
		expect(problems).toEqual([]);
	});
}

test.afterAll(() => {
	console.log(`hostile-forms: ${posts} posts`);
});
