// `knobs trial SEARCH N`: one trial as the app's drawer tells it, from a real `knobs run` into a
// real database file: how it ended, its metrics, knobs, seed, curve, and the diagnostics' findings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CURVE_POINTS, curveSample } from '../../src-main/cli/trial';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-trial-'));
const db = join(dir, 'k.db');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args, '--db', db], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // Trial 0 trains at a sane learning rate, trial 1 at one plain SGD cannot survive (a grid of two).
  writeFileSync(join(dir, 's.json'), JSON.stringify({
    project: 'cli', name: 'two rates', dataset: { builtin: 'iris' }, diagnostics: { every: 5 },
    train: { epochs: 8, hiddenLayers: [16], optimizer: 'sgd', earlyStopping: false },
    space: { lr: { type: 'categorical', values: [0.05, 1e6] } },
    strategy: { kind: 'grid' }, seed: 4,
  }));
  const run = knobs('run', join(dir, 's.json'), '--quiet');
  expect(run.stderr).toBe('');
}, 60_000);

describe('knobs trial', () => {
  it('tells a trial that trained: how it ended, its metrics at the best epoch, knobs, seed, its curve by epoch', () => {
    const r = knobs('trial', 'two rates', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^search 1 "two rates", trial 0 \[complete\]: stopped at epoch 8 \(max epochs\), best epoch \d$/);
    expect(lines[1]).toMatch(/^ {2}val_loss [\d.]+ \(the objective\); train loss [\d.]+, validation loss [\d.]+; train accuracy [\d.]+, validation accuracy [\d.]+, validation balanced accuracy [\d.]+ \(at the best epoch, \d\)$/);
    expect(lines[2]).toBe('  knobs: lr=0.05');
    expect(lines[3]).toMatch(/^ {2}seed \d+; trained \d+ ms, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; kernels (relaxed-simd|simd|scalar)$/);
    // Every epoch of the curve, the best one's value the objective.
    const json = JSON.parse(knobs('trial', '1', '0', '--json').stdout);
    const values = json.trial.curves.valLoss as number[];
    expect(lines[4]).toBe(`  validation loss by epoch: ${values.map((v, i) => `${i + 1}: ${Number(v.toPrecision(4))}`).join(', ')}`);
    expect(values[json.trial.bestEpoch - 1]).toBe(json.trial.objective);
    // The validation rows' confusion at the best epoch, as the drawer's table: its counts are the trial's, each class's row adding up to its rows.
    const m = json.trial.confusion.counts as number[][];
    expect(lines[5]).toBe(`  confusion on the ${m.flat().reduce((a, x) => a + x, 0)} validation rows at the best epoch (${json.trial.bestEpoch}): true class down, predicted across`);
    expect(lines.slice(7, 7 + m.length).map((l) => l.trim().split(/\s+/).slice(1, 1 + m.length).map(Number))).toEqual(m);
    expect(lines[7 + m.length]).toMatch(/^ {2}precision /);
    expect(lines[8 + m.length]).toBe('diagnostics (read from the curves and the layer statistics recorded at initialization and every 5 epochs):');
  });

  it('tells why a trial failed, with the finding\'s evidence and advice; --json carries the same findings', () => {
    const r = knobs('trial', '1', '1');
    expect(r.code).toBe(0);
    // Epoch 1 ended with huge but finite losses; epoch 2's were not finite. A diverged trial has no objective.
    expect(r.stdout).toMatch(/trial 1 \[diverged\]: stopped at epoch 2 \(diverged\), best epoch 1\n {2}val_loss - \(the objective\)/);
    expect(r.stdout).toMatch(/validation loss by epoch: 1: [\d.]+e\+\d+, 2: -\n/);
    expect(r.stdout).toContain('  error    Training diverged\n           At epoch 2 the loss became NaN or infinite with learning rate 1000000.\n           advice: Lower the learning rate: lr 1000000');
    const json = JSON.parse(knobs('trial', '1', '1', '--json').stdout);
    expect(json.diagnostics.findings[0]).toMatchObject({ kind: 'divergence', severity: 'error', title: 'Training diverged' });
    expect(json.trial.status).toBe('diverged');
  });

  it('the bias and variance reading against --target-error', () => {
    const r = knobs('trial', '1', '0', '--target-error', '1%');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/against a target of 1\.0%/);
  });

  it('--thresholds trains it again and gives precision and recall of its rarest class at each threshold, as the drawer does', () => {
    const r = knobs('trial', 'two rates', '0', '--thresholds');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(knobs('trial', 'two rates', '0', '--thresholds', '--json').stdout);
    const c = json.thresholds;
    // Iris's three classes hold 10 validation rows each: the rarest is the first of equals.
    expect([c.classes[c.positive], c.rows, c.positives]).toEqual([json.trial.confusion.classes[c.positive], 30, 10]);
    // Without early stopping the model of the last epoch answered.
    expect(c.modelEpoch).toBe(8);
    expect(r.stdout).toContain(`Precision and recall of "${c.classes[c.positive]}" at each threshold (trained again: it replays the stored run bit for bit):`);
    expect(r.stdout).toContain(`  On its 30 validation rows (10 of “${c.classes[c.positive]}”), its answer, the most probable class, calls ${c.answer.called} row`);
    expect(r.stdout).toMatch(/^ {2}threshold {2}called {2}found {2}precision {2}recall {6}F1$/m);
    // One row per tenth of recall, down to the first threshold that finds every row of the class; its answer marked.
    const table = r.stdout.slice(r.stdout.indexOf('  threshold  called')).trim().split('\n').slice(1);
    expect(table.length).toBeGreaterThanOrEqual(10);
    expect(table.at(-1)!.trim().split(/\s+/)[4]).toBe('100%');
    expect(table.filter((l) => l.includes('← its answer'))).toHaveLength(1);
    // Another class, by name; a name it does not have is refused, naming its classes.
    const other = c.classes.find((x: string, i: number) => i !== c.positive);
    const named = JSON.parse(knobs('trial', 'two rates', '0', '--thresholds', other, '--json').stdout).thresholds;
    expect(named.classes[named.positive]).toBe(other);
    const nope = knobs('trial', 'two rates', '0', '--thresholds', 'daisy');
    expect(nope.code).toBe(2);
    expect(nope.stderr).toContain(`--thresholds: trial 0 has no class "daisy"; its classes: ${c.classes.map((x: string) => `"${x}"`).join(', ')}`);
    // A diverged trial has no probabilities to threshold.
    const bad = knobs('trial', 'two rates', '1', '--thresholds');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Trial 1 diverged: its model\'s outputs are not numbers, so it has no probabilities to set a threshold on');
  }, 60_000);

  it('refuses a trial the search does not have, and a target error that is not a percentage, naming what is valid', () => {
    const none = knobs('trial', '1', '7');
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('knobs: Search 1 "two rates" has no trial 7; its trials are numbered 0 to 1');
    const pct = knobs('trial', '1', '0', '--target-error', '150');
    expect(pct.code).toBe(2);
    expect(pct.stderr.trim()).toBe('knobs: --target-error is the error you would accept, in percent from 0 to 100 (got "150")');
    expect(knobs('trial', 'nope', '0').code).toBe(2);
    const word = knobs('trial', '1', 'first');
    expect(word.code).toBe(2);
    expect(word.stderr.trim()).toBe('knobs: TRIAL takes a trial number of search 1 "two rates", or "best" (got "first"; its trials are numbered 0 to 1)');
  });

  it('"best" names the search\'s best trial (as Best trials ranks them: trial 0, as trial 1 diverged), for trial, replay and spec', () => {
    expect(knobs('trial', '1', 'best').stdout).toBe(knobs('trial', '1', '0').stdout);
    expect(knobs('trial', '1', 'Best', '--json').stdout).toBe(knobs('trial', '1', '0', '--json').stdout);
    expect(knobs('replay', '1', 'best').stdout).toMatch(/^Trial 0 replays bit for bit/);
    expect(knobs('spec', '1', '--trial', 'best').stdout).toBe(knobs('spec', '1', '--trial', '0').stdout);
    expect(JSON.parse(knobs('spec', '1', '--around', 'best').stdout).name).toBe('two rates around trial 0');
  });
});

