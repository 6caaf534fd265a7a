import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { questionsForExport } from '$lib/server/quiz/bank';
import { exportTable, tableToCsv, tableToXlsx } from '$lib/server/quiz/bank-import';
import { parseFilter } from '../filter';

/** 导出: the filtered bank (all pages) in the import template's format, as .xlsx (default) or .csv. */
export const GET: RequestHandler = async ({ url }) => {
	requireRole('trainer', 'admin');
	const table = exportTable(questionsForExport(getDb(), parseFilter(url)));
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now()).replaceAll('-', '');
	const headers = { 'cache-control': 'no-store' };
	if (url.searchParams.get('format') === 'csv') {
		return new Response(tableToCsv(table), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachmentDisposition(`question-bank-${day}.csv`, `题库导出-${day}.csv`) }
		});
	}
	return new Response(new Uint8Array(await tableToXlsx(table)), {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition(`question-bank-${day}.xlsx`, `题库导出-${day}.xlsx`)
		}
	});
};
