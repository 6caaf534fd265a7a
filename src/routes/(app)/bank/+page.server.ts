import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { bankTags, categoryTree, listQuestions } from '$lib/server/quiz/bank';
import { isFiltered, parseFilter } from './filter';

export const load: PageServerLoad = ({ url }) => {
	requireRole('trainer', 'admin');
	const filter = parseFilter(url);
	const db = getDb();
	const categories = categoryTree(db);
	const list = listQuestions(db, filter);
	return {
		filter,
		filtered: isFiltered(filter),
		categories: categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth, totalCount: c.totalCount, path: c.path.join(' / ') })),
		tags: bankTags(db),
		deleted: url.searchParams.has('deleted'),
		...list
	};
};
