/**
 * Ranking and awards (DESIGN.md: scoreboard, 一等奖/二等奖/三等奖 counts). Pure and deterministic:
 * the same teams in any input order give the same ranking.
 */
import { roundPoints } from './points';

export interface RankInput {
	teamId: number;
	/** The drill total (totalScore). */
	total: number;
	/** The 现场检查 stage score: finding hazards is the core skill, so it breaks ties first. */
	hazardScore: number;
	/** When the team submitted its last stage (ms); null = never submitted, ranks after any time. */
	finalSubmittedAt: number | null;
}

export interface RankedTeam extends RankInput {
	/** Standard competition ranking: 1, 1, 3. */
	rank: number;
	/** What separates this team from the one above: null for the first, 'tie' when nothing does. */
	decidedBy: 'total' | 'hazard' | 'submission' | 'tie' | null;
}

/** Compared at display precision, so that float noise (0.1 + 0.2) never splits a tie. */
const byScore = (a: number, b: number) => roundPoints(b) - roundPoints(a);

function bySubmission(a: number | null, b: number | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a - b;
}

/**
 * Orders teams by total (higher first), then hazard score (higher first), then earlier final
 * submission (never submitted last). Teams equal on all three share a rank and the next rank skips
 * (1, 1, 3): a rank then still says how many teams did better, which is what award counts use.
 * Teams sharing a rank are listed by teamId, only for a stable display.
 */
export function rankTeams(teams: readonly RankInput[]): RankedTeam[] {
	const sorted = [...teams].sort(
		(a, b) => byScore(a.total, b.total) || byScore(a.hazardScore, b.hazardScore) || bySubmission(a.finalSubmittedAt, b.finalSubmittedAt) || a.teamId - b.teamId
	);
	const out: RankedTeam[] = [];
	sorted.forEach((t, i) => {
		const above = out[i - 1];
		let decidedBy: RankedTeam['decidedBy'] = null;
		if (above) {
			if (byScore(above.total, t.total) !== 0) decidedBy = 'total';
			else if (byScore(above.hazardScore, t.hazardScore) !== 0) decidedBy = 'hazard';
			else if (bySubmission(above.finalSubmittedAt, t.finalSubmittedAt) !== 0) decidedBy = 'submission';
			else decidedBy = 'tie';
		}
		const rank = above && decidedBy === 'tie' ? above.rank : i + 1;
		out.push({ ...t, rank, decidedBy });
	});
	return out;
}

/** Award codes, best first; the Chinese names (一等奖 …) belong in i18n/zh.ts. */
export const AWARD_TIERS = ['first', 'second', 'third'] as const;
export type AwardTier = (typeof AWARD_TIERS)[number];

/** How many places each tier has. */
export type AwardTierCounts = Record<AwardTier, number>;

/**
 * Awards by rank: rank ≤ first → 'first'; rank ≤ first + second → 'second'; rank ≤ first + second +
 * third → 'third'; else null. Tied teams share a rank, so they always get the same award, the better
 * one when a tie straddles a boundary. The places the tie takes up come out of the next tier (with
 * 1 first prize and ranks 1, 1, 3, both rank-1 teams get 一等奖 and the next tier starts at rank 3),
 * and a tie straddling the last boundary awards every tied team (more 三等奖 than planned rather
 * than refusing one of two equal teams). Counts are floored and negative counts read as 0.
 */
export function awards(
	ranking: readonly { teamId: number; rank: number }[],
	tiers: AwardTierCounts
): { teamId: number; rank: number; award: AwardTier | null }[] {
	let limit = 0;
	const limits = AWARD_TIERS.map((tier) => (limit += Math.max(0, Math.floor(tiers[tier]))));
	return ranking.map(({ teamId, rank }) => {
		const i = limits.findIndex((l) => rank <= l);
		return { teamId, rank, award: i < 0 ? null : AWARD_TIERS[i] };
	});
}
