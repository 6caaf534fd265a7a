/**
 * The item report of a quiz for trainers: for every question drawn in a submitted attempt, how easy it
 * was, how well it separated stronger from weaker learners, which options were chosen, and hints
 * (过难, 过易, 区分度低/为负) pointing at questions to fix in the bank.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { question } from '../db/schema';
import { itemFlags, itemStats } from '../../domain/quiz/item-stats';
import type { AnswerKey, QuestionType } from '../../domain/quiz/types';
import { stemExcerpt } from '../../domain/quiz/bank-rules';
import { statsInput } from './attempts';
import { getQuiz } from './quizzes';

export const STATS_PAGE_SIZE = 50;

export interface OptionCount {
	/** A, B … for choice questions; 对 / 错 for true/false */
	key: string;
	count: number;
	isRight: boolean;
}

export interface ItemStatRow {
	questionId: number;
	/** false when the question was deleted from the bank after being answered */
	exists: boolean;
	excerpt: string;
	type: QuestionType | null;
	attempts: number;
	facility: number | null;
	discrimination: number | null;
	blank: number;
	/** empty for fill-in and citation questions */
	options: OptionCount[];
	flags: string[];
}

export interface QuizItemReport {
	/** submitted attempts */
	submitted: number;
	/** mean score of the submitted attempts as a percentage of their maximum, 1 decimal */
	meanPercent: number | null;
	/** questions in the report (before paging) */
	total: number;
	/** questions with at least one flag */
	flagged: number;
	page: number;
	pageSize: number;
	rows: ItemStatRow[];
}

const TRUE_FALSE_KEYS = ['对', '错'];

function rightKeys(answer: AnswerKey): string[] {
	switch (answer.kind) {
		case 'single':
			return [answer.key];
		case 'multiple':
			return answer.keys;
		case 'truefalse':
			return [answer.value ? '对' : '错'];
		default:
			return [];
	}
}

const round1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;

/**
 * The item report of a quiz, one page of questions (by question id), or null when the quiz does not
 * exist. `onlyFlagged` keeps the questions with a hint.
 */
export function quizItemReport(db: Db, quizId: number, opts: { page?: number; onlyFlagged?: boolean; pageSize?: number } = {}): QuizItemReport | null {
	if (!getQuiz(db, quizId)) return null;
	const input = statsInput(db, quizId);
	const ids = [...new Set(input.flatMap((a) => a.items.map((i) => i.questionId)))];
	const questions = new Map(
		(ids.length ? db.select({ id: question.id, type: question.type, stem: question.stem, options: question.options, answer: question.answer }).from(question).where(inArray(question.id, ids)).all() : []).map((q) => [q.id, q])
	);
	const optionKeysOf = (id: number) => {
		const q = questions.get(id);
		if (!q) return [];
		return q.type === 'truefalse' ? TRUE_FALSE_KEYS : q.options.map((o) => o.key);
	};
	const all = itemStats(input, optionKeysOf).map((s): ItemStatRow => {
		const q = questions.get(s.questionId);
		const right = q ? rightKeys(q.answer) : [];
		// Keys the bank lists first, in its order; then any key answered that the question no longer has.
		const keys = [...new Set([...optionKeysOf(s.questionId), ...Object.keys(s.optionCounts)])];
		return {
			questionId: s.questionId,
			exists: !!q,
			excerpt: q ? stemExcerpt(q.stem) : '（试题已从题库删除）',
			type: q?.type ?? null,
			attempts: s.attempts,
			facility: s.facility,
			discrimination: s.discrimination,
			blank: s.blank,
			options: keys.map((key) => ({ key, count: s.optionCounts[key] ?? 0, isRight: right.includes(key) })),
			flags: itemFlags(s)
		};
	});
	const listed = opts.onlyFlagged ? all.filter((r) => r.flags.length > 0) : all;
	const pageSize = opts.pageSize ?? STATS_PAGE_SIZE;
	const pages = Math.max(1, Math.ceil(listed.length / pageSize));
	const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
	const max = input.reduce((s, a) => s + a.maxTotal, 0);
	return {
		submitted: input.length,
		meanPercent: input.length && max > 0 ? round1((input.reduce((s, a) => s + a.total, 0) / max) * 100) : null,
		total: listed.length,
		flagged: all.filter((r) => r.flags.length > 0).length,
		page,
		pageSize,
		rows: listed.slice((page - 1) * pageSize, page * pageSize)
	};
}
