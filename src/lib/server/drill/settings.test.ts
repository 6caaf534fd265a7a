import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, drill } from '../db/schema';
import { DEFAULT_SCORING, type ScoringSettings } from '../../domain/drill/types';
import { openStage, setDebriefOpen } from './drills';
import { drillResults } from './results';
import { getDrillSettings, resetDrillSettings, setDrillSettings } from './settings';
import { saveEntry } from './sheets';
import { MIN, rightDustAnswer, setupDrill, T0 } from './test-drill';

const HAZARD = 1;

/** The defaults with some changes, as a fresh object. */
const changed = (over: (s: ScoringSettings) => void): ScoringSettings => {
	const s = structuredClone(DEFAULT_SCORING) as ScoringSettings;
	over(s);
	return s;
};

const custom = changed((s) => {
	s.hazard = { found: 0.5, classification: 0.1, violated: 0.15, penalty: 0.15, measure: 0.1 };
	s.citationCredit.article = 0.6;
	s.decoyPenalty = 5;
	s.procedure.wrongStep = 0.2;
	s.trimAtJudges = 3;
});

const auditRows = (s: ReturnType<typeof setupDrill>) => s.db.select().from(auditLog).where(eq(auditLog.action, 'drill.settings')).all();
const storedJson = (s: ReturnType<typeof setupDrill>) =>
	s.db.select({ settings: drill.settings }).from(drill).where(eq(drill.id, s.drillId)).get()!.settings;

