import { z } from 'zod';
import { BANK_SORTS, type BankSort, type QuestionFilter } from '$lib/server/quiz/bank';
import { QUESTION_STATUSES, QUESTION_TYPES, type Difficulty } from '$lib/domain/quiz/types';

/**
 * The bank list's filters as they sit in the URL (?category=3&type=single&difficulty=2&status=active&tag=…&q=…&sort=…&page=2).
 * Search parameters are user input: anything unknown falls back to "no filter" instead of a 500.
 */
const filterSchema = z.object({
	categoryId: z.coerce.number().int().min(1).max(999_999_999).nullable().catch(null),
	type: z.enum(QUESTION_TYPES).nullable().catch(null),
	difficulty: z
		.enum(['1', '2', '3'])
		.transform((d) => Number(d) as Difficulty)
		.nullable()
		.catch(null),
	status: z.enum(QUESTION_STATUSES).nullable().catch(null),
	tag: z.string().trim().max(20).nullable().catch(null),
	q: z.string().trim().max(100).nullable().catch(null),
	sort: z.enum(BANK_SORTS).catch('updated_desc'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export type BankFilter = Required<Omit<QuestionFilter, 'sort'>> & { sort: BankSort; page: number };

export function parseFilter(url: URL): BankFilter {
	const p = url.searchParams;
	const f = filterSchema.parse({
		categoryId: p.get('category') || null,
		type: p.get('type') || null,
		difficulty: p.get('difficulty') || null,
		status: p.get('status') || null,
		tag: p.get('tag') || null,
		q: p.get('q') || null,
		sort: p.get('sort') ?? 'updated_desc',
		page: p.get('page') ?? 1
	});
	return { ...f, tag: f.tag || null, q: f.q || null };
}

/** Whether any filter (besides sort and page) is set. */
export const isFiltered = (f: BankFilter) => !!(f.categoryId || f.type || f.difficulty || f.status || f.tag || f.q);
