// Pruning: how many epochs each pruner saves on a random search, and what it costs in the best
// validation loss found. Random search, 100 trials × 100 epochs on digits (knobs lr, hidden units,
// l2, dropout, batch size; no per-trial early stopping), 10 seeds, pruner none / median / asha /
// hyperband, 2 workers. Per pruner: total epochs trained over the 10 searches relative to none
// (targets: median ≤ 60%, ASHA ≤ 35%), the median over seeds of each search's best val_loss relative
// to none's (targets: median within 1%, ASHA within 2%), and the wall time. The runs of one seed go
// one after another (none, median, asha, hyperband), so the VM's drift touches every pruner alike.
//
// Then the throughput check (target ≥ 95%): epochs trained per second with 2 workers, each pruner
// against none, on searches whose epochs all cost the same and that run for the same wall time (a
// time budget), so neither the mix of trials pruning keeps nor a last long trial running alone at
// the end is counted as slowness. Equal cost: one network size and batch size, and knobs that keep
// the arithmetic ordinary (lr 1e-3–3e-2, l2 up to 1e-3, dropout): in the main runs, trials with a
// large l2 or learning rate train slower per epoch (tiny or huge weights), and pruning stops
// exactly those. What remains is pruning's own cost: the checks after every epoch, and more, shorter
// trials to start and store. It also reports the share of the workers' time spent inside epochs.
// Three rounds of the four, 30 s each (BENCH_THROUGHPUT_S); the median of the rounds' ratios.
// BENCH_FIRST_SEED=11 runs the main comparison on other seeds (the same bench, other searches).
//
// Finished runs are cached in bench/results/pruning/ (git-ignored), keyed by the spec and the
// worker bundle's hash: an interrupted bench picks up where it stopped, and any change to the
// engine starts afresh. BENCH_SEEDS=3 runs fewer seeds; BENCH_NO_CACHE=1 ignores the cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerScript } from '../src-core/runner/pool';
import { createSearch, Study } from '../src-core/search/study';
import { Store } from '../src-core/store/store';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 10);
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 1);
const TRIALS = 100;
const EPOCHS = 100;
const WORKERS = 2;
/** Each pruner with its defaults (docs/pruning.md). */
const PRUNERS = {
  none: { kind: 'none' },
  median: { kind: 'median' },
  asha: { kind: 'asha' },
  hyperband: { kind: 'hyperband' },
} as const;
/**
 * For reference, the settings of Optuna's pruners (the issue's examples): judged from epoch 1, ASHA
 * with no start-up. Reported beside the defaults, not in the final line (BENCH_REFERENCE=0 skips them).
 */
const REFERENCE = {
  'median-optuna': { kind: 'median', startupTrials: 5, warmupEpochs: 0, interval: 1 },
  'asha-optuna': { kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 },
} as const;
const WITH_REFERENCE = process.env.BENCH_REFERENCE !== '0';
type Kind = keyof typeof PRUNERS;
type AnyKind = Kind | keyof typeof REFERENCE;

const specOf = (pruner: AnyKind, seed: number): Record<string, unknown> => ({
  project: 'bench', name: `pruning-${pruner}-${seed}`,
  dataset: { builtin: 'digits' },
  split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true },
  train: { epochs: EPOCHS, hiddenLayers: [64], optimizer: 'adam', earlyStopping: false },
  space: {
    lr: { type: 'float', low: 1e-4, high: 0.3, log: true },
    hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
    l2: { type: 'float', low: 1e-7, high: 0.1, log: true },
    dropout: { type: 'float', low: 0, high: 0.6 },
    batchSize: { type: 'int', low: 16, high: 256, log: true },
  },
  strategy: { kind: 'random' },
  objective: { metric: 'val_loss', direction: 'minimize' },
  budget: { trials: TRIALS },
  pruner: pruner in PRUNERS ? PRUNERS[pruner as Kind] : REFERENCE[pruner as keyof typeof REFERENCE],
  diagnostics: { every: 0 },
  seed,
});

interface Run { epochs: number; best: number; seconds: number; pruned: number; trials: number; mainCpu: number }

