import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { ok } from '../../domain/result';
import { createDrill, extendTeam, openStage } from './drills';
import { officerSheet, saveEntry, submitStage } from './sheets';
import { drillProgress, teamCounts } from './progress';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);

function setup() {
	const db = createTestDb();
	const mk = (username: string, role: 'officer' | 'trainer') => {
		const u = db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get();
		db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', 'trainer');
	const [a1, b1, c1] = ['a1', 'b1', 'c1'].map((n) => mk(n, 'officer'));
	const scenarioId = createScenario(db, trainer, '测试');
	updateDraft(db, trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, trainer, scenarioId);
	if (!v.ok) throw new Error('publish');
	const drill = (title: string, teams: { name: string; memberIds: number[] }[]) => {
		const d = createDrill(db, trainer, {
			title,
			organizer: '应急管理局',
			venue: '会议中心',
			startDate: '2026-11-29',
			endDate: '2026-11-29',
			scenarioVersionId: v.value.versionId,
			stages: [
				{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 60 },
				{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
			],
			teams: teams.map((t) => ({ ...t, unitId: null })),
			judgeIds: []
		});
		if (!d.ok) throw new Error(d.error.code);
		return d.value.id;
	};
	const first = drill('一', [
		{ name: '甲队', memberIds: [a1] },
		{ name: '乙队', memberIds: [b1] }
	]);
	const second = drill('二', [{ name: '丙队', memberIds: [c1] }]);
	return { db, trainer, a1, b1, c1, first, second };
}

describe('drillProgress', () => {
	it('is empty before anything happens, with no clock until a stage opens', () => {
		const s = setup();
		const p = drillProgress(s.db, s.first);
		expect(p.map((r) => [r.teamId, r.stageId])).toEqual([
			[1, 1],
			[1, 2],
			[2, 1],
			[2, 2]
		]);
		expect(p.every((r) => r.entries === 0 && r.lastSavedAt === null && r.submittedAt === null && r.endsAt === null && r.extendedMinutes === 0)).toBe(true);
		expect(drillProgress(s.db, 999)).toEqual([]);
	});

	it('counts answered entries (not withdrawn ones), the last save, submission and the team’s own end', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.first, 1, T0);
		const sheet = officerSheet(s.db, s.a1, s.first, 1, T0);
		if (!sheet.ok) throw new Error(sheet.error.code);
		const [i1, i2] = sheet.value.view.areas[0].items.map((i) => i.id);
		const data = { classification: 'major', violated: [], penalty: [], measures: [], deadlineDays: null, note: '' };
		const save = (ref: string, base: number, d: unknown, at: number) => saveEntry(s.db, s.a1, { drillId: s.first, stageId: 1, ref, baseVersion: base, data: d }, at);
		expect(save(i1, 0, data, T0 + 1000).ok).toBe(true);
		expect(save(i2, 0, data, T0 + 2000).ok).toBe(true);
		expect(save(i2, 1, null, T0 + 3000).ok).toBe(true);
		expect(submitStage(s.db, s.a1, s.first, 1, T0 + 4000).ok).toBe(true);
		extendTeam(s.db, s.trainer, s.first, 2, 1, 5, '设备故障', T0 + 5000);
		const p = drillProgress(s.db, s.first);
		expect(p[0]).toEqual({ teamId: 1, stageId: 1, entries: 1, lastSavedAt: T0 + 3000, submittedAt: T0 + 4000, endsAt: T0 + 60 * MIN, extendedMinutes: 0 });
		expect(p[2]).toEqual({ teamId: 2, stageId: 1, entries: 0, lastSavedAt: null, submittedAt: null, endsAt: T0 + 65 * MIN, extendedMinutes: 5 });
		expect(drillProgress(s.db, s.second).every((r) => r.entries === 0 && r.endsAt === null)).toBe(true);
	});
});

describe('teamCounts', () => {
	it('counts the teams of each drill', () => {
		const s = setup();
		expect([...teamCounts(s.db)]).toEqual([
			[s.first, 2],
			[s.second, 1]
		]);
	});
});
