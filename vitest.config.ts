import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright's end-to-end specs (test/e2e/*.spec.ts) run under playwright.config.ts, never here.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Relaxed SIMD is behind a flag on Node 20: with it, every kernel path (relaxed, simd, scalar) runs under test.
    execArgv: ['--experimental-wasm-relaxed-simd'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
