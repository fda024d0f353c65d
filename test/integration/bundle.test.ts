// Project bundles (issue #15, item 5) on real SQLite files: a project with CSV and IDX data sets,
// diverged trials, notes and diagnostics goes out as one file and comes back equal; clashes are
// renamed and said; damaged, truncated, foreign and newer bundles are refused and leave the
// receiving database byte-identical.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src-core/api/contract';
import { BadInputError } from '../../src-core/errors';
import { Workbench } from '../../src-core/service/workbench';
import { bundleDigests, Bundles, BUNDLE_VERSION } from '../../src-core/store/bundle';
import { Connection } from '../../src-core/store/connection';
import { datasetsDirOf } from '../../src-core/store/location';
import { migrate, SCHEMA_VERSION, Store } from '../../src-core/store/store';
import { caller } from '../helpers/call';
import { idx } from '../fixtures/idx';
import { dbFilesHash } from '../fuzz/fuzz-helpers';

let dir: string;
let a: { store: Store; wb: Workbench };
let b: { store: Store; wb: Workbench };
let bundle1: string;
let alphaId: number;

function open(name: string): { store: Store; wb: Workbench } {
  const store = Store.open(join(dir, name));
  return { store, wb: new Workbench({ store, version: 'test', workers: 1, backups: false }) };
}

function finished(wb: Workbench, searchId: number): Promise<void> {
  return new Promise((resolve) => {
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished' && e.searchId === searchId) {
        wb.off('push', on);
        resolve();
      }
    };
    wb.on('push', on);
  });
}

