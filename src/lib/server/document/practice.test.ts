import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { auditLog, practiceDocument, unit, user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { ok } from '../../domain/result';
import { parseDocumentValues, templateFor } from '../../domain/document/templates';
import { createPractice, deletePractice, getPractice, listPractice, practicePrefill, practicePrefillSources, practiceVersions, savePractice, todayInChina } from './practice';
import { setupDrill } from '../drill/test-drill';
import { endDrill } from '../drill/drills';

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);

function setup() {
	const db = createTestDb();
	const agency = db.insert(unit).values({ name: '上饶市应急管理局', kind: 'department' }).returning().get();
	const mk = (username: string, role: 'officer' | 'trainer', unitId: number | null = null) => {
		const u = db.insert(user).values({ username, displayName: `${username}-name`, passwordHash: 'x', unitId }).returning().get();
		db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', 'trainer');
	const officer = mk('officer', 'officer', agency.id);
	const other = mk('other', 'officer');
	const scenarioId = createScenario(db, trainer, '测试');
	updateDraft(db, trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, trainer, scenarioId);
	if (!v.ok) throw new Error(`publish: ${v.error.code}`);
	const create = (who = officer, type = 'rectification_order', versionId: number | null = v.value.versionId, at = T0) => {
		const r = createPractice(db, who, type, versionId, at);
		if (!r.ok) throw new Error(r.error.code);
		return r.value.id;
	};
	return { db, trainer, officer, other, versionId: v.value.versionId, agencyId: agency.id, create };
}

describe('createPractice', () => {
	it('starts a blank document of the type, linked to the version, and audits it', () => {
		const s = setup();
		const id = s.create();
		const doc = getPractice(s.db, s.officer, id)!;
		expect(doc.type).toBe('rectification_order');
		expect(doc.scenarioVersionId).toBe(s.versionId);
		expect(doc.scenarioLabel).toBe('测试场景 v1');
		expect(doc.version).toBe(1);
		expect(doc.values.unitName).toBe('');
		expect(doc.values.findings).toEqual([]);
		const audit = s.db.select().from(auditLog).where(eq(auditLog.action, 'document.practice_create')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorId: s.officer, entityId: String(id) });
	});

	it('refuses an unknown type or version, and creates nothing', () => {
		const s = setup();
		expect(createPractice(s.db, s.officer, 'court_summons', null)).toMatchObject({ ok: false, error: { code: 'document.bad_type' } });
		expect(createPractice(s.db, s.officer, 'penalty_notice', 9999)).toMatchObject({ ok: false, error: { code: 'document.version_not_found' } });
		expect(s.db.select().from(practiceDocument).all()).toHaveLength(0);
	});

	it('works without a scenario', () => {
		const s = setup();
		const id = s.create(s.officer, 'penalty_notice', null);
		expect(getPractice(s.db, s.officer, id)).toMatchObject({ type: 'penalty_notice', scenarioVersionId: null, scenarioLabel: null });
	});
});

describe('listPractice', () => {
	it('lists only the user’s own documents, most recently edited first, by page', () => {
		const s = setup();
		const a = s.create(s.officer, 'rectification_order', s.versionId, T0);
		const b = s.create(s.officer, 'penalty_notice', null, T0 + 1000);
		const c = s.create(s.officer, 'inspection_record', null, T0 + 2000);
		s.create(s.other, 'inspection_record', null, T0 + 3000);
		// Editing the oldest brings it to the top.
		expect(savePractice(s.db, s.officer, a, { unitName: '甲公司' }, 1, T0 + 5000).ok).toBe(true);
		const all = listPractice(s.db, s.officer);
		expect(all.total).toBe(3);
		expect(all.rows.map((r) => r.id)).toEqual([a, c, b]);
		expect(all.rows[0]).toMatchObject({ type: 'rectification_order', scenarioLabel: '测试场景 v1', updatedAt: T0 + 5000 });
		expect(all.rows[2].scenarioLabel).toBeNull();
		const second = listPractice(s.db, s.officer, { limit: 2, offset: 2 });
		expect(second).toEqual({ total: 3, rows: [expect.objectContaining({ id: b })] });
		expect(listPractice(s.db, s.trainer)).toEqual({ total: 0, rows: [] });
	});
});

