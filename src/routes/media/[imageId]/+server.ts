import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { imageRow, readImageBytes } from '$lib/server/scenario/images';
import { canViewScenarioImage } from '$lib/server/scenario/access';

// Scenario pictures are served only to users allowed to see the scenario, never as static files.
export const GET: RequestHandler = ({ params }) => {
	const user = requireUser();
	if (!/^[a-z0-9]{16,64}$/.test(params.imageId)) error(404, '图片不存在');
	const db = getDb();
	const row = imageRow(db, params.imageId);
	if (!row) error(404, '图片不存在');
	if (!canViewScenarioImage(db, user, row.scenarioId)) error(403, '无权查看该图片');
	const bytes = readImageBytes(row.id);
	if (!bytes) error(404, '图片文件已丢失');
	return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
		headers: {
			'content-type': row.mime,
			'content-length': String(bytes.byteLength),
			'cache-control': 'private, max-age=3600',
			'x-content-type-options': 'nosniff',
			// An SVG opened directly can run nothing and load nothing.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
