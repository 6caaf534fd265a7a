import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { unit, user, userRole } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { hashPassword, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { err, ok, type Result } from '../../domain/result';
import type { Role, StaffCategory } from '../../domain/roles';

export interface UserInput {
	username: string;
	displayName: string;
	unitId: number | null;
	staffCategory: StaffCategory | null;
	phone: string | null;
	position?: string | null;
	roles: Role[];
}

/** What the audit log keeps of a user: never the password hash. */
function snapshot(tx: Tx, userId: number) {
	const row = tx
		.select({
			username: user.username,
			displayName: user.displayName,
			unitId: user.unitId,
			staffCategory: user.staffCategory,
			phone: user.phone,
			position: user.position,
			isDisabled: user.isDisabled
		})
		.from(user)
		.where(eq(user.id, userId))
		.get();
	if (!row) return null;
	return { ...row, roles: rolesOf(tx, userId) };
}

export function rolesOf(tx: Tx, userId: number): Role[] {
	return tx
		.select({ role: userRole.role })
		.from(userRole)
		.where(eq(userRole.userId, userId))
		.orderBy(asc(userRole.role))
		.all()
		.map((r) => r.role);
}

function checkUnit(tx: Tx, input: Pick<UserInput, 'unitId' | 'roles'>): Result<null, string> {
	if (input.unitId !== null) {
		const u = tx.select({ kind: unit.kind }).from(unit).where(eq(unit.id, input.unitId)).get();
		if (!u) return err('user.unit_not_found');
		if (input.roles.includes('learner') && input.roles.length === 1 && u.kind !== 'enterprise')
			return err('user.enterprise_required');
	} else if (input.roles.length === 1 && input.roles[0] === 'learner') {
		return err('user.enterprise_required');
	}
	return ok(null);
}

function enabledAdminCount(tx: Tx): number {
	return (
		tx
			.select({ n: count() })
			.from(user)
			.innerJoin(userRole, eq(userRole.userId, user.id))
			.where(and(eq(userRole.role, 'admin'), eq(user.isDisabled, false)))
			.get()?.n ?? 0
	);
}

export async function createUser(
	db: Db,
	actorId: number | null,
	input: UserInput & { password: string },
	action: 'user.create' | 'user.register' | 'user.create_cli' = actorId === null ? 'user.register' : 'user.create'
): Promise<Result<{ id: number }, string>> {
	const passwordHash = await hashPassword(input.password); // async work before the synchronous transaction
	return db.transaction((tx) => {
		if (tx.select({ id: user.id }).from(user).where(eq(user.username, input.username)).get())
			return err('user.username_taken');
		const unitCheck = checkUnit(tx, input);
		if (!unitCheck.ok) return unitCheck;
		const row = tx
			.insert(user)
			.values({
				username: input.username,
				displayName: input.displayName,
				passwordHash,
				unitId: input.unitId,
				staffCategory: input.staffCategory,
				phone: input.phone,
				position: input.position ?? null
			})
			.returning({ id: user.id })
			.get();
		for (const role of new Set(input.roles)) tx.insert(userRole).values({ userId: row.id, role }).run();
		recordAudit(tx, {
			actorId: actorId ?? row.id,
			action,
			entity: 'user',
			entityId: row.id,
			after: snapshot(tx, row.id)
		});
		return ok({ id: row.id });
	});
}

export function updateUser(
	db: Db,
	actorId: number,
	userId: number,
	input: Omit<UserInput, 'username'>
): Result<null, string> {
	return db.transaction((tx) => {
		const before = snapshot(tx, userId);
		if (!before) return err('user.not_found');
		const unitCheck = checkUnit(tx, input);
		if (!unitCheck.ok) return unitCheck;
		const roles = [...new Set(input.roles)];
		if (before.roles.includes('admin') && !roles.includes('admin')) {
			if (userId === actorId) return err('user.cannot_drop_own_admin');
			if (!before.isDisabled && enabledAdminCount(tx) <= 1) return err('user.last_admin');
		}
		tx.update(user)
			.set({
				displayName: input.displayName,
				unitId: input.unitId,
				staffCategory: input.staffCategory,
				phone: input.phone,
				position: input.position ?? null,
				updatedAt: new Date()
			})
			.where(eq(user.id, userId))
			.run();
		tx.delete(userRole).where(eq(userRole.userId, userId)).run();
		for (const role of roles) tx.insert(userRole).values({ userId, role }).run();
		recordAudit(tx, { actorId, action: 'user.update', entity: 'user', entityId: userId, before, after: snapshot(tx, userId) });
		return ok(null);
	});
}

export function setUserDisabled(db: Db, actorId: number, userId: number, disabled: boolean): Result<null, string> {
	return db.transaction((tx) => {
		const before = snapshot(tx, userId);
		if (!before) return err('user.not_found');
		if (disabled && userId === actorId) return err('user.cannot_disable_self');
		if (disabled && before.roles.includes('admin') && !before.isDisabled && enabledAdminCount(tx) <= 1)
			return err('user.last_admin');
		tx.update(user).set({ isDisabled: disabled, updatedAt: new Date() }).where(eq(user.id, userId)).run();
		// A disabled user is logged out everywhere at once.
		if (disabled) invalidateUserSessions(tx, userId);
		recordAudit(tx, {
			actorId,
			action: disabled ? 'user.disable' : 'user.enable',
			entity: 'user',
			entityId: userId,
			before,
			after: snapshot(tx, userId)
		});
		return ok(null);
	});
}

/** Admin reset: sets a new password and ends the user's sessions. */
export async function resetPassword(db: Db, actorId: number, userId: number, password: string): Promise<Result<null, string>> {
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		if (!tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).get()) return err('user.not_found');
		tx.update(user).set({ passwordHash, updatedAt: new Date() }).where(eq(user.id, userId)).run();
		invalidateUserSessions(tx, userId);
		recordAudit(tx, { actorId, action: 'user.reset_password', entity: 'user', entityId: userId });
		return ok(null);
	});
}

