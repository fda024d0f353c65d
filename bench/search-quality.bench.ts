// Search quality: how good a model each strategy finds for the same budget. Knobs' TPE,
// coarse-to-fine (plain and within TPE) and random against Optuna 3.1's TPESampler and
// RandomSampler (Debian's python3-optuna through /usr/bin/python3; skipped with a message where
// missing), all on one objective: Knobs' own trainer on digits (lr 1e-5–1 log, hidden units 4–256
// log, l2 1e-7–0.1 log, dropout 0–0.6; 30 epochs, early stopping with patience 5), at 30 and 60
// trials, 10 seeds. Seed S fixes the data split on both sides: Knobs searches with seed S, and
// Optuna's trial n trains through `knobs train --seed S --model-seed M_n`, M_n being the model seed
// Knobs gives its own trial n (a test checks that this reproduces a search's trial exactly).
// Knobs runs one worker, so its trials are the same on every run. Optuna's TPE starts from the same
// 10 random trials as Knobs' TPE (enqueued; both draw their startup uniformly on each knob's scale,
// so Optuna's sampler is unchanged in distribution): a best of 30 trials otherwise depends as much
// on which side drew luckier startup trials as on the model (over 40 seeds Knobs' own draws were
// worse at 10 trials by a mean log ratio of 0.15, pure chance), and the comparison is of the models.
//
// Finished runs are kept in bench/results/search-quality/ (git-ignored) under a key of the code
// they depend on, so an interrupted run resumes and a change of the search code runs again.
// BENCH_JOBS (default 2) runs are run at once; BENCH_SEEDS (default 10) seeds, or a range such as
// 11-40; BENCH_TPE JSON settings for Knobs' TPE (kept under their own name); BENCH_METHODS (a
// comma-separated list of the method ids below, default all) runs only those methods, for example
// the slow Optuna ones first (BENCH_METHODS=optuna-tpe,optuna-random); BENCH_NOISE=0 skips the
// model-seed noise runs (for trying a TPE setting quickly); BENCH_MODEL_SEED=shared trains every trial of
// a seed with one model seed (below).
//
// The noise floor: Optuna's TPE runs twice per seed, the second time with another sampler seed
// (S + 1000; the same startup trials, data split and model seeds). The same algorithm against
// itself shows how far a ratio of medians over these seeds moves by the sampler's draws alone, the
// yardstick for "Knobs' TPE ≤ 1.00 × Optuna's TPE".
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Store, type TrialRow } from '../src-core/store/store';
import { trialSeed } from '../src-core/search/study';
import { drawTrial } from '../src-core/search/strategies/random';
import { fullBox } from '../src-core/search/space';
import { parseSpec } from '../src-core/spec/spec';
import { tpeSchema } from '../src-core/search/strategies/tpe';

const root = process.cwd();
const knobs = join(root, 'bin', 'knobs.mjs');
const PYTHON = '/usr/bin/python3';
/**
 * BENCH_MODEL_SEED: "per-trial" (default; each trial its own model seed, as a search runs by default)
 * or "shared" (every trial of a seed trains with one model seed, the spec's `modelSeed: "shared"`):
 * then a configuration always gives the same val_loss, and a best of N measures the sampler without
 * the model seed's luck. Its runs are kept apart, in a folder of their own.
 */
const MODEL_SEED = (process.env.BENCH_MODEL_SEED ?? 'per-trial') as 'per-trial' | 'shared';
if (MODEL_SEED !== 'per-trial' && MODEL_SEED !== 'shared') throw new Error(`BENCH_MODEL_SEED: "${MODEL_SEED}" is not per-trial or shared`);
const cacheDir = join(root, 'bench', 'results', 'search-quality', ...(MODEL_SEED === 'shared' ? ['shared-model-seed'] : []));
mkdirSync(cacheDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'knobs-search-quality-'));
/** BENCH_SEEDS: a count N (seeds 1..N) or a range A-B (seeds A..B, for trying a change on seeds the reported figures do not use). */
function seedsOf(text: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])) || Number(m[1]) < 1) throw new Error(`BENCH_SEEDS: "${text}" is not a count (10) or a range of seeds (11-40)`);
  const [a, b] = m[2] === undefined ? [1, Number(m[1])] : [Number(m[1]), Number(m[2])];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