describe('drill scoring settings', () => {
	it('reads a new drill as the defaults, stores new settings and reads them back', () => {
		const s = setupDrill();
		expect(getDrillSettings(s.db, s.drillId)).toMatchObject({ drillId: s.drillId, title: '测试比武', status: 'setup', settings: DEFAULT_SCORING, isLocked: false });
		expect(setDrillSettings(s.db, s.trainer, s.drillId, custom, T0)).toEqual({ ok: true, value: custom });
		expect(getDrillSettings(s.db, s.drillId)!.settings).toEqual(custom);
		expect(getDrillSettings(s.db, s.drillId)!.isDefault).toBe(false);
		expect(getDrillSettings(s.db, s.drillId + 1)).toBeNull();
	});

	it('reads a drill that stores no settings as the defaults', () => {
		const s = setupDrill();
		s.db.update(drill).set({ settings: null }).where(eq(drill.id, s.drillId)).run();
		expect(getDrillSettings(s.db, s.drillId)).toMatchObject({ settings: DEFAULT_SCORING, isDefault: true });
	});

	it('refuses invalid settings with the check’s code and changes nothing', () => {
		const s = setupDrill();
		setDrillSettings(s.db, s.trainer, s.drillId, custom, T0);
		const cases: [ScoringSettings, string][] = [
			[changed((x) => (x.hazard.found = 0.5)), 'scoring.hazard_weights'],
			[changed((x) => (x.procedure.order = 0.5)), 'scoring.procedure_weights'],
			[changed((x) => (x.citationCredit.law = 0.8)), 'scoring.citation_credit'],
			[changed((x) => (x.decoyPenalty = -1)), 'scoring.decoy_penalty'],
			[changed((x) => (x.trimAtJudges = 2)), 'scoring.trim_at']
		];
		for (const [bad, code] of cases) {
			expect(setDrillSettings(s.db, s.trainer, s.drillId, bad, T0 + MIN), code).toEqual({ ok: false, error: { code } });
		}
		expect(getDrillSettings(s.db, s.drillId)!.settings).toEqual(custom);
		expect(auditRows(s)).toHaveLength(1);
	});

	it('refuses an unknown drill', () => {
		const s = setupDrill();
		expect(setDrillSettings(s.db, s.trainer, s.drillId + 1, custom)).toEqual({ ok: false, error: { code: 'drill.not_found' } });
		expect(resetDrillSettings(s.db, s.trainer, s.drillId + 1)).toEqual({ ok: false, error: { code: 'drill.not_found' } });
	});

	it('refuses any change once a stage has opened, and once the drill has ended', () => {
		const s = setupDrill();
		setDrillSettings(s.db, s.trainer, s.drillId, custom, T0);
		expect(openStage(s.db, s.trainer, s.drillId, HAZARD, T0 + MIN).ok).toBe(true);
		expect(getDrillSettings(s.db, s.drillId)).toMatchObject({ status: 'running', isLocked: true });
		const locked = { ok: false, error: { code: 'drill.settings_locked' } };
		expect(setDrillSettings(s.db, s.trainer, s.drillId, DEFAULT_SCORING, T0 + 2 * MIN)).toEqual(locked);
		expect(resetDrillSettings(s.db, s.trainer, s.drillId, T0 + 2 * MIN)).toEqual(locked);
		// Locked wins over invalid: the trainer learns the real reason first.
		expect(setDrillSettings(s.db, s.trainer, s.drillId, changed((x) => (x.decoyPenalty = -1)))).toEqual(locked);
		expect(getDrillSettings(s.db, s.drillId)!.settings).toEqual(custom);

		const ended = setupDrill();
		setDebriefOpen(ended.db, ended.trainer, ended.drillId, true, T0);
		expect(setDrillSettings(ended.db, ended.trainer, ended.drillId, custom)).toEqual(locked);
		expect(getDrillSettings(ended.db, ended.drillId)!.settings).toEqual(DEFAULT_SCORING);
	});

	it('resets to the defaults', () => {
		const s = setupDrill();
		setDrillSettings(s.db, s.trainer, s.drillId, custom, T0);
		expect(resetDrillSettings(s.db, s.trainer, s.drillId, T0 + MIN)).toEqual({ ok: true, value: DEFAULT_SCORING });
		expect(storedJson(s)).toEqual(DEFAULT_SCORING);
		expect(getDrillSettings(s.db, s.drillId)!.settings).toEqual(DEFAULT_SCORING);
	});

	it('records who changed what, before and after, at the given time', () => {
		const s = setupDrill();
		setDrillSettings(s.db, s.trainer, s.drillId, custom, T0);
		resetDrillSettings(s.db, s.trainer, s.drillId, T0 + MIN);
		const rows = auditRows(s);
		expect(rows.map((r) => ({ actorId: r.actorId, entity: r.entity, entityId: r.entityId, at: r.at }))).toEqual([
			{ actorId: s.trainer, entity: 'drill', entityId: String(s.drillId), at: T0 },
			{ actorId: s.trainer, entity: 'drill', entityId: String(s.drillId), at: T0 + MIN }
		]);
		expect(JSON.parse(rows[0].before!)).toEqual(DEFAULT_SCORING);
		expect(JSON.parse(rows[0].after!)).toEqual(custom);
		expect(JSON.parse(rows[1].before!)).toEqual(custom);
		expect(JSON.parse(rows[1].after!)).toEqual(DEFAULT_SCORING);
	});

	it('scores the drill with its stored settings', () => {
		/** Team A gets the 除尘器 (10 of the 14 hazard points) right and flags the 灭火器, which is compliant. */
		const play = (settings: ScoringSettings | null) => {
			const s = setupDrill();
			if (settings) expect(setDrillSettings(s.db, s.trainer, s.drillId, settings, T0).ok).toBe(true);
			openStage(s.db, s.trainer, s.drillId, HAZARD, T0 + MIN);
			for (const title of ['除尘器', '灭火器']) {
				const r = saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref: s.itemRef(title), baseVersion: 0, data: rightDustAnswer() }, T0 + 2 * MIN);
				expect(r.ok).toBe(true);
			}
			const a = drillResults(s.db, s.drillId)!.teams.find((t) => t.name === '甲队')!;
			const hazard = a.stages.find((x) => x.kind === 'hazard')!;
			return { total: a.total, hazard: hazard.score, decoy: hazard.lines.find((l) => l.rule === 'decoy.flagged')?.points };
		};
		// Defaults: 10 − 2 = 8 of 14; 60 × 8 / 14 = 34.2857… → 34.29.
		expect(play(null)).toEqual({ total: 34.29, hazard: 8, decoy: -2 });
		// decoyPenalty 5: 10 − 5 = 5 of 14; 60 × 5 / 14 = 21.4285… → 21.43.
		expect(play(changed((x) => (x.decoyPenalty = 5)))).toEqual({ total: 21.43, hazard: 5, decoy: -5 });
		// decoyPenalty 0 and only 发现 counts: the 除尘器 earns 10 × 1, the decoy costs nothing; 60 × 10 / 14 = 42.857… → 42.86.
		const foundOnly = changed((x) => {
			x.decoyPenalty = 0;
			x.hazard = { found: 1, classification: 0, violated: 0, penalty: 0, measure: 0 };
		});
		expect(play(foundOnly)).toEqual({ total: 42.86, hazard: 10, decoy: 0 });
	});
});
