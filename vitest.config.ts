import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
	test: {
		include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'app/**/*.test.ts'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/per-worker.ts'],
		pool: 'forks',
		testTimeout: 20000,
		hookTimeout: 60000,
	},
})
