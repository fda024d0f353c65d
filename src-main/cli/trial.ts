import type { Command } from 'commander';
import type { FindingInfo, KnobInfo, ObjectiveChance, ThresholdCurve, ThresholdPoint, TrialDetail, TrialDiagnostics } from '../../src-core/api/contract';
import { thresholdSentences } from '../../src-core/analysis/threshold';
import { bestTrials } from '../../src-core/analysis/best';
import { predictionSentence } from '../../src-core/analysis/predictions';
import { confusionLines } from './train';
import type { TrialRow } from '../../src-core/store/rows';
import { valueLabel } from '../../src-core/api/labels';
import { statusWord, stopSentence } from '../../src-core/api/trialText';
import { BadInputError } from '../../src-core/errors';
import { UNFINISHED_TRIAL_STATUSES } from '../../src-core/vocabulary';
import { durationText } from '../../src-core/format';
import { parseStoredSpec } from '../../src-core/spec/spec';
import { packageVersion } from '../../src-core/util/paths';
import { knobInfo, Workbench } from '../../src-core/service/workbench';
import { searchChances } from '../../src-core/service/insight';
import { intOption } from './common';
import type { Register } from './index';
import { openExistingStore } from './output';
import { dbOption, findSearch, findTrial, fmt, searchNotes, specOfSearch } from './search';

/** At most this many epochs of a curve are printed; a longer one is sampled evenly, its best and last epochs kept. */
export const CURVE_POINTS = 20;

/** The epochs of a curve to print: all of them when few, else CURVE_POINTS evenly spaced with the best and the last. */
export function curveSample(epochs: readonly number[], best: number | null): number[] {
  if (epochs.length <= CURVE_POINTS) return [...epochs];
  const picked = new Set<number>();
  for (let i = 0; i < CURVE_POINTS - 1; i++) picked.add(epochs[Math.round((i * (epochs.length - 1)) / (CURVE_POINTS - 1))]);
  picked.add(epochs[epochs.length - 1]);
  if (best !== null && epochs.includes(best)) picked.add(best);
  return [...picked].sort((a, b) => a - b);
}

/** The metric a curve line prints: the objective's own for a regression (val_rmse, val_mae, val_r2), else the validation loss. */
const CURVE_OF: Record<string, { key: 'valLoss' | 'valAccuracy' | 'valBalancedAccuracy' | 'valRmse' | 'valMae' | 'valR2'; name: string }> = {
  val_loss: { key: 'valLoss', name: 'validation loss' },
  train_loss: { key: 'valLoss', name: 'validation loss' },
  val_accuracy: { key: 'valAccuracy', name: 'validation accuracy' },
  val_balanced_accuracy: { key: 'valBalancedAccuracy', name: 'validation balanced accuracy' },
  val_rmse: { key: 'valRmse', name: 'validation RMSE' },
  val_mae: { key: 'valMae', name: 'validation MAE' },
  val_r2: { key: 'valR2', name: 'validation R²' },
};

/**
 * One trial as the app's drawer tells it, in lines of text: how it ended, its metrics at the best
 * epoch, its knobs, seed and time, its curve of the objective's metric by epoch (the first fold's),
 * why it failed, and the diagnostics' findings with their evidence and advice.
 */
