import { issueText, issuesAt } from '../../model/issues';
import { useApp } from '../../stores/app';
import { useEditor } from '../../stores/editor';

/** Option lists for selects. */
export const opts = (xs: readonly string[] | undefined): { label: string; value: string }[] => (xs ?? []).map((x) => ({ label: x, value: x }));

/** What the editor's sections share: the store, the vocabulary and the issues at each field. */
export function useFields() {
  const editor = useEditor();
  const app = useApp();
  /**
   * Props for a form item: red with the issue's words under it when the engine or the form found one
   * at this path; else amber with a caution's words (valid, but it will not do what it seems to).
   */
  function at(...paths: string[]): { validationStatus?: 'error' | 'warning'; feedback?: string; showFeedback: boolean } {
    const found = paths.flatMap((p) => issuesAt(editor.issues, p));
    if (found.length > 0) return { validationStatus: 'error', feedback: [...new Set(found.map((i) => i.message))].join('\n'), showFeedback: true };
    const cautions = paths.flatMap((p) => issuesAt(editor.cautions, p));
    if (cautions.length > 0) return { validationStatus: 'warning', feedback: [...new Set(cautions.map((i) => i.message))].join('\n'), showFeedback: true };
    return { showFeedback: false };
  }
  /** Issues under a section's paths that no field shows (each path once, with its key). */
  function rest(prefixes: string[], fields: string[]): string[] {
    const mine = prefixes.flatMap((p) => issuesAt(editor.issues, p));
    const shown = (path: string): boolean => fields.some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
    return [...new Set(mine.filter((i) => !shown(i.path)).map(issueText))];
  }
  return { editor, app, at, rest };
}
