// Fuzz of CSV import (issue #7, "Bad input"): 10,000 generated files, each previewed and imported.
// Every file either imports into a well-formed data set or is refused with a DataError whose
// message names the row, column, line, header or file that was wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, importCsv, previewCsv, type CsvOptions, type Dataset } from '../../src-core/data';
import { expectOwnError, FC, HOSTILE, preview, RUNS, smallText, thrown } from './fuzz-helpers';

const DELIMITERS = [',', ';', '\t'] as const;

/** A cell as written in the file: numbers of every shape, missing spellings, text, broken quoting, hostile strings. */
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -3, max: 3 }).map(String) },
  { weight: 3, arbitrary: fc.double().map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('a', 'b', 'red', 'NA', 'n/a', '', 'NaN', '?', 'None', '1e400', '-1e39', '3.4e38', '3.5e38', '.5', '5.', '+1', '1e', '--1', '0x10',
      'Infinity', '1,5', '"q"', '"unclosed', 'a""b', ' 1 ', '01', '1.0', '\u00a0', '\uFEFF', ...HOSTILE),
  },
  { weight: 2, arbitrary: smallText(6) },
);

/** A header name: usual ones, duplicates, empty, text with delimiters and quotes. */
const headerName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'x', 'y', 'target', 'label', 'kind', '') },
  { weight: 1, arbitrary: smallText(5) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
);

/** A whole file: header, rows (sometimes ragged), a delimiter, quoting, line ends, a BOM, blank lines. */
const table = fc
  .record({
    header: fc.array(headerName, { minLength: 1, maxLength: 5 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 14 }),
    ragged: fc.integer({ min: 0, max: 9 }),
    delimiter: fc.constantFrom(...DELIMITERS),
    quote: fc.constantFrom('never', 'needed', 'always', 'raw'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    blank: fc.nat(20),
    trailing: fc.boolean(),
  })
  .map(({ header, rows, ragged, delimiter, quote, eol, bom, blank, trailing }) => {
    // Mostly rectangular: rows cut or padded to the header's width unless `ragged` says otherwise.
    const body = rows.map((r, i) => (ragged === 0 && i === 0 ? r : Array.from({ length: header.length }, (_, c) => r[c] ?? String(i + c))));
    const q = (v: string): string => {
      if (quote === 'raw') return v;
      const needs = /[",;\t\r\n]/.test(v) || v !== v.trim();
      return quote === 'always' || (quote === 'needed' && needs) ? `"${v.replaceAll('"', '""')}"` : v;
    };
    const lines = [header, ...body].map((r) => r.map(q).join(delimiter));
    if (blank > 0 && blank < lines.length) lines.splice(blank, 0, '');
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '');
  });

/** A file that should mostly import: unique names, numeric or few-valued text features, a target with a few classes or numbers. */
const cleanTable = fc
  .record({
    features: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 12 }),
    textFeature: fc.boolean(),
    target: fc.constantFrom(['0', '1', '2'], ['x', 'y'], ['1', '01', '1.0', '2'], ['<b>', '"q"', 'a,b']),
    regression: fc.boolean(),
    delimiter: fc.constantFrom(...DELIMITERS),
    seed: fc.array(fc.nat(99), { minLength: 48, maxLength: 48 }),
  })
  .map(({ features, n, textFeature, target, regression, delimiter, seed }) => {
    const q = (v: string): string => (/[",;\t\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const header = [...Array.from({ length: features }, (_, i) => `f${i}`), ...(textFeature ? ['colour'] : []), 'label'];
    const rows = Array.from({ length: n }, (_, r) => [
      ...Array.from({ length: features }, (_, c) => String((seed[(r * 3 + c) % 48] - 50) / 8)),
      ...(textFeature ? [['red', 'green', 'blue'][seed[r] % 3]] : []),
      regression ? String(seed[(r + 7) % 48] / 3) : target[seed[(r + 11) % 48] % target.length],
    ]);
    return [header, ...rows].map((r) => r.map(q).join(delimiter)).join('\n');
  });

/** The input as the import sees it: text, its UTF-8 bytes, the bytes with one flipped, or raw bytes. */
const input: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 10, arbitrary: table },
  { weight: 8, arbitrary: cleanTable },
  { weight: 3, arbitrary: table.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))) },
  {
    weight: 2,
    arbitrary: fc.tuple(table, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, b]) => {
      const bytes = new Uint8Array(Buffer.from(t, 'utf8'));
      if (bytes.length) bytes[at % bytes.length] = b;
      return bytes;
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Mostly undefined (the default limit), sometimes one of these tight values. */
const rarely = (...values: number[]): fc.Arbitrary<number | undefined> => fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...values) });

