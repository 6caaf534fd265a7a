import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Domain modules are pure: no framework, database or Node imports, so they run anywhere and test fast.
const FORBIDDEN = [/^@sveltejs\/kit/, /^\$app\//, /^\$env\//, /^\$lib\/server/, /\/server\//, /^drizzle-orm/, /^better-sqlite3/, /^node:/];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) return sources(p);
		return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
	});
}

describe('src/lib/domain purity', () => {
	const files = sources('src/lib/domain');
	it('has modules to check', () => expect(files.length).toBeGreaterThan(3));
	for (const file of files) {
		it(`${file} imports nothing impure`, () => {
			const imports = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
			expect(imports.filter((i) => FORBIDDEN.some((re) => re.test(i)))).toEqual([]);
		});
	}
});
