import { describe, expect, it } from 'vitest';
import type { PruneInfo, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { PRUNER_KINDS, prunerSchema } from '../../src-core/prune/schema';
import { prunerForms } from '../../src-core/prune/forms';
import { checkSpec } from '../../src-core/service/workbench';
import { parseSpec } from '../../src-core/spec/spec';
import { curveMap } from '../../src-renderer/src/charts/curves';
import { curvesOption } from '../../src-renderer/src/charts/curveOptions';
import { bestSoFarOption, edgeCounts, knobAxes, knobScatterOption, parallelOption } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { progress } from '../../src-renderer/src/charts/trials';
import { pruneExplanation, savedShare, whereStopped } from '../../src-renderer/src/model/pruning';
import { defaultForm, fromSpec, toSpec } from '../../src-renderer/src/model/specForm';
import { trialSummary } from '../helpers/trials';

const asha: PruneInfo = { rule: 'asha', step: 3, fold: 0, epoch: 3, value: 0.9, threshold: 0.7, compared: 7, rung: 1, keep: 2, rank: 4, lastStep: 10 };
const trial = (number: number, objective: number, pruned: PruneInfo | null = null): TrialSummary => trialSummary(number, {
  status: pruned ? 'pruned' : 'complete', knobs: { lr: 10 ** -(number % 4) }, objective, bestEpoch: pruned ? pruned.epoch : 10,
  stoppedEpoch: pruned ? pruned.epoch : 10, stopReason: pruned ? 'pruned' : 'max_epochs', prune: pruned,
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- option data of many shapes
type Series = { type: string; name: string; data: any[]; markLine?: { data: { xAxis: number; name: string }[] } };
const view = (trials: TrialSummary[]) => ({ metric: 'val_loss', direction: 'minimize' as const, scale: objectiveScale(trials.map((t) => t.objective), 'linear') });

describe('pruned trials on the charts', () => {
  const trials = [trial(0, 0.5), trial(1, 0.2, { ...asha, value: 0.2 }), trial(2, 0.4), trial(3, 0.9, asha)];

  it('best so far ignores pruned trials (even one with a lower value) and draws them hollow, counted', () => {
    const o = bestSoFarOption(trials, view(trials));
    const series = o.series as Series[];
    expect(series.find((s) => s.name === 'best so far')!.data).toEqual([[0, 0.5], [2, 0.4]]);
    const pruned = series.find((s) => s.name === 'pruned (2)')!;
    expect(pruned.data.map((d) => d.trial)).toEqual([1, 3]);
    expect(edgeCounts(trials, view(trials).scale).text).toMatch(/^2 trials pruned/);
  });

  it('the legend counts every pruned trial, those drawn beyond the axis too, as the caption does', () => {
    // The audit's ASHA search: the legend said "pruned (17)" beside a caption's "20 trials pruned"; 3 sat beyond the axis.
    const many = [...trials, trial(4, 0.3), trial(5, 0.6), trial(6, 0.35), trial(7, 0.45), trial(8, 900, { ...asha, value: 900 })];
    const v = { ...view(many), scale: objectiveScale(many.map((t) => t.objective)) };
    expect(v.scale.max).toBeLessThan(900);
    const names = (bestSoFarOption(many, v).series as Series[]).map((s) => s.name);
    expect(names).toContain('pruned (3)');
    expect(names).toContain('beyond the axis (1)');
    expect(edgeCounts(many, v.scale).text).toMatch(/^3 trials pruned/);
    const k = knobScatterOption(many, knobAxes([{ name: 'lr', type: 'float', log: true }], [])[0], v).series as Series[];
    expect(k.map((s) => s.name)).toEqual(expect.arrayContaining(['pruned (3)', 'beyond (1)']));
  });

  it('the knob and parallel charts draw pruned trials apart from those that ran their course', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }], []);
    const k = knobScatterOption(trials, axes[0], view(trials)).series as Series[];
    expect(k.find((s) => s.name === 'round 1')!.data.map((d) => d.trial)).toEqual([0, 2]);
    expect(k.find((s) => s.name === 'pruned (2)')!.data.map((d) => d.trial)).toEqual([1, 3]);
    const p = parallelOption(trials, axes, view(trials)).series as Series[];
    expect(p[0].data.map((d) => d.trial)).toEqual([0, 2]);
    expect(p[1].data.map((d) => d.trial)).toEqual([1, 3]);
  });

  it('a pruned curve ends in a mark at its last epoch, and the rungs are vertical lines within the epochs drawn', () => {
    const curves = curveMap({ trial: [0, 0, 0, 0, 3, 3, 3], fold: [0, 0, 0, 0, 0, 0, 0], epoch: [1, 2, 3, 4, 1, 2, 3], trainLoss: [1, 1, 1, 1, 1, 1, 1], valLoss: [1, 0.8, 0.6, 0.5, 1.2, 1, 0.9], trainAccuracy: [null, null, null, null, null, null, null], valAccuracy: [null, null, null, null, null, null, null], valBalancedAccuracy: [], valRmse: [], valMae: [], valR2: [], lr: [1, 1, 1, 1, 1, 1, 1], seconds: [1, 1, 1, 1, 1, 1, 1] });
    const o = curvesOption(curves, [trial(0, 0.5), trial(3, 0.9, asha)], null, 'loss', objectiveScale([0.5, 1.2], 'linear'), [1, 3, 9]);
    const mark = (o.series as Series[]).find((s) => s.name === 'pruned (1)')!;
    expect(mark.data).toEqual([expect.objectContaining({ value: [3, 0.9], trial: 3 })]);
    expect(mark.markLine!.data.map((l) => l.xAxis)).toEqual([1, 3]);
    // A trial pruned in a later fold ends no curve of the first fold's overlay.
    const later = curvesOption(curves, [trial(3, 0.9, { ...asha, fold: 1, step: 13 })], null, 'loss', objectiveScale([0.5, 1.2], 'linear'));
    expect((later.series as Series[]).some((s) => s.name.startsWith('pruned'))).toBe(false);
  });
});

