import { describe, expect, it } from 'vitest';
import { alike, chanceLevel, clipAdvice, findRebound, findSpike, findValJump, fmtNum, lowerLrAdvice, slowLr, smallerInitAdvice } from '../../../src-core/diagnostics/evidence';
import { figure } from '../../../src-core/format';
import { findingsOf, THRESHOLDS, type FindingsInput } from '../../../src-core/diagnostics/findings';
import type { DiagnosticSnapshot } from '../../../src-core/diagnostics/stats';
import { deadFraction, histogram, l2norm, meanStd, saturationFraction, type LayerStats } from '../../../src-core/diagnostics/stats';
import type { EpochMetrics } from '../../../src-core/train/types';

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);

describe('diagnostic statistics (hand-computed)', () => {
  it('histogram bins values over the data range, the last bin closed', () => {
    const h = histogram(f32([0, 0.1, 0.5, 0.9, 1]), 2);
    expect(h).toEqual({ min: 0, max: 1, counts: [2, 3] });
    expect(histogram(f32([-1, 0, 1, 2]), 4, [0, 2]).counts).toEqual([1, 0, 1, 1]);
  });

  it('histogram of a constant skips non-finite values and still has a width', () => {
    const h = histogram(f32([3, 3, NaN, Infinity]), 3);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(h.max).toBeGreaterThan(h.min);
  });

  it('dead fraction counts units that are ≤ 0 on every row', () => {
    // 3 rows × 4 units: unit 0 dead, unit 1 alive once, unit 2 dead (negative), unit 3 alive.
    const post = f32([0, 0, 0, 1, 0, 2, -0, 1, 0, 0, -1, 1]);
    expect(deadFraction(post, 3, 4)).toBe(0.5);
  });

  it('saturation fraction uses the flat tails of sigmoid and tanh only', () => {
    expect(saturationFraction(f32([0.005, 0.5, 0.995, 0.98]), 'sigmoid')).toBe(0.5);
    expect(saturationFraction(f32([-0.995, 0.2, 0.999, 0.5]), 'tanh')).toBe(0.5);
    expect(saturationFraction(f32([5, 0]), 'relu')).toBeNull();
  });

  it('mean, std and norm', () => {
    expect(meanStd(f32([1, 3]))).toEqual({ mean: 2, std: 1 });
    expect(l2norm(f32([3, 4]))).toBe(5);
  });
});

function epoch(e: number, over: Partial<EpochMetrics> = {}): EpochMetrics {
  return {
    fold: 0, epoch: e, trainLoss: 1 / e, valLoss: 1.1 / e, penalty: 0, trainAccuracy: 0.97, valAccuracy: 0.95, valBalancedAccuracy: null,
    valRmse: null, valMae: null, valR2: null, lr: 0.01, gradNorms: [0.5, 0.6, 0.7], seconds: 0.1, ...over,
  };
}

function layer(l: number, over: Partial<LayerStats> = {}): LayerStats {
  return {
    layer: l, units: 100, activation: 'relu', pre: { min: 0, max: 1, counts: [1] }, post: { min: 0, max: 1, counts: [1] },
    meanPost: 0.5, stdPost: 0.3, weightNorm: 1, gradNorm: 0.5, deadFraction: 0.1, saturationFraction: null, ...over,
  };
}

function input(over: Partial<FindingsInput> = {}): FindingsInput {
  return { task: 'classification', epochs: [1, 2, 3, 4].map((e) => epoch(e)), bestEpoch: 4, stopReason: 'max_epochs', snapshots: [], ...over };
}

const kinds = (i: FindingsInput): string[] => findingsOf(i).map((f) => f.kind);

describe('findings: each trigger', () => {
  it('a healthy run is a good fit and nothing else', () => {
    expect(kinds(input())).toEqual(['good_fit']);
  });

  it('divergence names the epoch and the learning rate', () => {
    const f = findingsOf(input({ stopReason: 'diverged', epochs: [epoch(1), epoch(2, { trainLoss: NaN, lr: 3 })] }));
    expect(f[0].kind).toBe('divergence');
    expect(f[0].detail).toMatch(/epoch 2.*NaN.*learning rate 3/);
  });

  it('vanishing gradients: first layer far below the output layer', () => {
    const f = findingsOf(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [1e-5, 1e-3, 0.1] })) }));
    const v = f.find((x) => x.kind === 'vanishing_gradients');
    expect(v?.detail).toMatch(/layer 1's weight gradient norm is 10⁻⁵, 10000× smaller than the output layer's \(0\.100\)/);
    expect(kinds(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [0.002, 0.1] })) }))).not.toContain('vanishing_gradients');
  });

  it('exploding gradients: a norm above the threshold', () => {
    const f = findingsOf(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [5e3, 10, 1] })) }));
    expect(f.map((x) => x.kind)).toContain('exploding_gradients');
    expect(THRESHOLDS.explodingAbsolute).toBeLessThan(5e3);
    // Its advice clips first and says so once (it said "Clip gradients… Then clip gradients…").
    const advice = f.find((x) => x.kind === 'exploding_gradients')!.advice;
    expect(advice).toMatch(/^Clip gradients by global norm \(clipNorm 1–5\)\. Lower the learning rate/);
    expect(advice.match(/clip/gi)).toHaveLength(2); // "Clip" and "clipNorm", once each
  });

  it('dead units at the threshold, not below it', () => {
    expect(kinds(input({ snapshots: [{ fold: 0, epoch: 4, layers: [layer(1, { deadFraction: 0.5 })] }] }))).toContain('dead_units');
    expect(kinds(input({ snapshots: [{ fold: 0, epoch: 4, layers: [layer(1, { deadFraction: 0.49 })] }] }))).not.toContain('dead_units');
  });

  it('saturation of sigmoid layers', () => {
    const f = findingsOf(input({ snapshots: [{ fold: 0, epoch: 0, layers: [layer(1, { activation: 'sigmoid', deadFraction: null, saturationFraction: 0.8 })] }] }));
    expect(f.find((x) => x.kind === 'saturation')?.detail).toMatch(/80\.0% of layer 1's outputs/);
  });

  it('collapsed activations in a deeper layer (the N(0, 0.01) case)', () => {
    const snap = { fold: 0, epoch: 0, layers: [layer(1, { stdPost: 0.01 }), layer(2, { stdPost: 1e-5 })] };
    expect(kinds(input({ snapshots: [snap] }))).toContain('collapsed_activations');
  });

  it('not learning: a flat training loss', () => {
    const flat = [1, 2, 3, 4].map((e) => epoch(e, { trainLoss: 2.302, valLoss: 2.303, trainAccuracy: 0.1, valAccuracy: 0.1 }));
    expect(kinds(input({ epochs: flat }))).toEqual(expect.arrayContaining(['not_learning', 'high_bias']));
  });

  it('bias and variance from the train and validation errors, with a target error', () => {
    const over = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 1.0, valAccuracy: 0.8 }));
    expect(kinds(input({ epochs: over, bestEpoch: 3 }))).toContain('high_variance');
    const under = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 0.7, valAccuracy: 0.69 }));
    expect(kinds(input({ epochs: under, bestEpoch: 3 }))).toContain('high_bias');
    expect(kinds(input({ epochs: under, bestEpoch: 3, targetError: 0.28 }))).toContain('good_fit');
    const both = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 0.7, valAccuracy: 0.5 }));
    expect(findingsOf(input({ epochs: both, bestEpoch: 3 })).at(-1)?.title).toBe('High bias and high variance');
  });

  it('regression: variance from the loss gap, bias from a low R²', () => {
    const reg = (t: number, v: number, r2: number): EpochMetrics[] => [1, 2, 3].map((e) => epoch(e, { trainLoss: t, valLoss: v, trainAccuracy: null, valAccuracy: null, valR2: r2 }));
    expect(kinds(input({ task: 'regression', epochs: reg(0.1, 0.3, 0.9), bestEpoch: 3 }))).toContain('high_variance');
    expect(kinds(input({ task: 'regression', epochs: reg(0.5, 0.55, 0.4), bestEpoch: 3 }))).toContain('high_bias');
  });
});

