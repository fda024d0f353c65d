// The end-to-end suite (test/e2e/*.spec.ts): the real renderer in Debian's Chromium (never a
// downloaded browser) against `knobs serve` on temporary databases. Screenshots of the views go to
// test-results/e2e/, traces of failed tests and the HTML report to test-results/, and the JSON
// results to test-results/e2e.json (scripts/test.mjs folds them into its closing line).
import { defineConfig } from '@playwright/test';

/** The Chromium the suite drives: CHROME_PATH, else Debian's. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  globalSetup: './test/e2e/global-setup.ts',
  // One worker: the searches the tests run train on the machine's cores.
  workers: 1,
  fullyParallel: false,
  retries: ci ? 1 : 0,
  // Bounds on a hang, not measures of speed: a CI host shared with other jobs has run the suite's
  // searches several times slower than an idle machine (see SEARCH_WAIT_MS in test/e2e/fixtures.ts).
  timeout: 420_000,
  expect: { timeout: 20_000 },
  forbidOnly: ci,
  reporter: [
    ['list'],
    ['html', { outputFolder: 'test-results/e2e-report', open: 'never' }],
    ['json', { outputFile: 'test-results/e2e.json' }],
  ],
  use: {
    launchOptions: {
      executablePath: chromePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
