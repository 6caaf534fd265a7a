import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { unit, user } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import { checkUnitPlacement, flattenTree, wouldCreateCycle, type UnitKind } from '../../domain/unit';
import type { Sector } from '../../domain/roles';

export interface UnitInput {
	parentId: number | null;
	name: string;
	kind: UnitKind;
	sector: Sector | null;
	address: string | null;
	legalRepresentative: string | null;
	creditCode: string | null;
}

export function listUnits(db: Tx) {
	return db.select().from(unit).orderBy(asc(unit.kind), asc(unit.name), asc(unit.id)).all();
}

/** Units in tree order, each with its depth and the number of users attached. */
export function unitTree(db: Db) {
	const counts = new Map(
		db
			.select({ unitId: user.unitId, n: count() })
			.from(user)
			.groupBy(user.unitId)
			.all()
			.map((r) => [r.unitId, r.n])
	);
	return flattenTree(db.select().from(unit).orderBy(asc(unit.id)).all()).map((r) => ({
		...r,
		userCount: counts.get(r.unit.id) ?? 0
	}));
}

export function listEnterprises(db: Db) {
	return db
		.select({ id: unit.id, name: unit.name })
		.from(unit)
		.where(eq(unit.kind, 'enterprise'))
		.orderBy(asc(unit.name))
		.all();
}

function validate(tx: Tx, input: UnitInput, selfId: number | null): Result<null, string> {
	if (input.kind === 'enterprise' && !input.sector) return err('unit.sector_required');
	let parentKind: UnitKind | null = null;
	if (input.parentId !== null) {
		const parent = tx.select({ kind: unit.kind }).from(unit).where(eq(unit.id, input.parentId)).get();
		if (!parent) return err('unit.parent_not_found');
		parentKind = parent.kind;
	}
	const placement = checkUnitPlacement(input.kind, parentKind);
	if (placement) return err(placement);
	if (selfId !== null) {
		const all = tx.select({ id: unit.id, parentId: unit.parentId, kind: unit.kind }).from(unit).all();
		if (wouldCreateCycle(all, selfId, input.parentId)) return err('unit.cycle');
		// Changing a unit's kind must keep its existing children valid.
		for (const child of all.filter((u) => u.parentId === selfId)) {
			const e = checkUnitPlacement(child.kind, input.kind);
			if (e) return err(e);
		}
	}
	return ok(null);
}

function clean(input: UnitInput): UnitInput {
	// Enterprise-only facts are dropped for other kinds so the tree holds no stale data.
	return input.kind === 'enterprise' ? input : { ...input, sector: null, legalRepresentative: null, creditCode: null };
}

export function createUnit(db: Db, actorId: number, input: UnitInput): Result<{ id: number }, string> {
	return db.transaction((tx) => {
		const v = validate(tx, input, null);
		if (!v.ok) return v;
		const row = tx.insert(unit).values(clean(input)).returning().get();
		recordAudit(tx, { actorId, action: 'unit.create', entity: 'unit', entityId: row.id, after: row });
		return ok({ id: row.id });
	});
}

export function updateUnit(db: Db, actorId: number, unitId: number, input: UnitInput): Result<null, string> {
	return db.transaction((tx) => {
		const before = tx.select().from(unit).where(eq(unit.id, unitId)).get();
		if (!before) return err('unit.not_found');
		const v = validate(tx, input, unitId);
		if (!v.ok) return v;
		const after = tx.update(unit).set(clean(input)).where(eq(unit.id, unitId)).returning().get();
		recordAudit(tx, { actorId, action: 'unit.update', entity: 'unit', entityId: unitId, before, after });
		return ok(null);
	});
}

export function deleteUnit(db: Db, actorId: number, unitId: number): Result<null, string> {
	return db.transaction((tx) => {
		const before = tx.select().from(unit).where(eq(unit.id, unitId)).get();
		if (!before) return err('unit.not_found');
		const children = tx.select({ n: count() }).from(unit).where(eq(unit.parentId, unitId)).get()?.n ?? 0;
		if (children) return err('unit.has_children', { count: children });
		const users = tx.select({ n: count() }).from(user).where(eq(user.unitId, unitId)).get()?.n ?? 0;
		if (users) return err('unit.has_users', { count: users });
		tx.delete(unit).where(eq(unit.id, unitId)).run();
		recordAudit(tx, { actorId, action: 'unit.delete', entity: 'unit', entityId: unitId, before });
		return ok(null);
	});
}

export function getUnit(db: Db, unitId: number) {
	return db.select().from(unit).where(eq(unit.id, unitId)).get() ?? null;
}
