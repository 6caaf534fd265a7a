import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { ok } from '../../domain/result';
import { createDrill, openStage, setDebriefOpen } from './drills';
import { officerSheet, saveEntry } from './sheets';
import { drillDebrief } from './debrief';

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);

function setup() {
	const db = createTestDb();
	const mk = (username: string, roles: ('officer' | 'trainer')[]) => {
		const u = db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get();
		for (const role of roles) db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', ['trainer']);
	const [a1, b1, outsider] = ['a1', 'b1', 'x1'].map((n) => mk(n, ['officer']));
	const scenarioId = createScenario(db, trainer, '测试');
	updateDraft(db, trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, trainer, scenarioId);
	if (!v.ok) throw new Error('publish');
	const d = createDrill(db, trainer, {
		title: '测试比武',
		organizer: '上饶市应急管理局',
		venue: '会议中心',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: v.value.versionId,
		stages: [
			{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 60 },
			{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
		],
		teams: [
			{ name: '甲队', unitId: null, memberIds: [a1] },
			{ name: '乙队', unitId: null, memberIds: [b1] }
		],
		judgeIds: []
	});
	if (!d.ok) throw new Error(d.error.code);
	const drillId = d.value.id;
	openStage(db, trainer, drillId, 1, T0);
	const sheet = officerSheet(db, a1, drillId, 1, T0);
	if (!sheet.ok) throw new Error(sheet.error.code);
	const byTitle = new Map(sheet.value.view.areas[0].items.map((i) => [i.title, i.id]));
	const answer = (over: Record<string, unknown>) => ({ classification: 'major', violated: ['《安全生产法》第三十六条第一款'], penalty: ['《安全生产法》第九十九条第（二）项'], measures: ['stop_using_equipment'], deadlineDays: null, note: '', ...over });
	const save = (who: number, title: string, data: unknown) => saveEntry(db, who, { drillId, stageId: 1, ref: byTitle.get(title)!, baseVersion: 0, data }, T0 + 1000);
	// 甲队 gets the dust hazard right; 乙队 writes its own note and flags the compliant extinguisher.
	save(a1, '除尘器', answer({ note: 'TEAM-A-NOTE' }));
	save(b1, '除尘器', answer({ classification: 'general', note: 'TEAM-B-NOTE', violated: ['TEAM-B-PROVISION'] }));
	save(b1, '灭火器', answer({ note: 'TEAM-B-DECOY' }));
	return { db, trainer, a1, b1, outsider, drillId };
}

describe('drillDebrief', () => {
	it('is closed until the trainer opens it, and only for the drill’s officers or staff', () => {
		const s = setup();
		expect(drillDebrief(s.db, { userId: s.a1, isStaff: false }, s.drillId)).toEqual({ ok: false, error: { code: 'drill.debrief_closed' } });
		setDebriefOpen(s.db, s.trainer, s.drillId, true);
		expect(drillDebrief(s.db, { userId: s.outsider, isStaff: false }, s.drillId)).toEqual({ ok: false, error: { code: 'drill.not_member' } });
		expect(drillDebrief(s.db, { userId: s.a1, isStaff: false }, 999)).toEqual({ ok: false, error: { code: 'drill.not_found' } });
		expect(drillDebrief(s.db, { userId: s.trainer, isStaff: true }, s.drillId).ok).toBe(true);
	});

	it('shows every hazard and decoy with our own answer and points, and never another team’s answers', () => {
		const s = setup();
		setDebriefOpen(s.db, s.trainer, s.drillId, true);
		const r = drillDebrief(s.db, { userId: s.a1, isStaff: false }, s.drillId);
		if (!r.ok) throw new Error(r.error.code);
		const v = r.value;
		expect(v.team?.name).toBe('甲队');
		expect(v.hazards.map((h) => h.title)).toEqual(['除尘器', '警示标志']);
		const dust = v.hazards[0];
		expect(dust).toMatchObject({ classification: 'major', points: 10, earned: 10, answer: { classification: 'major', note: 'TEAM-A-NOTE' } });
		expect(dust.explanationHtml).toBe('SECRET-EXPLANATION-MAJOR');
		expect(dust.lines.map((l) => l.rule)).toEqual(['hazard.found', 'hazard.classification', 'hazard.violated', 'hazard.penalty', 'hazard.measure']);
		expect(v.hazards[1]).toMatchObject({ answer: null, earned: 0 });
		// Both teams recorded the dust collector, neither the sign; 乙队 alone flagged the extinguisher.
		expect(v.hazards.map((h) => h.foundBy)).toEqual([
			{ teams: 2, of: 2 },
			{ teams: 0, of: 2 }
		]);
		expect(v.decoys).toEqual([expect.objectContaining({ title: '灭火器', isFlagged: false, earned: 0, explanationHtml: 'SECRET-DECOY-WHY', flaggedBy: { teams: 1, of: 2 } })]);
		expect(v.ranking).toEqual([
			{ rank: 1, name: '甲队', total: 50, isMine: true },
			{ rank: 2, name: '乙队', total: 25, isMine: false }
		]);
		expect(v.score).toMatchObject({ total: 50, rank: 1 });
		const json = JSON.stringify(v);
		for (const theirs of ['TEAM-B-NOTE', 'TEAM-B-PROVISION', 'TEAM-B-DECOY']) expect(json).not.toContain(theirs);
	});

	it('shows 乙队 its own flagged decoy with the deduction', () => {
		const s = setup();
		setDebriefOpen(s.db, s.trainer, s.drillId, true);
		const r = drillDebrief(s.db, { userId: s.b1, isStaff: false }, s.drillId);
		if (!r.ok) throw new Error(r.error.code);
		expect(r.value.decoys[0]).toMatchObject({ isFlagged: true, earned: -2 });
		expect(JSON.stringify(r.value)).not.toContain('TEAM-A-NOTE');
	});

	it('gives staff the key and the ranking without any team’s answers', () => {
		const s = setup();
		setDebriefOpen(s.db, s.trainer, s.drillId, true);
		const r = drillDebrief(s.db, { userId: s.trainer, isStaff: true }, s.drillId, (md) => `<p>${md}</p>`);
		if (!r.ok) throw new Error(r.error.code);
		expect(r.value.team).toBeNull();
		expect(r.value.score).toBeNull();
		expect(r.value.hazards[0].explanationHtml).toBe('<p>SECRET-EXPLANATION-MAJOR</p>');
		expect(r.value.procedure?.questions[0].options).toEqual([
			{ text: '记录在案并报告', isCorrect: true, isChosen: false },
			{ text: '放弃检查', isCorrect: false, isChosen: false }
		]);
		expect(JSON.stringify(r.value)).not.toMatch(/TEAM-[AB]/);
	});
});
