// Outputs that are not plain files in a plain folder, as a user types them: real processes on real
// files in a temporary folder. `knobs export` and `knobs bundle export` write a FIFO (or a device,
// or /dev/stdout) through instead of renaming a new file over it; write through a symbolic link to
// its target and leave the link; keep a replaced file's mode; refuse a link to nothing; and report
// a device that takes no bytes (/dev/full: ENOSPC) as a failed write (exit 1), not "wrote".
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { refused, runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-output-special-'));
const db = join(dir, 'k.db');

const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir, timeout: 60_000 });

beforeAll(() => {
  const store = Store.open(db);
  const p = store.projects.create('work');
  store.searches.create(p.id, 'sweep', { project: 'work', dataset: { builtin: 'digits' }, budget: { trials: 2 } }, 2);
  store.close();
});

/** Run `args` writing into a new FIFO while another process reads it; resolves to what the reader got. */
async function throughFifo(name: string, args: (fifo: string) => string[]): Promise<{ r: ReturnType<typeof knobs>; read: Buffer; fifo: string }> {
  const fifo = join(dir, name);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = spawn('cat', [fifo]);
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => reader.on('close', () => res()));
  try {
    const r = knobs(...args(fifo));
    // A FIFO replaced by a file leaves the reader waiting for a writer forever: stop it after a moment.
    const timer = setTimeout(() => reader.kill(), 3000);
    await done;
    clearTimeout(timer);
    return { r, read: Buffer.concat(chunks), fifo };
  } finally {
    reader.kill();
  }
}

const isCharDevice = (p: string): boolean => lstatSync(p).isCharacterDevice();

describe('export and bundle export to outputs that are not plain files', () => {
  it('export writes a FIFO through (it stays a FIFO); then /dev/full is a failed write, exit 1, and stays a device', async () => {
    const { r, read, fifo } = await throughFifo('trials.fifo', (f) => ['export', '1', '--out', f]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(read.toString()).toMatch(/^trial,round,status,/);
    // Only once the FIFO is written through (the fix is in) is /dev/full tried: unfixed, the export renamed a file over it.
    if (isCharDevice('/dev/full')) {
      const full = knobs('export', '1', '--out', '/dev/full');
      expect(full.stderr).toBe('knobs: Cannot write /dev/full: the disk is full\n');
      expect([full.code, full.stdout]).toEqual([1, '']);
      expect(isCharDevice('/dev/full')).toBe(true);
    }
  });

  it('bundle export writes a FIFO through too; then /dev/full is a failed write, exit 1', async () => {
    const { r, read, fifo } = await throughFifo('p.fifo', (f) => ['bundle', 'export', 'work', '--out', f]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(read.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    if (isCharDevice('/dev/full')) {
      const full = knobs('bundle', 'export', 'work', '--out', '/dev/full');
      expect(full.stderr).toBe('knobs: Cannot write /dev/full: the disk is full\n');
      expect([full.code, full.stdout]).toEqual([1, '']);
      expect(isCharDevice('/dev/full')).toBe(true);
    }
  });

  it('--out /dev/stdout writes the CSV to standard output (a pipe here) and leaves it as it was', () => {
    const r = knobs('export', '1', '--out', '/dev/stdout');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^trial,round,status,.*\nwrote \/dev\/stdout\n$/s);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('a symbolic link is written through to its target and stays a link; a replaced file keeps its mode', () => {
    for (const [cmd, target] of [[['export', '1'], 'real.csv'], [['bundle', 'export', 'work'], 'real.knobs']] as const) {
      const real = join(dir, target);
      writeFileSync(real, 'old');
      chmodSync(real, 0o640);
      const link = join(dir, `link-${target}`);
      symlinkSync(real, link);
      const r = knobs(...cmd, '--out', link);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(real);
      expect(readFileSync(real).toString('latin1')).toMatch(/^(trial,round,status,|SQLite format 3\0)/);
      expect(statSync(real).mode & 0o777).toBe(0o640);
    }
  });

  it('a symbolic link to nothing is refused (exit 2), naming where it points; nothing is made', () => {
    const link = join(dir, 'dangling.csv');
    symlinkSync(join(dir, 'nowhere', 'x.csv'), link);
    refused(knobs('export', '1', '--out', link), /^knobs: Cannot write .*dangling\.csv: it is a symbolic link to .*nowhere\/x\.csv, which does not exist; give --out the file itself, or make the link's target first\n$/);
    refused(knobs('bundle', 'export', 'work', '--out', link), /^knobs: Cannot write .*dangling\.csv: it is a symbolic link to .*nowhere\/x\.csv, which does not exist/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
