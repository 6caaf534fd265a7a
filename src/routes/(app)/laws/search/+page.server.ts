import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { HIT_END, HIT_START, searchArticles } from '$lib/server/law/library';
import { getLaw } from '$lib/domain/law/catalog';
import { toChineseNumber } from '$lib/domain/law/cn-numerals';

const PAGE_SIZE = 20;
const querySchema = z.object({
	q: z.string().trim().max(50).catch(''),
	page: z.coerce.number().int().min(1).max(1000).catch(1)
});

/** Splits a marked snippet into plain segments, so the page renders hits without {@html}. */
function segments(snippet: string): { text: string; hit: boolean }[] {
	const out: { text: string; hit: boolean }[] = [];
	for (const part of snippet.split(HIT_START)) {
		const [hit, rest] = part.includes(HIT_END) ? part.split(HIT_END, 2) : [null, part];
		if (hit) out.push({ text: hit, hit: true });
		if (rest) out.push({ text: rest, hit: false });
	}
	return out;
}

export const load: PageServerLoad = ({ url }) => {
	requireUser();
	const raw = url.searchParams.get('q') ?? '';
	const { q, page } = querySchema.parse({ q: raw, page: url.searchParams.get('page') ?? 1 });
	const tooLong = raw.trim().length > 50;
	if (!q) return { q, page, total: 0, pageSize: PAGE_SIZE, hits: [], tooLong };
	const { total, hits } = searchArticles(getDb(), q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
	return {
		q,
		page,
		total,
		pageSize: PAGE_SIZE,
		tooLong,
		hits: hits.map((h) => {
			const law = getLaw(h.lawId);
			return {
				lawId: h.lawId,
				lawTitle: law ? `《${law.shortTitle}》` : h.lawId,
				number: h.number,
				label: `第${toChineseNumber(h.number)}条`,
				segments: segments(h.snippet)
			};
		})
	};
};
