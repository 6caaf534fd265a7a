import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, sheetEntry } from '../db/schema';
import { openStage, setDebriefOpen } from './drills';
import { drillDebrief } from './debrief';
import { addDocumentAdjustment, documentRef, documentsOf } from './documents';
import { drillResults } from './results';
import { getVersion } from '../scenario/scenarios';
import { DOCUMENT_DRILL_STAGES, FIXTURE_INSPECTION_RECORD, setupDrill, T0 } from './test-drill';

const [HAZARD, DOCUMENT] = [1, 2];
const stages = DOCUMENT_DRILL_STAGES;
const record = FIXTURE_INSPECTION_RECORD;

function setup() {
	const s = setupDrill({ stages });
	openStage(s.db, s.trainer, s.drillId, HAZARD, T0);
	openStage(s.db, s.trainer, s.drillId, DOCUMENT, T0);
	const put = (teamId: number, stageId: number, ref: string, data: unknown) =>
		s.db.insert(sheetEntry).values({ teamId, stageId, ref, data: JSON.stringify(data), version: 1, updatedBy: s.a1, updatedAt: T0 }).run();
	// 甲队 recorded the dust collector as 重大 and drafted the record; 乙队 drafted nothing.
	put(s.teamA, HAZARD, 'item:duct', { classification: 'major', violated: [], penalty: [], measures: ['stop_using_equipment'], deadlineDays: null, note: '' });
	for (const [field, value] of Object.entries(record)) put(s.teamA, DOCUMENT, documentRef('d1', field), value);
	const content = getVersion(s.db, s.versionId)!.content;
	const documentStage = (teamId: number) => drillResults(s.db, s.drillId)!.teams.find((t) => t.teamId === teamId)!.stages.find((x) => x.kind === 'document')!;
	return { ...s, content, documentStage };
}

describe('文书制作 stage', () => {
	it('reads a team’s documents back from its field entries', () => {
		const docs = documentsOf([
			{ ref: 'doc:d1:unitName', data: '"甲"' },
			{ ref: 'doc:d1:officers', data: '[]' },
			{ ref: 'doc:d2:unitName', data: null },
			{ ref: 'item:duct', data: '{}' }
		]);
		expect([...docs.entries()]).toEqual([['d1', { unitName: '甲', officers: [] }]]);
	});

	it('scores each team’s documents with explained line items; nothing drafted earns nothing', () => {
		const s = setup();
		const a = s.documentStage(s.teamA);
		expect(a.max).toBe(10);
		expect(a.score).toBeGreaterThan(5);
		expect(a.score).toBeLessThanOrEqual(10);
		expect(a.lines.every((l) => l.rule === 'document.check' && typeof l.detail?.reason === 'string')).toBe(true);
		expect(a.lines.reduce((n, l) => Math.round((n + l.points) * 100) / 100, 0)).toBe(a.score);
		const name = a.lines.find((l) => l.detail?.check === 'facts.unit_name')!;
		expect(name).toMatchObject({ ref: 'd1/unitName', detail: { passed: 1 } });
		expect(s.documentStage(s.teamB)).toMatchObject({ score: 0, max: 10 });
		expect(drillResults(s.db, s.drillId)).toEqual(drillResults(s.db, s.drillId));
	});

	it('loses the unit-name line when the name is wrong, with a reason naming the right one', () => {
		const s = setup();
		const before = s.documentStage(s.teamA).score;
		s.db.update(sheetEntry).set({ data: JSON.stringify('别的公司') }).where(eq(sheetEntry.ref, documentRef('d1', 'unitName'))).run();
		const after = s.documentStage(s.teamA);
		const name = after.lines.find((l) => l.detail?.check === 'facts.unit_name')!;
		expect(name).toMatchObject({ points: 0, detail: { passed: 0 } });
		expect(String(name.detail?.reason)).toContain('测试机械有限公司');
		expect(after.score).toBeLessThan(before);
	});

	it('adds a judge’s adjustment as its own line, audited; refuses outsiders and bad points', () => {
		const s = setup();
		const before = s.documentStage(s.teamA).score;
		const input = { drillId: s.drillId, stageId: DOCUMENT, teamId: s.teamA, documentKey: 'd1', points: -1, reason: '检查情况记录过简' };
		expect(addDocumentAdjustment(s.db, s.otherJudge, input, s.content, T0)).toEqual({ ok: false, error: { code: 'drill.not_judge' } });
		expect(addDocumentAdjustment(s.db, s.judges[0], { ...input, points: 0.3 }, s.content, T0)).toEqual({ ok: false, error: { code: 'document.bad_adjustment' } });
		expect(addDocumentAdjustment(s.db, s.judges[0], { ...input, documentKey: 'dx' }, s.content, T0)).toEqual({ ok: false, error: { code: 'document.unknown' } });
		expect(addDocumentAdjustment(s.db, s.judges[0], { ...input, stageId: HAZARD }, s.content, T0)).toEqual({ ok: false, error: { code: 'drill.stage_not_document' } });
		expect(addDocumentAdjustment(s.db, s.judges[0], input, s.content, T0)).toEqual({ ok: true, value: null });
		const after = s.documentStage(s.teamA);
		expect(after.score).toBe(Math.round((before - 1) * 100) / 100);
		expect(after.lines.at(-1)).toMatchObject({ rule: 'document.adjustment', points: -1, detail: { reason: '检查情况记录过简' } });
		expect(s.db.select().from(auditLog).where(eq(auditLog.action, 'drill.document_adjust')).all()).toHaveLength(1);
	});
});

describe('文书制作 in the debrief', () => {
	it('shows each team its own document checks with reasons, and the facts the document needed', () => {
		const s = setup();
		setDebriefOpen(s.db, s.trainer, s.drillId, true);
		const a = drillDebrief(s.db, { userId: s.a1, isStaff: false }, s.drillId);
		const b = drillDebrief(s.db, { userId: s.b1, isStaff: false }, s.drillId);
		if (!a.ok || !b.ok) throw new Error('debrief');
		const [docA] = a.value.documents!;
		expect(docA).toMatchObject({ type: 'inspection_record', points: 10, facts: ['SECRET-FACT'] });
		expect(docA.earned).toBe(s.documentStage(s.teamA).score);
		expect(docA.lines.find((l) => l.reason.includes('与企业登记名称一致'))).toMatchObject({ passed: true, points: expect.any(Number) });
		expect(docA.lines.every((l) => l.reason.length > 0)).toBe(true);
		expect(b.value.documents![0].lines.every((l) => l.points === 0)).toBe(true);
		expect(JSON.stringify(b.value)).not.toContain('李执法');
	});
});