const SEEDS = seedsOf(process.env.BENCH_SEEDS ?? '10');
/** BENCH_TPE: JSON settings merged into Knobs' TPE strategy (its runs are then kept under a name of their own). */
const tpeSettings = JSON.parse(process.env.BENCH_TPE ?? '{}') as Record<string, unknown>;
const tpeTag = Object.keys(tpeSettings).length ? `tpe-${createHash('sha256').update(JSON.stringify(tpeSettings)).digest('hex').slice(0, 8)}` : 'tpe';
if (tpeTag !== 'tpe') console.log(`Knobs TPE with ${JSON.stringify(tpeSettings)} (runs kept as ${tpeTag}-*)`);
const JOBS = Number(process.env.BENCH_JOBS ?? 2);

const base = {
  project: 'search-quality',
  dataset: { builtin: 'digits' },
  train: { epochs: 30, earlyStopping: { monitor: 'val_loss', patience: 5 } },
  space: {
    lr: { type: 'float', low: 1e-5, high: 1, log: true },
    hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
    l2: { type: 'float', low: 1e-7, high: 0.1, log: true },
    dropout: { type: 'float', low: 0, high: 0.6 },
  },
  objective: { metric: 'val_loss', direction: 'minimize' },
  diagnostics: { every: 0 },
  modelSeed: MODEL_SEED,
};

/** Hash of the files a result depends on (minus those matching `skip`): a change there runs it again. */
function codeKey(paths: string[], skip?: RegExp): string {
  const h = createHash('sha256');
  const walk = (p: string): void => {
    if (skip?.test(p)) return;
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (/\.(ts|py|json)$/.test(p)) h.update(relative(root, p)).update(readFileSync(p));
  };
  for (const p of paths) walk(join(root, p));
  return h.digest('hex').slice(0, 12);
}
// The CLI's serve and bundle commands are not on the path of `knobs run` or `knobs train`.
const trainerKey = codeKey(['src-core/train', 'src-core/nn', 'src-core/data', 'src-core/spec', 'src-main/cli'], /src-main\/cli\/(serve|bundle)\.ts$/);
/** Optuna's runs also depend on the script that drives them, and (TPE, through its startup trials) on Knobs' random draws. */
const optunaKey = `${trainerKey}-${codeKey(['bench/optuna_search.py', 'src-core/search/space.ts', 'src-core/search/strategies/random.ts'])}`;
/** Random trials Knobs' TPE starts with (its default startupTrials, as Optuna's n_startup_trials), which Optuna's TPE is given too. */
const STARTUP = tpeSchema.parse({ kind: 'tpe' }).startupTrials;
const searchKey = codeKey(['src-core/search']);
/** What random and plain coarse-to-fine trials depend on (the study's queue and TPE do not change them). */
const plainKey = codeKey(['src-core/search/space.ts', 'src-core/search/strategies/random.ts', 'src-core/search/strategies/coarse-to-fine.ts']);

const probe = await run(PYTHON, ['-c', 'import optuna; print(optuna.__version__)']);
const optunaMissing = probe.code !== 0 ? `Optuna skipped: ${PYTHON} cannot import optuna (apt-get install python3-optuna)` : null;
if (optunaMissing) console.log(optunaMissing);

interface Method { id: string; label: string; side: 'knobs' | 'optuna'; strategy?: (trials: number) => Record<string, unknown>; sampler?: 'tpe' | 'random'; samplerSeed?: (seed: number) => number; budgets: number[] }
const c2f = (trials: number, within: 'random' | 'tpe'): Record<string, unknown> => ({
  kind: 'coarse-to-fine', rounds: 3, trialsPerRound: trials / 3, keepTop: trials === 30 ? 3 : 5, within,
});
/** Methods whose first 30 trials are a 30-trial run (proposals never look at the budget) run 60 once; coarse-to-fine's rounds depend on the budget. */
const methods: Method[] = [
  { id: 'tpe', label: 'Knobs TPE', side: 'knobs', strategy: () => ({ kind: 'tpe', ...tpeSettings }), budgets: [60] },
  { id: 'c2f', label: 'Knobs coarse-to-fine', side: 'knobs', strategy: (n) => c2f(n, 'random'), budgets: [30, 60] },
  { id: 'c2f-tpe', label: 'Knobs coarse-to-fine within TPE', side: 'knobs', strategy: (n) => c2f(n, 'tpe'), budgets: [30, 60] },
  { id: 'random', label: 'Knobs random', side: 'knobs', strategy: () => ({ kind: 'random' }), budgets: [60] },
  { id: 'optuna-tpe', label: 'Optuna 3.1 TPESampler', side: 'optuna', sampler: 'tpe', budgets: [60] },
  { id: 'optuna-tpe-2', label: 'Optuna 3.1 TPE, other seed', side: 'optuna', sampler: 'tpe', samplerSeed: (s) => s + 1000, budgets: [60] },
  { id: 'optuna-random', label: 'Optuna 3.1 RandomSampler', side: 'optuna', sampler: 'random', budgets: [60] },
];

