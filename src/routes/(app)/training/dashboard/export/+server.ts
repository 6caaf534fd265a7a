import { error } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { inertText } from '$lib/server/drill/export-xlsx';
import { chinaDate } from '$lib/server/training/attendance';
import {
	DASHBOARD_TABLES,
	parseDashboardQuery,
	regionOptions,
	searchEnterprises,
	searchShort,
	trainingStats,
	yearlyRequirementsText,
	type DashboardTable,
	type TrainingStats
} from '$lib/server/training/stats';
import { maskIdNumber } from '$lib/domain/training/id-number';
import { staffCategoryLabels, trainingStatsTableLabels } from '$lib/i18n/zh';

type Cell = string | number | null;
interface Sheet {
	header: string[];
	rows: Cell[][];
	/** 1-based columns holding rates (shown as percentages). */
	percent?: number[];
	/** 1-based columns that must stay text (ID numbers). */
	text?: number[];
	total?: Cell[];
}

const text = (s: string) => inertText(s);

/** The rows of one dashboard table, exactly as the page computes them (same filters, same search). */
function sheetOf(table: DashboardTable, stats: TrainingStats, q: string, eq: string, unmasked: boolean): Sheet {
	const t = stats.totals;
	switch (table) {
		case 'month':
			return {
				header: ['月份', '期次', '报名人次', '培训人次', '学时'],
				rows: stats.byMonth.map((m) => [`${m.month}月`, m.sessions, m.enrolled, m.trained, m.hours]),
				total: ['合计', t.sessions, t.enrolled, t.trained, t.hours]
			};
		case 'region':
			return {
				header: ['地区', '期次', '报名人次', '培训人次', '学时'],
				rows: stats.byRegion.map((r) => [text(r.name), r.sessions, r.enrolled, r.trained, r.hours]),
				total: ['合计', t.sessions, t.enrolled, t.trained, t.hours]
			};
		case 'category':
			return {
				header: ['人员类别', '报名人次', '培训人次', '培训人数', '学时', '出勤率', '考试合格率', '学时不足人数'],
				rows: stats.byCategory.map((c) => [staffCategoryLabels[c.category], c.enrolled, c.trained, c.trainees, c.hours, c.attendanceRate, c.passRate, c.short]),
				percent: [6, 7],
				total: ['合计', t.enrolled, t.trained, t.trainees, t.hours, t.attendanceRate, t.passRate, t.short]
			};
		case 'enterprises':
			return {
				header: ['企业', '所在地区', '登记人数', '本年参训人数', '本年学时', '学时不足人数', '尚差学时'],
				rows: searchEnterprises(stats.enterprises, eq).map((e) => [text(e.name), text(e.regionName), e.trainees, e.trained, e.hours, e.short, e.shortHours])
			};
		case 'short':
			return {
				header: ['姓名', '身份证号', '企业', '人员类别', '高危行业', '本年应训学时', '已完成学时', '尚差学时'],
				rows: searchShort(stats.shortLearners, q).map((r) => [
					text(r.name),
					r.idNumber === null ? null : unmasked ? r.idNumber : maskIdNumber(r.idNumber),
					text(r.enterpriseName),
					staffCategoryLabels[r.category],
					r.highRisk ? '是' : '否',
					r.required,
					r.done,
					r.short
				]),
				text: [2]
			};
	}
}

/** Display width of a value: CJK characters take two columns. */
const width = (v: Cell) => (v === null ? 0 : [...String(v)].reduce((w, ch) => w + (ch.codePointAt(0)! > 0xff ? 2 : 1), 0));

