/**
 * What a name (of a project, a search, an imported data set) may hold: one line of printable text.
 * Names are printed in `knobs list` rows, terminal lines and window titles, so a line break would
 * split a row and an escape character would send terminal codes. Shared by the spec's check
 * (`name`, `project`), the contract's schemas (create, rename, import) and bundle import; no imports.
 *
 * @example
 *   nameProblem('lr sweep')          // null
 *   nameProblem('line1\nline2')      // "contains a line break (U+000A); a name is one line of printable text"
 *   nameProblem('   ')               // "must not be blank"
 */

/** C0 controls, DEL and C1 controls (U+0000–U+001F, U+007F–U+009F). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const CONTROL_NAMES: Record<string, string> = {
  '\n': 'a line break',
  '\r': 'a line break (carriage return)',
  '\u0085': 'a line break (next line)',
  '\u000b': 'a line break (vertical tab)',
  '\u000c': 'a line break (form feed)',
  '\t': 'a tab',
  '\u001b': 'an escape character (as in terminal colour codes)',
  '\u0000': 'a NUL character',
  '\u007f': 'a delete character',
};

/** A character's code point as Unicode writes it: "U+000A". */
const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first control character in a text, in words with its code point ("a line break (U+000A)"), or null when there is none. */
export function controlCharacterIn(text: string): string | null {
  const m = CONTROL.exec(text);
  if (!m) return null;
  return `${CONTROL_NAMES[m[0]] ?? 'a control character'} (${codePoint(m[0])})`;
}

/** Why a text cannot be a name (empty, blank, or holding a control character), or null when it can. */
export function nameProblem(text: string): string | null {
  const control = controlCharacterIn(text);
  if (control) return `contains ${control}; a name is one line of printable text`;
  if (text === '') return 'must not be empty';
  if (text.trim() === '') return 'must not be blank';
  return null;
}
