// Speed of the model-based parts on the main thread: TPE's proposal per trial at 100, 1,000 and
// 10,000 finished trials (target: a few milliseconds at 1,000, beside the ~0.7 ms a trial costs the
// main thread to record), and parameter importance (fANOVA, 64 trees) at 1,000 and 10,000 trials ×
// 8 knobs (target ≤ 1 s at 10,000), on one thread and on worker threads (as the app and `knobs
// importance` compute it), in this process (warm, as the app computes it live) and as the first call
// of a fresh process (as `knobs importance` runs it, its code not yet compiled), against
// Optuna 3.1's FanovaImportanceEvaluator on 300 trials measured in the same run (skipped with a
// message where python3-optuna is missing). CPU time is printed beside wall time: on a shared
// machine the wall time counts other processes' turns too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importance } from '../src-core/analysis/importance';
import { defaultThreads, endImportanceWorkers, importanceInWorkers } from '../src-core/analysis/parallel';
import { createStrategy, type FinishedTrial } from '../src-core/search';
import { toScale } from '../src-core/search/space';
import { parseSpec } from '../src-core/spec/spec';
import { Rng } from '../src-core/util/rng';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall and CPU milliseconds of fn. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** Wall and CPU milliseconds of an async fn (CPU counts every thread of the process, workers too). */
async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** Set in the child process this bench starts to time importance's first call in a fresh process: "one" thread or "workers". */
const COLD = process.env.KNOBS_BENCH_IMPORTANCE_COLD;

// 1. TPE proposals. The search bench's space plus a categorical and an int knob.
const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  l2: { type: 'float', low: 1e-7, high: 0.1, log: true },
  dropout: { type: 'float', low: 0, high: 0.6 },
  batchSize: { type: 'int', low: 8, high: 128 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
};
const rng = new Rng(7);
const trialOf = (i: number): FinishedTrial => {
  const knobs = {
    lr: 10 ** rng.range(-5, 0), hiddenUnits: Math.round(2 ** rng.range(2, 8)), l2: 10 ** rng.range(-7, -1), dropout: rng.range(0, 0.6),
    batchSize: 8 + rng.int(121), optimizer: ['sgd', 'momentum', 'adam'][rng.int(3)],
  };
  return { number: i, round: 1, knobs, state: 'complete', objective: Math.abs(Math.log10(knobs.lr) + 2.5) + knobs.dropout + 0.1 * rng.normal() };
};
if (!COLD) console.log('TPE: milliseconds per proposal (median of repeated proposals; 2 trials running, counted as bad), wall / CPU');
for (const multivariate of COLD ? [] : [true, false]) {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, space, strategy: { kind: 'tpe', multivariate }, seed: 1 });
  const random = createStrategy(parseSpec({ dataset: { builtin: 'iris' }, space, seed: 1 }));
  const parts: string[] = [];
  for (const n of [100, 1000, 10_000]) {
    const finished = Array.from({ length: n }, (_, i) => trialOf(i));
    const running = [trialOf(n), trialOf(n + 1)].map(({ number, round, knobs }) => ({ number, round, knobs }));
    const s = createStrategy(spec);
    s.propose({ number: n + 2, finished, running });
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let k = 0; k < (n >= 10_000 ? 9 : 25); k++) {
      const t = timed(() => s.propose({ number: n + 2 + k, finished, running }));
      walls.push(t.wall);
      cpus.push(t.cpu);
    }
    const r = timed(() => random.propose({ number: n, finished, running }));
    parts.push(`${n.toLocaleString('en')} trials ${median(walls).toFixed(2)} / ${median(cpus).toFixed(2)} ms (random ${r.wall.toFixed(3)} ms)`);
  }
  console.log(`  ${multivariate ? 'multivariate' : 'independent '}: ${parts.join('; ')}`);
}

