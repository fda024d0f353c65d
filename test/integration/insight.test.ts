import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatasetSummary, PushEvent, TrialDetail, TrialDiagnostics, TrialSummary } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { idx } from '../fixtures/idx';
import { caller } from '../helpers/call';

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-insight-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1 });
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
});

const finished = (searchId: number): Promise<void> =>
  new Promise((resolve) => {
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished' && e.searchId === searchId) {
        wb.off('push', on);
        resolve();
      }
    };
    wb.on('push', on);
  });

async function runSpec(spec: Record<string, unknown>): Promise<number> {
  const s = await call('searches.create', { spec, start: true });
  await finished(s.id);
  return s.id;
}

describe('trial diagnostics through the contract', () => {
  it('gives the snapshots at init and every N epochs, per-layer gradient norms per epoch, and findings', async () => {
    const id = await runSpec({
      project: 'diag', name: 'tanh deep',
      dataset: { builtin: 'digits' }, preprocess: 'zscore',
      train: { epochs: 6, hiddenLayers: [32, 32, 32, 32], activation: 'tanh', init: 'normal', initScale: 1, optimizer: 'sgd', lr: 0.01, batchSize: 32, earlyStopping: false },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, diagnostics: { every: 2 }, seed: 3,
    });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    expect(d.every).toBe(2);
    expect(d.snapshots.map((s) => s.epoch)).toEqual([0, 2, 4, 6]);
    expect(d.snapshots[0].layers).toHaveLength(5);
    const first = d.snapshots[0].layers[0];
    expect(first.activation).toBe('tanh');
    expect(first.post.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // N(0, 1) weights on 64 standardized inputs into tanh units: most outputs sit in the flat tails.
    expect(first.saturationFraction).toBeGreaterThan(0.5);
    expect(d.gradNorms.epoch).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.gradNorms.byLayer).toHaveLength(5);
    expect(d.gradNorms.byLayer.every((l) => l.length === 6 && l.every((g) => g > 0))).toBe(true);
    expect(d.findings.map((f) => f.kind)).toContain('saturation');
    for (const f of d.findings) expect(f.detail.length).toBeGreaterThan(10);
  });

  it('names divergence, and reads bias from the train error against a target error', async () => {
    const id = await runSpec({
      project: 'diag', name: 'too fast',
      dataset: { synthetic: 'moons', n: 200, noise: 0.2 },
      train: { epochs: 8, hiddenLayers: [8], optimizer: 'sgd', lr: 50, batchSize: 8, earlyStopping: false },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
    });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    expect(d.every).toBe(10);
    expect(d.findings[0].kind).toBe('divergence');
    const slow = await runSpec({
      project: 'diag', name: 'too small',
      dataset: { synthetic: 'spirals', n: 300, noise: 0.1 },
      train: { epochs: 3, hiddenLayers: [2], optimizer: 'sgd', lr: 0.001, batchSize: 32, earlyStopping: false },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
    });
    const b: TrialDiagnostics = await call('trials.diagnostics', { searchId: slow, number: 0, targetError: 0.01 });
    expect(b.findings.map((f) => f.kind)).toContain('high_bias');
    await expect(wb.call('trials.diagnostics', { searchId: slow, number: 0, targetError: 2 })).rejects.toThrow(/targetError/);
  });

  it('a trial that misses a rare class of an imported CSV: "Misses the rare class", named by the CSV\'s label, with the objective in its advice, and no "good fit"', async () => {
    const rows = ['a,b,label', ...Array.from({ length: 600 }, (_, i) => {
      const rare = i % 25 === 0;
      return `${Math.sin(i * 1.7) + (rare ? 1.2 : 0)},${Math.cos(i * 2.3) + (rare ? 1.2 : 0)},${rare ? 'fraud' : 'ok'}`;
    })];
    const file = join(dir, 'fraud.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const id = await runSpec({
      project: 'diag', name: 'fraud', dataset: { csv: file, target: 'label' }, objective: { metric: 'val_accuracy' },
      train: { epochs: 5, hiddenLayers: [8], lr: 0.003, earlyStopping: false }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 3,
    });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    const f = d.findings.find((x) => x.kind === 'rare_class_missed');
    expect(f?.title).toBe('Misses the rare class “fraud”');
    expect(f?.detail).toMatch(/^“fraud” is 4\.\d% of the 1\d\d validation rows \(\d+ rows\): at the best epoch \(5\) the model answers “fraud” for \d of them/);
    expect(f?.advice).toMatch(/^Make val_balanced_accuracy the objective/);
    expect(d.findings.map((x) => x.kind)).not.toContain('good_fit');
  });

  it('iris in batches of 128 for 30 epochs: 30 weight updates, counted over the split\'s 90 training rows (built-in) and over a CSV\'s, named before "bigger network"', async () => {
    const short = { train: { epochs: 30, batchSize: 128, lr: 0.001, hiddenLayers: [16], earlyStopping: false }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1 };
    const id = await runSpec({ project: 'diag', name: 'few updates', dataset: { builtin: 'iris' }, ...short });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    const bias = d.findings.find((x) => x.kind === 'high_bias');
    expect(bias?.advice).toMatch(/^Only 30 weight updates in all: 30 epochs of one batch, as the batch size \(128\) holds all 90 training rows\. Train for more epochs, or use a smaller batch for more updates per epoch, before a bigger network/);
    // A CSV of 300 rows (a 60/20/20 split: 180 training rows) in batches of 16: ⌈180 / 16⌉ = 12 an epoch.
    const file = join(dir, 'few.csv');
    writeFileSync(file, `${['a,b,label', ...Array.from({ length: 300 }, (_, i) => `${Math.sin(i * 1.7)},${Math.cos(i * 2.3)},${Math.sin(i * 1.7) * Math.cos(i * 2.3) > 0 ? 'x' : 'y'}`)].join('\n')}\n`);
    const csv = await runSpec({ project: 'diag', name: 'few updates csv', dataset: { csv: file, target: 'label' }, ...short, train: { ...short.train, epochs: 3, batchSize: 16 } });
    const c: TrialDiagnostics = await call('trials.diagnostics', { searchId: csv, number: 0 });
    expect(c.findings.map((x) => x.advice).join(' ')).toMatch(/Only 36 weight updates in all: 3 epochs of 12 batches of 16 over 180 training rows\./);
  });
});

