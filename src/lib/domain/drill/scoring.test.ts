import { describe, expect, it } from 'vitest';
import type { HazardKey, ScenarioContent } from '../scenario/types';
import { fixtureScenario } from '../scenario/test-fixture';
import { scoreHazardStage, scoreJudgedStage, scoreProcedureStage, totalScore, type LineItem, type StageScore } from './scoring';
import { DEFAULT_SCORING, type HazardAnswer, type HazardSheet, type JudgeScore, type ProcedureSheet, type RubricItem, type ScoringSettings } from './types';

// The fixture: 除尘器 'duct' (hazard, major, 10 points; violated 《安全生产法》第三十六条第一款, penalty
// 第九十九条第（二）项, measure stop_using_equipment), 警示标志 'sign' (hazard, general, 4 points;
// violated 第三十五条, penalty 第九十九条第（一）项, rectify_within_deadline 3–7 days), 灭火器
// 'extinguisher' (decoy). Procedure s1, s2 (distractor x1), 10 points; question q1 (correct a), 5 points.
//
// Default shares of a hazard of P points: found 0.4P, classification 0.1P, violated 0.2P, penalty 0.2P,
// measure 0.1P. duct (P=10): 4, 1, 2, 2, 1. sign (P=4): 1.6, 0.4, 0.8, 0.8, 0.4.

const hazardKey = (c: ScenarioContent, itemKey: string): HazardKey => {
	const answer = c.areas.flatMap((a) => a.items).find((i) => i.key === itemKey)?.answer;
	if (answer?.kind !== 'hazard') throw new Error(`no hazard ${itemKey}`);
	return answer;
};

const ductAnswer = (change: Partial<HazardAnswer> = {}): HazardAnswer => ({
	itemKey: 'duct',
	classification: 'major',
	violated: ['《安全生产法》第三十六条第一款'],
	penalty: ['《安全生产法》第九十九条第（二）项'],
	measures: ['stop_using_equipment'],
	deadlineDays: null,
	note: '',
	...change
});
const signAnswer = (change: Partial<HazardAnswer> = {}): HazardAnswer => ({
	itemKey: 'sign',
	classification: 'general',
	violated: ['《安全生产法》第三十五条'],
	penalty: ['《安全生产法》第九十九条第（一）项'],
	measures: ['rectify_within_deadline'],
	deadlineDays: 5,
	note: '备注不计分',
	...change
});
const decoyAnswer: HazardAnswer = { itemKey: 'extinguisher', classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note: '' };

const points = (score: StageScore, ref: string, rule: LineItem['rule']) => {
	const found = score.lines.filter((l) => l.ref === ref && l.rule === rule);
	if (found.length !== 1) throw new Error(`${found.length} lines ${ref} ${rule}`);
	return found[0].points;
};
const sumLines = (score: StageScore) => score.lines.reduce((s, l) => s + l.points, 0);

