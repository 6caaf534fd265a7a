import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { DEFAULT_SCORING } from '../../domain/drill/types';
import { ok } from '../../domain/result';
import { createDrill, openStage } from './drills';
import { officerSheet, saveEntry } from './sheets';
import { drillResultsXlsx, NOT_FOUND_NOTE, SHEET_NAMES } from './export-xlsx';

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);
/** A team name that would be a live formula if it were ever written as one. */
const EVIL = '=HYPERLINK("http://example.invalid","丙队")';

/**
 * The fixture scenario (除尘器 10 points, 警示标志 4, decoy 灭火器) in a drill of three teams: 甲队 records
 * the dust hazard exactly as the key has it; 乙队 gets the dust hazard's class and 违法依据 wrong, the
 * sign right, and flags the decoy; the third team saves nothing.
 */
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
			{ name: '乙队', unitId: null, memberIds: [b1] },
			{ name: EVIL, unitId: null, memberIds: [c1] }
		],
		judgeIds: []
	});
	if (!d.ok) throw new Error(d.error.code);
	const drillId = d.value.id;
	openStage(db, trainer, drillId, 1, T0);
	const sheet = officerSheet(db, a1, drillId, 1, T0);
	if (!sheet.ok) throw new Error(sheet.error.code);
	const byTitle = new Map(sheet.value.view.areas[0].items.map((i) => [i.title, i.id]));
	const answer = (classification: string, violated: string, penalty: string, measure: string, deadlineDays: number | null) => ({
		classification,
		violated: [violated],
		penalty: [penalty],
		measures: [measure],
		deadlineDays,
		note: ''
	});
	const dust = answer('major', '《安全生产法》第三十六条第一款', '《安全生产法》第九十九条第（二）项', 'stop_using_equipment', null);
	const sign = answer('general', '《安全生产法》第三十五条', '《安全生产法》第九十九条第（一）项', 'rectify_within_deadline', 5);
	const save = (who: number, title: string, data: unknown) => {
		const r = saveEntry(db, who, { drillId, stageId: 1, ref: byTitle.get(title)!, baseVersion: 0, data }, T0 + 1000);
		if (!r.ok) throw new Error(r.error.code);
	};
	save(a1, '除尘器', dust);
	save(b1, '除尘器', { ...dust, classification: 'general', violated: ['TEAM-B-PROVISION'] });
	save(b1, '警示标志', sign);
	save(b1, '灭火器', dust);
	return { db, drillId };
}

async function exported() {
	const s = setup();
	const x = await drillResultsXlsx(s.db, s.drillId);
	if (!x) throw new Error('no workbook');
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(x.buffer as unknown as ArrayBuffer);
	const sheet = (name: string) => wb.getWorksheet(name)!;
	/** Row values without exceljs's leading empty slot (row.values is 1-based). */
	const rowOf = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as ExcelJS.CellValue[]).slice(1);
	return { x, wb, sheet, rowOf };
}

// Independently of the scorer: each share of a hazard's points from the default weights, at the
// 2-decimal precision scores are kept in.
const w = DEFAULT_SCORING.hazard;
const round2 = (n: number) => Math.round(n * 100) / 100;
const A_DUST = 10; // every part right
const B_DUST = round2(10 * (w.found + w.penalty + w.measure)); // 一般 instead of 重大, 违法依据 not a citation: 7
const B_SIGN = 4; // every part right, 5 days within 3–7
const B_HAZARD = round2(B_DUST + B_SIGN - DEFAULT_SCORING.decoyPenalty); // 9 of 14
const A_TOTAL = round2((70 * A_DUST) / 14); // 50; the procedure stage never opened
const B_TOTAL = round2((70 * B_HAZARD) / 14); // 45