/** A snapshot with hidden ReLU layers and an output layer whose logits have the given spread. */
function snapshot(epoch: number, logitStd: number, over: Partial<LayerStats> = {}, weightNorm = 10): DiagnosticSnapshot {
  return {
    fold: 0, epoch,
    layers: [
      layer(1, { weightNorm, ...over }),
      layer(2, { activation: 'output', units: 10, deadFraction: null, stdPost: logitStd, pre: { min: -3 * logitStd, max: 4 * logitStd, counts: [1] }, weightNorm: 4 }),
    ],
  };
}

const advice = (i: FindingsInput): string => findingsOf(i).map((f) => `${f.title} ${f.advice}`).join(' | ');

describe('evidence: numbers the findings are read from (hand-computed)', () => {
  it('formats numbers for people: three digits, whole numbers from 100, powers of ten outside [10⁻³, 10⁵)', () => {
    expect(fmtNum(2.302585)).toBe('2.30');
    expect(fmtNum(425.1)).toBe('425');
    expect(fmtNum(-8480.4)).toBe('-8480');
    expect(fmtNum(21400)).toBe('21400');
    expect(fmtNum(2.8e5)).toBe('2.8·10⁵');
    expect(fmtNum(1e-5)).toBe('10⁻⁵');
    expect(fmtNum(-1.5e-8)).toBe('-1.5·10⁻⁸');
    // Three digits in a power of ten too, as alike writes them: 9.24·10⁻⁵ (not 9.2·10⁻⁵), 1.04·10⁻⁵
    // (not a bare 10⁻⁵), and a mantissa that rounds up to 10 carries into the exponent (never 10·10⁻⁵).
    expect(fmtNum(9.239e-5)).toBe('9.24·10⁻⁵');
    expect(fmtNum(1.04e-5)).toBe('1.04·10⁻⁵');
    expect(fmtNum(9.96e-5)).toBe('9.96·10⁻⁵');
    expect(fmtNum(9.996e-5)).toBe('10⁻⁴');
    expect(fmtNum(0.0009996)).toBe('10⁻³');
    expect(fmtNum(-99960)).toBe('-99960');
    expect(fmtNum(2.8246e6)).toBe(alike([154, 2.8246e6])[1]);
  });

  it('the chance level is the entropy of the class frequencies, ln K from the output width, or Var(y) = MSE / (1 − R²)', () => {
    expect(chanceLevel('classification', [], [], [50, 50])!.loss).toBeCloseTo(Math.log(2), 12);
    expect(chanceLevel('classification', [], [], [30, 10])!.loss).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
    expect(chanceLevel('classification', [], [snapshot(0, 1)])!.loss).toBeCloseTo(Math.log(10), 12);
    // Classes weighted alike: Σ w·n is the same for every class, so the best constant is the uniform answer, ln K (3 classes present of 4).
    expect(chanceLevel('classification', [], [], [97, 3], true)!.loss).toBeCloseTo(Math.log(2), 12);
    expect(chanceLevel('classification', [], [], [60, 30, 10, 0], true)!.loss).toBeCloseTo(Math.log(3), 12);
    // MSE 0.3 at R² 0.4 and MSE 1.5 at R² −2 both mean Var(y) = 0.5.
    const reg = [epoch(1, { valLoss: 0.3, valR2: 0.4 }), epoch(2, { valLoss: 1.5, valR2: -2 }), epoch(3, { valLoss: 0.05, valR2: 0.9 })];
    expect(chanceLevel('regression', reg, [])!.loss).toBeCloseTo(0.5, 12);
  });

  it('a spike is an epoch above 10× the chance level; a rebound a rise to 2× the lowest loss so far', () => {
    const ch = { loss: 2.3, what: 'x' };
    const curve = [425, 68, 62, 5.8, 1.7].map((l, i) => epoch(i + 1, { trainLoss: l }));
    expect(findSpike(curve, ch)).toEqual({ epoch: 1, loss: 425, after: 1.7 });
    expect(findSpike(curve.slice(3), ch)).toBeNull();
    const back = [2.23, 0.86, 1.14, 0.26, 0.66, 2.18].map((l, i) => epoch(i + 1, { trainLoss: l }));
    expect(findRebound(back, ch)).toEqual({ lowEpoch: 4, low: 0.26, epoch: 6, loss: 2.18 });
    // A wiggle near 0 (0.001 → 0.003) is noise, not a rebound.
    expect(findRebound([0.01, 0.001, 0.003].map((l, i) => epoch(i + 1, { trainLoss: l })), ch)).toBeNull();
  });

  it('a validation jump is an epoch 2× above both neighbours (the run oscillates); a steady rise is not', () => {
    const ch = { loss: 2.3, what: 'x' };
    const val = (xs: number[]): EpochMetrics[] => xs.map((v, i) => epoch(i + 1, { valLoss: v }));
    expect(findValJump(val([0.341, 0.322, 1.693, 0.61, 0.936]), ch)).toEqual({ epoch: 3, before: 0.322, loss: 1.693, after: 0.61 });
    expect(findValJump(val([0.768, 0.989, 0.958, 1.159, 1.327]), ch)).toBeNull();
    expect(findValJump(val([0.001, 0.004, 0.001]), ch)).toBeNull();
  });

  it('names the learning rate, the usual range of the optimizer and the next values to try', () => {
    expect(lowerLrAdvice({ optimizer: 'adam', lr: 0.32 })).toBe('Lower the learning rate: lr 0.32 (adam usually trains at 0.0001–0.003); try 0.032, then 0.0032. Then clip gradients by global norm (clipNorm 1–5).');
    expect(lowerLrAdvice({ optimizer: 'sgd', lr: 1, clipNorm: 5 })).toMatch(/try 0\.1, then 0\.01\. Then tighten clipNorm \(now 5\)/);
  });

  it('writes the numbers of one sentence in one notation: all plain, or all powers of ten (never "try 10⁵, then 10000")', () => {
    expect(lowerLrAdvice({ optimizer: 'sgd', lr: 3e-5 })).toBe('Lower the learning rate: lr 3·10⁻⁵ (sgd usually trains at 10⁻²–10⁻¹); try 3·10⁻⁶, then 3·10⁻⁷. Then clip gradients by global norm (clipNorm 1–5).');
    // A whole-number learning rate reads whole, as the trial's tables write it (figure), and so does the rest.
    expect(lowerLrAdvice({ optimizer: 'sgd', lr: 1e6 })).toBe('Lower the learning rate: lr 1000000 (sgd usually trains at 0.01–0.1); try 100000, then 10000. Then clip gradients by global norm (clipNorm 1–5).');
    expect(lowerLrAdvice({ optimizer: 'adam', lr: 0.003 })).toMatch(/^Lower the learning rate: lr 3·10⁻³ \(adam usually trains at 10⁻⁴–3·10⁻³\); try 3·10⁻⁴, then 3·10⁻⁵\./);
    expect(lowerLrAdvice({ optimizer: 'adam', lr: 0.01 })).toMatch(/^Lower the learning rate: lr 0\.01 \(adam usually trains at 0\.0001–0\.003\); try 0\.001, then 0\.0001\./);
    expect(lowerLrAdvice({ optimizer: 'sgd', lr: 3 })).toMatch(/^Lower the learning rate: lr 3 \(sgd usually trains at 0\.01–0\.1\); try 0\.3, then 0\.03\./);
    expect(slowLr({ optimizer: 'adam', lr: 1e-5 })).toBe('lr 10⁻⁵ is below adam\'s usual 10⁻⁴–3·10⁻³');
    expect(slowLr({ optimizer: 'sgd', lr: 0.001 })).toBe('lr 0.001 is below sgd\'s usual 0.01–0.1');
    // As fmtNum writes them when that is plain for all; else one notation for all.
    expect(alike([1.67, 1810, 790, 2.302585])).toEqual(['1.67', '1810', '790', '2.30']);
    expect(alike([154, 2.8e5])).toEqual(['154', '280000']);
    expect(alike([154, 2.82e6, 0.693])).toEqual(['1.54·10²', '2.82·10⁶', '6.93·10⁻¹']);
  });
});

