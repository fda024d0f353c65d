// Which of the trials that tie at the best accuracy is the better model? Trials whose objective is
// accuracy on a few validation rows often tie at the best value (on breast_cancer's 114 validation
// rows, up to 25 of 45 trials at one value). Knobs lists a tie in the order the trials ran; the
// obvious alternative, the lowest validation loss first, was tried and measured here (see
// docs/search-quality.md, "Ties"). For seeds 1..BENCH_SEEDS (default 12): a random search of 45
// trials on breast_cancer (val_accuracy, 20% of the rows held out as a test split); of the trials
// tied at the best accuracy, the first to run and the one of lowest validation loss are each trained
// again with their own model seed (`knobs spec --trial`, `knobs train --model-seed --test`), which
// gives the trial's own model, and evaluated once on the test rows. It prints each seed's two picks
// and the count of seeds where the lowest validation loss does better and worse on the test rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src-core/store/store';

const knobs = join(process.cwd(), 'bin', 'knobs.mjs');
const seeds = Number(process.env.BENCH_SEEDS ?? 12);
const dir = mkdtempSync(join(tmpdir(), 'knobs-tie-break-'));
const db = join(dir, 'k.db');

/** A knobs command on this run's database (`train` reads none). */
function run(...args: string[]): string {
  const r = spawnSync(process.execPath, [knobs, ...args, ...(args[0] === 'train' ? [] : ['--db', db])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`knobs ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

type Listed = { number: number; objective: number };
type Test = { loss: number; accuracy: number };

/** Trial `n` of search `name` trained again with its own model seed, evaluated once on the test rows. */
function testOf(name: string, n: number): Test {
  const file = join(dir, `${name}-${n}.json`);
  run('spec', name, '--trial', String(n), '--out', file);
  const seed = (JSON.parse(run('trial', name, String(n), '--json')) as { trial: { seed: number } }).trial.seed;
  const out = run('train', file, '--json', '--test', '--model-seed', String(seed));
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { test: Test }).test;
}

const rows: { seed: number; ties: number; first: number; lowest: number; a: Test; b: Test }[] = [];
console.log('seed  ties  first-run pick (test loss, accuracy)  lowest-val_loss pick (test loss, accuracy)');
for (let seed = 1; seed <= seeds; seed++) {
  const name = `s${seed}`;
  const spec = {
    project: 'tie-break', name, dataset: { builtin: 'breast_cancer' }, split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, diagnostics: { every: 0 },
    train: { epochs: 40, batchSize: 16, hiddenLayers: [32], optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 8 } },
    space: {
      lr: { type: 'float', low: 1e-4, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
      dropout: { type: 'float', low: 0, high: 0.6 }, l2: { type: 'float', low: 1e-6, high: 0.1, log: true },
    },
    strategy: { kind: 'random' }, objective: { metric: 'val_accuracy' }, budget: { trials: 45 }, workers: 2, seed,
  };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(spec));
  run('run', join(dir, `${name}.json`), '--quiet');
  // The ranking the app shows (knobs trials), with each trial's validation loss from the database.
  const best = (JSON.parse(run('trials', name, '--json', '--top', '50')) as { best: Listed[] }).best;
  const store = Store.open(db);
  const losses = new Map(store.trials.list(store.searches.get(name)!.id).map((t) => [t.number, t.val_loss]));
  store.close();
  const tied = best.filter((t) => t.objective === best[0].objective).map((t) => ({ ...t, valLoss: losses.get(t.number) ?? null }));
  const first = tied[0];
  const lowest = [...tied].sort((x, y) => (x.valLoss ?? Infinity) - (y.valLoss ?? Infinity) || x.number - y.number)[0];
  const a = testOf(name, first.number);
  const b = lowest.number === first.number ? a : testOf(name, lowest.number);
  rows.push({ seed, ties: tied.length, first: first.number, lowest: lowest.number, a, b });
  const fmt = (t: Test): string => `${t.loss.toPrecision(3)}, ${t.accuracy.toFixed(4)}`;
  console.log(`${String(seed).padStart(4)}  ${String(tied.length).padStart(4)}  #${first.number} (${fmt(a)})`.padEnd(52) + `#${lowest.number} (${fmt(b)})`);
}
const differ = rows.filter((r) => r.first !== r.lowest);
const count = (f: (r: (typeof rows)[number]) => boolean): number => differ.filter(f).length;
console.log(`\nthe picks differ on ${differ.length} of ${rows.length} seeds; there the lowest validation loss has the higher test accuracy on ${count((r) => r.b.accuracy > r.a.accuracy)}, ` +
  `the lower on ${count((r) => r.b.accuracy < r.a.accuracy)}; the lower test loss on ${count((r) => r.b.loss < r.a.loss)}, the higher on ${count((r) => r.b.loss > r.a.loss)}`);
rmSync(dir, { recursive: true, force: true });
