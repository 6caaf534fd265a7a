import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Form posts from other origins stay refused: SvelteKit's CSRF origin check is on by default
		// and no trusted origins are added.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
