import type { SettingsForm } from '../api/contract';
import { settingFields } from '../spec/settings';
import { PRUNER_KINDS, prunerSchema, type PrunerKind, type PrunerSpec } from './schema';

type SettingsOf<K extends PrunerKind> = Exclude<keyof Extract<PrunerSpec, { kind: K }>, 'kind'>;

/** Each pruner's line in the editor's menu and a help text per setting; the compiler checks every kind and setting has one. */
const TEXTS: { [K in PrunerKind]: { label: string; help: Record<SettingsOf<K>, string> } } = {
  none: { label: 'No pruner: every trial runs its epochs (its own early stopping aside)', help: {} },
  median: {
    label: 'Median rule (Optuna\'s MedianPruner): stop a trial whose best value so far is worse than the finished trials\' median at the same epoch',
    help: {
      startupTrials: 'Trials that must finish before any is stopped.',
      warmupEpochs: 'Epochs never judged at the start (empty: a tenth of the epochs).',
      interval: 'Judge one epoch in every this many.',
    },
  },
  asha: {
    label: 'ASHA (asynchronous successive halving): at each rung a trial goes on only among the best 1/η of the values recorded there',
    help: {
      minEpochs: 'Epoch of the first rung (empty: a tenth of the epochs).',
      reductionFactor: 'η: each rung keeps the best 1/η and sits η times further than the one before.',
      minEarlyStoppingRate: 'Skip this many rungs: the first sits at min epochs × η^rate.',
      startupTrials: 'Trials that must finish before any is stopped.',
    },
  },
  hyperband: {
    label: 'Hyperband: brackets of ASHA with later and later first rungs; each trial competes only in its own bracket',
    help: {
      minEpochs: 'Epoch of the first rung of the first bracket (empty: a tenth of the epochs).',
      reductionFactor: 'η: each rung keeps the best 1/η and sits η times further than the one before.',
      startupTrials: 'Trials that must finish before any is stopped.',
    },
  },
};

/** Each pruner as the editor offers it, in PRUNER_KINDS order, its settings read from the `pruner` schema. */
export function prunerForms(): SettingsForm[] {
  return PRUNER_KINDS.map((kind) => {
    const schema = prunerSchema.options.find((o) => o.shape.kind.value === kind)!;
    return { kind, label: TEXTS[kind].label, fields: settingFields(schema, TEXTS[kind].help as Partial<Record<string, string>>) };
  });
}
