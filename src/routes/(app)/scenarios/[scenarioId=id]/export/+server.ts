import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { exportScenario } from '$lib/server/scenario/scenarios';

/** The draft, or published version ?version=N, as a portable scenario file (pictures embedded). */
export const GET: RequestHandler = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const id = Number(params.scenarioId);
	const raw = url.searchParams.get('version');
	if (raw !== null && !/^[1-9]\d{0,5}$/.test(raw)) error(400, '版本号无效');
	const version = raw === null ? undefined : Number(raw);
	const file = exportScenario(getDb(), id, version);
	if (!file) error(404, version === undefined ? '未找到该场景' : `未找到该场景的 v${version}`);
	const name = `scenario-${id}${version === undefined ? '' : `-v${version}`}.json`;
	return new Response(JSON.stringify(file, null, '\t'), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
