// A search that learned nothing says so: through the real `knobs run` and `knobs trials` and the
// app's service on a real SQLite file. Churn labels that alternate row by row beside three random
// features that carry none of them: every trial ends near ln 2, the chance level of two classes in equal shares,
// and the notes say the features, not the knobs, are the question. Moons, which a small network
// learns, gets the level (for Best so far's line) but no note; so does a sine regression by RMSE,
// its level the validation target's spread.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDetail } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-chance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'k.db');
const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir });

/** 240 rows: three features from an LCG, the label alternating, so independent of them. */
function noiseCsv(): string {
  let s = 12345;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rows = ['a,b,c,churn'];
  for (let i = 0; i < 240; i++) rows.push(`${next().toFixed(4)},${next().toFixed(4)},${next().toFixed(4)},${i % 2 === 0 ? 'yes' : 'no'}`);
  // Labels alternate, features random: 120 of each, nothing to learn.
  return rows.join('\n') + '\n';
}

const spec = (name: string, dataset: unknown, extra: Record<string, unknown> = {}): string => {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    project: 'chance', name, dataset, train: { epochs: 15 },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } },
    strategy: { kind: 'random' }, budget: { trials: 6 }, workers: 1, seed: 3, ...extra,
  }));
  return file;
};

beforeAll(() => {
  writeFileSync(join(dir, 'noise.csv'), noiseCsv());
}, 60_000);

/** A search's detail as the app's service answers it. */
async function detailOf(id: number): Promise<SearchDetail> {
  const store = Store.open(db, { readonly: true });
  const wb = new Workbench({ store, version: 'test', backups: false, watchMs: 0 });
  try {
    return (await wb.call('searches.get', { id })) as SearchDetail;
  } finally {
    await wb.shutdown();
    store.close();
  }
}

describe('a search no better than chance', () => {
  it('knobs run and knobs trials say so; the app has the level for the chart', async () => {
    const run = knobs('run', spec('noise', { csv: 'noise.csv', target: 'churn' }));
    expect(run.code).toBe(0);
    const note = /^No trial learned much: the best val_loss, [\d.]+, is (only \d+% of the way from|no better than) the 0\.6931 of always predicting the class frequencies.*check the target column, the columns left out and the rows before tuning further\.$/m;
    expect(run.stdout).toMatch(note);
    const trials = knobs('trials', 'noise');
    expect(trials.code).toBe(0);
    expect(trials.stdout).toMatch(note);
    const json = JSON.parse(knobs('trials', 'noise', '--json').stdout) as { notes: string[] };
    expect(json.notes.some((n) => note.test(n))).toBe(true);
    // The validation rows' classes (a stratified 20% of 120 + 120): ln 2 exactly.
    const d = await detailOf(1);
    expect(d.chances.val_loss?.value).toBeCloseTo(Math.LN2, 12);
    expect(d.chances.val_loss?.what).toBe('always predicting the class frequencies');
    // Every validation metric of classes has its level (the Curves tab draws the shown one's); none of a regression's.
    expect(d.chances.val_accuracy?.value).toBe(0.5);
    expect(d.chances.val_balanced_accuracy?.value).toBe(0.5);
    expect(Object.keys(d.chances).sort()).toEqual(['val_accuracy', 'val_balanced_accuracy', 'val_loss']);
  });

  it('a regression by RMSE: the level is the validation target\'s spread, the same whichever trial it is read from', async () => {
    const run = knobs('run', spec('sine', { synthetic: 'sine', n: 300, noise: 0.1 }, { objective: { metric: 'val_rmse' } }));
    expect(run.code).toBe(0);
    const d = await detailOf(2);
    const store = Store.open(db, { readonly: true });
    try {
      // RMSE / √(1 − R²) = √(SST/n): every trial on the same validation rows reads the same spread.
      const spreads = store.trials.list(2).filter((t) => t.val_r2 !== null && t.val_rmse !== null).map((t) => t.val_rmse! / Math.sqrt(1 - t.val_r2!));
      expect(spreads.length).toBeGreaterThan(2);
      for (const x of spreads) expect(x).toBeCloseTo(spreads[0], 9);
      expect(d.chances.val_rmse?.value).toBeCloseTo(spreads[0], 9);
      // R² 0 and the loss on the standardised target 1; MAE has no one level.
      expect(d.chances.val_r2?.value).toBe(0);
      expect(d.chances.val_loss?.value).toBe(1);
      expect(Object.keys(d.chances).sort()).toEqual(['val_loss', 'val_r2', 'val_rmse']);
    } finally {
      store.close();
    }
  });

  it('a search that learns has the level but no note', async () => {
    const run = knobs('run', spec('moons', { synthetic: 'moons', n: 400, noise: 0.1 }));
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/No trial learned much/);
    expect(knobs('trials', 'moons').stdout).not.toMatch(/No trial learned much/);
    expect((await detailOf(3)).chances.val_loss?.value).toBeCloseTo(Math.LN2, 12);
  });
});
