import type { z } from 'zod';
import { BadInputError, issueText, type Issue } from '../errors';

/** A spec (or optimizer knobs) that cannot be used: a BadInputError whose `issues` name each key and what would be valid. */
export class SpecError extends BadInputError {
  constructor(issues: Issue[], prefix = 'Invalid spec') {
    super(`${prefix}:\n  - ${issues.map(issueText).join('\n  - ')}`, issues);
  }
}

/** A zod error as issues like `{ path: 'train.lr', message: 'expected a number > 0, got -1' }` (`root` prefixes every path). */
export function formatZodIssues(error: z.ZodError, root = ''): Issue[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
      const inner = issue.issues.map((i) => i.message).join('; ');
      return { path, message: inner || issue.message };
    }
    return { path, message: issue.message };
  });
}
