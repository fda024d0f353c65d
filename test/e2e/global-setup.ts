// Before the end-to-end run: check that Chromium is there, clear the screenshots folder and build
// the renderer (out/renderer), which every worker's `knobs serve` serves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromePath } from '../../playwright.config';
import { root, shots } from './paths';

/** Playwright's global setup: fails with a clear message when Chromium or the renderer build is missing. */
export default function globalSetup(): void {
  if (!existsSync(chromePath)) {
    throw new Error(`END-TO-END TESTS CANNOT RUN: no Chromium at ${chromePath}. Install Debian's chromium (apt-get install chromium) or set CHROME_PATH.`);
  }
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('the renderer build (electron-vite build) failed');
}