describe('savePractice', () => {
	it('saves validated (trimmed) values and bumps the version', () => {
		const s = setup();
		const id = s.create();
		const r = savePractice(s.db, s.officer, id, { unitName: '  测试机械有限公司 ', findings: [{ text: '除尘器未设泄爆口', isMajor: true }] }, 1, T0 + 1000);
		expect(r).toMatchObject({ ok: true, value: { version: 2, updatedAt: T0 + 1000 } });
		const doc = getPractice(s.db, s.officer, id)!;
		expect(doc.version).toBe(2);
		expect(doc.values.unitName).toBe('测试机械有限公司');
		expect(doc.values.findings).toEqual([{ text: '除尘器未设泄爆口', isMajor: true }]);
		// Fields not sent read back blank, never missing.
		expect(doc.values.deadline).toBe('');
	});

	it('reads back only the template’s fields, so what it reads can be saved again', () => {
		const s = setup();
		const id = s.create();
		s.db.update(practiceDocument).set({ values: { unitName: '甲公司', droppedField: '旧模板的栏目' } }).where(eq(practiceDocument.id, id)).run();
		const doc = getPractice(s.db, s.officer, id)!;
		expect(doc.values).not.toHaveProperty('droppedField');
		expect(doc.values.unitName).toBe('甲公司');
		expect(savePractice(s.db, s.officer, id, doc.values, doc.version).ok).toBe(true);
	});

	it('only lets the owner read, save or delete', () => {
		const s = setup();
		const id = s.create();
		expect(getPractice(s.db, s.other, id)).toBeNull();
		expect(savePractice(s.db, s.other, id, { unitName: '别人的' }, 1)).toMatchObject({ ok: false, error: { code: 'document.not_found' } });
		expect(deletePractice(s.db, s.other, id)).toMatchObject({ ok: false, error: { code: 'document.not_found' } });
		const doc = getPractice(s.db, s.officer, id)!;
		expect(doc.version).toBe(1);
		expect(doc.values.unitName).toBe('');
	});

	it('refuses a stale base version with the current document, and changes nothing', () => {
		const s = setup();
		const id = s.create();
		expect(savePractice(s.db, s.officer, id, { unitName: '第一次' }, 1).ok).toBe(true);
		const stale = savePractice(s.db, s.officer, id, { unitName: '旧窗口' }, 1);
		expect(stale.ok).toBe(false);
		if (stale.ok) return;
		expect(stale.error.code).toBe('document.conflict');
		expect(stale.current).toMatchObject({ id, version: 2, values: expect.objectContaining({ unitName: '第一次' }) });
		expect(getPractice(s.db, s.officer, id)).toMatchObject({ version: 2, values: expect.objectContaining({ unitName: '第一次' }) });
	});

	it('refuses invalid values with Chinese messages per field, and saves nothing', () => {
		const s = setup();
		const id = s.create();
		expect(savePractice(s.db, s.officer, id, { unitName: '已保存' }, 1).ok).toBe(true);
		const bad = savePractice(s.db, s.officer, id, { unitName: '新名称', numberYear: '26', findings: [{ text: 'x', isMajor: 'yes' }], unknownField: 'x' }, 2);
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(bad.error.code).toBe('document.invalid_values');
		expect(bad.error.params).toMatchObject({ numberYear: expect.stringContaining('四位数字'), findings: expect.stringMatching(/[\u4e00-\u9fff]/), unknownField: expect.any(String) });
		expect(getPractice(s.db, s.officer, id)).toMatchObject({ version: 2, values: expect.objectContaining({ unitName: '已保存' }) });
		for (const raw of [null, 'text', [1, 2]]) expect(savePractice(s.db, s.officer, id, raw, 2)).toMatchObject({ ok: false, error: { code: 'document.invalid_values' } });
	});
});

