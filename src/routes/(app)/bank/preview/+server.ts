import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/markdown';
import { EXPLANATION_MAX, STEM_MAX } from '$lib/domain/quiz/validate';

const field = (v: unknown, max: number) => (typeof v === 'string' ? [...v].slice(0, max).join('') : '');

/**
 * 实时预览 of the question editor: stem, explanation and provisions rendered exactly as learners will
 * see them (marked → sanitize-html → citation links). Writes nothing; bad JSON gets a 400, not a 500.
 */
export const POST: RequestHandler = async ({ request }) => {
	requireRole('trainer', 'admin');
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ message: '预览请求格式不正确' }, { status: 400 });
	}
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	return json({
		stem: renderMarkdown(field(b.stem, STEM_MAX + 100)),
		explanation: renderMarkdown(field(b.explanation, EXPLANATION_MAX + 100)),
		provisions: renderMarkdown(field(b.provisions, 1000))
	});
};
