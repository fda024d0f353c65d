import type { SpecInput } from '../spec/spec';

/** A one-click experiment: one or more ordinary searches the user can edit and rerun. */
export interface Experiment {
  id: string;
  title: string;
  /** What it runs, in plain words. */
  description: string;
  /** What usually happens and why (what this run shows is computed from its results: see outcome.ts). */
  usually: string;
  /** Which views tell the story. */
  lookAt: string;
  specs: SpecInput[];
}

const deepNet = { hiddenLayers: [100, 100, 100, 100, 100], batchSize: 128, earlyStopping: false as const };

/** The built-in experiments (initialization, optimizers, random vs grid, coarse-to-fine, TPE vs random, a rare class). */
export const EXPERIMENTS: Experiment[] = [
  {
    id: 'init-comparison',
    title: 'Initialization comparison',
    description:
      'Five hidden layers of 100 units trained on digits with plain SGD for 20 epochs, for zeros, N(0, 0.01), N(0, 1), ' +
      'Xavier and He initial weights under sigmoid, tanh and ReLU: 15 trials.',
    usually:
      'Zeros keep every unit identical, so the symmetry is never broken and the loss stays at the chance level. N(0, 0.01) ' +
      'shrinks the signal layer by layer until the deeper layers output one tiny value. N(0, 1) is far too large for ' +
      '100-unit layers: sigmoid and tanh saturate, ReLU activations explode. Xavier (σ² = 2/(n_in + n_out)) keeps the ' +
      'signal of tanh and sigmoid layers at a steady size, He (σ² = 2/n_in) does the same for ReLU, which zeroes half its inputs; ' +
      'so Xavier usually suits tanh and He suits ReLU. Deep sigmoid stacks learn slowly whatever the start.',
    lookAt: 'Compare the activation histograms at epoch 0 and the training curves; the findings name saturation and collapse.',
    specs: [
      {
        project: 'experiments',
        name: 'initialization comparison',
        dataset: { builtin: 'digits' },
        preprocess: 'zscore',
        train: { ...deepNet, epochs: 20, optimizer: 'sgd', lr: 0.01 },
        space: {
          activation: { type: 'categorical', values: ['sigmoid', 'tanh', 'relu'] },
          init: {
            type: 'categorical',
            values: ['zeros', { init: 'normal', initScale: 0.01 }, { init: 'normal', initScale: 1 }, 'xavier_normal', 'he_normal'],
          },
        },
        strategy: { kind: 'grid' },
        objective: { metric: 'val_loss' },
        budget: { trials: 15 },
        diagnostics: { every: 1 },
        seed: 1,
      },
    ],
  },
  {
    id: 'optimizer-comparison',
    title: 'Optimizer comparison on digits',
    description:
      'The same 5×100 ReLU network with He initialization trained on digits for 30 epochs by SGD, Momentum, Nesterov, ' +
      'AdaGrad, Adadelta, RMSProp and Adam, each at its usual learning rate: 7 trials.',
    usually:
      'Plain SGD moves each weight by the same multiple of its gradient, so it crawls along shallow directions and is ' +
      'usually slowest. Momentum and Nesterov add up steps that keep pointing the same way and go faster. AdaGrad, ' +
      'RMSProp and Adam scale each weight\'s step by the size of its own past gradients, so they usually fall fastest in ' +
      'the first epochs. At other learning rates the order can change: each optimizer here runs at its usual one.',
    lookAt: 'Curves tab: all training and validation curves overlaid; Compare tab for any two.',
    specs: [
      {
        project: 'experiments',
        name: 'optimizer comparison',
        dataset: { builtin: 'digits' },
        preprocess: 'zscore',
        train: { ...deepNet, epochs: 30, init: 'he_normal', activation: 'relu' },
        space: {
          optimizer: {
            type: 'categorical',
            values: [
              { optimizer: 'sgd', lr: 0.01 },
              { optimizer: 'momentum', lr: 0.01, momentum: 0.9 },
              { optimizer: 'nesterov', lr: 0.01, momentum: 0.9 },
              { optimizer: 'adagrad', lr: 0.01 },
              { optimizer: 'adadelta', lr: 1 },
              { optimizer: 'rmsprop', lr: 0.001 },
              { optimizer: 'adam', lr: 0.001 },
            ],
          },
        },
        strategy: { kind: 'grid' },
        objective: { metric: 'val_loss' },
        budget: { trials: 7 },
        seed: 2,
      },
    ],
  },
  {
    id: 'random-vs-grid',
    title: 'Random vs grid coverage',
    description:
      'Two searches with the same budget of 16 trials over the learning rate of SGD on wine (10⁻⁴ to 10, log scale) and ' +
      'L2 (10⁻⁶ to 10⁻², log scale): a 4 × 4 grid and 16 random draws.',
    usually:
      'The learning rate moves the loss by orders of magnitude here, L2 far less. A 4 × 4 grid tries only 4 distinct ' +
      'learning rates, each four times with a different L2; random search tries 16 different ones. So random search usually lands ' +
      'closer to the best learning rate. It can still lose: with 16 draws luck matters, and the grid wins when one of its ' +
      '4 points happens to sit near the best value.',
    lookAt: 'Search space tab: the pair scatter of lr against l2 for each search, and the best value of each.',
    specs: (['grid', 'random'] as const).map((kind) => ({
      project: 'experiments',
      name: `${kind} search, 16 trials`,
      dataset: { builtin: 'wine' },
      preprocess: 'zscore' as const,
      train: { epochs: 30, hiddenLayers: [32], optimizer: 'sgd' as const, batchSize: 16, earlyStopping: false as const },
      space: {
        lr: { type: 'float' as const, low: 1e-4, high: 10, log: true },
        l2: { type: 'float' as const, low: 1e-6, high: 1e-2, log: true },
      },
      strategy: kind === 'grid' ? { kind: 'grid' as const, points: 4 } : { kind: 'random' as const },
      objective: { metric: 'val_loss' as const },
      budget: { trials: 16 },
      seed: 3,
    })),
  },
  {
    id: 'coarse-to-fine',
    title: 'Coarse-to-fine demo',
    description:
      'Three rounds of 10 trials on digits over the learning rate, hidden units and momentum: round 1 samples the whole ' +
      'box at random, each later round samples inside a narrower box.',
    usually:
      'Each later round narrows every numeric knob to the span of the best 3 trials so far (on a log scale for the ' +
      'learning rate and width), so it spends its trials where the good values are and usually improves on round 1\'s ' +
      'best. It can also narrow around a lucky early trial and never look at a better region outside the box.',
    lookAt: 'Search space tab: the boxes of each round, trials coloured by round; Overview: best-so-far by round.',
    specs: [
      {
        project: 'experiments',
        name: 'coarse-to-fine demo',
        dataset: { builtin: 'digits' },
        preprocess: 'zscore',
        train: { epochs: 15, batchSize: 32, optimizer: 'momentum', earlyStopping: { monitor: 'val_loss', patience: 4 } },
        space: {
          lr: { type: 'float', low: 1e-4, high: 1, log: true },
          hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
          momentum: { type: 'float', low: 0.5, high: 0.99 },
        },
        strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 10, keepTop: 3 },
        objective: { metric: 'val_loss' },
        budget: { trials: 30 },
        seed: 4,
      },
    ],
  },
  {
    id: 'tpe-vs-random',
    title: 'TPE vs random search',
    description:
      'Two searches of 40 trials on digits over the learning rate (10⁻⁵ to 1), hidden units (4 to 256), L2 (10⁻⁷ to 0.1), ' +
      'all on a log scale, and dropout (0 to 0.6): random search, and TPE, which draws at random, as random search does, until 10 trials have finished.',
    usually:
      'After its 10 random start-up trials TPE splits the trials so far into the best few and the rest, fits a density to ' +
      'the knobs of each group (l for the good ones, g for the others) and proposes where l is high against g. So its later ' +
      'trials gather where the good ones were and most of them train well, while random search keeps spending trials on ' +
      'learning rates too small to learn anything in 20 epochs. Its best is usually better too, but with 40 trials one lucky ' +
      'random draw can still win: the median trial says more about where each search looked.',
    lookAt: 'Search space tab of the TPE search: what TPE sees, l and g for each knob; Overview: which knobs matter. Compare the two searches from the project.',
    specs: (['tpe', 'random'] as const).map((kind) => ({
      project: 'experiments',
      name: kind === 'tpe' ? 'TPE, 40 trials' : 'random search, 40 trials',
      dataset: { builtin: 'digits' },
      preprocess: 'zscore' as const,
      train: { epochs: 20, batchSize: 64, optimizer: 'adam' as const, earlyStopping: { monitor: 'val_loss' as const, patience: 4 } },
      space: {
        lr: { type: 'float' as const, low: 1e-5, high: 1, log: true },
        hiddenUnits: { type: 'int' as const, low: 4, high: 256, log: true },
        l2: { type: 'float' as const, low: 1e-7, high: 0.1, log: true },
        dropout: { type: 'float' as const, low: 0, high: 0.6 },
      },
      strategy: kind === 'tpe' ? { kind: 'tpe' as const } : { kind: 'random' as const },
      objective: { metric: 'val_loss' as const },
      budget: { trials: 40 },
      seed: 1,
    })),
  },
  {
    id: 'rare-class',
    title: 'A rare class: accuracy against balanced accuracy',
    description:
      'Two moons of 3,000 points where the second moon, class “1”, holds 5% of the rows. Two searches of 16 trials over the ' +
      'learning rate of Adam (10⁻⁴ to 0.1) and hidden units (2 to 64), both on a log scale, with the same seed, so the same ' +
      'knobs in the same order: one ranked by plain accuracy, one with "classWeights": "balanced" in the loss, ranked by ' +
      'balanced accuracy (the mean of each class\'s recall).',
    usually:
      'Always answering “0” already scores 95% accuracy, so accuracy barely tells a network that finds the rare class from ' +
      'one that never does, and the loss, an average over rows, is mostly made of common rows: the unweighted networks ' +
      'usually find only part of class “1”. Balanced accuracy scores the constant answer 0.5 whatever the shares, and ' +
      'balanced class weights make each class count alike in the loss, so the weighted networks usually find most of the ' +
      'rare rows, at the price of calling some common rows rare: their plain accuracy falls while their balanced accuracy rises.',
    lookAt: 'Trials tab of each search: the “bal acc” column beside the accuracy; a trial\'s drawer: its confusion table, whether it “Misses the rare class”, ' +
      'and its precision and recall at each threshold (a weighted model\'s answer calls many common rows rare: a higher threshold gives the precision back); ' +
      'the two searches compared by val_balanced_accuracy (tick both in the project, then “Compare by”).',
    specs: ([false, true] as const).map((weighted) => ({
      project: 'experiments',
      name: weighted ? 'rare class, weighted, ranked by balanced accuracy' : 'rare class, ranked by accuracy',
      dataset: { synthetic: 'moons' as const, n: 3000, noise: 0.3, classShares: [0.95, 0.05] },
      preprocess: 'zscore' as const,
      train: {
        epochs: 40, batchSize: 32, optimizer: 'adam' as const, earlyStopping: { monitor: 'val_loss' as const, patience: 8 },
        ...(weighted ? { classWeights: 'balanced' as const } : {}),
      },
      space: {
        lr: { type: 'float' as const, low: 1e-4, high: 0.1, log: true },
        hiddenUnits: { type: 'int' as const, low: 2, high: 64, log: true },
      },
      strategy: { kind: 'random' as const },
      objective: { metric: weighted ? 'val_balanced_accuracy' as const : 'val_accuracy' as const },
      budget: { trials: 16 },
      seed: 6,
    })),
  },
];
