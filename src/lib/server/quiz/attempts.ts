/**
 * Quiz attempts: the server owns the clock. An attempt is drawn when it starts, answers autosave slot by
 * slot, the learner submits, or the server submits what was saved once the time is up (the sweeper, and
 * any read of an attempt past its end). Grading runs the pure grader over the current question versions,
 * so a regrade after a fix gives the same result a fresh grading would.
 */
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { perDatabase, preparedTransaction, type Db } from '../db';
import { attemptAnswer, question, quiz, quizAttempt, user, type SubmittedBy } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { drawableQuestions, drawAttempt, seededRandom } from '../../domain/quiz/draw';
import { gradeAttempt, gradeResponse, type GradeLine } from '../../domain/quiz/grade';
import { answerToText } from '../../domain/quiz/validate';
import { regradeChanges } from '../../domain/quiz/regrade';
import type { AttemptSlot, DrawRule, QuestionData, QuestionType, Response, ReviewOptions } from '../../domain/quiz/types';
import { bankForDraw, getQuiz, maxScoreOf, REVIEW_NONE, type DrawBank } from './quizzes';
import { completeIfDoneForQuiz } from '../course/progress';

/** Saves this long after the end still count (the request was on its way); the sweeper waits as long. */
export const SAVE_GRACE_MS = 3_000;
export const MAX_TEXT_ANSWER = 500;

export type AttemptError =
	| 'quiz.not_found'
	| 'quiz.not_published'
	| 'quiz.not_open_yet'
	| 'quiz.closed'
	| 'quiz.no_attempts_left'
	| 'quiz.rule_short'
	| 'quiz.drill_only'
	| 'attempt.not_found'
	| 'attempt.submitted'
	| 'attempt.time_up'
	| 'attempt.bad_slot'
	| 'attempt.bad_response'
	| 'attempt.paused';

type AttemptRow = typeof quizAttempt.$inferSelect;

export interface StartOptions {
	/** '' for courses and stand-alone quizzes; 'drill:<drillId>:<stageId>' in a drill. */
	context?: string;
	/** An end no attempt may run past (a drill stage's end), epoch ms. */
	endsAtCap?: number | null;
	/** Attempts allowed in this context, overriding the quiz's (a drill allows one). */
	attemptsAllowed?: number;
	/** Skip the quiz's status and window checks (a drill stage opens its quiz itself). */
	ignoreWindow?: boolean;
	seed?: number;
}

/** Whether the quiz is open for new attempts at `now`. */
function windowError(q: { status: string; opensAt: number | null; closesAt: number | null }, now: number): AttemptError | null {
	if (q.status !== 'published') return 'quiz.not_published';
	if (q.opensAt !== null && now < q.opensAt) return 'quiz.not_open_yet';
	if (q.closesAt !== null && now >= q.closesAt) return 'quiz.closed';
	return null;
}

/** The quiz start's reads and write (and the attempt page's), prepared once per database: a whole class may start at once. */
const startStatements = perDatabase((db) => {
	const p = sql.placeholder;
	const mine = () => and(eq(quizAttempt.quizId, p('quizId')), eq(quizAttempt.userId, p('userId')), eq(quizAttempt.context, p('context')));
	return {
		open: db.select().from(quizAttempt).where(and(mine(), eq(quizAttempt.status, 'open'))).prepare(),
		openId: db.select({ id: quizAttempt.id }).from(quizAttempt).where(and(mine(), eq(quizAttempt.status, 'open'))).prepare(),
		made: db.select({ n: count() }).from(quizAttempt).where(mine()).prepare(),
		// Placeholders of insert values go through the column's encoder (json): pass plain values.
		insert: db
			.insert(quizAttempt)
			.values({ quizId: p('quizId'), userId: p('userId'), context: p('context'), attemptNo: p('attemptNo'), startedAt: p('now'), endsAt: p('endsAt'), status: 'open', slots: p('slots'), maxScore: p('maxScore') })
			.returning({ id: quizAttempt.id })
			.prepare(),
		attempt: db.select().from(quizAttempt).where(eq(quizAttempt.id, p('attemptId'))).prepare(),
		quizTitle: db.select({ title: quiz.title }).from(quiz).where(eq(quiz.id, p('quizId'))).prepare(),
		questions: db
			.select({ id: question.id, type: question.type, stem: question.stem, options: question.options, version: question.version })
			.from(question)
			.where(sql`${question.id} in (select value from json_each(${p('ids')}))`)
			.prepare(),
		answers: db
			.select({ slot: attemptAnswer.slot, response: attemptAnswer.response, flagged: attemptAnswer.flagged })
			.from(attemptAnswer)
			.where(eq(attemptAnswer.attemptId, p('attemptId')))
			.prepare()
	};
});