describe('drillResultsXlsx', () => {
	it('is null for an unknown drill', async () => {
		expect(await drillResultsXlsx(setup().db, 999)).toBeNull();
	});

	it('has the three sheets with bold, frozen headers', async () => {
		const { wb, sheet, rowOf, x } = await exported();
		expect(x.drill.title).toBe('测试比武');
		expect(wb.worksheets.map((ws) => ws.name)).toEqual(['排名', '阶段得分', '隐患矩阵']);
		expect(rowOf(sheet(SHEET_NAMES.ranking), 1)).toEqual(['名次', '代表队', '总分', '现场检查（满分 14）', '执法程序（满分 15）', '奖项']);
		expect(rowOf(sheet(SHEET_NAMES.stages), 1)).toEqual(['名次', '代表队', '阶段', '权重', '得分', '满分', '折算得分']);
		expect(rowOf(sheet(SHEET_NAMES.matrix), 1)).toEqual(['区域', '隐患', '分值', '甲队', '乙队', `'${EVIL}`, '发现率']);
		for (const ws of wb.worksheets) {
			expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
			expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		}
	});

	it('ranks by total with the stage scores as numbers and the awards of the default counts (1, 2, 3)', async () => {
		const { sheet, rowOf } = await exported();
		const ws = sheet(SHEET_NAMES.ranking);
		expect(ws.rowCount).toBe(4);
		expect([2, 3, 4].map((n) => rowOf(ws, n))).toEqual([
			[1, '甲队', A_TOTAL, A_DUST, 0, '一等奖'],
			[2, '乙队', B_TOTAL, B_HAZARD, 0, '二等奖'],
			[3, `'${EVIL}`, 0, 0, 0, '二等奖']
		]);
		expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
	});

	it('never writes a formula: a team name starting with = is a prefixed string', async () => {
		const { wb, sheet } = await exported();
		const cell = sheet(SHEET_NAMES.ranking).getCell('B4');
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		expect(cell.value).toBe(`'${EVIL}`);
		wb.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula))));
	});

	it('gives each team and stage its score, maximum, weight and weighted share of the total', async () => {
		const { sheet, rowOf } = await exported();
		const ws = sheet(SHEET_NAMES.stages);
		expect(ws.rowCount).toBe(1 + 3 * 2);
		expect(rowOf(ws, 2)).toEqual([1, '甲队', '现场检查', 70, A_DUST, 14, A_TOTAL]);
		expect(rowOf(ws, 3)).toEqual([1, '甲队', '执法程序', 30, 0, 15, 0]);
		expect(rowOf(ws, 4)).toEqual([2, '乙队', '现场检查', 70, B_HAZARD, 14, B_TOTAL]);
	});

	it('puts each team’s points per planted hazard in the matrix, unfound hazards at 0 marked 未发现, and the found rate', async () => {
		const { sheet, rowOf } = await exported();
		const ws = sheet(SHEET_NAMES.matrix);
		const [dust, sign, decoys] = [2, 3, 4].map((n) => rowOf(ws, n));
		expect(dust).toEqual(['抛光车间', '除尘器', 10, A_DUST, B_DUST, 0, 2 / 3]);
		expect(sign).toEqual(['抛光车间', '警示标志', 4, 0, B_SIGN, 0, 1 / 3]);
		expect(decoys).toEqual(['干扰项', '误判合规项（扣分）', undefined, 0, -DEFAULT_SCORING.decoyPenalty, 0]);
		expect(ws.getCell('G2').numFmt).toBe('0.0%');
		// Unfound: D3 (甲队, sign), F2 and F3 (the third team); found: D2, E2, E3.
		const isUnfound = (ref: string) => ws.getCell(ref).note === NOT_FOUND_NOTE && ws.getCell(ref).fill?.type === 'pattern';
		expect(['D3', 'F2', 'F3'].map(isUnfound)).toEqual([true, true, true]);
		expect(['D2', 'E2', 'E3'].map(isUnfound)).toEqual([false, false, false]);
		expect(ws.getCell('E4').note).toBe('灭火器');
	});
});