describe('scoreHazardStage: whole sheets', () => {
	it('a perfect sheet earns every point: 10 + 4 = 14', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer(), signAnswer()] });
		expect(s.total).toBe(14);
		expect(s.max).toBe(14);
		expect(s.lines).toHaveLength(10); // 5 per hazard, nothing for the decoy not flagged
		expect(s.lines[0]).toEqual({ stage: 'hazard', ref: 'duct', label: '除尘器', rule: 'hazard.found', points: 4, detail: { found: 1, max: 4 } });
		expect(s.lines.map((l) => `${l.ref} ${l.rule} ${l.points}`)).toEqual([
			'duct hazard.found 4',
			'duct hazard.classification 1',
			'duct hazard.violated 2',
			'duct hazard.penalty 2',
			'duct hazard.measure 1',
			'sign hazard.found 1.6',
			'sign hazard.classification 0.4',
			'sign hazard.violated 0.8',
			'sign hazard.penalty 0.8',
			'sign hazard.measure 0.4'
		]);
	});

	it('an empty sheet earns nothing, and the zero lines still say what each part was worth', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [] });
		expect(s.total).toBe(0);
		expect(s.max).toBe(14);
		expect(s.lines).toHaveLength(10);
		expect(s.lines.every((l) => l.points === 0 && l.detail?.found === 0)).toBe(true);
		expect(s.lines.find((l) => l.ref === 'duct' && l.rule === 'hazard.violated')?.detail).toEqual({ found: 0, max: 2 });
	});

	it('nothing but "found" is earned for a flagged item with an empty answer: 4', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ classification: null, violated: [], penalty: [], measures: [] })] });
		expect(s.total).toBe(4);
	});

	it('answers for unknown items earn and cost nothing', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [{ ...decoyAnswer, itemKey: 'no-such-item' }] });
		expect(s.total).toBe(0);
		expect(s.lines.some((l) => l.ref === 'no-such-item')).toBe(false);
	});

	it('of two answers for one item the first counts', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ classification: 'general' }), ductAnswer()] });
		expect(points(s, 'duct', 'hazard.classification')).toBe(0);
	});

	it('custom weights: everything on "found" makes a found hazard worth all its points', () => {
		const settings: ScoringSettings = { ...DEFAULT_SCORING, hazard: { found: 1, classification: 0, violated: 0, penalty: 0, measure: 0 } };
		const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ violated: [] }), signAnswer({ classification: 'major' })] }, settings);
		expect(s.total).toBe(14); // 1 × 10 + 1 × 4
	});
});

describe('scoreHazardStage: classification', () => {
	const cases: [HazardAnswer['classification'], number][] = [
		['major', 1], // 0.1 × 10
		['general', 0],
		[null, 0]
	];
	for (const [classification, expected] of cases) {
		it(`duct (major) answered ${classification} → ${expected}`, () => {
			const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ classification })] });
			expect(points(s, 'duct', 'hazard.classification')).toBe(expected);
		});
	}
});

