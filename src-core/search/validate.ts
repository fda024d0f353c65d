import { issueText, type Issue } from '../errors';
import { specIssues } from '../spec/checks';
import { SpecError } from '../spec/errors';
import { trainConfigOf, type Spec } from '../spec/spec';
import { INT_TRAIN_KEYS } from '../vocabulary';
import { prunerIssues } from './pruning';
import { strategyIssues } from './registry';

/**
 * Check a space against the train keys (integer keys get int knobs, every value a knob can take makes a valid config), the strategy against
 * the space, and what a new search needs beyond the schema (spec/checks.ts: names on one line, a network that fits in memory).
 * `stored` for a search stored before (resumed): its names were accepted then and are not checked again.
 */
export function validateSpace(spec: Spec, opts: { stored?: boolean } = {}): void {
  const issues: Issue[] = [];
  for (const [key, p] of Object.entries(spec.space)) {
    if (p.type === 'float' && (INT_TRAIN_KEYS as readonly string[]).includes(key)) issues.push({ path: `space.${key}`, message: `"${key}" takes whole numbers; use { "type": "int", … }` });
    const probe = (value: unknown, where: string): void => {
      try {
        trainConfigOf(spec, { [key]: value });
      } catch (e) {
        const inner = e instanceof SpecError ? e.issues.map(issueText).join('; ') : (e as Error).message;
        issues.push({ path: `space.${key}${where}`, message: `${JSON.stringify(value)} is not a valid value (${inner})` });
      }
    };
    if (p.type === 'float' || p.type === 'int') {
      probe(p.low, '.low');
      probe(p.high, '.high');
      p.values?.forEach((v, i) => probe(v, `.values[${i}]`));
    } else if (p.type === 'categorical') {
      p.values.forEach((v, i) => probe(v, `.values[${i}]`));
    } else probe(p.value, '.value');
  }
  issues.push(...strategyIssues(spec), ...prunerIssues(spec), ...specIssues(spec, opts));
  if (issues.length) throw new SpecError(issues);
}
