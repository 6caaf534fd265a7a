/**
 * Judged stages (文明执法 and any stage scored by a rubric): the rubric a trainer writes, and the points a
 * judge enters. Pure: the server stores what these functions accept.
 */
import { err, ok, type Result } from '../result';
import type { RubricItem } from './types';

/**
 * The default 文明执法 rubric. The items follow what conduct judges look at in a 执法比武 (identification,
 * manner, informing the party of its rights, fairness, dress); the split of points is ours, not a
 * published standard, so a trainer should adjust it to the contest's own rules.
 */
export const DEFAULT_CONDUCT_RUBRIC: readonly RubricItem[] = Object.freeze([
	{ key: 'r1', title: '着装规范、仪容整洁', maxPoints: 4 },
	{ key: 'r2', title: '出示执法证件、表明身份', maxPoints: 4 },
	{ key: 'r3', title: '用语文明、态度平和', maxPoints: 4 },
	{ key: 'r4', title: '告知陈述申辩等权利', maxPoints: 4 },
	{ key: 'r5', title: '分工明确、配合有序', maxPoints: 4 }
]);

export type RubricError = 'rubric.empty' | 'rubric.too_many' | 'rubric.bad_line' | 'rubric.bad_points' | 'rubric.title_twice';

export const MAX_RUBRIC_ITEMS = 20;
export const MAX_ITEM_POINTS = 100;

/** A rubric as the trainer edits it: one item per line, 「名称 满分」 (space, tab, 「，」 or 「|」 before the points). */
export function formatRubric(rubric: readonly RubricItem[]): string {
	return rubric.map((r) => `${r.title} ${r.maxPoints}`).join('\n');
}

const LINE = /^(.+?)[\s|｜,，:：]+(\d+(?:\.\d+)?)\s*分?$/;

/**
 * Reads the trainer's lines into a rubric. Blank lines are skipped; keys are r1, r2 … in line order, so
 * the same text always gives the same keys. Points are 0.5 steps from 0.5 to 100; titles are unique.
 */
export function parseRubric(text: string): Result<RubricItem[], RubricError> {
	// `line` (1-based, counting blank lines) goes with the per-line errors, for the message.
	const lines = text
		.split(/\r?\n/)
		.map((l, i) => ({ text: l.trim(), line: i + 1 }))
		.filter((l) => l.text !== '');
	if (lines.length === 0) return err('rubric.empty');
	if (lines.length > MAX_RUBRIC_ITEMS) return err('rubric.too_many');
	const items: RubricItem[] = [];
	for (const { text: t, line } of lines) {
		const m = LINE.exec(t);
		if (!m || m[1].trim().length > 50) return err('rubric.bad_line', { line });
		const points = Number(m[2]);
		if (!isHalfStep(points) || points <= 0 || points > MAX_ITEM_POINTS) return err('rubric.bad_points', { line });
		const title = m[1].trim();
		if (items.some((x) => x.title === title)) return err('rubric.title_twice', { line });
		items.push({ key: `r${items.length + 1}`, title, maxPoints: points });
	}
	return ok(items);
}

const isHalfStep = (x: number) => Number.isFinite(x) && Number.isInteger(x * 2);

export type JudgePointsError = { code: 'judge.points_range' | 'judge.points_step' | 'judge.unknown_item'; key: string };

/**
 * Checks one judge's entries for one team: every key is a rubric item, every value 0…maxPoints in 0.5
 * steps. Items left out are simply not scored yet. All problems are returned, so the form can mark each.
 */
export function checkJudgePoints(rubric: readonly RubricItem[], points: Readonly<Record<string, number>>): JudgePointsError[] {
	const byKey = new Map(rubric.map((r) => [r.key, r]));
	const problems: JudgePointsError[] = [];
	for (const [key, value] of Object.entries(points)) {
		const item = byKey.get(key);
		if (!item) problems.push({ code: 'judge.unknown_item', key });
		else if (!Number.isFinite(value) || value < 0 || value > item.maxPoints) problems.push({ code: 'judge.points_range', key });
		else if (!isHalfStep(value)) problems.push({ code: 'judge.points_step', key });
	}
	return problems;
}
