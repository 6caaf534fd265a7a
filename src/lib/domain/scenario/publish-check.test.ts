import { describe, expect, it } from 'vitest';
import { checkScenario, hasBlockingProblems, type CheckContext } from './publish-check';
import { fixtureScenario } from './test-fixture';
import type { HazardKey, ScenarioContent } from './types';

const ctx: CheckContext = {
	library: {
		articles: new Map([
			['work-safety-law', new Set([35, 36, 41, 99, 102])],
			['major-hazard-criteria', new Set([11, 12])]
		]),
		complete: new Map([
			['work-safety-law', true],
			['major-hazard-criteria', true]
		])
	},
	imageExists: (id) => id === 'existingimage0001'
};

const hazard = (c: ScenarioContent, i = 0) => c.areas[0].items[i].answer as HazardKey;
const codes = (c: ScenarioContent) => checkScenario(c, ctx).map((p) => `${p.severity}:${p.code}`);

describe('checkScenario', () => {
	it('passes the fixture without problems', () => {
		expect(codes(fixtureScenario())).toEqual([]);
	});

	const cases: { name: string; mutate: (c: ScenarioContent) => void; expected: string[] }[] = [
		{ name: 'no areas', mutate: (c) => (c.areas = []), expected: ['error:scenario.no_areas'] },
		{
			name: 'no hazards',
			mutate: (c) => (c.areas[0].items = c.areas[0].items.filter((i) => i.answer.kind === 'decoy')),
			expected: ['error:scenario.no_hazards']
		},
		{ name: 'no decoys', mutate: (c) => c.areas[0].items.pop(), expected: ['warning:scenario.no_decoys'] },
		{ name: 'hazard without violated provision', mutate: (c) => (hazard(c, 1).violated = []), expected: ['error:hazard.no_violated'] },
		{ name: 'hazard without penalty provision', mutate: (c) => (hazard(c, 1).penalty = []), expected: ['error:hazard.no_penalty'] },
		{ name: 'free text that is no citation', mutate: (c) => (hazard(c, 1).violated = ['违反安全生产有关规定']), expected: ['error:citation.unparseable'] },
		{ name: 'unknown law', mutate: (c) => (hazard(c, 1).violated = ['《某某安全条例》第五条']), expected: ['error:citation.unknown_law'] },
		{ name: 'article that does not exist (complete law)', mutate: (c) => (hazard(c, 1).violated = ['《安全生产法》第一百二十条']), expected: ['error:citation.no_such_article'] },
		{ name: 'old-edition citation', mutate: (c) => (hazard(c, 1).penalty = ['《安全生产法》（2014年修正）第九十八条']), expected: ['error:citation.superseded'] },
		{ name: 'law not loaded: a warning, not a block', mutate: (c) => (hazard(c, 1).violated = ['《消防法》第十六条']), expected: ['warning:citation.unverifiable'] },
		{ name: '重大 without 判定标准 item', mutate: (c) => (hazard(c, 0).majorCriterion = null), expected: ['error:hazard.major_without_criterion'] },
		{ name: '重大 citing another law as criterion', mutate: (c) => (hazard(c, 0).majorCriterion = '《安全生产法》第三十六条'), expected: ['error:hazard.criterion_not_criteria'] },
		{ name: '判定标准 article that does not exist', mutate: (c) => (hazard(c, 0).majorCriterion = '《工贸企业重大事故隐患判定标准》第十六条'), expected: ['error:citation.no_such_article'] },
		{ name: 'missing area picture', mutate: (c) => (c.areas[0].image = { id: 'missingimage00001' }), expected: ['error:image.missing'] },
		{ name: 'existing area picture, item without hotspot', mutate: (c) => ((c.areas[0].image = { id: 'existingimage0001' }), (c.areas[0].items[2].hotspot = null)), expected: ['warning:item.no_hotspot'] },
		{ name: 'missing item photo', mutate: (c) => (c.areas[0].items[1].photo = { id: 'missingimage00002' }), expected: ['error:image.missing'] },
		{ name: 'deadline measure without deadline', mutate: (c) => (hazard(c, 1).deadlineDays = null), expected: ['error:hazard.no_deadline'] },
		{ name: 'no measure', mutate: (c) => (hazard(c, 1).measures = []), expected: ['error:hazard.no_measure'] },
		{ name: 'zero points', mutate: (c) => (hazard(c, 1).points = 0), expected: ['error:hazard.no_points'] },
		{ name: 'no enterprise name', mutate: (c) => (c.enterprise.name = ' '), expected: ['error:enterprise.no_name'] },
		{ name: 'no procedure steps', mutate: (c) => (c.procedure.steps = []), expected: ['warning:procedure.no_steps'] }
	];
	for (const t of cases) {
		it(t.name, () => {
			const c = fixtureScenario();
			t.mutate(c);
			expect(codes(c)).toEqual(t.expected);
			expect(hasBlockingProblems(checkScenario(c, ctx))).toBe(t.expected.some((e) => e.startsWith('error')));
		});
	}

	it('locates a problem at its area and item', () => {
		const c = fixtureScenario();
		hazard(c, 1).violated = ['无依据'];
		expect(checkScenario(c, ctx)[0].at).toEqual({ tab: 'areas', areaKey: 'polish', itemKey: 'sign' });
	});
});