/**
 * Starts an attempt, or returns the open one (a refresh or a second device resumes the same attempt).
 * The attempt number and the check of attempts left run in one immediate transaction, so two devices
 * starting at once get one attempt.
 */
export function startAttempt(db: Db, userId: number, quizId: number, now = Date.now(), opts: StartOptions = {}): Result<{ attemptId: number; resumed: boolean }, AttemptError> {
	const context = opts.context ?? '';
	const q = getQuiz(db, quizId);
	if (!q) return err('quiz.not_found');
	const open = openAttemptOf(db, userId, quizId, context, now);
	if (open) return ok({ attemptId: open.id, resumed: true });
	if (!opts.ignoreWindow) {
		const w = windowError(q, now);
		if (w) return err(w);
	}
	// A drill's 理论考试 is taken in the drill only: practising it beforehand would give its questions away.
	if (context === '' && isDrillQuiz(db, quizId)) return err('quiz.drill_only');
	const allowed = opts.attemptsAllowed ?? q.attemptsAllowed;
	const bank = bankForDraw(db);
	const seed = opts.seed ?? (Math.random() * 2 ** 31) >>> 0;
	const drawn = drawAttempt({ questions: drawableFor(bank, q.rules), categories: bank.categories, rules: q.rules, shuffleOptions: q.shuffleOptions, random: seededRandom(seed) });
	if (!drawn.ok) {
		const p = drawn.problems[0];
		return err('quiz.rule_short', { rule: p.rule + 1, available: p.available, needed: p.needed });
	}
	let endsAt: number | null = q.timeLimitMinutes > 0 ? now + q.timeLimitMinutes * 60_000 : null;
	if (q.closesAt !== null && !opts.ignoreWindow) endsAt = endsAt === null ? q.closesAt : Math.min(endsAt, q.closesAt);
	if (opts.endsAtCap != null) endsAt = endsAt === null ? opts.endsAtCap : Math.min(endsAt, opts.endsAtCap);
	const s = startStatements(db);
	const insert = db.$client.transaction((): Result<{ attemptId: number; resumed: boolean }, AttemptError> => {
		const again = s.openId.get({ quizId, userId, context });
		if (again) return ok({ attemptId: again.id, resumed: true });
		const made = s.made.get({ quizId, userId, context })?.n ?? 0;
		if (allowed > 0 && made >= allowed) return err('quiz.no_attempts_left');
		const row = s.insert.get({ quizId, userId, context, attemptNo: made + 1, now, endsAt, slots: drawn.slots, maxScore: maxScoreOf(q.rules) })!;
		return ok({ attemptId: row.id, resumed: false });
	});
	return insert.immediate();
}

const drillQuizStatement = perDatabase((db) => db.$client.prepare<[number], 1>('select 1 from drill_stage where quiz_id = ? limit 1').pluck());

/**
 * The bank's questions that the rules could draw (drawableQuestions: the draw is the same as from the
 * whole bank), kept per bank object (a new one comes with every change of the bank) and rule set, so that
 * a class starting at once does not filter the whole bank for every learner.
 */
const drawable = new WeakMap<DrawBank, Map<string, DrawBank['questions']>>();
function drawableFor(bank: DrawBank, rules: readonly DrawRule[]): DrawBank['questions'] {
	let byRules = drawable.get(bank);
	if (!byRules) drawable.set(bank, (byRules = new Map()));
	const key = rules.map((r) => `${r.categoryId}:${r.difficulty}`).join(',');
	let questions = byRules.get(key);
	if (!questions) {
		if (byRules.size >= 500) byRules.clear();
		byRules.set(key, (questions = drawableQuestions(rules, bank.questions, bank.categories)));
	}
	return questions;
}

function isDrillQuiz(db: Db, quizId: number): boolean {
	return drillQuizStatement(db).get(quizId) !== undefined;
}

/** The user's open attempt in a context, submitting it first when its time is up. */
function openAttemptOf(db: Db, userId: number, quizId: number, context: string, now: number): AttemptRow | null {
	const row = startStatements(db).open.get({ quizId, userId, context });
	if (!row) return null;
	if (isExpired(db, row, now)) {
		submitAttemptRow(db, row, 'server', now);
		return null;
	}
	return row;
}

