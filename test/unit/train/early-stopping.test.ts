import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../src-core/train/early-stopping';

function run(es: EarlyStopping, values: number[]): { stoppedAt: number | null } {
  for (let i = 0; i < values.length; i++) {
    if (es.update(i + 1, values[i]).stop) return { stoppedAt: i + 1 };
  }
  return { stoppedAt: null };
}

describe('EarlyStopping on scripted sequences', () => {
  it('val_loss: best epoch is the minimum, stop comes `patience` epochs after it', () => {
    const es = new EarlyStopping('val_loss', 3, 0);
    const r = run(es, [1.0, 0.8, 0.6, 0.65, 0.61, 0.7, 0.5]);
    expect(es.bestEpoch).toBe(3);
    expect(es.best).toBeCloseTo(0.6);
    expect(r.stoppedAt).toBe(6);
  });

  it('minDelta: improvements smaller than minDelta do not reset patience', () => {
    const es = new EarlyStopping('val_loss', 2, 0.05);
    const r = run(es, [1.0, 0.97, 0.96, 0.5]);
    expect(es.bestEpoch).toBe(1);
    expect(r.stoppedAt).toBe(3);
  });

  it('val_accuracy is maximized', () => {
    const es = new EarlyStopping('val_accuracy', 2, 0);
    const r = run(es, [0.5, 0.7, 0.9, 0.85, 0.9, 0.95]);
    expect(es.bestEpoch).toBe(3);
    expect(r.stoppedAt).toBe(5);
  });

  it('a regression\'s val_rmse and val_mae are minimized, val_r2 maximized', () => {
    for (const monitor of ['val_rmse', 'val_mae'] as const) {
      const es = new EarlyStopping(monitor, 2, 0);
      expect(run(es, [30, 20, 25, 22, 10]).stoppedAt).toBe(4);
      expect([es.mode, es.bestEpoch, es.best]).toEqual(['min', 2, 20]);
    }
    const r2 = new EarlyStopping('val_r2', 2, 0);
    expect(run(r2, [0.1, 0.6, 0.5, 0.55, 0.9]).stoppedAt).toBe(4);
    expect([r2.mode, r2.bestEpoch, r2.best]).toEqual(['max', 2, 0.6]);
  });

  it('never stops while the metric keeps improving', () => {
    const es = new EarlyStopping('val_loss', 1, 0);
    expect(run(es, [5, 4, 3, 2, 1]).stoppedAt).toBeNull();
    expect(es.bestEpoch).toBe(5);
  });

  it('a NaN first value is never the best', () => {
    const es = new EarlyStopping('val_loss', 5, 0);
    run(es, [NaN, 2, 1]);
    expect(es.bestEpoch).toBe(3);
  });
});