describe('scoreHazardStage: provisions (duct, share 0.2 × 10 = 2)', () => {
	// [team's 违法依据, points, arithmetic]. Key: 《安全生产法》第三十六条第一款.
	const violated: [string[], number, string][] = [
		[['《安全生产法》第三十六条第一款'], 2, 'exact: 1/1 × 2'],
		[['依据《安全生产法》第三十六条第一款的规定'], 2, 'citation inside a sentence: 1/1 × 2'],
		[['《安全生产法》第三十六条'], 1, 'article, paragraph missing: 0.5/1 × 2'],
		[['《安全生产法》第三十六条第二款'], 1, 'article, wrong paragraph: 0.5/1 × 2'],
		[['《安全生产法》第三十七条第一款'], 0, 'right law, wrong article: 0'],
		[['《消防法》第三十六条第一款'], 0, 'wrong law: 0'],
		[['第三十六条第一款'], 0, 'no law named: 0'],
		[['违反安全生产有关规定'], 0, 'no citation: 0'],
		[[], 0, 'nothing: 0'],
		[['《安全生产法》第三十六条第一款', '《安全生产法》第三十七条'], 1, 'over-citing: 1 / max(1 key, 2 team) × 2'],
		[['《安全生产法》第三十六条第一款、第三十七条、第三十八条'], 0.67, 'over-citing in one string: 1/3 × 2 = 0.666… → 0.67'],
		[['《安全生产法》第三十六条至第四十条'], 0.2, 'a range is 5 citations: 36 is article-only 0.5 / 5 × 2'],
		[['《安全生产法》第三十六条第一款', '安全生产法第三十六条第一款'], 2, 'the same citation twice counts once: 1/1 × 2']
	];
	for (const [given, expected, arithmetic] of violated) {
		it(`violated ${JSON.stringify(given)} → ${expected} (${arithmetic})`, () => {
			const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ violated: given })] });
			expect(points(s, 'duct', 'hazard.violated')).toBe(expected);
		});
	}

	// Key: 《安全生产法》第九十九条第（二）项.
	const penalty: [string[], number, string][] = [
		[['《安全生产法》第九十九条第（二）项'], 2, 'exact'],
		[['《安全生产法》第九十九条'], 1, 'item missing: 0.5 × 2'],
		[['《安全生产法》第九十九条第（一）项'], 1, 'wrong item: 0.5 × 2'],
		[['《安全生产法》第一百条'], 0, 'wrong article'],
		[['《安全生产法》第九十九条第（一）项', '《安全生产法》第九十九条第（二）项'], 1, 'best grade counts, divided by 2 team citations: 1/2 × 2']
	];
	for (const [given, expected, arithmetic] of penalty) {
		it(`penalty ${JSON.stringify(given)} → ${expected} (${arithmetic})`, () => {
			const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ penalty: given })] });
			expect(points(s, 'duct', 'hazard.penalty')).toBe(expected);
		});
	}

	// A key with two citations: 《安全生产法》第三十六条第一款、第二款.
	const twoKey: [string[], number, string][] = [
		[['《安全生产法》第三十六条第一款、第二款'], 2, '(1 + 1) / 2 × 2'],
		[['《安全生产法》第三十六条第一款', '《安全生产法》第三十六条第二款'], 2, 'split over two strings: (1 + 1) / 2 × 2'],
		[['《安全生产法》第三十六条第一款'], 1.5, 'one of two, and right article for the other: (1 + 0.5) / max(2, 1) × 2'],
		[['《安全生产法》第三十六条第一款', '《安全生产法》第三十七条'], 1.5, '(1 + 0.5) / max(2, 2) × 2'],
		[['《安全生产法》第三十六条第一款', '《安全生产法》第三十七条', '《安全生产法》第三十八条'], 1, '(1 + 0.5) / max(2, 3) × 2'],
		[['《安全生产法》第三十六条'], 1, 'one bare article answers both at article level: (0.5 + 0.5) / max(2, 1) × 2']
	];
	for (const [given, expected, arithmetic] of twoKey) {
		it(`two-citation key, violated ${JSON.stringify(given)} → ${expected} (${arithmetic})`, () => {
			const content = fixtureScenario();
			hazardKey(content, 'duct').violated = ['《安全生产法》第三十六条第一款、第二款'];
			const s = scoreHazardStage(content, { answers: [ductAnswer({ violated: given })] });
			expect(points(s, 'duct', 'hazard.violated')).toBe(expected);
		});
	}

	it('explains the grading in detail', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ violated: ['《安全生产法》第三十六条', '《安全生产法》第三十七条'] })] });
		const line = s.lines.find((l) => l.ref === 'duct' && l.rule === 'hazard.violated');
		// 0.5 / max(1, 2) × 2 = 0.5
		expect(line).toEqual({ stage: 'hazard', ref: 'duct', label: '除尘器', rule: 'hazard.violated', points: 0.5, detail: { keyCitations: 1, teamCitations: 2, exact: 0, article: 1, max: 2 } });
	});

	it('a key without citations earns nothing (the publish check refuses one)', () => {
		const content = fixtureScenario();
		hazardKey(content, 'duct').violated = [];
		const s = scoreHazardStage(content, { answers: [ductAnswer()] });
		expect(points(s, 'duct', 'hazard.violated')).toBe(0);
	});
});

