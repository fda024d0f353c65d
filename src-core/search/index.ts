export type { DensityView, FinishedState, FinishedTrial, KnobDensity, Proposal, ProposeInput, RunningTrial, Strategy, StrategyDefinition } from './strategy';
export { rank, WAIT } from './strategy';
export { createStrategy, plannedTrials, STRATEGIES, STRATEGY_KINDS, type StrategyKind, type StrategySpec } from './registry';
export { validateSpace } from './validate';
