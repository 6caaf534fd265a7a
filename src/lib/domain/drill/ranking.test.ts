import { describe, expect, it } from 'vitest';
import { awards, rankTeams, type AwardTier, type AwardTierCounts, type RankInput } from './ranking';

const team = (teamId: number, total: number, hazardScore: number, finalSubmittedAt: number | null): RankInput => ({ teamId, total, hazardScore, finalSubmittedAt });
const brief = (teams: RankInput[]) => rankTeams(teams).map((t) => [t.teamId, t.rank, t.decidedBy]);

describe('rankTeams', () => {
	// [name, teams, [teamId, rank, decidedBy] in order]
	const cases: [string, RankInput[], (number | string | null)[][]][] = [
		['by total, higher first', [team(1, 80, 0, 1), team(2, 90, 0, 1), team(3, 70, 0, 1)], [[2, 1, null], [1, 2, 'total'], [3, 3, 'total']]],
		['equal totals: higher hazard score first', [team(1, 85, 30, 1), team(2, 85, 35, 2)], [[2, 1, null], [1, 2, 'hazard']]],
		['equal totals and hazard: earlier final submission first', [team(1, 85, 30, 2000), team(2, 85, 30, 1000)], [[2, 1, null], [1, 2, 'submission']]],
		['never submitted ranks after any submission', [team(1, 85, 30, null), team(2, 85, 30, 9999)], [[2, 1, null], [1, 2, 'submission']]],
		['equal on all: same rank, the next skips (1, 1, 3)', [team(3, 80, 10, 5), team(2, 85, 30, 1000), team(1, 85, 30, 1000)], [[1, 1, null], [2, 1, 'tie'], [3, 3, 'total']]],
		['both never submitted: a tie', [team(2, 50, 5, null), team(1, 50, 5, null)], [[1, 1, null], [2, 1, 'tie']]],
		['three-way tie then one more', [team(1, 60, 1, 1), team(2, 60, 1, 1), team(3, 60, 1, 1), team(4, 59, 9, 0)], [[1, 1, null], [2, 1, 'tie'], [3, 1, 'tie'], [4, 4, 'total']]],
		['float noise does not split a tie: 0.1 + 0.2 vs 0.3', [team(1, 0.1 + 0.2, 0, 1), team(2, 0.3, 0, 1)], [[1, 1, null], [2, 1, 'tie']]],
		['empty', [], []]
	];
	for (const [name, teams, expected] of cases) {
		it(name, () => expect(brief(teams)).toEqual(expected));
	}

	it('does not depend on input order', () => {
		const teams = [team(1, 85, 30, 1000), team(2, 85, 30, 1000), team(3, 85, 35, null), team(4, 90, 0, null), team(5, 85, 30, 500)];
		expect(rankTeams([...teams].reverse())).toEqual(rankTeams(teams));
		expect(brief(teams)).toEqual([[4, 1, null], [3, 2, 'total'], [5, 3, 'hazard'], [1, 4, 'submission'], [2, 4, 'tie']]);
	});

	it('keeps the input fields', () => {
		expect(rankTeams([team(9, 70.5, 20.25, 123)])).toEqual([{ teamId: 9, total: 70.5, hazardScore: 20.25, finalSubmittedAt: 123, rank: 1, decidedBy: null }]);
	});
});

describe('awards', () => {
	const ranked = (ranks: number[]) => ranks.map((rank, i) => ({ teamId: i + 1, rank }));
	// [name, ranks in order, tiers, expected award per team]
	const cases: [string, number[], AwardTierCounts, (AwardTier | null)[]][] = [
		['1/2/3 without ties', [1, 2, 3, 4, 5, 6, 7], { first: 1, second: 2, third: 3 }, ['first', 'second', 'second', 'third', 'third', 'third', null]],
		['tie for first with 1 first prize: both first, next tier from rank 3', [1, 1, 3, 4, 5], { first: 1, second: 2, third: 2 }, ['first', 'first', 'second', 'third', 'third']],
		['tie straddling first/second boundary takes the better tier and uses up second places', [1, 2, 2, 4], { first: 2, second: 1, third: 1 }, ['first', 'first', 'first', 'third']],
		['tie straddling the last boundary: every tied team gets 三等奖', [1, 2, 3, 3, 5], { first: 1, second: 1, third: 1 }, ['first', 'second', 'third', 'third', null]],
		['tie inside a tier', [1, 2, 2, 4], { first: 1, second: 2, third: 1 }, ['first', 'second', 'second', 'third']],
		['a tier with no places is skipped', [1, 2, 3], { first: 0, second: 2, third: 0 }, ['second', 'second', null]],
		['negative and fractional counts', [1, 2, 3], { first: -1, second: 1.9, third: 1 }, ['second', 'third', null]],
		['no teams', [], { first: 1, second: 1, third: 1 }, []]
	];
	for (const [name, ranks, tiers, expected] of cases) {
		it(name, () => {
			const got = awards(ranked(ranks), tiers);
			expect(got.map((a) => a.award)).toEqual(expected);
			expect(got.map((a) => a.rank)).toEqual(ranks);
		});
	}

	it('works on rankTeams output', () => {
		const ranking = rankTeams([team(1, 90, 0, 1), team(2, 90, 0, 1), team(3, 80, 0, 1)]);
		expect(awards(ranking, { first: 1, second: 1, third: 1 })).toEqual([
			{ teamId: 1, rank: 1, award: 'first' },
			{ teamId: 2, rank: 1, award: 'first' },
			{ teamId: 3, rank: 3, award: 'third' } // rank 3 > 1 + 1 places, ≤ 1 + 1 + 1
		]);
	});
});