/** Options: a target that exists most of the time, a task, and sometimes tight limits. */
const options = (text: string | Uint8Array): fc.Arbitrary<CsvOptions> => {
  const head = (typeof text === 'string' ? text : Buffer.from(text).toString('utf8')).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[0];
  const names = head.split(/[,;\t]/).map((n) => n.replace(/^\s*"?|"?\s*$/g, ''));
  return fc.record(
    {
      target: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: headerName }),
      task: fc.constantFrom('classification', 'regression', undefined),
      delimiter: fc.constantFrom(undefined, undefined, undefined, ...DELIMITERS),
      maxCells: rarely(3, 12),
      maxCategories: rarely(1, 2),
      maxBytes: rarely(16),
    },
    { requiredKeys: ['target'] },
  ) as fc.Arbitrary<CsvOptions>;
};

/** A refusal names its place: the row/column it carries appear in the message, and it says what kind of place. */
function expectNamedDataError(e: Error, what: () => unknown): void {
  expectOwnError(e, [DataError], what);
  const d = e as DataError;
  const at = `${d.message}\n  for ${preview(what())}`;
  expect(d.message, at).toMatch(/\b(row|line|column|header|file|target|class|delimiter)\b/i);
  // Row 1 is the header: a refusal there may name the column instead of the row.
  if (d.row !== undefined && d.row > 1) expect(d.message, at).toContain(String(d.row));
  if (d.row === 1) expect(d.message, at).toMatch(/\b(row 1|line 1|header|columns?)\b/i);
  if (d.column !== undefined) expect(d.message, at).toContain(`"${d.column}"`);
}

/** A data set that imported is well formed: sizes agree, every value is a finite float32, labels index the classes. */
function expectWellFormed(ds: Dataset, o: CsvOptions): void {
  expect(ds.nRows).toBeGreaterThanOrEqual(1);
  expect(ds.nFeatures).toBeGreaterThanOrEqual(1);
  expect(ds.featureNames).toHaveLength(ds.nFeatures);
  expect(ds.x.length).toBe(ds.nRows * ds.nFeatures);
  expect(ds.y.length).toBe(ds.nRows);
  expect(ds.targetName).toBe(o.target);
  for (const v of ds.x) if (!Number.isFinite(v)) throw new Error(`feature value ${v} is not finite`);
  if (ds.task === 'classification') {
    expect(ds.classNames!.length).toBeGreaterThanOrEqual(2);
    for (const y of ds.y) if (!(Number.isInteger(y) && y >= 0 && y < ds.classNames!.length)) throw new Error(`label ${y} is not a class index`);
  } else {
    for (const y of ds.y) if (!Number.isFinite(y)) throw new Error(`target ${y} is not finite`);
  }
}

describe(`CSV import under ${RUNS} generated files`, () => {
  it('imports or refuses with a DataError naming the row, column or line; never throws anything else', () => {
    const outcome = { imported: 0, refused: 0, previewed: 0 };
    fc.assert(
      fc.property(input.chain((i) => fc.tuple(fc.constant(i), options(i))), ([text, o]) => {
        const p = thrown(() => {
          const pv = previewCsv(text, 20, o);
          expect(pv.kinds).toHaveLength(pv.header.length);
          expect(pv.header).toContain(pv.target);
          for (const r of pv.rows) expect(r).toHaveLength(pv.header.length);
        });
        if (p) expectNamedDataError(p, () => ({ text, o }));
        else outcome.previewed++;
        let ds: Dataset | undefined;
        const e = thrown(() => (ds = importCsv(text, o)));
        if (e) {
          expectNamedDataError(e, () => ({ text, o }));
          outcome.refused++;
        } else {
          expectWellFormed(ds!, o);
          outcome.imported++;
        }
      }),
      FC,
    );
    // The generator must reach both sides, or it fuzzes nothing useful.
    expect(outcome.imported).toBeGreaterThan(RUNS / 20);
    expect(outcome.refused).toBeGreaterThan(RUNS / 20);
    console.log('csv fuzz', outcome);
  });
});

describe('CSV cases the fuzzer found', () => {
  it('an option passed as undefined keeps its default limit (it used to erase it: "Invalid Option: to must be an integer, got null")', () => {
    const text = 'a,label\n1,x\n2,y\n';
    const undef = { maxCells: undefined, maxBytes: undefined, maxCategories: undefined, task: undefined, delimiter: undefined };
    expect(importCsv(text, { target: 'label', ...undef }).classNames).toEqual(['x', 'y']);
    expect(thrown(() => importCsv('a,label\n' + '1,x\n'.repeat(20), { target: 'label', maxBytes: undefined, maxCells: 10 }))?.message).toMatch(/^The file has 20 data rows × 2 columns \(40 cells\); Knobs reads at most 10 cells of a CSV, here 5 rows\./);
  });
});
