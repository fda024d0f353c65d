// How a search reads a CSV's numbers written with units ("$1,234.50", "45%") and thousands as any
// locale writes them ("1.234,50 €"): a new spec reads them as numbers ("numbers": "any-locale"); a
// search stored before Knobs did so has no key and keeps reading them as text ("plain"), and one
// stored with "with-units" (signs and comma thousands only) keeps its reading, so each resumes,
// replays and re-runs on the features it trained on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, makeSplit } from '../../src-core/data';
import { createRerun } from '../../src-core/search/seeds';
import { createSearch, Study } from '../../src-core/search/study';
import { replayTrial } from '../../src-core/service/replay';
import { parseSpec, parseStoredSpec, storedSpecInput, trainConfigOf } from '../../src-core/spec/spec';
import { unpackChunks } from '../../src-core/store/chunks';
import { Store } from '../../src-core/store/store';
import { trainConfiguration } from '../../src-core/train/trainer';

const dir = mkdtempSync(join(tmpdir(), 'knobs-csv-numbers-'));
const csvPath = join(dir, 'fees.csv');
// 60 rows; "fee" is money with thousands ("$1,050.00" … "$1,945.00"), 24 distinct values; the class follows it.
const lines = ['age,fee,plan'];
for (let i = 0; i < 60; i++) {
  const dollars = 1000 + 45 * (i % 24) + 5;
  lines.push(`${20 + (i % 7)},"$${dollars.toLocaleString('en-US')}.00",${dollars > 1500 ? 'premium' : 'basic'}`);
}
writeFileSync(csvPath, `${lines.join('\n')}\n`);
const base = {
  project: 'fees', seed: 3,
  train: { epochs: 4, hiddenLayers: [8], optimizer: 'adam', batchSize: 16, earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 },
};

