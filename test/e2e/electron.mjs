// Electron smoke test: launch the built app (out/main) with Playwright where the Electron runtime
// is installed; check the window, the isolated bridge and one request over IPC. Where the runtime
// is missing (it cannot be downloaded here), report that it was skipped and why.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';

/** The Electron executable from node_modules/electron, or null when its runtime was never fetched. */
export function electronExecutable(root) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

/** Run the smoke test: { ok, error } when it ran, { skipped, reason } when it could not. */
export async function electronSmoke(root) {
  const exe = electronExecutable(root);
  if (!exe) return { skipped: true, reason: 'no Electron runtime in node_modules/electron (run "npm start" once with network, or node node_modules/electron/install.js)' };
  if (process.platform === 'linux' && !process.env.DISPLAY) return { skipped: true, reason: 'no display (run under xvfb-run -a)' };
  const userData = mkdtempSync(join(tmpdir(), 'knobs-electron-'));
  let app;
  try {
    app = await _electron.launch({ executablePath: exe, args: [root], env: { ...process.env, KNOBS_USER_DATA: userData } });
    const win = await app.firstWindow();
    await win.waitForSelector('[data-testid="new-search"]', { timeout: 20_000 });
    const title = await win.title();
    const probe = await win.evaluate(async () => ({
      bridge: typeof window.knobs?.call,
      node: typeof window.require + typeof window.process,
      ipc: typeof window.ipcRenderer,
      projects: await window.knobs.call('projects.list', undefined),
    }));
    if (title !== 'Knobs') throw new Error(`window title "${title}"`);
    if (probe.bridge !== 'function' || probe.node !== 'undefinedundefined' || probe.ipc !== 'undefined') throw new Error(`bridge/isolation: ${JSON.stringify(probe)}`);
    if (!Array.isArray(probe.projects)) throw new Error('projects.list over IPC did not answer a list');
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e.message };
  } finally {
    await app?.close().catch(() => {});
    rmSync(userData, { recursive: true, force: true });
  }
}