export function trialLines(search: { id: number; name: string; metric: string }, t: TrialDetail, d: TrialDiagnostics): string[] {
  const lines: string[] = [];
  const ended = t.status === 'running' || t.status === 'queued' ? '' : `: ${stopSentence(t)}`;
  lines.push(`search ${search.id} "${search.name}", trial ${t.number}${t.round > 1 ? ` (round ${t.round})` : ''} [${statusWord(t.status)}]${ended}`);
  const atBest = t.bestEpoch === null ? -1 : t.curves.epoch.findIndex((e, i) => e === t.bestEpoch && t.curves.fold[i] === 0);
  const at = (xs: (number | null)[]): number | null => (atBest >= 0 ? xs[atBest] : null);
  const metrics = [
    `${search.metric} ${fmt(t.objective)} (the objective)`,
    `train loss ${fmt(t.trainLoss)}, validation loss ${fmt(t.valLoss)}`,
    ...(t.trainAccuracy !== null || t.valAccuracy !== null ? [`train accuracy ${fmt(t.trainAccuracy)}, validation accuracy ${fmt(t.valAccuracy)}${t.valBalancedAccuracy !== null ? `, validation balanced accuracy ${fmt(t.valBalancedAccuracy)}` : ''}`] : []),
    ...(at(t.curves.valRmse) !== null ? [`validation RMSE ${fmt(at(t.curves.valRmse))}, MAE ${fmt(at(t.curves.valMae))}, R² ${fmt(at(t.curves.valR2))}`] : []),
  ];
  lines.push(`  ${metrics.join('; ')}${t.bestEpoch !== null ? ` (at the best epoch, ${t.bestEpoch})` : ''}`);
  const knobs = Object.entries(t.knobs).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : valueLabel(v)}`);
  if (knobs.length > 0) lines.push(`  knobs: ${knobs.join(' ')}`);
  const when = t.startedAt ? `, started ${t.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : '';
  const trained = t.durationS === null ? '' : `; trained ${durationText(t.durationS)}${when}`;
  lines.push(`  seed ${t.seed}${t.splitSeed !== null ? ` (split seed ${t.splitSeed})` : ''}${trained}${t.kernelPath ? `; kernels ${t.kernelPath}` : ''}`);
  if (t.error) lines.push(`  error: ${t.error}`);
  if (t.tags.length > 0) lines.push(`  tags: ${t.tags.join(', ')}`);
  if (t.notes.trim()) lines.push(`  notes: ${t.notes.trim().replace(/\s*\n\s*/g, ' / ')}`);
  lines.push(...curveLines(t, search.metric));
  if (t.predictions) lines.push(`  predictions: ${predictionSentence(t.predictions, t.bestEpoch, new Set(t.curves.fold).size)}`);
  // Classes: the validation rows' confusion at the best epoch, as the drawer's table shows it (each class's recall, each answer's precision).
  if (t.confusion) lines.push(...confusionLines(t.confusion.classes, t.confusion.counts, t.bestEpoch, new Set(t.curves.fold).size).map((l) => `  ${l}`));
  lines.push(...findingLines(d));
  return lines;
}

/** The objective's metric by epoch on the first fold: "validation loss by epoch: 1: 0.52, 2: 0.31, … (best 9)". */
function curveLines(t: TrialDetail, metric: string): string[] {
  const curve = CURVE_OF[metric] ?? CURVE_OF.val_loss;
  const rows = t.curves.epoch.map((epoch, i) => ({ epoch, fold: t.curves.fold[i], value: t.curves[curve.key][i] })).filter((r) => r.fold === 0);
  if (rows.length === 0) return [];
  const folds = new Set(t.curves.fold).size;
  const shown = new Set(curveSample(rows.map((r) => r.epoch), t.bestEpoch));
  const values = rows.filter((r) => shown.has(r.epoch)).map((r) => `${r.epoch}: ${fmt(r.value)}`);
  const of = `${curve.name} by epoch${folds > 1 ? ` (fold 1 of ${folds})` : ''}${rows.length > shown.size ? `, ${shown.size} of ${rows.length} epochs` : ''}`;
  return [`  ${of}: ${values.join(', ')}`];
}

/** The diagnostics' findings, root causes first: each its severity, title, evidence and advice. */
function findingLines(d: TrialDiagnostics): string[] {
  const source = d.every ? `the curves and the layer statistics recorded at initialization and every ${d.every} epochs` : 'the curves (this search recorded no layer statistics)';
  if (d.findings.length === 0) return [`diagnostics (read from ${source}): nothing to report`];
  const mark: Record<FindingInfo['severity'], string> = { error: 'error  ', warning: 'warning', info: 'info   ' };
  return [
    `diagnostics (read from ${source}):`,
    ...d.findings.flatMap((f) => [`  ${mark[f.severity]}  ${f.title}`, `           ${f.detail}`, ...(f.advice ? [`           advice: ${f.advice}`] : [])]),
  ];
}

