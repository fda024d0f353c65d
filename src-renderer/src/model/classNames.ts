// Class names as narrow places write them (the confusion table's headers, a class-balance chart's
// axis): without the words they all share.

/** Where a name may be cut: after a space, "_", "-", "." or "/" (a cut inside a word would leave "atalogue"). */
const BREAK = /[\s_\-./]/;

/**
 * Class names without the words they all share at their start and end, so a header cut to its width still
 * tells the classes apart: 50 classes named "species number 06 of the catalogue" each read "species numb…".
 * Cut only at a break between words, and only where every name keeps something; `shared` writes what was
 * left out, "…" in place of the names' own parts. One name, or fewer than 4 letters shared: unchanged.
 */
export function shortNames(names: readonly string[]): { short: string[]; shared: string | null } {
  const same = { short: [...names], shared: null };
  if (names.length < 2) return same;
  let pre = 0;
  while (names.every((n) => pre < n.length && n[pre] === names[0][pre])) pre += 1;
  // Back to just after a break, so the cut falls between words.
  while (pre > 0 && !BREAK.test(names[0][pre - 1])) pre -= 1;
  let suf = 0;
  const minLeft = (): number => Math.min(...names.map((n) => n.length - pre));
  while (suf < minLeft() && names.every((n) => n[n.length - 1 - suf] === names[0][names[0].length - 1 - suf])) suf += 1;
  while (suf > 0 && !BREAK.test(names[0][names[0].length - suf])) suf -= 1;
  if (pre + suf < 4) return same;
  const short = names.map((n) => n.slice(pre, n.length - suf));
  if (short.some((x) => x.trim() === '') || new Set(short).size < names.length) return same;
  return { short, shared: `${names[0].slice(0, pre)}…${suf > 0 ? names[0].slice(names[0].length - suf) : ''}` };
}
