import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { drillResults } from '$lib/server/drill/results';
import { resultsCsv } from '../results-csv';

/** 导出 CSV: the ranking with each stage's score and the total. */
export const GET: RequestHandler = ({ params }) => {
	requireRole('trainer', 'admin');
	const r = drillResults(getDb(), Number(params.drillId));
	if (!r) error(404, '未找到该比武活动');
	const stages = r.teams[0]?.stages ?? [];
	return new Response(resultsCsv(stages, r.teams), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachmentDisposition(`drill-${r.drill.id}-results.csv`, `${r.drill.title}-成绩.csv`),
			'cache-control': 'no-store'
		}
	});
};
