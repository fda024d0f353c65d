import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importance, ranks, type ImportanceTransform } from '../../src-core/analysis/importance';
import { toScale } from '../../src-core/search/space';
import { parseSpec, type ParamSpec } from '../../src-core/spec/spec';
import { Rng } from '../../src-core/util/rng';

/**
 * Knobs' fANOVA against Optuna 3.1's FanovaImportanceEvaluator (Debian's python3-optuna with
 * python3-sklearn, run by bench/optuna_fanova.py) on the same trials and objective values: the same
 * most important knob, and the same order for every pair of knobs Optuna itself orders firmly
 * (mean over 5 seeds, the gap larger than 0.03 and than three times its spread over the seeds).
 * Numeric knobs go to Optuna on Knobs' scale (log10 for log knobs), so both measure the same thing.
 */
const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import optuna, sklearn; print(optuna.__version__)'], { encoding: 'utf8' });
const missing = probe.status !== 0 ? `Optuna's fANOVA reference skipped: ${PYTHON} cannot import optuna and sklearn (apt-get install python3-optuna python3-sklearn)` : null;
if (missing) console.warn(missing);

const space4 = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  dropout: { type: 'float', low: 0, high: 0.6 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
};
const space8 = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  l2: { type: 'float', low: 1e-7, high: 0.1, log: true },
  batchSize: { type: 'int', low: 8, high: 256 },
  dropout: { type: 'float', low: 0, high: 0.6 },
  depth: { type: 'int', low: 1, high: 4 },
  hiddenUnits: { type: 'int', low: 8, high: 512, log: true },
  momentum: { type: 'float', low: 0.5, high: 0.99 },
  inputNoise: { type: 'float', low: 0, high: 0.3 },
};

interface Search { name: string; space: Record<string, unknown>; trials: number; seed: number; f: (k: Record<string, number | string>, rng: Rng) => number; transform?: ImportanceTransform }

const searches: Search[] = [
  {
    name: 'lr decides, units and dropout matter a little', space: space4, trials: 100, seed: 1,
    f: (k, r) => 0.05 + 0.1 * (Math.log10(k.lr as number) + 2.5) ** 2 + 0.01 * (Math.log2(k.hiddenUnits as number) - 6) ** 2 + 0.08 * (k.dropout as number) + (k.optimizer === 'sgd' ? 0.05 : 0) + 0.02 * r.normal(),
  },
  {
    name: 'the same with raw objectives', space: space4, trials: 100, seed: 1, transform: 'none',
    f: (k, r) => 0.05 + 0.1 * (Math.log10(k.lr as number) + 2.5) ** 2 + 0.01 * (Math.log2(k.hiddenUnits as number) - 6) ** 2 + 0.08 * (k.dropout as number) + (k.optimizer === 'sgd' ? 0.05 : 0) + 0.02 * r.normal(),
  },
  {
    name: 'losses spanning five decades (nearly diverged runs at high lr)', space: space4, trials: 100, seed: 2,
    f: (k, r) => (0.05 + 0.3 * (k.dropout as number) + 0.02 * Math.abs(Math.log2(k.hiddenUnits as number) - 6) + 0.01 * r.normal() + 0.1) * (Math.log10(k.lr as number) > -1.2 ? 10 ** (2 + 3 * r.uniform()) : 1),
  },
  {
    name: 'the optimizer decides', space: space4, trials: 100, seed: 3,
    f: (k, r) => ({ sgd: 1, momentum: 0.6, adam: 0.2 })[k.optimizer as 'sgd'] + 0.1 * (k.dropout as number) + 0.05 * r.normal(),
  },
  {
    name: 'eight knobs, two strong with an interaction', space: space8, trials: 120, seed: 4,
    f: (k, r) => (Math.log10(k.l2 as number) + 4) ** 2 * 0.2 + ((k.batchSize as number) / 256) ** 2 + 0.3 * ((k.batchSize as number) / 256) * Math.abs(Math.log10(k.l2 as number) + 4) + 0.05 * (k.depth as number) + 0.03 * r.normal(),
  },
];