const drillPausedStatement = perDatabase((db) => db.$client.prepare<[number], 1>('select 1 from drill_pause where drill_id = ? and to_ms is null limit 1').pluck());

/**
 * A drill's 理论考试 attempt (context 'drill:<drillId>:<stageId>', drill/theory.ts) stands still while its
 * drill is paused: saves are refused and the server does not submit it; when the drill resumes, its end
 * moves by the length of the pause (resumeDrill in drill/controls.ts), as the team's stage end does.
 */
export function isPausedAttempt(db: Db, context: string): boolean {
	const m = /^drill:(\d+):\d+$/.exec(context);
	return m !== null && drillPausedStatement(db).get(Number(m[1])) !== undefined;
}

const isExpired = (db: Db, a: Pick<AttemptRow, 'endsAt' | 'status' | 'context'>, now: number) =>
	a.status === 'open' && a.endsAt !== null && now > a.endsAt + SAVE_GRACE_MS && !isPausedAttempt(db, a.context);

/**
 * After an attempt is graded (or regraded to a pass): a passed course quiz may complete a course, which
 * credits its hours to the training record. Attempts in a drill never count for courses.
 */
type AfterSubmit = (db: Db, attempt: { userId: number; quizId: number; context: string; passed: boolean }, now: number) => void;
const afterSubmitHooks: AfterSubmit[] = [
	(db, a, now) => {
		if (a.passed && a.context === '') completeIfDoneForQuiz(db, a.userId, a.quizId, now);
	}
];

type GradableQuestion = Pick<QuestionData, 'type' | 'answer' | 'multipleScoring'>;

function questionsFor(db: Db, ids: number[]): Map<number, GradableQuestion> {
	if (ids.length === 0) return new Map();
	const rows = db
		.select({ id: question.id, type: question.type, answer: question.answer, multipleScoring: question.multipleScoring })
		.from(question)
		.where(inArray(question.id, [...new Set(ids)]))
		.all();
	return new Map(rows.map((r) => [r.id, r]));
}

function responsesOf(db: Db, attemptId: number, slots: number): (Response | null)[] {
	const out: (Response | null)[] = Array.from({ length: slots }, () => null);
	for (const a of db.select({ slot: attemptAnswer.slot, response: attemptAnswer.response }).from(attemptAnswer).where(eq(attemptAnswer.attemptId, attemptId)).all()) {
		if (a.slot >= 0 && a.slot < slots) out[a.slot] = a.response ?? null;
	}
	return out;
}

function passMarkOf(db: Db, quizId: number): number {
	return db.select({ passMark: quiz.passMark }).from(quiz).where(eq(quiz.id, quizId)).get()?.passMark ?? 60;
}

/** Grades an attempt's saved answers against the current questions and writes score and per-slot points. */
function gradeAndStore(db: Db, a: AttemptRow, patch: Partial<AttemptRow>): { score: number; passed: boolean } {
	const responses = responsesOf(db, a.id, a.slots.length);
	const g = gradeAttempt(a.slots, questionsFor(db, a.slots.map((s) => s.questionId)), responses, passMarkOf(db, a.quizId));
	db.update(quizAttempt)
		.set({ ...patch, score: g.score, maxScore: g.maxScore, passed: g.passed })
		.where(eq(quizAttempt.id, a.id))
		.run();
	g.lines.forEach((line, slot) => {
		db.insert(attemptAnswer)
			.values({ attemptId: a.id, slot, response: responses[slot], savedAt: patch.submittedAt ?? a.submittedAt ?? Date.now(), points: line.points })
			.onConflictDoUpdate({ target: [attemptAnswer.attemptId, attemptAnswer.slot], set: { points: line.points } })
			.run();
	});
	return { score: g.score, passed: g.passed };
}

function submitAttemptRow(db: Db, a: AttemptRow, by: SubmittedBy, now: number): { score: number; passed: boolean } {
	// The server submits at the end time, not when it noticed: what counts is what was saved by then.
	const at = by === 'server' && a.endsAt !== null ? Math.min(now, a.endsAt) : now;
	const result = db.$client
		.transaction(() => {
			const fresh = db.select().from(quizAttempt).where(eq(quizAttempt.id, a.id)).get();
			if (!fresh || fresh.status !== 'open') return null;
			return gradeAndStore(db, fresh, { status: 'submitted', submittedAt: at, submittedBy: by });
		})
		.immediate();
	if (result) for (const hook of afterSubmitHooks) hook(db, { userId: a.userId, quizId: a.quizId, context: a.context, passed: result.passed }, now);
	return result ?? { score: a.score ?? 0, passed: !!a.passed };
}

