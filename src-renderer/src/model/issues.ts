/** One problem with the input, at the key path it is about ('' when it names none). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The spec's top-level keys: an issue string starting with one of them names its path. */
const SPEC_KEYS = ['project', 'name', 'dataset', 'split', 'preprocess', 'targetPreprocess', 'train', 'space', 'strategy', 'objective', 'budget', 'workers', 'seed', 'diagnostics'];
const PATH = new RegExp(`^((?:${SPEC_KEYS.join('|')})(?:\\.[\\w-]+|\\[\\d+\\])*)(?::\\s*|(?=\\s|\\())`);

/**
 * Issues as the engine sends them (structured `{ path, message }`, or strings that start with their
 * key path, "space.lr: a log knob needs low > 0"), each with its path.
 */
export function fieldIssues(issues: readonly (string | FieldIssue)[]): FieldIssue[] {
  return issues.map((i) => {
    if (typeof i !== 'string') return { path: i.path, message: i.message };
    const m = PATH.exec(i);
    if (!m) return { path: '', message: i };
    // "strategy.keepTop (5) must …" reads best whole; "space.lr: …" without its path.
    return { path: m[1], message: i.slice(m[0].length).startsWith('(') || !m[0].includes(':') ? i : i.slice(m[0].length) };
  });
}

/** The issues about a path or anything under it ("train" matches "train.lr" and "train.hiddenLayers[1]", not "trainer"). */
export function issuesAt(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));
}

/** An issue as one line, path first. */
export const issueText = (i: FieldIssue): string => (i.path && !i.message.startsWith(i.path) ? `${i.path}: ${i.message}` : i.message);
