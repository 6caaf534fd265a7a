import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { user } from '../db/schema';
import { importLawDataset } from '../law/library';
import { libraryIndex } from '../scenario/scenarios';
import { checkScenario } from '../../domain/scenario/publish-check';
import { parsePortableScenario } from '../../domain/scenario/portable-schema';
import { parseCitations } from '../../domain/law/citation';
import { DEMO_SCENARIOS, demoPortable, seedDemoScenarios } from './demo-scenarios';

const SHARED = '../shared/laws/laws.json';

for (const demo of DEMO_SCENARIOS) {
	const c = demo.content;
	const items = c.areas.flatMap((a) => a.items);
	const hazards = items.filter((i) => i.answer.kind === 'hazard');
	describe(`demo scenario ${c.title}`, () => {
		it('is a valid portable file', () => {
			const r = parsePortableScenario(demoPortable(demo));
			expect(r.ok ? [] : r.problems).toEqual([]);
		});

		it('has the size the issue asks for, a plan for every area and every item placed on it', () => {
			expect(c.areas.length).toBeGreaterThanOrEqual(5);
			expect(hazards.length).toBeGreaterThanOrEqual(15);
			expect(hazards.filter((h) => h.answer.kind === 'hazard' && h.answer.classification === 'major').length).toBeGreaterThanOrEqual(3);
			expect(items.length - hazards.length).toBeGreaterThanOrEqual(8);
			expect(c.questions.length).toBeGreaterThanOrEqual(4);
			expect(c.procedure.steps.length).toBeGreaterThan(3);
			expect(c.procedure.distractors.length).toBeGreaterThan(0);
			expect(c.documents.length).toBeGreaterThan(0);
			expect(c.areas.every((a) => a.image !== null)).toBe(true);
			expect(items.every((i) => i.hotspot !== null)).toBe(true);
		});

		it('every 重大 hazard cites the 判定标准 (at least three by a specific item), every provision a known law', () => {
			let byItem = 0;
			for (const h of hazards) {
				if (h.answer.kind !== 'hazard') continue;
				if (h.answer.classification === 'major') {
					const crit = parseCitations(h.answer.majorCriterion ?? '');
					expect(crit.map((x) => x.lawId), h.title).toEqual(['major-hazard-criteria']);
					// 第十四条 (failed safety devices) has no items; the 情形 articles do.
					if (crit[0].item !== undefined) byItem++;
				}
				for (const p of [...h.answer.violated, ...h.answer.penalty]) {
					const found = parseCitations(p);
					expect(found.length, p).toBe(1);
					expect(found[0].lawId, p).not.toBeNull();
				}
			}
			expect(byItem).toBeGreaterThanOrEqual(3);
		});

		it('passes the publish check with an empty law library (citations unverifiable at most)', () => {
			const db = createTestDb();
			const problems = checkScenario(c, { library: libraryIndex(db), imageExists: () => true });
			expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
			expect(new Set(problems.map((p) => p.code))).toEqual(new Set(problems.length ? ['citation.unverifiable'] : []));
		});

		it.skipIf(!existsSync(SHARED))('cites only provisions that exist in the imported law library', () => {
			const db = createTestDb();
			const r = importLawDataset(db, null, JSON.parse(readFileSync(SHARED, 'utf8')));
			expect(r.ok).toBe(true);
			expect(checkScenario(c, { library: libraryIndex(db), imageExists: () => true })).toEqual([]);
		});
	});
}

describe('seedDemoScenarios', () => {
	it('imports and publishes both demo scenarios as v1', () => {
		const db = createTestDb();
		const t = db.insert(user).values({ username: 'trainer', displayName: '教师', passwordHash: 'x' }).returning().get();
		const seeded = seedDemoScenarios(db, t.id);
		expect(seeded.map((s) => s.version)).toEqual(DEMO_SCENARIOS.map(() => 1));
	});
});