describe('what the dashboard says about pruning', () => {
  it('the progress line counts pruned trials apart from those done', () => {
    const s = { status: 'running', plannedTrials: 140, counts: { complete: 40, failed: 1, pruned: 87, running: 2 }, finished: 128, meanTrialSeconds: 1, workers: 2 } as unknown as SearchSummary;
    expect(progress(s)).toMatchObject({ done: 41, pruned: 87, running: 2, queued: 10 });
  });

  it('says what was saved and which rule stopped a trial against which values', () => {
    expect(savedShare({ epochsTrained: 2900, epochsUnpruned: 10000 })).toEqual({ share: 0.71, text: 'saved 71%' });
    expect(pruneExplanation(asha, 'val_loss', 'minimize')).toBe(
      'Stopped by ASHA at epoch 3, its 2nd rung. Its best val_loss so far, 0.9, ranked 4th of the 7 values recorded there (its own included); only the best 2 go on (val_loss ≤ 0.7).',
    );
    expect(pruneExplanation({ rule: 'median', step: 12, fold: 0, epoch: 12, value: 0.81, threshold: 0.83, compared: 14, lastStep: 50 }, 'val_accuracy', 'maximize')).toBe(
      'Stopped by the median rule at epoch 12. Its best val_accuracy so far, 0.81, was below 0.83, the median of the 14 finished trials at the same epoch.',
    );
    expect(pruneExplanation({ ...asha, rule: 'hyperband', bracket: 2, rank: 2, compared: 3, keep: 1, rung: 0 }, 'val_loss', 'minimize')).toMatch(/^Stopped by Hyperband at epoch 3, its 1st rung \(bracket 2\)\. .* ranked 2nd of the 3 values/);
    expect(whereStopped({ fold: 2, epoch: 9 })).toBe('epoch 9 of fold 3');
  });
});