/** The learner submits their own attempt. */
export function submitAttempt(db: Db, userId: number, attemptId: number, now = Date.now()): Result<{ score: number; passed: boolean; by: SubmittedBy }, AttemptError> {
	const a = db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get();
	if (!a || a.userId !== userId) return err('attempt.not_found');
	if (a.status !== 'open') return err('attempt.submitted');
	const by: SubmittedBy = isExpired(db, a, now) ? 'server' : 'learner';
	const r = submitAttemptRow(db, a, by, now);
	return ok({ ...r, by });
}

/** Submits an open attempt on someone else's behalf (a trainer closing a drill stage); no-op when already submitted. */
export function forceSubmit(db: Db, attemptId: number, by: SubmittedBy, now = Date.now()): boolean {
	const a = db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get();
	if (!a || a.status !== 'open') return false;
	submitAttemptRow(db, a, isExpired(db, a, now) ? 'server' : by, now);
	return true;
}

/** Submits every open attempt whose time (plus the grace) is up; returns how many. */
export function sweepExpired(db: Db, now = Date.now()): number {
	const due = db
		.select()
		.from(quizAttempt)
		.where(and(eq(quizAttempt.status, 'open'), lt(quizAttempt.endsAt, now - SAVE_GRACE_MS)))
		.limit(500)
		.all();
	let n = 0;
	for (const a of due) {
		if (isPausedAttempt(db, a.context)) continue;
		submitAttemptRow(db, a, 'server', now);
		n++;
	}
	return n;
}

let sweeper: ReturnType<typeof setInterval> | undefined;
/**
 * Runs sweepExpired every few seconds in the server process (started by hooks' init). Returns the stop,
 * called at shutdown before the database closes (getDb would open it again).
 */
export function startSweeper(getDb: () => Db, everyMs = 2_000): () => void {
	if (!sweeper) {
		sweeper = setInterval(() => {
			try {
				sweepExpired(getDb());
			} catch (e) {
				console.error('测验自动交卷失败', e);
			}
		}, everyMs);
		sweeper.unref?.();
	}
	return () => {
		clearInterval(sweeper);
		sweeper = undefined;
	};
}

// ---- autosave (hot path: every learner, every answer) ----

const saveStatements = perDatabase((db) => {
	const p = sql.placeholder;
	return {
		attempt: db
			.select({ userId: quizAttempt.userId, status: quizAttempt.status, endsAt: quizAttempt.endsAt, slots: quizAttempt.slots, context: quizAttempt.context })
			.from(quizAttempt)
			.where(eq(quizAttempt.id, p('attemptId')))
			.prepare(),
		questionType: db.select({ type: question.type, options: question.options }).from(question).where(eq(question.id, p('questionId'))).prepare(),
		upsert: db
			.insert(attemptAnswer)
			.values({ attemptId: p('attemptId'), slot: p('slot'), response: p('response'), flagged: p('flagged'), savedAt: p('now') })
			.onConflictDoUpdate({
				target: [attemptAnswer.attemptId, attemptAnswer.slot],
				set: { response: sql`excluded.response`, flagged: sql`excluded.flagged`, savedAt: sql`excluded.saved_at` }
			})
			.prepare()
	};
});

export interface SaveInput {
	attemptId: number;
	slot: number;
	response: Response | null;
	flagged: boolean;
}

/** Checks a response's shape against the question (kind, option keys, lengths); null is a cleared answer. */
export function checkResponse(type: QuestionType, optionKeys: readonly string[], r: Response | null): boolean {
	if (r === null) return true;
	if (r.kind !== type) return false;
	switch (r.kind) {
		case 'single':
			return optionKeys.includes(r.key);
		case 'multiple':
			return r.keys.length <= optionKeys.length && new Set(r.keys).size === r.keys.length && r.keys.every((k) => optionKeys.includes(k));
		case 'truefalse':
			return typeof r.value === 'boolean';
		case 'fill':
		case 'citation':
			return typeof r.text === 'string' && r.text.length <= MAX_TEXT_ANSWER;
	}
}

