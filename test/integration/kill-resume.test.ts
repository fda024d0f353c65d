import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { caller } from '../helpers/call';
import { Store } from '../../src-core/store/store';

const root = join(__dirname, '..', '..');
const knobs = join(root, 'bin', 'knobs.mjs');

interface Snapshot {
  finished: { number: number; status: string; objective: number | null; knobs: string; seed: number; epochs: number }[];
}

function snapshot(db: string): Snapshot {
  const c = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const finished = c.prepare(`SELECT t.number, t.status, t.objective, t.knobs, t.seed, (SELECT COALESCE(SUM(e.n), 0) FROM epoch_chunks e WHERE e.trial_id = t.id) AS epochs
      FROM trials t WHERE t.finished_at IS NOT NULL AND t.status NOT IN ('running', 'interrupted') ORDER BY t.number`).all() as Snapshot['finished'];
    return { finished };
  } finally {
    c.close();
  }
}

describe('knobs run killed with SIGKILL, then knobs resume', () => {
  it('keeps every finished trial and epoch, re-runs the interrupted ones, and ends with the budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-kill-'));
    const db = join(dir, 'k.db');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({
      project: 'crash', name: 'kill-me',
      dataset: { synthetic: 'spirals', n: 1200, noise: 0.2 },
      train: { epochs: 40, hiddenLayers: [32, 32], optimizer: 'adam', batchSize: 16, earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true } },
      strategy: { kind: 'random' }, budget: { trials: 10 }, seed: 5,
    }));
    const child = spawn(process.execPath, [knobs, 'run', spec, '--db', db, '--workers', '2'], { stdio: 'ignore' });
    let before: Snapshot = { finished: [] };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        before = snapshot(db);
      } catch {
        continue;
      }
      if (before.finished.length >= 3) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    before = snapshot(db);
    const probe = new Database(db, { readonly: true });
    const unfinished = (probe.prepare(`SELECT number FROM trials WHERE status IN ('running', 'queued')`).all() as { number: number }[]).map((t) => t.number);
    probe.close();
    expect(unfinished.length).toBeGreaterThan(0);
    expect(before.finished.length).toBeGreaterThanOrEqual(3);
    expect(before.finished.length).toBeLessThan(10);

    const r = spawnSync(process.execPath, [knobs, 'resume', 'kill-me', '--db', db, '--workers', '2'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const c = new Database(db, { readonly: true });
    const trials = c.prepare(`SELECT number, status, objective, knobs, seed, (SELECT COALESCE(SUM(e.n), 0) FROM epoch_chunks e WHERE e.trial_id = trials.id) AS epochs FROM trials ORDER BY number`).all() as Snapshot['finished'];
    const integrity = c.pragma('integrity_check', { simple: true });
    c.close();
    expect(integrity).toBe('ok');
    expect(trials).toHaveLength(10);
    expect(trials.every((t) => t.status === 'complete' && t.epochs === 40)).toBe(true);
    for (const b of before.finished) expect(trials.find((t) => t.number === b.number)).toEqual(b);
    for (const n of unfinished) expect(trials.find((t) => t.number === n)?.status).toBe('complete');
  });
});

