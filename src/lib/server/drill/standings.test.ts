import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { closeStage, endDrill, openStage } from './drills';
import { freezeNow, pauseDrill, resumeDrill, reveal, setBoardSettings } from './controls';
import { lockJudgedStage, saveJudgeScores } from './judging';
import { drillResults, standings } from './results';
import { rescoreCandidates, rescoreDrill, rescorePreview } from './rescore';
import { officerSheet, saveEntry } from './sheets';
import { MIN, rightDustAnswer, setupDrill, T0 } from './test-drill';

const [HAZARD, CONDUCT] = [1, 3];

/** Team A gets the 除尘器 (10 of 14 hazard points) right; team B records nothing. */
function hazardDone(s: ReturnType<typeof setupDrill>) {
	openStage(s.db, s.trainer, s.drillId, HAZARD, T0);
	const r = saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref: s.itemRef('除尘器'), baseVersion: 0, data: rightDustAnswer() }, T0 + MIN);
	expect(r.ok).toBe(true);
}

const scoresOf = (b: ReturnType<typeof standings>, name: string) => b!.teams.find((t) => t.name === name)!;

describe('standings', () => {
	it('shows trainers live scores of an open stage, and officers and the public nothing of it until it closes', () => {
		const s = setupDrill();
		hazardDone(s);
		const live = standings(s.db, s.drillId, 'live', T0 + 2 * MIN)!;
		expect(scoresOf(live, '甲队')).toMatchObject({ rank: 1, total: 42.86, scores: [10, 0, 0] });
		expect(live.stages.map((x) => x.isFinal)).toEqual([false, false, false]);
		const hidden = standings(s.db, s.drillId, 'public', T0 + 2 * MIN)!;
		expect(scoresOf(hidden, '甲队')).toMatchObject({ rank: 1, total: 0, scores: [null, null, null] });
		expect(scoresOf(hidden, '乙队')).toMatchObject({ rank: 1, total: 0 });
		closeStage(s.db, s.trainer, s.drillId, HAZARD, T0 + 3 * MIN);
		const shown = standings(s.db, s.drillId, 'public', T0 + 3 * MIN)!;
		// 60 × 10 / 14 = 42.857…
		expect(scoresOf(shown, '甲队')).toMatchObject({ rank: 1, total: 42.86, scores: [10, null, null] });
		expect(scoresOf(shown, '乙队')).toMatchObject({ rank: 2, total: 0, scores: [0, null, null] });
		expect(shown.stages[0].isFinal).toBe(true);
	});

	it('freezes the public board for the last N minutes, keeps it live for trainers, and reveals with awards', () => {
		const s = setupDrill();
		hazardDone(s);
		closeStage(s.db, s.trainer, s.drillId, HAZARD, T0 + 3 * MIN);
		setBoardSettings(s.db, s.trainer, s.drillId, { freezeMinutes: 10, awardFirst: 1, awardSecond: 1, awardThird: 0 });
		// 文明执法 runs 90 minutes from T0 + 5 min: the freeze begins at T0 + 85 min.
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0 + 5 * MIN);
		const full = Object.fromEntries(['r1', 'r2', 'r3', 'r4', 'r5'].map((k) => [k, 4]));
		saveJudgeScores(s.db, s.judges[0], { drillId: s.drillId, stageId: CONDUCT, teamId: s.teamB, points: full }, T0 + 80 * MIN);
		lockJudgedStage(s.db, s.judges[0], s.drillId, CONDUCT, T0 + 86 * MIN);
		const atEnd = T0 + 96 * MIN;
		const pub = standings(s.db, s.drillId, 'public', atEnd)!;
		expect(pub).toMatchObject({ isFrozen: true, frozenSince: T0 + 85 * MIN, isRevealed: false });
		expect(scoresOf(pub, '乙队')).toMatchObject({ total: 0, scores: [0, null, null], award: null });
		const live = standings(s.db, s.drillId, 'live', atEnd)!;
		expect(live.isFrozen).toBe(false);
		// B: 20 × 20/20 = 20 < A's 42.86; awards show live: 1 first, 1 second.
		expect(scoresOf(live, '乙队')).toMatchObject({ total: 20, scores: [0, 0, 20], award: 'second' });
		expect(scoresOf(live, '甲队')).toMatchObject({ award: 'first' });
		reveal(s.db, s.trainer, s.drillId, atEnd + MIN);
		const revealed = standings(s.db, s.drillId, 'public', atEnd + 2 * MIN)!;
		expect(revealed).toMatchObject({ isFrozen: false, isRevealed: true });
		expect(scoresOf(revealed, '乙队')).toMatchObject({ total: 20, award: 'second' });
	});

	it('freezes by hand at once', () => {
		const s = setupDrill();
		hazardDone(s);
		freezeNow(s.db, s.trainer, s.drillId, T0 + 2 * MIN);
		closeStage(s.db, s.trainer, s.drillId, HAZARD, T0 + 3 * MIN);
		expect(scoresOf(standings(s.db, s.drillId, 'public', T0 + 4 * MIN), '甲队')).toMatchObject({ total: 0, scores: [null, null, null] });
		expect(scoresOf(standings(s.db, s.drillId, 'live', T0 + 4 * MIN), '甲队')).toMatchObject({ total: 42.86 });
	});
});

