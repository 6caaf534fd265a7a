/**
 * A drill's own scoring settings (评分规则): hazard shares, citation credit, the decoy penalty, the
 * procedure shares and when judges are trimmed. They can change only while the drill is being set up:
 * once a stage has opened, a change would silently change scores already being earned.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { drill } from '../db/schema';
import { recordAudit } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { checkScoringSettings, type ScoringSettingsError } from '../../domain/drill/settings';
import { DEFAULT_SCORING, type ScoringSettings } from '../../domain/drill/types';
import { drillSettings } from './results';

export type DrillSettingsError = 'drill.not_found' | 'drill.settings_locked' | ScoringSettingsError;

export interface DrillSettingsView {
	drillId: number;
	title: string;
	status: 'setup' | 'running' | 'ended';
	/** The settings the drill is scored with (the defaults when it stores none). */
	settings: ScoringSettings;
	/** Whether the drill stores no settings of its own and is scored with the defaults. */
	isDefault: boolean;
	/** A stage has opened (or the drill has ended): the settings can no longer change. */
	isLocked: boolean;
}

/** The drill's scoring settings and whether they can still change; null for an unknown drill. */
export function getDrillSettings(db: Db, drillId: number): DrillSettingsView | null {
	const d = db.select({ id: drill.id, title: drill.title, status: drill.status, settings: drill.settings }).from(drill).where(eq(drill.id, drillId)).get();
	if (!d) return null;
	return { drillId: d.id, title: d.title, status: d.status, settings: drillSettings(d), isDefault: d.settings === null, isLocked: d.status !== 'setup' };
}

/**
 * Stores the drill's scoring settings, audited with the settings before and after. Refused for an
 * unknown drill, once the drill is no longer in setup, and for settings checkScoringSettings refuses.
 */
export function setDrillSettings(
	db: Db,
	actorId: number,
	drillId: number,
	settings: ScoringSettings,
	now = Date.now()
): Result<ScoringSettings, DrillSettingsError> {
	return db.transaction((tx) => {
		const d = tx.select({ status: drill.status, settings: drill.settings }).from(drill).where(eq(drill.id, drillId)).get();
		if (!d) return err('drill.not_found');
		if (d.status !== 'setup') return err('drill.settings_locked');
		const checked = checkScoringSettings(settings);
		if (!checked.ok) return checked;
		// A plain copy: the caller's object (or the frozen defaults) is never shared with what is stored.
		const stored: ScoringSettings = structuredClone(checked.value);
		tx.update(drill).set({ settings: stored }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.settings', entity: 'drill', entityId: drillId, before: drillSettings(d), after: stored, at: now });
		return ok(stored);
	});
}

/** 恢复默认: the drill is scored with DEFAULT_SCORING again (same rules as setDrillSettings). */
export function resetDrillSettings(db: Db, actorId: number, drillId: number, now = Date.now()): Result<ScoringSettings, DrillSettingsError> {
	return setDrillSettings(db, actorId, drillId, DEFAULT_SCORING, now);
}