/** A user changes their own password; every session of theirs ends (the caller starts a fresh one). */
export async function changeOwnPassword(
	db: Db,
	userId: number,
	currentPassword: string,
	newPassword: string
): Promise<Result<null, string>> {
	const row = db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, userId)).get();
	if (!row) return err('user.not_found');
	if (!(await verifyPassword(row.passwordHash, currentPassword))) return err('auth.wrong_current_password');
	const passwordHash = await hashPassword(newPassword);
	db.transaction((tx) => {
		tx.update(user).set({ passwordHash, updatedAt: new Date() }).where(eq(user.id, userId)).run();
		invalidateUserSessions(tx, userId);
		recordAudit(tx, { actorId: userId, action: 'user.change_password', entity: 'user', entityId: userId });
	});
	return ok(null);
}

export interface UserFilter {
	q?: string | null;
	role?: Role | null;
	unitId?: number | null;
	status?: 'active' | 'disabled' | null;
	page: number;
	pageSize: number;
}

export function listUsers(db: Db, f: UserFilter) {
	const conds: SQL[] = [];
	if (f.q) {
		const pattern = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		conds.push(
			or(
				sql`${user.username} like ${pattern} escape '\\'`,
				sql`${user.displayName} like ${pattern} escape '\\'`,
				sql`${user.phone} like ${pattern} escape '\\'`
			)!
		);
	}
	if (f.role) conds.push(inArray(user.id, db.select({ id: userRole.userId }).from(userRole).where(eq(userRole.role, f.role))));
	if (f.unitId) conds.push(eq(user.unitId, f.unitId));
	if (f.status) conds.push(eq(user.isDisabled, f.status === 'disabled'));
	const where = conds.length ? and(...conds) : undefined;
	const total = db.select({ n: count() }).from(user).where(where).get()?.n ?? 0;
	const rows = db
		.select({
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			unitName: unit.name,
			staffCategory: user.staffCategory,
			isDisabled: user.isDisabled
		})
		.from(user)
		.leftJoin(unit, eq(unit.id, user.unitId))
		.where(where)
		.orderBy(asc(user.username))
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.all();
	const roleRows = rows.length
		? db
				.select()
				.from(userRole)
				.where(inArray(userRole.userId, rows.map((r) => r.id)))
				.all()
		: [];
	return {
		total,
		rows: rows.map((r) => ({ ...r, roles: roleRows.filter((x) => x.userId === r.id).map((x) => x.role) }))
	};
}

export function getUser(db: Db, userId: number) {
	const row = db
		.select({
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			unitId: user.unitId,
			staffCategory: user.staffCategory,
			phone: user.phone,
			position: user.position,
			isDisabled: user.isDisabled,
			createdAt: user.createdAt
		})
		.from(user)
		.where(eq(user.id, userId))
		.get();
	return row ? { ...row, roles: rolesOf(db, userId) } : null;
}

export function countUsers(db: Db): number {
	return db.select({ n: count() }).from(user).get()?.n ?? 0;
}