interface Job { method: Method; trials: number; seed: number; file: string; key: string }
const only = process.env.BENCH_METHODS?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((id) => !methods.some((m) => m.id === id)) ?? [];
if (unknown.length) throw new Error(`BENCH_METHODS: unknown method ${unknown.join(', ')}; valid: ${methods.map((m) => m.id).join(', ')}`);
const jobs: Job[] = [];
for (const seed of SEEDS) {
  for (const m of methods) {
    if (only && !only.includes(m.id)) continue;
    if (m.side === 'optuna' && optunaMissing) continue;
    for (const trials of m.budgets) {
      const key = m.side === 'optuna' ? optunaKey : `${trainerKey}-${m.id === 'random' || m.id === 'c2f' ? plainKey : searchKey}`;
      jobs.push({ method: m, trials, seed, key, file: join(cacheDir, `${m.id === 'tpe' ? tpeTag : m.id}-${trials}-s${seed}.json`) });
    }
  }
}

interface Result { values: (number | null)[]; seconds: number; key: string }
const cached = (j: Job): Result | null => {
  if (!existsSync(j.file)) return null;
  const r = JSON.parse(readFileSync(j.file, 'utf8')) as Result;
  return r.key === j.key ? r : null;
};

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One Knobs search through `knobs run` (one worker, so its trials are the same on every run): its stored trials. */
async function knobsSearch(name: string, strategy: Record<string, unknown>, trials: number, seed: number): Promise<TrialRow[]> {
  const spec = { ...base, name, strategy, budget: { trials }, seed, workers: 1 };
  const specPath = join(work, `${name}.json`);
  const db = join(work, `${name}.db`);
  writeFileSync(specPath, JSON.stringify(spec));
  const r = await run(process.execPath, [knobs, 'run', specPath, '--db', db, '--workers', '1', '--quiet']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`knobs run ${name} failed (${r.code}): ${r.stderr}`);
  const store = Store.open(db);
  const rows = store.trials.list(store.searches.get(name)!.id);
  store.close();
  return rows;
}

/** Knobs' TPE's first STARTUP trials for a seed: its random draws (a unit test holds TPE to them). */
function startupOf(seed: number): Record<string, unknown>[] {
  const spec = parseSpec({ ...base, name: 'startup', strategy: { kind: 'tpe' }, seed });
  return Array.from({ length: STARTUP }, (_, n) => drawTrial(spec, fullBox(spec.space), n));
}

