import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Build the engine's JavaScript entries (CLI, worker) once; tests that spawn them fail on their own if this did not work. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync(process.execPath, ['scripts/build-engine.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) console.warn(`global setup: the engine bundle did not build:\n${r.stderr}`);
}