// 2. Importance over 8 knobs (6 numeric, 2 categorical), objective from 3 of them plus noise.
const space8 = parseSpec({ dataset: { builtin: 'iris' }, space: {
  lr: { type: 'float', low: 1e-5, high: 1, log: true }, hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  l2: { type: 'float', low: 1e-7, high: 0.1, log: true }, dropout: { type: 'float', low: 0, high: 0.6 },
  batchSize: { type: 'int', low: 8, high: 256 }, momentum: { type: 'float', low: 0.5, high: 0.99 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] }, activation: { type: 'categorical', values: ['relu', 'tanh'] },
} }).space;
/** n trials drawn from their own stream (the same n trials wherever they are drawn). */
const imp = (n: number): { knobs: Record<string, unknown>; objective: number }[] => {
  const rng = new Rng(8);
  return Array.from({ length: n }, () => {
    const k: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(space8)) {
      if (p.type === 'categorical') k[name] = p.values[rng.int(p.values.length)];
      else if (p.type === 'float' || p.type === 'int') {
        const v = toScale(p, p.low) + rng.uniform() * (toScale(p, p.high) - toScale(p, p.low));
        k[name] = p.log ? 10 ** v : v;
        if (p.type === 'int') k[name] = Math.round(k[name] as number);
      }
    }
    const objective = (Math.log10(k.lr as number) + 2.5) ** 2 + 2 * (k.dropout as number) + (k.optimizer === 'sgd' ? 0.5 : 0) + 0.3 * rng.normal();
    return { knobs: k, objective };
  });
};
if (COLD) {
  const t = COLD === 'workers' ? await timedAsync(() => importanceInWorkers(space8, imp(10_000), { seed: 0 })) : timed(() => importance(space8, imp(10_000), { seed: 0 }));
  console.log(JSON.stringify({ wall: t.wall, cpu: t.cpu }));
  process.exit(0);
}
const threads = defaultThreads();
console.log(`\nimportance (fANOVA, 64 trees), 8 knobs (6 numeric, 2 categorical: 11 columns), wall / CPU s (CPU of every thread); on one thread, and on ${threads} worker threads as the app and knobs importance compute it`);
const secs = (ms: number): string => (ms / 1000).toFixed(2);
for (const n of [1000, 10_000]) {
  const trials = imp(n);
  const first = timed(() => importance(space8, trials, { seed: 0 }));
  const again = [0, 1, 2].map(() => timed(() => importance(space8, trials, { seed: 0 })));
  const wFirst = await timedAsync(() => importanceInWorkers(space8, trials, { seed: 0 }));
  const wAgain = [];
  for (let i = 0; i < 3; i++) wAgain.push(await timedAsync(() => importanceInWorkers(space8, trials, { seed: 0 })));
  if (JSON.stringify(wFirst.value) !== JSON.stringify(first.value)) throw new Error('importance on worker threads differs from one thread');
  const top = first.value.knobs.slice(0, 3).map((k) => `${k.name} ${k.importance.toFixed(2)}`).join(', ');
  const m = (ts: { wall: number; cpu: number }[]): string => `${secs(median(ts.map((t) => t.wall)))} / ${secs(median(ts.map((t) => t.cpu)))}`;
  console.log(`  ${n.toLocaleString('en')} trials: one thread first ${secs(first.wall)} / ${secs(first.cpu)}, then median ${m(again)}; ` +
    `${threads} workers first ${secs(wFirst.wall)} / ${secs(wFirst.cpu)}, then median ${m(wAgain)}${n === 10_000 ? ' (target ≤ 1 s)' : ''}; top: ${top}`);
}
await endImportanceWorkers();

{
  // The same 10,000 trials, each time in a fresh process: the first call pays for compiling (and on workers, for starting them).
  for (const mode of ['one', 'workers']) {
    const runs = [0, 1, 2].map(() => {
      const r = spawnSync(process.execPath, [process.argv[1]], { env: { ...process.env, KNOBS_BENCH_IMPORTANCE_COLD: mode }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`the fresh-process importance run failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { wall: number; cpu: number };
    });
    console.log(`  10,000 trials, first call in a fresh process, ${mode === 'one' ? 'one thread' : `${threads} worker threads (as \`knobs importance\` runs it)`}: median of 3 processes ${secs(median(runs.map((r) => r.wall)))} / ${secs(median(runs.map((r) => r.cpu)))} s${mode === 'workers' ? ' (target ≤ 1 s)' : ''}`);
  }
}

const probe = spawnSync('/usr/bin/python3', ['-c', 'import optuna, sklearn'], { encoding: 'utf8' });
if (probe.status !== 0) console.log('\nOptuna reference skipped: /usr/bin/python3 cannot import optuna and sklearn (apt-get install python3-optuna python3-sklearn)');
else {
  const n = 300;
  const trials = imp(n);
  const file = join(mkdtempSync(join(tmpdir(), 'knobs-bench-fanova-')), 'in.json');
  writeFileSync(file, JSON.stringify({
    params: Object.entries(space8).map(([name, p]) => (p.type === 'categorical' ? { name, kind: 'categorical', choices: p.values } : { name, kind: 'float', low: toScale(p, (p as { low: number }).low), high: toScale(p, (p as { high: number }).high) })),
    trials: trials.map((t) => ({ params: Object.fromEntries(Object.entries(space8).map(([name, p]) => [name, p.type === 'categorical' ? t.knobs[name] : toScale(p, t.knobs[name] as number)])), value: t.objective })),
    seeds: [0],
  }));
  const optuna = JSON.parse(spawnSync('/usr/bin/python3', [join(process.cwd(), 'bench', 'optuna_fanova.py'), file], { encoding: 'utf8' }).stdout) as { seconds: number[] };
  const ours = timed(() => importance(space8, trials, { seed: 0, transform: 'none' }));
  console.log(`\n${n} trials: Optuna 3.1 FanovaImportanceEvaluator ${optuna.seconds[0].toFixed(2)} s (wall), Knobs ${(ours.wall / 1000).toFixed(3)} s: ${(optuna.seconds[0] / (ours.wall / 1000)).toFixed(0)}× faster`);
}
