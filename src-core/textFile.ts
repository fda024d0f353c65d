/**
 * A text file's bytes as text, read the same way by the engine (a CSV named by path, the CLI) and
 * by the renderer (a file chosen in the import dialog, whose File.text() would turn every byte
 * that is not UTF-8 into U+FFFD without a word). Pure: no Node, no DOM beyond TextDecoder.
 */
import { BadInputError } from './errors';

/** The encodings a file is read in. */
export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';

/** The text (a byte order mark dropped), or why the bytes are not text Knobs reads, with the 1-based line where it shows. */
export type FileText = { text: string; encoding: TextEncoding } | { problem: string; line: number };

/**
 * Read bytes as UTF-8, or as UTF-16 where they are: a UTF-16 byte order mark (FF FE or FE FF, as
 * Excel's "Unicode Text" starts), or ASCII written as UTF-16 without a mark (every other byte of
 * the first 64 zero). Refused: a NUL byte (a binary file, such as a workbook saved as .xlsx and
 * renamed), and bytes that are not UTF-8, named with their line and the word they fall in as
 * Windows-1252 reads it (what Excel's plain "CSV (Comma delimited)" writes on Windows).
 */
export function fileText(bytes: Uint8Array): FileText {
  const wide = utf16Of(bytes);
  if (wide) {
    const text = new TextDecoder(wide.toLowerCase()).decode(bytes).replace(/^\uFEFF/, '');
    const nul = text.indexOf('\u0000');
    return nul >= 0 ? binaryProblem(text.slice(0, nul).split('\n').length) : { text, encoding: wide };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return binaryProblem(lineAt(bytes, nul));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const line = lineAt(bytes, bad);
    const byte = `0x${bytes[bad].toString(16).padStart(2, '0')}`;
    return {
      problem: `The file is not UTF-8 text: byte ${byte} on line ${line}, in “${wordAt(bytes, bad)}” as Windows-1252 reads it. Excel's "CSV (Comma delimited)" and older programs write accented letters so; save the file as "CSV UTF-8 (Comma delimited)", or as UTF-8 from any editor.`,
      line,
    };
  }
}

/** A chosen file's text (fileText), or a BadInputError naming the file and what is wrong with its bytes. */
export function textOfFile(name: string, bytes: Uint8Array): string {
  const read = fileText(bytes);
  if ('problem' in read) throw new BadInputError(`${name}: ${read.problem}`);
  return read.text;
}

/** What a NUL byte on `line` says: the file is not text. */
export function binaryProblem(line: number): { problem: string; line: number } {
  return { problem: `The file holds binary data (a NUL byte on line ${line}), not CSV text; export the table as a UTF-8 CSV.`, line };
}

/** UTF-16's byte order where the bytes are UTF-16 (see fileText), else null. */
function utf16Of(b: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  return zeroHalves(b.length, (i) => b[i]);
}

/**
 * ASCII written as UTF-16 without a mark: every other unit of the first 64 zero ("a," as UTF-16LE
 * is 61 00 2C 00, every odd byte zero; as UTF-16BE, 00 61 00 2C). `at` reads a byte, or a character
 * of text that was decoded from such bytes as UTF-8 (each byte one character).
 */
function zeroHalves(length: number, at: (i: number) => number): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(64, length) & ~1;
  if (n < 4) return null;
  const zeroAt = (start: number): boolean => {
    for (let i = start; i < n; i += 2) if (at(i) !== 0) return false;
    return true;
  };
  return zeroAt(1) ? 'UTF-16LE' : zeroAt(0) ? 'UTF-16BE' : null;
}

/** Whether text holds a UTF-16 file decoded as UTF-8 (a client's File.text()): its byte order mark as two U+FFFD, or ASCII's zero halves as NULs (zeroHalves). */
export function utf16AsUtf8(text: string): boolean {
  if (!text.includes('\u0000')) return false;
  return text.startsWith('\uFFFD\uFFFD') || zeroHalves(text.length, (i) => text.charCodeAt(i)) !== null;
}

/** The 1-based line holding byte offset `at`. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The word (up to a delimiter, quote, space or line end; at most 40 bytes each side) around byte `at`, read as Windows-1252 ("Größe" for the bytes of "Gr\xf6\xdfe"). */
function wordAt(bytes: Uint8Array, at: number): string {
  const stop = (c: number): boolean => c === 0x2c || c === 0x3b || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x20;
  let from = at;
  while (from > 0 && at - from < 40 && !stop(bytes[from - 1])) from--;
  let to = at + 1;
  while (to < bytes.length && to - at < 40 && !stop(bytes[to])) to++;
  return windows1252(bytes.subarray(from, to));
}

/** Windows-1252's letters for bytes 0x80–0x9F (its five unassigned bytes as "?"); below, ASCII, above, Latin-1 as Unicode has them. */
const CP1252_HIGH = '€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ';

/** Bytes as Windows-1252 reads them (written out: Node's TextDecoder reads that label as Latin-1, its 0x80–0x9F as control characters). */
function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated or out of range), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (i + n >= b.length) return i;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (n > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    i += n + 1;
  }
  return -1;
}

/** Where text holds a character Windows-1252 writes as one byte: that byte; else -1. */
function windows1252Byte(ch: number): number {
  if (ch < 0x80 || (ch >= 0xa0 && ch <= 0xff)) return ch;
  const at = CP1252_HIGH.indexOf(String.fromCharCode(ch));
  return at >= 0 && CP1252_HIGH[at] !== '?' ? 0x80 + at : -1;
}

/** A UTF-8 lead byte read as Windows-1252 (Â … ô), then a continuation byte (0x80–0xBF) so read: what mojibake starts with. */
const MOJIBAKE_START = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/**
 * UTF-8 text that was read as Windows-1252 and saved as UTF-8 again ("ZÃ¼rich" for "Zürich", as a
 * program that took a UTF-8 file for Windows-1252 writes it back): the text meant, where every
 * character maps back to one Windows-1252 byte and those bytes are UTF-8; null otherwise (text as
 * written, "Zürich" itself, whose bytes are no UTF-8).
 */
export function unMojibake(text: string): string | null {
  if (!MOJIBAKE_START.test(text)) return null;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = windows1252Byte(text.charCodeAt(i));
    if (b < 0) return null;
    bytes[i] = b;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