async function runJob(j: Job): Promise<Result> {
  const t0 = performance.now();
  const name = `${j.method.id}-${j.trials}-s${j.seed}`;
  if (j.method.side === 'knobs') {
    const trials = await knobsSearch(name, j.method.strategy!(j.trials), j.trials, j.seed);
    return { values: trials.map((t) => (t.objective !== null && Number.isFinite(t.objective) ? t.objective : null)), seconds: (performance.now() - t0) / 1000, key: j.key };
  }
  const spec = { ...base, seed: j.seed };
  const cfg = {
    sampler: j.method.sampler, seed: j.seed, samplerSeed: j.method.samplerSeed?.(j.seed) ?? j.seed, trials: j.trials, spec, knobs, node: process.execPath, workdir: mkdtempSync(join(work, `${name}-`)),
    modelSeeds: Array.from({ length: j.trials }, (_, n) => trialSeed({ seed: j.seed, modelSeed: MODEL_SEED }, n)),
    startup: j.method.sampler === 'tpe' ? startupOf(j.seed) : [],
  };
  const cfgPath = join(work, `${name}.json`);
  writeFileSync(cfgPath, JSON.stringify(cfg));
  const r = await run(PYTHON, [join(root, 'bench', 'optuna_search.py'), cfgPath]);
  if (r.code !== 0) throw new Error(`optuna_search.py ${name} failed (${r.code}): ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(r.stdout) as { values: (number | null)[] };
  return { values: out.values, seconds: (performance.now() - t0) / 1000, key: j.key };
}

const todo = jobs.filter((j) => !cached(j));
console.log(`search quality on digits: ${jobs.length} runs (${jobs.length - todo.length} kept from earlier in ${cacheDir}), ${JOBS} at a time`);
let done = 0;
const t0 = performance.now();
async function worker(): Promise<void> {
  for (let j = todo.shift(); j; j = todo.shift()) {
    const r = await runJob(j);
    writeFileSync(j.file, JSON.stringify(r));
    done++;
    const best = Math.min(...r.values.filter((v): v is number => v !== null));
    console.log(`  ${j.method.id} ${j.trials} trials seed ${j.seed}: best val_loss ${best.toFixed(4)} (${r.seconds.toFixed(0)} s; ${done} run, ${((performance.now() - t0) / 60000).toFixed(1)} min)`);
  }
}
await Promise.all(Array.from({ length: JOBS }, worker));

// Optuna's TPE (both runs) was given Knobs' TPE's startup trials: with the same knobs, data split and model seeds they must give the same val_loss.
const knobsTpe = methods.find((m) => m.id === 'tpe')!;
if (!tpeSettings.startupTrials) {
  for (const seed of SEEDS) {
    const a = jobs.find((j) => j.method === knobsTpe && j.seed === seed);
    for (const b of methods.filter((m) => m.sampler === 'tpe').map((m) => jobs.find((j) => j.method === m && j.seed === seed))) {
      if (!a || !b) continue;
      const va = cached(a)!.values.slice(0, STARTUP);
      const vb = cached(b)!.values.slice(0, STARTUP);
      const differ = va.findIndex((v, i) => (v === null) !== (vb[i] === null) || (v !== null && Math.abs(v - vb[i]!) > 1e-9 * Math.abs(v)));
      if (differ >= 0) throw new Error(`seed ${seed}: ${b.method.label}'s startup trial ${differ} gave ${vb[differ]}, Knobs' ${va[differ]}: the shared startup trials did not reproduce`);
    }
  }
}

/** Best objective of a method at a budget for a seed (the first n trials of a longer run where the method allows). */
function bestOf(m: Method, n: number, seed: number): number {
  const budget = m.budgets.includes(n) ? n : Math.min(...m.budgets.filter((b) => b >= n));
  const r = cached(jobs.find((j) => j.method === m && j.trials === budget && j.seed === seed)!)!;
  const xs = r.values.slice(0, n).filter((v): v is number => v !== null);
  return xs.length ? Math.min(...xs) : Infinity;
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/**
 * How sure a ratio of medians is, over these seeds: its 90% bootstrap interval (seeds drawn with
 * replacement, paired: both methods keep the same seeds; 2,000 draws from a fixed seed, so the same
 * results print the same interval).
 */
function ratioInterval(a: number[], b: number[]): [number, number] {
  const next = uniforms(0x9e3779b9);
  const ratios: number[] = [];
  for (let r = 0; r < 2000; r++) {
    const idx = a.map(() => Math.floor(next() * a.length));
    ratios.push(median(idx.map((i) => a[i])) / median(idx.map((i) => b[i])));
  }
  ratios.sort((x, y) => x - y);
  return [ratios[Math.floor(0.05 * ratios.length)], ratios[Math.ceil(0.95 * ratios.length) - 1]];
}
/** A fixed stream of uniform numbers in [0, 1) (mulberry32), so the same results print the same resampled figures. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Two-sided sign test: the chance of a split at least this uneven between `wins` and `losses` (ties left out) if each seed were a coin toss. */
function signTest(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const k = Math.min(wins, losses);
  let tail = 0;
  let c = 1; // C(n, i)
  for (let i = 0; i <= k; i++) {
    tail += c;
    c = (c * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}
const present = methods.filter((m) => jobs.some((j) => j.method === m));
const ref = present.find((m) => m.id === 'optuna-tpe');
const rnd = present.find((m) => m.id === 'random');
const ratios: Record<string, Record<number, number>> = {};
for (const n of [30, 60]) {
  console.log(`\n${n} trials, ${SEEDS.length} seeds: median best val_loss${ref ? ', ratio to Optuna TPE, seeds better than Optuna TPE' : ''}, seeds better than Knobs random`);
  const refBest = ref ? SEEDS.map((s) => bestOf(ref, n, s)) : null;
  const rndBest = rnd ? SEEDS.map((s) => bestOf(rnd, n, s)) : null;
  for (const m of present) {
    const b = SEEDS.map((s) => bestOf(m, n, s));
    const med = median(b);
    const parts = [`${m.label.padEnd(32)} ${med.toFixed(4)}`];
    if (refBest) {
      const ratio = med / median(refBest);
      (ratios[m.id] ??= {})[n] = ratio;
      const wins = b.filter((v, i) => v < refBest[i]).length;
      if (m !== ref) {
        const [lo, hi] = ratioInterval(b, refBest);
        const losses = b.filter((v, i) => v > refBest[i]).length;
        parts.push(`ratio ${ratio.toFixed(3)} (90% interval ${lo.toFixed(2)}–${hi.toFixed(2)})`, `better than Optuna TPE in ${wins}/${SEEDS.length} (sign test p ${signTest(wins, losses).toFixed(2)})`);
      }
    }
    if (rndBest && m !== rnd) {
      // Equal bests happen where a method shares random's first trials and neither improves on one of them.
      const ties = b.filter((v, i) => v === rndBest[i]).length;
      parts.push(`better than random in ${b.filter((v, i) => v < rndBest[i]).length}/${SEEDS.length}${ties ? ` (equal in ${ties})` : ''}`);
    }
    parts.push(`(per seed: ${b.map((v) => v.toFixed(3)).join(' ')})`);
    console.log(`  ${parts.join(', ')}`);
  }
}

// How much of a best val_loss is the model seed's luck: each seed's best Knobs TPE configuration (60
// trials) trained again with NOISE_SEEDS model seeds no trial used. A best-of-N over such noisy values
// rewards luck as well as the sampler, which is why the medians above move by several per cent with
// the seeds chosen.
const NOISE_SEEDS = 5;
interface Noise { best: number; again: (number | null)[]; knobs: Record<string, unknown>; key: string }
async function noiseOf(seed: number): Promise<Noise> {
  const key = `${trainerKey}-${searchKey}`;
  const file = join(cacheDir, `noise-${tpeTag}-60-s${seed}.json`);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Noise;
    if (r.key === key) return r;
  }
  const name = `noise-s${seed}`;
  const trials = (await knobsSearch(name, { kind: 'tpe', ...tpeSettings }, 60, seed)).filter((t) => t.objective !== null && Number.isFinite(t.objective));
  const top = trials.reduce((a, t) => (t.objective! < a.objective! ? t : a));
  const best = JSON.parse(top.knobs) as Record<string, unknown>;
  const one = { ...base, name, space: {}, train: { ...base.train, ...best } };
  const onePath = join(work, `${name}-best.json`);
  writeFileSync(onePath, JSON.stringify(one));
  const again: (number | null)[] = [];
  for (let k = 0; k < NOISE_SEEDS; k++) {
    const t = await run(process.execPath, [knobs, 'train', onePath, '--json', '--seed', String(seed), '--model-seed', String(trialSeed({ seed, modelSeed: 'per-trial' }, 1000 + k))]);
    const lines = t.stdout.split('\n').filter((l) => l.trim());
    const summary = lines.length ? (JSON.parse(lines[lines.length - 1]) as { val_loss?: number | null }) : {};
    again.push(typeof summary.val_loss === 'number' && Number.isFinite(summary.val_loss) ? summary.val_loss : null);
  }
  const out: Noise = { best: top.objective!, again, knobs: best, key };
  writeFileSync(file, JSON.stringify(out));
  return out;
}
if ((!only || only.includes('tpe')) && process.env.BENCH_NOISE !== '0') {
  const bySeed = new Map<number, Noise>();
  const queue = [...SEEDS];
  await Promise.all(Array.from({ length: JOBS }, async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) bySeed.set(s, await noiseOf(s));
  }));
  const rises = SEEDS.map((s) => bySeed.get(s)!).map((z) => median(z.again.filter((v): v is number => v !== null)) / z.best);
  console.log(`
model-seed noise: each seed's best Knobs TPE configuration (60 trials) trained again with ${NOISE_SEEDS} other model seeds`);
  console.log(`  median val_loss of the re-runs / the best found: median ${median(rises).toFixed(2)} (per seed: ${rises.map((r) => r.toFixed(2)).join(' ')})`);
}

// With more seeds than the issue's 10: how often a draw of 10 of them meets each target (20,000
// draws without replacement from a fixed stream). Says how much "met on 10 seeds" depends on which 10.
const tpeMethod = present.find((m) => m.id === 'tpe');
const aa = present.find((m) => m.id === 'optuna-tpe-2');
const c2fTpeMethod = present.find((m) => m.id === 'c2f-tpe');
if (ref && rnd && tpeMethod && c2fTpeMethod && SEEDS.length > 10) {
  const DRAWS = 20_000;
  const bests = (m: Method, n: number): number[] => SEEDS.map((s) => bestOf(m, n, s));
  const budgets = [30, 60].map((n) => ({ n, tpe: bests(tpeMethod, n), c2f: bests(c2fTpeMethod, n), ref: bests(ref, n), rnd: bests(rnd, n), aa: aa ? bests(aa, n) : null, tpeMet: 0, c2fRatioMet: 0, c2fRandomMet: 0, aaMet: 0 }));
  let bothMet = 0;
  let aaBothMet = 0;
  const next = uniforms(12345);
  for (let d = 0; d < DRAWS; d++) {
    const pool = SEEDS.map((_, i) => i);
    const pick = Array.from({ length: 10 }, () => pool.splice(Math.floor(next() * pool.length), 1)[0]);
    const ratio = (xs: number[], ys: number[]): number => median(pick.map((i) => xs[i])) / median(pick.map((i) => ys[i]));
    let both = true;
    let aaBoth = true;
    for (const b of budgets) {
      const met = ratio(b.tpe, b.ref) <= 1;
      b.tpeMet += +met;
      both &&= met;
      const aaMet = b.aa !== null && ratio(b.aa, b.ref) <= 1;
      b.aaMet += +aaMet;
      aaBoth &&= aaMet;
      b.c2fRatioMet += +(ratio(b.c2f, b.ref) <= 1.05);
      b.c2fRandomMet += +(pick.filter((i) => b.c2f[i] < b.rnd[i]).length >= 7);
    }
    bothMet += +both;
    aaBothMet += +aaBoth;
  }
  const pct = (hits: number): string => `${((100 * hits) / DRAWS).toFixed(0)}%`;
  const [b30, b60] = budgets;
  console.log(`\ndraws of 10 of these ${SEEDS.length} seeds (${DRAWS.toLocaleString('en')}) that meet each target:`);
  console.log(`  Knobs TPE ≤ 1.00 × Optuna TPE: ${pct(b30.tpeMet)} at 30 trials, ${pct(b60.tpeMet)} at 60, ${pct(bothMet)} at both`);
  if (aa) console.log(`  (the noise floor) Optuna TPE with another sampler seed ≤ 1.00 × Optuna TPE: ${pct(b30.aaMet)} at 30 trials, ${pct(b60.aaMet)} at 60, ${pct(aaBothMet)} at both`);
  console.log(`  coarse-to-fine within TPE ≤ 1.05 × Optuna TPE: ${pct(b30.c2fRatioMet)} at 30 trials, ${pct(b60.c2fRatioMet)} at 60; better than random in ≥ 7 of 10: ${pct(b30.c2fRandomMet)} at 30, ${pct(b60.c2fRandomMet)} at 60`);
}

if (ref && aa && ratios['optuna-tpe-2']) {
  const r = ratios['optuna-tpe-2'];
  console.log(`\nnoise floor: Optuna's TPE against itself with another sampler seed (same startup trials, split and model seeds): ${r[30].toFixed(3)} at 30 trials, ${r[60].toFixed(3)} at 60`);
}
if (ref && ratios.tpe && ratios.c2f && ratios['c2f-tpe']) {
  console.log('\ntargets: Knobs TPE ≤ 1.00 × Optuna TPE at 30 and 60 trials; coarse-to-fine (either) ≤ 1.05 and better than random in ≥ 70% of seeds');
  console.log(`search quality: tpe/optuna-tpe=${ratios.tpe[60].toFixed(3)} c2f/optuna-tpe=${ratios.c2f[60].toFixed(3)} c2f-tpe/optuna-tpe=${ratios['c2f-tpe'][60].toFixed(3)}`);
}
