/**
 * 成绩 as an Excel workbook for trainers: 排名, 阶段得分 and 隐患矩阵. Everything comes from drillResults,
 * so the workbook always matches the results page and the CSV.
 *
 * Formula injection: exceljs writes a JS string as a typed string cell (t="s"), never as a formula
 * (only `{ formula }` values are), so Excel does not evaluate "=HYPERLINK(…)" in a team name on open.
 * A typed string does turn into a live formula when someone edits the cell and presses Enter, though,
 * and exceljs cannot write Excel's quotePrefix style; so text starting with = + - @ (or tab/CR) gets a
 * leading ' as in the CSV export, and the two files show the same text.
 */
import { awardLabels } from '../../i18n/zh';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { drill } from '../db/schema';
import { getVersion } from '../scenario/scenarios';
import { drillResults } from './results';
import { hazardMatrix, plantedHazards } from '../../domain/drill/hazard-matrix';
import { roundPoints } from '../../domain/drill/points';
import type { ScenarioContent } from '../../domain/scenario/types';

export type DrillResults = NonNullable<ReturnType<typeof drillResults>>;

export const SHEET_NAMES = { ranking: '排名', stages: '阶段得分', matrix: '隐患矩阵' } as const;

/** Fill and note of a 隐患矩阵 cell whose team did not find the hazard (it shows 0). */
const NOT_FOUND_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
export const NOT_FOUND_NOTE = '未发现';

/** User text as an inert cell value (see the file comment). */
export function inertText(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Display width of a cell: CJK characters take two columns. */
function textWidth(value: ExcelJS.CellValue, numFmt: string | undefined): number {
	if (value === null || value === undefined) return 0;
	if (typeof value === 'number' && numFmt?.endsWith('%')) return 7;
	return [...String(value)].reduce((w, ch) => w + (ch.codePointAt(0)! > 0xff ? 2 : 1), 0);
}

/** Bold header row, frozen header (and the first `frozenColumns`), widths fitted to the content. */
function finishSheet(ws: ExcelJS.Worksheet, frozenColumns: number) {
	ws.getRow(1).font = { bold: true };
	ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
	ws.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }];
	// ws.columns holds only the columns exceljs has materialised so far; getColumn makes each one.
	for (let i = 1; i <= ws.columnCount; i++) {
		const col = ws.getColumn(i);
		let width = 0;
		col.eachCell({ includeEmpty: false }, (cell) => (width = Math.max(width, textWidth(cell.value, cell.numFmt))));
		col.width = Math.min(Math.max(width + 2, 8), 40);
	}
}

/**
 * The workbook of a drill's results; `content` is the drill's frozen scenario version (for the planted
 * hazards of the matrix). Teams in ranking order, stages in drill order.
 */
export async function resultsWorkbook(results: DrillResults, content: ScenarioContent): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '执法比武与安全培训平台';
	const { teams } = results;
	// Every team has every stage, and a stage's maximum depends only on the scenario: take them from the first.
	const stages = teams[0]?.stages ?? [];

	// 排名. 奖项 follows the drill's award counts (set in the control room); blank for a team without one.
	const ranking = wb.addWorksheet(SHEET_NAMES.ranking);
	ranking.addRow(['名次', '代表队', '总分', ...stages.map((s) => inertText(`${s.title}（满分 ${s.max}）`)), '奖项']);
	for (const t of teams) {
		const scores = stages.map((s) => t.stages.find((x) => x.stageId === s.stageId)?.score ?? 0);
		ranking.addRow([t.rank, inertText(t.name), t.total, ...scores, t.award ? awardLabels[t.award] : null]);
	}
	finishSheet(ranking, 2);

	// 阶段得分: one row per team and stage; 折算得分 is what the stage adds to 总分 (权重 × 得分 ÷ 满分).
	const stageSheet = wb.addWorksheet(SHEET_NAMES.stages);
	stageSheet.addRow(['名次', '代表队', '阶段', '权重', '得分', '满分', '折算得分']);
	for (const t of teams) {
		for (const s of t.stages) {
			stageSheet.addRow([t.rank, inertText(t.name), inertText(s.title), s.weight, s.score, s.max, s.max > 0 ? roundPoints((s.weight * s.score) / s.max) : 0]);
		}
	}
	finishSheet(stageSheet, 3);

	// 隐患矩阵: a hazard the team did not find shows 0 on a red fill with the note 未发现, so a found hazard
	// earning 0 (wrong on every count but the finding) stays distinguishable.
	const matrix = hazardMatrix(teams, plantedHazards(content));
	const matrixSheet = wb.addWorksheet(SHEET_NAMES.matrix);
	matrixSheet.addRow(['区域', '隐患', '分值', ...matrix.teams.map((t) => inertText(t.name)), '发现率']);
	const rateColumn = 4 + matrix.teams.length;
	for (const h of matrix.rows) {
		const row = matrixSheet.addRow([inertText(h.area), inertText(h.title), h.points, ...h.cells.map((c) => c.earned), h.foundRate]);
		h.cells.forEach((c, i) => {
			if (c.found) return;
			const cell = row.getCell(4 + i);
			cell.fill = NOT_FOUND_FILL;
			cell.note = NOT_FOUND_NOTE;
		});
		row.getCell(rateColumn).numFmt = '0.0%';
	}
	// Decoys flagged cost points too: one row of deductions, with the decoys' titles as the note.
	const decoyRow = matrixSheet.addRow(['干扰项', '误判合规项（扣分）', null, ...matrix.teams.map((t) => t.decoyPoints), null]);
	matrix.teams.forEach((t, i) => {
		if (t.decoys.length) decoyRow.getCell(4 + i).note = t.decoys.map((d) => d.label).join('、');
	});
	finishSheet(matrixSheet, 3);

	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook of a drill with its title for the file name, or null for an unknown drill. */
export async function drillResultsXlsx(db: Db, drillId: number): Promise<{ drill: DrillResults['drill']; buffer: Buffer } | null> {
	const d = db.select({ scenarioVersionId: drill.scenarioVersionId }).from(drill).where(eq(drill.id, drillId)).get();
	const results = d ? drillResults(db, drillId) : null;
	if (!d || !results) return null;
	return { drill: results.drill, buffer: await resultsWorkbook(results, getVersion(db, d.scenarioVersionId)!.content) };
}
