import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright's end-to-end specs (test/e2e/*.spec.ts) run under playwright.config.ts, never here.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Relaxed SIMD is behind a flag on Node 20: with it, every kernel path (relaxed, simd, scalar) runs under test.
    execArgv: ['--experimental-wasm-relaxed-simd'],
    // Bounds on a hang, not measures of speed: tests that train real searches in real workers ran
    // several times slower on a CI host shared with other jobs than on an idle machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