/** `knobs trial SEARCH N`: one trial in full, as the app's drawer shows it; `knobs trials SEARCH`: the best ones as a table. */
export const registerTrialCommand: Register = (program: Command, io) => {
  program
    .command('trials')
    .description('a search\'s best trials as a table (as the dashboard\'s Best trials ranks them), then what the best value does not say (a tie, a loss of exactly 0) and where the failed trials lie')
    .argument('<search>', 'a search id or name')
    .option('--top <k>', 'how many of the best trials (1 to 1000000; default 10)')
    .option('--json', 'print them (and the notes) as one JSON object')
    .option(...dbOption)
    .action((ref: string, opts: { top?: string; json?: boolean; db?: string }) => {
      const top = opts.top === undefined ? 10 : intOption(opts.top, '--top', 1, 1_000_000);
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const spec = specOfSearch(s);
        const search = { id: s.id, name: s.name, metric: spec.objective.metric, direction: spec.objective.direction };
        const reading = trialsReading(search, store.trials.list(s.id), knobInfo(spec), top, searchChances(store, s.id, spec)[spec.objective.metric] ?? null);
        if (!opts.json) return void io.out(trialsLines(search, reading).join('\n'));
        io.out(JSON.stringify({ search: s.id, name: s.name, metric: search.metric, direction: search.direction, best: reading.best, notes: reading.notes }));
      } finally {
        store.close();
      }
    });

  program
    .command('trial')
    .description('one trial in full, as the app\'s trial drawer shows it: how it ended, its metrics, knobs, seed, curve, and the diagnostics\' findings (why it failed, with advice)')
    .argument('<search>', 'a search id or name')
    .argument('<trial>', 'the trial\'s number in that search, or "best"')
    .option('--target-error <percent>', 'the error you would accept (0–100), for the bias and variance reading')
    .option('--thresholds [class]', 'a classification trial: also train it again and give precision and recall of a class (default its rarest) at each threshold of its probability (the drawer\'s curve, as a table)')
    .option('--json', 'print the trial and its diagnostics as one JSON object')
    .option(...dbOption)
    .action(async (ref: string, trial: string, opts: { targetError?: string; thresholds?: boolean | string; json?: boolean; db?: string }) => {
      const targetError = opts.targetError === undefined ? undefined : percentOption(opts.targetError);
      const store = openExistingStore(opts.db);
      // The app's own service answers, as it answers the drawer; it writes nothing (no backups, no watching).
      const wb = new Workbench({ store, version: packageVersion(), backups: false, watchMs: 0 });
      try {
        const s = findSearch(store, ref);
        const { number } = findTrial(store, s, trial);
        const detail = (await wb.call('trials.get', { searchId: s.id, number })) as TrialDetail;
        const diagnostics = (await wb.call('trials.diagnostics', { searchId: s.id, number, ...(targetError === undefined ? {} : { targetError }) })) as TrialDiagnostics;
        let metric = 'val_loss';
        try {
          metric = parseStoredSpec(s.spec).objective.metric;
        } catch {
          // a spec this version cannot read: the validation loss stands for the objective's name
        }
        let positive: number | undefined;
        if (typeof opts.thresholds === 'string') {
          // A class by its name, as the confusion names it.
          const classes = detail.confusion?.classes ?? [];
          positive = classes.indexOf(opts.thresholds);
          if (positive < 0) {
            throw new BadInputError(`--thresholds: trial ${number} has no class "${opts.thresholds}"${classes.length > 0 ? `; its classes: ${classes.map((c) => `"${c}"`).join(', ')}` : ' (it has no classes to name)'}`, [{ path: 'thresholds', message: 'no such class' }]);
          }
        }
        const curve = opts.thresholds ? (await wb.call('trials.threshold', { searchId: s.id, number, ...(positive === undefined ? {} : { positive }) })) as ThresholdCurve : undefined;
        if (opts.json) io.out(JSON.stringify({ search: s.id, name: s.name, metric, trial: detail, diagnostics: { every: diagnostics.every, findings: diagnostics.findings }, ...(curve ? { thresholds: curve } : {}) }));
        else {
          io.out(trialLines({ id: s.id, name: s.name, metric }, detail, diagnostics).join('\n'));
          if (curve) io.out(thresholdLines(curve).join('\n'));
        }
      } finally {
        await wb.shutdown();
        store.close();
      }
    });
};

type SearchWords = { id: number; name: string; metric: string; direction: 'minimize' | 'maximize' };
/**
 * Precision and recall of a class (by default the rarest) at each threshold, as the drawer says them: its
 * sentences, then a table of thresholds, one per tenth of recall, with its own answer's and the best F1's.
 */
