// The import dialog's CSV read on a worker thread (src-core/data/csv-reader.ts, csv-worker.ts): the
// same previews and imports as reading in place, refusals rebuilt as the classes they were, and the
// calling thread free while a big text is read.
import { afterAll, describe, expect, it } from 'vitest';
import { CsvReader } from '../../src-core/data/csv-reader';
import { importCsv, importCsvWithCopy, previewCsv, readCsv } from '../../src-core/data/csv';
import { DataError } from '../../src-core/data/errors';
import { BadInputError } from '../../src-core/errors';

const reader = new CsvReader(60_000);
afterAll(() => reader.close());

/** Money, a word Knobs reads as missing unless told ("NA"), an id (300 words: refused as a category past 100, unless left out); `gaps`: some sizes missing. */
const csv = (gaps: boolean, ids = true): string => [
  `${ids ? 'id,' : ''}price,kind,size`,
  ...Array.from({ length: 300 }, (_, i) => `${ids ? `r${i},` : ''}"$${(1000 + i * 7.25).toFixed(2)}",${['a', 'b', 'NA'][i % 3]},${gaps && i % 11 === 0 ? '' : i / 10}`),
].join('\n');
const text = csv(true);

describe('the CSV reader', () => {
  it('previews and imports on its worker exactly as in place', async () => {
    expect(await reader.preview(text, [], { target: 'kind' })).toEqual(previewCsv(readCsv(text), 20, { target: 'kind' }));
    // Another choice of the dialog, and "NA" read as a value.
    expect(await reader.preview(text, ['na'], { target: 'kind', exclude: ['id'] })).toEqual(previewCsv(readCsv(text, { notMissing: ['na'] }), 20, { target: 'kind', exclude: ['id'] }));
    const options = { target: 'kind', name: 'k', exclude: ['id'], missing: 'drop' as const, notMissing: ['na'] };
    const got = await reader.import(text, ['na'], options, true);
    const want = importCsvWithCopy(readCsv(text, { notMissing: ['na'] }), options);
    expect(got.dataset).toEqual(want.dataset);
    expect(got.csv).toBe(want.csv);
    expect(got.page).toBeNull();
    // Kept whole: no copy, the data set as in place, and the page of the text.
    const tidy = csv(false, false);
    const tidyOptions = { target: 'kind', name: 'k', notMissing: ['na'] };
    const whole = await reader.import(tidy, ['na'], tidyOptions, false);
    expect(whole.csv).toBeNull();
    const read = readCsv(tidy, { notMissing: ['na'] });
    expect(whole.dataset).toEqual(importCsv(read, tidyOptions));
    expect(whole.page).toEqual(previewCsv(read, 20, { target: 'kind' }));
    expect(whole.dataset.x).toBeInstanceOf(Float32Array);
  });

  it('refuses as reading in place refuses: a data error with its row and column, a refusal with its issues', async () => {
    const inPlace = (): unknown => {
      try {
        importCsv(readCsv(text), { target: 'kind', name: 'k' });
      } catch (e) {
        return e;
      }
      return null;
    };
    const expected = inPlace() as DataError;
    expect(expected).toBeInstanceOf(DataError);
    const e = await reader.import(text, [], { target: 'kind', name: 'k' }, false).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    const d = e as DataError;
    expect([d.message, d.row, d.column, d.kind]).toEqual([expected.message, 2, 'size', 'bad-input']);
    const noTarget = await reader.import(text, [], { target: 'nope', name: 'k' }, false).then(() => null, (x: unknown) => x);
    expect(noTarget).toBeInstanceOf(BadInputError);
    expect((noTarget as Error).message).toMatch(/nope/);
    // After a refusal the worker goes on answering.
    expect((await reader.preview('a,b\n1,2\n3,4', [], {})).totalRows).toBe(2);
  });

  it('leaves the calling thread free while it reads a big text', async () => {
    const big = ['a,b,c,d,e,f,g,h,y', ...Array.from({ length: 120_000 }, (_, i) => `${i},${i * 0.5},${i % 7},${i % 13},${(i * 7) % 101},${i / 3},${i % 2},${i % 5},${i % 3 === 0 ? 'x' : 'z'}`)].join('\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const p = await reader.preview(big, [], { target: 'y' });
    clearInterval(timer);
    expect(p.totalRows).toBe(120_000);
    // Read in place, no timer could fire until the read was over: here they fired while the worker read.
    expect(ticks).toBeGreaterThan(0);
  });
});
