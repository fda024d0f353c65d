// `knobs serve` on a database it may only read: asked for (--read-only) or found (a file or folder
// that cannot be written: when the tests run as root, whom permissions do not stop, knobs runs as the
// unprivileged user `nobody`, as in cli-readonly-db.test.ts). Real processes over HTTP on real
// SQLite files: every view that reads answers, every request that would write is refused with a
// message naming the file, why it is read-only and what to do (never an SQLite error), and the files
// are byte for byte as they were afterwards, with nothing made beside them.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITES } from '../../src-core/api/channels';
import type { Channel, InputOf } from '../../src-core/api/contract';
import { Store } from '../../src-core/store/store';
import { Workbench } from '../../src-core/service/workbench';
import { serve, type Served } from '../../src-main/server/server';
import { dbFilesHash } from '../fuzz/fuzz-helpers';
import { asRoot, copyDatabase, fileTree, refused, runKnobs } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-serve-readonly-'));
chmodSync(dir, 0o755);
const master = join(dir, 'master.db');
const spec = join(dir, 'spec.json');
const spec2 = join(dir, 'spec2.json');
const bin = join(__dirname, '..', '..', 'bin', 'knobs.mjs');
/** `knobs serve` needs the built pages (npm run build; npm test builds them first). */
const unbuilt = !existsSync(join(__dirname, '..', '..', 'out', 'renderer', 'index.html'));



