import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { sheetEntry, user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { ok } from '../../domain/result';
import { closeStage, createDrill, extendTeam, getDrill, openStage, type DrillInput } from './drills';
import { officerSheet, saveEntry, submitStage } from './sheets';
import { drillResults } from './results';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);

function setup() {
	const db = createTestDb();
	const mk = (username: string, roles: ('officer' | 'judge' | 'trainer')[]) => {
		const u = db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get();
		for (const role of roles) db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', ['trainer']);
	const [a1, a2, b1, b2, outsider] = ['a1', 'a2', 'b1', 'b2', 'x1'].map((n) => mk(n, ['officer']));
	const judge = mk('judge1', ['judge']);
	const scenarioId = createScenario(db, trainer, '测试');
	updateDraft(db, trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, trainer, scenarioId);
	if (!v.ok) throw new Error('publish');
	const input: DrillInput = {
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
			{ name: '甲队', unitId: null, memberIds: [a1, a2] },
			{ name: '乙队', unitId: null, memberIds: [b1, b2] }
		],
		judgeIds: [judge]
	};
	const d = createDrill(db, trainer, input);
	if (!d.ok) throw new Error(d.error.code);
	return { db, trainer, a1, a2, b1, b2, outsider, judge, drillId: d.value.id, input };
}

function hazardStage(s: ReturnType<typeof setup>) {
	const sheet = officerSheet(s.db, s.a1, s.drillId, 1, T0);
	if (!sheet.ok) throw new Error(sheet.error.code);
	return sheet.value;
}

const answer = (over: Record<string, unknown> = {}) => ({ classification: 'major', violated: ['《安全生产法》第三十六条第一款'], penalty: ['《安全生产法》第九十九条第（二）项'], measures: ['stop_using_equipment'], deadlineDays: null, note: '', ...over });

describe('createDrill', () => {
	it.each([
		['weights must sum to 100', (i: DrillInput) => (i.stages[0].weight = 50), 'drill.weights_not_100'],
		['an officer in two teams', (i: DrillInput) => i.teams[1].memberIds.push(i.teams[0].memberIds[0]), 'drill.member_twice'],
		['a judge as team member', (i: DrillInput) => (i.teams[0].memberIds = [...i.teams[0].memberIds, 7]), 'drill.member_not_officer'],
		['no teams', (i: DrillInput) => (i.teams = []), 'drill.no_teams']
	])('refuses: %s', (_name, mutate, code) => {
		const s = setup();
		const input = structuredClone(s.input);
		mutate(input);
		expect(createDrill(s.db, s.trainer, input)).toEqual({ ok: false, error: { code } });
	});
});