/** The manifest of a bundle file (read-only). */
function manifest(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries((db.prepare('SELECT key, value FROM knobs_bundle').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}

/** Every row of every carried table and file of a bundle, for comparing two bundles' content. */
function content(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'knobs_bundle' ORDER BY name`).all() as { name: string }[]) {
      out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Two noisy rings with a text feature: 360 rows, classes inner/outer (some learning rates blow up on it). */
function ringsCsv(): string {
  const rows = ['x,y,colour,label'];
  for (let i = 0; i < 360; i++) {
    const a = (i * 2.399963) % (2 * Math.PI);
    const u = Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1;
    const r = (i % 2 === 0 ? 1 : 1.6) + 0.9 * u;
    rows.push(`${(r * Math.cos(a)).toFixed(4)},${(r * Math.sin(a)).toFixed(4)},${['red', 'green', 'blue'][i % 3]},${i % 2 === 0 ? 'inner' : 'outer'}`);
  }
  return `${rows.join('\n')}\n`;
}

/** 60 images of 12×12 (gzip), a vertical bar for class 0 and a horizontal one for class 1, and their labels (raw). */
function barsIdx(): { images: Buffer; labels: Buffer } {
  const px: number[] = new Array(60 * 144).fill(0);
  for (let k = 0; k < 60; k++) for (let i = 0; i < 12; i++) px[k * 144 + (k % 2 === 0 ? i * 12 + 2 + (k % 8) : (2 + (k % 8)) * 12 + i)] = 255;
  return { images: gzipSync(idx(0x08, [60, 12, 12], px)), labels: Buffer.from(idx(0x08, [60], Array.from({ length: 60 }, (_, k) => k % 2))) };
}

async function run(wb: Workbench, spec: Record<string, unknown>): Promise<number> {
  const call = caller(() => wb);
  const s = await call('searches.create', { spec, start: true });
  await finished(wb, s.id);
  return s.id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-bundle-'));
  a = open('a.db');
  b = open('b.db');
  const call = caller(() => a.wb);
  const inputs = barsIdx();
  const rings = await call('datasets.importCsv', { name: 'rings', text: ringsCsv(), target: 'label' });
  const bars = await call('datasets.importIdx', { name: 'bars', images: inputs.images.toString('base64'), labels: inputs.labels.toString('base64') });
  const train = { epochs: 4, hiddenLayers: [8], optimizer: 'sgd' };
  const space = { lr: { type: 'float', low: 1e-3, high: 80, log: true } };
  const s1 = await run(a.wb, { project: 'alpha', name: 'rings lr', dataset: rings.ref, train, space, strategy: { kind: 'random' }, budget: { trials: 5 }, workers: 1, seed: 5, diagnostics: { every: 2 } });
  await run(a.wb, { project: 'alpha', name: 'bars lr', dataset: bars.ref, train, space, strategy: { kind: 'grid', points: 2 }, budget: { trials: 2 }, workers: 1, seed: 6 });
  await run(a.wb, { project: 'alpha', name: 'iris 3-fold', dataset: { builtin: 'iris' }, split: { kind: 'kfold', k: 3 }, train, space, strategy: { kind: 'random' }, budget: { trials: 2 }, workers: 1, seed: 7 });
  await run(a.wb, { project: 'beta', name: 'wine', dataset: { builtin: 'wine' }, train, space, strategy: { kind: 'random' }, budget: { trials: 2 }, workers: 1, seed: 8 });
  alphaId = a.store.projects.named('alpha')!.id;
  await call('projects.setNotes', { id: alphaId, notes: 'rings and bars, "quoted" ünïcödé' });
  await call('trials.setNotes', { searchId: s1, number: 1, notes: 'the one that blew up?' });
  bundle1 = join(dir, 'alpha.knobs');
});

afterAll(async () => {
  for (const x of [a, b]) {
    await x?.wb.shutdown();
    x?.store.close();
  }
});

describe('bundle export', () => {
  it('carries one project: its searches, trials, curves, diagnostics, notes and the data set files its searches read', () => {
    const r = a.store.bundles.exportProject(alphaId, bundle1, { knobsVersion: 'test' });
    expect(r.project).toBe('alpha');
    expect(r.rows).toMatchObject({ projects: 1, searches: 3, trials: 9, datasets: 2 });
    expect(r.rows.epoch_chunks).toBeGreaterThanOrEqual(9);
    expect(r.rows.trial_diagnostics).toBeGreaterThanOrEqual(1);
    expect(r.files).toHaveLength(3);
    expect(r.missing).toEqual([]);
    const m = manifest(bundle1);
    expect(m).toMatchObject({ format: 'knobs-bundle', format_version: String(BUNDLE_VERSION), schema_version: String(SCHEMA_VERSION), project: 'alpha', files: '3' });
    const c = content(bundle1);
    expect(c.projects).toEqual([expect.objectContaining({ id: 1, name: 'alpha', notes: 'rings and bars, "quoted" ünïcödé' })]);
    expect((c.searches as { name: string }[]).map((s) => s.name)).toEqual(['rings lr', 'bars lr', 'iris 3-fold']);
    expect((c.searches as { id: number }[]).map((s) => s.id)).toEqual([1, 2, 3]);
    const specs = (c.searches as { spec: string }[]).map((s) => JSON.parse(s.spec) as { dataset: Record<string, string> });
    expect(specs[0].dataset.csv).toMatch(/^bundle:[0-9a-f]{64}$/);
    expect(specs[1].dataset.idx).toMatch(/^bundle:[0-9a-f]{64}$/);
    expect(specs[1].dataset.labels).toMatch(/^bundle:[0-9a-f]{64}$/);
    expect(specs[2].dataset).toEqual({ builtin: 'iris' });
    expect(JSON.stringify(c)).not.toContain(dir);
    expect((c.trials as { notes: string }[]).some((t) => t.notes === 'the one that blew up?')).toBe(true);
    expect((c.datasets as { name: string }[]).map((d) => d.name).sort()).toEqual(['bars', 'rings']);
    expect(c.knobs_bundle_files).toHaveLength(3);
    expect(existsSync(`${bundle1}.partial-${process.pid}`)).toBe(false);
  });

  it('the messy search is messy: some trials diverged at a large learning rate', () => {
    const statuses = (content(bundle1).trials as { status: string }[]).map((t) => t.status);
    expect(statuses).toContain('diverged');
  });
});

describe('bundle import', () => {
  it('round trip: export → import → export gives equal content, and the imported data sets and curves work', async () => {
    const r = b.store.bundles.importFile(bundle1, { datasetsDir: datasetsDirOf(b.store.path), reservedDatasetNames: ['iris', 'digits', 'wine', 'breast_cancer'] });
    expect(r).toMatchObject({ project: 'alpha', renamedFrom: null, rows: { projects: 1, searches: 3, trials: 9, datasets: 2 } });
    // Three files written: the two data sets' and the CSV a search's spec reads (not a listed data set).
    expect(r.files).toHaveLength(3);
    for (const f of r.files) expect(f.startsWith(datasetsDirOf(b.store.path))).toBe(true);
    const bundle2 = join(dir, 'alpha-again.knobs');
    b.store.bundles.exportProject(r.projectId, bundle2, { knobsVersion: 'test' });
    expect(content(bundle2)).toEqual(content(bundle1));
    expect(JSON.parse(manifest(bundle2).tables)).toEqual(JSON.parse(manifest(bundle1).tables));

    const callA = caller(() => a.wb);
    const callB = caller(() => b.wb);
    const rings = (await callB('datasets.list')).find((d) => d.name === 'rings')!;
    expect('csv' in rings.ref && rings.ref.csv.startsWith(join(dir, 'datasets'))).toBe(true);
    expect((await callB('datasets.preview', { name: 'rings' })).totalRows).toBe(360);
    expect(await callB('datasets.images', { name: 'bars', count: 4 })).toEqual(await callA('datasets.images', { name: 'bars', count: 4 }));
    const searchA = a.store.searches.list().find((s) => s.name === 'rings lr' && s.project === 'alpha')!;
    const searchB = b.store.searches.list().find((s) => s.name === 'rings lr' && s.project === 'alpha')!;
    for (const n of [0, 1, 4]) {
      const ta = await callA('trials.get', { searchId: searchA.id, number: n });
      const tb = await callB('trials.get', { searchId: searchB.id, number: n });
      expect(tb.curves).toEqual(ta.curves);
      expect(tb.notes).toBe(ta.notes);
      expect(await callB('trials.diagnostics', { searchId: searchB.id, number: n })).toEqual(await callA('trials.diagnostics', { searchId: searchA.id, number: n }));
    }
    // The imported spec reads the imported copy: a new search from it runs.
    const spec = JSON.parse(searchB.spec) as Record<string, unknown>;
    const again = await run(b.wb, { ...spec, name: 'rings again', budget: { trials: 1 } });
    expect(b.store.trials.list(again)[0].status).not.toBe('failed');
  });

  it('resolves clashes visibly: the project becomes "alpha (2)" and data sets with the same bytes are reused', () => {
    const r = b.store.bundles.importFile(bundle1, { datasetsDir: datasetsDirOf(b.store.path) });
    expect(r.project).toBe('alpha (2)');
    expect(r.renamedFrom).toBe('alpha');
    expect(r.messages).toEqual([
      'A project named "alpha" already exists here; the imported one is "alpha (2)".',
      'The data set "rings" is already here with the same data; the imported searches use it.',
      'The data set "bars" is already here with the same data; the imported searches use it.',
    ]);
    expect(r.datasets).toEqual([{ name: 'rings', renamedFrom: null, reused: true }, { name: 'bars', renamedFrom: null, reused: true }]);
    const specs = b.store.searches.list().filter((s) => s.project === 'alpha (2)').map((s) => JSON.parse(s.spec) as { project: string });
    expect(specs.map((s) => s.project)).toEqual(['alpha (2)', 'alpha (2)', 'alpha (2)']);
    expect(b.store.searches.list().filter((s) => s.project === 'alpha')).toHaveLength(4);
  });

  it('a CSV a search reads by path (no data set) is written once: importing the bundle again reads the copy already here', async () => {
    const g = open('g.db');
    const h = open('h.db');
    try {
      const csv = join(dir, 'loose rings.csv');
      writeFileSync(csv, ringsCsv());
      await run(g.wb, { project: 'gamma', name: 'loose', dataset: { csv, target: 'label' }, train: { epochs: 2, hiddenLayers: [4] }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, strategy: { kind: 'random' }, budget: { trials: 1 }, workers: 1, seed: 3 });
      const file = join(dir, 'gamma.knobs');
      g.store.bundles.exportProject(g.store.projects.named('gamma')!.id, file, { knobsVersion: 'test' });
      const into = { datasetsDir: datasetsDirOf(h.store.path) };
      const first = h.store.bundles.importFile(file, into);
      expect(first.files).toHaveLength(1);
      expect(readFileSync(first.files[0], 'utf8')).toBe(ringsCsv());
      expect(basename(first.files[0])).toMatch(/^loose_rings-[0-9a-f]{16}\.csv$/);
      const second = h.store.bundles.importFile(file, into);
      expect(second.project).toBe('gamma (2)');
      expect(second.files).toEqual([]);
      expect(second.messages).toContain(`The data file loose rings.csv is already here with the same bytes (${first.files[0]}); the imported searches read it.`);
      const csvOf = (project: string): string => (JSON.parse(h.store.searches.list().find((s) => s.project === project)!.spec) as { dataset: { csv: string } }).dataset.csv;
      expect(csvOf('gamma (2)')).toBe(csvOf('gamma'));
    } finally {
      for (const x of [g, h]) {
        await x.wb.shutdown();
        x.store.close();
      }
    }
  });

  it('a data set name taken by other data (or a built-in) gets "name (2)", and the imported searches read the new copy', async () => {
    const c = open('c.db');
    try {
      const callC = caller(() => c.wb);
      await callC('datasets.importCsv', { name: 'rings', text: ringsCsv().replace('label', 'kind'), target: 'kind' });
      const r = c.store.bundles.importFile(bundle1, { datasetsDir: datasetsDirOf(c.store.path), reservedDatasetNames: ['bars'] });
      expect(r.project).toBe('alpha');
      expect(r.datasets).toEqual([{ name: 'rings (2)', renamedFrom: 'rings', reused: false }, { name: 'bars (2)', renamedFrom: 'bars', reused: false }]);
      expect(r.messages).toEqual([
        'A data set named "rings" already exists here (with other data); the imported one is "rings (2)".',
        'A data set named "bars" already exists here (with other data); the imported one is "bars (2)".',
      ]);
      const list = await callC('datasets.list');
      const rings2 = list.find((d) => d.name === 'rings (2)')!;
      const spec = JSON.parse(c.store.searches.list().find((s) => s.name === 'rings lr')!.spec) as { dataset: { csv: string } };
      expect('csv' in rings2.ref && rings2.ref.csv).toBe(spec.dataset.csv);
      expect(readFileSync(spec.dataset.csv, 'utf8')).toBe(ringsCsv());
      expect(list.find((d) => d.name === 'rings')!.ref).not.toEqual(rings2.ref);
    } finally {
      await c.wb.shutdown();
      c.store.close();
    }
  });
});

describe('the contract: projects.exportBundle and projects.importBundle', () => {
  it('exports as base64 with a file name, imports it as a new project and says what it renamed; refuses junk naming the file', async () => {
    const callA = caller(() => a.wb);
    const c = open('contract.db');
    try {
      const callC = caller(() => c.wb);
      const out = await callA('projects.exportBundle', { id: alphaId });
      expect(out.filename).toBe('alpha.knobs');
      expect(Buffer.from(out.data, 'base64').length).toBe(out.bytes);
      const first = await callC('projects.importBundle', { filename: out.filename, data: out.data });
      expect(first).toMatchObject({ project: { name: 'alpha', searches: 3 }, renamedFrom: null, searches: 3, trials: 9, messages: [] });
      expect(first.datasets.map((d) => d.name)).toEqual(['rings', 'bars']);
      const second = await callC('projects.importBundle', { filename: out.filename, data: out.data });
      expect(second).toMatchObject({ project: { name: 'alpha (2)' }, renamedFrom: 'alpha' });
      expect(second.messages[0]).toBe('A project named "alpha" already exists here; the imported one is "alpha (2)".');
      const before = c.store.changes();
      const junk = await c.wb.call('projects.importBundle', { filename: 'notes.knobs', data: Buffer.from('not a bundle at all, just text '.repeat(8)).toString('base64') }).then(() => null, (e: unknown) => e);
      expect(junk).toBeInstanceOf(BadInputError);
      expect((junk as Error).message).toMatch(/^"notes\.knobs" cannot be imported: it is not a Knobs bundle/);
      const cut = await c.wb.call('projects.importBundle', { filename: 'cut.knobs', data: Buffer.from(out.data, 'base64').subarray(0, 8192).toString('base64') }).then(() => null, (e: unknown) => e);
      expect((cut as Error).message).toMatch(/^"cut\.knobs" cannot be imported: it is damaged or truncated/);
      expect(c.store.changes()).toBe(before);
      await expect(callA('projects.exportBundle', { id: 9999 })).rejects.toThrow('No project 9999');
    } finally {
      await c.wb.shutdown();
      c.store.close();
    }
  });
});

describe('re-runs, notes and tags travel', () => {
  it('a re-run keeps pointing at its parent through new ids; a parent outside the project becomes none; notes and tags come along', () => {
    const src = a.store;
    const p = src.projects.create('lineage');
    const spec = { project: 'lineage', dataset: { builtin: 'iris' } };
    const outside = src.searches.create(src.projects.ensure('elsewhere').id, 'outside parent', spec, 1);
    const parent = src.searches.create(p.id, 'parent', spec, 1);
    const child = src.searches.create(p.id, 'child re-run', spec, 1);
    const orphan = src.searches.create(p.id, 'child of elsewhere', spec, 1);
    const t = src.trials.start(parent.id, 0, 1, { lr: 0.1 }, 1);
    const raw = new Database(src.path);
    raw.prepare('UPDATE searches SET parent_id = ? WHERE id = ?').run(parent.id, child.id);
    raw.prepare('UPDATE searches SET parent_id = ? WHERE id = ?').run(outside.id, orphan.id);
    raw.close();
    src.notes.setSearch(child.id, 'seeds 0-4');
    src.notes.setSearchTags(child.id, ['rerun', 'final']);
    src.notes.setProjectTags(p.id, ['thesis']);
    src.notes.setTrialTags(t.id, ['keep']);
    const file = join(dir, 'lineage.knobs');
    src.bundles.exportProject(p.id, file, { knobsVersion: 'test' });
    const r = b.store.bundles.importFile(file, { datasetsDir: datasetsDirOf(b.store.path) });
    const check = new Database(b.store.path, { readonly: true });
    try {
      const rows = check.prepare('SELECT id, name, parent_id, notes, tags FROM searches WHERE project_id = ? ORDER BY id').all(r.projectId) as { id: number; name: string; parent_id: number | null; notes: string; tags: string }[];
      const byName = Object.fromEntries(rows.map((x) => [x.name, x]));
      expect(Object.keys(byName)).toEqual(['parent', 'child re-run', 'child of elsewhere']);
      expect(byName['child re-run'].parent_id).toBe(byName.parent.id);
      expect(byName['child of elsewhere'].parent_id).toBeNull();
      expect([byName['child re-run'].notes, JSON.parse(byName['child re-run'].tags)]).toEqual(['seeds 0-4', ['rerun', 'final']]);
      expect(JSON.parse((check.prepare('SELECT tags FROM projects WHERE id = ?').get(r.projectId) as { tags: string }).tags)).toEqual(['thesis']);
      expect(JSON.parse((check.prepare('SELECT tags FROM trials WHERE search_id = ?').get(byName.parent.id) as { tags: string }).tags)).toEqual(['keep']);
    } finally {
      check.close();
    }
  });
});

describe('bundles from an older Knobs', () => {
  it('a bundle written at the previous schema is migrated on import, its rows and keys intact', () => {
    const oldPath = join(dir, 'old.db');
    const raw = new Database(oldPath);
    migrate(raw, SCHEMA_VERSION - 1);
    raw.exec(`INSERT INTO projects (name, notes, created_at) VALUES ('old times', 'from before', '2025-01-01T00:00:00.000Z')`);
    raw.exec(`INSERT INTO searches (project_id, name, spec, status, planned_trials, created_at) VALUES (1, 'old search', '{"project":"old times","dataset":{"builtin":"iris"}}', 'complete', 1, '2025-01-01T00:00:00.000Z')`);
    raw.exec(`INSERT INTO trials (search_id, number, round, status, knobs, seed, objective, notes) VALUES (1, 0, 1, 'complete', '{"lr":0.1}', 7, 0.25, 'kept')`);
    // Its epoch in schema 14's packed layout (11 fields, then one layer's gradient norm): schema 15 adds balanced accuracy after val_accuracy.
    raw.prepare(`INSERT INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (1, 0, 1, 1, 1, ?)`).run(Buffer.from(Float64Array.of(1, 0.3, 0.25, 0, 0.9, 0.85, NaN, NaN, NaN, 0.1, 0.5, 2.5).buffer));
    const file = join(dir, 'old.knobs');
    new Bundles(new Connection(raw, oldPath)).exportProject(1, file, { knobsVersion: 'old' });
    raw.close();
    expect(manifest(file).schema_version).toBe(String(SCHEMA_VERSION - 1));
    const r = b.store.bundles.importFile(file, { datasetsDir: datasetsDirOf(b.store.path) });
    expect(r).toMatchObject({ project: 'old times', rows: { projects: 1, searches: 1, trials: 1 } });
    const s = b.store.searches.list().find((x) => x.project === 'old times')!;
    expect(s).toMatchObject({ name: 'old search', status: 'complete', project_id: r.projectId });
    expect(b.store.trials.list(s.id)).toEqual([expect.objectContaining({ number: 0, objective: 0.25, seed: 7, notes: 'kept', knobs: '{"lr":0.1}' })]);
    expect(b.store.projects.need(r.projectId).notes).toBe('from before');
    expect(b.store.epochs.rows(s.id)).toEqual([expect.objectContaining({ epoch: 1, train_loss: 0.3, val_loss: 0.25, val_accuracy: 0.85, val_balanced_accuracy: null, val_rmse: null, lr: 0.1, seconds: 0.5, grad_norms: '[2.5]' })]);
  });
});

describe('bundle refusals leave the database byte-identical', () => {
  const variants: [string, (file: string) => void, RegExp][] = [
    ['empty', (f) => writeFileSync(f, ''), /not a Knobs bundle \(not an SQLite file/],
    ['text', (f) => writeFileSync(f, 'project,trials\nalpha,9\n'.repeat(20)), /not a Knobs bundle \(not an SQLite file/],
    ['truncated to half', (f) => writeFileSync(f, readFileSync(bundle1).subarray(0, readFileSync(bundle1).length >> 1)), /damaged or truncated/],
    ['truncated by one page', (f) => writeFileSync(f, readFileSync(bundle1).subarray(0, readFileSync(bundle1).length - 4096)), /damaged or truncated/],
    ['a Knobs database, not a bundle', (f) => copyFileSync(join(dir, 'a.db'), f), /not a Knobs bundle/],
    ['newer format', (f) => edit(f, `UPDATE knobs_bundle SET value = '${BUNDLE_VERSION + 1}' WHERE key = 'format_version'`), new RegExp(`newer Knobs \\(bundle format ${BUNDLE_VERSION + 1}; this Knobs reads up to ${BUNDLE_VERSION}\\)`)],
    ['newer schema', (f) => edit(f, `UPDATE knobs_bundle SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`), /newer Knobs \(database schema/],
    ['a changed trial', (f) => edit(f, `UPDATE trials SET objective = objective * 0.5 WHERE id = 2`), /damaged: table "trials"/],
    ['a dropped curve', (f) => edit(f, `DELETE FROM epoch_chunks WHERE rowid = (SELECT MIN(rowid) FROM epoch_chunks)`), /damaged: table "epoch_chunks" holds/],
    ['a changed data set file', (f) => edit(f, `UPDATE knobs_bundle_files SET bytes = CAST('x,y' AS BLOB) WHERE rowid = 1`), /data set file ".*" does not match its checksum/],
    ['an extra table', (f) => edit(f, `CREATE TABLE sneaky (x)`), /holds a table "sneaky" its manifest does not list/],
    ['two projects', (f) => edit(f, `INSERT INTO projects (name, created_at) VALUES ('other', '2026-01-01')`), /damaged: table "projects"/],
    ['a data set pointing outside the bundle (its checksums made to match)', (f) => {
      edit(f, `UPDATE datasets SET source = '/etc/hostname' WHERE rowid = 1`);
      reseal(f);
    }, /its data set "rings" names a file outside the bundle \(\/etc\/hostname\)/],
    ['a search named with terminal codes (its checksums made to match)', (f) => {
      edit(f, `UPDATE searches SET name = 'rings' || char(27) || '[31m red' WHERE rowid = 1`);
      reseal(f);
    }, /its search "rings\\u001b\[31m red" has a name that contains an escape character \(as in terminal colour codes\) \(U\+001B\)/],
  ];

  /** Recompute a bundle's manifest checksums, as a crafted bundle would. */
  function reseal(f: string): void {
    const db = new Database(f);
    const listed = JSON.parse((db.prepare(`SELECT value FROM knobs_bundle WHERE key = 'tables'`).get() as { value: string }).value) as Record<string, unknown>;
    db.prepare(`UPDATE knobs_bundle SET value = ? WHERE key = 'tables'`).run(JSON.stringify(bundleDigests(db, Object.keys(listed))));
    db.close();
  }

  function edit(f: string, sql: string): void {
    copyFileSync(bundle1, f);
    const db = new Database(f);
    db.exec(sql);
    db.close();
  }

  it.each(variants)('%s', (what, make, message) => {
    const file = join(dir, `bad-${what.replace(/\W+/g, '-')}.knobs`);
    make(file);
    const before = readFileSync(file);
    b.store.checkpoint();
    const hash = dbFilesHash(b.store.path);
    const projects = b.store.projects.list().length;
    let err: unknown;
    try {
      b.store.bundles.importFile(file, { datasetsDir: datasetsDirOf(b.store.path) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Nothing was imported; the database is unchanged\.$/);
    expect(dbFilesHash(b.store.path)).toBe(hash);
    expect(b.store.projects.list()).toHaveLength(projects);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a missing file is named', () => {
    expect(() => b.store.bundles.importFile(join(dir, 'nope.knobs'), { datasetsDir: datasetsDirOf(b.store.path) })).toThrow(/No file ".*nope\.knobs" to import/);
  });
});
