// `npm test`: installs what is missing, then runs every test: type checks, lint, unit and
// integration tests (vitest), and the end-to-end tests in Chromium. Ends with one line
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps, root } from './ensure-deps.mjs';

/**
 * Electronegativity (Doyensec's scanner for Electron misconfigurations) over the desktop host: the
 * main process, preload and security sources, the CSP, the page's index.html and package.json (for
 * the Electron version), copied into one folder so its global checks (navigation, permission
 * handler, CSP) see the main process and the page together. Fails on any finding of MEDIUM severity
 * or above, or on a file it could not parse; LOW and INFORMATIONAL findings are printed only. Runs
 * through the package's API: its CLI requires commander without declaring it and breaks beside
 * this project's commander 14. It tries the network (translations, Electron's release list) and
 * goes on without it.
 * Excluded checks (by class name), both review reminders that fire on any use of the API (each
 * use is reviewed and tested in test/integration/security.test.ts):
 *   PreloadJSCheck (PRELOAD_JS_CHECK)             fires for every preload script; ours exposes one narrow object (checklist 20).
 *   OpenExternalJSCheck (OPEN_EXTERNAL_JS_CHECK)  fires for every shell.openExternal; ours only ever gets https: URLs (checklist 15).
 */
const ELECTRONEGATIVITY_EXCLUDED = ['PreloadJSCheck', 'OpenExternalJSCheck'];

async function electronegativity() {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity');
  const { severity } = require('@doyensec/electronegativity/dist/finder/attributes');
  const dir = mkdtempSync(join(tmpdir(), 'knobs-electronegativity-'));
  const files = [
    ...readdirSync(join(root, 'src-main', 'electron')).filter((f) => f.endsWith('.ts')).map((f) => join('src-main', 'electron', f)),
    join('src-main', 'csp.ts'), join('src-renderer', 'index.html'), 'package.json',
  ];
  for (const f of files) {
    mkdirSync(join(dir, dirname(f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  setTimeout(() => {
    console.error('Electronegativity did not finish within 5 minutes');
    process.exit(1);
  }, 300_000).unref();
  const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const r = await run({
    input: dir, electronVersionOverride: electron, isRelative: true, customScan: [], parserPlugins: [],
    excludeFromScan: ELECTRONEGATIVITY_EXCLUDED.map((c) => c.toLowerCase()),
  });
  rmSync(dir, { recursive: true, force: true });
  const failing = r.issues.filter((i) => i.severity.value >= severity.MEDIUM.value);
  console.log(`Electronegativity: ${r.globalChecks + r.atomicChecks} checks over ${files.length} files (Electron ${electron}); excluded: ${ELECTRONEGATIVITY_EXCLUDED.join(', ')}`);
  for (const i of r.issues) {
    console.log(`  ${failing.includes(i) ? 'FAIL' : 'info'} ${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line} ${i.description}${i.sample ? ` — ${String(i.sample).trim()}` : ''}`);
  }
  const unparsed = r.errors.filter((e) => !e.tolerable);
  for (const e of r.errors) console.log(`  ${e.tolerable ? 'warn' : 'FAIL'} could not parse ${e.file}: ${e.message}`);
  console.log(failing.length + unparsed.length === 0 ? '  no finding of MEDIUM severity or above' : `  ${failing.length} finding(s) of MEDIUM severity or above, ${unparsed.length} file(s) not parsed`);
  return failing.length + unparsed.length === 0 ? 0 : 1;
}

if (process.argv[2] === '--electronegativity') process.exit(await electronegativity());

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
// The browser UI too: the integration tests of `knobs serve` need it (they skip without it).
step('build the renderer', process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
step('type check (engine, hosts, tests)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
step('type check (end-to-end tests)', bin('tsc'), ['-p', 'tsconfig.e2e.json']);
step('type check (renderer)', bin('vue-tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
step('lint', bin('eslint'), ['.']);
step('Electronegativity scan of the desktop host', process.execPath, [fileURLToPath(import.meta.url), '--electronegativity']);

mkdirSync(join(root, 'test-results'), { recursive: true });
const vitestJson = join(root, 'test-results', 'vitest.json');
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const j = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

// End-to-end tests: Playwright Test (playwright.config.ts) in Debian's Chromium; its JSON report
// (test-results/e2e.json) gives the counts, and the reasons of skipped tests are printed.
const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!chrome) {
  const msg = 'END-TO-END TESTS SKIPPED: no Chromium found. Install Debian\'s chromium (apt-get install chromium) or set CHROME_PATH.';
  console.log(`\n!!!!!!!!\n${msg}\n!!!!!!!!`);
  results.push({ name: 'end-to-end tests SKIPPED (no Chromium)', ok: !ci });
  if (ci) failed++;
  else skipped++;
} else {
  const report = join(root, 'test-results', 'e2e.json');
  rmSync(report, { force: true });
  step('end-to-end tests in Chromium (Playwright; report: test-results/e2e-report/index.html)', bin('playwright'), ['test'], { env: { CHROME_PATH: chrome } });
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0);
    failed += j.stats?.unexpected ?? 0;
    skipped += j.stats?.skipped ?? 0;
    if (j.stats?.flaky) console.log(`  ${j.stats.flaky} end-to-end test(s) passed only on a retry (flaky): see test-results/e2e-report`);
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests) {
          if (t.status !== 'skipped') continue;
          const why = (t.annotations ?? []).filter((a) => a.type === 'skip').map((a) => a.description).join('; ');
          console.log(`  - ${why || `${spec.title} SKIPPED`}`);
        }
      }
      for (const s of suite.suites ?? []) walk(s);
    };
    for (const s of j.suites ?? []) walk(s);
    for (const e of j.errors ?? []) console.log(`  e2e error outside a test: ${e.message ?? JSON.stringify(e)}`);
  }
}

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
const bad = results.filter((r) => !r.ok).length;
if (bad > 0 && failed === 0) failed = bad;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(bad > 0 ? 1 : 0);