describe('the editor\'s pruner section', () => {
  it('writes only the settings typed for the chosen pruner, and reads them back', () => {
    const f = defaultForm();
    expect(toSpec(f).pruner).toBeUndefined();
    f.pruner = { kind: 'asha', settings: { median: { warmupEpochs: 7 }, asha: { reductionFactor: 4, minEpochs: null } } };
    const spec = toSpec(f);
    expect(spec.pruner).toEqual({ kind: 'asha', reductionFactor: 4 });
    expect(parseSpec(spec).pruner).toEqual({ kind: 'asha', reductionFactor: 4, minEarlyStoppingRate: 0, startupTrials: 5 });
    expect(fromSpec(spec).pruner).toEqual({ kind: 'asha', settings: { asha: { reductionFactor: 4 } } });
    expect(toSpec(fromSpec({ ...spec, pruner: { kind: 'median', warmupEpochs: 3, interval: 2 } })).pruner).toEqual({ kind: 'median', warmupEpochs: 3, interval: 2 });
    f.pruner.kind = 'none';
    expect(toSpec(f).pruner).toBeUndefined();
  });

  it('passes a pruner it cannot show to the engine as it was, which names what is wrong', () => {
    const spec = toSpec(fromSpec({ dataset: { builtin: 'iris' }, pruner: { kind: 'successive-halving' } }));
    expect(spec.pruner).toEqual({ kind: 'successive-halving' });
    expect(() => parseSpec(spec)).toThrow(/pruner\.kind/);
    expect(toSpec(fromSpec({ dataset: { builtin: 'iris' }, pruner: 'asha' })).pruner).toBe('asha');
  });

  it('draws every pruner from the engine\'s schema: kinds, types, bounds, defaults and help', () => {
    const forms = prunerForms();
    expect(forms.map((f) => f.kind)).toEqual([...PRUNER_KINDS]);
    for (const f of forms) {
      // Defaults the schema fills are the ones the form shows; settings without one (a tenth of the epochs) show none.
      const defaults = Object.fromEntries(f.fields.filter((x) => x.default !== undefined).map((x) => [x.key, x.default]));
      expect(prunerSchema.parse({ kind: f.kind }), f.kind).toEqual({ kind: f.kind, ...defaults });
      for (const x of f.fields) expect(x.help.length, `${f.kind}.${x.key} has help`).toBeGreaterThan(10);
      expect(f.label.length).toBeGreaterThan(10);
    }
    const asha = forms.find((f) => f.kind === 'asha')!;
    expect(asha.fields.map((x) => x.key)).toEqual(['minEpochs', 'reductionFactor', 'minEarlyStoppingRate', 'startupTrials']);
    expect(asha.fields.find((x) => x.key === 'reductionFactor')).toMatchObject({ type: 'integer', min: 2, max: 1000, default: 3 });
    expect(forms.find((f) => f.kind === 'median')!.fields.find((x) => x.key === 'warmupEpochs')).toMatchObject({ type: 'integer', min: 0, default: undefined });
    expect(forms.find((f) => f.kind === 'none')!.fields).toEqual([]);
  });

  it('says what the spec\'s pruner will do, as the dashboard does (null while the spec is not valid)', () => {
    const base = { dataset: { builtin: 'iris' }, train: { epochs: 30 }, space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } } };
    expect(checkSpec({ ...base, pruner: { kind: 'asha' } }).pruner).toBe('ASHA: rungs at epochs 3, 9 and 27; at each, a trial goes on only among the best third of the values recorded there, once 5 trials have finished.');
    expect(checkSpec({ ...base, pruner: { kind: 'median', warmupEpochs: 4, interval: 2 } }).pruner).toMatch(/^Median rule: from epoch 5 \(every 2 epochs\), once 5 trials have finished/);
    expect(checkSpec(base).pruner).toBe('');
    expect(checkSpec({ ...base, pruner: { kind: 'asha', reductionFactor: 1 } })).toMatchObject({ ok: false, pruner: null });
  });
});