export function thresholdLines(c: ThresholdCurve): string[] {
  const name = c.classes[c.positive] ?? String(c.positive);
  const picked = new Set<ThresholdPoint>();
  for (let tenth = 1; tenth <= 10; tenth++) {
    const p = c.points.find((x) => x.recall >= tenth / 10 - 1e-12);
    if (p) picked.add(p);
  }
  const answer = c.points.find((p) => p.called === c.answer.called);
  if (answer) picked.add(answer);
  const best = c.bestF1 ? c.points.find((p) => p.threshold === c.bestF1!.threshold) : undefined;
  if (best) picked.add(best);
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const rows = c.points.filter((p) => picked.has(p)).map((p) => {
    const f1 = p.precision + p.recall > 0 ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0;
    const mark = [p === answer ? 'its answer' : '', p === best ? 'best F1' : ''].filter(Boolean).join(', ');
    return `  ${fmt(p.threshold).padStart(9)}  ${String(p.called).padStart(6)}  ${String(p.found).padStart(5)}  ${pct(p.precision).padStart(9)}  ${pct(p.recall).padStart(6)}  ${fmt(f1).padStart(6)}${mark ? `  ← ${mark}` : ''}`;
  });
  return [
    '',
    `Precision and recall of "${name}" at each threshold (trained again: ${c.replay.identical ? 'it replays the stored run bit for bit' : c.replay.message}):`,
    ...thresholdSentences(c).map((x) => `  ${x}`),
    `  ${'threshold'.padStart(9)}  ${'called'.padStart(6)}  ${'found'.padStart(5)}  ${'precision'.padStart(9)}  ${'recall'.padStart(6)}  ${'F1'.padStart(6)}`,
    ...rows,
  ];
}

/** A trial as `knobs trials` shows it (and `--json` writes it). */
type ListedTrial = { number: number; status: string; objective: number | null; bestEpoch: number | null; seconds: number | null; knobs: Record<string, unknown> };

/** A search's trials read once: all of them, the best `top`, and the notes (a tie or the metric's limit, a best no better than chance, where the failed trials lie) as the dashboard's overview says them. */
export function trialsReading(search: SearchWords, rows: readonly TrialRow[], knobs: KnobInfo[], top: number, chance: ObjectiveChance | null = null): { trials: ListedTrial[]; best: ListedTrial[]; notes: string[] } {
  const trials = rows.map((r): ListedTrial => ({ number: r.number, status: r.status, objective: r.objective, bestEpoch: r.best_epoch, seconds: r.duration_s, knobs: JSON.parse(r.knobs) as Record<string, unknown> }));
  return { trials, best: bestTrials(trials, search.direction, top), notes: searchNotes(trials, knobs, search.metric, search.direction, chance) };
}

/** The search's best trials as a table, then the notes and how to see one trial in full. */
export function trialsLines(search: SearchWords, { trials, best, notes }: ReturnType<typeof trialsReading>): string[] {
  const counts = new Map<string, number>();
  for (const t of trials) counts.set(statusWord(t.status), (counts.get(statusWord(t.status)) ?? 0) + 1);
  const lines = [`search ${search.id} "${search.name}": ${trials.length} trial${trials.length === 1 ? '' : 's'} (${[...counts].map(([w, n]) => `${n} ${w}`).join(', ')}); ` +
    (best.length === 0 ? `none has a ${search.metric}${trials.some((t) => (UNFINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)) ? ' yet' : ''}` : `the best ${best.length} by ${search.metric} (${search.direction})`)];
  if (best.length > 0) {
    const table = [['rank', 'trial', 'status', search.metric, 'best epoch', 'time', 'knobs'], ...best.map((t, i) => [
      String(i + 1), String(t.number), statusWord(t.status), fmt(t.objective), t.bestEpoch === null ? '-' : String(t.bestEpoch),
      t.seconds === null ? '-' : durationText(t.seconds),
      Object.entries(t.knobs).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : valueLabel(v)}`).join(' '),
    ])];
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    // Numbers right-aligned, words and knobs left-aligned; the last column unpadded.
    const left = new Set([2, 6]);
    for (const r of table) lines.push(r.map((cell, c) => (c === r.length - 1 ? cell : left.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  }
  lines.push(...notes);
  if (trials.length > 0) lines.push(`"knobs trial ${search.id} N" shows trial N in full, with its diagnostics${best.length > 0 ? ` ("knobs trial ${search.id} best": trial ${best[0].number})` : ''}.`);
  return lines;
}

/** --target-error as a share: "5" or "5%" → 0.05, from 0 to 100. */
function percentOption(text: string): number {
  const v = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 100) {
    throw new BadInputError(`--target-error is the error you would accept, in percent from 0 to 100 (got "${text}")`, [{ path: 'targetError', message: 'a percentage from 0 to 100' }]);
  }
  return v / 100;
}
