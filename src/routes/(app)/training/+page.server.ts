import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { listSessions, sessionYears, TRAINING_AUDIENCES, TRAINING_STATUSES } from '$lib/server/training/sessions';

const PAGE_SIZE = 20;

// Search parameters are user input: anything unknown falls back to "no filter" instead of a 500.
const filterSchema = z.object({
	year: z.coerce.number().int().min(2000).max(2100).nullable().catch(null),
	status: z.enum(TRAINING_STATUSES).nullable().catch(null),
	audience: z.enum(TRAINING_AUDIENCES).nullable().catch(null),
	sort: z.enum(['asc', 'desc']).catch('desc'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = ({ url }) => {
	requireRole('trainer', 'admin');
	const p = url.searchParams;
	const filter = filterSchema.parse({
		year: p.get('year') || null,
		status: p.get('status') || null,
		audience: p.get('audience') || null,
		sort: p.get('sort') ?? 'desc',
		page: p.get('page') ?? 1
	});
	const db = getDb();
	const result = listSessions(db, { ...filter, pageSize: PAGE_SIZE });
	return { filter, years: sessionYears(db), ...result };
};