describe('scoreHazardStage: measures', () => {
	// duct: key stop_using_equipment, share 0.1 × 10 = 1
	const duct: [HazardAnswer['measures'], number, string][] = [
		[['stop_using_equipment'], 1, 'exactly the key'],
		[['stop_using_equipment', 'suspend_production'], 1, 'the key and more'],
		[['suspend_production'], 0, 'another measure'],
		[[], 0, 'none']
	];
	for (const [measures, expected, why] of duct) {
		it(`duct ${measures.join(',') || '—'} → ${expected} (${why})`, () => {
			const s = scoreHazardStage(fixtureScenario(), { answers: [ductAnswer({ measures })] });
			expect(points(s, 'duct', 'hazard.measure')).toBe(expected);
		});
	}

	// sign: key rectify_within_deadline within 3–7 days, share 0.1 × 4 = 0.4
	const sign: [HazardAnswer['measures'], number | null, number, string][] = [
		[['rectify_within_deadline'], 5, 0.4, 'inside the range'],
		[['rectify_within_deadline'], 3, 0.4, 'lower bound'],
		[['rectify_within_deadline'], 7, 0.4, 'upper bound'],
		[['rectify_within_deadline'], 2, 0, 'too short'],
		[['rectify_within_deadline'], 8, 0, 'too long'],
		[['rectify_within_deadline'], null, 0, 'no deadline'],
		[['remove_immediately'], 5, 0, 'deadline but not the measure']
	];
	for (const [measures, deadlineDays, expected, why] of sign) {
		it(`sign ${measures.join(',')} ${deadlineDays ?? '—'} days → ${expected} (${why})`, () => {
			const s = scoreHazardStage(fixtureScenario(), { answers: [signAnswer({ measures, deadlineDays })] });
			expect(points(s, 'sign', 'hazard.measure')).toBe(expected);
		});
	}

	it('explains the deadline check', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [signAnswer({ deadlineDays: 10 })] });
		expect(s.lines.find((l) => l.ref === 'sign' && l.rule === 'hazard.measure')?.detail).toEqual({
			expected: 'rectify_within_deadline',
			given: 'rectify_within_deadline',
			deadlineMin: 3,
			deadlineMax: 7,
			deadlineDays: 10,
			max: 0.4
		});
	});
});

describe('scoreHazardStage: decoys and the floor', () => {
	// [name, sheet, settings, total, decoy line, floor line]
	const cases: [string, HazardSheet, ScoringSettings, number, number | null, number | null][] = [
		['perfect duct and a flagged decoy: 10 − 2', { answers: [ductAnswer(), decoyAnswer] }, DEFAULT_SCORING, 8, -2, null],
		['only a decoy: −2 clamped to 0 by a +2 floor line', { answers: [decoyAnswer] }, DEFAULT_SCORING, 0, -2, 2],
		['sign found only (1.6) and a decoy: 1.6 − 2 = −0.4 → floor +0.4', { answers: [signAnswer({ classification: null, violated: [], penalty: [], measures: [] }), decoyAnswer] }, DEFAULT_SCORING, 0, -2, 0.4],
		['decoy penalty 0.5: sign found only 1.6 − 0.5 = 1.1', { answers: [signAnswer({ classification: null, violated: [], penalty: [], measures: [] }), decoyAnswer] }, { ...DEFAULT_SCORING, decoyPenalty: 0.5 }, 1.1, -0.5, null]
	];
	for (const [name, sheet, settings, total, decoy, floor] of cases) {
		it(name, () => {
			const s = scoreHazardStage(fixtureScenario(), sheet, settings);
			expect(s.total).toBe(total);
			expect(s.lines.find((l) => l.rule === 'decoy.flagged')?.points ?? null).toBe(decoy);
			expect(s.lines.find((l) => l.rule === 'stage.floor')?.points ?? null).toBe(floor);
			expect(sumLines(s)).toBeCloseTo(total, 10); // the lines always add up to the total
		});
	}

	it('the decoy line names the item', () => {
		const s = scoreHazardStage(fixtureScenario(), { answers: [decoyAnswer] });
		expect(s.lines.filter((l) => l.points !== 0)).toEqual([
			{ stage: 'hazard', ref: 'extinguisher', label: '灭火器', rule: 'decoy.flagged', points: -2 },
			{ stage: 'hazard', ref: 'stage', label: '', rule: 'stage.floor', points: 2, detail: { raw: -2 } }
		]);
	});
});