describe('re-score', () => {
	it('previews old and new scores, then switches the version with an audit of both', () => {
		const s = setupDrill();
		hazardDone(s);
		// The corrected key: the 除尘器 hazard is 一般, so team A's 重大 loses the classification share (1 of 10).
		const corrected = fixtureScenario();
		const item = corrected.areas[0].items[0];
		if (item.answer.kind !== 'hazard') throw new Error('fixture');
		item.answer.classification = 'general';
		item.answer.majorCriterion = null;
		const v2 = s.publish(corrected);
		expect(rescoreCandidates(s.db, s.drillId)!.newer.map((v) => v.id)).toEqual([v2]);
		expect(rescorePreview(s.db, s.drillId, v2)).toEqual({ ok: false, error: { code: 'drill.rescore_stage_open' } });
		closeStage(s.db, s.trainer, s.drillId, HAZARD, T0 + 3 * MIN);
		expect(rescorePreview(s.db, s.drillId, s.versionId)).toEqual({ ok: false, error: { code: 'drill.rescore_version' } });
		const preview = rescorePreview(s.db, s.drillId, v2);
		// A: 60 × 9/14 = 38.571… → 38.57.
		expect(preview).toEqual({
			ok: true,
			value: [
				{ teamId: s.teamA, name: '甲队', before: { total: 42.86, rank: 1 }, after: { total: 38.57, rank: 1 } },
				{ teamId: s.teamB, name: '乙队', before: { total: 0, rank: 2 }, after: { total: 0, rank: 2 } }
			]
		});
		expect(drillResults(s.db, s.drillId)!.teams[0].total).toBe(42.86);
		const done = rescoreDrill(s.db, s.trainer, s.drillId, v2, '除尘器隐患等级答案有误', T0 + 10 * MIN);
		expect(done).toEqual(preview);
		const again = drillResults(s.db, s.drillId)!;
		expect(again.teams[0].total).toBe(38.57);
		expect(drillResults(s.db, s.drillId)).toEqual(again);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'drill.rescore')).get()!;
		expect(JSON.parse(audit.before!)).toMatchObject({ scenarioVersionId: s.versionId, teams: [{ team: '甲队', total: 42.86 }, { team: '乙队', total: 0 }] });
		expect(JSON.parse(audit.after!)).toMatchObject({ scenarioVersionId: v2, teams: [{ team: '甲队', total: 38.57 }, { team: '乙队', total: 0 }] });
		expect(audit.reason).toBe('除尘器隐患等级答案有误');
		expect(rescoreCandidates(s.db, s.drillId)!.newer).toEqual([]);
	});
});

describe('pause', () => {
	it('pauses once, resumes once, audits both', () => {
		const s = setupDrill();
		expect(pauseDrill(s.db, s.trainer, s.drillId, '停电', T0)).toEqual({ ok: true, value: null });
		expect(pauseDrill(s.db, s.trainer, s.drillId, '停电', T0 + 1)).toEqual({ ok: false, error: { code: 'drill.already_paused' } });
		expect(resumeDrill(s.db, s.trainer, s.drillId, T0 + 5 * MIN)).toEqual({ ok: true, value: { pausedMs: 5 * MIN } });
		expect(resumeDrill(s.db, s.trainer, s.drillId, T0 + 6 * MIN)).toEqual({ ok: false, error: { code: 'drill.not_paused' } });
		const actions = s.db.select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);
		expect(actions.filter((a) => a === 'drill.pause' || a === 'drill.resume')).toEqual(['drill.pause', 'drill.resume']);
	});
});