/** A figure written with a superscript power of ten (9.239·10⁻⁵, 10⁻⁴) as `figure` writes it (9.239e-5, 1e-4). */
const asFigure = (s: string): string => {
  const m = /^(-?)(?:([\d.]+)·)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(s);
  if (!m) return s;
  const e = [...m[3]].map((c) => (c === '⁻' ? '-' : String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))).join('');
  return `${m[1]}${m[2] ?? '1'}e${e.startsWith('-') ? e : `+${e}`}`;
};

describe('a trial\'s own settings in a sentence keep every digit its tables show (figure), a power of ten in superscript', () => {
  it('the learning rate in the advice: 9.239·10⁻⁵ where the trial\'s table reads 9.239e-5, never 9.2·10⁻⁵ or 9.24·10⁻⁵', () => {
    expect(lowerLrAdvice({ optimizer: 'adam', lr: 9.239e-5 })).toBe('Lower the learning rate: lr 9.239·10⁻⁵ (adam usually trains at 10⁻⁴–3·10⁻³); try 9.239·10⁻⁶, then 9.239·10⁻⁷. Then clip gradients by global norm (clipNorm 1–5).');
    expect(lowerLrAdvice({ optimizer: 'adam', lr: 0.08812 })).toMatch(/^Lower the learning rate: lr 0\.08812 \(adam usually trains at 0\.0001–0\.003\); try 0\.008812, then 0\.0008812\./);
    expect(slowLr({ optimizer: 'sgd', lr: 0.0023456 })).toBe('lr 0.002346 is below sgd\'s usual 0.01–0.1');
    expect(slowLr({ optimizer: 'adam', lr: 1.0437e-5 })).toBe('lr 1.044·10⁻⁵ is below adam\'s usual 10⁻⁴–3·10⁻³');
    expect(clipAdvice({ clipNorm: 2.71828 })).toBe('tighten clipNorm (now 2.718)');
    expect(smallerInitAdvice({ init: 'normal', initScale: 0.012345, activation: 'relu' })).toContain('instead of N(0, 0.01235)');
    // Digit for digit what figure writes, whatever the value.
    for (const lr of [9.239e-5, 1.0437e-5, 9.996e-5, 2.3456e-4, 0.0023456, 0.08812]) {
      const said = /^lr (\S+) is below/.exec(slowLr({ optimizer: 'adadelta', lr }) ?? '')?.[1] ?? '';
      expect(Number(asFigure(said)), `lr ${lr} reads ${said}`).toBe(Number(figure(lr)));
      if (said.includes('10')) expect(asFigure(said)).toBe(figure(lr));
    }
  });

  it('the learning rate in a divergence finding reads as the trial\'s table has it', () => {
    const detail = (lr: number, trainLoss = 1810): string =>
      findingsOf(input({ epochs: [epoch(1, { trainLoss: 154, lr }), epoch(2, { trainLoss, lr })], bestEpoch: 1, stopReason: 'diverged', classCounts: [100, 100], config: { optimizer: 'adam', lr } }))[0].detail;
    expect(detail(9.239e-5)).toBe('At epoch 2 the training loss rose from 154 to 1810 (2600× the 0.693 of always predicting the class frequencies). The learning rate was 9.239·10⁻⁵.');
    expect(detail(1.0437e-5, 2.82e6)).toBe('At epoch 2 the training loss rose from 1.54·10² to 2.82·10⁶ (4.1·10⁶× the 6.93·10⁻¹ of always predicting the class frequencies) with learning rate 1.044·10⁻⁵.');
    expect(detail(0.0023456)).toBe('At epoch 2 the training loss rose from 154 to 1810 (2600× the 0.693 of always predicting the class frequencies) with learning rate 0.002346.');
  });
});