describe('scoreProcedureStage', () => {
	// P = 10, K = 2 steps: presence 0.6 × 10 / 2 = 3 per step; order up to 0.4 × 10 = 4, × LCS / 2;
	// each distractor −0.1 × 10 = −1; q1 5 points all-or-nothing. Max 10 + 5 = 15.
	const sheet = (cardKeys: string[], q1: string[] = []): ProcedureSheet => ({ cardKeys, questionAnswers: { q1 } });
	const cases: [string, ProcedureSheet, number, string][] = [
		['perfect', sheet(['s1', 's2'], ['a']), 15, '3 + 3 + 4 × 2/2 + 5'],
		['swapped', sheet(['s2', 's1']), 8, '3 + 3 + 4 × 1/2'],
		['one step missing', sheet(['s1']), 5, '3 + 0 + 4 × 1/2'],
		['nothing', sheet([]), 0, ''],
		['a distractor in between', sheet(['s1', 'x1', 's2']), 9, '3 + 3 + 4 − 1'],
		['only a distractor: floor', sheet(['x1']), 0, '−1 → 0'],
		['a distractor offset by a right answer', sheet(['x1'], ['a']), 4, '−1 + 5'],
		['repeated cards count once', sheet(['s1', 's1', 's2', 'x1', 'x1']), 9, '3 + 3 + 4 − 1'],
		['unknown cards are ignored', sheet(['s1', 'zzz', 's2']), 10, '3 + 3 + 4'],
		['no answers at all', { cardKeys: ['s1', 's2'], questionAnswers: {} }, 10, '3 + 3 + 4 + 0']
	];
	for (const [name, s, total, arithmetic] of cases) {
		it(`${name} → ${total} (${arithmetic})`, () => {
			const score = scoreProcedureStage(fixtureScenario(), s);
			expect(score.total).toBe(total);
			expect(score.max).toBe(15);
			expect(sumLines(score)).toBeCloseTo(total, 10);
		});
	}

	it('lists presence, order, wrong steps and questions', () => {
		const score = scoreProcedureStage(fixtureScenario(), sheet(['s2', 'x1', 's1'], ['a']));
		expect(score.lines).toEqual([
			{ stage: 'procedure', ref: 's1', label: '两名执法人员出示证件', rule: 'procedure.step_present', points: 3, detail: { present: 1, max: 3 } },
			{ stage: 'procedure', ref: 's2', label: '现场检查', rule: 'procedure.step_present', points: 3, detail: { present: 1, max: 3 } },
			{ stage: 'procedure', ref: 'procedure', label: '', rule: 'procedure.order', points: 2, detail: { lcs: 1, steps: 2, max: 4 } },
			{ stage: 'procedure', ref: 'x1', label: '一名执法人员单独检查', rule: 'procedure.wrong_step', points: -1 },
			{ stage: 'procedure', ref: 'q1', label: '负责人拒绝签字', rule: 'question', points: 5, detail: { correct: 1, selected: 'a', expected: 'a', max: 5 } }
		]);
		expect(score.total).toBe(12); // 3 + 3 + 2 − 1 + 5
	});

	it('orders four steps by LCS', () => {
		// P = 20, K = 4: presence 0.6 × 20 / 4 = 3 each (12); order 0.4 × 20 = 8 × LCS / 4; distractor −2.
		const content = fixtureScenario();
		content.procedure = {
			steps: ['s1', 's2', 's3', 's4'].map((key) => ({ key, text: key })),
			distractors: [{ key: 'x1', text: 'x1', explanation: '' }],
			points: 20
		};
		content.questions = [];
		const cases: [string[], number, string][] = [
			[['s1', 's2', 's3', 's4'], 20, '12 + 8 × 4/4'],
			[['s2', 's1', 's3', 's4'], 18, '12 + 8 × 3/4 (s1,s3,s4)'],
			[['s4', 's3', 's2', 's1'], 14, '12 + 8 × 1/4'],
			[['s1', 's3', 's4'], 15, '9 + 8 × 3/4'],
			[['s1', 'x1', 's2', 's3', 's4'], 18, '12 + 8 − 2']
		];
		for (const [cardKeys, total] of cases) {
			const score = scoreProcedureStage(content, { cardKeys, questionAnswers: {} });
			expect(score.total).toBe(total);
			expect(score.max).toBe(20);
		}
	});

	const questions: [string[], string[], number, string][] = [
		[['a'], ['a'], 5, 'exact set'],
		[['a'], ['a', 'a'], 5, 'a repeat is one selection'],
		[['a'], ['a', 'b'], 0, 'a superset earns nothing'],
		[['a'], ['b'], 0, 'wrong'],
		[['a'], [], 0, 'unanswered'],
		[['a', 'b'], ['b', 'a'], 5, 'multiple correct, any order'],
		[['a', 'b'], ['a'], 0, 'half of a multiple answer earns nothing']
	];
	for (const [correct, selected, expected, why] of questions) {
		it(`question correct ${correct} selected ${JSON.stringify(selected)} → ${expected} (${why})`, () => {
			const content = fixtureScenario();
			content.questions[0].correct = correct;
			const score = scoreProcedureStage(content, { cardKeys: [], questionAnswers: { q1: selected } });
			expect(points(score, 'q1', 'question')).toBe(expected);
		});
	}

	it('custom weights: presence only, 2 points per distractor', () => {
		const settings: ScoringSettings = { ...DEFAULT_SCORING, procedure: { presence: 1, order: 0, wrongStep: 0.2 } };
		// 10 / 2 = 5 per step; order 0; −0.2 × 10 = −2
		const score = scoreProcedureStage(fixtureScenario(), { cardKeys: ['s2', 's1', 'x1'], questionAnswers: {} }, settings);
		expect(score.total).toBe(8); // 5 + 5 + 0 − 2
	});

	it('a procedure without steps earns nothing from it but keeps its max', () => {
		const content = fixtureScenario();
		content.procedure.steps = [];
		const score = scoreProcedureStage(content, { cardKeys: ['x1'], questionAnswers: { q1: ['a'] } });
		expect(score.total).toBe(4); // −1 + 5
		expect(score.max).toBe(15);
	});
});

