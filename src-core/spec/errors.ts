import type { z } from 'zod';

/** A spec or input that cannot be used; `issues` name each key and what would be valid. */
export class SpecError extends Error {
  readonly issues: string[];
  constructor(issues: string[], prefix = 'Invalid spec') {
    super(`${prefix}:\n  - ${issues.join('\n  - ')}`);
    this.name = 'SpecError';
    this.issues = issues;
  }
}

/** Turn a zod error into lines like `train.lr: expected a number > 0, got -1`. */
export function formatZodIssues(error: z.ZodError, root = ''): string[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    const where = path || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
      const inner = issue.issues.map((i) => i.message).join('; ');
      return `${where}: ${inner || issue.message}`;
    }
    return `${where}: ${issue.message}`;
  });
}
