import type { Component } from 'vue';
import CoarseToFineFields from './CoarseToFineFields.vue';
import GridFields from './GridFields.vue';
import RandomFields from './RandomFields.vue';

/**
 * Each strategy's own fields in the editor, by strategy kind (the menu lists the engine's kinds,
 * app.vocabulary.strategies): a new strategy is one more entry (and its component).
 */
export const STRATEGY_FIELDS: Record<string, { label: string; fields: Component }> = {
  random: { label: 'random', fields: RandomFields },
  grid: { label: 'grid', fields: GridFields },
  'coarse-to-fine': { label: 'coarse-to-fine', fields: CoarseToFineFields },
};
