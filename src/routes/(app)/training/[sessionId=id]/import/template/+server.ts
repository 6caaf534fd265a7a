import { error } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { MAX_UPLOAD_BYTES, rosterSession } from '$lib/server/training/roster-import';
import { acceptedCategoryTexts, MAX_ROSTER_ROWS, ROSTER_EXAMPLE, ROSTER_FIELDS, ROSTER_HEADERS } from '$lib/domain/training/roster';
import { STAFF_CATEGORIES } from '$lib/domain/roles';
import { staffCategoryLabels } from '$lib/i18n/zh';

const GUIDE: Record<(typeof ROSTER_FIELDS)[number], [required: string, text: string]> = {
	name: ['必填', '2–30 个字，汉字或英文字母；少数民族姓名中的间隔号写作“·”（如 阿依古丽·买买提）。'],
	phone: ['选填', '11 位手机号码，用于接收培训通知；不要填座机号码。本列已设为文本格式。'],
	idNumber: ['必填', '18 位居民身份证号码，最后一位可以是 X。本列已设为文本格式，请勿改为“常规”或“数值”，否则 Excel 会把号码改成 1.10105E+17 并丢掉末几位。'],
	enterprise: ['必填', '企业全称，与营业执照一致。系统中还没有的企业，导入时会列出，经确认后在本期培训所属地区下新建。'],
	category: ['必填', '从下拉列表中选择：主要负责人、安全生产管理人员、特种作业人员、其他从业人员（也可识别下方所列的常见写法）。'],
	position: ['选填', '如 总经理、安全员、电工，不超过 50 个字。']
};

/** 名单模板: the header row, one example row, and a 「填写说明」 sheet. Text columns stay text in Excel. */
async function templateWorkbook(): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '执法比武与安全培训平台';
	const ws = wb.addWorksheet('名单');
	ws.columns = ROSTER_FIELDS.map((f) => ({ header: ROSTER_HEADERS[f], key: f, width: f === 'enterprise' ? 32 : f === 'idNumber' ? 22 : 16 }));
	ws.getRow(1).font = { bold: true };
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	// Phone and ID columns as text (@), so Excel keeps every digit of what is typed or pasted into them.
	ws.getColumn('phone').numFmt = '@';
	ws.getColumn('idNumber').numFmt = '@';
	const example = ws.addRow(ROSTER_EXAMPLE);
	example.font = { italic: true, color: { argb: 'FF808080' } };
	example.getCell('name').note = '示例行：请删除后再填写（留在名单中会被指出，不会被导入）';
	// A drop-down of the four categories over the whole column, as one range: per-cell validations would
	// materialise 10,000 cells. exceljs supports range keys here but leaves `dataValidations` out of its types.
	const categories = STAFF_CATEGORIES.map((c) => staffCategoryLabels[c]).join(',');
	(ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`E2:E${MAX_ROSTER_ROWS + 1}`, {
		type: 'list',
		allowBlank: true,
		formulae: [`"${categories}"`],
		showErrorMessage: false
	});

	const guide = wb.addWorksheet('填写说明');
	guide.columns = [
		{ header: '列名', key: 'column', width: 12 },
		{ header: '是否必填', key: 'required', width: 10 },
		{ header: '填写要求', key: 'text', width: 90 }
	];
	guide.getRow(1).font = { bold: true };
	for (const f of ROSTER_FIELDS) guide.addRow({ column: ROSTER_HEADERS[f], required: GUIDE[f][0], text: GUIDE[f][1] });
	guide.addRow({});
	guide.addRow({ column: '可识别的人员类别' }).font = { bold: true };
	const accepted = acceptedCategoryTexts();
	for (const c of STAFF_CATEGORIES) guide.addRow({ column: staffCategoryLabels[c], text: `也可写作：${accepted[c].filter((t) => t !== staffCategoryLabels[c]).join('、')}` });
	guide.addRow({});
	guide.addRow({ column: '其他说明' }).font = { bold: true };
	for (const line of [
		'第 1 行是表头，请不要修改列名；列的顺序可以调整，表头不认识的列会被忽略。',
		'每行填写一人，空行会被跳过；同一身份证号在名单中只能出现一次。',
		`一次最多导入 ${MAX_ROSTER_ROWS.toLocaleString('zh-CN')} 人，文件不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB；人数更多时请拆成几个文件。`,
		'也可以另存为 CSV 文件导入（UTF-8 或 Excel 默认的 GBK 编码均可）。',
		'导入前系统会逐行检查全部内容并列出每个问题（第几行、哪一列），全部处理好或确认跳过有问题的行之前，不会写入任何数据。',
		'单元格中的公式不会被计算：请粘贴为数值后再导入。'
	]) {
		guide.addRow({ text: line }).alignment = { wrapText: true };
	}
	guide.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 下载名单模板: trainers and admins. */
export const GET: RequestHandler = async ({ params }) => {
	requireRole('trainer', 'admin');
	if (!rosterSession(getDb(), Number(params.sessionId))) error(404, '未找到该期培训');
	const buffer = await templateWorkbook();
	return new Response(new Uint8Array(buffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition('roster-template.xlsx', '培训名单模板.xlsx'),
			'cache-control': 'no-store'
		}
	});
};
