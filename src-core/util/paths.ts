import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding built-in data sets and kernels: KNOBS_RESOURCES, else the nearest `resources/` above this module. */
export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.KNOBS_RESOURCES;
  if (fromEnv && existsSync(fromEnv)) return (cached = fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'datasets'))) return (cached = candidate);
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the resources folder (set KNOBS_RESOURCES to the folder that holds datasets/).');
    dir = up;
  }
}

/** A script of the built engine (out/engine, by scripts/build-engine.mjs): worker threads start from these, as Node 20 cannot start one from TypeScript. */
export function engineScript(file: string): string {
  const path = join(dirname(resourcesDir()), 'out', 'engine', file);
  if (!existsSync(path)) throw new Error(`The engine bundle ${file} is missing (${path}); run "node scripts/build-engine.mjs"`);
  return path;
}

/** Knobs' version, from the package.json beside the resources folder. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(dirname(resourcesDir()), 'package.json'), 'utf8')) as { version: string }).version;
}