describe('deletePractice', () => {
	it('deletes the owner’s document and audits it', () => {
		const s = setup();
		const id = s.create();
		const keep = s.create();
		expect(deletePractice(s.db, s.officer, id)).toEqual({ ok: true, value: null });
		expect(getPractice(s.db, s.officer, id)).toBeNull();
		expect(getPractice(s.db, s.officer, keep)).not.toBeNull();
		expect(deletePractice(s.db, s.officer, id)).toMatchObject({ ok: false, error: { code: 'document.not_found' } });
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'document.practice_delete')).all()).toHaveLength(1);
	});
});

describe('practicePrefill', () => {
	const me = (s: ReturnType<typeof setup>) => ({ id: s.officer, displayName: '李执法', unitId: s.agencyId });

	it('fills from the linked scenario: enterprise, site areas, today, the officer, and the key’s hazards', () => {
		const s = setup();
		const id = s.create(s.officer, 'penalty_notice');
		const r = practicePrefill(s.db, me(s), id, '2026-12-01');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({
			agencyName: '上饶市应急管理局',
			unitName: '测试机械有限公司',
			officers: [{ name: '李执法', certificate: '' }],
			violations: [
				{ text: '除尘器：干式除尘器，未见泄爆口', isMajor: true },
				{ text: '警示标志：车间入口', isMajor: false }
			],
			violated: ['《安全生产法》第三十六条第一款', '《安全生产法》第三十五条'],
			penaltyBasis: ['《安全生产法》第九十九条第（二）项', '《安全生产法》第九十九条第（一）项'],
			documentDate: '2026-12-01'
		});
		// What it gives can be saved as it is.
		expect(parseDocumentValues(templateFor('penalty_notice'), r.value).ok).toBe(true);
	});

	it('fills places and the inspection time for an inspection record', () => {
		const s = setup();
		const id = s.create(s.officer, 'inspection_record');
		const r = practicePrefill(s.db, me(s), id, '2026-12-01');
		expect(r).toMatchObject({ ok: true, value: { inspectionPlaces: '抛光车间', inspectionStart: '2026-12-01T09:00', unitAddress: '测试路 1 号' } });
	});

	it('without a scenario gives only what the user and today provide, and nothing for another user’s document', () => {
		const s = setup();
		const id = s.create(s.officer, 'rectification_order', null);
		const r = practicePrefill(s.db, me(s), id, '2026-12-01');
		expect(r).toEqual({ ok: true, value: { agencyName: '上饶市应急管理局', officers: [{ name: '李执法', certificate: '' }], documentDate: '2026-12-01' } });
		expect(practicePrefill(s.db, { id: s.other, displayName: 'x', unitId: null }, id)).toMatchObject({ ok: false, error: { code: 'document.not_found' } });
	});

	it('keeps long scenario text within what a document may hold', () => {
		const content = fixtureScenario();
		content.areas[0].items[0].observation = `**很长的**描述 ${'长'.repeat(800)}`;
		const src = practicePrefillSources(content, { name: '李执法', agencyName: '' }, '2026-12-01');
		expect(src.hazards[0].observation.startsWith('很长的描述')).toBe(true);
		expect(`${src.hazards[0].title}：${src.hazards[0].observation}`.length).toBeLessThanOrEqual(500);
	});

	it('takes today in China’s time zone', () => {
		expect(todayInChina(Date.UTC(2026, 10, 29, 17, 0, 0))).toBe('2026-11-30');
		expect(todayInChina(Date.UTC(2026, 10, 29, 15, 59, 0))).toBe('2026-11-29');
	});
});

describe('practice against a scenario a drill is using', () => {
	it('offers and accepts only versions no unfinished drill is scored against, and gives no key while one is', () => {
		const s = setupDrill();
		const officer = s.a1;
		expect(practiceVersions(s.db).map((v) => v.id)).not.toContain(s.versionId);
		expect(createPractice(s.db, officer, 'rectification_order', s.versionId)).toEqual({ ok: false, error: { code: 'document.version_not_found' } });
		endDrill(s.db, s.trainer, s.drillId);
		expect(practiceVersions(s.db).map((v) => v.id)).toContain(s.versionId);
		const created = createPractice(s.db, officer, 'rectification_order', s.versionId);
		expect(created.ok).toBe(true);
	});
});
