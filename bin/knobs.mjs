#!/usr/bin/env node
// The `knobs` command: builds the engine bundle when its sources changed, then runs it.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts', 'build-engine.mjs')], { stdio: 'inherit' });
const { main } = await import(pathToFileURL(join(root, 'out', 'engine', 'cli.js')).href);
process.exitCode = await main(process.argv.slice(2));
