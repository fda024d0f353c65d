// How a search reads a CSV's numbers written with units ("$1,234.50", "45%"), thousands as any
// locale writes them ("1.234,50 €") and accounting negatives ("(1,234.50)"): a new spec reads them
// as numbers ("numbers": "any-format"); a search stored before Knobs did so has no key and keeps
// reading them as text ("plain"), and one stored with "with-units" (signs and comma thousands only)
// or "any-locale" (all but parentheses) keeps its reading, so each resumes, replays and re-runs on
// the features it trained on.
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
// The same fees as a German spreadsheet saves them: separated by semicolons, "1.050,00 €".
const euroPath = join(dir, 'fees-euro.csv');
writeFileSync(euroPath, `${lines.map((l, i) => (i === 0 ? l.replaceAll(',', ';') : l.replace(/^(\d+),"\$([\d,]+)\.00",(\w+)$/, (_, age: string, fee: string, plan: string) => `${age};${fee.replace(',', '.')},00 €;${plan}`))).join('\n')}\n`);
// The same fees as refunds in an accounting export: "(1,050.00)".
const refundsPath = join(dir, 'refunds.csv');
writeFileSync(refundsPath, `${lines.map((l, i) => (i === 0 ? l : l.replace(/"\$([\d,]+\.00)"/, '"($1)"'))).join('\n')}\n`);
const base = {
  project: 'fees', seed: 3,
  train: { epochs: 4, hiddenLayers: [8], optimizer: 'adam', batchSize: 16, earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 },
};

/**
 * A search stored by an older Knobs (`stored`, as its spec was written) runs to its end, each trial's
 * curve is the one trained on `reading` of its file (and replays bit for bit), and its seed re-run
 * writes the same reading into its own spec: it keeps reading the file as it first did.
 */
async function keepsReading(store: Store, stored: typeof base & { name: string; dataset: { csv: string; target: string; numbers?: string } }, reading: 'plain' | 'with-units' | 'any-locale'): Promise<void> {
  const row = store.searches.create(store.projects.ensure('fees').id, stored.name, stored, 2);
  expect(await new Study(store, row.id, { workers: 1 }).run()).toBe('complete');
  const data = loadDataset({ ...stored.dataset, numbers: reading }, 3);
  const split = makeSplit(data, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 3);
  for (const t of store.trials.list(row.id)) {
    const again = trainConfiguration({ dataset: data, split, preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(row.spec), JSON.parse(t.knobs)), seed: t.seed });
    expect(unpackChunks(store.epochs.ofTrial(t.id)).map((e) => e.valLoss)).toEqual(again.folds[0].epochs.map((e) => e.valLoss));
    expect((await replayTrial(store, row.id, t.number)).identical).toBe(true);
  }
  const rerun = createRerun(store, row.id, { top: 1, seeds: 2 });
  expect(JSON.parse(store.searches.need(rerun.id).spec).dataset).toEqual({ ...stored.dataset, numbers: reading });
}

describe('a CSV\'s numbers with units, new and stored searches', () => {
  // Read by hand: row 1's fee is 1005 ("$1,005.00", "1.005,00 €"), row 24's 2040; the older reading one-hot encodes the 24 fees as text.
  it.each([
    ['dollars: the default reads them, "plain" as 24 texts', csvPath, 'plain', 'fee=$1,005.00', 1],
    ['thousands by points and a decimal comma: the default reads the euros, "with-units" as 24 texts, as it did', euroPath, 'with-units', 'fee=1.005,00 €', 1],
    ['negatives in parentheses: the default reads the refunds, "any-locale" as 24 texts, as it did', refundsPath, 'any-locale', 'fee=(1,005.00)', -1],
  ] as const)('%s', (_, csv, older, text, sign) => {
    const read = loadDataset({ csv, target: 'plan' }, 0);
    expect(read.featureNames).toEqual(['age', 'fee']);
    expect([read.x[1], read.x[2 * 23 + 1]]).toEqual([sign * 1005, sign * 2040]);
    const before = loadDataset({ csv, target: 'plan', numbers: older }, 0);
    expect(before.nFeatures).toBe(1 + 24);
    expect(before.featureNames).toContain(text);
  });

  it('a stored spec without the key reads "plain"; a new one is stored with "any-format" written out; anything else is refused with the four choices', () => {
    expect(parseStoredSpec({ ...base, dataset: { csv: csvPath, target: 'plan' } }).dataset).toMatchObject({ numbers: 'plain' });
    expect(parseStoredSpec({ ...base, dataset: { csv: csvPath, target: 'plan', numbers: 'with-units' } }).dataset).toMatchObject({ numbers: 'with-units' });
    // Only a CSV has the key: a built-in data set is left as it was.
    expect(storedSpecInput({ ...base, dataset: { builtin: 'iris' } })).toEqual({ ...base, targetPreprocess: 'none', dataset: { builtin: 'iris' } });
    expect(() => parseSpec({ ...base, dataset: { csv: csvPath, target: 'plan', numbers: 'units' } }))
      .toThrow(/dataset\.numbers: expected "any-format" \(read "\$1,234\.50", "45%", "1,200", "1\.234,50" and "\(1,234\.50\)" as numbers\), "any-locale" \(all but the last, as Knobs read them before\), "with-units" \(the first three only\) or "plain" \(only plain numbers; other cells are text\), got "units"/);
  });

  it('an old search trains, replays and re-runs on the text reading; a new one on the numbers', async () => {
    const store = Store.open(join(dir, 'k.db'));
    // As an older Knobs stored it: no "numbers" (and no targetPreprocess).
    await keepsReading(store, { ...base, name: 'stored before numbers with units', dataset: { csv: csvPath, target: 'plan' } }, 'plain');

    const made = createSearch(store, { ...base, name: 'new', dataset: { csv: csvPath, target: 'plan' } });
    expect(JSON.parse(store.searches.need(made.id).spec).dataset).toEqual({ csv: csvPath, target: 'plan', numbers: 'any-format' });
    expect(await new Study(store, made.id, { workers: 1 }).run()).toBe('complete');
    const units = loadDataset({ csv: csvPath, target: 'plan' }, 3);
    const t0 = store.trials.list(made.id)[0];
    const again = trainConfiguration({ dataset: units, split: makeSplit(units, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 3), preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(store.searches.need(made.id).spec), JSON.parse(t0.knobs)), seed: t0.seed });
    expect(unpackChunks(store.epochs.ofTrial(t0.id)).map((e) => e.valLoss)).toEqual(again.folds[0].epochs.map((e) => e.valLoss));
    expect((await replayTrial(store, made.id, 0)).identical).toBe(true);
    store.close();
  });

  it('a search stored with "with-units" on that file trains, replays and re-runs on its text reading', async () => {
    const store = Store.open(join(dir, 'euro.db'));
    await keepsReading(store, { ...base, name: 'stored with with-units', dataset: { csv: euroPath, target: 'plan', numbers: 'with-units' } }, 'with-units');
    store.close();
  });

  it('a search stored with "any-locale" on refunds in parentheses trains, replays and re-runs on its text reading', async () => {
    const store = Store.open(join(dir, 'refunds.db'));
    await keepsReading(store, { ...base, name: 'stored with any-locale', dataset: { csv: refundsPath, target: 'plan', numbers: 'any-locale' } }, 'any-locale');
    store.close();
  });
});