describe('answer sheets', () => {
	it('refuses saves before the stage opens, then team members save item by item with conflict detection', () => {
		const s = setup();
		const view = hazardStage(s);
		const item = view.view.areas[0].items[0].id;
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer() }, T0)).toMatchObject({ ok: false, error: { code: 'drill.stage_not_open' } });
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer() }, T0 + 1000)).toEqual({ ok: true, value: { version: 1, savedAt: T0 + 1000 } });
		// a2's device still thinks the item is new: refused, with a1's version shown.
		const conflict = saveEntry(s.db, s.a2, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer({ classification: 'general' }) }, T0 + 2000);
		expect(conflict.ok).toBe(false);
		expect(conflict.current).toMatchObject({ ref: item, version: 1, updatedBy: 'a1', data: { classification: 'major' } });
		expect(saveEntry(s.db, s.a2, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 1, data: answer({ note: '补充' }) }, T0 + 3000)).toMatchObject({ ok: true, value: { version: 2 } });
	});

	it('keeps teams apart: another team sees nothing of ours, outsiders are refused', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const item = hazardStage(s).view.areas[0].items[0].id;
		saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer() }, T0 + 1);
		const b = officerSheet(s.db, s.b1, s.drillId, 1, T0 + 2);
		expect(b.ok && b.value.entries).toEqual([]);
		expect(b.ok && b.value.team.name).toBe('乙队');
		// B writing the same item creates B's own entry (version 1), it never touches A's.
		expect(saveEntry(s.db, s.b1, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer() }, T0 + 3)).toMatchObject({ ok: true, value: { version: 1 } });
		expect(officerSheet(s.db, s.outsider, s.drillId, 1, T0)).toEqual({ ok: false, error: { code: 'drill.not_member' } });
		expect(saveEntry(s.db, s.outsider, { drillId: s.drillId, stageId: 1, ref: item, baseVersion: 0, data: answer() }, T0)).toEqual({ ok: false, error: { code: 'drill.not_member' } });
	});

	it('the server clock: end − 1 s accepted, end + grace accepted, end + grace + 1 s refused; an extension moves the end', () => {
		const s = setup();
		const { endsAt } = (openStage(s.db, s.trainer, s.drillId, 1, T0) as { ok: true; value: { endsAt: number } }).value;
		expect(endsAt).toBe(T0 + 60 * MIN);
		const items = hazardStage(s).view.areas[0].items.map((i) => i.id);
		const save = (user: number, ref: string, at: number) => saveEntry(s.db, user, { drillId: s.drillId, stageId: 1, ref, baseVersion: 0, data: answer() }, at);
		expect(save(s.a1, items[0], endsAt - 1000).ok).toBe(true);
		expect(save(s.a1, items[1], endsAt + 10_000).ok).toBe(true);
		expect(save(s.a1, items[2], endsAt + 11_000)).toEqual({ ok: false, error: { code: 'drill.time_up' } });
		extendTeam(s.db, s.trainer, s.drillId, 2, 1, 5, '设备故障', endsAt);
		expect(save(s.b1, items[2], endsAt + 4 * MIN).ok).toBe(true);
	});

	it('refuses bad answers, unknown items, saves after submission and after the stage closes', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const item = hazardStage(s).view.areas[0].items[0].id;
		const save = (user: number, data: unknown, ref = item, base = 0) => saveEntry(s.db, user, { drillId: s.drillId, stageId: 1, ref, baseVersion: base, data }, T0 + 1);
		expect(save(s.a1, answer({ classification: 'huge' }))).toEqual({ ok: false, error: { code: 'drill.bad_answer' } });
		expect(save(s.a1, answer({ extra: 1 }))).toEqual({ ok: false, error: { code: 'drill.bad_answer' } });
		expect(save(s.a1, answer(), 'duct')).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		expect(submitStage(s.db, s.a1, s.drillId, 1, T0 + 2).ok).toBe(true);
		expect(save(s.a2, answer())).toEqual({ ok: false, error: { code: 'drill.submitted' } });
		closeStage(s.db, s.trainer, s.drillId, 1, T0 + 3);
		expect(save(s.b1, answer())).toEqual({ ok: false, error: { code: 'drill.stage_closed' } });
	});

	it('stores the author key and the answer, and a later save updates the same row', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const byTitle = new Map(hazardStage(s).view.areas.flatMap((a) => a.items.map((i) => [i.title, i.id] as const)));
		const ref = byTitle.get('除尘器')!;
		saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref, baseVersion: 0, data: answer() }, T0 + 1);
		const [first] = s.db.select().from(sheetEntry).all();
		expect(first).toEqual({ id: first.id, teamId: 1, stageId: 1, ref: 'item:duct', data: JSON.stringify(answer()), version: 1, updatedBy: s.a1, updatedAt: T0 + 1 });
		saveEntry(s.db, s.a2, { drillId: s.drillId, stageId: 1, ref, baseVersion: 1, data: null }, T0 + 2);
		expect(s.db.select().from(sheetEntry).all()).toEqual([{ ...first, data: null, version: 2, updatedBy: s.a2, updatedAt: T0 + 2 }]);
		// A device that believes in a version the server never had gets the current one back; none yet is null.
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref, baseVersion: 7, data: answer() }, T0 + 3)).toEqual({
			ok: false,
			error: { code: 'drill.conflict' },
			current: { ref, data: null, version: 2, updatedBy: 'a2', updatedAt: T0 + 2 }
		});
		const other = byTitle.get('灭火器')!;
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: other, baseVersion: 3, data: answer() }, T0 + 3)).toEqual({ ok: false, error: { code: 'drill.conflict' }, current: null });
	});

	it('the 执法程序 stage takes the card order and question answers, and refuses the 现场检查 items', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 2, T0);
		const sheet = officerSheet(s.db, s.a1, s.drillId, 2, T0);
		if (!sheet.ok) throw new Error(sheet.error.code);
		const { procedureCards, questions, areas } = sheet.value.view;
		const save = (user: number, ref: string, data: unknown, baseVersion = 0) => saveEntry(s.db, user, { drillId: s.drillId, stageId: 2, ref, baseVersion, data }, T0 + 1);
		const order = [...procedureCards].reverse().map((c) => c.id);
		expect(save(s.a1, 'order', { cardIds: order })).toMatchObject({ ok: true, value: { version: 1 } });
		const q = questions[0];
		expect(save(s.a1, q.id, { optionIds: [q.options[0].id] })).toMatchObject({ ok: true, value: { version: 1 } });
		expect(save(s.a1, q.id, { optionIds: ['nope'] })).toEqual({ ok: false, error: { code: 'drill.bad_answer' } });
		expect(save(s.a1, areas[0].items[0].id, null)).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		const conflict = save(s.a2, q.id, { optionIds: [] });
		expect(conflict).toMatchObject({ ok: false, error: { code: 'drill.conflict' }, current: { ref: q.id, version: 1, updatedBy: 'a1', data: { optionIds: [q.options[0].id] } } });
		const stored = new Map(s.db.select().from(sheetEntry).all().map((e) => [e.ref, JSON.parse(e.data!)]));
		const optionKey = fixtureScenario().questions[0].options.find((o) => q.options[0].text === o.text)!.key;
		expect(stored.get('question:q1')).toEqual({ optionKeys: [optionKey] });
		expect(stored.get('order').cardKeys).toHaveLength(3);
		const entries = officerSheet(s.db, s.a2, s.drillId, 2, T0 + 2);
		expect(entries.ok && entries.value.entries.map((e) => [e.ref, e.data])).toEqual(
			expect.arrayContaining([
				['order', { cardIds: order }],
				[q.id, { optionIds: [q.options[0].id] }]
			])
		);
		// and the hazard stage refuses a question's id
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		expect(saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: q.id, baseVersion: 0, data: null }, T0 + 1)).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
	});

	it('resolves refs with the drill’s own version: another version’s ids are unknown, even once both are in use', () => {
		const s = setup();
		// The same scenario published again: same author keys, a new salt, so new opaque ids.
		const v2 = publishScenario(s.db, s.trainer, 1);
		if (!v2.ok) throw new Error('publish');
		const second = createDrill(s.db, s.trainer, { ...s.input, title: '第二场', scenarioVersionId: v2.value.versionId });
		if (!second.ok) throw new Error(second.error.code);
		const stage2 = getDrill(s.db, second.value.id)!.stages.find((x) => x.kind === 'hazard')!.id;
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		openStage(s.db, s.trainer, second.value.id, stage2, T0);
		const refsOf = (drillId: number, stageId: number) => {
			const sheet = officerSheet(s.db, s.a1, drillId, stageId, T0);
			if (!sheet.ok) throw new Error(sheet.error.code);
			return sheet.value.view.areas.flatMap((a) => a.items.map((i) => i.id));
		};
		const [one, two] = [refsOf(s.drillId, 1), refsOf(second.value.id, stage2)];
		expect(one.filter((r) => two.includes(r))).toEqual([]);
		const save = (drillId: number, stageId: number, ref: string) => saveEntry(s.db, s.a1, { drillId, stageId, ref, baseVersion: 0, data: answer() }, T0 + 1);
		expect(save(s.drillId, 1, one[0]).ok).toBe(true);
		expect(save(second.value.id, stage2, two[0]).ok).toBe(true);
		expect(save(second.value.id, stage2, one[1])).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		expect(save(s.drillId, 1, two[1])).toEqual({ ok: false, error: { code: 'drill.unknown_item' } });
		expect(save(s.drillId, 1, one[1]).ok).toBe(true);
	});

	it('the officer sheet carries nothing of the key', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const json = JSON.stringify(hazardStage(s));
		for (const secret of ['SECRET', 'duct', 'extinguisher', '"decoy"', 'salt', 'majorCriterion', 'violated', '《工贸企业重大事故隐患判定标准》']) expect(json).not.toContain(secret);
	});
});

