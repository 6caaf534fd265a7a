import { describe, expect, it } from 'vitest';
import { homeFor, isRole, type Role } from './roles';

describe('homeFor', () => {
	const cases: [Role[], string][] = [
		[['admin'], '/admin'],
		[['trainer'], '/workbench'],
		[['judge'], '/judging'],
		[['officer'], '/my-drills'],
		[['learner'], '/my-training'],
		[['learner', 'officer'], '/my-drills'],
		[['judge', 'trainer'], '/workbench'],
		[['officer', 'admin'], '/admin'],
		[[], '/account']
	];
	for (const [roles, home] of cases) {
		it(`${roles.join('+') || 'no role'} → ${home}`, () => expect(homeFor(roles)).toBe(home));
	}
});

describe('isRole', () => {
	it.each([
		['admin', true],
		['officer', true],
		['root', false],
		['', false],
		[null, false],
		[1, false]
	])('%s → %s', (v, expected) => expect(isRole(v)).toBe(expected));
});