/** Random trials of a space with objective f, like a random search would have them. */
function trialsOf(s: Search): { knobs: Record<string, unknown>; objective: number }[] {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, space: s.space, seed: s.seed });
  const rng = new Rng(s.seed);
  return Array.from({ length: s.trials }, () => {
    const knobs: Record<string, number | string> = {};
    for (const [name, p] of Object.entries(spec.space)) {
      if (p.type === 'categorical') knobs[name] = p.values[rng.int(p.values.length)] as string;
      else if (p.type === 'float' || p.type === 'int') {
        const lo = toScale(p, p.low);
        const hi = toScale(p, p.high);
        let v = lo + rng.uniform() * (hi - lo);
        v = p.log ? 10 ** v : v;
        knobs[name] = p.type === 'int' ? Math.round(v) : v;
      }
    }
    return { knobs, objective: s.f(knobs, rng) };
  });
}

interface Reference { mean: Record<string, number>; std: Record<string, number>; seeds: Record<string, Record<string, number>>; seconds: number[] }

/** Run bench/optuna_fanova.py on the trials with objective values y (5 seeds). */
function optunaImportance(space: Record<string, ParamSpec>, trials: { knobs: Record<string, unknown>; objective: number }[], y: ArrayLike<number>): Promise<Reference> {
  const params = Object.entries(space).map(([name, p]) =>
    p.type === 'categorical' ? { name, kind: 'categorical', choices: p.values } : p.type === 'float' || p.type === 'int' ? { name, kind: 'float', low: toScale(p, p.low), high: toScale(p, p.high) } : null).filter(Boolean);
  const data = {
    params,
    trials: trials.map((t, i) => ({
      params: Object.fromEntries(Object.entries(space).map(([name, p]) => [name, p.type === 'categorical' ? t.knobs[name] : toScale(p, t.knobs[name] as number)])),
      value: y[i],
    })),
    seeds: [0, 1, 2, 3, 4],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'knobs-fanova-')), 'in.json');
  writeFileSync(file, JSON.stringify(data));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(__dirname, '..', '..', 'bench', 'optuna_fanova.py'), file]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Reference) : reject(new Error(`optuna_fanova.py failed: ${err}`))));
  });
}

/** Optuna's answers for every search, two Python processes at a time (the slowest part of this test). */
const references = new Map<string, Promise<Reference>>();
function startReferences(): void {
  const queue = searches.map((s) => {
    const spec = parseSpec({ dataset: { builtin: 'iris' }, space: s.space, seed: s.seed });
    const trials = trialsOf(s);
    const y = (s.transform ?? 'rank') === 'rank' ? ranks(trials.map((t) => t.objective)) : trials.map((t) => t.objective);
    let done!: (r: Reference) => void;
    let fail!: (e: unknown) => void;
    references.set(s.name, new Promise<Reference>((res, rej) => ((done = res), (fail = rej))));
    return () => optunaImportance(spec.space, trials, y).then(done, fail);
  });
  const next = (): void => {
    const job = queue.shift();
    if (job) void job().finally(next);
  };
  next();
  next();
}

describe.skipIf(missing)('importance agrees with Optuna 3.1\'s fANOVA on the same trials', () => {
  beforeAll(startReferences);
  it.each(searches.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const spec = parseSpec({ dataset: { builtin: 'iris' }, space: s.space, seed: s.seed });
    const trials = trialsOf(s);
    const transform = s.transform ?? 'rank';
    const knobs = importance(spec.space, trials, { seed: s.seed, transform });
    const ref = await references.get(s.name)!;
    const ours = Object.fromEntries(knobs.knobs.map((k) => [k.name, k.importance]));
    const report = Object.keys(ours).map((n) => `${n}: knobs ${ours[n].toFixed(3)} optuna ${ref.mean[n].toFixed(3)}±${ref.std[n].toFixed(3)}`).join('; ');
    console.log(`${s.name}: ${report} (Optuna ${ref.seconds.map((x) => x.toFixed(1)).join('/')} s per seed)`);
    const top = (m: Record<string, number>): string => Object.entries(m).sort((a, b) => b[1] - a[1])[0][0];
    expect(top(ours), report).toBe(top(ref.mean));
    const names = Object.keys(ours);
    for (const a of names) {
      for (const b of names) {
        const gaps = Object.values(ref.seeds).map((seed) => seed[a] - seed[b]);
        const gap = gaps.reduce((x, v) => x + v, 0) / gaps.length;
        const spread = Math.sqrt(gaps.reduce((x, v) => x + (v - gap) ** 2, 0) / gaps.length);
        if (gap > 0.03 && gap > 3 * spread) expect(ours[a], `${a} above ${b}: ${report}`).toBeGreaterThan(ours[b]);
      }
    }
  }, 300_000);
});
