import { EDITOR_STRATEGY_KINDS } from '../../src-core/search/registry';
import { PRUNER_KINDS } from '../../src-core/vocabulary';

/**
 * The kinds a refusal lists, as every "expected one of" message writes them: `"a", "b" or "c"`.
 * Tests build their expected messages from the registry and the vocabulary with it, so a new
 * strategy or pruner changes no expected message (the wording itself is pinned by the split's and
 * the knob type's messages, written out in test/unit/spec/spec.test.ts).
 */
export function oneOf(kinds: readonly string[]): string {
  const q = kinds.map((k) => `"${k}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** The strategy kinds a spec is written with (the registry's, a seed re-run's left out). */
export const STRATEGY_CHOICES = oneOf(EDITOR_STRATEGY_KINDS);
/** The pruner kinds (the vocabulary's). */
export const PRUNER_CHOICES = oneOf(PRUNER_KINDS);