describe('opening the file while another process runs a search', () => {
  const slowSpec = (dir: string): string => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({
      project: 'live', name: 'still running', dataset: { synthetic: 'spirals', n: 1200, noise: 0.2 },
      train: { epochs: 20000, hiddenLayers: [32, 32], batchSize: 16, earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true } }, strategy: { kind: 'random' }, budget: { trials: 4 }, seed: 5,
    }));
    return spec;
  };
  const statuses = (db: string): { search: string; trials: string[] } => {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      const search = (c.prepare(`SELECT status FROM searches`).get() as { status: string }).status;
      const trials = (c.prepare(`SELECT status FROM trials ORDER BY number`).all() as { status: string }[]).map((t) => t.status);
      return { search, trials };
    } finally {
      c.close();
    }
  };

  it('leaves it running (knobs list next to knobs run), and marks it interrupted once that process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-live-'));
    const db = join(dir, 'k.db');
    const child = spawn(process.execPath, [knobs, 'run', slowSpec(dir), '--db', db, '--workers', '1'], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        if (statuses(db).trials.includes('running')) break;
      } catch {
        // not created yet
      }
    }
    // knobs list (read-only) shows it running.
    const list = spawnSync(process.execPath, [knobs, 'list', '--db', db], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/still running {2}running {2}/);
    // Another process opens the file for writing (and with it, recovery runs): the live search is left
    // alone, nor can it be run a second time, stopped or deleted from here: only its own process can.
    const resume = spawnSync(process.execPath, [knobs, 'resume', 'still running', '--db', db], { encoding: 'utf8' });
    expect(resume.status).toBe(2);
    expect(resume.stderr).toMatch(new RegExp(`Search 1 is being run by another process \\(pid ${child.pid}, such as a "knobs run" in a terminal\\); stop it there \\(Ctrl\\+C\\) or wait for it to end`));
    const during = statuses(db);
    expect(during.search).toBe('running');
    expect(during.trials).toContain('running');
    expect(during.trials).not.toContain('interrupted');
    const store = Store.open(db);
    // (An app that would train on 3 workers: the search's summary says the 1 its runner trains on.)
    const wb = new Workbench({ store, version: 'test', backups: false, watchMs: 200, workers: 3 });
    const call = caller(() => wb);
    const pushed: PushEvent[] = [];
    wb.on('push', (e: PushEvent) => pushed.push(e));
    for (const action of ['searches.start', 'searches.stop', 'searches.pause', 'searches.delete'] as const) {
      await expect(wb.call(action, { id: 1 })).rejects.toThrow(/being run by another process/);
    }
    // The app says who runs it (its header then offers no pause or stop of its own).
    expect(await call('searches.get', { id: 1 })).toMatchObject({ runElsewhere: child.pid, workers: 1 });
    expect((await call('searches.list', {})).map((x) => x.runElsewhere)).toEqual([child.pid]);
    expect(statuses(db).search).toBe('running');

    // Killed while the app is open: the app marks it interrupted within a look or two (not only the next opening), and says so.
    const pushedBefore = pushed.length;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const deadline2 = Date.now() + 10_000;
    while (statuses(db).search !== 'interrupted' && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 50));
    const after = statuses(db);
    expect(after.search).toBe('interrupted');
    expect(after.trials).toContain('interrupted');
    expect(after.trials).not.toContain('running');
    await new Promise((r) => setTimeout(r, 500));
    expect(pushed.slice(pushedBefore)).toContainEqual({ type: 'changedElsewhere', searchId: 1 });
    expect((await call('searches.get', { id: 1 })).runElsewhere).toBeNull();
    await wb.shutdown();
    store.close();
    expect(spawnSync(process.execPath, [knobs, 'list', '--db', db], { encoding: 'utf8' }).status).toBe(0);
  });

  it('marks a search interrupted whose process has not said it runs it for a minute (its process id may belong to another program now)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-stale-'));
    const db = join(dir, 'k.db');
    const spec = join(dir, 'tiny.json');
    writeFileSync(spec, JSON.stringify({ project: 'p', name: 'tiny', dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2 }, budget: { trials: 1 } }));
    expect(spawnSync(process.execPath, [knobs, 'run', spec, '--db', db, '--workers', '1', '--quiet'], { encoding: 'utf8' }).status).toBe(0);
    const c = new Database(db);
    // As a crashed run leaves it, with the id of a live process that is not Knobs (this test's parent).
    c.prepare(`UPDATE searches SET status = 'running', runner_pid = ?, runner_seen = ?`).run(process.ppid, new Date(Date.now() - 120_000).toISOString());
    c.prepare(`UPDATE trials SET status = 'running'`).run();
    c.close();
    // knobs list reads it read-only: it shows it as interrupted, and leaves the file as it is.
    const listed = spawnSync(process.execPath, [knobs, 'list', '--db', db], { encoding: 'utf8' });
    expect([listed.status, listed.stderr]).toEqual([0, '']);
    expect(listed.stdout).toMatch(/p \/ tiny {2}interrupted {2}/);
    // knobs export too: its trial left running reads interrupted in the CSV, as list and the next writer say.
    const csv = join(dir, 'trials.csv');
    const exported = spawnSync(process.execPath, [knobs, 'export', 'tiny', '--out', csv, '--db', db], { encoding: 'utf8' });
    expect([exported.status, exported.stderr]).toEqual([0, '']);
    expect(readFileSync(csv, 'utf8').split('\n')[1]).toMatch(/^0,1,interrupted,/);
    // The app over the file read-only (knobs serve --read-only) says the same: the search, its counts and its trial.
    const ro = Store.open(db, { readonly: true });
    const wb = new Workbench({ store: ro, version: 'test', backups: false, watchMs: 0, readOnlyReason: 'started with --read-only' });
    const call = caller(() => wb);
    expect(await call('searches.get', { id: 1 })).toMatchObject({ status: 'interrupted', counts: { interrupted: 1, running: 0 } });
    expect((await call('trials.changes', { searchId: 1, since: '' })).trials.map((t) => t.status)).toEqual(['interrupted']);
    expect((await call('trials.get', { searchId: 1, number: 0 })).status).toBe('interrupted');
    await wb.shutdown();
    ro.close();
    expect(statuses(db).search).toBe('running');
    expect(statuses(db).trials).toEqual(['running']);
    // Opened for writing (the app, run, resume…), it is marked interrupted.
    Store.open(db).close();
    expect(statuses(db).search).toBe('interrupted');
  });
});
