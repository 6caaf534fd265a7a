import adapterNode from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const node = adapterNode({ out: 'build' });

/**
 * adapter-node, then our server entry build/server.js (src/server/index.ts: the autosave fast path in front
 * of adapter-node's handler), so that `vite build` always leaves both.
 * @type {import('@sveltejs/kit').Adapter}
 */
const adapter = {
	...node,
	name: `${node.name} + build/server.js`,
	async adapt(builder) {
		await node.adapt(builder);
		const { buildServer } = await import('./scripts/build-server.js');
		builder.log.minor('Bundling build/server.js');
		await buildServer('build');
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter,
		// Form posts from other origins stay refused: SvelteKit's CSRF origin check is on by default
		// and no trusted origins are added.
		csrf: { trustedOrigins: [] },
		// Everything loads from the app itself (venues run offline). Inline style attributes are allowed
		// because Svelte's style: directives and bits-ui positioning use them; scripts get nonces.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