describe('a divergence finding writes each sentence\'s numbers in one notation', () => {
  const diverged = (trainLoss: number, lr: number): string =>
    findingsOf(input({ epochs: [epoch(1, { trainLoss: 154, lr }), epoch(2, { trainLoss, lr })], bestEpoch: 1, stopReason: 'diverged', classCounts: [100, 100], config: { optimizer: 'sgd', lr } }))[0].detail;

  it('losses that need powers of ten give every number of their sentence one, the learning rate a sentence of its own', () => {
    expect(diverged(2.82e6, 10)).toBe('At epoch 2 the training loss rose from 1.54·10² to 2.82·10⁶ (4.1·10⁶× the 6.93·10⁻¹ of always predicting the class frequencies). The learning rate was 10.');
  });

  it('a learning rate that needs one too stays in the sentence, in the same notation', () => {
    expect(diverged(2.82e6, 3e-5)).toBe('At epoch 2 the training loss rose from 1.54·10² to 2.82·10⁶ (4.1·10⁶× the 6.93·10⁻¹ of always predicting the class frequencies) with learning rate 3·10⁻⁵.');
  });

  it('plain numbers stay as they were', () => {
    expect(diverged(1810, 0.32)).toBe('At epoch 2 the training loss rose from 154 to 1810 (2600× the 0.693 of always predicting the class frequencies) with learning rate 0.32.');
  });
});