describe('a file of more features than training rows, through the contract', () => {
  it('is cautioned before the search at "dataset", and its overfitting trial names the counts: 200 columns over 36 training rows', async () => {
    // 60 rows × 200 columns of noise, the label from the first two: a 60/20/20 split trains on 36.
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const rows = Array.from({ length: 60 }, () => Array.from({ length: 200 }, () => rand().toFixed(4)));
    const file = join(dir, 'wide.csv');
    writeFileSync(file, `${[[...rows[0].map((_, j) => `g${j}`), 'label'].join(','), ...rows.map((r) => [...r, Number(r[0]) + Number(r[1]) > 0 ? 'a' : 'b'].join(','))].join('\n')}\n`);
    const spec = {
      project: 'diag', name: 'wide', dataset: { csv: file, target: 'label' },
      train: { epochs: 40, batchSize: 8, lr: 0.001, hiddenLayers: [64], earlyStopping: false }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
    };
    const check = await call('searches.validate', { spec });
    // The task as the engine read the file's target column (the spec does not say it): the editor offers that task's metrics.
    expect(check.task).toBe('classification');
    expect(check.cautions.filter((c) => c.path === 'dataset').map((c) => c.message)).toEqual([
      'the 200 features outnumber the 36 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there; ' +
      'to hold the trials back, search an l2 knob up to 0.1 and dropout, keep the hidden layers small, or leave out columns that cannot bear on "label" with "exclude"',
    ]);
    const id = await runSpec(spec);
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    const over = d.findings.find((x) => x.kind === 'high_variance');
    expect(over?.detail).toMatch(/The 200 features outnumber the 36 training rows: with more inputs than rows/);
    expect(over?.advice).toMatch(/^Regularize hard/);
  });
});

