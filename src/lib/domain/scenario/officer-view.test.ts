import { describe, expect, it } from 'vitest';
import { itemKeyIndex, opaqueId, refIndex, toOfficerView } from './officer-view';
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

describe('refIndex', () => {
	/** What saving used to do for every save: scan the content comparing opaque ids, first match wins. */
	function scan(c: ScenarioContent, salt: string, kind: 'item' | 'question', ref: string): string | undefined {
		const keys = kind === 'item' ? c.areas.flatMap((a) => a.items.map((i) => i.key)) : c.questions.map((q) => q.key);
		return keys.find((k) => opaqueId(salt, kind, k) === ref);
	}

	it('resolves every id the officer view shows to the key a scan finds, and nothing else', () => {
		const c = fixtureScenario();
		const view = toOfficerView(c, SALT);
		const index = refIndex(c, SALT);
		const itemIds = view.areas.flatMap((a) => a.items.map((i) => i.id));
		const questionIds = view.questions.map((q) => q.id);
		expect(itemIds.map((id) => index.items.get(id)).sort()).toEqual(['duct', 'extinguisher', 'sign']);
		for (const id of itemIds) expect(index.items.get(id)).toBe(scan(c, SALT, 'item', id));
		expect(questionIds.map((id) => index.questions.get(id))).toEqual(['q1']);
		for (const id of questionIds) expect(index.questions.get(id)).toBe(scan(c, SALT, 'question', id));
		// Kinds stay apart, and author keys, cards and options are no refs.
		for (const id of questionIds) expect(index.items.has(id)).toBe(false);
		for (const id of itemIds) expect(index.questions.has(id)).toBe(false);
		for (const ref of ['duct', 'q1', 'order', ...view.procedureCards.map((x) => x.id), ...view.questions[0].options.map((o) => o.id)]) {
			expect(index.items.has(ref) || index.questions.has(ref)).toBe(false);
		}
	});

	it('belongs to one salt: another version’s ids resolve to nothing', () => {
		const c = fixtureScenario();
		const other = refIndex(c, 'secret-salt-2');
		for (const a of toOfficerView(c, SALT).areas) for (const i of a.items) expect(other.items.has(i.id)).toBe(false);
		expect(other.questions.has(toOfficerView(c, SALT).questions[0].id)).toBe(false);
	});
});
