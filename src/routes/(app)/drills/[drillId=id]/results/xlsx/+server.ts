import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { drillResultsXlsx } from '$lib/server/drill/export-xlsx';

/** 导出 Excel: ranking, stage scores and the hazard matrix. Line-level results carry the key: trainers only. */
export const GET: RequestHandler = async ({ params }) => {
	requireRole('trainer', 'admin');
	const x = await drillResultsXlsx(getDb(), Number(params.drillId));
	if (!x) error(404, '未找到该比武活动');
	// A Buffer<ArrayBufferLike> is not a BodyInit under TS 6's DOM types; a Uint8Array copy of a few KB is.
	return new Response(new Uint8Array(x.buffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition(`drill-${x.drill.id}-results.xlsx`, `${x.drill.title}-成绩.xlsx`),
			'cache-control': 'no-store'
		}
	});
};