describe('endDrill', () => {
	it('closes every open stage and refuses a second time', () => {
		const s = setupDrill();
		hazardDone(s);
		openStage(s.db, s.trainer, s.drillId, CONDUCT, T0 + 2 * MIN);
		expect(endDrill(s.db, s.trainer, s.drillId, T0 + 5 * MIN)).toEqual({ ok: true, value: { closedStages: 2 } });
		expect(endDrill(s.db, s.trainer, s.drillId, T0 + 6 * MIN)).toEqual({ ok: false, error: { code: 'drill.already_ended' } });
		// The hazard stage is now published: the public board counts it.
		expect(scoresOf(standings(s.db, s.drillId, 'public', T0 + 6 * MIN), '甲队')).toMatchObject({ total: 42.86 });
		const late = saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref: s.itemRef('警示标志'), baseVersion: 0, data: rightDustAnswer() }, T0 + 7 * MIN);
		expect(late).toEqual({ ok: false, error: { code: 'drill.stage_closed' } });
	});
});

describe('pause and the clock', () => {
	it('refuses saves while paused and gives the paused time back to every team', () => {
		const s = setupDrill();
		openStage(s.db, s.trainer, s.drillId, HAZARD, T0); // 60 minutes: ends at T0 + 60 min
		const ref = s.itemRef('除尘器');
		pauseDrill(s.db, s.trainer, s.drillId, '停电', T0 + 10 * MIN);
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref, baseVersion: 0, data: rightDustAnswer() }, T0 + 11 * MIN)).toEqual({
			ok: false,
			error: { code: 'drill.paused' }
		});
		const during = officerSheet(s.db, s.a1, s.drillId, HAZARD, T0 + 15 * MIN);
		expect(during.ok && during.value.stage).toMatchObject({ isPaused: true, endsAt: T0 + 65 * MIN });
		resumeDrill(s.db, s.trainer, s.drillId, T0 + 20 * MIN);
		// Ten minutes paused: the stage now ends at T0 + 70 min; a save at T0 + 65 min lands.
		const after = officerSheet(s.db, s.a1, s.drillId, HAZARD, T0 + 21 * MIN);
		expect(after.ok && after.value.stage).toMatchObject({ isPaused: false, endsAt: T0 + 70 * MIN });
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref, baseVersion: 0, data: rightDustAnswer() }, T0 + 65 * MIN).ok).toBe(true);
		expect(saveEntry(s.db, s.a2, { drillId: s.drillId, stageId: HAZARD, ref, baseVersion: 1, data: rightDustAnswer() }, T0 + 70 * MIN + 11_000)).toEqual({
			ok: false,
			error: { code: 'drill.time_up' }
		});
	});
});

describe('文书制作 entries', () => {
	it('saves one field of a required document at a time, validated by the template, and refuses unknown fields', () => {
		const s = setupDrill({ stages: [{ kind: 'document', title: '文书制作', weight: 100, durationMinutes: 60 }] });
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const sheet = officerSheet(s.db, s.a1, s.drillId, 1, T0);
		if (!sheet.ok) throw new Error(sheet.error.code);
		const doc = sheet.value.view.documents[0];
		expect(doc.type).toBe('inspection_record');
		expect(JSON.stringify(sheet.value)).not.toContain('SECRET-FACT');
		const save = (who: number, field: string, data: unknown, baseVersion = 0) => saveEntry(s.db, who, { drillId: s.drillId, stageId: 1, ref: `${doc.id}.${field}`, baseVersion, data }, T0 + MIN);
		expect(save(s.a1, 'unitName', '测试机械有限公司')).toMatchObject({ ok: true, value: { version: 1 } });
		// A teammate's edit of another field never conflicts; of the same field, it does.
		expect(save(s.a2, 'unitAddress', '测试路 1 号').ok).toBe(true);
		expect(save(s.a2, 'unitName', '别的')).toMatchObject({ ok: false, error: { code: 'drill.conflict' }, current: { ref: `${doc.id}.unitName`, data: '测试机械有限公司' } });
		expect(save(s.a1, 'noSuchField', 'x')).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		expect(save(s.a1, 'officers', 'not a list')).toEqual({ ok: false, error: { code: 'drill.bad_answer' } });
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: `zzzzzzzzzzz.unitName`, baseVersion: 0, data: 'x' }, T0 + MIN)).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		const reread = officerSheet(s.db, s.b1, s.drillId, 1, T0 + 2 * MIN);
		// 乙队 sees none of it.
		expect(reread.ok && reread.value.entries).toEqual([]);
		const mine = officerSheet(s.db, s.a2, s.drillId, 1, T0 + 2 * MIN);
		expect(mine.ok && Object.fromEntries(mine.value.entries.map((e) => [e.ref, e.data]))).toEqual({
			[`${doc.id}.unitName`]: '测试机械有限公司',
			[`${doc.id}.unitAddress`]: '测试路 1 号'
		});
	});
});