describe('a CSV\'s numbers with units, new and stored searches', () => {
  it('read by hand: "with-units" gives 2 features (age, fee as dollars), "plain" one-hot encodes the 24 fees as text', () => {
    const units = loadDataset({ csv: csvPath, target: 'plan' }, 0);
    expect(units.featureNames).toEqual(['age', 'fee']);
    expect(units.x[1]).toBe(1005); // row 1's "$1,005.00"
    expect(units.x[2 * 23 + 1]).toBe(2040); // row 24's "$2,040.00"
    const plain = loadDataset({ csv: csvPath, target: 'plan', numbers: 'plain' }, 0);
    expect(plain.nFeatures).toBe(1 + 24);
    expect(plain.featureNames).toContain('fee=$1,005.00');
  });

  it('a stored spec without the key reads "plain"; a new one is stored with "any-locale" written out; anything else is refused with the three choices', () => {
    expect(parseStoredSpec({ ...base, dataset: { csv: csvPath, target: 'plan' } }).dataset).toMatchObject({ numbers: 'plain' });
    expect(parseStoredSpec({ ...base, dataset: { csv: csvPath, target: 'plan', numbers: 'with-units' } }).dataset).toMatchObject({ numbers: 'with-units' });
    // Only a CSV has the key: a built-in data set is left as it was.
    expect(storedSpecInput({ ...base, dataset: { builtin: 'iris' } })).toEqual({ ...base, targetPreprocess: 'none', dataset: { builtin: 'iris' } });
    expect(() => parseSpec({ ...base, dataset: { csv: csvPath, target: 'plan', numbers: 'units' } }))
      .toThrow(/dataset\.numbers: expected "any-locale" \(read "\$1,234\.50", "45%", "1,200" and "1\.234,50" as numbers\), "with-units" \(the first three only, as Knobs read them before\) or "plain" \(only plain numbers; other cells are text\), got "units"/);
  });

  it('an old search trains, replays and re-runs on the text reading; a new one on the numbers', async () => {
    const store = Store.open(join(dir, 'k.db'));
    // As an older Knobs stored it: no "numbers" (and no targetPreprocess).
    const old = { ...base, name: 'stored before numbers with units', dataset: { csv: csvPath, target: 'plan' } };
    const row = store.searches.create(store.projects.ensure('fees').id, old.name, old, 2);
    expect(await new Study(store, row.id, { workers: 1 }).run()).toBe('complete');
    const plain = loadDataset({ csv: csvPath, target: 'plan', numbers: 'plain' }, 3);
    const split = makeSplit(plain, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 3);
    for (const t of store.trials.list(row.id)) {
      const again = trainConfiguration({ dataset: plain, split, preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(row.spec), JSON.parse(t.knobs)), seed: t.seed });
      expect(unpackChunks(store.epochs.ofTrial(t.id)).map((e) => e.valLoss)).toEqual(again.folds[0].epochs.map((e) => e.valLoss));
      expect((await replayTrial(store, row.id, t.number)).identical).toBe(true);
    }
    // Its seed re-run says so in its own stored spec.
    const rerun = createRerun(store, row.id, { top: 1, seeds: 2 });
    expect(JSON.parse(store.searches.need(rerun.id).spec).dataset).toEqual({ csv: csvPath, target: 'plan', numbers: 'plain' });

    const made = createSearch(store, { ...base, name: 'new', dataset: { csv: csvPath, target: 'plan' } });
    expect(JSON.parse(store.searches.need(made.id).spec).dataset).toEqual({ csv: csvPath, target: 'plan', numbers: 'any-locale' });
    expect(await new Study(store, made.id, { workers: 1 }).run()).toBe('complete');
    const units = loadDataset({ csv: csvPath, target: 'plan' }, 3);
    const t0 = store.trials.list(made.id)[0];
    const again = trainConfiguration({ dataset: units, split: makeSplit(units, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 3), preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(store.searches.need(made.id).spec), JSON.parse(t0.knobs)), seed: t0.seed });
    expect(unpackChunks(store.epochs.ofTrial(t0.id)).map((e) => e.valLoss)).toEqual(again.folds[0].epochs.map((e) => e.valLoss));
    expect((await replayTrial(store, made.id, 0)).identical).toBe(true);
    store.close();
  });

  // The same fees as a German spreadsheet saves them: separated by semicolons, "1.050,00 €".
  const euroPath = join(dir, 'fees-euro.csv');
  writeFileSync(euroPath, `${lines.map((l, i) => (i === 0 ? l.replaceAll(',', ';') : l.replace(/^(\d+),"\$([\d,]+)\.00",(\w+)$/, (_, age: string, fee: string, plan: string) => `${age};${fee.replace(',', '.')},00 €;${plan}`))).join('\n')}\n`);

  it('thousands by points and a decimal comma: "any-locale" reads the fee as euros, "with-units" as 24 texts, as it did', () => {
    const any = loadDataset({ csv: euroPath, target: 'plan' }, 0);
    expect(any.featureNames).toEqual(['age', 'fee']);
    expect(any.x[1]).toBe(1005); // row 1's "1.005,00 €"
    expect(any.x[2 * 23 + 1]).toBe(2040); // row 24's "2.040,00 €"
    const before = loadDataset({ csv: euroPath, target: 'plan', numbers: 'with-units' }, 0);
    expect(before.nFeatures).toBe(1 + 24);
    expect(before.featureNames).toContain('fee=1.005,00 €');
  });

  it('a search stored with "with-units" on that file trains, replays and re-runs on its text reading', async () => {
    const store = Store.open(join(dir, 'euro.db'));
    const stored = { ...base, name: 'stored with with-units', targetPreprocess: 'none', dataset: { csv: euroPath, target: 'plan', numbers: 'with-units' } };
    const row = store.searches.create(store.projects.ensure('fees').id, stored.name, stored, 2);
    expect(await new Study(store, row.id, { workers: 1 }).run()).toBe('complete');
    const text = loadDataset({ csv: euroPath, target: 'plan', numbers: 'with-units' }, 3);
    const split = makeSplit(text, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 3);
    for (const t of store.trials.list(row.id)) {
      const again = trainConfiguration({ dataset: text, split, preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(row.spec), JSON.parse(t.knobs)), seed: t.seed });
      expect(unpackChunks(store.epochs.ofTrial(t.id)).map((e) => e.valLoss)).toEqual(again.folds[0].epochs.map((e) => e.valLoss));
      expect((await replayTrial(store, row.id, t.number)).identical).toBe(true);
    }
    const rerun = createRerun(store, row.id, { top: 1, seeds: 2 });
    expect(JSON.parse(store.searches.need(rerun.id).spec).dataset).toEqual({ csv: euroPath, target: 'plan', numbers: 'with-units' });
    store.close();
  });
});