describe('findings fit the evidence: a blow-up is never read as underfitting', () => {
  it('exploding logits (He init, Adam at lr 0.32) say "lower the learning rate", not "bigger network"', () => {
    const epochs = [15, 12.2, 13.7, 16.2].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: [36.7, 14.05, 44.3, 25.5][i], trainAccuracy: 0.9, valAccuracy: 0.919 }));
    const i = input({ epochs, bestEpoch: 2, stopReason: 'early_stopping', snapshots: [snapshot(0, 1.2), snapshot(4, 1170, {}, 244)], classCounts: Array(10).fill(180), config: { optimizer: 'adam', lr: 0.32, init: 'he_normal' } });
    const f = findingsOf(i);
    expect(f.map((x) => x.kind)).toEqual(['exploding_activations', 'worse_than_constant', 'no_fit_reading']);
    expect(f[0].title).toBe('Exploding activations: the learning rate is too high');
    expect(f[0].detail).toMatch(/output logits span -3510 to 4680, standard deviation 1170 \(at initialization -3.60 to 4.80\)/);
    expect(f[0].detail).toMatch(/weight norm grew from 10.0 to 244/);
    expect(f[0].advice).toMatch(/^Lower the learning rate: lr 0\.32 \(adam/);
    expect(f[1].detail).toMatch(/validation loss is 14\.1, 6\.1× the 2\.30 of always predicting the class frequencies/);
    expect(advice(i)).not.toMatch(/bigger network \(/);
    expect(kinds(i)).not.toContain('high_bias');
  });

  it('the same explosion from N(0, 1) weights blames the initialization, not the learning rate', () => {
    const epochs = [14.3, 13, 12].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: l + 0.2, trainAccuracy: 0.2, valAccuracy: 0.2 }));
    const f = findingsOf(input({ epochs, bestEpoch: 3, snapshots: [snapshot(0, 45), snapshot(3, 60)], config: { init: 'normal', initScale: 1, activation: 'tanh', optimizer: 'sgd', lr: 0.01 } }));
    expect(f[0].title).toBe('Exploding activations: the initial weights are too large');
    expect(f[0].advice).toMatch(/use Xavier \(xavier_normal\) initialization instead of N\(0, 1\).*The learning rate is not the cause/);
    expect(f.map((x) => x.advice).join(' ')).not.toMatch(/Lower the learning rate/);
  });

  it('a loss spike then dead ReLUs: the units died in the spike, so lower the learning rate (not "He init, bigger network")', () => {
    const epochs = [35, 2.51, 2.36, 2.35, 2.35].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: 2.46, trainAccuracy: 0.09, valAccuracy: 0.1, gradNorms: i === 0 ? [5, 6, 15] : [0, 0, 0] }));
    const dead = { ...snapshot(5, 0.15), layers: [layer(1), layer(2, { deadFraction: 1, stdPost: 0, units: 128 }), layer(3, { activation: 'output', units: 10, deadFraction: null })] };
    const i = input({ epochs, bestEpoch: 5, stopReason: 'early_stopping', snapshots: [snapshot(0, 1.2), dead], config: { optimizer: 'adam', lr: 0.32 } });
    const f = findingsOf(i);
    expect(f.map((x) => x.kind)).toEqual(['unstable_training', 'dead_units', 'not_learning', 'no_fit_reading']);
    expect(f[0].detail).toMatch(/In epoch 1 the training loss averaged 35.0, 15× the 2.30 of guessing among 10 classes; it came back down to 2.35/);
    expect(f[1].detail).toMatch(/Every unit of layer 2 outputs 0 .* They died when the loss spiked in epoch 1 \(35.0\)/);
    expect(f[1].advice).toMatch(/^Lower the learning rate: lr 0\.32/);
    expect(f[2].title).toBe('Stuck at the chance level');
    expect(f[2].advice).not.toMatch(/raise the learning rate/i);
    // All-zero gradients are the dead layer's doing: no separate "vanishing gradients" with init advice, no "collapse".
    expect(kinds(i)).not.toContain('vanishing_gradients');
    expect(kinds(i)).not.toContain('collapsed_activations');
  });

  it('a spike the run only came back to the chance level from leaves no bias/variance reading; one it recovered well from does', () => {
    const curve = (end: number): EpochMetrics[] => [75.9, 2.4, 2.3, end].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: l, trainAccuracy: end < 1 ? 0.97 : 0.15, valAccuracy: end < 1 ? 0.95 : 0.14 }));
    expect(kinds(input({ epochs: curve(2.25), bestEpoch: 4, classCounts: Array(10).fill(100) })).at(-1)).toBe('no_fit_reading');
    expect(kinds(input({ epochs: curve(0.2), bestEpoch: 4, classCounts: Array(10).fill(100) }))).toEqual(['unstable_training', 'good_fit']);
  });

  it('a trial the pruner stopped at epoch 3 gets no "underfitting, bigger network" reading (seen on an ASHA search of moons)', () => {
    const epochs = [[1.1, 0.9, 0.6, 0.55], [0.72, 0.58, 0.725, 0.725], [0.53, 0.455, 0.69, 0.725]].map(([t, v, ta, va], i) => epoch(i + 1, { trainLoss: t, valLoss: v, trainAccuracy: ta, valAccuracy: va }));
    const pruned = findingsOf(input({ epochs, bestEpoch: 3, stopReason: 'pruned' }));
    expect(pruned.map((f) => f.kind)).toEqual(['no_fit_reading']);
    expect(pruned[0].detail).toMatch(/training error is 31\.0% and the validation error 27\.5%.*pruner stopped this trial/);
    expect(pruned.map((f) => f.advice).join(' ')).not.toMatch(/bigger network/);
    // The same curve run to its end is read as underfitting.
    expect(kinds(input({ epochs, bestEpoch: 3, stopReason: 'max_epochs' }))).toContain('high_bias');
  });

  it('a loss that falls and then climbs back is unstable training; "not learning" never advises a higher learning rate then', () => {
    const losses = [2.23, 2.2, 0.86, 1.14, 0.58, 0.26, 0.66, 1.42, 2.18];
    const epochs = losses.map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: 1.84 + i * 0.1, trainAccuracy: 0.95, valAccuracy: 0.93 }));
    const f = findingsOf(input({ epochs, bestEpoch: 5, stopReason: 'early_stopping', config: { optimizer: 'adam', lr: 0.1 } }));
    expect(f[0].kind).toBe('unstable_training');
    expect(f[0].detail).toMatch(/fell to 0\.260 at epoch 6, then rose back to 2\.18 at epoch 9 \(8\.4×\)/);
    expect(f.map((x) => x.advice).join(' ')).not.toMatch(/raise the learning rate/i);
    expect(f.map((x) => x.kind)).not.toContain('not_learning');
    // A loss that reached exactly 0 (saturated logits) has no ratio: "from 0" reads plainly, never "Infinity×".
    const zero = findingsOf(input({ epochs: [2.23, 2.2, 0, 41.7].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: 1.84 + i * 0.1, trainAccuracy: 0.95, valAccuracy: 0.93 })), bestEpoch: 2, stopReason: 'max_epochs', config: { optimizer: 'sgd', lr: 3 } }));
    const text = zero.map((x) => x.detail).join(' ');
    expect(text).toMatch(/fell to 0 at epoch 3, then rose back to 41\.7 at epoch 4\./);
    expect(text).not.toMatch(/Infinity|NaN/);
  });

  it('k-fold with momentum at lr 0.15 (real fold curves): a fold whose validation loss jumps 5× and back is unstable, not "underfitting, bigger network"', () => {
    // Before: "Underfitting (high bias) … Use a bigger network" at the mean curve's best epoch.
    const fold = (f: number, t: number[], v: number[]): EpochMetrics[] => t.map((x, i) => epoch(i + 1, { fold: f, trainLoss: x, valLoss: v[i], trainAccuracy: 0.93, valAccuracy: 0.93 }));
    const folds = [
      fold(0, [0.67, 0.255, 0.157, 0.067, 0.043], [0.768, 0.989, 0.958, 1.159, 1.327]),
      fold(1, [0.724, 0.408, 0.564, 0.813, 0.471, 0.419], [0.341, 0.322, 1.693, 0.61, 0.936, 0.958]),
      fold(2, [0.822, 0.549, 0.242, 0.235, 0.235, 0.133, 0.113], [0.304, 0.454, 0.235, 0.571, 0.558, 0.465, 0.46]),
    ];
    const f = findingsOf(input({ epochs: folds[0], folds, crossValidated: true, bestEpoch: 2, stopReason: 'early_stopping', classCounts: Array(10).fill(180), config: { optimizer: 'momentum', lr: 0.15 } }));
    expect(f.map((x) => x.kind)).toEqual(['unstable_training', 'no_fit_reading']);
    expect(f[0].detail).toMatch(/The training loss of fold 2 fell to 0\.408 at epoch 2, then rose back to 0\.813 at epoch 4 \(2×\)\. The validation loss of fold 2 jumped from 0\.322 to 1\.69 at epoch 3 and fell back to 0\.610\./);
    expect(f[0].advice).toMatch(/^Lower the learning rate: lr 0\.15 \(momentum/);
  });

  it('k-fold whose first fold diverged still names the fold', () => {
    const f = findingsOf(input({ epochs: [epoch(1), epoch(2, { trainLoss: NaN })], crossValidated: true, stopReason: 'diverged', bestEpoch: 1 }));
    expect(f[0].detail).toMatch(/^At epoch 2 of fold 1 the loss became NaN/);
  });

  it('regression: R² below 0 is worse than predicting the mean, and the advice is about the step size', () => {
    const epochs = [25110, 76, 52.6, 4.4].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: [82.4, 59.7, 41.9, 3.96][i], trainAccuracy: null, valAccuracy: null, valR2: [-163.2, -117.9, -82.5, -6.9][i] }));
    const i = input({ task: 'regression', epochs, bestEpoch: 4, config: { optimizer: 'rmsprop', lr: 0.32 } });
    const f = findingsOf(i);
    expect(f.map((x) => x.kind)).toEqual(['worse_than_constant', 'unstable_training', 'no_fit_reading']);
    expect(f[0].detail).toMatch(/validation R² is -6\.90: always predicting the mean target \(loss 0\.50\d\) would beat the model's 3\.96/);
    expect(f[0].advice).toMatch(/^Lower the learning rate: lr 0\.32 \(rmsprop/);
    expect(advice(i)).not.toMatch(/bigger network \(/);
  });

  it('k-fold: the fold that diverged is named, and bias/variance read on the mean of the folds', () => {
    const ok = [1, 2, 3].map((e) => epoch(e));
    const bad = [epoch(1), epoch(2, { trainLoss: NaN, lr: 0.5 })];
    const f = findingsOf(input({ epochs: ok, folds: [ok, ok, bad], stopReason: 'diverged', bestEpoch: 2 }));
    expect(f[0].detail).toMatch(/At epoch 2 of fold 3 the loss became NaN or infinite with learning rate 0\.5/);
    const folds = [[1, 2, 3].map((e) => epoch(e, { trainAccuracy: 1, valAccuracy: 0.9 })), [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 1, valAccuracy: 0.7 }))];
    const v = findingsOf(input({ epochs: folds[0], folds, bestEpoch: 3 })).at(-1)!;
    expect(v.kind).toBe('high_variance');
    expect(v.detail).toMatch(/best epoch \(3, mean of 2 folds\) the training error is 0\.0% and the validation error 20\.0%/);
  });

  it('dead units from zero weights, collapse from tiny weights: initialization advice, never "lower the learning rate"', () => {
    const zeros = { ...snapshot(4, 0), layers: [layer(1, { deadFraction: 1, stdPost: 0 }), layer(2, { deadFraction: 1, stdPost: 0 }), layer(3, { activation: 'output', deadFraction: null, units: 10 })] };
    const f = findingsOf(input({ snapshots: [{ ...zeros, epoch: 0 }, zeros], config: { init: 'zeros' } }));
    const dead = f.find((x) => x.kind === 'dead_units')!;
    expect(dead.title).toBe('Dead ReLU units in layers 1–2');
    expect(dead.detail).toMatch(/Every weight started at 0/);
    expect(dead.advice).toMatch(/^Use He initialization/);
    const tiny = (e: number): DiagnosticSnapshot => ({ fold: 0, epoch: e, layers: [layer(1, { stdPost: 0.01 }), layer(2, { stdPost: 1e-5 }), layer(3, { activation: 'output', deadFraction: null })] });
    const c = findingsOf(input({ snapshots: [tiny(0), tiny(4)] })).find((x) => x.kind === 'collapsed_activations')!;
    expect(c.advice).toMatch(/too small/);
    const shrank = findingsOf(input({ snapshots: [{ ...tiny(0), layers: tiny(0).layers.map((l) => ({ ...l, stdPost: 0.5 })) }, tiny(4)] })).find((x) => x.kind === 'collapsed_activations')!;
    expect(shrank.advice).toMatch(/shrank during training/);
  });

  it('saturation that appears as the weights grow is about the step size; saturation from N(0, 1) is about the initialization', () => {
    const sat = (e: number, s: number, w: number): DiagnosticSnapshot => ({ fold: 0, epoch: e, layers: [layer(1, { activation: 'tanh', deadFraction: null, saturationFraction: s, weightNorm: w }), layer(2, { activation: 'output', deadFraction: null })] });
    const grown = findingsOf(input({ snapshots: [sat(0, 0.05, 10), sat(8, 0.8, 90)], config: { optimizer: 'sgd', lr: 0.5, init: 'xavier_normal' } })).find((x) => x.kind === 'saturation')!;
    expect(grown.detail).toMatch(/weights grew during training \(layer 1's norm from 10\.0 to 90\.0\)/);
    expect(grown.advice).toMatch(/^Lower the learning rate: lr 0\.5/);
    const fromInit = findingsOf(input({ snapshots: [sat(0, 0.8, 80), sat(8, 0.8, 80)], config: { init: 'normal', initScale: 1 } })).find((x) => x.kind === 'saturation')!;
    expect(fromInit.advice).toMatch(/Xavier initialization/);
  });

  it('underfitting whose loss is still falling says "train longer" before "bigger network"', () => {
    const epochs = [2.5, 2.0, 1.6, 1.3, 1.1, 0.95].map((l, i) => epoch(i + 1, { trainLoss: l, valLoss: l + 0.1, trainAccuracy: 0.8, valAccuracy: 0.78 }));
    const f = findingsOf(input({ epochs, bestEpoch: 6 })).at(-1)!;
    expect(f.kind).toBe('high_bias');
    expect(f.advice).toMatch(/^Train longer or raise the learning rate: the training loss was still falling 16\.0% per epoch/);
  });

  it('underfitting after few weight updates says so with its figures, before "bigger network" (iris: 90 training rows, batch 128, 30 epochs)', () => {
    // 30 epochs of one batch each: 30 updates, the loss from 0.9 levelling off at 0.6 (so neither "not learning" nor "still falling").
    const epochs = Array.from({ length: 30 }, (_, i) => epoch(i + 1, { trainLoss: 0.6 + 0.3 * Math.exp(-i / 6), valLoss: 0.58 + 0.3 * Math.exp(-i / 6), trainAccuracy: 0.822, valAccuracy: 0.833 }));
    const underfit = (over: Partial<FindingsInput>): string => findingsOf(input({ epochs, bestEpoch: 30, ...over })).find((x) => x.kind === 'high_bias')!.advice;
    expect(underfit({ trainRows: 90, config: { batchSize: 128 } })).toBe('Only 30 weight updates in all: 30 epochs of one batch, as the batch size (128) holds all 90 training rows. ' +
      'Train for more epochs, or use a smaller batch for more updates per epoch, before a bigger network.');
    // Batches of 16: ⌈90 / 16⌉ = 6 an epoch, 180 in all.
    expect(underfit({ trainRows: 90, config: { batchSize: 16 } })).toMatch(/^Only 180 weight updates in all: 30 epochs of 6 batches of 16 over 90 training rows\. /);
    // 17 batches of 32 over 540 rows, 510 updates: enough, and the usual advice.
    expect(underfit({ trainRows: 540, config: { batchSize: 32 } })).toMatch(/^Use a bigger network/);
    // Stopped early (the epoch limit was not what ended it), or the rows or the batch unknown: not said.
    expect(findingsOf(input({ epochs, bestEpoch: 30, stopReason: 'early_stopping', trainRows: 90, config: { batchSize: 128 } })).map((x) => x.advice).join(' ')).not.toMatch(/weight updates/);
    expect(underfit({ config: { batchSize: 128 } })).toMatch(/^Use a bigger network/);
    expect(underfit({ trainRows: 90 })).toMatch(/^Use a bigger network/);
  });

  it('overfitting with more features than training rows names them as the cause (3,000 genes over 72 samples); not with as many rows as features or more, nor where either is unknown', () => {
    const over = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 1.0, valAccuracy: 0.667 }));
    const overfit = (more: Partial<FindingsInput>) => findingsOf(input({ epochs: over, bestEpoch: 3, ...more })).find((x) => x.kind === 'high_variance')!;
    const wide = overfit({ trainRows: 72, features: 3000 });
    expect(wide.detail).toBe('At the best epoch (3) the training error is 0.0% and the validation error 33.3%. The gap between training and validation is large. ' +
      'The 3,000 features outnumber the 72 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there.');
    expect(wide.advice).toBe('Regularize hard (L2 up to 0.1 or more, dropout), use a smaller network, or leave out features that cannot bear on the target; more rows would help most.');
    // 72 features over 72 rows: not more inputs than rows; the usual words.
    for (const o of [{ trainRows: 72, features: 72 }, { features: 3000 }, { trainRows: 72 }]) {
      expect(overfit(o).detail).toBe('At the best epoch (3) the training error is 0.0% and the validation error 33.3%. The gap between training and validation is large.');
      expect(overfit(o).advice).toMatch(/^Get more data/);
    }
  });

  it('best after the first epoch and worse from then on: overshooting or overfitting at once, the features named where they outnumber the training rows (the case of 200 columns over 36 rows at lr 0.01)', () => {
    // The validation loss lowest at epoch 1 (0.547), up to 0.91 by the end; the training loss to nearly 0.
    const losses = [[0.989, 0.547], [0.3, 0.6], [0.05, 0.75], [0.001, 0.85], [7.49e-5, 0.91]];
    const epochs = losses.map(([t, v], i) => epoch(i + 1, { trainLoss: t, valLoss: v, trainAccuracy: 1, valAccuracy: 0.667 }));
    const early = (more: Partial<FindingsInput>) => findingsOf(input({ epochs, bestEpoch: 1, config: { optimizer: 'adam', lr: 0.01 }, ...more })).find((x) => x.title === 'Best after the first epoch, worse from then on')!;
    const plain = 'The validation loss was lowest after epoch 1 (0.547) and rose to 0.910 by epoch 5, while the training loss went from 0.989 to 7.49·10⁻⁵. ' +
      'Either the steps are so large that the model overshoots into confident wrong answers, or it overfits at once.';
    expect(early({}).detail).toBe(plain);
    expect(early({}).advice).toMatch(/^Lower the learning rate: lr 0\.01 \(adam usually trains at 0\.0001–0\.003\).* If it still peaks at once with a smaller rate, the model overfits: add L2, dropout or more data\.$/);
    expect(early({ features: 200, trainRows: 36 }).detail).toBe(`${plain} The 200 features outnumber the 36 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there.`);
    expect(early({ features: 36, trainRows: 36 }).detail).toBe(plain);
  });

  it('a stall after two weight updates names them, not only the learning rate or the initialization', () => {
    const flat = [1, 2].map((e) => epoch(e, { trainLoss: 1.377, valLoss: 1.409, trainAccuracy: 0.544, valAccuracy: 0.533 }));
    const f = findingsOf(input({ epochs: [epoch(1, { trainLoss: 1.38, valLoss: 1.41, trainAccuracy: 0.5, valAccuracy: 0.5 }), ...flat.map((e, i) => ({ ...e, epoch: i + 2 }))], bestEpoch: 3, trainRows: 90, config: { batchSize: 54319, optimizer: 'adam', lr: 1e-3 } }));
    const stuck = f.find((x) => x.kind === 'not_learning')!;
    expect(stuck.advice).toBe('Only 3 weight updates in all: 3 epochs of one batch, as the batch size (54319) holds all 90 training rows. Train for more epochs, or use a smaller batch for more updates per epoch.');
  });
});