describe('scoreJudgedStage', () => {
	const rubric: RubricItem[] = [
		{ key: 'dress', title: '着装规范', maxPoints: 10 },
		{ key: 'speech', title: '用语文明', maxPoints: 20 }
	];
	const scores = (teamId: number, rubricKey: string, values: number[]): JudgeScore[] => values.map((points, i) => ({ judgeId: i + 1, teamId, rubricKey, points }));

	it('trims with 5 judges, plain mean with 4, and ignores other teams', () => {
		const all = [...scores(1, 'dress', [6, 7, 8, 9, 10]), ...scores(1, 'speech', [10, 12, 14, 19]), ...scores(2, 'dress', [0, 0, 0, 0, 0])];
		const s = scoreJudgedStage(rubric, all, 1);
		expect(s.lines).toEqual([
			// drop 6 and 10: (7 + 8 + 9) / 3 = 8
			{ stage: 'conduct', ref: 'dress', label: '着装规范', rule: 'judge.rubric', points: 8, detail: { judges: 5, trimmed: 1, max: 10 } },
			// (10 + 12 + 14 + 19) / 4 = 55 / 4 = 13.75
			{ stage: 'conduct', ref: 'speech', label: '用语文明', rule: 'judge.rubric', points: 13.75, detail: { judges: 4, trimmed: 0, max: 20 } }
		]);
		expect(s.total).toBe(21.75); // 8 + 13.75
		expect(s.max).toBe(30); // 10 + 20
	});

	const cases: [string, JudgeScore[], ScoringSettings, number, number, number][] = [
		// [name, scores for 'dress', settings, points, judges, trimmed]
		['no judges yet', [], DEFAULT_SCORING, 0, 0, 0],
		['one judge', scores(1, 'dress', [7]), DEFAULT_SCORING, 7, 1, 0],
		['7 judges: drop 0 and 10 → (7+7+8+8+9)/5 = 7.8', scores(1, 'dress', [0, 7, 7, 8, 8, 9, 10]), DEFAULT_SCORING, 7.8, 7, 1],
		['above max clamped: (10 + 6) / 2 = 8', scores(1, 'dress', [50, 6]), DEFAULT_SCORING, 8, 2, 0],
		['below 0 clamped: (0 + 9) / 2 = 4.5', scores(1, 'dress', [-3, 9]), DEFAULT_SCORING, 4.5, 2, 0],
		['trimAtJudges 3: drop 1 and 9 → 5', scores(1, 'dress', [1, 5, 9]), { ...DEFAULT_SCORING, trimAtJudges: 3 }, 5, 3, 1],
		['thirds round: (7 + 7 + 8) / 3 = 7.333… → 7.33', scores(1, 'dress', [7, 7, 8]), DEFAULT_SCORING, 7.33, 3, 0],
		['a judge entered twice: the later entry counts', [{ judgeId: 1, teamId: 1, rubricKey: 'dress', points: 4 }, { judgeId: 1, teamId: 1, rubricKey: 'dress', points: 8 }], DEFAULT_SCORING, 8, 1, 0]
	];
	for (const [name, judgeScores, settings, expected, judges, trimmed] of cases) {
		it(name, () => {
			const line = scoreJudgedStage(rubric, judgeScores, 1, settings).lines[0];
			expect(line.points).toBe(expected);
			expect(line.detail).toEqual({ judges, trimmed, max: 10 });
		});
	}

	it('takes the stage key for its lines', () => {
		expect(scoreJudgedStage(rubric, [], 1, DEFAULT_SCORING, 'document').lines.map((l) => l.stage)).toEqual(['document', 'document']);
	});
});

