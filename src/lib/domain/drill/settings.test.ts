import { describe, expect, it } from 'vitest';
import { checkScoringSettings } from './settings';
import { DEFAULT_SCORING, type ScoringSettings } from './types';

const variant = (change: (s: ScoringSettings) => void): ScoringSettings => {
	const s = structuredClone(DEFAULT_SCORING);
	change(s);
	return s;
};

describe('DEFAULT_SCORING', () => {
	it('has the agreed defaults', () => {
		expect(DEFAULT_SCORING).toEqual({
			hazard: { found: 0.4, classification: 0.1, violated: 0.2, penalty: 0.2, measure: 0.1 },
			citationCredit: { exact: 1, article: 0.5, law: 0, wrong: 0 },
			decoyPenalty: 2,
			procedure: { presence: 0.6, order: 0.4, wrongStep: 0.1 },
			trimAtJudges: 5,
			stageWeights: { theory: 20, hazard: 40, procedure: 15, document: 15, conduct: 10 }
		});
	});
	it('stage weights sum to 100', () => {
		expect(Object.values(DEFAULT_SCORING.stageWeights).reduce((a, b) => a + b, 0)).toBe(100);
	});
	it('cannot be changed by accident', () => {
		expect(Object.isFrozen(DEFAULT_SCORING.hazard)).toBe(true);
		expect(() => {
			(DEFAULT_SCORING.hazard as { found: number }).found = 1;
		}).toThrow(TypeError);
	});
});

describe('checkScoringSettings', () => {
	it('accepts the defaults', () => expect(checkScoringSettings(DEFAULT_SCORING)).toEqual({ ok: true, value: DEFAULT_SCORING }));

	const cases: [string, ScoringSettings, string][] = [
		['hazard shares not summing to 1', variant((s) => (s.hazard.found = 0.5)), 'scoring.hazard_weights'],
		['a negative hazard share', variant((s) => Object.assign(s.hazard, { found: 0.6, measure: -0.1 })), 'scoring.hazard_weights'],
		['presence + order ≠ 1', variant((s) => (s.procedure.order = 0.5)), 'scoring.procedure_weights'],
		['wrong-step share above 1', variant((s) => (s.procedure.wrongStep = 1.5)), 'scoring.procedure_weights'],
		['article credit above exact', variant((s) => (s.citationCredit.article = 1.2)), 'scoring.citation_credit'],
		['a worse grade earning more', variant((s) => (s.citationCredit.law = 0.6)), 'scoring.citation_credit'],
		['negative decoy penalty', variant((s) => (s.decoyPenalty = -2)), 'scoring.decoy_penalty'],
		['trimAtJudges below 3', variant((s) => (s.trimAtJudges = 2)), 'scoring.trim_at'],
		['fractional trimAtJudges', variant((s) => (s.trimAtJudges = 4.5)), 'scoring.trim_at'],
		['negative stage weight', variant((s) => (s.stageWeights.theory = -1)), 'scoring.stage_weights']
	];
	for (const [name, settings, code] of cases) {
		it(`${name} → ${code}`, () => expect(checkScoringSettings(settings)).toEqual({ ok: false, error: { code } }));
	}

	it('accepts other shares that sum to 1', () => {
		const s = variant((x) => Object.assign(x.hazard, { found: 0.5, classification: 0.1, violated: 0.15, penalty: 0.15, measure: 0.1 }));
		expect(checkScoringSettings(s).ok).toBe(true);
	});
});
