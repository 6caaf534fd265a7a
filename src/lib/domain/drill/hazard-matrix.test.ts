import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../scenario/test-fixture';
import { hazardMatrix, plantedHazards, type MatrixTeamInput, type PlantedHazard } from './hazard-matrix';
import { scoreHazardStage, type LineItem, type ScoreRule } from './scoring';

const HAZARDS: PlantedHazard[] = [
	{ key: 'duct', title: '除尘器', area: '抛光车间', points: 10 },
	{ key: 'sign', title: '警示标志', area: '抛光车间', points: 4 }
];

const line = (rule: ScoreRule, ref: string, points: number, detail?: Record<string, number>): LineItem => ({
	stage: 'hazard',
	ref,
	label: ref,
	rule,
	points,
	detail
});
/** The five lines of a hazard the team flagged, earning the given points on each. */
const found = (ref: string, [f, c, v, p, m]: number[]) => [
	line('hazard.found', ref, f, { found: 1 }),
	line('hazard.classification', ref, c),
	line('hazard.violated', ref, v),
	line('hazard.penalty', ref, p),
	line('hazard.measure', ref, m)
];
/** The zero lines of a hazard the team did not flag. */
const HAZARD_RULES = ['hazard.found', 'hazard.classification', 'hazard.violated', 'hazard.penalty', 'hazard.measure'] as const;
const missed = (ref: string) => HAZARD_RULES.map((r) => line(r, ref, 0, { found: 0 }));
const team = (teamId: number, ...stages: { kind: string; lines: LineItem[] }[]): MatrixTeamInput => ({ teamId, name: `队${teamId}`, stages });
const hazardStage = (...lines: LineItem[][]) => ({ kind: 'hazard', lines: lines.flat() });

type Cell = [earned: number, found: boolean];

describe('hazardMatrix', () => {
	it.each<[string, MatrixTeamInput[], Cell[][], (number | null)[]]>([
		[
			'one team right on the dust hazard, the other partly right (4 + 0 + 1 + 0.5 + 0); nobody finds the sign',
			[team(1, hazardStage(found('duct', [4, 1, 2, 2, 1]), missed('sign'))), team(2, hazardStage(found('duct', [4, 0, 1, 0.5, 0]), missed('sign')))],
			[
				[
					[10, true],
					[5.5, true]
				],
				[
					[0, false],
					[0, false]
				]
			],
			[1, 0]
		],
		[
			'found is read from detail.found, not from points: a found line worth 0 still counts',
			[
				team(1, hazardStage(found('duct', [0, 0, 0, 0, 0]), found('sign', [1.6, 0.4, 0, 0, 0]))),
				team(2, hazardStage(missed('duct'), missed('sign'))),
				team(3, hazardStage())
			],
			[
				[
					[0, true],
					[0, false],
					[0, false]
				],
				[
					[2, true],
					[0, false],
					[0, false]
				]
			],
			[1 / 3, 1 / 3]
		],
		[
			'procedure lines, the stage floor and decoy lines on the same ref do not count toward a hazard',
			[
				team(
					1,
					hazardStage(found('sign', [1.6, 0.4, 0.8, 0.8, 0.4]), [line('decoy.flagged', 'duct', -2), line('stage.floor', 'stage', 2)]),
					{ kind: 'procedure', lines: [line('question', 'duct', 5, { found: 1 })] }
				)
			],
			[[[0, false]], [[4, true]]],
			[0, 1]
		],
		[
			'two hazard stages add up; floats are rounded to 2 decimals',
			[team(1, hazardStage(found('duct', [0.1, 0.2, 0, 0, 0])), hazardStage(missed('duct')))],
			[[[0.3, true]], [[0, false]]],
			[1, 0]
		],
		['no teams: empty cells and no rate', [], [[], []], [null, null]]
	])('%s', (_name, teams, cells, rates) => {
		const m = hazardMatrix(teams, HAZARDS);
		expect(m.rows.map((r) => r.key)).toEqual(['duct', 'sign']);
		expect(m.rows.map((r) => r.cells.map((c) => [c.earned, c.found]))).toEqual(cells);
		expect(m.rows.map((r) => r.cells.map((c) => c.teamId))).toEqual(cells.map(() => teams.map((t) => t.teamId)));
		expect(m.rows.map((r) => r.foundRate)).toEqual(rates);
	});

	it('lists each team’s flagged decoys with the deduction', () => {
		const m = hazardMatrix(
			[team(1, hazardStage(missed('duct'))), team(2, hazardStage([line('decoy.flagged', 'extinguisher', -2), line('decoy.flagged', 'ladder', -2)]))],
			HAZARDS
		);
		expect(m.teams).toEqual([
			{ teamId: 1, name: '队1', decoys: [], decoyPoints: 0 },
			{
				teamId: 2,
				name: '队2',
				decoys: [
					{ ref: 'extinguisher', label: 'extinguisher', points: -2 },
					{ ref: 'ladder', label: 'ladder', points: -2 }
				],
				decoyPoints: -4
			}
		]);
	});

	it('agrees with the real scorer on the fixture scenario', () => {
		const content = fixtureScenario();
		const answer = {
			classification: 'major' as const,
			violated: ['《安全生产法》第三十六条第一款'],
			penalty: ['《安全生产法》第九十九条第（二）项'],
			measures: ['stop_using_equipment' as const],
			deadlineDays: null,
			note: ''
		};
		// Exactly the key on the 10-point dust hazard; the extinguisher is a decoy (−2); the sign is missed.
		const scored = scoreHazardStage(content, { answers: [{ itemKey: 'duct', ...answer }, { itemKey: 'extinguisher', ...answer }] });
		const hazards = plantedHazards(content);
		expect(hazards).toEqual(HAZARDS);
		const m = hazardMatrix([{ teamId: 7, name: '甲队', stages: [{ kind: 'hazard', lines: scored.lines }] }], hazards);
		expect(m.rows.map((r) => [r.title, r.cells[0].earned, r.cells[0].found, r.foundCount])).toEqual([
			['除尘器', 10, true, 1],
			['警示标志', 0, false, 0]
		]);
		expect(m.teams[0].decoys).toEqual([{ ref: 'extinguisher', label: '灭火器', points: -2 }]);
	});
});