describe('totalScore', () => {
	const cases: [string, { key: string; weight: number; score: number; max: number }[], number][] = [
		[
			'40 × 7/14 + 15 × 12/15 + 10 × 21.75/30 = 20 + 12 + 7.25',
			[
				{ key: 'hazard', weight: 40, score: 7, max: 14 },
				{ key: 'procedure', weight: 15, score: 12, max: 15 },
				{ key: 'conduct', weight: 10, score: 21.75, max: 30 }
			],
			39.25
		],
		[
			'full marks with weights summing to 100 → 100',
			[
				{ key: 'theory', weight: 20, score: 100, max: 100 },
				{ key: 'hazard', weight: 40, score: 14, max: 14 },
				{ key: 'procedure', weight: 15, score: 15, max: 15 },
				{ key: 'document', weight: 15, score: 30, max: 30 },
				{ key: 'conduct', weight: 10, score: 30, max: 30 }
			],
			100
		],
		['a stage with max 0 adds 0', [{ key: 'theory', weight: 20, score: 0, max: 0 }], 0],
		['100 × 1/3 = 33.333… → 33.33', [{ key: 'x', weight: 100, score: 1, max: 3 }], 33.33],
		['100 × 2/3 = 66.666… → 66.67', [{ key: 'x', weight: 100, score: 2, max: 3 }], 66.67],
		['no stages', [], 0]
	];
	for (const [name, stages, expected] of cases) {
		it(name, () => expect(totalScore(stages)).toBe(expected));
	}
});

