/**
 * How knob values read to people, shared by the engine (sentences about a run) and the renderer
 * (tables, legends, the editor): pure functions of the value, no imports.
 *
 * @example
 *   valueLabel({ init: 'normal', initScale: 0.01 })                 // "N(0, 0.01)"
 *   valueLabel('he_normal')                                          // "He normal"
 *   valueLabel({ optimizer: 'momentum', lr: 0.01, momentum: 0.9 })   // "Momentum (lr 0.01, momentum 0.9)"
 *   knobsLabel({ activation: 'tanh', init: 'xavier_normal' })        // "tanh · Xavier normal"
 *   specValueLabel({ init: 'normal', initScale: 0.01 })             // '{"init":"normal","initScale":0.01}' (as the spec writes it)
 */

const NAMES: Record<string, string> = {
  // initializers
  zeros: 'zeros', xavier_normal: 'Xavier normal', xavier_uniform: 'Xavier uniform', he_normal: 'He normal', he_uniform: 'He uniform', lecun_normal: 'LeCun normal',
  // optimizers
  sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', adagrad: 'AdaGrad', adadelta: 'Adadelta', rmsprop: 'RMSProp', adam: 'Adam', adamw: 'AdamW',
  // activations
  relu: 'ReLU', leaky_relu: 'leaky ReLU', elu: 'ELU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear',
  // schedules
  constant: 'constant', step: 'step decay', exponential: 'exponential decay', inverse_time: 'inverse-time decay', cosine: 'cosine',
};

/** A number as typed: whole numbers as they are, else up to 4 significant digits, small and large values as 1e-6 / 2.5e+6. */
export function numberLabel(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e9) return String(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return Number(x.toPrecision(3)).toExponential();
}

/** The name of a known initializer, optimizer, activation or schedule ("He normal", "RMSProp"), else the string itself. */
export function nameLabel(s: string): string {
  return NAMES[s] ?? s;
}

/** "N(0, 0.01)" for normal, "U(-0.05, 0.05)" for uniform (σ or the bound is `initScale`), else the initializer's name. */
function initLabel(init: string, scale: unknown): string {
  const s = typeof scale === 'number' ? numberLabel(scale) : null;
  if (init === 'normal') return s ? `N(0, ${s})` : 'normal';
  if (init === 'uniform') return s ? `U(-${s}, ${s})` : 'uniform';
  return nameLabel(init);
}

/** Any knob value in words: names for known choices, N(0, σ) for normal weights, the settings of a bundle in parentheses. */
export function valueLabel(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return numberLabel(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return nameLabel(value);
  if (Array.isArray(value)) return `[${value.map(valueLabel).join(', ')}]`;
  if (typeof value !== 'object') return String(value);
  const o = { ...(value as Record<string, unknown>) };
  let head = '';
  if (typeof o.init === 'string') {
    head = initLabel(o.init, o.initScale);
    delete o.init;
    if (head.includes('(')) delete o.initScale;
  } else if (typeof o.optimizer === 'string') {
    head = nameLabel(o.optimizer);
    delete o.optimizer;
  } else if (typeof o.activation === 'string') {
    head = nameLabel(o.activation);
    delete o.activation;
  }
  const rest = Object.entries(o).map(([k, v]) => `${k} ${valueLabel(v)}`).join(', ');
  if (!head) return rest || '{}';
  return rest ? `${head} (${rest})` : head;
}

/**
 * A knob value as a spec writes it, on one line (the CLI's round boxes): plain names and numbers as
 * they are, anything else as compact JSON, so a bundle of train keys reads as the spec gave it and a
 * string with spaces, quotes or control characters is quoted and escaped.
 *
 * @example
 *   specValueLabel('relu')                                  // "relu"
 *   specValueLabel(0.001)                                   // "0.001"
 *   specValueLabel({ init: 'normal', initScale: 0.01 })     // '{"init":"normal","initScale":0.01}'
 *   specValueLabel([64, 64])                                // "[64,64]"
 */
export function specValueLabel(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^[A-Za-z_][\w.-]*$/.test(value) && !['true', 'false', 'null'].includes(value)) return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** Several knobs' values joined for a legend or a row title ("tanh · Xavier normal"); `keys` picks and orders them. */
export function knobsLabel(knobs: Record<string, unknown>, keys: string[] = Object.keys(knobs)): string {
  return keys.filter((k) => k in knobs).map((k) => valueLabel(knobs[k])).join(' · ');
}

/**
 * A synthetic data set in words, as the search's header and the comparison name it:
 * "moons (synthetic, 1000 rows)", with uneven classes "moons (synthetic, 3000 rows, classes 95% / 5%)".
 */
export function syntheticLabel(d: { synthetic: string; n?: unknown; classShares?: unknown }): string {
  const shares = sharesLabel(d.classShares);
  return `${d.synthetic} (synthetic${typeof d.n === 'number' ? `, ${d.n} rows` : ''}${shares ? `, ${shares}` : ''})`;
}

/** A generator's class shares in words, "classes 95% / 5%"; '' where it sets none (the classes take turns). */
export function sharesLabel(classShares: unknown): string {
  return Array.isArray(classShares) && classShares.length > 0 && classShares.every((x) => typeof x === 'number')
    ? `classes ${(classShares as number[]).map((x) => `${Number((x * 100).toPrecision(3))}%`).join(' / ')}` : '';
}

/** A pruner's step as people read it: "epoch 3" in a hold-out search, "epoch 3 of fold 1" in a k-fold one (folds counted from 1 here, from 0 in the step). */
export function stepWords(s: { fold: number; folds: number; epoch: number }): string {
  return s.folds > 1 ? `epoch ${s.epoch} of fold ${s.fold + 1}` : `epoch ${s.epoch}`;
}