async function workbook(sheetName: string, sheet: Sheet, notes: [string, string][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '执法比武与安全培训平台';
	const ws = wb.addWorksheet(sheetName);
	ws.addRow(sheet.header);
	for (const r of sheet.rows) ws.addRow(r);
	if (sheet.total) ws.addRow(sheet.total).font = { bold: true };
	ws.getRow(1).font = { bold: true };
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	sheet.header.forEach((h, i) => {
		const col = ws.getColumn(i + 1);
		if (sheet.percent?.includes(i + 1)) col.numFmt = '0.0%';
		if (sheet.text?.includes(i + 1)) col.numFmt = '@';
		const w = Math.max(width(h), ...sheet.rows.map((r) => width(r[i])));
		col.width = Math.min(Math.max(w + 2, 8), 48);
	});
	const about = wb.addWorksheet('说明');
	about.columns = [
		{ header: '项目', key: 'k', width: 14 },
		{ header: '内容', key: 'v', width: 90 }
	];
	about.getRow(1).font = { bold: true };
	for (const [k, v] of notes) about.addRow({ k, v }).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 导出 Excel of one dashboard table (`table` = month | region | category | enterprises | short) under the page's
 * filters. ID numbers are masked unless an admin asks for them with `unmasked=1`, which is audited.
 */
export const GET: RequestHandler = async ({ url }) => {
	const user = requireRole('trainer', 'admin');
	const table = url.searchParams.get('table');
	if (!DASHBOARD_TABLES.includes(table as DashboardTable)) error(400, '未知的统计表');
	const name = table as DashboardTable;
	const unmasked = url.searchParams.get('unmasked') === '1';
	if (unmasked && !user.roles.includes('admin')) error(403, '只有系统管理员可以导出完整的身份证号码');

	const db = getDb();
	const now = Date.now();
	const query = parseDashboardQuery(url.searchParams, now);
	const regions = regionOptions(db);
	const region = regions.find((r) => r.id === query.regionUnitId) ?? null;
	const filter = { ...query, regionUnitId: region?.id ?? null };
	const stats = trainingStats(db, filter, now);
	const withIds = unmasked && name === 'short';
	const sheet = sheetOf(name, stats, filter.q, filter.eq, withIds);

	if (withIds) {
		recordAudit(db, {
			actorId: user.id,
			action: 'training.export_unmasked',
			entity: 'trainee',
			after: { table: name, year: filter.year, regionUnitId: filter.regionUnitId, category: filter.category, q: filter.q || null, rows: sheet.rows.length },
			at: now
		});
	}

	const label = trainingStatsTableLabels[name];
	const notes: [string, string][] = [
		['年度', `${filter.year} 年`],
		['地区', region?.name ?? '全部地区'],
		['人员类别', filter.category ? staffCategoryLabels[filter.category] : '全部类别'],
		...(name === 'short' && filter.q ? [['搜索', filter.q] as [string, string]] : []),
		...(name === 'enterprises' && filter.eq ? [['搜索', filter.eq] as [string, string]] : []),
		['身份证号', name !== 'short' ? '本表不含身份证号' : withIds ? '完整号码（本次导出已记入审计日志）' : '已遮蔽（仅保留前 3 位和后 4 位）'],
		['导出时间', `${chinaDate(now)}（导出人：${user.displayName}）`],
		[
			'统计口径',
			'培训期次按开班年度和所属地区统计，已取消的期次不计入；报名人次为占有名额的报名；培训人次为至少签到一个时段的报名；学时为实际签到时段的学时之和；出勤率 = 签到人·时段 ÷ 已举行时段的报名人·时段；考试合格率 = 合格人次 ÷ 考试人次。'
		],
		[
			'学时要求',
			`按年度再培训学时计：${yearlyRequirementsText()}。依据《生产经营单位安全培训规定》第九条、第十三条及《国务院安委会关于进一步加强安全培训工作的决定》。学时为本年度实际签到时段的学时之和，不论在哪一期参训。`
		]
	];
	const buffer = await workbook(label, sheet, notes);
	const suffix = withIds ? '-含身份证号' : '';
	return new Response(new Uint8Array(buffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition(`training-stats-${filter.year}-${name}.xlsx`, `培训统计-${filter.year}年-${label}${suffix}.xlsx`),
			'cache-control': 'no-store'
		}
	});
};
