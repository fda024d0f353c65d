import { loadDataset, makeSplit } from '../../src-core/data';
import { trainConfigOf } from '../../src-core/spec/spec';
import { findingsOf, targetFacts } from '../../src-core/diagnostics/findings';
import { trainConfiguration } from '../../src-core/train/trainer';
import type { EpochMetrics, TrainResult } from '../../src-core/train/types';
import { figure } from '../../src-core/format';
import { BadInputError, issueText } from '../../src-core/errors';
import { dataCautions } from '../../src-core/search/cautions';
import { targetIssues } from '../../src-core/search/study';
import { counted, EXIT, readSpecFile } from './common';

/** Output streams, injectable for tests. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `knobs train SPEC.json [--json] [--test] [--seed S] [--model-seed M]`: one configuration, per-epoch metrics, then a summary. The split (and a synthetic data set) follows S, the model M (default S). */
export function trainCommand(specPath: string, opts: { json?: boolean; test?: boolean; seed?: number; modelSeed?: number }, io: Io): number {
  const { spec, baseDir } = readSpecFile(specPath);
  const seed = opts.seed ?? spec.seed;
  const modelSeed = opts.modelSeed ?? seed;
  const config = trainConfigOf(spec);
  const dataset = loadDataset(spec.dataset, seed, baseDir);
  const split = makeSplit(dataset, spec.split, seed);
  const refused = targetIssues(spec, dataset);
  if (refused.length > 0) throw new BadInputError(refused.map(issueText).join('; '), refused);
  // --test asks for the held-out rows: a split that holds none back would leave it silently unanswered.
  if (opts.test && split.test.length === 0) {
    const share = spec.split.test;
    throw new BadInputError(share === 0
      ? `--test evaluates the held-out test rows, but the spec's split.test is 0, so none are held out; set "split": { …, "test": 0.2 } (a share from 0 to 1), or leave out --test`
      : `--test evaluates the held-out test rows, but split.test ${share} of ${dataset.nRows} rows leaves none; raise split.test or use more rows, or leave out --test`, [{ path: 'split.test', message: 'no test rows' }]);
  }
  for (const c of dataCautions(dataset, spec)) io.err(`caution: ${issueText(c)}`);
  if (!opts.json) {
    const dropped = dataset.droppedRows ? ` (${counted(dataset.droppedRows, 'row')} with a missing value dropped)` : '';
    io.out(`${dataset.name}: ${dataset.nRows} rows${dropped} × ${dataset.nFeatures} features, ${dataset.task}; ` +
      `${counted(split.folds.length, 'fold')}, ${split.folds[0].train.length} train / ${split.folds[0].val.length} val / ${split.test.length} test rows`);
    io.out(`model ${dataset.nFeatures}-${config.hiddenLayers.join('-')}-${dataset.task === 'classification' ? (dataset.classNames?.length ?? '?') : 1}, ` +
      `${config.activation}, ${config.init}, ${config.optimizer} lr ${figure(config.lr)}, batch ${config.batchSize}, ${config.epochs} epochs`);
  }
  const result = trainConfiguration({
    dataset,
    split,
    preprocess: spec.preprocess,
    targetPreprocess: spec.targetPreprocess,
    config,
    seed: modelSeed,
    evaluateTest: opts.test,
    diagnosticsEvery: spec.diagnostics?.every ?? 5,
    onEpoch: (m) => io.out(opts.json ? JSON.stringify(epochJson(m)) : epochLine(m, split.folds.length > 1)),
  });
  const fold = result.folds[0];
  const classCounts: number[] = [];
  if (dataset.task === 'classification') for (const y of dataset.y) classCounts[y] = (classCounts[y] ?? 0) + 1;
  const findings = findingsOf({
    task: dataset.task, epochs: fold.epochs, folds: result.folds.map((f) => f.epochs), bestEpoch: result.bestEpoch, stopReason: result.stopReason,
    snapshots: fold.diagnostics, config, trainRows: split.folds[0].train.length, features: dataset.nFeatures, classCounts: Array.from(classCounts, (c) => c ?? 0), crossValidated: split.folds.length > 1, metric: spec.objective.metric,
    ...(result.confusion ? { confusion: { classes: result.confusion.map((_, i) => dataset.classNames?.[i] ?? String(i)), counts: result.confusion } } : {}),
    ...(dataset.task === 'regression' ? { target: targetFacts(dataset.y, split.folds[0].train, spec.targetPreprocess) } : {}),
  });
  const classes = dataset.classNames ?? [];
  const confusion = result.confusion ? { classes, counts: result.confusion } : null;
  if (opts.json) io.out(JSON.stringify({ ...summaryJson(result), confusion, findings }));
  else {
    io.out(summaryLine(result));
    if (confusion) for (const line of confusionLines(confusion.classes, confusion.counts, result.bestEpoch, split.folds.length)) io.out(line);
    for (const f of findings) io.out(`${f.severity === 'info' ? '✓' : '!'} ${f.title}: ${f.detail} ${f.advice}`);
  }
  return result.stopReason === 'diverged' || result.stopReason === 'error' ? EXIT.failed : EXIT.ok;
}

function epochJson(m: EpochMetrics): Record<string, unknown> {
  return {
    fold: m.fold,
    epoch: m.epoch,
    train_loss: m.trainLoss,
    val_loss: m.valLoss,
    penalty: m.penalty,
    train_accuracy: m.trainAccuracy,
    val_accuracy: m.valAccuracy,
    val_balanced_accuracy: m.valBalancedAccuracy,
    val_rmse: m.valRmse,
    val_mae: m.valMae,
    val_r2: m.valR2,
    lr: m.lr,
    grad_norms: m.gradNorms,
    seconds: round(m.seconds, 4),
  };
}