const saveInTransaction = preparedTransaction((db: Db, userId: number, input: SaveInput, now: number): Result<{ savedAt: number }, AttemptError> => {
	const s = saveStatements(db);
	const a = s.attempt.get({ attemptId: input.attemptId });
	if (!a || a.userId !== userId) return err('attempt.not_found');
	if (a.status !== 'open') return err('attempt.submitted');
	if (a.context !== '' && isPausedAttempt(db, a.context)) return err('attempt.paused');
	if (a.endsAt !== null && now > a.endsAt + SAVE_GRACE_MS) return err('attempt.time_up');
	const slot = a.slots[input.slot];
	if (!Number.isInteger(input.slot) || !slot) return err('attempt.bad_slot');
	const q = s.questionType.get({ questionId: slot.questionId });
	if (!q || !checkResponse(q.type, q.options.map((o) => o.key), input.response)) return err('attempt.bad_response');
	// Placeholders of insert values go through the column's encoder (json, boolean): pass plain values.
	s.upsert.run({ attemptId: input.attemptId, slot: input.slot, response: input.response, flagged: input.flagged, now });
	return ok({ savedAt: now });
});

/** Autosaves one answer (and its flag). Refused once the attempt is submitted or its time is up. */
export function saveAnswer(db: Db, userId: number, input: SaveInput, now = Date.now()): Result<{ savedAt: number }, AttemptError> {
	const r = saveInTransaction(db, userId, input, now);
	if (!r.ok && r.error.code === 'attempt.time_up') {
		const a = db.select().from(quizAttempt).where(eq(quizAttempt.id, input.attemptId)).get();
		if (a && a.status === 'open') submitAttemptRow(db, a, 'server', now);
	}
	return r;
}

// ---- views ----

export type Render = (md: string) => string;

const renderCache = new Map<string, string>();
function cachedRender(render: Render, id: number, version: number, field: string, md: string): string {
	const key = `${id}:${version}:${field}`;
	let html = renderCache.get(key);
	if (html === undefined) {
		html = md.trim() ? render(md) : '';
		if (renderCache.size > 5_000) renderCache.clear();
		renderCache.set(key, html);
	}
	return html;
}

export interface TakingQuestion {
	slot: number;
	type: QuestionType;
	points: number;
	stemHtml: string;
	/** options in the attempt's order */
	options: { key: string; text: string }[];
	response: Response | null;
	flagged: boolean;
}

export interface TakingView {
	attemptId: number;
	quizId: number;
	quizTitle: string;
	context: string;
	status: 'open' | 'submitted';
	startedAt: number;
	endsAt: number | null;
	serverNow: number;
	maxScore: number;
	/** A drill's 理论考试 while the drill is paused: the clock stands still and answers are not taken. */
	paused: boolean;
	questions: TakingQuestion[];
}

/**
 * What the learner's quiz page needs while an attempt is open: stems and options, never answers,
 * explanations or provisions. An attempt past its end is submitted first and comes back 'submitted'.
 */
export function attemptView(db: Db, userId: number, attemptId: number, render: Render, now = Date.now()): Result<TakingView, AttemptError> {
	const st = startStatements(db);
	let a = st.attempt.get({ attemptId });
	if (!a || a.userId !== userId) return err('attempt.not_found');
	if (isExpired(db, a, now)) {
		submitAttemptRow(db, a, 'server', now);
		a = st.attempt.get({ attemptId })!;
	}
	const q = st.quizTitle.get({ quizId: a.quizId });
	const base = { attemptId: a.id, quizId: a.quizId, quizTitle: q?.title ?? '', context: a.context, status: a.status, startedAt: a.startedAt, endsAt: a.endsAt, serverNow: now, maxScore: a.maxScore, paused: a.status === 'open' && a.context !== '' && isPausedAttempt(db, a.context) };
	if (a.status !== 'open') return ok({ ...base, questions: [] });
	const rows = st.questions.all({ ids: JSON.stringify(a.slots.map((s) => s.questionId)) });
	const byId = new Map(rows.map((r) => [r.id, r]));
	const saved = new Map(st.answers.all({ attemptId: a.id }).map((s) => [s.slot, s]));
	const questions = a.slots.map((s, slot): TakingQuestion => {
		const qq = byId.get(s.questionId);
		const optionByKey = new Map((qq?.options ?? []).map((o) => [o.key, o.text]));
		return {
			slot,
			type: qq?.type ?? 'single',
			points: s.points,
			stemHtml: qq ? cachedRender(render, qq.id, qq.version, 'stem', qq.stem) : '<p>（试题已删除）</p>',
			options: s.optionOrder.filter((k) => optionByKey.has(k)).map((k) => ({ key: k, text: optionByKey.get(k)! })),
			response: saved.get(slot)?.response ?? null,
			flagged: saved.get(slot)?.flagged ?? false
		};
	});
	return ok({ ...base, questions });
}

