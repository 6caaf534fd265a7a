import { describe, expect, it } from 'vitest';
import { checkUnitPlacement, flattenTree, wouldCreateCycle, type UnitKind } from './unit';

describe('checkUnitPlacement', () => {
	const cases: [UnitKind, UnitKind | null, ReturnType<typeof checkUnitPlacement>][] = [
		['province', null, null],
		['city', null, 'unit.root_must_be_province'],
		['enterprise', null, 'unit.root_must_be_province'],
		['city', 'province', null],
		['county', 'city', null],
		['county', 'province', null],
		['department', 'province', null],
		['department', 'county', null],
		['enterprise', 'county', null],
		['enterprise', 'city', null],
		['province', 'province', 'unit.child_not_lower'],
		['city', 'county', 'unit.child_not_lower'],
		['county', 'county', 'unit.child_not_lower'],
		['department', 'enterprise', 'unit.parent_is_leaf'],
		['enterprise', 'department', 'unit.parent_is_leaf']
	];
	for (const [kind, parent, expected] of cases) {
		it(`${kind} under ${parent ?? 'root'} → ${expected ?? 'ok'}`, () => {
			expect(checkUnitPlacement(kind, parent)).toBe(expected);
		});
	}
});

describe('wouldCreateCycle', () => {
	const units = [
		{ id: 1, parentId: null },
		{ id: 2, parentId: 1 },
		{ id: 3, parentId: 2 },
		{ id: 4, parentId: 1 }
	];
	const cases: [number, number | null, boolean][] = [
		[3, 4, false],
		[2, 4, false],
		[1, 3, true],
		[2, 3, true],
		[2, 2, true],
		[4, null, false]
	];
	for (const [unitId, parent, expected] of cases) {
		it(`moving ${unitId} under ${parent} → ${expected}`, () => {
			expect(wouldCreateCycle(units, unitId, parent)).toBe(expected);
		});
	}
});

describe('flattenTree', () => {
	it('lists parents before children with depths, orphans at the root', () => {
		const rows = flattenTree([
			{ id: 5, parentId: 2 },
			{ id: 1, parentId: null },
			{ id: 2, parentId: 1 },
			{ id: 3, parentId: 1 },
			{ id: 9, parentId: 42 }
		]);
		expect(rows.map((r) => [r.unit.id, r.depth])).toEqual([
			[1, 0],
			[2, 1],
			[5, 2],
			[3, 1],
			[9, 0]
		]);
	});
});
