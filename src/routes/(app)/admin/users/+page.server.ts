import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { unitTree } from '$lib/server/unit/units';
import { listUsers } from '$lib/server/user/users';
import { ROLES } from '$lib/domain/roles';

const PAGE_SIZE = 20;

// Search parameters are user input too: anything unknown falls back to "no filter" instead of a 500.
const filterSchema = z.object({
	q: z.string().trim().max(64).catch(''),
	role: z.enum(ROLES).nullable().catch(null),
	unitId: z.coerce.number().int().positive().max(999_999_999).nullable().catch(null),
	status: z.enum(['active', 'disabled']).nullable().catch(null),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = ({ url }) => {
	requireRole('admin');
	const p = url.searchParams;
	const filter = filterSchema.parse({
		q: p.get('q') ?? '',
		role: p.get('role') || null,
		unitId: p.get('unitId') || null,
		status: p.get('status') || null,
		page: p.get('page') ?? 1
	});
	const db = getDb();
	const { total, rows } = listUsers(db, { ...filter, pageSize: PAGE_SIZE });
	return {
		filter,
		total,
		pageSize: PAGE_SIZE,
		users: rows,
		units: unitTree(db).map((r) => ({ value: r.unit.id, label: r.unit.name, depth: r.depth }))
	};
};