describe('the epochs a long curve prints', () => {
  it('all of a short one; of a long one CURVE_POINTS evenly spaced, the best and the last kept', () => {
    expect(curveSample([1, 2, 3], 2)).toEqual([1, 2, 3]);
    const long = Array.from({ length: 96 }, (_, i) => i + 1);
    const picked = curveSample(long, 50);
    expect(picked[0]).toBe(1);
    expect(picked.at(-1)).toBe(96);
    expect(picked).toContain(50);
    expect(picked.length).toBeLessThanOrEqual(CURVE_POINTS + 1);
    // Evenly spaced: 96 epochs in 19 steps of 5 (rounded), so 1, 6, 11, …; the best (50) added between 46 and 51.
    expect(picked.slice(0, 4)).toEqual([1, 6, 11, 16]);
  });
});

describe('knobs spec --trial', () => {
  it('writes a trial as a spec for knobs train, and training it with the trial\'s seed gives its curve again', () => {
    const file = join(dir, 'trial0.json');
    const w = knobs('spec', 'two rates', '--trial', '0', '--out', file);
    expect(w.stderr).toBe('');
    const stored = JSON.parse(knobs('trial', '1', '0', '--json').stdout);
    expect(w.stdout.trim()).toBe(`wrote ${file}; "knobs train ${file} --model-seed ${stored.trial.seed}" trains it again as trial 0 trained`);
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    expect(spec.name).toBe('two rates, trial 0');
    expect(spec.train).toEqual({ epochs: 8, hiddenLayers: [16], optimizer: 'sgd', earlyStopping: false, lr: 0.05 });
    expect(spec.space).toBeUndefined();
    expect(spec.strategy).toBeUndefined();
    // knobs train prints a JSON line per epoch: the same validation losses as the stored curve, bit for bit on this machine's kernels.
    const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'train', file, '--model-seed', String(stored.trial.seed), '--json'], { encoding: 'utf8', cwd: dir });
    expect(r.status).toBe(0);
    const epochs = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.epoch !== undefined && o.val_loss !== undefined);
    expect(epochs.map((e) => e.val_loss)).toEqual(stored.trial.curves.valLoss);
  });

  it('refuses --trial and --around together, and a trial the search does not have', () => {
    const both = knobs('spec', '1', '--trial', '0', '--around', '0');
    expect(both.code).toBe(2);
    expect(both.stderr.trim()).toBe('knobs: --around and --trial make different specs (a search around a trial, or that trial to train); give one of them');
    const none = knobs('spec', '1', '--trial', '9');
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('knobs: --trial takes a trial number of search 1 "two rates", or "best" (got "9"; its trials are numbered 0 to 1)');
  });
});

