import type { PageServerLoad } from './$types';
import { count, desc, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { auditLog, unit, user, userRole } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/auth/guard';

export const load: PageServerLoad = () => {
	requireRole('admin');
	const db = getDb();
	const roleCounts = db
		.select({ role: userRole.role, n: count() })
		.from(userRole)
		.innerJoin(user, eq(user.id, userRole.userId))
		.where(eq(user.isDisabled, false))
		.groupBy(userRole.role)
		.all();
	return {
		users: db.select({ n: count() }).from(user).get()?.n ?? 0,
		disabled: db.select({ n: count() }).from(user).where(eq(user.isDisabled, true)).get()?.n ?? 0,
		units: db.select({ n: count() }).from(unit).get()?.n ?? 0,
		roleCounts: Object.fromEntries(roleCounts.map((r) => [r.role, r.n])) as Record<string, number>,
		recent: db
			.select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, actor: user.displayName })
			.from(auditLog)
			.leftJoin(user, eq(user.id, auditLog.actorId))
			.orderBy(desc(auditLog.id))
			.limit(8)
			.all()
	};
};
