import { SpecError } from '../spec/errors';
import { trainConfigOf, type Spec } from '../spec/spec';
import { strategyIssues } from './registry';

/** Integer-valued train keys: a float knob on them is refused. */
const INT_KEYS = new Set(['epochs', 'batchSize', 'depth', 'hiddenUnits', 'lrStepEpochs', 'warmupEpochs']);

/** Check a space against the train keys (integer keys get int knobs, every value a knob can take makes a valid config) and the strategy against the space. */
export function validateSpace(spec: Spec): void {
  const issues: string[] = [];
  for (const [key, p] of Object.entries(spec.space)) {
    if (p.type === 'float' && INT_KEYS.has(key)) issues.push(`space.${key}: "${key}" takes whole numbers; use { "type": "int", … }`);
    const probe = (value: unknown, where: string): void => {
      try {
        trainConfigOf(spec, { [key]: value });
      } catch (e) {
        const inner = (e as SpecError).issues?.join('; ') ?? (e as Error).message;
        issues.push(`space.${key}${where}: ${JSON.stringify(value)} is not a valid value (${inner})`);
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
  issues.push(...strategyIssues(spec));
  if (issues.length) throw new SpecError(issues);
}