function summaryJson(r: TrainResult): Record<string, unknown> {
  return {
    summary: true,
    best_epoch: r.bestEpoch,
    stopped_epoch: r.stoppedEpoch,
    stop_reason: r.stopReason,
    train_loss: r.best.trainLoss,
    val_loss: r.best.valLoss,
    train_accuracy: r.best.trainAccuracy,
    val_accuracy: r.best.valAccuracy,
    val_balanced_accuracy: r.best.valBalancedAccuracy,
    val_rmse: r.best.valRmse,
    val_mae: r.best.valMae,
    val_r2: r.best.valR2,
    folds: r.folds.length,
    // The listed test predictions (up to 500 pairs) are the drawer's chart, not a summary figure.
    test: r.test ? (({ predictions: _listed, ...metrics }) => metrics)(r.test) : null,
    kernels: r.kernelPath,
    seconds: round(r.seconds, 3),
    seed: r.seed,
  };
}

function epochLine(m: EpochMetrics, kfold: boolean): string {
  const parts = [
    `${kfold ? `fold ${m.fold + 1} ` : ''}epoch ${String(m.epoch).padStart(3)}`,
    `train_loss ${fmt(m.trainLoss)}`,
    `val_loss ${fmt(m.valLoss)}`,
  ];
  if (m.valAccuracy !== null) parts.push(`train_acc ${pct(m.trainAccuracy)}`, `val_acc ${pct(m.valAccuracy)}`, `val_bal_acc ${pct(m.valBalancedAccuracy)}`);
  if (m.valRmse !== null) parts.push(`val_rmse ${fmt(m.valRmse)}`, `val_r2 ${fmt(m.valR2)}`);
  parts.push(`lr ${figure(m.lr)}`, `${(m.seconds * 1000).toFixed(0)} ms`);
  return parts.join('  ');
}

function summaryLine(r: TrainResult): string {
  const b = r.best;
  const metric = b.valAccuracy !== null ? `val_accuracy ${pct(b.valAccuracy)}, val_balanced_accuracy ${pct(b.valBalancedAccuracy)}` : `val_rmse ${fmt(b.valRmse)}`;
  const test = r.test ? `; test loss ${fmt(r.test.loss)}${r.test.accuracy !== null ? ` accuracy ${pct(r.test.accuracy)}` : ''}` : '';
  const best = r.bestEpoch === null ? 'no epoch with a finite val_loss' : `best epoch ${r.bestEpoch}`;
  return `${best}, stopped at ${r.stoppedEpoch} (${r.stopReason}): val_loss ${fmt(b.valLoss)}, ${metric}${test} ` +
    `[${r.seconds.toFixed(2)} s, ${r.kernelPath} kernels]`;
}

/** The widest table of classes printed (a terminal's width); more classes are in --json. */
const CONFUSION_PRINTED = 12;

/**
 * The validation rows' confusion as a table: true class down, predicted across, each class's
 * recall (its row's share on the diagonal) at the right and precision (its column's) below; a
 * class never predicted has no precision ("-"). Past CONFUSION_PRINTED classes, one line saying
 * where the counts are.
 */
export function confusionLines(classes: string[], counts: number[][], bestEpoch: number | null, folds: number): string[] {
  const k = counts.length;
  const rows = counts.reduce((n, r) => n + r.reduce((a, b) => a + b, 0), 0);
  const where = `${rows} validation rows${folds > 1 ? ` of ${folds} folds` : ''}${bestEpoch === null ? '' : ` at the best epoch${folds > 1 ? 's' : ` (${bestEpoch})`}`}`;
  if (k > CONFUSION_PRINTED) return [`confusion: ${k} classes, too many to print here; --json gives the counts (${where})`];
  const name = (i: number): string => {
    const c = classes[i] ?? String(i);
    return c.length > 12 ? `${c.slice(0, 11)}…` : c;
  };
  const share = (num: number, den: number): string => (den === 0 ? '-' : `${figure((num / den) * 100)}%`);
  const w = Math.max(6, ...counts.flat().map((c) => String(c).length), ...counts.map((_, i) => name(i).length));
  const first = Math.max('precision'.length, ...counts.map((_, i) => name(i).length));
  const line = (label: string, cells: string[], tail: string): string => `${label.padEnd(first)}  ${cells.map((c) => c.padStart(w)).join(' ')}  ${tail}`.trimEnd();
  const out = [`confusion on the ${where}: true class down, predicted across`];
  out.push(line('', counts.map((_, i) => name(i)), '   recall'));
  counts.forEach((r, i) => out.push(line(name(i), r.map(String), share(r[i], r.reduce((a, b) => a + b, 0)).padStart(9))));
  out.push(line('precision', counts.map((_, j) => share(counts[j][j], counts.reduce((n, r) => n + r[j], 0))), ''));
  return out;
}

/** A figure as the rest of the CLI prints it (`figure`), '-' when missing. */
function fmt(x: number | null): string {
  return x === null ? '-' : figure(x);
}
/** A share as a percentage, its figure as everywhere else: "93.5%". */
function pct(x: number | null): string {
  return x === null ? '-' : `${figure(x * 100)}%`;
}
function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
