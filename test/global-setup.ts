import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Build the engine's JavaScript entries (CLI, worker) once before the tests that spawn them. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build-engine.mjs'], { cwd: root, stdio: 'inherit' });
}
