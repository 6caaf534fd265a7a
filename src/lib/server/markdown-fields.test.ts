/**
 * The XSS corpus of the law library (xss-corpus.ts) through every markdown field the app renders, each by
 * its real path: stored through the use-case that writes it, read back by the module the page's load uses,
 * and rendered as the route renders it (renderMarkdown, or the render function the route passes in).
 *
 * Fields: question stem, explanation and provisions (bank page, version page, quiz attempt, quiz review);
 * course summary and lesson body; scenario enterprise processes and description, area descriptions and item
 * observations (officer sheet and scenario preview), and every text of the drill debrief (observation,
 * 重大事故隐患判定依据, violated and penalty provisions, hazard, decoy, distractor and question explanations);
 * the text checked on /laws/check with the real citation linker.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from './db/test-db';
import type { Db } from './db';
import { questionCategory, scenarioVersion } from './db/schema';
import { renderMarkdown } from './markdown';
import { xssCorpus } from './xss-corpus';
import { findUnsafe } from './xss-oracle';
import { createQuestion, getQuestion, getRevision, updateQuestion } from './quiz/bank';
import { createQuiz, REVIEW_ALL } from './quiz/quizzes';
import { attemptView, reviewView, startAttempt, submitAttempt } from './quiz/attempts';
import { quizInput, mkUser } from './quiz/test-quiz';
import { createCourse, createLesson, setCourseStatus } from './course/courses';
import { courseView, lessonView } from './course/progress';
import { setupDrill } from './drill/test-drill';
import { setDebriefOpen } from './drill/drills';
import { drillDebrief } from './drill/debrief';
import { officerSheet } from './drill/sheets';
import { createCitationLinker } from './law/citation-linker';
import { importLawDataset } from './law/library';
import { readDatasetFile } from './law/dataset-file';
import { officerMarkdown } from '../components/scenario/officer-html';
import { toOfficerView } from '../domain/scenario/officer-view';
import { fixtureScenario } from '../domain/scenario/test-fixture';
import { scenarioContentSchema } from '../domain/scenario/portable-schema';
import type { ScenarioContent } from '../domain/scenario/types';

/**
 * renderMarkdown as the routes call it: their citation links come from the app's law library, here the
 * test database's (with the law fixture), so that citation linking runs over the corpus too.
 */
function renderer(db: Db): (md: string) => string {
	const laws = readDatasetFile('tests/fixtures/laws-fixture.json');
	if (!laws.ok || !importLawDataset(db, null, laws.doc).ok) throw new Error('law fixture');
	const linkCitations = createCitationLinker(db);
	return (md) => (md.trim() ? renderMarkdown(md, { linkCitations }) : '');
}

/** Every string under a key ending in "Html" (or in an array under one), with where it was found. */
function htmlOf(value: unknown, path = ''): [string, string][] {
	if (Array.isArray(value)) return value.flatMap((v, i) => htmlOf(v, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([k, v]) => {
		if (/Html$/.test(k)) return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x, i): [string, string] => [`${path}.${k}${Array.isArray(v) ? `[${i}]` : ''}`, x]);
		return htmlOf(v, `${path}.${k}`);
	});
}

function expectSafe(found: [string, string][], at: string) {
	const problems = found.flatMap(([where, html]) => findUnsafe(html).map((p) => `${at} ${where}: ${p}`));
	expect(problems).toEqual([]);
}

describe('question stems, explanations and provisions', () => {
	const db = createTestDb();
	const trainer = mkUser(db, 'trainer', 'trainer');
	const learner = mkUser(db, 'learner');
	const render = renderer(db);
	const categoryId = db.insert(questionCategory).values({ name: 'XSS' }).returning().get().id;
	const ids = xssCorpus.map(({ markdown }, i) => {
		const r = createQuestion(
			db,
			trainer,
			{
				categoryId,
				status: 'active',
				input: { type: 'single', stem: `${markdown}\n\n第${i}题`, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }], answer: 'A', explanation: markdown, difficulty: 1, provisions: `《中华人民共和国安全生产法》第四十一条 ${markdown}`, tags: '' }
			},
			0
		);
		if (!r.ok) throw new Error(`${xssCorpus[i].name}: ${JSON.stringify(r)}`);
		return r.value.id;
	});
	// A second version, so that the version page has the first one to show.
	for (const id of ids) {
		const q = getQuestion(db, id)!;
		updateQuestion(db, trainer, id, { categoryId, input: { type: 'single', stem: `${q.stem} 改`, options: q.options, answer: 'A', explanation: q.explanation, difficulty: 1, provisions: q.provisions, tags: '' } });
	}

	it('are stored as written', () => {
		xssCorpus.forEach(({ markdown }, i) => expect(getQuestion(db, ids[i])!.explanation).toBe(markdown.trim()));
	});

	it.each(xssCorpus.map((c, i) => [c.name, i] as const))('%s: the bank and version pages render them safely', (_name, i) => {
		const q = getQuestion(db, ids[i])!;
		const old = getRevision(db, ids[i], 1)!;
		expectSafe(
			[
				['stem', render(q.stem)],
				['explanation', render(q.explanation)],
				['provisions', render(q.provisions)],
				['v1 stem', render(old.stem)],
				['v1 explanation', render(old.explanation)],
				['v1 provisions', render(old.provisions)]
			],
			'bank'
		);
	});

	it('the quiz attempt and its review render every one of them safely', () => {
		const quiz = createQuiz(db, trainer, quizInput({ rules: [{ categoryId, difficulty: null, count: ids.length, points: 1 }], attemptsAllowed: 1, reviewAfterSubmit: REVIEW_ALL }, categoryId), 'published');
		if (!quiz.ok) throw new Error(quiz.error.code);
		const attempt = startAttempt(db, learner, quiz.value.id);
		if (!attempt.ok) throw new Error(attempt.error.code);
		const view = attemptView(db, learner, attempt.value.attemptId, render);
		if (!view.ok) throw new Error(view.error.code);
		expect(view.value.questions).toHaveLength(ids.length);
		expectSafe(htmlOf(view.value), 'attempt');
		expect(submitAttempt(db, learner, attempt.value.attemptId).ok).toBe(true);
		const review = reviewView(db, { id: learner, isStaff: false }, attempt.value.attemptId, render);
		if (!review.ok) throw new Error(review.error.code);
		const html = htmlOf(review.value);
		// Stems and explanations of every question.
		expect(html.length).toBeGreaterThanOrEqual(2 * ids.length);
		expectSafe(html, 'review');
	});
});

