import { describe, expect, it } from 'vitest';
import { itemKeyIndex, opaqueId, toOfficerView } from './officer-view';
import { fixtureScenario } from './test-fixture';
import type { ScenarioContent } from './types';

const SALT = 'secret-salt-1';

/** Every string of the key that must never reach an officer. */
function keyStrings(c: ScenarioContent): string[] {
	const out: string[] = ['hazard', 'decoy', 'major', 'general', 'classification', 'violated', 'penalty', 'measures', 'explanation', 'correct'];
	for (const a of c.areas)
		for (const i of a.items) {
			out.push(`"${i.key}"`);
			if (i.answer.kind === 'hazard') out.push(...i.answer.violated, ...i.answer.penalty, i.answer.majorCriterion ?? '', i.answer.explanation);
			else out.push(i.answer.explanation);
		}
	for (const d of c.procedure.distractors) out.push(d.explanation, `"${d.key}"`);
	for (const s of c.procedure.steps) out.push(`"${s.key}"`);
	for (const q of c.questions) out.push(q.explanation);
	for (const d of c.documents) out.push(...d.facts);
	return out.filter(Boolean);
}

describe('toOfficerView', () => {
	it('contains nothing of the key', () => {
		const c = fixtureScenario();
		const json = JSON.stringify(toOfficerView(c, SALT));
		for (const s of keyStrings(c)) expect(json, s).not.toContain(s);
	});

	it('keeps what officers need: profile, areas, item titles and observations, cards, options', () => {
		const v = toOfficerView(fixtureScenario(), SALT);
		expect(v.enterprise.name).toBe('测试机械有限公司');
		expect(v.areas[0].items.map((i) => i.title).sort()).toEqual(['警示标志', '灭火器', '除尘器'].sort());
		expect(v.procedureCards.map((c) => c.text).sort()).toEqual(['一名执法人员单独检查', '两名执法人员出示证件', '现场检查'].sort());
		expect(v.questions[0].options).toHaveLength(2);
	});

	it('ids and order do not depend on which items are hazards', () => {
		const a = fixtureScenario();
		const b = fixtureScenario();
		// Swap the answers of a hazard and the decoy: the officer view must not change at all.
		const items = b.areas[0].items;
		[items[0].answer, items[2].answer] = [items[2].answer, items[0].answer];
		expect(toOfficerView(b, SALT)).toEqual(toOfficerView(a, SALT));
	});

	it('card order does not tell correct steps from distractors', () => {
		const a = fixtureScenario();
		const b = fixtureScenario();
		// Turning a distractor into a step (same key and text) leaves the cards identical.
		b.procedure.steps.push({ key: 'x1', text: '一名执法人员单独检查' });
		b.procedure.distractors = [];
		expect(toOfficerView(b, SALT).procedureCards).toEqual(toOfficerView(a, SALT).procedureCards);
	});

	it('ids are stable for a salt, differ between salts, and map back to author keys', () => {
		const c = fixtureScenario();
		const v1 = toOfficerView(c, SALT);
		expect(toOfficerView(c, SALT)).toEqual(v1);
		const v2 = toOfficerView(c, 'another-salt');
		expect(v2.areas[0].items.map((i) => i.id)).not.toEqual(v1.areas[0].items.map((i) => i.id));
		const index = itemKeyIndex(c, SALT);
		expect(v1.areas[0].items.map((i) => index.get(i.id)).sort()).toEqual(['duct', 'extinguisher', 'sign']);
		expect(opaqueId(SALT, 'item', 'duct')).toMatch(/^[0-9a-z]{11}$/);
	});
});
