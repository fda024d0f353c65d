/**
 * The epochs a trial trains before a pruner first judges it, when the spec leaves it out: a tenth
 * of the epochs (at least 1). In the first epochs learning curves still cross: a small learning
 * rate starts slow and often ends best (docs/pruning.md has the figures).
 */
export function graceEpochs(epochs: number): number {
  return Math.max(1, Math.round(epochs / 10));
}
