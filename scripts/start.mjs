// `npm start`: installs what is missing, builds, and opens the desktop app. The Electron runtime
// is fetched on first launch; where it cannot be fetched (no network to it), this says so plainly
// and opens the same UI in the browser mode (`knobs serve`) instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps, root } from './ensure-deps.mjs';

ensureDeps();
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
spawnSync(process.execPath, [join(root, 'scripts', 'build-engine.mjs')], { cwd: root, stdio: 'inherit' });

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

let exe = electronBinary();
let why = '';
if (!exe) {
  console.log('knobs: fetching the Electron runtime (first launch)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: join(root, 'node_modules', 'electron'),
    encoding: 'utf8',
    timeout: 120_000,
  });
  exe = electronBinary();
  if (!exe) {
    const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
    why = lines.find((l) => /^\w*Error\b|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/.test(l)) ?? r.error?.message ?? 'the download failed';
  }
}

if (exe && !process.env.KNOBS_BROWSER) {
  const child = spawn(exe, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) {
      console.log(`knobs: the desktop app exited with code ${code}; opening the browser mode instead.`);
      browserMode();
    } else process.exit(code ?? 0);
  });
} else {
  if (!exe) {
    console.log('\nknobs: the Electron runtime is not available on this machine and could not be downloaded');
    console.log(`       (${why}).`);
    console.log('       Opening the same app in your browser instead (browser mode, on 127.0.0.1 only).\n');
  }
  browserMode();
}

function browserMode() {
  const child = spawn(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'serve', '--open', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
