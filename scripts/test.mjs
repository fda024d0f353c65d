// `npm test`: installs what is missing, then runs every test: type checks, lint, unit and
// integration tests (vitest), and the end-to-end tests in Chromium. Ends with one line
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps, root } from './ensure-deps.mjs';

ensureDeps();
const ci = process.env.CI === 'true' || process.env.CI === '1';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args, opts = {}) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  results.push({ name, ok });
  return ok;
}

step('build the engine bundle', process.execPath, ['scripts/build-engine.mjs']);
step('type check (engine, hosts, tests)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
step('type check (renderer)', bin('vue-tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
step('lint', bin('eslint'), ['.']);

mkdirSync(join(root, 'test-results'), { recursive: true });
const vitestJson = join(root, 'test-results', 'vitest.json');
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const j = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

const e2e = join(root, 'test', 'e2e', 'run.mjs');
if (existsSync(e2e)) {
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
  if (!chrome) {
    const msg = 'END-TO-END TESTS SKIPPED: no Chromium found. Install Debian\'s chromium (apt-get install chromium) or set CHROME_PATH.';
    console.log(`\n!!!!!!!!\n${msg}\n!!!!!!!!`);
    results.push({ name: 'end-to-end tests SKIPPED (no Chromium)', ok: !ci });
    if (ci) failed++;
    else skipped++;
  } else {
    const summary = join(root, 'test-results', 'e2e.json');
    step('end-to-end tests in Chromium', process.execPath, [e2e, '--summary', summary], { env: { CHROME_PATH: chrome } });
    if (existsSync(summary)) {
      const j = JSON.parse(readFileSync(summary, 'utf8'));
      passed += j.passed ?? 0;
      failed += j.failed ?? 0;
      skipped += j.skipped ?? 0;
    }
  }
}

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
const bad = results.filter((r) => !r.ok).length;
if (bad > 0 && failed === 0) failed = bad;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(bad > 0 ? 1 : 0);
