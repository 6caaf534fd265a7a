// The last step of `vite build` (svelte.config.js): bundles src/server/index.ts — the custom server with
// the autosave fast path, which imports the app's TypeScript server modules — into build/server.js, next
// to adapter-node's handler.js. Like adapter-node's output, it leaves the package.json dependencies to
// node_modules (better-sqlite3, drizzle-orm, zod, …) and bundles the rest.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

/** @param {string} out adapter-node's output folder */
export async function buildServer(out) {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
	await build({
		entryPoints: ['src/server/index.ts'],
		outfile: `${out}/server.js`,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		// $lib/… from the tsconfig paths that `svelte-kit sync` writes
		tsconfig: 'tsconfig.json',
		external: Object.keys(pkg.dependencies ?? {}),
		sourcemap: true,
		logLevel: 'warning'
	});
}
