/**
 * Units form a tree: 省 → 市 → 县/区 → 部门 or 企业. Departments and enterprises may also hang directly
 * under a 省 or 市 (a provincial 应急管理厅, a city-level enterprise), so the rule is "a child is of a
 * lower level than its parent", not "exactly one level lower".
 */
export const UNIT_KINDS = ['province', 'city', 'county', 'department', 'enterprise'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const LEVEL: Record<UnitKind, number> = {
	province: 0,
	city: 1,
	county: 2,
	department: 3,
	enterprise: 3
};

export type UnitPlacementError =
	| 'unit.root_must_be_province'
	| 'unit.parent_is_leaf'
	| 'unit.child_not_lower'
	| 'unit.cycle';

/** Whether a unit of `kind` may sit under a parent of `parentKind` (null = at the root). */
export function checkUnitPlacement(
	kind: UnitKind,
	parentKind: UnitKind | null
): UnitPlacementError | null {
	if (parentKind === null) return kind === 'province' ? null : 'unit.root_must_be_province';
	if (parentKind === 'department' || parentKind === 'enterprise') return 'unit.parent_is_leaf';
	if (LEVEL[kind] <= LEVEL[parentKind]) return 'unit.child_not_lower';
	return null;
}

export interface UnitNode {
	id: number;
	parentId: number | null;
}

/** True when making `newParentId` the parent of `unitId` would put the unit under itself. */
export function wouldCreateCycle(
	units: readonly UnitNode[],
	unitId: number,
	newParentId: number | null
): boolean {
	const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
	let cursor = newParentId;
	const seen = new Set<number>();
	while (cursor !== null && cursor !== undefined) {
		if (cursor === unitId) return true;
		if (seen.has(cursor)) return true;
		seen.add(cursor);
		cursor = parentOf.get(cursor) ?? null;
	}
	return false;
}

export interface TreeRow<T extends UnitNode> {
	unit: T;
	depth: number;
}

/** Flattens units into display order: each parent followed by its children, depth-first, siblings in input order. */
export function flattenTree<T extends UnitNode>(units: readonly T[]): TreeRow<T>[] {
	const children = new Map<number | null, T[]>();
	const ids = new Set(units.map((u) => u.id));
	for (const u of units) {
		// An orphan (parent missing from the list) is shown at the root rather than lost.
		const key = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
		const list = children.get(key) ?? [];
		list.push(u);
		children.set(key, list);
	}
	const out: TreeRow<T>[] = [];
	const walk = (parent: number | null, depth: number) => {
		for (const u of children.get(parent) ?? []) {
			out.push({ unit: u, depth });
			walk(u.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}
