import { describe, expect, it } from 'vitest';
import type { KnobDensity, KnobInfo, TrialSummary } from '../../src-core/api/contract';
import { METRIC_RANGES } from '../../src-core/vocabulary';
import { densityOption } from '../../src-renderer/src/charts/analysis';
import { bestSoFarOption, categoriesOf, edgeCounts, knobAxes, knobScatterOption, pairScatterOption, parallelOption, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { objectiveScale, place, scaleLabel, SCALE_MODES, type MetricBound } from '../../src-renderer/src/charts/scale';
import { trialSummary } from '../helpers/trials';

const trial = (number: number, objective: number | null, knobs: Record<string, unknown> = {}): TrialSummary =>
  trialSummary(number, { status: objective === null ? 'failed' : 'complete', knobs, objective });

type Axis = { type?: string; data?: string[]; axisLabel?: { interval?: unknown; rotate?: number } };

describe('categorical knobs: the spec\'s order in every chart, every label shown', () => {
  // The audit's search 1: the spec lists each knob's values in this order; trials took them in another.
  const spec: KnobInfo[] = [
    { name: 'optimizer', type: 'categorical', log: false, values: ['sgd', 'momentum', 'adam', 'rmsprop'] },
    { name: 'batchSize', type: 'categorical', log: false, values: [16, 32, 64, 128] },
    { name: 'activation', type: 'categorical', log: false, values: ['relu', 'tanh', 'sigmoid', 'elu'] },
  ];
  const labels: Record<string, string[]> = {
    optimizer: ['SGD', 'Momentum', 'Adam', 'RMSProp'],
    batchSize: ['16', '32', '64', '128'],
    activation: ['ReLU', 'tanh', 'sigmoid', 'ELU'],
  };
  const picks = [
    { optimizer: 'sgd', batchSize: 64, activation: 'tanh' },
    { optimizer: 'momentum', batchSize: 16, activation: 'relu' },
    { optimizer: 'sgd', batchSize: 128, activation: 'sigmoid' },
    { optimizer: 'rmsprop', batchSize: 32, activation: 'elu' },
    { optimizer: 'adam', batchSize: 32, activation: 'tanh' },
  ];
  const trials = picks.map((k, i) => trial(i, 0.1 + 0.05 * i, k));
  trials.push(trial(5, null, { optimizer: 'momentum', batchSize: 128, activation: 'relu' }));
  const axes = knobAxes(spec, []);
  const view: ObjectiveView = { metric: 'val_loss', direction: 'minimize', scale: objectiveScale(trials.map((t) => t.objective)) };
  const density = (k: KnobInfo): KnobDensity => {
    const x = k.values!.map((_, i) => i);
    return { name: k.name, scale: 'categorical', discrete: true, x, span: [0, x.length - 1], values: k.values, l: x.map(() => 0.25), g: x.map(() => 0.25), good: [0], bad: [1, 2, 3] };
  };

  /** The x axis a chart shows (a categorical knob's scatter draws its strips on a second, hidden one). */
  const shownX = (o: { xAxis?: unknown }): Axis => (Array.isArray(o.xAxis) ? o.xAxis[0] : o.xAxis) as Axis;

  it('the density, knob scatter, pair scatter and parallel coordinates list the categories as the spec does', () => {
    const parallel = (parallelOption(trials, axes, view).parallelAxis as Axis[]).slice(0, 3);
    for (const [i, k] of spec.entries()) {
      const want = labels[k.name];
      expect(axes[i].categories).toEqual(want);
      expect((densityOption(density(k)).xAxis as Axis).data).toEqual(want);
      expect(shownX(knobScatterOption(trials, axes[i], view)).data).toEqual(want);
      expect(parallel[i].data).toEqual(want);
      const other = axes[(i + 1) % axes.length];
      const pair = pairScatterOption(trials, axes[i], other, view, 'objective');
      expect((pair.xAxis as Axis).data).toEqual(want);
      expect((pair.yAxis as Axis).data).toEqual(labels[other.name]);
    }
  });

  it('every category label is shown (interval 0): ECharts would drop "Momentum" and "RMSProp" as crowded', () => {
    for (const [i, k] of spec.entries()) {
      expect((densityOption(density(k)).xAxis as Axis).axisLabel?.interval).toBe(0);
      expect(shownX(knobScatterOption(trials, axes[i], view)).axisLabel?.interval).toBe(0);
      expect((parallelOption(trials, axes, view).parallelAxis as Axis[])[i].axisLabel?.interval).toBe(0);
      const pair = pairScatterOption(trials, axes[i], axes[(i + 1) % axes.length], view);
      expect([(pair.xAxis as Axis).axisLabel?.interval, (pair.yAxis as Axis).axisLabel?.interval]).toEqual([0, 0]);
    }
    // Four short names fit side by side in a small panel; long ones are turned.
    expect((densityOption(density(spec[0])).xAxis as Axis).axisLabel?.rotate).toBe(0);
    const long: KnobInfo = { name: 'init', type: 'categorical', log: false, values: ['xavier_uniform', 'xavier_normal', 'he_uniform', 'he_normal', 'lecun_normal'] };
    const turned = densityOption(density(long));
    expect((turned.xAxis as Axis).axisLabel).toMatchObject({ interval: 0, rotate: 30 });
    expect((turned.grid as { bottom: number }).bottom).toBeGreaterThan(28);
  });

  it('a value the spec does not list (an older spec\'s) comes after the spec\'s, never reorders them', () => {
    const odd = [...trials, trial(6, 0.3, { optimizer: 'adamw', batchSize: 256, activation: 'tanh' })];
    expect(categoriesOf(axes[0], odd)).toEqual([...labels.optimizer, 'AdamW']);
    expect(categoriesOf(axes[1], odd)).toEqual([...labels.batchSize, '256']);
  });
});

describe('a metric bounded above (R², accuracy): the axis stops at the bound and focuses on the good trials', () => {
  // The audit's search 7 (val_r2, maximize): eleven trials at 0.97–0.99, eight near −7 and one at −2.5.
  const r2 = [-7.3787, 0.967, 0.9846, -7.2454, -2.5336, 0.9739, -6.7943, -7.2585, -7.3321, 0.9767, -7.1949, -7.3192, 0.9808, 0.9887, 0.9883, 0.9915, 0.9882, 0.9852, 0.9905, -6.2827];
  const bound = (metric: keyof typeof METRIC_RANGES, direction: 'minimize' | 'maximize' = 'maximize'): MetricBound => {
    const high = METRIC_RANGES[metric][1];
    return { high: Number.isFinite(high) ? high : null, direction };
  };

  it('auto: linear over the good range, never past 1; the far worse trials at the bottom edge and counted', () => {
    const s = objectiveScale(r2, 'auto', bound('val_r2'));
    expect(s.type).toBe('value');
    expect(s.max).toBeLessThanOrEqual(1);
    expect(s.min).toBeGreaterThan(0.9);
    expect(s.min).toBeLessThanOrEqual(0.967);
    expect([s.below, s.above]).toEqual([9, 0]);
    expect(scaleLabel('auto', s)).toBe('auto (robust)');
    expect(s.why).toMatch(/good range 0\.967 to 0\.992; 9 far worse values/);
    for (const v of r2.filter((x) => x > 0.9)) expect(place(s, v)).toEqual({ y: v, edge: null });
    expect(place(s, -7.3787)).toEqual({ y: s.min, edge: 'low' });
    // The old rule drew −8 to 2 with the good trials on one flat line.
    const old = objectiveScale(r2, 'auto');
    expect([old.min, old.max]).toEqual([-8, 2]);
  });

  it('best so far: the y axis ends at or below 1, the good trials spread over it, the bad ones as "beyond the axis" at the edge', () => {
    const trials = r2.map((v, i) => trial(i, v));
    const view: ObjectiveView = { metric: 'val_r2', direction: 'maximize', scale: objectiveScale(r2, 'auto', bound('val_r2')) };
    const o = bestSoFarOption(trials, view);
    const y = o.yAxis as { min: number; max: number };
    expect(y.max).toBeLessThanOrEqual(1);
    expect(y.max - y.min).toBeLessThan(0.1);
    const series = o.series as { name: string; data: { trial: number }[] }[];
    expect(series.find((x) => x.name === 'beyond the axis (9)')?.data).toHaveLength(9);
    expect(series.find((x) => x.name === 'trial')?.data).toHaveLength(11);
    expect(edgeCounts(trials, view.scale).text).toBe('9 beyond the axis (grey ▲ at the edge)');
  });

  it('robust focuses too; linear and log show every value but stop at 1', () => {
    const robust = objectiveScale(r2, 'robust', bound('val_r2'));
    expect([robust.min, robust.max, robust.below]).toEqual([objectiveScale(r2, 'auto', bound('val_r2')).min, objectiveScale(r2, 'auto', bound('val_r2')).max, 9]);
    const linear = objectiveScale(r2, 'linear', bound('val_r2'));
    expect([linear.min, linear.max, linear.below, linear.above]).toEqual([-8, 1, 0, 0]);
    const log = objectiveScale(r2, 'log', bound('val_r2'));
    expect(log.max).toBeLessThanOrEqual(1);
  });

  it('R² spread over its range is not squashed: no focus, only the bound', () => {
    const spread = [-0.6, -0.2, 0.1, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.95];
    const s = objectiveScale(spread, 'auto', bound('val_r2'));
    expect([s.min, s.max, s.below, s.above]).toEqual([-1, 1, 0, 0]);
  });

  it('accuracy stops at 1, even for a single perfect trial; a few chance-level trials are left to the robust range', () => {
    for (const mode of SCALE_MODES) {
      expect(objectiveScale([0.91, 0.95, 0.97, 0.99, 1], mode, bound('val_accuracy')).max).toBeLessThanOrEqual(1);
      expect(objectiveScale([1], mode, bound('val_accuracy')).max).toBe(1);
    }
    const acc = [0.1, 0.11, 0.1, ...Array.from({ length: 17 }, (_, i) => 0.95 + 0.002 * i)];
    const s = objectiveScale(acc, 'auto', bound('val_accuracy'));
    expect(s.max).toBeLessThanOrEqual(1);
    expect(s.min).toBeGreaterThan(0.9);
    expect(s.below).toBe(3);
  });

  it('losses keep their scale: no bound above, the same answer as without one, in every mode', () => {
    const sets = [[0.12, 0.3, 0.09, 0.45, 126, 0.2, 415, 0.15, 0.25, 0.18, 0.33, 0.11], [0.07, 0.3, 1.2, 9, 40, 126], [0.5], [0.2, 0.21, 7, 7.2, 7.1, 6.9]];
    for (const values of sets) {
      for (const mode of SCALE_MODES) {
        expect(objectiveScale(values, mode, bound('val_loss', 'minimize'))).toEqual(objectiveScale(values, mode));
        expect(objectiveScale(values, mode, bound('val_rmse', 'minimize'))).toEqual(objectiveScale(values, mode));
      }
    }
  });
});