describe('findings: a rare class the model misses', () => {
  // 600 validation rows: "ok" 581 (578 right), "fraud" 19 (6 found); accuracy 584 / 600.
  const fraud = { classes: ['fraud', 'ok'], counts: [[6, 13], [3, 578]] };

  it('names the class, its share and recall, what always answering the common class scores, and the balanced accuracy; no "good fit"', () => {
    const f = findingsOf(input({ confusion: fraud, metric: 'val_accuracy' }));
    expect(f.map((x) => x.kind)).toEqual(['rare_class_missed']);
    expect(f[0].title).toBe('Misses the rare class “fraud”');
    expect(f[0].detail).toBe('“fraud” is 3.2% of the 600 validation rows (19 rows): at the best epoch (4) the model answers “fraud” for 6 of them (recall 31.6%). ' +
      'Always answering “ok” would be right on 96.8% of the rows, so the validation accuracy of 97.3% says little; the balanced accuracy (the mean recall over classes) is 65.5%.');
    // (6/19 + 578/581) / 2 = 0.6553…
    expect(f[0].advice).toMatch(/^Make val_balanced_accuracy the objective .* Set "classWeights": "balanced"/);
  });

  it('its advice leaves out what the search already does', () => {
    const monitorLoss = findingsOf(input({ confusion: fraud, metric: 'val_balanced_accuracy', config: { earlyStopping: { monitor: 'val_loss', patience: 5, minDelta: 0, restoreBest: true }, classWeights: 'balanced' } }))[0];
    expect(monitorLoss.advice).toBe('Watch val_balanced_accuracy in early stopping too (it watches val_loss), so the best epoch is the one that finds the most of every class. ' +
      'The loss already weighs every class alike ("classWeights": "balanced"): more epochs, a wider network or more rows of the rare class may find it.');
    const both = findingsOf(input({ confusion: fraud, metric: 'val_balanced_accuracy', config: { earlyStopping: { monitor: 'val_balanced_accuracy', patience: 5, minDelta: 0, restoreBest: true } } }))[0];
    expect(both.advice).toMatch(/^Set "classWeights": "balanced"/);
  });

  it('after a finding that the network does not learn, its advice says to fix that first', () => {
    const f = findingsOf(input({ confusion: fraud, epochs: [1, 2, 3, 4].map((e) => epoch(e, { gradNorms: [1e-5, 1e-3, 0.1] })) }));
    expect(f.map((x) => x.kind)).toEqual(['vanishing_gradients', 'rare_class_missed']);
    expect(f[1].advice).toMatch(/^Fix what is named above first: a network that does not learn answers the common class however the classes weigh\. Then make val_balanced_accuracy the objective/);
  });

  it('with classes weighted in the loss, row-by-row errors that look like bias are not read as bias: the balanced accuracy is named instead', () => {
    const epochs = [1, 2, 3, 4].map((e) => epoch(e, { trainAccuracy: 0.936, valAccuracy: 0.937, valBalancedAccuracy: 0.928 }));
    expect(kinds(input({ epochs }))).toEqual(['high_bias']);
    const f = findingsOf(input({ epochs, config: { classWeights: 'balanced' } }));
    expect(f.map((x) => x.kind)).toEqual(['no_fit_reading']);
    expect(f[0].detail).toBe('At the best epoch (4) the training error is 6.4% and the validation error 6.3%. With "classWeights": "balanced" the loss trades errors on the common class for finding the rare ones, ' +
      'so errors counted row by row say little about bias or variance. Its validation balanced accuracy, the mean recall over classes, is 92.8%.');
    // Nothing that looks like bias or variance: the good fit stands.
    expect(kinds(input({ config: { classWeights: 'balanced' } }))).toEqual(['good_fit']);
  });

  it('several rare classes are listed, the worst found first; an accuracy well above the common class alone says little about them only', () => {
    const m = { classes: ['a', 'b', 'c'], counts: [[300, 0, 0], [8, 2, 0], [6, 0, 0]] };
    const f = findingsOf(input({ confusion: m }))[0];
    expect(f.title).toBe('Misses rare classes');
    expect(f.detail).toMatch(/so the validation accuracy of 95\.6% says little;/);
    // Ten classes, two rare ones (6 rows each) missed, eight of 92 rows with 90 right: accuracy 720 / 748 = 96.3%, far above the commonest class's 92 / 748 = 12.3%.
    const ten = { classes: Array.from({ length: 10 }, (_, i) => `c${i}`), counts: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i < 2 ? (j === 2 ? 6 : 0) : i === j ? 90 : j === 0 ? 2 : 0))) };
    const g = findingsOf(input({ confusion: ten }))[0];
    expect(g.detail).toMatch(/Always answering “c2” would be right on 12\.3% of the rows, so the validation accuracy of 96\.3% says little about them;/);
    expect(f.detail).toMatch(/^2 rare classes are mostly missed on the 316 validation rows at the best epoch \(4\): “c” found in 0 of its 6 rows, “b” found in 2 of its 10 rows\./);
  });

  it('stays silent where the class is not rare, is found, or has too few rows to say, and for regression', () => {
    // Ten even classes, one of them hard (recall 30%): a hard class, not a rare one.
    const even = { classes: Array.from({ length: 10 }, (_, i) => String(i)), counts: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? (i === 3 ? 9 : 30) : i === 3 && j === 5 ? 21 : 0))) };
    expect(kinds(input({ confusion: even }))).toEqual(['good_fit']);
    expect(kinds(input({ confusion: { classes: ['fraud', 'ok'], counts: [[10, 9], [3, 578]] } }))).toEqual(['good_fit']);
    expect(kinds(input({ confusion: { classes: ['fraud', 'ok'], counts: [[1, 3], [3, 578]] } }))).toEqual(['good_fit']);
    expect(kinds(input({ confusion: fraud, stopReason: 'diverged', epochs: [epoch(1), epoch(2, { trainLoss: NaN })] }))).not.toContain('rare_class_missed');
  });
});
