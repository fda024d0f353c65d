// Fuzz of bundle import (issue #15, item 5): 10,000 damaged copies of a real bundle (cut short,
// bytes flipped, runs overwritten, pages zeroed, swapped or repeated, garbage appended). Each is
// either refused with a BadInputError that names the file and says nothing was imported, leaving
// the receiving database and its data set folder byte-identical, or (when the damage touched no
// content: free space, trailing bytes, the export time) imported with exactly the original content.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src-core/errors';
import { Workbench } from '../../src-core/service/workbench';
import { Store, type TrialOutcome } from '../../src-core/store/store';
import { idx } from '../fixtures/idx';
import { dbFilesHash, expectOwnError, FC, preview } from './fuzz-helpers';

let dir: string;
let source: Store;
let target: Store;
let original: Buffer;
let originalTables: string;
const datasetsDir = (): string => join(dir, 'datasets-target');

/** The per-table digests of a bundle's manifest. */
function tablesOf(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT value FROM knobs_bundle WHERE key = 'tables'`).get() as { value: string }).value;
  } finally {
    db.close();
  }
}

const outcome = (objective: number | null, status: TrialOutcome['status']): TrialOutcome => ({
  status, objective, bestEpoch: 1, stoppedEpoch: 2, stopReason: status === 'diverged' ? 'diverged' : 'max_epochs', trainLoss: 0.4, valLoss: objective,
  trainAccuracy: 0.8, valAccuracy: 0.7, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.1, error: null,
});
const epoch = (e: number, loss: number) => ({
  fold: 0, epoch: e, trainLoss: loss, valLoss: loss * 1.1, penalty: 0, trainAccuracy: 0.5, valAccuracy: 0.5, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.01, gradNorms: [1, 2], seconds: 0.01,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-bundle-fuzz-'));
  source = Store.open(join(dir, 'source.db'));
  const wb = new Workbench({ store: source, version: 'fuzz', workers: 1, datasetsDir: join(dir, 'datasets-source'), backups: false });
  (wb as unknown as { startStudy: (id: number) => void }).startStudy = () => {};
  const csv = await wb.call('datasets.importCsv', { name: 'tiny', text: 'a,b,y\n1,2,x\n3,4,z\n5,6,x\n7,8,z\n', target: 'y' }) as { ref: unknown };
  const images = idx(0x08, [4, 2, 2], Array.from({ length: 16 }, (_, i) => (i * 37) % 256));
  const labels = idx(0x08, [4], [0, 1, 0, 1]);
  const pics = await wb.call('datasets.importIdx', { name: 'pics', images: Buffer.from(images).toString('base64'), labels: Buffer.from(labels).toString('base64') }) as { ref: unknown };
  for (const [name, dataset] of [['on csv', csv.ref], ['on idx', pics.ref]] as const) {
    const s = await wb.call('searches.create', { spec: { project: 'fuzzed', name, dataset, space: { lr: { type: 'float', low: 1e-3, high: 10, log: true } }, budget: { trials: 3 } } }) as { id: number };
    for (let n = 0; n < 3; n++) {
      const t = source.trials.start(s.id, n, 1, { lr: 0.01 * 10 ** n }, n);
      source.trials.finish(t.id, n === 2 ? outcome(null, 'diverged') : outcome(0.5 - n / 10, 'complete'), { epochs: [epoch(1, 1), epoch(2, n === 2 ? NaN : 0.5)] });
    }
  }
  const bundle = join(dir, 'fuzzed.knobs');
  source.bundles.exportProject(source.projects.named('fuzzed')!.id, bundle, { knobsVersion: 'fuzz' });
  original = readFileSync(bundle);
  originalTables = tablesOf(bundle);
  target = Store.open(join(dir, 'target.db'));
  target.projects.create('fuzzed');
  // A checkpoint after each harmless case would wait for the disk thousands of times; the checks compare bytes, not durability.
  (target as unknown as { c: { db: Database.Database } }).c.db.pragma('synchronous = OFF');
});
afterAll(() => {
  source?.close();
  target?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = 4096;

/** A damaged copy of the bundle. */
const damaged = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((n) => (b: Buffer) => b.subarray(0, n % b.length)) },
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Buffer) => {
    const c = Buffer.from(b);
    for (const [at, x] of flips) c[at % c.length] ^= x;
    return c;
  }) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, bytes]) => (b: Buffer) => {
    const c = Buffer.from(b);
    c.set(bytes.subarray(0, Math.max(0, c.length - (at % c.length))), at % c.length);
    return c;
  }) },
  { weight: 1, arbitrary: fc.nat().map((p) => (b: Buffer) => {
    const c = Buffer.from(b);
    c.fill(0, (p % (c.length / PAGE)) * PAGE, (p % (c.length / PAGE)) * PAGE + PAGE);
    return c;
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([p, q]) => (b: Buffer) => {
    const c = Buffer.from(b);
    const n = c.length / PAGE;
    Buffer.from(b.subarray((p % n) * PAGE, (p % n) * PAGE + PAGE)).copy(c, (q % n) * PAGE);
    return c;
  }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 5000 }).map((tail) => (b: Buffer) => Buffer.concat([b, tail])) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => () => Buffer.from(bytes)) },
);

describe('bundle import fuzz', () => {
  it('refuses every damaged bundle without touching the database, or imports exactly the original', () => {
    expect(original.length % PAGE).toBe(0);
    const file = join(dir, 'case.knobs');
    let refused = 0;
    let imported = 0;
    const folder = (): string => (readdirSync(dir).includes('datasets-target') ? readdirSync(datasetsDir()).sort().join('|') : '');
    target.checkpoint();
    let hash = dbFilesHash(target.path);
    let files = folder();
    fc.assert(
      fc.property(damaged, (damage) => {
        const bytes = damage(original);
        writeFileSync(file, bytes);
        let result;
        try {
          result = target.bundles.importFile(file, { datasetsDir: datasetsDir() });
        } catch (e) {
          expectOwnError(e as Error, [BadInputError], () => bytes);
          expect((e as Error).message, preview(bytes)).toMatch(/^("case\.knobs" cannot be imported: .+ Nothing was imported; the database is unchanged\.|No file)/s);
          expect(dbFilesHash(target.path)).toBe(hash);
          expect(folder()).toBe(files);
          refused++;
          return;
        }
        imported++;
        expect(result.project).toBe('fuzzed (2)');
        const again = join(dir, 'again.knobs');
        target.bundles.exportProject(result.projectId, again, { knobsVersion: 'fuzz' });
        const tables = JSON.parse(tablesOf(again)) as Record<string, unknown>;
        const want = JSON.parse(originalTables) as Record<string, { rows: number }>;
        // Only the project's name differs ("fuzzed (2)"), so compare it apart.
        expect(Object.keys(tables).sort()).toEqual(Object.keys(want).sort());
        for (const t of Object.keys(want)) if (t !== 'projects' && t !== 'searches') expect(tables[t], t).toEqual(want[t]);
        target.projects.delete(result.projectId);
        target.checkpoint();
        hash = dbFilesHash(target.path);
        files = folder();
      }),
      FC,
    );
    // Both outcomes happen: most damage is refused, some (free space, trailing bytes) is harmless.
    expect(refused).toBeGreaterThan(imported);
    expect(imported).toBeGreaterThan(0);
    console.log(`bundle fuzz: ${refused} refused, ${imported} imported with the original content`);
  }, 600_000);
});