/** CPU seconds the main thread has used (Linux: /proc; NaN elsewhere). */
function mainThreadCpu(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}
/** Bump when a run records other figures, so cached runs of the older form are not reused. */
const FORM = 2;

const engine = createHash('sha256').update(readFileSync(workerScript())).digest('hex').slice(0, 12);
const cacheDir = join(process.cwd(), 'bench', 'results', 'pruning');
mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'knobs-bench-pruning-'));

async function search(pruner: AnyKind, seed: number): Promise<Run> {
  const spec = specOf(pruner, seed);
  const key = createHash('sha256').update(JSON.stringify(spec) + engine + FORM).digest('hex').slice(0, 16);
  const cached = join(cacheDir, `${pruner}-${seed}-${key}.json`);
  if (!process.env.BENCH_NO_CACHE && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Run;
  const store = Store.open(join(dir, `${pruner}-${seed}.db`));
  const { id } = createSearch(store, spec);
  const t0 = performance.now();
  const cpu0 = mainThreadCpu();
  await new Study(store, id, { workers: WORKERS }).run();
  const seconds = (performance.now() - t0) / 1000;
  const mainCpu = mainThreadCpu() - cpu0;
  const trials = store.trials.list(id);
  const epochs = store.epochs.rows(id).length;
  const best = Math.min(...trials.filter((t) => t.stop_reason !== 'pruned' && t.objective !== null).map((t) => t.objective!));
  const pruned = trials.filter((t) => t.stop_reason === 'pruned').length;
  store.close();
  const run = { epochs, best, seconds, pruned, trials: trials.length, mainCpu };
  writeFileSync(cached, JSON.stringify(run));
  return run;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

async function throughputRun(pruner: Kind, seconds: number): Promise<{ rate: number; busy: number }> {
  const spec = {
    ...specOf(pruner, 1), name: `throughput-${pruner}`,
    train: { epochs: EPOCHS, hiddenLayers: [64], batchSize: 32, optimizer: 'adam', earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 3e-2, log: true }, l2: { type: 'float', low: 1e-7, high: 1e-3, log: true }, dropout: { type: 'float', low: 0, high: 0.5 } },
    budget: { trials: 1_000_000, seconds },
  };
  const store = Store.open(join(dir, `throughput-${pruner}-${Date.now()}.db`));
  const { id } = createSearch(store, spec);
  const t0 = performance.now();
  await new Study(store, id, { workers: WORKERS }).run();
  const wall = (performance.now() - t0) / 1000;
  const rows = store.epochs.rows(id);
  store.close();
  return { rate: rows.length / wall, busy: rows.reduce((s, e) => s + (e.seconds ?? 0), 0) / (wall * WORKERS) };
}

const runs: Record<AnyKind, Run[]> = { none: [], median: [], asha: [], hyperband: [], 'median-optuna': [], 'asha-optuna': [] };
const kindsRun = [...(Object.keys(PRUNERS) as AnyKind[]), ...(WITH_REFERENCE ? (Object.keys(REFERENCE) as AnyKind[]) : [])];
console.log(`digits, random search, ${TRIALS} trials × ${EPOCHS} epochs, no early stopping, ${WORKERS} workers, seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1} (engine ${engine}); pruners with their defaults`);
for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
  const line: string[] = [];
  for (const kind of kindsRun) {
    const r = await search(kind, seed);
    runs[kind].push(r);
    line.push(`${kind} ${r.epochs} epochs, ${r.pruned} pruned, best ${r.best.toFixed(4)}, ${r.seconds.toFixed(1)} s`);
  }
  console.log(`  seed ${seed}: ${line.join(' | ')}`);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const none = runs.none;
const noneEpochs = sum(none.map((r) => r.epochs));
const noneBest = median(none.map((r) => r.best));
const noneRate = noneEpochs / sum(none.map((r) => r.seconds));
const targets: Record<Exclude<AnyKind, 'none'>, { epochs: number; best: number }> = {
  median: { epochs: 0.6, best: 1.01 }, asha: { epochs: 0.35, best: 1.02 }, hyperband: { epochs: 1, best: Infinity },
  'median-optuna': { epochs: 0.6, best: 1.01 }, 'asha-optuna': { epochs: 0.35, best: 1.02 },
};
const summary: string[] = [];
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
console.log(`none: ${noneEpochs} epochs, median best val_loss ${noneBest.toFixed(4)}, ${Math.round(noneRate)} epochs/s (${Math.round((noneRate / EPOCHS) * 3600).toLocaleString('en')} full trials/hour)`);
for (const kind of kindsRun.filter((k): k is Exclude<AnyKind, 'none'> => k !== 'none')) {
  const rs = runs[kind];
  const epochs = sum(rs.map((r) => r.epochs)) / noneEpochs;
  const best = median(rs.map((r) => r.best)) / noneBest;
  const perSeed = median(rs.map((r, i) => r.best / none[i].best));
  const wall = sum(rs.map((r) => r.seconds)) / sum(none.map((r) => r.seconds));
  const t = targets[kind];
  console.log(
    `${kind}: epochs ${(epochs * 100).toFixed(1)}% of none${Number.isFinite(t.epochs) && t.epochs < 1 ? ` (target ≤ ${t.epochs * 100}%: ${verdict(epochs <= t.epochs)})` : ''}, ` +
      `median best val_loss ${best.toFixed(4)}× none's${Number.isFinite(t.best) ? ` (target ≤ ${t.best}: ${verdict(best <= t.best)})` : ''} (median of per-seed ratios ${perSeed.toFixed(4)}), ` +
      `${sum(rs.map((r) => r.pruned))} of ${rs.length * TRIALS} trials pruned, wall time ${(wall * 100).toFixed(1)}% of none's`,
  );
  if (kind in PRUNERS) summary.push(`${kind} epochs=${epochs.toFixed(3)} best=${best.toFixed(4)}`);
}
const THROUGHPUT_S = Number(process.env.BENCH_THROUGHPUT_S ?? 30);
const rates: Record<Kind, { rate: number; busy: number }[]> = { none: [], median: [], asha: [], hyperband: [] };
for (let round = 0; round < 3; round++) for (const kind of Object.keys(PRUNERS) as Kind[]) rates[kind].push(await throughputRun(kind, THROUGHPUT_S));
const busyText = (rs: { busy: number }[]): string => rs.map((r) => `${(r.busy * 100).toFixed(0)}%`).join(', ');
console.log(`throughput check: epochs trained per second, 2 workers, ${THROUGHPUT_S} s searches of equal-cost epochs (digits, 64 hidden units, batch 32), 3 rounds; none ${rates.none.map((r) => r.rate.toFixed(0)).join(', ')} epochs/s (workers inside epochs ${busyText(rates.none)} of the time)`);
for (const kind of ['median', 'asha', 'hyperband'] as const) {
  const ratio = median(rates[kind].map((r, i) => r.rate / rates.none[i].rate));
  const busy = median(rates[kind].map((r, i) => r.busy / rates.none[i].busy));
  console.log(`  ${kind}: ${rates[kind].map((r) => r.rate.toFixed(0)).join(', ')} epochs/s, ${(ratio * 100).toFixed(1)}% of none's (median of the rounds' ratios; target ≥ 95%: ${verdict(ratio >= 0.95)}); inside epochs ${busyText(rates[kind])} of the time, ${(busy * 100).toFixed(1)}% of none's share`);
}
const cpuPer = (rs: Run[], per: 'trials' | 'epochs'): number => (sum(rs.map((r) => r.mainCpu)) / sum(rs.map((r) => r[per]))) * 1000;
console.log(
  `main thread CPU over the main runs (proposing, dispatch, receiving and storing epochs; 10 ms clock ticks): ` +
    kindsRun.map((k) => `${k} ${cpuPer(runs[k], 'trials').toFixed(2)} ms a trial (${(cpuPer(runs[k], 'epochs') * 1000).toFixed(0)} µs an epoch)`).join(', ') +
    ` (the ≤ 5 ms per-trial target is the search bench's overhead figure; here a trial's cost grows with the epochs it streams)`,
);
console.log(`pruning: ${summary.join(' ')}`);
rmSync(dir, { recursive: true, force: true });
