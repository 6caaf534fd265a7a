/**
 * Checks scoring settings before a drill stores them: shares that do not add up would make a hazard
 * worth more or less than its points without anyone noticing.
 */
import { CITATION_GRADES } from '../law/compare';
import { err, ok, type Result } from '../result';
import { STAGE_KINDS, type ScoringSettings } from './types';

export type ScoringSettingsError =
	| 'scoring.hazard_weights'
	| 'scoring.procedure_weights'
	| 'scoring.citation_credit'
	| 'scoring.decoy_penalty'
	| 'scoring.trim_at'
	| 'scoring.stage_weights';

const EPSILON = 1e-9;
const isShare = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
const sumsToOne = (xs: number[]) => Math.abs(xs.reduce((s, x) => s + x, 0) - 1) < EPSILON;

/**
 * Ok when: the five hazard shares are each 0…1 and sum to 1; procedure presence + order sum to 1 and
 * wrongStep is 0…1; citation credits are 0…1 and never better for a worse grade; the decoy penalty is
 * ≥ 0; trimAtJudges is an integer ≥ 3; stage weights are ≥ 0 (their sum is the drill's own business).
 */
export function checkScoringSettings(s: ScoringSettings): Result<ScoringSettings, ScoringSettingsError> {
	const hazard = [s.hazard.found, s.hazard.classification, s.hazard.violated, s.hazard.penalty, s.hazard.measure];
	if (!hazard.every(isShare) || !sumsToOne(hazard)) return err('scoring.hazard_weights');
	const { presence, order, wrongStep } = s.procedure;
	if (![presence, order, wrongStep].every(isShare) || !sumsToOne([presence, order])) return err('scoring.procedure_weights');
	const credits = CITATION_GRADES.map((g) => s.citationCredit[g]);
	if (!credits.every(isShare) || credits.some((c, i) => i > 0 && c > credits[i - 1])) return err('scoring.citation_credit');
	if (!Number.isFinite(s.decoyPenalty) || s.decoyPenalty < 0) return err('scoring.decoy_penalty');
	if (!Number.isInteger(s.trimAtJudges) || s.trimAtJudges < 3) return err('scoring.trim_at');
	if (!STAGE_KINDS.every((k) => Number.isFinite(s.stageWeights[k]) && s.stageWeights[k] >= 0)) return err('scoring.stage_weights');
	return ok(s);
}
