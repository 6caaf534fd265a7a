import { describe, expect, it } from 'vitest';
import { checkJudgePoints, DEFAULT_CONDUCT_RUBRIC, formatRubric, parseRubric } from './rubric';

describe('parseRubric', () => {
	it.each([
		['着装规范 5', [{ key: 'r1', title: '着装规范', maxPoints: 5 }]],
		['着装规范|5\n\n 用语文明，2.5分 ', [{ key: 'r1', title: '着装规范', maxPoints: 5 }, { key: 'r2', title: '用语文明', maxPoints: 2.5 }]],
		['出示 证件\t10', [{ key: 'r1', title: '出示 证件', maxPoints: 10 }]],
		['告知权利：3', [{ key: 'r1', title: '告知权利', maxPoints: 3 }]]
	])('reads %j', (text, expected) => {
		expect(parseRubric(text)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'rubric.empty', undefined],
		['  \n ', 'rubric.empty', undefined],
		['着装规范', 'rubric.bad_line', 1],
		['着装 5\n用语', 'rubric.bad_line', 2],
		['着装 0', 'rubric.bad_points', 1],
		['着装 2.3', 'rubric.bad_points', 1],
		['着装 101', 'rubric.bad_points', 1],
		['着装 5\n着装 3', 'rubric.title_twice', 2],
		[Array.from({ length: 21 }, (_, i) => `项目${i} 1`).join('\n'), 'rubric.too_many', undefined]
	])('refuses %j with %s', (text, code, line) => {
		expect(parseRubric(text)).toEqual({ ok: false, error: line === undefined ? { code } : { code, params: { line } } });
	});

	it('round-trips the default rubric through the text a trainer edits', () => {
		expect(parseRubric(formatRubric(DEFAULT_CONDUCT_RUBRIC))).toEqual({ ok: true, value: DEFAULT_CONDUCT_RUBRIC });
	});
});

describe('checkJudgePoints', () => {
	const rubric = [
		{ key: 'r1', title: '着装', maxPoints: 5 },
		{ key: 'r2', title: '用语', maxPoints: 3 }
	];
	it.each([
		[{ r1: 5, r2: 0 }, []],
		[{ r1: 4.5 }, []],
		[{}, []],
		[{ r1: 5.5 }, [{ code: 'judge.points_range', key: 'r1' }]],
		[{ r1: -1, r2: 1.25 }, [{ code: 'judge.points_range', key: 'r1' }, { code: 'judge.points_step', key: 'r2' }]],
		[{ r9: 1 }, [{ code: 'judge.unknown_item', key: 'r9' }]],
		[{ r1: Number.NaN }, [{ code: 'judge.points_range', key: 'r1' }]]
	])('%j → %j', (points, expected) => {
		expect(checkJudgePoints(rubric, points)).toEqual(expected);
	});
});
