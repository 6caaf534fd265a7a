import { describe, expect, it } from 'vitest';
import { emptyScenario, type ScenarioContent } from '$lib/domain/scenario/types';
import { addDistractor, addStep, moveCard, removeCard, setProcedurePoints, updateDistractor, updateStep } from './procedure-edits';

function value(r: { ok: true; value: ScenarioContent } | { ok: false; error: { code: string } }): ScenarioContent {
	if (!r.ok) throw new Error(r.error.code);
	return r.value;
}

const withSteps = () => {
	let c = emptyScenario('t');
	for (const t of ['出示证件', '检查现场', '制作笔录']) c = value(addStep(c, t));
	return value(addDistractor(c, { text: '当场罚款', explanation: '不得当场收缴' }));
};

describe('procedure edits', () => {
	it('adds steps and distractors with keys unused elsewhere', () => {
		const c = withSteps();
		expect(c.procedure.steps.map((s) => s.key)).toEqual(['step1', 'step2', 'step3']);
		expect(c.procedure.distractors).toEqual([{ key: 'wrong1', text: '当场罚款', explanation: '不得当场收缴' }]);
	});

	it.each([
		['step2', -1, ['step2', 'step1', 'step3']],
		['step2', 1, ['step1', 'step3', 'step2']],
		['step1', -1, ['step1', 'step2', 'step3']],
		['step3', 1, ['step1', 'step2', 'step3']]
	] as const)('moves %s by %i', (key, by, order) => {
		expect(value(moveCard(withSteps(), 'steps', key, by)).procedure.steps.map((s) => s.key)).toEqual(order);
	});

	it('edits the text of a step and of a distractor', () => {
		const c = value(updateStep(withSteps(), 'step1', '表明身份'));
		expect(c.procedure.steps[0]).toEqual({ key: 'step1', text: '表明身份' });
		const d = value(updateDistractor(c, 'wrong1', { text: '先罚款', explanation: '违法' }));
		expect(d.procedure.distractors[0]).toEqual({ key: 'wrong1', text: '先罚款', explanation: '违法' });
	});

	it('removes a card and sets points', () => {
		const c = value(setProcedurePoints(value(removeCard(withSteps(), 'steps', 'step2')), 20));
		expect(c.procedure.steps.map((s) => s.key)).toEqual(['step1', 'step3']);
		expect(c.procedure.points).toBe(20);
	});

	it('refuses a card that is not there', () => {
		for (const r of [updateStep(withSteps(), 'nope', 'x'), updateDistractor(withSteps(), 'step1', { text: 'x', explanation: '' }), moveCard(withSteps(), 'distractors', 'step1', 1), removeCard(withSteps(), 'steps', 'wrong1')]) {
			expect(r.ok ? null : r.error.code).toBe('scenario.step_not_found');
		}
	});
});