describe('re-scoring', () => {
	const sheet: HazardSheet = { answers: [ductAnswer({ violated: ['《安全生产法》第三十六条第一款、第三十七条'] }), signAnswer(), decoyAnswer] };
	const procedure: ProcedureSheet = { cardKeys: ['s2', 'x1', 's1'], questionAnswers: { q1: ['a'] } };

	it('the same inputs give deep-equal results and leave the inputs untouched', () => {
		const content = fixtureScenario();
		const before = structuredClone({ content, sheet, procedure });
		expect(scoreHazardStage(content, sheet)).toEqual(scoreHazardStage(structuredClone(content), structuredClone(sheet)));
		expect(scoreProcedureStage(content, procedure)).toEqual(scoreProcedureStage(structuredClone(content), structuredClone(procedure)));
		const judged: JudgeScore[] = [5, 9, 7, 6, 8].map((points, i) => ({ judgeId: i + 1, teamId: 1, rubricKey: 'r', points }));
		const rubric: RubricItem[] = [{ key: 'r', title: '文明执法', maxPoints: 10 }];
		expect(scoreJudgedStage(rubric, judged, 1)).toEqual(scoreJudgedStage(rubric, [...judged].reverse(), 1));
		expect({ content, sheet, procedure }).toEqual(before);
	});

	const changedLines = (a: StageScore, b: StageScore) => {
		expect(b.lines).toHaveLength(a.lines.length);
		return a.lines.flatMap((l, i) => (JSON.stringify(l) === JSON.stringify(b.lines[i]) ? [] : [`${l.ref} ${l.rule} ${l.points} → ${b.lines[i].points}`]));
	};

	it('correcting a classification in the key changes exactly that line', () => {
		const content = fixtureScenario();
		const before = scoreHazardStage(content, sheet);
		Object.assign(hazardKey(content, 'sign'), { classification: 'major', majorCriterion: '《工贸企业重大事故隐患判定标准》第四条' });
		const after = scoreHazardStage(content, sheet);
		expect(changedLines(before, after)).toEqual(['sign hazard.classification 0.4 → 0']);
		// before: duct 4 + 1 + 1/2 × 2 + 2 + 1 = 9, sign 4, decoy −2 → 11; after: 11 − 0.4
		expect(before.total).toBe(11);
		expect(after.total).toBe(10.6);
	});

	it('correcting a penalty provision changes exactly that line', () => {
		const content = fixtureScenario();
		const before = scoreHazardStage(content, sheet);
		hazardKey(content, 'duct').penalty = ['《安全生产法》第九十九条第（三）项'];
		const after = scoreHazardStage(content, sheet);
		// The team's 第九十九条第（二）项 is now article-only: 0.5 × 2 = 1
		expect(changedLines(before, after)).toEqual(['duct hazard.penalty 2 → 1']);
		expect(after.total).toBe(10); // 11 − 1
	});

	it('correcting a key the team still matches changes nothing', () => {
		const content = fixtureScenario();
		const before = scoreHazardStage(content, sheet);
		hazardKey(content, 'duct').violated = ['《安全生产法》第三十六条']; // the team's 第三十六条第一款 is still exact
		expect(changedLines(before, scoreHazardStage(content, sheet))).toEqual([]);
	});

	it('raising a hazard’s points changes its lines and the max only', () => {
		const content = fixtureScenario();
		const before = scoreHazardStage(content, sheet);
		hazardKey(content, 'sign').points = 5;
		const after = scoreHazardStage(content, sheet);
		// sign at P = 5: 2 + 0.5 + 1 + 1 + 0.5
		expect(changedLines(before, after)).toEqual([
			'sign hazard.found 1.6 → 2',
			'sign hazard.classification 0.4 → 0.5',
			'sign hazard.violated 0.8 → 1',
			'sign hazard.penalty 0.8 → 1',
			'sign hazard.measure 0.4 → 0.5'
		]);
		expect(after.max).toBe(15);
		expect(after.total).toBe(12);
	});
});