/** The review options in force for an attempt: after submit, or (once the quiz closes) after close. */
export function reviewOptionsFor(q: { reviewAfterSubmit: ReviewOptions; reviewAfterClose: ReviewOptions; closesAt: number | null }, a: { status: string; context: string }, now: number, hidden = false): ReviewOptions {
	if (a.status !== 'submitted' || hidden) return REVIEW_NONE;
	const closed = q.closesAt !== null && now >= q.closesAt;
	const s = q.reviewAfterSubmit;
	const c = closed ? q.reviewAfterClose : REVIEW_NONE;
	return { score: s.score || c.score, correctness: s.correctness || c.correctness, answers: s.answers || c.answers, explanations: s.explanations || c.explanations };
}

export interface ReviewQuestion {
	slot: number;
	type: QuestionType;
	points: number;
	stemHtml: string;
	options: { key: string; text: string }[];
	response: Response | null;
	responseText: string;
	line: GradeLine | null;
	answerText: string | null;
	/** option keys that are right (choice questions), when answers may be shown */
	rightKeys: string[] | null;
	explanationHtml: string | null;
	provisions: string | null;
}

export interface ReviewView {
	attemptId: number;
	quizId: number;
	quizTitle: string;
	context: string;
	userName: string;
	attemptNo: number;
	startedAt: number;
	submittedAt: number | null;
	submittedBy: SubmittedBy | null;
	score: number | null;
	maxScore: number;
	passed: boolean | null;
	passMark: number;
	options: ReviewOptions;
	questions: ReviewQuestion[];
}

export function responseText(r: Response | null): string {
	if (r === null) return '';
	switch (r.kind) {
		case 'single':
			return r.key;
		case 'multiple':
			return [...r.keys].sort().join('');
		case 'truefalse':
			return r.value ? '对' : '错';
		case 'fill':
		case 'citation':
			return r.text;
	}
}

/**
 * A submitted attempt's review, limited by the review options (staff see everything). `hideFromLearner`
 * lets a caller (a drill before its debrief) withhold everything from the taker.
 */
export function reviewView(
	db: Db,
	viewer: { id: number; isStaff: boolean },
	attemptId: number,
	render: Render,
	now = Date.now(),
	hideFromLearner = false
): Result<ReviewView, AttemptError> {
	let a = db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get();
	if (!a || (a.userId !== viewer.id && !viewer.isStaff)) return err('attempt.not_found');
	if (isExpired(db, a, now)) {
		submitAttemptRow(db, a, 'server', now);
		a = db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)).get()!;
	}
	const q = db.select().from(quiz).where(eq(quiz.id, a.quizId)).get();
	if (!q) return err('quiz.not_found');
	const options = viewer.isStaff && a.status === 'submitted' ? { score: true, correctness: true, answers: true, explanations: true } : reviewOptionsFor(q, a, now, hideFromLearner);
	const taker = db.select({ name: user.displayName }).from(user).where(eq(user.id, a.userId)).get();
	const rows = db.select().from(question).where(inArray(question.id, a.slots.map((s) => s.questionId))).all();
	const byId = new Map(rows.map((r) => [r.id, r]));
	const saved = new Map(db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, a.id)).all().map((s) => [s.slot, s]));
	const questions = a.slots.map((s, slot): ReviewQuestion => {
		const qq = byId.get(s.questionId);
		const response = saved.get(slot)?.response ?? null;
		const graded = qq && options.correctness ? gradeResponse(qq, response, s.points) : null;
		// A reason may name the expected provision (citation questions): only with the answers.
		const line = graded && !options.answers ? { ...graded, reason: '' } : graded;
		const optionByKey = new Map((qq?.options ?? []).map((o) => [o.key, o.text]));
		const rightKeys = qq && options.answers ? (qq.answer.kind === 'single' ? [qq.answer.key] : qq.answer.kind === 'multiple' ? qq.answer.keys : []) : null;
		return {
			slot,
			type: qq?.type ?? 'single',
			points: s.points,
			stemHtml: qq ? cachedRender(render, qq.id, qq.version, 'stem', qq.stem) : '<p>（试题已删除）</p>',
			options: s.optionOrder.filter((k) => optionByKey.has(k)).map((k) => ({ key: k, text: optionByKey.get(k)! })),
			response,
			responseText: responseText(response),
			line,
			answerText: qq && options.answers ? answerToText(qq.answer) : null,
			rightKeys,
			explanationHtml: qq && options.explanations ? cachedRender(render, qq.id, qq.version, 'explanation', qq.explanation) : null,
			provisions: qq && options.explanations ? qq.provisions : null
		};
	});
	return ok({
		attemptId: a.id,
		quizId: a.quizId,
		quizTitle: q.title,
		context: a.context,
		userName: taker?.name ?? '',
		attemptNo: a.attemptNo,
		startedAt: a.startedAt,
		submittedAt: a.submittedAt,
		submittedBy: a.submittedBy,
		score: options.score ? a.score : null,
		maxScore: a.maxScore,
		passed: options.score ? a.passed : null,
		passMark: q.passMark,
		options,
		questions
	});
}

