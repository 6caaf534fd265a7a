import tailwindcss from '@tailwindcss/vite';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [tailwindcss(), sveltekit()],
	test: {
		include: ['src/**/*.{test,spec}.ts'],
		environment: 'node',
		// Tests never touch data/app.db: anything that reaches for the app database gets an empty in-memory one.
		env: { DATABASE_URL: ':memory:' },
		expect: { requireAssertions: true }
	}
});