describe('course summaries and lesson bodies', () => {
	const db = createTestDb();
	const trainer = mkUser(db, 'trainer', 'trainer');
	const learner = mkUser(db, 'learner');
	const viewer = { id: learner, roles: ['learner'] as const };
	const render = renderer(db);

	it.each(xssCorpus.map((c) => [c.name, c.markdown] as const))('%s', (_name, markdown) => {
		const course = createCourse(db, trainer, { title: '课程', summary: markdown, hours: 1, audience: null });
		if (!course.ok) throw new Error(course.error.code);
		const lesson = createLesson(db, trainer, course.value.id, { title: '课时', body: markdown });
		if (!lesson.ok) throw new Error(lesson.error.code);
		expect(setCourseStatus(db, trainer, course.value.id, 'published').ok).toBe(true);
		const c = courseView(db, viewer, course.value.id)!;
		const l = lessonView(db, viewer, course.value.id, lesson.value.id)!;
		expect(c.course.summary.trim()).toBe(markdown.trim());
		expect(l.lesson.body.trim()).toBe(markdown.trim());
		expectSafe(
			[
				['summary', render(c.course.summary)],
				['lesson body', render(l.lesson.body)]
			],
			'course'
		);
	});
});

/** Puts `md` into every markdown field of the fixture scenario. */
function scenarioWith(md: string): ScenarioContent {
	const c = fixtureScenario();
	c.enterprise.processes = md;
	c.enterprise.description = md;
	for (const a of c.areas) {
		a.description = md;
		for (const i of a.items) {
			i.observation = md;
			if (i.answer.kind === 'hazard') {
				i.answer.explanation = md;
				i.answer.majorCriterion = md.slice(0, 200);
				i.answer.violated = [md.slice(0, 300)];
				i.answer.penalty = [md.slice(0, 300)];
			} else i.answer.explanation = md;
		}
	}
	for (const d of c.procedure.distractors) d.explanation = md;
	for (const q of c.questions) q.explanation = md;
	return c;
}

describe('scenario texts: the officer sheet, the scenario preview and the drill debrief', () => {
	const drill = setupDrill();
	const render = renderer(drill.db);
	if (!setDebriefOpen(drill.db, drill.trainer, drill.drillId, true).ok) throw new Error('debrief');
	const version = drill.db.select().from(scenarioVersion).where(eq(scenarioVersion.id, drill.versionId)).get()!;

	it.each(xssCorpus.map((c) => [c.name, c.markdown] as const))('%s', (_name, markdown) => {
		const parsed = scenarioContentSchema.safeParse(scenarioWith(markdown));
		expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 2))).toBe(true);
		const content = parsed.data!;
		// The published version holds the text (as publishing would store it after the same schema).
		drill.db.update(scenarioVersion).set({ content: JSON.stringify(content) }).where(eq(scenarioVersion.id, drill.versionId)).run();

		const preview = Object.values(officerMarkdown(toOfficerView(content, version.salt))).map((md): [string, string] => ['preview', render(md)]);
		expect(preview.length).toBeGreaterThan(2);
		expectSafe(preview, 'scenario preview');

		const sheet = officerSheet(drill.db, drill.a1, drill.drillId, 1);
		if (!sheet.ok) throw new Error(sheet.error.code);
		expectSafe(
			Object.entries(officerMarkdown(sheet.value.view)).map(([k, md]): [string, string] => [k, render(md)]),
			'officer sheet'
		);

		const debrief = drillDebrief(drill.db, { userId: drill.trainer, isStaff: true }, drill.drillId, render);
		if (!debrief.ok) throw new Error(debrief.error.code);
		const html = htmlOf(debrief.value);
		expect(html.some(([k]) => k.includes('majorCriterionHtml'))).toBe(true);
		expect(html.some(([k]) => k.includes('violatedHtml'))).toBe(true);
		expectSafe(html, 'debrief');
	});
});

describe('the text checked on /laws/check, with the real citation linker', () => {
	const render = renderer(createTestDb());

	it.each(xssCorpus.map((c) => [c.name, c.markdown] as const))('%s', (_name, markdown) => {
		expectSafe([['checked', render(`${markdown}\n《中华人民共和国安全生产法》第一条 ${markdown} 第二条`)]], 'laws/check');
	});
});