/** A learner's attempts at a quiz in a context, newest first, for the quiz's start page. */
export function myAttempts(db: Db, userId: number, quizId: number, context = '', now = Date.now()) {
	openAttemptOf(db, userId, quizId, context, now); // submits one whose time is up
	return db
		.select({ id: quizAttempt.id, attemptNo: quizAttempt.attemptNo, status: quizAttempt.status, startedAt: quizAttempt.startedAt, endsAt: quizAttempt.endsAt, submittedAt: quizAttempt.submittedAt, submittedBy: quizAttempt.submittedBy, score: quizAttempt.score, maxScore: quizAttempt.maxScore, passed: quizAttempt.passed })
		.from(quizAttempt)
		.where(and(eq(quizAttempt.quizId, quizId), eq(quizAttempt.userId, userId), eq(quizAttempt.context, context)))
		.orderBy(desc(quizAttempt.attemptNo))
		.all();
}

/** The start page of a quiz for a learner: settings, whether it is open, attempts made and left. */
export function quizStartInfo(db: Db, userId: number, quizId: number, now = Date.now()) {
	const q = getQuiz(db, quizId);
	if (!q || q.status !== 'published') return null;
	const attempts = myAttempts(db, userId, quizId, '', now);
	const open = attempts.find((x) => x.status === 'open') ?? null;
	const left = q.attemptsAllowed === 0 ? null : Math.max(0, q.attemptsAllowed - attempts.length);
	const blocked = open ? null : (windowError(q, now) ?? (isDrillQuiz(db, quizId) ? 'quiz.drill_only' : left === 0 ? 'quiz.no_attempts_left' : null));
	return {
		quiz: { id: q.id, title: q.title, description: q.description, timeLimitMinutes: q.timeLimitMinutes, opensAt: q.opensAt, closesAt: q.closesAt, attemptsAllowed: q.attemptsAllowed, passMark: q.passMark, questionCount: q.rules.reduce((s, r) => s + r.count, 0), maxScore: maxScoreOf(q.rules) },
		attempts,
		openAttemptId: open?.id ?? null,
		attemptsLeft: left,
		blocked
	};
}

// ---- trainers: attempts list, regrade ----

export const ATTEMPT_PAGE_SIZE = 30;

export function quizAttempts(db: Db, quizId: number, page = 1) {
	const where = eq(quizAttempt.quizId, quizId);
	const total = db.select({ n: count() }).from(quizAttempt).where(where).get()?.n ?? 0;
	const rows = db
		.select({ id: quizAttempt.id, userName: user.displayName, username: user.username, context: quizAttempt.context, attemptNo: quizAttempt.attemptNo, status: quizAttempt.status, startedAt: quizAttempt.startedAt, submittedAt: quizAttempt.submittedAt, submittedBy: quizAttempt.submittedBy, score: quizAttempt.score, maxScore: quizAttempt.maxScore, passed: quizAttempt.passed })
		.from(quizAttempt)
		.innerJoin(user, eq(user.id, quizAttempt.userId))
		.where(where)
		.orderBy(desc(quizAttempt.id))
		.limit(ATTEMPT_PAGE_SIZE)
		.offset((Math.max(1, page) - 1) * ATTEMPT_PAGE_SIZE)
		.all();
	return { rows, total, page: Math.max(1, page), pageSize: ATTEMPT_PAGE_SIZE };
}

function submittedAttempts(db: Db, quizId: number): AttemptRow[] {
	return db
		.select()
		.from(quizAttempt)
		.where(and(eq(quizAttempt.quizId, quizId), eq(quizAttempt.status, 'submitted')))
		.orderBy(asc(quizAttempt.id))
		.all();
}