describe('drillResults', () => {
	it('scores from the saved sheets, ranks the better team first, and gives the same result when re-run', () => {
		const s = setup();
		openStage(s.db, s.trainer, s.drillId, 1, T0);
		const sheet = hazardStage(s);
		const byTitle = new Map(sheet.view.areas[0].items.map((i) => [i.title, i.id]));
		// 甲队 records the major dust hazard exactly as the key has it; 乙队 flags the compliant extinguisher.
		saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: 1, ref: byTitle.get('除尘器')!, baseVersion: 0, data: answer() }, T0 + 1);
		saveEntry(s.db, s.b1, { drillId: s.drillId, stageId: 1, ref: byTitle.get('灭火器')!, baseVersion: 0, data: answer() }, T0 + 1);
		const r = drillResults(s.db, s.drillId)!;
		// 甲队: the 10-point hazard fully right (10) of 14 hazard points; weight 70 → 50; procedure 0 → total 50.
		expect(r.teams.map((t) => [t.name, t.rank, t.total])).toEqual([
			['甲队', 1, 50],
			['乙队', 2, 0]
		]);
		expect(r.teams[1].stages[0].lines.some((l) => l.rule === 'decoy.flagged' && l.points === -2)).toBe(true);
		expect(drillResults(s.db, s.drillId)).toEqual(r);
	});
});

describe('scenario pictures in a drill', () => {
	it('are visible to the drill’s teams and judges, not to other officers', async () => {
		const { canViewScenarioImage } = await import('../scenario/access');
		const s = setup();
		const as = (id: number, roles: ('officer' | 'judge')[]) => ({ id, username: '', displayName: '', unitId: null, roles });
		expect(canViewScenarioImage(s.db, as(s.a1, ['officer']), 1)).toBe(true);
		expect(canViewScenarioImage(s.db, as(s.judge, ['judge']), 1)).toBe(true);
		expect(canViewScenarioImage(s.db, as(s.outsider, ['officer']), 1)).toBe(false);
		expect(canViewScenarioImage(s.db, as(s.a1, ['officer']), 99)).toBe(false);
	});
});

describe('drillsOfJudge', () => {
	it('lists the drills a judge scores, the first judge as chief', async () => {
		const { drillsOfJudge, drillsOfOfficer } = await import('./drills');
		const s = setup();
		expect(drillsOfJudge(s.db, s.judge)).toMatchObject([{ drillId: s.drillId, title: '测试比武', isChief: true }]);
		expect(drillsOfJudge(s.db, s.a1)).toEqual([]);
		expect(drillsOfOfficer(s.db, s.a1)).toMatchObject([{ drillId: s.drillId, teamName: '甲队' }]);
	});
});