describe('knobs trials', () => {
  it('ranks the best trials in a table, then says where the failed ones lie and how to see one', () => {
    const r = knobs('trials', 'two rates');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('search 1 "two rates": 2 trials (1 complete, 1 diverged); the best 1 by val_loss (minimize)');
    expect(lines[1]).toMatch(/^rank +trial +status +val_loss +best epoch +time +knobs$/);
    const stored = JSON.parse(knobs('trial', '1', '0', '--json').stdout).trial;
    expect(lines[2]).toMatch(new RegExp(`^ +1 +0 +complete +${Number(stored.objective.toPrecision(4))} +${stored.bestEpoch} +\\d+ ms +lr=0\\.05$`));
    // One diverged trial is not enough to say where failures lie.
    expect(lines.at(-1)).toBe('"knobs trial 1 N" shows trial N in full, with its diagnostics ("knobs trial 1 best": trial 0).');
    const json = JSON.parse(knobs('trials', '1', '--json').stdout);
    expect(json.best.map((t: { number: number }) => t.number)).toEqual([0]);
    expect(json.notes).toEqual([]);
    expect(knobs('trials', '1', '--top', '0').code).toBe(2);
  });

  it('says when the best value is shared: trials that trained alike tie, listed in the order they ran', () => {
    // The same initial weights (a shared model seed) moved by learning rates too small to change a prediction: every trial scores alike.
    writeFileSync(join(dir, 'tie.json'), JSON.stringify({
      project: 'cli', name: 'ties', dataset: { builtin: 'iris' }, diagnostics: { every: 0 }, modelSeed: 'shared',
      train: { epochs: 2, hiddenLayers: [4], optimizer: 'sgd', earlyStopping: false },
      objective: { metric: 'val_accuracy' },
      space: { lr: { type: 'float', low: 1e-12, high: 3e-12, values: [1e-12, 2e-12, 3e-12] } }, strategy: { kind: 'grid' }, seed: 4,
    }));
    const ran = knobs('run', join(dir, 'tie.json'));
    expect(ran.code).toBe(0);
    // knobs list: one column each, whatever the names' lengths ("cli / two rates", "cli / ties").
    const listed = knobs('list').stdout.trimEnd().split('\n');
    expect(listed).toHaveLength(2);
    expect(new Set(listed.map((l) => l.indexOf('complete'))).size).toBe(1);
    expect(new Set(listed.map((l) => l.search(/\d{4}-\d\d-\d\d \d\d:\d\d$/))).size).toBe(1);
    // --json: the same searches for a script, newest first.
    const all = JSON.parse(knobs('list', '--json').stdout) as Record<string, unknown>[];
    expect(all.map((x) => x.name)).toEqual(['ties', 'two rates']);
    expect(all[0]).toMatchObject({ project: 'cli', status: 'complete', strategy: 'grid', dataset: 'iris', metric: 'val_accuracy', direction: 'maximize', trialsEnded: 3, trialsPruned: 0, trialsPlanned: 3 });
    expect(typeof all[0].best).toBe('number');
    // The end of knobs run says it too, under the best value.
    expect(ran.stdout).toMatch(/best val_accuracy [\d.]+ \(trial 0\)\n(.*\n)?3 trials tie at val_accuracy [\d.]+: the objective cannot rank them/);
    const json = JSON.parse(knobs('trials', 'ties', '--json').stdout);
    expect(new Set(json.best.map((t: { objective: number }) => t.objective)).size).toBe(1);
    expect(json.best.map((t: { number: number }) => t.number)).toEqual([0, 1, 2]);
    expect(json.notes[0]).toMatch(/^3 trials tie at val_accuracy [\d.]+: the objective cannot rank them, so they are listed in the order they ran \(the search's best is the first\)\./);
  });
});