/** What regrading a quiz's submitted attempts against the current questions would change (nothing is written). */
export function regradePreview(db: Db, quizId: number) {
	const attempts = submittedAttempts(db, quizId);
	const passMark = passMarkOf(db, quizId);
	const questions = questionsFor(db, attempts.flatMap((a) => a.slots.map((s) => s.questionId)));
	const names = new Map(db.select({ id: user.id, name: user.displayName }).from(user).where(inArray(user.id, [...new Set(attempts.map((a) => a.userId))].concat([-1]))).all().map((u) => [u.id, u.name]));
	const before = attempts.map((a) => ({ attemptId: a.id, score: a.score ?? 0, passed: !!a.passed }));
	const after = attempts.map((a) => {
		const g = gradeAttempt(a.slots, questions, responsesOf(db, a.id, a.slots.length), passMark);
		return { attemptId: a.id, score: g.score, passed: g.passed };
	});
	const changes = regradeChanges(before, after).map((c) => ({ ...c, userName: names.get(attempts.find((a) => a.id === c.attemptId)!.userId) ?? '' }));
	return { attempts: attempts.length, changes };
}

/** Regrades every submitted attempt of a quiz, audited with each change; the same inputs give the same scores. */
export function regradeQuiz(db: Db, actorId: number, quizId: number, reason: string, now = Date.now()): Result<{ attempts: number; changed: number }, AttemptError> {
	if (!getQuiz(db, quizId)) return err('quiz.not_found');
	const preview = regradePreview(db, quizId);
	const regraded: { userId: number; quizId: number; context: string; passed: boolean }[] = [];
	db.$client
		.transaction(() => {
			for (const a of submittedAttempts(db, quizId)) {
				const r = gradeAndStore(db, a, {});
				if (r.passed && !a.passed) regraded.push({ userId: a.userId, quizId, context: a.context, passed: true });
			}
			recordAudit(db, { actorId, action: 'quiz.regrade', entity: 'quiz', entityId: quizId, before: null, after: { attempts: preview.attempts, changes: preview.changes }, reason, at: now });
		})
		.immediate();
	for (const x of regraded) for (const hook of afterSubmitHooks) hook(db, x, now);
	return ok({ attempts: preview.attempts, changed: preview.changes.length });
}

/** Inputs of the item statistics: every submitted attempt of the quiz with its per-slot points and responses. */
export function statsInput(db: Db, quizId: number) {
	const attempts = submittedAttempts(db, quizId);
	if (attempts.length === 0) return [];
	const answers = db
		.select({ attemptId: attemptAnswer.attemptId, slot: attemptAnswer.slot, response: attemptAnswer.response, points: attemptAnswer.points })
		.from(attemptAnswer)
		.where(inArray(attemptAnswer.attemptId, attempts.map((a) => a.id)))
		.all();
	const byAttempt = new Map<number, Map<number, (typeof answers)[number]>>();
	for (const x of answers) {
		let m = byAttempt.get(x.attemptId);
		if (!m) byAttempt.set(x.attemptId, (m = new Map()));
		m.set(x.slot, x);
	}
	return attempts.map((a) => ({
		total: a.score ?? 0,
		maxTotal: a.maxScore,
		items: a.slots.map((s: AttemptSlot, slot) => {
			const x = byAttempt.get(a.id)?.get(slot);
			return { questionId: s.questionId, points: x?.points ?? 0, maxPoints: s.points, response: x?.response ?? null };
		})
	}));
}

/**
 * Published quizzes a learner can take on their own (not a drill's 理论考试), with their best score and
 * whether an attempt is open.
 */
export function learnerQuizzes(db: Db, userId: number, now = Date.now()) {
	const rows = db.$client
		.prepare(
			`select q.id, q.title, q.time_limit_minutes as timeLimitMinutes, q.pass_mark as passMark,
				(select coalesce(sum(r.count), 0) from quiz_rule r where r.quiz_id = q.id) as questions,
				(select max(a.score) from quiz_attempt a where a.quiz_id = q.id and a.user_id = ? and a.context = '' and a.status = 'submitted') as best,
				(select max(a.passed) from quiz_attempt a where a.quiz_id = q.id and a.user_id = ? and a.context = '' and a.status = 'submitted') as passed,
				exists (select 1 from quiz_attempt a where a.quiz_id = q.id and a.user_id = ? and a.context = '' and a.status = 'open') as open
			from quiz q
			where q.status = 'published' and not exists (select 1 from drill_stage s where s.quiz_id = q.id)
				and (q.closes_at is null or q.closes_at > ?) and (q.opens_at is null or q.opens_at <= ?)
			order by q.id desc limit 200`
		)
		.all(userId, userId, userId, now, now) as { id: number; title: string; timeLimitMinutes: number; passMark: number; questions: number; best: number | null; passed: number | null; open: number }[];
	return rows.map((r) => ({ ...r, passed: r.passed === 1, open: r.open === 1 }));
}