describe('findings through the contract name the trial\'s own settings and the data set\'s chance level', () => {
  it('Adam at lr 0.32 on digits: exploding logits and "lower the learning rate: lr 0.32 (adam …)", never "bigger network"', async () => {
    const id = await runSpec({
      project: 'diag', name: 'adam too fast',
      dataset: { builtin: 'digits' }, preprocess: 'zscore',
      train: { epochs: 15, batchSize: 32, hiddenLayers: [64], earlyStopping: { monitor: 'val_loss', patience: 4 } },
      space: { optimizer: { type: 'categorical', values: [{ optimizer: 'adam', lr: 0.32 }] } },
      strategy: { kind: 'grid' }, budget: { trials: 1 }, diagnostics: { every: 5 }, seed: 1,
    });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    expect(d.findings[0].kind).toBe('exploding_activations');
    expect(d.findings[0].advice).toMatch(/^Lower the learning rate: lr 0\.32 \(adam usually trains at/);
    // The chance level comes from digits' class counts (not the ln 10 fallback of the output width).
    expect(d.findings.map((f) => f.detail).join(' ')).toMatch(/the 2\.30 of always predicting the class frequencies/);
    expect(d.findings.map((f) => `${f.title} ${f.advice}`).join(' ')).not.toMatch(/bigger network \(/);
  });
});

describe('findings through the contract read every fold, and regression against the variance of the targets', () => {
  it('k-fold: momentum at lr 0.3 diverges in a later fold and the finding names it; at lr 0.15 the folds oscillate, never read as underfitting', async () => {
    const id = await runSpec({
      project: 'diag', name: 'kfold momentum',
      dataset: { builtin: 'digits' }, preprocess: 'zscore', split: { kind: 'kfold', k: 3 },
      train: { epochs: 15, batchSize: 32, hiddenLayers: [64], earlyStopping: { monitor: 'val_loss', patience: 4 } },
      space: { optimizer: { type: 'categorical', values: [{ optimizer: 'momentum', lr: 0.3, momentum: 0.9 }, { optimizer: 'momentum', lr: 0.15, momentum: 0.9 }] } },
      strategy: { kind: 'grid' }, budget: { trials: 2 }, diagnostics: { every: 5 }, seed: 1,
    });
    const fast: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    expect(fast.findings[0].kind).toBe('divergence');
    expect(fast.findings[0].detail).toMatch(/^At epoch \d+ of fold [1-3] the training loss rose from/);
    const less: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 1 });
    const kinds = less.findings.map((f) => f.kind);
    expect(kinds[0]).toBe('unstable_training');
    expect(less.findings[0].advice).toMatch(/^Lower the learning rate: lr 0\.15/);
    expect(kinds).not.toContain('high_bias');
    expect(kinds).not.toContain('good_fit');
  });

  it('regression: RMSProp at lr 1 on a noisy sine is read against the variance of the targets', async () => {
    const id = await runSpec({
      project: 'diag', name: 'sine too fast',
      dataset: { synthetic: 'sine', n: 500, noise: 0.1 }, preprocess: 'zscore',
      train: { epochs: 15, batchSize: 32, hiddenLayers: [64], earlyStopping: { monitor: 'val_loss', patience: 4 } },
      space: { optimizer: { type: 'categorical', values: [{ optimizer: 'rmsprop', lr: 1 }] } },
      strategy: { kind: 'grid' }, budget: { trials: 1 }, diagnostics: { every: 5 }, seed: 1,
    });
    const d: TrialDiagnostics = await call('trials.diagnostics', { searchId: id, number: 0 });
    // The chance level of a regression is read back from the validation loss and R²: the variance of the targets.
    expect(['worse_than_constant', 'unstable_training', 'divergence']).toContain(d.findings[0].kind);
    expect(d.findings.map((f) => f.detail).join(' ')).toMatch(/always predicting the mean target/);
    expect(d.findings[0].advice).toMatch(/^Lower the learning rate: lr 1 \(rmsprop/);
    expect(d.findings.map((f) => `${f.title} ${f.advice}`).join(' ')).not.toMatch(/bigger network \(/);
  });
});

describe('experiments through the contract', () => {
  it('lists the built-in experiments and runs one as ordinary searches, named apart on a second run', async () => {
    const list = await call('experiments.list');
    expect(list.map((e: { id: string }) => e.id)).toEqual(['init-comparison', 'optimizer-comparison', 'random-vs-grid', 'coarse-to-fine', 'tpe-vs-random', 'rare-class']);
    const first = await call('experiments.run', { id: 'coarse-to-fine' });
    expect(first.map((s: { name: string }) => s.name)).toEqual(['coarse-to-fine demo']);
    const second = await call('experiments.run', { id: 'coarse-to-fine' });
    expect(second.map((s: { name: string }) => s.name)).toEqual(['coarse-to-fine demo (2)']);
    for (const s of [...first, ...second]) await call('searches.stop', { id: s.id });
    const detail = await call('searches.get', { id: first[0].id });
    expect(detail.strategy).toBe('coarse-to-fine');
    expect(detail.project).toBe('experiments');
    await expect(call('experiments.run', { id: 'nope' })).rejects.toThrow(/No experiment "nope" \(valid: init-comparison/);
  });
});

describe('what an experiment\'s latest run shows, through the contract', () => {
  it('is null before a run, gives progress while it runs, and sentences computed from the results once both searches finish', async () => {
    expect(await call('experiments.outcome', { id: 'random-vs-grid' })).toBeNull();
    const done = new Set<number>();
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished') done.add(e.searchId);
    };
    wb.on('push', on);
    const created: { id: number; name: string }[] = await call('experiments.run', { id: 'random-vs-grid' });
    const running = (await call('experiments.outcome', { id: 'random-vs-grid' }))!;
    expect(running.searches.map((s) => s.name)).toEqual(['grid search, 16 trials', 'random search, 16 trials']);
    expect(running.searches.map((s) => s.total)).toEqual([16, 16]);
    if (!created.every((c) => done.has(c.id))) {
      expect(running.finished).toBe(false);
      expect(running.sentences).toEqual([]);
    }
    await vi.waitFor(() => expect(created.every((c) => done.has(c.id))).toBe(true), { timeout: 120_000, interval: 200 });
    wb.off('push', on);
    const o = (await call('experiments.outcome', { id: 'random-vs-grid' }))!;
    expect(o.finished).toBe(true);
    expect(o.sentences[0]).toBe('The grid tried 4 distinct learning rates in 16 trials, random search 16 in 16.');
    const best = async (id: number): Promise<number> => Math.min(...(await call('trials.changes', { searchId: id, since: '' })).trials.map((t) => t.objective ?? Infinity));
    const [g, r] = [await best(created[0].id), await best(created[1].id)];
    expect(o.sentences[1]).toMatch(r < g ? /^Random search found the better val_loss this time/ : /^The grid found the better val_loss this time/);
    await expect(call('experiments.outcome', { id: 'nope' })).rejects.toThrow(/No experiment "nope"/);
  });
});

describe('TPE vs random search, run for real', () => {
  it('shares the start-up trials, and the sentences say what each search\'s later trials and best were', async () => {
    const done = new Set<number>();
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished') done.add(e.searchId);
    };
    wb.on('push', on);
    const created: { id: number; name: string }[] = await call('experiments.run', { id: 'tpe-vs-random' });
    expect(created.map((c) => c.name)).toEqual(['TPE, 40 trials', 'random search, 40 trials']);
    await vi.waitFor(() => expect(created.every((c) => done.has(c.id))).toBe(true), { timeout: 600_000, interval: 500 });
    wb.off('push', on);
    const trialsOf = async (id: number): Promise<TrialSummary[]> => (await call('trials.changes', { searchId: id, since: '' })).trials;
    const [tpe, random] = [await trialsOf(created[0].id), await trialsOf(created[1].id)];
    const knobs = (ts: TrialSummary[], n: number): string => JSON.stringify(ts.find((t) => t.number === n)!.knobs);
    // TPE draws at random until 10 trials have finished; with 2 workers a trial proposed while the 10th still ran is random too.
    const shared = tpe.filter((t) => knobs(tpe, t.number) === knobs(random, t.number)).length;
    for (let n = 0; n < shared; n++) expect(knobs(tpe, n), `start-up trial ${n}`).toBe(knobs(random, n));
    expect(shared).toBeGreaterThanOrEqual(10);
    expect(shared).toBeLessThanOrEqual(12);
    const o = (await call('experiments.outcome', { id: 'tpe-vs-random' }))!;
    expect(o.finished).toBe(true);
    expect(o.sentences[0]).toBe(`Both searches drew the same first ${shared} trials: until enough trials have finished, TPE draws at random, as random search does.`);
    const later = (ts: TrialSummary[]): number[] => ts.filter((t) => t.number >= shared && t.objective !== null && Number.isFinite(t.objective)).map((t) => t.objective!).sort((a, b) => a - b);
    const med = (xs: number[]): number => (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
    const [mt, mr] = [med(later(tpe)), med(later(random))];
    expect(o.sentences[1]).toMatch(new RegExp(`^After them, TPE's ${later(tpe).length} trials had a median val_loss of [0-9.]+, random search's ${later(random).length} a median of [0-9.]+: ${mt < mr ? 'TPE spent' : 'this time'}`));
    const best = (ts: TrialSummary[]): number => Math.min(...ts.map((t) => t.objective ?? Infinity));
    expect(o.sentences.join(' ')).toMatch(best(tpe) < best(random) ? /TPE found the better val_loss this time/ : best(tpe) > best(random) ? /Random search found the better val_loss this time/ : /Both found val_loss/);
    expect(o.sentences.join(' ')).toMatch(/TPE's last 10 trials tried lr from .* random search's last 10 from /);
    console.log(`tpe-vs-random: ${o.sentences.join(' | ')}`);
  }, 660_000);
});

describe('a rare class, run for real', () => {
  it('trains both searches on the same 5% class and the sentences read each best trial\'s own confusion table', async () => {
    const done = new Set<number>();
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished') done.add(e.searchId);
    };
    wb.on('push', on);
    const created: { id: number; name: string }[] = await call('experiments.run', { id: 'rare-class' });
    expect(created.map((c) => c.name)).toEqual(['rare class, ranked by accuracy', 'rare class, weighted, ranked by balanced accuracy']);
    await vi.waitFor(() => expect(created.every((c) => done.has(c.id))).toBe(true), { timeout: 300_000, interval: 300 });
    wb.off('push', on);
    const best = async (id: number): Promise<TrialDetail> => {
      const ts = (await call('trials.changes', { searchId: id, since: '' })).trials.filter((t) => t.objective !== null);
      const top = ts.sort((a, b) => b.objective! - a.objective!)[0];
      return call('trials.get', { searchId: id, number: top.number });
    };
    const [plain, weighted] = [await best(created[0].id), await best(created[1].id)];
    const rare = (t: TrialDetail): { rows: number; found: number; total: number } => {
      const c = t.confusion!;
      expect(c.classes).toEqual(['0', '1']);
      const rows = c.counts[1][0] + c.counts[1][1];
      return { rows, found: c.counts[1][1], total: rows + c.counts[0][0] + c.counts[0][1] };
    };
    const [rp, rw] = [rare(plain), rare(weighted)];
    // 3,000 rows, 5% class "1": 150 rows, a fifth of them (stratified) in validation.
    expect([rp.rows, rp.total]).toEqual([30, 600]);
    const o = (await call('experiments.outcome', { id: 'rare-class' }))!;
    expect(o.finished).toBe(true);
    expect(o.sentences[0]).toBe('Always answering “0” scores val_accuracy 0.95 here: the rare class “1” is 30 of the 600 validation rows (5%).');
    expect(o.sentences[1]).toMatch(new RegExp(`^Ranked by val_accuracy, the best trial \\(trial ${plain.number}, accuracy [0-9.]+\\) finds ${rp.found} of those 30 rows \\(${Math.round((rp.found / 30) * 100)}%\\)`));
    const all = o.sentences.join(' ');
    expect(all).toContain(`the best trial by balanced accuracy (trial ${weighted.number}) finds ${rw.found} of the 30 (${Math.round((rw.found / 30) * 100)}%)`);
    // What usually happens, seen on seeds 1–8 of this setup before it shipped: the weights find far more of class "1".
    expect(rw.found).toBeGreaterThan(rp.found);
    expect(weighted.valBalancedAccuracy!).toBeGreaterThan(plain.valBalancedAccuracy!);
    expect(all).toMatch(/the median trial finds \d+% of “1” without weights and \d+% with them, as usually happens\./);
    console.log(`rare-class: ${o.sentences.join(' | ')}`);
  }, 330_000);
});

describe('the optimizer playground through the contract', () => {
  it('gives each surface on a grid and an optimizer\'s path; SGD zig-zags on x²/20 + y², momentum gets closer', async () => {
    const surfaces = await call('playground.surfaces');
    expect(surfaces.map((s: { id: string }) => s.id)).toEqual(['sphere', 'elongated', 'rosenbrock', 'beale']);
    const e = surfaces[1];
    expect(e.grid.z).toHaveLength(90);
    expect(e.grid.z[0][0]).toBeCloseTo(e.grid.xs[0] ** 2 / 20 + e.grid.ys[0] ** 2, 4);
    const sgd = await call('playground.path', { surface: 'elongated', knobs: { optimizer: 'sgd', lr: 0.95 }, start: [-7, 2], steps: 30 });
    expect(sgd.points).toHaveLength(31);
    const ys = sgd.points.slice(1, 8).map((p: number[]) => Math.sign(p[1]));
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBe(-ys[i - 1]);
    const mom = await call('playground.path', { surface: 'elongated', knobs: { optimizer: 'momentum', lr: 0.3, momentum: 0.7 }, start: [-7, 2], steps: 30 });
    expect(mom.points[30][2]).toBeLessThan(sgd.points[30][2] / 10);
    // AdaGrad scales each coordinate by its own gradient history: no zig-zag in y.
    const ada = await call('playground.path', { surface: 'elongated', knobs: { optimizer: 'adagrad', lr: 1.5 }, start: [-7, 2], steps: 30 });
    expect(ada.points.every((p: number[]) => p[1] >= 0)).toBe(true);
    await expect(call('playground.path', { surface: 'elongated', knobs: { optimizer: 'sgd', lr: -1 }, start: [0, 0], steps: 3 })).rejects.toThrow(/lr/);
  });
});

describe('IDX import through the contract', () => {
  const n = 40;
  const pixels = Array.from({ length: n * 4 * 4 }, (_, i) => (Math.floor(i / 16) % 2 === 0 ? (i % 4) * 60 : 255 - (i % 4) * 60));
  const images = gzipSync(idx(0x08, [n, 4, 4], pixels));
  const labels = idx(0x08, [n], Array.from({ length: n }, (_, i) => i % 2));
  const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

  it('imports the files, shows sample images and a preview, and trains a search on them', async () => {
    const d: DatasetSummary = await call('datasets.importIdx', { name: 'stripes', images: b64(images), labels: b64(labels) });
    expect(d.kind).toBe('idx');
    expect(d.rows).toBe(n);
    expect(d.imageShape).toEqual([4, 4]);
    expect(d.classCounts).toEqual([20, 20]);
    const samples = await call('datasets.images', { name: 'stripes', count: 4 });
    expect(samples.shape).toEqual([4, 4]);
    expect(samples.images).toHaveLength(4);
    expect(samples.labels).toEqual(['0', '0', '0', '0'].map((_, k) => String(Math.floor((k * n) / 4) % 2)));
    expect(samples.range).toEqual([0, 255]);
    const preview = await call('datasets.preview', { name: 'stripes' });
    expect(preview.header.slice(0, 2)).toEqual(['label', 'px_0_0']);
    expect(preview.rows).toHaveLength(20);
    const id = await runSpec({
      project: 'idx', name: 'stripes', dataset: d.ref, preprocess: 'minmax',
      train: { epochs: 5, hiddenLayers: [8], optimizer: 'adam', lr: 0.01, batchSize: 8, earlyStopping: false },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
    });
    const [t] = (await call('trials.changes', { searchId: id, since: '' })).trials;
    expect(t.status).toBe('complete');
    const digits = await call('datasets.images', { name: 'digits', count: 10 });
    expect(digits.shape).toEqual([8, 8]);
  });

  it('refuses files that are not IDX, naming the file and what was wrong', async () => {
    await expect(call('datasets.importIdx', { name: 'bad', images: b64(new TextEncoder().encode('hello, world')), labels: b64(labels) })).rejects.toThrow(/images file/);
    await expect(call('datasets.importIdx', { name: 'bad', images: b64(images), labels: b64(idx(0x08, [3], [0, 1, 0])) })).rejects.toThrow(/40 images but the labels file has 3 labels/);
    await expect(call('datasets.importIdx', { name: 'bad', images: '***', labels: 'AA==' })).rejects.toThrow(/base64/);
    await expect(call('datasets.images', { name: 'iris', count: 4 })).rejects.toThrow(/does not hold images/);
    expect((await call('datasets.list')).some((x: DatasetSummary) => x.name === 'bad')).toBe(false);
  });
});
