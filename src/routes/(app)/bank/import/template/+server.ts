import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { attachmentDisposition } from '$lib/server/http/attachment';
import { templateXlsx } from '$lib/server/quiz/bank-import';

/** 下载试题导入模板: the header, two example rows and a 填写说明 sheet. */
export const GET: RequestHandler = async () => {
	requireRole('trainer', 'admin');
	return new Response(new Uint8Array(await templateXlsx()), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition('question-bank-template.xlsx', '试题导入模板.xlsx'),
			'cache-control': 'no-store'
		}
	});
};
