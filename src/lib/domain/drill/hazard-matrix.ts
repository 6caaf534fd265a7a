/**
 * The 隐患矩阵 of a drill: planted hazard × team, for the trainers' review of which hazards the field
 * found hard. Built from the scored line items only (no sheets, no key beyond titles and points), so
 * it always agrees with the scores on the results page.
 */
import type { ScenarioContent } from '../scenario/types';
import { roundPoints } from './points';
import type { LineItem } from './scoring';

/** A planted hazard as the matrix lists it; `area` is the area's name. */
export interface PlantedHazard {
	key: string;
	title: string;
	area: string;
	points: number;
}

/** The part of a drillResults team the matrix reads. */
export interface MatrixTeamInput {
	teamId: number;
	name: string;
	stages: readonly { kind: string; lines: readonly LineItem[] }[];
}

export interface HazardCell {
	teamId: number;
	/** Σ of the team's line points on this hazard (found, classification, provisions, measure). */
	earned: number;
	found: boolean;
}

export interface HazardRow extends PlantedHazard {
	/** One cell per team, in the order the teams were given. */
	cells: HazardCell[];
	foundCount: number;
	/** foundCount ÷ number of teams (0…1); null when there are no teams, as a share of nobody means nothing. */
	foundRate: number | null;
}

export interface FlaggedDecoy {
	ref: string;
	label: string;
	/** The deduction (negative). */
	points: number;
}

export interface HazardMatrix {
	teams: { teamId: number; name: string; decoys: FlaggedDecoy[]; decoyPoints: number }[];
	rows: HazardRow[];
}

/** The scenario's planted hazards in scenario order (areas, then items), decoys left out. */
export function plantedHazards(content: ScenarioContent): PlantedHazard[] {
	return content.areas.flatMap((area) =>
		area.items.flatMap((item) => (item.answer.kind === 'hazard' ? [{ key: item.key, title: item.title, area: area.name, points: item.answer.points }] : []))
	);
}

/**
 * Rows in the order of `hazards`, cells in the order of `teams`. Only lines of 'hazard' stages count;
 * a drill with two of them adds both up (found = found in either). Line items for keys that are not
 * in `hazards` are ignored, so a stale list can never invent a row.
 */
export function hazardMatrix(teams: readonly MatrixTeamInput[], hazards: readonly PlantedHazard[]): HazardMatrix {
	const hazardLines = teams.map((t) => t.stages.filter((s) => s.kind === 'hazard').flatMap((s) => s.lines));
	const rows = hazards.map((h): HazardRow => {
		const cells = teams.map((t, i): HazardCell => {
			const mine = hazardLines[i].filter((l) => l.ref === h.key && l.rule.startsWith('hazard.'));
			return {
				teamId: t.teamId,
				earned: roundPoints(mine.reduce((s, l) => s + l.points, 0)),
				found: mine.some((l) => l.rule === 'hazard.found' && l.detail?.found === 1)
			};
		});
		const foundCount = cells.filter((c) => c.found).length;
		return { ...h, cells, foundCount, foundRate: teams.length ? foundCount / teams.length : null };
	});
	return {
		teams: teams.map((t, i) => {
			const decoys = hazardLines[i].filter((l) => l.rule === 'decoy.flagged').map((l) => ({ ref: l.ref, label: l.label, points: l.points }));
			return { teamId: t.teamId, name: t.name, decoys, decoyPoints: roundPoints(decoys.reduce((s, d) => s + d.points, 0)) };
		}),
		rows
	};
}