type Call = (channel: Channel, input: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

interface Running {
  child: ChildProcess;
  stderr: () => string;
  call: Call;
  stop: () => Promise<void>;
}

/** A caller of the contract over HTTP with the launch's token, as the page calls it. */
function httpCaller(origin: string, token: string): Call {
  return async (channel, input) => {
    const res = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? null),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

/** Start `knobs serve ARGS --port 0` (as nobody with `asNobody` when the tests run as root) and wait for its URL. */
async function startServe(args: string[], opts: { asNobody?: boolean } = {}): Promise<Running> {
  const env = { ...process.env };
  delete env.KNOBS_DB;
  const ids = opts.asNobody && asRoot ? { uid: 65534, gid: 65534 } : {};
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`knobs serve printed no URL within 60 s: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`knobs serve exited with ${code}: ${out} ${err}`));
    });
  });
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token') ?? '';
  return {
    child,
    stderr: () => err,
    call: httpCaller(origin, token),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A request of each kind that writes, with an input it would otherwise take (the search is 1, its trials 0–3). */
const WRITE_INPUTS: { [C in Channel]?: InputOf<C> } = {
  'app.backupNow': undefined,
  'datasets.importCsv': { name: 'tiny', text: 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n', target: 'label' },
  'datasets.importIdx': { name: 'bars', images: Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]).toString('base64'), labels: Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]).toString('base64') },
  'datasets.delete': { id: 1 },
  'projects.create': { name: 'another' },
  'projects.rename': { id: 1, name: 'renamed' },
  'projects.setNotes': { id: 1, notes: 'a note' },
  'projects.setTags': { id: 1, tags: ['x'] },
  'projects.delete': { id: 1 },
  'projects.importBundle': { filename: 'p.knobs', data: Buffer.from('not a bundle').toString('base64') },
  'searches.create': { spec: { project: 'p1', name: 'new', dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2 }, budget: { trials: 2 } }, start: true },
  'searches.start': { id: 1 },
  'searches.stop': { id: 1 },
  'searches.pause': { id: 1 },
  'searches.rename': { id: 1, name: 'renamed' },
  'searches.setNotes': { id: 1, notes: 'a note' },
  'searches.setTags': { id: 1, tags: ['x'] },
  'searches.delete': { id: 1 },
  'searches.rerun': { id: 1, top: 1, seeds: 2 },
  'trials.setNotes': { searchId: 1, number: 0, notes: 'a note' },
  'trials.setTags': { searchId: 1, number: 0, tags: ['x'] },
  'trials.evaluateTest': { searchId: 1, number: 0 },
  'experiments.run': { id: 'lr-sweep' },
};
const writeChannels = (Object.keys(WRITES) as Channel[]).filter((c) => WRITES[c] !== null);

beforeAll(() => {
  writeFileSync(spec, JSON.stringify({
    project: 'p1', name: 'sweep', dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    split: { kind: 'holdout', val: 0.2, test: 0.2 },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 4 }, workers: 1, seed: 1,
  }));
  // Made by this user first (root in CI): it also builds the engine, which nobody could not write.
  const r = runKnobs(['run', spec, '--db', master, '--quiet'], { cwd: dir });
  expect([r.code, r.stderr]).toEqual([0, '']);
  // A second search, to compare with.
  writeFileSync(spec2, JSON.stringify({ ...JSON.parse(readFileSync(spec, 'utf8')), name: 'sweep 2', budget: { trials: 2 } }));
  const r2 = runKnobs(['run', spec2, '--db', master, '--quiet'], { cwd: dir });
  expect([r2.code, r2.stderr]).toEqual([0, '']);
});

const unlocked: string[] = [];
afterAll(() => {
  for (const f of unlocked) chmodSync(f, 0o755);
});

describe('the server over a database open read-only (as knobs serve --read-only opens it)', () => {
  const folder = join(dir, 'flag');
  const pages = join(dir, 'pages');
  let db: string;
  let store: Store;
  let wb: Workbench;
  let served: Served;
  let s: { call: Call; stop: () => Promise<void> };
  let before: [string, string[]];
  beforeAll(async () => {
    db = copyDatabase(master, folder);
    before = [dbFilesHash(db), fileTree(folder)];
    mkdirSync(pages);
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>Knobs</title>');
    store = Store.open(db, { readonly: true });
    wb = new Workbench({ store, version: 'test', host: 'browser', readOnlyReason: 'started with --read-only' });
    served = await serve(wb, { host: '127.0.0.1', port: 0, staticDir: pages });
    const { origin, searchParams } = new URL(served.url);
    let stopped = false;
    s = {
      call: httpCaller(origin, searchParams.get('token') ?? ''),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await wb.shutdown();
        await served.close();
        store.close();
      },
    };
  }, 90_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('says so on app.info, and names why and what to do', async () => {
    const r = await s.call('app.info', undefined);
    expect(r.status).toBe(200);
    expect(r.body.readOnly).toEqual({ reason: 'started with --read-only', remedy: expect.stringMatching(/copy it to a folder you can write and open the copy with "knobs serve --db COPY"/) });
  });

  it('answers every view that reads', async () => {
    const ok = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<Record<string, unknown>> => {
      const r = await s.call(channel, input);
      expect([channel, r.status, r.status === 200 ? '' : r.body.error]).toEqual([channel, 200, '']);
      return r.body;
    };
    expect(((await ok('projects.list', undefined)) as unknown as { name: string }[]).map((p) => p.name)).toEqual(['p1']);
    const searches = (await ok('searches.list', {})) as unknown as { name: string; status: string; finished: number }[];
    expect(searches.map((x) => [x.name, x.status, x.finished]).sort()).toEqual([['sweep 2', 'complete', 2], ['sweep', 'complete', 4]]);
    expect(((await ok('searches.get', { id: 1 })) as { name: string }).name).toBe('sweep');
    expect(((await ok('trials.changes', { searchId: 1, since: '' })) as { trials: unknown[] }).trials).toHaveLength(4);
    expect(((await ok('trials.overlay', { searchId: 1 })) as { trial: number[] }).trial).toEqual([0, 1, 2, 3]);
    expect(((await ok('trials.get', { searchId: 1, number: 0 })) as { curves: { epoch: number[] } }).curves.epoch).toEqual([1, 2]);
    expect(await ok('trials.diagnostics', { searchId: 1, number: 0 })).toBeTruthy();
    expect(await ok('searches.importance', { id: 1 })).toBeTruthy();
    expect(await ok('searches.compare', { ids: [1, 2] })).toBeTruthy();
    expect(await ok('searches.validate', { spec: JSON.parse(JSON.stringify({ dataset: { builtin: 'iris' } })) })).toMatchObject({ ok: true });
    expect(((await ok('export.trialsCsv', { searchId: 1 })) as { csv: string }).csv.trim().split('\n')).toHaveLength(5);
    expect(((await ok('export.curvesCsv', { searchId: 1 })) as { csv: string }).csv.trim().split('\n')).toHaveLength(9);
    expect(((await ok('projects.exportBundle', { id: 1 })) as { filename: string }).filename).toBe('p1.knobs');
    expect(await ok('trials.replay', { searchId: 1, number: 0 })).toBeTruthy();
    expect(((await ok('app.backups', undefined)) as { backups: unknown[] }).backups).toEqual([]);
    expect(await ok('datasets.list', undefined)).toBeTruthy();
    expect(await ok('notes.find', { text: 'x' })).toEqual([]);
  }, 120_000);

  it('refuses each kind of request that writes, naming the file, that it is open read-only and what to do; never an SQLite error', async () => {
    // A request that writes and has no input here fails this test until it is given one.
    expect(writeChannels.filter((c) => !(c in WRITE_INPUTS))).toEqual([]);
    for (const channel of writeChannels) {
      const r = await s.call(channel, WRITE_INPUTS[channel]);
      expect([channel, r.status, r.body.kind]).toEqual([channel, 400, 'store']);
      expect(r.body.error).toBe(
        `Cannot ${WRITES[channel]}: the database ${db} is open read-only (started with --read-only), so Knobs changes nothing in it. ` +
          'To change it, copy it to a folder you can write and open the copy with "knobs serve --db COPY" (or make the file and its folder writable and start "knobs serve" again without --read-only).',
      );
    }
    // Nothing was half-done: the reads answer as before.
    expect((await s.call('projects.list', undefined)).body).toMatchObject([{ name: 'p1', notes: '', tags: [] }]);
  }, 60_000);

  it('leaves the file byte for byte as it was, and makes nothing beside it (no -wal, -shm, backups or datasets)', async () => {
    await s.stop();
    expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
    expect(readdirSync(folder)).toEqual(['k.db']);
  }, 60_000);

});

describe.skipIf(unbuilt)('knobs serve --read-only (the command)', () => {
  it('opens the database read-only, says nothing on stderr, refuses a write, and changes nothing', async () => {
    const folder = join(dir, 'cli-flag');
    const db = copyDatabase(master, folder);
    const before = [dbFilesHash(db), fileTree(folder)];
    const s = await startServe(['--db', db, '--read-only']);
    try {
      expect((await s.call('app.info', undefined)).body.readOnly).toMatchObject({ reason: 'started with --read-only' });
      expect(((await s.call('trials.changes', { searchId: 1, since: '' })).body.trials as unknown[]).length).toBe(4);
      const r = await s.call('searches.delete', { id: 1 });
      expect([r.status, r.body.kind, r.body.error]).toEqual([400, 'store', expect.stringMatching(/^Cannot delete a search: the database .*cli-flag\/k\.db is open read-only \(started with --read-only\)/)]);
    } finally {
      await s.stop();
    }
    expect(s.stderr()).toBe('');
    expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
  }, 90_000);

  it('refuses a database that is not there (nothing to show), exit 2, and makes none', () => {
    const missing = join(dir, 'none', 'k.db');
    mkdirSync(join(dir, 'none'));
    refused(runKnobs(['serve', '--read-only', '--db', missing, '--port', '0'], { cwd: dir }), /^knobs: No Knobs database at .*none\/k\.db, and --read-only shows one that exists \(there is nothing to show, and none is made\): give --db FILE naming a Knobs database, or leave out --read-only to make a new one there\n$/);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(join(dir, 'none'))).toEqual([]);
  });
});

describe.skipIf(unbuilt)('knobs serve on a database that cannot be written opens it read-only by itself, saying so', () => {
  it.each([
    ['a read-only file (chmod 444)', 'ro-file', 0o444, 0o777, 'the file cannot be written'],
    ['a folder that cannot be written (chmod 555)', 'ro-folder', 0o644, 0o555, 'its folder .*ro-folder cannot be written'],
  ])('%s', async (_name, sub, fileMode, folderMode, reason) => {
    const folder = join(dir, sub);
    const db = copyDatabase(master, folder);
    chmodSync(db, fileMode);
    chmodSync(folder, folderMode);
    unlocked.push(folder);
    const before = [dbFilesHash(db), fileTree(folder)];
    const s = await startServe(['--db', db], { asNobody: true });
    try {
      expect(s.stderr()).toMatch(new RegExp(`^knobs serve: .*${sub}/k\\.db cannot be written \\(${reason} \\(read-only or no permission[^)]*\\)\\), so it is open read-only: every view works, and creating, running, changing or deleting anything is turned off\\. To change it, copy it to a folder you can write and run "knobs serve --db COPY"\\n$`));
      const info = await s.call('app.info', undefined);
      expect(info.body.readOnly).toMatchObject({ reason: expect.stringMatching(new RegExp(`^${reason}$`)) });
      expect(((await s.call('searches.list', {})).body as unknown as { status: string }[]).map((x) => x.status)).toEqual(['complete', 'complete']);
      const r = await s.call('projects.rename', { id: 1, name: 'x' });
      expect([r.status, r.body.kind]).toEqual([400, 'store']);
      expect(r.body.error).toMatch(new RegExp(`^Cannot rename a project: the database .*${sub}/k\\.db is open read-only \\(${reason}\\), so Knobs changes nothing in it\\. To change it, `));
    } finally {
      await s.stop();
    }
    expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
  }, 90_000);
});

describe('the Workbench over a read-only store (the contract: app.info.readOnly, WRITES)', () => {
  it('refuses exactly the requests WRITES names before they run, changing nothing; a writable store says readOnly null', async () => {
    const db = copyDatabase(master, join(dir, 'wb'));
    const store = Store.open(db, { readonly: true });
    const wb = new Workbench({ store, version: 'test', watchMs: 0, readOnlyReason: 'a test' });
    try {
      expect(((await wb.call('app.info', undefined)) as { readOnly: unknown }).readOnly).toEqual({ reason: 'a test', remedy: expect.stringContaining('knobs serve --db COPY') });
      for (const channel of Object.keys(WRITES) as Channel[]) {
        const refusal = await wb.call(channel, WRITE_INPUTS[channel] ?? {}).then(() => null, (e: Error) => e.message);
        const readOnly = refusal?.includes('is open read-only (a test)') ?? false;
        expect([channel, readOnly]).toEqual([channel, WRITES[channel] !== null]);
      }
      expect(store.changes()).toBe(0);
    } finally {
      await wb.shutdown();
      store.close();
    }
    const writable = Store.open(join(dir, 'wb', 'w.db'));
    const wb2 = new Workbench({ store: writable, version: 'test', watchMs: 0, backups: false });
    try {
      expect(((await wb2.call('app.info', undefined)) as { readOnly: unknown }).readOnly).toBeNull();
    } finally {
      await wb2.shutdown();
      writable.close();
    }
  }, 60_000);
});
