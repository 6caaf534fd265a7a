import { describe, expect, it } from 'vitest';
import { isPublicPath } from '$lib/server/auth/public-paths';
import { MATRIX, ROLES, row, type Row } from '../../tests/e2e/security/matrix';
import { routeTree } from '../../tests/e2e/security/route-tree';

// The authorization matrix (tests/e2e/security/matrix.ts) must name every route, method and form action
// of this folder, so that a new one cannot ship without someone deciding who may use it. The e2e spec
// tests/e2e/security/access-matrix.spec.ts then runs the matrix against the server.
const tree = routeTree('src/routes');

describe('the access matrix covers the route tree', () => {
	it('reads the route tree (sanity: known routes, methods and actions are found)', () => {
		const byPattern = new Map(tree.map((r) => [r.pattern, r]));
		expect(byPattern.get('/drills/[drillId=id]')?.actions).toEqual(expect.arrayContaining(['open', 'openDebrief', 'reveal']));
		expect(byPattern.get('/api/drills/[drillId=id]/stages/[stageId=id]/entries')?.methods).toEqual(['GET', 'POST']);
		expect(byPattern.get('/logout')?.actions).toEqual(['default']);
		expect(byPattern.get('/judging/[drillId=id]')).toMatchObject({ isPage: true, actions: ['save', 'lock'] });
		expect(tree.length).toBeGreaterThan(90);
	});

	it('has an entry for every route, and none for a route that is gone', () => {
		const patterns = tree.map((r) => r.pattern);
		expect(patterns.filter((p) => !(p in MATRIX)), 'routes without a matrix entry').toEqual([]);
		expect(Object.keys(MATRIX).filter((p) => !patterns.includes(p)), 'matrix entries without a route').toEqual([]);
	});

	it('has a row for every method and form action of each route, and nothing more', () => {
		const problems: string[] = [];
		for (const r of tree) {
			const e = MATRIX[r.pattern];
			if (!e) continue;
			if (!!e.get !== (r.isPage || r.methods.includes('GET'))) problems.push(`${r.pattern}: GET ${e.get ? 'has a row but is not served' : 'has no row'}`);
			if (!!e.post !== r.methods.includes('POST')) problems.push(`${r.pattern}: POST ${e.post ? 'has a row but is not served' : 'has no row'}`);
			for (const m of r.methods.filter((m) => !['GET', 'POST'].includes(m))) problems.push(`${r.pattern}: ${m} cannot be expressed in the matrix yet`);
			const rows = Object.keys(e.actions ?? {});
			for (const a of r.actions.filter((a) => !rows.includes(a))) problems.push(`${r.pattern}: action ${a} has no row`);
			for (const a of rows.filter((a) => !r.actions.includes(a))) problems.push(`${r.pattern}: row for action ${a}, which is gone`);
			if (e.stream && !e.get) problems.push(`${r.pattern}: a stream without a GET row`);
		}
		expect(problems).toEqual([]);
	});

	it('gives every row an outcome for every role, and sends anonymous visitors of non-public paths to the login page', () => {
		for (const [pattern, e] of Object.entries(MATRIX)) {
			const rows: [string, Row][] = [
				...(e.get ? [['GET', e.get] as [string, Row]] : []),
				...(e.post ? [['POST', e.post.expect] as [string, Row]] : []),
				...Object.entries(e.actions ?? {})
			];
			for (const [what, r] of rows) {
				expect(Object.keys(r).sort(), `${pattern} ${what}`).toEqual([...ROLES].sort());
				// hooks.server.ts redirects every anonymous request outside the public paths before any route runs.
				if (!isPublicPath(e.url(FAKE).split('?')[0])) expect(r.anonymous, `${pattern} ${what}`).toBe('login');
			}
		}
	});
});

describe('row()', () => {
	it.each([
		[{ staff: 200 }, { anonymous: 'login', learner: 403, officerA: 403, officerB: 403, judge: 403, trainer: 200, admin: 200 }],
		[{ signedIn: 404, staff: 200 }, { anonymous: 'login', learner: 404, officerA: 404, officerB: 404, judge: 404, trainer: 200, admin: 200 }],
		[{ all: 400, judge: 403 }, { anonymous: 400, learner: 400, officerA: 400, officerB: 400, judge: 403, trainer: 400, admin: 400 }],
		[{ officers: 200, rest: 404 }, { anonymous: 'login', learner: 404, officerA: 200, officerB: 200, judge: 404, trainer: 404, admin: 404 }]
	] as const)('%o', (spec, expected) => {
		expect(row(spec)).toEqual(expected);
	});
});

/** Ids for building URLs only (the paths are what the public-path check reads). */
const FAKE = new Proxy({}, { get: (_t, key) => (key === 'stageA' || key === 'stageB' ? new Proxy({}, { get: () => 1 }) : 1) }) as never;
