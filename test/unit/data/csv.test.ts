import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_LIMITS, DataError, importCsv, importCsvFile, loadDataset, MISSING_PATTERNS, previewCsv, readCsv, selectedCsv, type CsvOptions, type CsvPreview } from '../../../src-core/data';
import { missingRule, normalNotMissing } from '../../../src-core/data/csv';
import { fileText, firstInvalidUtf8, textOfFile, unMojibake } from '../../../src-core/textFile';
import { datasetSchema } from '../../../src-core/spec/spec';

const FIXTURES = resolve(__dirname, '../../fixtures/csv');
const fixture = (name: string): string => join(FIXTURES, name);

/** The DataError a call throws (fails the test when it throws nothing or something else). */
function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}

describe('CSV import of a good file', () => {
  it('round-trips fruit.csv: numbers kept, text features one-hot, text target as class names', () => {
    const ds = importCsvFile(fixture('fruit.csv'), { target: 'kind' });
    expect(ds.name).toBe('fruit');
    expect(ds.task).toBe('classification');
    expect(ds.targetName).toBe('kind');
    expect([ds.nRows, ds.nFeatures]).toEqual([5, 5]);
    expect(ds.featureNames).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red', 'weight']);
    expect(ds.classNames).toEqual(['apple', 'cherry', 'pear']);
    expect(ds.y).toBeInstanceOf(Int32Array);
    expect(Array.from(ds.y)).toEqual([0, 2, 0, 2, 1]);
    expect(Array.from(ds.x)).toEqual([
      1.5, 0, 0, 1, 3,
      2.5, 0, 1, 0, 4,
      0.5, 0, 0, 1, -1,
      3, 1, 0, 0, 2,
      2, 0, 1, 0, 0.25,
    ]);
  });

  it('a semicolon-separated file with a BOM and CRLF line ends imports the same', () => {
    const a = importCsvFile(fixture('fruit.csv'), { target: 'kind' });
    const b = importCsvFile(fixture('fruit-semicolon.csv'), { target: 'kind' });
    expect(b.featureNames).toEqual(a.featureNames);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(previewCsv(readFileSync(fixture('fruit-semicolon.csv'))).delimiter).toBe(';');
    const tab = readFileSync(fixture('fruit.csv'), 'utf8').replaceAll(',', '\t');
    expect(Array.from(importCsv(tab, { target: 'kind' }).x)).toEqual(Array.from(a.x));
    // Excel's first line naming the delimiter ("sep=;"): that delimiter, and no row (the header is row 1, as Excel shows it).
    for (const d of [';', ',', '\t']) {
      const named = `sep=${d}\r\n` + readFileSync(fixture('fruit.csv'), 'utf8').replaceAll(',', d);
      expect(Array.from(importCsv(named, { target: 'kind' }).x), JSON.stringify(d)).toEqual(Array.from(a.x));
      expect(previewCsv(named).delimiter).toBe(d);
    }
    expect(dataError(() => importCsv('SEP=;\na;t\n1;0\nx;1\n2;0\n', { target: 't' })).message).toMatch(/^Row 3, column "a": "x" is not a number/);
    expect(dataError(() => importCsvFile(fixture('fruit-semicolon.csv'), { target: 'kind', delimiter: ',' })).message).toMatch(
      /fruit-semicolon\.csv: There is no column "kind".*the columns are: "size;colour;weight;kind" \(is the file separated by semicolons or tabs\? set the delimiter\)/,
    );
  });

  it('numbers the preview\'s rows as the import\'s errors do (header = row 1, blank lines counted) and names each column\'s first missing cell', () => {
    const text = 'a,b,y\n1,2,x\n\n3,,y\n5,NA,x\n,8,y\n';
    const p = previewCsv(text, 3);
    expect(p.rowNumbers).toEqual([2, 4, 5]);
    expect(p.missing).toEqual([1, 2, 0]);
    expect(p.firstMissing).toEqual([6, 4, null]);
    // The import refuses the first missing cell it meets with the same number.
    expect(() => importCsv(text, { target: 'y' })).toThrow(/^Row 4, column "b": the value is missing/);
  });

  it('a file separated by semicolons reads decimal commas as numbers (1,5 → 1.5), says which columns, and leaves text with commas alone', () => {
    const text = 'size;weight;note;kind\n1,5;120;a,b;apple\n2;95,25;c;pear\n-0,5;1,2e2;d,e;apple\n3,0;NA;f;pear\n';
    const p = previewCsv(text);
    expect(p.delimiter).toBe(';');
    expect(p.decimalComma).toEqual(['size', 'weight']);
    expect(p.kinds).toEqual(['numeric', 'numeric', 'categorical', 'categorical']);
    expect(p.rows.map((r) => r.slice(0, 3))).toEqual([['1.5', '120', 'a,b'], ['2', '95.25', 'c'], ['-0.5', '1.2e2', 'd,e'], ['3.0', 'NA', 'f']]);
    const ds = importCsv(text.replace('NA', '80'), { target: 'kind' });
    expect(ds.featureNames.slice(0, 2)).toEqual(['size', 'weight']);
    expect(Array.from(ds.x.filter((_, i) => i % ds.nFeatures < 2))).toEqual([1.5, 120, 2, 95.25, -0.5, 120, 3, 80]);
    // Comma-separated files have no decimal commas to read (a quoted "1,5" stays text), nor does a column mixing points and commas.
    expect(previewCsv('a,y\n"1,5",x\n2,z\n').decimalComma).toEqual([]);
    expect(previewCsv('a;y\n1,5;x\n2.5;z\n').decimalComma).toEqual([]);
  });

  // Worked by hand, each file: the columns read as numbers (a cell of each as written and as read), each column's kind, the first four columns' cells as read, and the features imported.
  const dollarsText = 'price,rate,eur,count,mixed,version,kind\n'
    + '"$1,234.50",45%,12 €,"1,200",$5,1.2.3,a\n'
    + '$99,7.5 %,-3.20€,800,€6,1.2.4,b\n'
    + '-$0.75,NA,€ 4,"12,345,678",$7,2.0.0,a\n'
    + '12,100%,0,3,$8,2.1.0,b\n';
  // A semicolon file as German, Italian or Spanish spreadsheets save it: thousands by points, then a decimal comma; French ones by spaces (here a no-break one too).
  const euroText = 'price;area;count;version;amb;y\n'
    + '"1.234,50 €";1 250,5;1.234.567;1.2;1.234;a\n'
    + '"980,00 €";87;12;1.3;12,5;b\n'
    + '"2.100 €";1\u00a0000;-3.000.000;2.0;7;a\n';
  const worked: { name: string; text: string; unitNumbers: CsvPreview['unitNumbers']; kinds: CsvPreview['kinds']; cells: string[][]; imported: { options: CsvOptions; names: string[]; x: number[] } }[] = [
    {
      name: 'money, shares and thousands as spreadsheets write them ("$1,234.50", "45%", "12 €")', text: dollarsText,
      unitNumbers: [
        { column: 'price', sign: '$', written: '$1,234.50', read: '1234.50' },
        { column: 'rate', sign: '%', written: '45%', read: '45' },
        { column: 'eur', sign: '€', written: '12 €', read: '12' },
        { column: 'count', sign: '', written: '1,200', read: '1200' },
      ],
      kinds: ['numeric', 'numeric', 'numeric', 'numeric', 'categorical', 'categorical', 'categorical'],
      cells: [['1234.50', '45', '12', '1200'], ['99', '7.5', '-3.20', '800'], ['-0.75', 'NA', '4', '12345678'], ['12', '100', '0', '3']],
      // (NA read as 0% to import every row.)
      imported: { options: { target: 'kind', exclude: ['mixed', 'version'] }, names: ['price', 'rate', 'eur', 'count'], x: [1234.5, 45, 12, 1200, 99, 7.5, -3.2, 800, -0.75, 0, 4, 12345678, 12, 100, 0, 3] },
    },
    {
      // "1.2" in a column of plain numbers is one point two; "1.234" beside "12,5" could be either, so that column stays text.
      name: 'thousands by points or spaces with a decimal comma ("1.234,50 €", "1 250,5", "1.234.567")', text: euroText,
      unitNumbers: [
        { column: 'price', sign: '€', written: '1.234,50 €', read: '1234.50' },
        { column: 'area', sign: '', written: '1 250,5', read: '1250.5' },
        { column: 'count', sign: '', written: '1.234.567', read: '1234567' },
      ],
      kinds: ['numeric', 'numeric', 'numeric', 'numeric', 'categorical', 'categorical'],
      cells: [['1234.50', '1250.5', '1234567', '1.2'], ['980.00', '87', '12', '1.3'], ['2100', '1000', '-3000000', '2.0']],
      imported: { options: { target: 'y', exclude: ['amb'] }, names: ['price', 'area', 'count', 'version'], x: [1234.5, 1250.5, 1234567, 1.2, 980, 87, 12, 1.3, 2100, 1000, -3000000, 2] },
    },
    {
      // An accounting export: negatives in parentheses, the sign inside or out, alone or with thousands, beside plain numbers; a semicolon file's too.
      name: 'negatives in parentheses as accounting formats write them ("(1,234.50)", "$(80.00)", "(12 €)", "(5)")',
      text: 'net,fee,eur,units,note,y\n'
        + '"1,470.10",$15.00,12 €,4,(see below),a\n'
        + '"(2,781.43)",$(80.00),(12 €),(5),(1),b\n'
        + '(266.32),($1.50),-3 €,7,2,a\n',
      unitNumbers: [
        { column: 'net', sign: '', written: '(2,781.43)', read: '-2781.43' },
        { column: 'fee', sign: '$', written: '$(80.00)', read: '-80.00' },
        { column: 'eur', sign: '€', written: '(12 €)', read: '-12' },
        { column: 'units', sign: '', written: '(5)', read: '-5' },
      ],
      kinds: ['numeric', 'numeric', 'numeric', 'numeric', 'categorical', 'categorical'],
      cells: [['1470.10', '15.00', '12', '4'], ['-2781.43', '-80.00', '-12', '-5'], ['-266.32', '-1.50', '-3', '7']],
      imported: { options: { target: 'y', exclude: ['note'] }, names: ['net', 'fee', 'eur', 'units'], x: [1470.1, 15, 12, 4, -2781.43, -80, -12, -5, -266.32, -1.5, -3, 7] },
    },
  ];

  it.each(worked)('$name are read as numbers, the signs and separators dropped, and said', (w) => {
    const p = previewCsv(w.text);
    expect(p.unitNumbers).toEqual(w.unitNumbers);
    expect(p.kinds).toEqual(w.kinds);
    expect(p.rows.map((r) => r.slice(0, 4))).toEqual(w.cells);
    const ds = importCsv(w.text.replace('NA', '0%'), w.imported.options);
    expect(ds.featureNames).toEqual(w.imported.names);
    expect(Array.from(ds.x)).toEqual(w.imported.x.map(Math.fround));
  });

  it('numbers with units: a semicolon file\'s decimal comma, the older readings, and what stays text', () => {
    // A semicolon file: the comma is the decimal one, read after the sign is dropped ("12,5 %" is 12.5); thousands by comma are not read there.
    const semi = previewCsv('share;amount;y\n12,5 %;1,5 €;a\n3 %;2 €;b\n');
    expect(semi.unitNumbers.map((u) => u.column)).toEqual(['share', 'amount']);
    expect(semi.decimalComma).toEqual(['share', 'amount']);
    expect(semi.rows).toEqual([['12.5', '1.5', 'a'], ['3', '2', 'b']]);
    // "with-units" (what searches stored before points and spaces were read keep) reads the euro sign alone where no point or space is in the way: "980,00 €" but not "1.234,50 €", so the column stays text.
    const before = previewCsv(euroText, 20, { numbers: 'with-units' });
    expect(before.unitNumbers).toEqual([]);
    expect(before.kinds).toEqual(['categorical', 'categorical', 'categorical', 'numeric', 'categorical', 'categorical']);
    // Points that could be decimal ones are not read as thousands: a column with "1.5" stays as it is; in a comma file spaces separate thousands too.
    expect(previewCsv('a;y\n1.234,5;x\n1.5;z\n').unitNumbers).toEqual([]);
    expect(previewCsv('a,y\n"1 234.5",x\n7,z\n').unitNumbers).toEqual([{ column: 'a', sign: '', written: '1 234.5', read: '1234.5' }]);
    // What stays text: a comma that is not a thousands separator, signs on both sides, two minus signs, a sign alone, a word.
    for (const cell of ['"1,5"', '$5%', '-$-5', '$', '12 apples', '1 2', '"12 34,5"']) expect(previewCsv(`a,y\n${cell},x\n2,z\n`).unitNumbers, cell).toEqual([]);
    // Plain numbers need nothing read.
    expect(previewCsv('a,y\n1.5,x\n-2e3,z\n').unitNumbers).toEqual([]);
    // Parentheses: a semicolon file's "(1.234,50)"; what stays text (a sign inside them too, two pairs, one not closed, signs on both sides, a word); the earlier readings leave them as text.
    expect(previewCsv('a;y\n(1.234,50);x\n2,5;z\n').rows).toEqual([['-1234.50', 'x'], ['2.5', 'z']]);
    // SAP's minus after the number: "1.234,50-", "2,5-", "80-", "$12.00-" (said so); a minus alone or after a word stays text.
    const sap = previewCsv('a;y\n1.234,50-;x\n2,5-;z\n80-;w\n7;v\n');
    expect([sap.rows.map((r) => r[0]), sap.kinds[0]]).toEqual([['-1234.50', '-2.5', '-80', '7'], 'numeric']);
    expect(sap.unitNumbers).toEqual([{ column: 'a', sign: '', written: '1.234,50-', read: '-1234.50' }]);
    expect(previewCsv('a,y\n$12.00-,x\n$3,z\n').unitNumbers).toEqual([{ column: 'a', sign: '$', written: '$12.00-', read: '-12.00' }]);
    for (const cell of ['-', '5--', '-5-', 'x-', '(5)-']) expect(previewCsv(`a,y\n${cell},x\n2,z\n`).unitNumbers, cell).toEqual([]);
    // A column of bare whole numbers in parentheses (or with a minus after) and nothing else is a list of labels, not a ledger: left as text;
    // beside a number written plainly, or as money (decimals, separators, a sign), they are negatives.
    expect(previewCsv('choice,y\n(1),x\n(2),z\n(1),x\n').kinds[0]).toBe('categorical');
    expect(previewCsv('a;y\n80-;x\n5-;z\n').kinds[0]).toBe('categorical');
    for (const [one, two] of [['(1)', '2'], ['(1.50)', '(2)'], ['"(1,200)"', '(3)'], ['$(4)', '(5)']]) expect(previewCsv(`a,y\n${one},x\n${two},z\n`).kinds[0], `${one} ${two}`).toBe('numeric');
    for (const cell of ['(-5)', '-(5)', '((5))', '(5', '$(5)€', '(five)', '()']) expect(previewCsv(`a,y\n${cell},x\n2,z\n`).unitNumbers, cell).toEqual([]);
    for (const numbers of ['any-locale', 'with-units'] as const) expect(previewCsv('a,y\n"(1,234.50)",x\n2,z\n', 20, { numbers }).kinds[0], numbers).toBe('categorical');
  });

  it('numeric class labels are sorted by value; quoted cells and surrounding spaces are read', () => {
    const ds = importCsv('a, "b" ,y\n1, 2 ,10\n"3",4,2\n5,6,10\n7,8,2\n9,9,1\n', { target: 'y', task: 'classification' });
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(ds.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(ds.y)).toEqual([2, 1, 2, 1, 0]);
    expect(Array.from(ds.x.subarray(0, 4))).toEqual([1, 2, 3, 4]);
    const same = importCsv('a,y\n1,01\n2,1.0\n3,1\n4,0\n5,0.0\n', { target: 'y' });
    expect(same.classNames).toEqual(['0', '01']);
    expect(Array.from(same.y)).toEqual([1, 1, 1, 0, 0]);
  });

  it('loadDataset reads a CSV path relative to the base folder, or absolute', () => {
    const spec = datasetSchema.parse({ csv: 'fruit.csv', target: 'kind' });
    expect(loadDataset(spec, 1, FIXTURES).classNames).toEqual(['apple', 'cherry', 'pear']);
    expect(loadDataset(datasetSchema.parse({ csv: fixture('fruit.csv'), target: 'weight' }), 1, '/nonexistent').task).toBe('regression');
    expect(dataError(() => loadDataset(spec, 1, '/nonexistent')).message).toMatch(/Cannot read the CSV file "\/nonexistent\/fruit.csv": no such file/);
  });
});

describe('task detection', () => {
  const table = (n: number, f: (i: number) => string): string => 'a,y\n' + Array.from({ length: n }, (_, i) => `${i},${f(i)}`).join('\n');

  it.each([
    ['fractional numbers', 'regression', table(30, (i) => (i * 0.37).toFixed(3))],
    ['3 distinct integers in 30 rows', 'classification', table(30, (i) => String(i % 3))],
    ['0/1 in 4 rows', 'classification', table(4, (i) => String(i % 2))],
    ['100 distinct integers in 100 rows', 'regression', table(100, (i) => String(i))],
    ['text', 'classification', table(6, (i) => (i % 2 ? 'yes' : 'no'))],
  ] as const)('%s → %s', (_what, task, csv) => {
    expect(importCsv(csv, { target: 'y' }).task).toBe(task);
    expect(previewCsv(csv, 5, { target: 'y' }).task).toBe(task);
  });

  it('can be overridden both ways', () => {
    const ints = table(30, (i) => String(i % 3));
    const r = importCsv(ints, { target: 'y', task: 'regression' });
    expect([r.task, r.y instanceof Float32Array, r.classNames]).toEqual(['regression', true, undefined]);
    expect(Array.from(r.y.subarray(0, 4))).toEqual([0, 1, 2, 0]);
    const c = importCsv(table(30, (i) => (i % 4) + '.5'), { target: 'y', task: 'classification' });
    expect(c.classNames).toEqual(['0.5', '1.5', '2.5', '3.5']);
  });
});

describe('CSV preview', () => {
  it('shows header, first rows, kinds, missing cells and a proposed target and task', () => {
    const p = previewCsv(readFileSync(fixture('fruit.csv')), 2);
    expect(p.header).toEqual(['size', 'colour', 'weight', 'kind']);
    expect(p.rows).toEqual([['1.5', 'red', '3', 'apple'], ['2.5', 'green', '4e0', 'pear']]);
    expect(p.totalRows).toBe(5);
    expect(p.kinds).toEqual(['numeric', 'categorical', 'numeric', 'categorical']);
    expect(p.distinct).toEqual([5, 3, 5, 3]);
    expect(p.missing).toEqual([0, 0, 0, 0]);
    expect([p.target, p.task, p.delimiter]).toEqual(['kind', 'classification', ',']);
  });

  it('proposes a column named like a label, keeps an asked target, and counts missing cells without refusing them', () => {
    const csv = 'label,a,b\ncat,1,\ndog,NA,2.5\ncat,3,0.5\n';
    const p = previewCsv(csv);
    expect(p.target).toBe('label');
    expect(p.missing).toEqual([0, 1, 1]);
    expect(p.kinds).toEqual(['categorical', 'numeric', 'numeric']);
    expect(previewCsv(csv, 20, { target: 'b' })).toMatchObject({ target: 'b', task: 'regression' });
    expect(previewCsv(csv, 20, { target: 'nope' }).target).toBe('label');
  });

  it('proposes only a column that could be learned: two values or more, missing in at most half the rows', () => {
    // A trial export ends in "error", empty in every row (and "notes", one value): the last column that could be is proposed.
    expect(previewCsv('lr,objective,notes,error\n0.1,0.5,x,\n0.2,0.7,x,\n0.3,,x,\n').target).toBe('objective');
    // Missing in 2 of 3 rows: more than half.
    expect(previewCsv('a,b,c\n1,x,\n2,y,\n3,z,5\n').target).toBe('b');
    // Missing in 1 of 3, with two values besides: learnable.
    expect(previewCsv('a,b,c\n1,x,4\n2,y,\n3,z,5\n').target).toBe('c');
    // A column named "label" with one class is passed over for the last column; with none learnable, the last column.
    expect(previewCsv('label,a,b\ncat,1,2\ncat,3,4\n').target).toBe('b');
    expect(previewCsv('a,b\n1,\n1,\n').target).toBe('b');
    // A text column of 1,000 values or more is names, not classes (the import refuses it as a target): the last column before it.
    expect(previewCsv(`spend,customer\n${Array.from({ length: 1200 }, (_, i) => `${i % 9},Customer ${i}`).join('\n')}\n`).target).toBe('spend');
    expect(previewCsv(`spend,city\n${Array.from({ length: 1200 }, (_, i) => `${i % 9},City ${i % 999}`).join('\n')}\n`).target).toBe('city');
  });
});

describe('columns left out and rows with missing values dropped', () => {
  // A Titanic-like passenger list (60 rows, written for these tests): an id running 1–60, a name per passenger, a ticket per
  // passenger, the cabin known for 15, the age missing in 9 rows and the port in 2 (11 rows with either).
  const passengers = (): string => readFileSync(fixture('passengers.csv'), 'utf8');
  const rows = (text: string): string[][] => text.trim().split('\n').slice(1).map((l) => l.split(','));

  it('the preview proposes leaving out the id, the names, the tickets and the mostly missing cabin, and counts the rows still missing a value', () => {
    const p = previewCsv(passengers(), 3, { target: 'Survived' });
    expect(p.header).toEqual(['PassengerId', 'Survived', 'Pclass', 'Name', 'Sex', 'Age', 'SibSp', 'Ticket', 'Fare', 'Cabin', 'Embarked']);
    expect(p.leaveOut).toEqual(['identifier', null, null, 'identifier', null, null, null, 'identifier', null, 'mostly-missing', null]);
    expect(p.exclude).toEqual(['PassengerId', 'Name', 'Ticket', 'Cabin']);
    expect(p.missing).toEqual([0, 0, 0, 0, 0, 9, 0, 0, 0, 45, 2]);
    expect(p.missingRows).toBe(11);
    // Asked for: those columns are left out, the rest counted; the target and unknown names are ignored (the import refuses them).
    expect(previewCsv(passengers(), 3, { target: 'Survived', exclude: ['Age', 'Survived', 'nope'] })).toMatchObject({ exclude: ['Age'], missingRows: 46 });
    expect(previewCsv(passengers(), 3, { target: 'Survived', exclude: ['Age', 'Cabin', 'Embarked'] }).missingRows).toBe(0);
    // The target is never proposed, even when it is an id.
    expect(previewCsv(passengers(), 3, { target: 'PassengerId' }).leaveOut[0]).toBeNull();
  });

  it('lists the sets of columns rows miss values in, each with its rows; past MISSING_PATTERNS sets none, and the rows are counted one by one', () => {
    const p = previewCsv(passengers(), 1, { target: 'Survived' });
    const sets = Object.fromEntries(p.missingPatterns!.map((m) => [m.columns.map((c) => p.header[c]).join('+'), m.rows]));
    // As Python's csv module counts the file's empty cells per row (collections.Counter of each row's empty columns).
    expect(sets).toEqual({ 'Age+Cabin': 7, Cabin: 37, Embarked: 1, 'Cabin+Embarked': 1, Age: 2 });
    expect(Object.values(sets).reduce((a, b) => a + b)).toBe(48);
    // 14 columns each missing in about half the rows at random: thousands of sets.
    let seed = 1;
    const coin = (): boolean => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) < 0.5;
    const lines = Array.from({ length: 6000 }, (_, i) => [...Array.from({ length: 14 }, () => (coin() ? 'NA' : '1')), String(i % 2)].join(','));
    const text = [[...Array.from({ length: 14 }, (_, c) => `c${c}`), 't'].join(','), ...lines].join('\n');
    const wide = previewCsv(text, 1, { target: 't', exclude: ['c0'] });
    expect(wide.missingPatterns).toBeNull();
    const counted = lines.filter((l) => l.split(',').slice(1, 14).includes('NA')).length;
    expect(wide.missingRows).toBe(counted);
    expect(MISSING_PATTERNS).toBe(2000);
  });

  it('an identifier is a value per row: whole numbers running one by one, text, or anything under an id header; other unique columns stay', () => {
    const n = 30;
    const col = (f: (i: number) => string | number): string[] => Array.from({ length: n }, (_, i) => String(f(i)));
    const table = (cols: Record<string, string[]>): string => [Object.keys(cols).join(','), ...col((i) => Object.values(cols).map((c) => c[i]).join(','))].join('\n');
    const text = table({
      shuffled: col((i) => (i * 7) % n + 100), // 100–129 in another order: an index all the same
      height: col((i) => 150 + i * 1.5), // unique, not whole numbers
      population: col((i) => i * i), // unique whole numbers with gaps
      customer_id: col((i) => i * i + 0.5), // unique under an id header
      uuid: col((i) => `u${i}x`), // unique text
      colour: col((i) => ['red', 'green', 'blue'][i % 3]),
      Id: col((i) => i % 3), // an id header, values repeated
      fluid: col((i) => 0.25 + i * 0.5), // unique, and ends in "id" but is no id
      'citric acid': col((i) => 0.1 + i), // likewise
      userID: col((i) => 3.5 * i), // unique under a camel-case id header
      t: col((i) => i % 2),
    });
    expect(previewCsv(text, 1, { target: 't' }).leaveOut).toEqual(['identifier', null, null, 'identifier', 'identifier', null, null, null, null, 'identifier', null]);
    // Too many distinct texts for one-hot encoding (here 5 > 4), and a column missing in more than half the rows.
    const p = previewCsv('c,m,t\n' + col((i) => `v${i % 6},${i % 3 === 0 ? 1 : 'NA'},${i % 2}`).join('\n'), 1, { target: 't', maxCategories: 4 });
    expect(p.leaveOut).toEqual(['categories', 'mostly-missing', null]);
  });

  it('an import leaves the columns out and drops the rows missing a value, keeping every other value in its row', () => {
    const options = { target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' as const };
    const ds = importCsv(passengers(), options);
    expect([ds.nRows, ds.droppedRows]).toEqual([49, 11]);
    expect(ds.featureNames).toEqual(['Pclass', 'Sex=female', 'Sex=male', 'Age', 'SibSp', 'Fare', 'Embarked=C', 'Embarked=Q', 'Embarked=S']);
    // Row by row against a hand-written reading of the kept lines (the names hold a comma: take the cells after them).
    const kept = passengers().trim().split('\n').slice(1).map((l) => l.replace(/"[^"]*"/, 'NAME').split(','))
      .filter((c) => c[5] !== '' && c[10] !== '');
    expect(kept.length).toBe(49);
    kept.forEach((c, i) => {
      const port = ['C', 'Q', 'S'].map((e) => (c[10] === e ? 1 : 0));
      const expected = [Number(c[2]), c[4] === 'female' ? 1 : 0, c[4] === 'male' ? 1 : 0, Number(c[5]), Number(c[6]), Math.fround(Number(c[8])), ...port];
      expect(Array.from(ds.x.subarray(i * 9, i * 9 + 9))).toEqual(expected.map(Math.fround));
      expect(ds.y[i]).toBe(Number(c[1]));
    });
    // Without dropping, the first missing cell of a used column is named; a left-out column's missing cells do not count.
    expect(dataError(() => importCsv(passengers(), { ...options, missing: 'refuse' })).message).toMatch(/^Row 4, column "Age": the value is missing/);
    expect(importCsv(passengers(), { target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin', 'Age', 'Embarked'] }).nRows).toBe(60);
    // Identifiers read as features are named (for the caution the CLI and the editor give); none once left out.
    expect(ds.idLikeColumns).toBeUndefined();
    expect(importCsv(passengers(), { target: 'Survived', exclude: ['Cabin', 'Age', 'Embarked'] }).idLikeColumns).toEqual(['PassengerId', 'Name', 'Ticket']);
  });

  it('selectedCsv writes what the import reads: the kept columns and rows, comma-separated with decimal points', () => {
    const options = { target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' as const };
    const text = selectedCsv(passengers(), options);
    expect(text.split('\n')[0]).toBe('Survived,Pclass,Sex,Age,SibSp,Fare,Embarked');
    expect(rows(text).length).toBe(49);
    const a = importCsv(passengers(), options);
    const b = importCsv(text, { target: 'Survived' });
    expect([b.featureNames, Array.from(b.x), Array.from(b.y), b.droppedRows]).toEqual([a.featureNames, Array.from(a.x), Array.from(a.y), undefined]);
    // A semicolon file with decimal commas comes out with points; a name holding the delimiter is quoted.
    const euro = 'x;"name, given";t\n1,5;"a, b";0\n;c;1\n-0,25;d;1\n';
    expect(selectedCsv(euro, { target: 't', missing: 'drop' })).toBe('x,"name, given",t\n1.5,"a, b",0\n-0.25,d,1\n');
  });

  it('a file read once previews, imports and is written out as the file itself is, for any target and columns, and is left unchanged', () => {
    const read = readCsv(passengers());
    const before = JSON.stringify(read.table.rows);
    for (const options of [
      { target: 'Survived' }, { target: 'Survived', exclude: ['Name', 'Age'] }, { target: 'Fare', exclude: [] }, { target: 'Embarked', exclude: ['Cabin', 'Name'] },
    ]) expect(previewCsv(read, 5, options)).toEqual(previewCsv(passengers(), 5, options));
    const options = { target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' as const };
    const [a, b] = [importCsv(read, options), importCsv(passengers(), options)];
    expect([a.featureNames, Array.from(a.x), Array.from(a.y), a.droppedRows]).toEqual([b.featureNames, Array.from(b.x), Array.from(b.y), b.droppedRows]);
    expect(selectedCsv(read, options)).toBe(selectedCsv(passengers(), options));
    expect(dataError(() => importCsv(read, { target: 'Survived' })).message).toMatch(/^Row 2, column "Cabin": the value is missing/);
    expect(JSON.stringify(read.table.rows)).toBe(before);
  });

  it('a column without a name is called "column N", so a file written with pandas\' index can be read and its index left out', () => {
    const text = ',a,t\n' + Array.from({ length: 12 }, (_, i) => `${i},${(i * 0.37).toFixed(2)},${i % 2}`).join('\n');
    const p = previewCsv(text, 1, { target: 't' });
    expect([p.header, p.leaveOut[0], p.exclude]).toEqual([['column 1', 'a', 't'], 'identifier', ['column 1']]);
    expect(importCsv(text, { target: 't', exclude: ['column 1'] }).featureNames).toEqual(['a']);
  });

  it('refuses an unknown column, the target, every feature, and dropping every row, saying what would do', () => {
    const text = 'id,"height, cm",t\n1,NA,0\n2,,1\n';
    expect(dataError(() => importCsv(text, { target: 't', exclude: ['ID'] })).message).toBe('There is no column "ID" to leave out; the columns are: "id", "height, cm", "t".');
    expect(dataError(() => importCsv(text, { target: 't', exclude: ['t'] })).message).toBe('The target column "t" cannot be left out; leave out other columns, or choose another target.');
    expect(dataError(() => importCsv(text, { target: 't', exclude: ['id', 'height, cm'] })).message).toBe('Leaving out "id", "height, cm" leaves only the target column "t"; keep at least one feature column.');
    expect(dataError(() => importCsv(text, { target: 't', missing: 'drop' })).message).toBe(
      'Every one of the 2 rows has a missing value in a column that is used, so dropping them leaves nothing; leave out the columns with missing values instead.',
    );
    const e = dataError(() => importCsv(text, { target: 't', exclude: ['nope'] }));
    expect([e.row, e.column]).toEqual([1, 'nope']);
  });

  it('a spec names them as "exclude" and "missing", and loadDataset reads the file so', () => {
    const spec = datasetSchema.parse({ csv: fixture('passengers.csv'), target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' });
    const ds = loadDataset(spec, 1);
    expect([ds.nRows, ds.nFeatures, ds.droppedRows]).toEqual([49, 9, 11]);
    expect(datasetSchema.safeParse({ csv: 'a.csv', target: 't', missing: 'impute' }).success).toBe(false);
    expect(datasetSchema.safeParse({ csv: 'a.csv', target: 't', exclude: 'id' }).success).toBe(false);
  });
});

describe('numbers with text in some cells ("inf", "#DIV/0!", "seven")', () => {
  // 40 rows: "x" numbers but "inf" in row 7 and "#DIV/0!" in row 12 (38 distinct values); "rooms" 1–5 but "seven" in row 4;
  // "price" numbers but "#VALUE!" in row 9; "t" two classes. Half and more numbers: numbers with text (missing cells aside).
  const lines = Array.from({ length: 40 }, (_, i) => {
    const x = i === 5 ? 'inf' : i === 10 ? '#DIV/0!' : (i * 0.37).toFixed(2);
    const rooms = i === 2 ? 'seven' : String(1 + (i % 5));
    const price = i === 7 ? '#VALUE!' : (100 + i * 7.5).toFixed(1);
    return `${x},${rooms},${price},${i % 3},${i % 2}`;
  });
  const text = ['x,rooms,price,n,t', ...lines].join('\n');

  it('the preview names each such column\'s texts with their rows and proposes leaving it out (not as an identifier or as categories)', () => {
    const p = previewCsv(text, 3, { target: 't' });
    expect(p.kinds).toEqual(['categorical', 'categorical', 'categorical', 'numeric', 'numeric']);
    expect(p.notNumbers).toEqual([
      { numbers: 38, cells: 2, first: [{ value: 'inf', row: 7 }, { value: '#DIV/0!', row: 12 }] },
      { numbers: 39, cells: 1, first: [{ value: 'seven', row: 4 }] },
      { numbers: 39, cells: 1, first: [{ value: '#VALUE!', row: 9 }] },
      null,
      null,
    ]);
    // Before, "x" read as an identifier (a different value in every row) and "rooms" as 6 categories, kept as a feature the import then refused.
    expect(p.leaveOut).toEqual(['not-numbers', 'not-numbers', 'not-numbers', null, null]);
    expect(p.exclude).toEqual(['x', 'rooms', 'price']);
    expect(importCsv(text, { target: 't', exclude: p.exclude }).featureNames).toEqual(['n']);
    // Kept, the import refuses the first text it meets.
    expect(() => importCsv(text, { target: 't', exclude: ['x', 'price'] })).toThrow(/^Row 4, column "rooms": "seven" is not a number, but the column is numeric \(39 of 40 values are numbers\)/);
  });

  it('as the target it is judged by its numbers: a regression (not 39 classes), whose import names the text cell', () => {
    const p = previewCsv(text, 3, { target: 'price' });
    expect(p.task).toBe('regression');
    expect(() => importCsv(text, { target: 'price', exclude: ['x', 'rooms'] })).toThrow(/^Row 9, column "price": "#VALUE!" is not a number, but a regression target must be numeric \(39 of 40 values are numbers\)/);
    // Emptied, the row is dropped and the rest is a regression.
    const mended = text.replace('#VALUE!', '');
    expect(importCsv(mended, { target: 'price', exclude: ['x', 'rooms'], missing: 'drop' })).toMatchObject({ task: 'regression', nRows: 39 });
    // Whole numbers of few values with a text among them stay classes, the text one of them.
    expect(previewCsv(text, 3, { target: 'rooms' }).task).toBe('classification');
    // Proposed as a target though its texts would be 1,000 values or more: read by its numbers.
    const long = ['a,price', ...Array.from({ length: 1100 }, (_, i) => `${i % 7},${i === 3 ? 'n/a?' : 1000 + i * 3.25}`)].join('\n');
    expect(previewCsv(long).target).toBe('price');
  });

  it('fewer than half numbers is text; missing cells are not counted; a column of numbers only is numeric', () => {
    const p = previewCsv('a,b,c,t\n1,1,NA,0\nx,y,2,1\nz,3,z,0\n4,NA,5,1\n', 3, { target: 't' });
    // a: 2 numbers of 4 (half: numbers with text); b: 2 of 3 present; c: 2 of 3 present, "z" its text.
    expect(p.notNumbers.map((n) => n && [n.numbers, n.cells])).toEqual([[2, 2], [2, 1], [2, 1], null]);
    const q = previewCsv('a,b,t\nx,1,0\ny,2,1\n3,3,0\n', 3, { target: 't' });
    expect(q.notNumbers).toEqual([null, null, null]);
    expect(q.kinds).toEqual(['categorical', 'numeric', 'numeric']);
  });

  it('past three texts the preview keeps the first three different ones and counts every cell', () => {
    const many = ['v,t', ...Array.from({ length: 30 }, (_, i) => `${i < 6 ? ['e', 'f', 'e', 'g', 'h', 'i'][i] : i},${i % 2}`)].join('\n');
    expect(previewCsv(many, 3, { target: 't' }).notNumbers[0]).toEqual({ numbers: 24, cells: 6, first: [{ value: 'e', row: 2 }, { value: 'f', row: 3 }, { value: 'g', row: 5 }] });
  });
});

describe('a header row that reads like data (a file saved without one)', () => {
  // The first lines of UCI's iris.data, which has no header row.
  const iris = ['5.1,3.5,1.4,0.2,Iris-setosa', '4.9,3.0,1.4,0.2,Iris-setosa', '7.0,3.2,4.7,1.4,Iris-versicolor', '6.3,3.3,6.0,2.5,Iris-virginica', '5.8,2.7,5.1,1.9,Iris-virginica', '5.0,3.6,1.4,0.2,Iris-setosa'];
  it('numbers among their columns\' values, texts among their own column\'s, as UCI\'s iris.data has it', () => {
    expect(previewCsv(iris.join('\n')).headerLikeData).toBe(true);
    const classes = { setosa: 0, versicolor: 1, virginica: 2 } as Record<string, number>;
    expect(previewCsv(iris.map((l) => l.replace(/Iris-(\w+)$/, (_, c: string) => String(classes[c]))).join('\n')).headerLikeData).toBe(true);
  });

  it('not a header of names, nor numbers naming columns outside their values (wavelengths over absorbances), nor one number beside names', () => {
    expect(previewCsv('a,b,y\n1,2,0\n3,4,1\n').headerLikeData).toBe(false);
    expect(previewCsv('400,410,420,label\n0.12,1.5,0.8,0\n1.9,0.3,0.44,1\n').headerLikeData).toBe(false);
    expect(previewCsv('region,2020,y\nN,2021,0\nS,2000,1\n').headerLikeData).toBe(false);
    // A text header cell that is no value of its column.
    expect(previewCsv('5.1,3.5,species\n4.9,3.0,setosa\n6.3,3.3,virginica\n').headerLikeData).toBe(false);
  });
});

describe('dates', () => {
  it('a column of dates is proposed to be left out as dates (not as an identifier or as categories), in the ways files write them', () => {
    const n = 30;
    const day = (i: number): number => 1 + (i % 28);
    const cols: Record<string, (i: number) => string> = {
      iso: (i) => `2023-08-${String(day(i)).padStart(2, '0')}`,
      stamp: (i) => `2023-08-${String(day(i)).padStart(2, '0')}T14:05:${String(i % 60).padStart(2, '0')}Z`,
      us: (i) => `8/${day(i)}/2023 2:05 PM`,
      de: (i) => `${day(i)}.08.23 14:05`,
      slash: (i) => `2023/8/${day(i)}`,
      // A text that is no date among dates: text, 30 values, kept.
      mixed: (i) => (i === 4 ? 'unknown' : `2023-08-${String(day(i)).padStart(2, '0')}`),
      t: (i) => String(i % 2),
    };
    const text = [Object.keys(cols).join(','), ...Array.from({ length: n }, (_, i) => Object.values(cols).map((f) => f(i)).join(','))].join('\n');
    const p = previewCsv(text, 1, { target: 't' });
    expect(p.leaveOut).toEqual(['dates', 'dates', 'dates', 'dates', 'dates', null, null]);
    // A missing cell among them is no text: still dates.
    expect(previewCsv('when,t\n2023-01-02,0\nNA,1\n2023-01-05,0\n', 1, { target: 't' }).leaveOut).toEqual(['dates', null]);
  });

  it('a column of times of day or durations is proposed to be left out as times (it had read as 143 texts, "more than one-hot encoding takes")', () => {
    const cols: Record<string, (i: number) => string> = {
      clock: (i) => `${String(7 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      pm: (i) => `${1 + (i % 12)}:${String((i * 11) % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'am'}`,
      took: (i) => `${i % 3}:${String((i * 13) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.5`,
      // A score "2:1" and a text among times are no times.
      score: (i) => `${i % 4}:${i % 3}`,
      mixed: (i) => (i === 4 ? 'late' : `10:${String(i % 10).padStart(2, '0')}`),
      t: (i) => String(i % 2),
    };
    const text = [Object.keys(cols).join(','), ...Array.from({ length: 30 }, (_, i) => Object.values(cols).map((f) => f(i)).join(','))].join('\n');
    const p = previewCsv(text, 1, { target: 't' });
    expect(p.leaveOut).toEqual(['times', 'times', 'times', null, null, null]);
  });
});

describe('a column that tells the target exactly (a copy of the answer)', () => {
  // 40 rows: "churn" yes/no; "status" churned/active with it, always; "plan" three plans, a mix; "score" numbers; "price" and "cents" the same money.
  const lines = Array.from({ length: 40 }, (_, i) => {
    const churn = i % 3 === 0 ? 'yes' : 'no';
    return [churn === 'yes' ? 'churned' : 'active', ['basic', 'pro', 'team'][i % 4 === 0 ? 0 : i % 2 ? 1 : 2], (i * 0.37) % 5, 10 + i * 2.5, 1000 + i * 250, churn].join(',');
  });
  const text = ['status,plan,score,price,cents,churn', ...lines].join('\n');

  it('a classification\'s column each of whose values goes with one class; a regression\'s numbers on a line with the target: named, and kept', () => {
    const churn = previewCsv(text, 1, { target: 'churn' });
    expect(churn.answers).toEqual(['status']);
    // Kept as a feature: a rule that decides the class (a dose in a designed experiment) tells it exactly too.
    expect(churn.leaveOut).toEqual([null, null, null, null, null, null]);
    // The price as the target: the cents are it in other units; "score" is not.
    expect(previewCsv(text, 1, { target: 'price' }).answers).toEqual(['cents']);
    // One row that breaks the rule (a churned customer still active) and it is a feature like another.
    const broken = text.replace('\nchurned,', '\nactive,');
    expect(previewCsv(broken, 1, { target: 'churn' }).answers).toEqual([]);
  });

  it('an import keeps them as features and names them, for the caution before a search', () => {
    expect(importCsv(text, { target: 'churn' }).answerColumns).toEqual(['status']);
    expect(importCsv(text, { target: 'price' }).answerColumns).toEqual(['cents']);
    expect(importCsv(text, { target: 'churn', exclude: ['status'] }).answerColumns).toBeUndefined();
  });

  it('a regression\'s line holds over every row, not only the first 500 it is screened on', () => {
    // 1,000 rows: "cents" the price × 100 throughout; "almost" the same but for row 801.
    const rows = Array.from({ length: 1000 }, (_, i) => `${(i * 0.37) % 5},${10 + i * 2.5},${1000 + i * 250},${i === 800 ? 7 : 1000 + i * 250}`);
    const big = ['score,price,cents,almost', ...rows].join('\n');
    expect(previewCsv(big, 1, { target: 'price' }).answers).toEqual(['cents']);
    expect(importCsv(big, { target: 'price' }).answerColumns).toEqual(['cents']);
  });

  it('not a column of a value per row or nearly, nor one of a small file, where a mapping can happen by chance', () => {
    const few = ['a,b,t', ...Array.from({ length: 12 }, (_, i) => `${i % 6},${i},${i % 2}`)].join('\n');
    expect(previewCsv(few, 1, { target: 't' }).answers).toEqual([]);
    // 40 rows, a value per 2 rows, each with one class: too many values to say.
    const pairs = ['a,t', ...Array.from({ length: 40 }, (_, i) => `v${Math.floor(i / 2)},${Math.floor(i / 2) % 2}`)].join('\n');
    expect(previewCsv(pairs, 1, { target: 't' }).answers).toEqual([]);
  });
});

describe('texts that differ only in case', () => {
  it('are grouped per column, the commonest spelling first, the target\'s too; none where every text is spelled one way', () => {
    const rows = ['yes,Paris', 'no,paris', 'Yes,Lyon', 'yes,PARIS', 'no,Paris', 'YES,lyon', 'no,Nice'];
    const p = previewCsv(['subscribed,city', ...rows].join('\n'), 3, { target: 'subscribed' });
    expect(p.caseVariants).toEqual([
      { column: 'subscribed', spellings: [{ value: 'yes', count: 2 }, { value: 'Yes', count: 1 }, { value: 'YES', count: 1 }] },
      { column: 'city', spellings: [{ value: 'Paris', count: 2 }, { value: 'paris', count: 1 }, { value: 'PARIS', count: 1 }] },
      { column: 'city', spellings: [{ value: 'Lyon', count: 1 }, { value: 'lyon', count: 1 }] },
    ]);
    expect(previewCsv('a,b\nx,1\ny,2\nx,3\n').caseVariants).toEqual([]);
    // Missing words are no values: "NA" and "na" are both missing.
    expect(previewCsv('a,b\nNA,1\nna,2\nx,3\n').caseVariants).toEqual([]);
  });
});

describe('words read as missing by default that a file means as values (notMissing)', () => {
  // Symptoms graded none / mild / severe, and a region column where NA is North America; a "?" that is a real gap.
  const text = 'dose,region,symptoms\n0.5,EU,none\n2.5,NA,mild\n4,EU,severe\n0.8,na,None\n3.9,?,severe\n1,EU,none\n';

  it('by default "none", "NA" and "?" are missing; the import refuses the first and says how to read it as a value', () => {
    const read = readCsv(text);
    expect(read.missing).toEqual([0, 3, 3]);
    expect(dataError(() => importCsv(read, { target: 'symptoms', exclude: ['region'] })).message).toBe(
      'Row 2, column "symptoms": the value is missing ("none"); fill it in, drop the rows with missing values ("missing": "drop") or leave the column out ("exclude"). ' +
        'Knobs does not impute; it reads empty cells, NA, N/A, #N/A, <NA>, NaN, null, None and ? as missing. If "none" is a value here, not a gap, read it as one: "notMissing": ["none"].',
    );
    // Each word once, in the vocabulary's order, with how it is first written, its cells and columns; none read as a value yet.
    expect(read.missingWords).toEqual([
      { spelling: 'na', written: 'NA', cells: 2, columns: ['region'], value: false },
      { spelling: 'none', written: 'none', cells: 3, columns: ['symptoms'], value: false },
      { spelling: '?', written: '?', cells: 1, columns: ['region'], value: false },
    ]);
  });

  it('"notMissing": ["none"] reads none in any case as a class; "?" stays missing', () => {
    const read = readCsv(text, { notMissing: ['None'] });
    expect(read.missing).toEqual([0, 3, 0]);
    expect(read.missingWords.map((w) => [w.spelling, w.value])).toEqual([['na', false], ['none', true], ['?', false]]);
    const ds = importCsv(read, { target: 'symptoms', exclude: ['region'] });
    // "none" and "None" are two spellings of one class name only if the file writes them alike: text is kept as written.
    expect(ds.classNames).toEqual(['None', 'mild', 'none', 'severe']);
    expect(ds.nRows).toBe(6);
    // With NA a value too, region is a text feature of three values (EU, NA, na) and the "?" row is the one dropped.
    const both = importCsv(readCsv(text, { notMissing: ['none', 'na'] }), { target: 'symptoms', missing: 'drop' });
    expect([both.nRows, both.droppedRows]).toEqual([5, 1]);
    expect(both.featureNames).toEqual(['dose', 'region=EU', 'region=NA', 'region=na']);
  });

  it('a column of numbers with "NA" read as a value becomes text; read as missing it stays numbers', () => {
    const t = 'x,t\n1,0\nNA,1\n3,0\n';
    expect(readCsv(t).kinds).toEqual(['numeric', 'numeric']);
    expect(readCsv(t, { notMissing: ['NA'] }).kinds).toEqual(['categorical', 'numeric']);
  });

  it('the empty cell is always missing; a list is kept once, lower case, in the vocabulary\'s order', () => {
    const rule = missingRule(['', 'NONE', 'nan']);
    expect(['', ' ', 'None', 'NaN', 'NA'].map((v) => rule(v.trim()))).toEqual([true, true, false, false, true]);
    expect(normalNotMissing([' None', 'NA', 'none', '?'])).toEqual(['na', 'none', '?']);
  });

  it('a spec names it as "notMissing", and loadDataset reads the file so; a spelling that is not read as missing is refused, saying which are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-notmissing-'));
    try {
      const file = join(dir, 'symptoms.csv');
      writeFileSync(file, text);
      const ds = loadDataset(datasetSchema.parse({ csv: file, target: 'symptoms', exclude: ['region'], notMissing: ['none'] }), 1);
      expect(ds.classNames).toEqual(['None', 'mild', 'none', 'severe']);
      const bad = datasetSchema.safeParse({ csv: file, target: 'symptoms', notMissing: ['unknown'] });
      expect(bad.success).toBe(false);
      expect(JSON.stringify(bad.error?.issues)).toContain('expected a spelling Knobs reads as missing (NA, N/A, #N/A, <NA>, NaN, -NaN, null, None or ?, any case), got \\"unknown\\"');
      expect(datasetSchema.safeParse({ csv: file, target: 'symptoms', notMissing: [''] }).success).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad CSVs are refused with the row (header = row 1), the column and what would be valid', () => {
  const cases: [string, string | (() => string | Uint8Array), Partial<CsvOptions>, RegExp, number | undefined, string | undefined][] = [
    ['a ragged row', 'ragged.csv', {}, /^Row 3 has 2 values but the header has 3 columns; every row needs exactly 3/, 3, undefined],
    ['a title above the table', () => 'Sales report 2024\n\nregion,units,y\nN,3,0\nS,4,1\n', {}, /^Row 3 has 3 values but the header, row 1 \("Sales report 2024"\), has one: if the table starts below a title, delete the lines above its header row\.$/, 3, undefined],
    ['a text value in a numeric column', () => 'a,b,t\n1,2,0\n3,x,1\n4,5,0\n6,7,1\n', {}, /^Row 3, column "b": "x" is not a number, but the column is numeric \(3 of 4 values are numbers\); write it as a plain number \(3\.5, -2e-3\), or empty it and drop the rows that miss a value \("missing": "drop"\), or leave the column out \("exclude"\)\.$/, 3, 'b'],
    ['a text cell in a regression target of numbers', () => 'a,price\n1,10.5\n2,#VALUE!\n3,12\n', { target: 'price', task: 'regression' },
      /^Row 3, column "price": "#VALUE!" is not a number, but a regression target must be numeric \(2 of 3 values are numbers\); write it as a plain number \(3\.5, -2e-3\), or empty it and drop the rows that miss a value \("missing": "drop"\)\.$/, 3, 'price'],
    ['an empty cell', 'missing-empty.csv', {}, /^Row 3, column "b": the value is missing \(""\); fill it in, drop the rows with missing values \("missing": "drop"\) or leave the column out \("exclude"\)\. Knobs does not impute; it reads empty cells, NA, N\/A, #N\/A, <NA>, NaN, null, None and \? as missing\.$/, 3, 'b'],
    ['a category spelled like a missing value', () => 'pet,t\ncat,0\nNone,1\n', {}, /^Row 3, column "pet": the value is missing \("None"\)/, 3, 'pet'],
    ['NA', () => 'a,b,t\n1,NA,0\n3,4,1\n', {}, /^Row 2, column "b": the value is missing \("NA"\)/, 2, 'b'],
    ['NaN', 'missing-nan.csv', {}, /^Row 4, column "b": the value is missing \("NaN"\)/, 4, 'b'],
    ['a missing target', () => 'a,t\n1,0\n2,\n3,1\n', {}, /^Row 3, column "t": the value is missing/, 3, 't'],
    ['an unknown target', () => 'a,b\n1,2\n3,4\n', {}, /^There is no column "t" to use as the target; the columns are: "a", "b"\.$/, 1, 't'],
    ['a single class', 'single-class.csv', { target: 'label' }, /^The target column "label" has a single class \("x"\) in all 3 rows; a classifier needs at least two/, undefined, 'label'],
    ['a regression target of one value', () => 'a,y\n1,5\n2,5.0\n3,5\n', { target: 'y', task: 'regression' }, /^The target column "y" holds one value \(5\) in all 3 rows; a regression needs a target that varies\. Name another target column\.$/, undefined, 'y'],
    ['an empty file', 'empty.csv', {}, /^The file is empty; a CSV needs a header row and at least one data row/, undefined, undefined],
    ['a blank file', () => '\n  \n', {}, /^The file is empty/, undefined, undefined],
    ['a header only', 'header-only.csv', {}, /^The file has a header row but no data rows/, 1, undefined],
    ['duplicate column names', 'duplicate.csv', { target: 'b' }, /^The column name "a" appears twice \(columns 1 and 3\); names must be unique/, 1, 'a'],
    ['an empty column name whose given name is taken', () => 'a,,column 2,t\n1,2,3,0\n', {}, /^Column 2 has an empty header, and the name Knobs would give it \("column 2"\) is taken; give it a name in row 1/, 1, undefined],
    ['NUL bytes (binary junk)', () => new Uint8Array([0x61, 0x2c, 0x74, 0x0a, 0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), {}, /^The file holds binary data \(a NUL byte on line 2\), not CSV text/, 2, undefined],
    ['NUL in text', () => 'a,t\n1,0\n\u0000,1\n', {}, /^The file holds binary data \(a NUL byte on line 3\)/, 3, undefined],
    ['invalid UTF-8 (Windows-1252 é)', () => Uint8Array.from([...Buffer.from('name,t\nok,0\ncaf'), 0xe9, ...Buffer.from(',1\n')]), {},
      /^The file is not UTF-8 text: byte 0xe9 on line 3, in “café” as Windows-1252 reads it\. Excel's "CSV \(Comma delimited\)" and older programs write accented letters so; save the file as "CSV UTF-8 \(Comma delimited\)", or as UTF-8 from any editor\.$/, 3, undefined],
    ['a truncated UTF-8 sequence', () => Uint8Array.from([...Buffer.from('a,t\n1,0\n'), 0xe2, 0x82]), {}, /not UTF-8 text: byte 0xe2 on line 3, in “â‚” as Windows-1252/, 3, undefined],
    // UTF-16 bytes are read (below); as text a client decoded as UTF-8 (File.text()), they cannot be read back.
    ['UTF-16 read as UTF-8 text', () => new TextDecoder().decode(Uint8Array.from([0xff, 0xfe, ...Buffer.from('a,t\n1,0\n', 'utf16le')])), {},
      /^The text is a UTF-16 file \(as Excel saves "Unicode Text"\) read as if it were UTF-8; decode it as UTF-16, or save it as "CSV UTF-8 \(Comma delimited\)"\.$/, 1, undefined],
    ['UTF-16 without a mark read as UTF-8 text', () => Buffer.from('a,t\n1,0\n2,1\n', 'utf16le').toString('utf8'), {}, /^The text is a UTF-16 file/, 1, undefined],
    ['NUL bytes in UTF-16', () => Uint8Array.from([0xff, 0xfe, ...Buffer.from('a,t\n1,\u00000\n', 'utf16le')]), {}, /^The file holds binary data \(a NUL byte on line 2\)/, 2, undefined],
    ['a delimiter Knobs does not read named on Excel\'s first line', () => 'sep=|\na|t\n1|0\n', {}, /^The first line, "sep=\|", says the cells are separated by "\|"; Knobs reads commas, semicolons or tabs: save the file with one of those\.$/, 1, undefined],
    ['a value beyond float32', 'overflow.csv', { target: 'y' }, /^Row 3, column "y": 1e39 is beyond the 32-bit float range/, 3, 'y'],
    ['a text regression target', () => 'a,t\n1,x\n2,y\n', { task: 'regression' }, /^Row 2, column "t": "x" is not a number, but a regression target must be numeric \(or set task to "classification"\)\.$/, 2, 't'],
    ['only a target column', () => 't\n1\n2\n', {}, /only the target column "t"; at least one feature column is needed/, 1, undefined],
    ['an unclosed quote', () => 'a,t\n1,0\n"2,1\n3,0\n', {}, /^A quote opened on line 3 is never closed/, 3, undefined],
    ['a stray quote', () => 'a,t\n1,0\n2,1"x\n', {}, /^The CSV cannot be parsed at line 3: Invalid Opening Quote/, 3, undefined],
    ['too many categories', () => 'c,t\n' + Array.from({ length: 8 }, (_, i) => `v${i % 5},${i % 2}`).join('\n'), { maxCategories: 4 },
      /^Row 6, column "c": "v4" is the text column's 5th distinct value, more than the 4 categories one-hot encoding allows; leave the column out \("exclude"\) or group its values/, 6, 'c'],
    ['too many classes, as text', () => `a,t\n${Array.from({ length: 1001 }, (_, i) => `${i % 7},name ${i}`).join('\n')}\n`, {},
      /^The target column "t" has 1001 classes; at most 1000 are supported \(its 1001 different texts in 1001 rows read more like names or identifiers than classes to learn: choose another target\)\.$/, undefined, 't'],
    ['too many classes, as whole numbers', () => `a,t\n${Array.from({ length: 1001 }, (_, i) => `${i % 7},${i}`).join('\n')}\n`, { task: 'classification' },
      /^The target column "t" has 1001 classes; at most 1000 are supported \(is it a regression target\? set task to "regression"\)\.$/, undefined, 't'],
    ['too many cells', 'fruit.csv', { target: 'kind', maxCells: 16 }, /^The file has 5 data rows × 4 columns \(20 cells\); Knobs reads at most 16 cells of a CSV, here 4 rows\. Save a copy with fewer rows \(a random sample of them\) or fewer columns, and import that\.$/, undefined, undefined],
    ['too many cells, lines ended by \\r alone', () => 'a,t\r1,0\r2,1\r3,0\r', { maxCells: 4 }, /^The file has more than 2 data rows × 2 columns; Knobs reads at most 4 cells of a CSV, here 2 rows\./, undefined, undefined],
    ['too many bytes', 'fruit.csv', { target: 'kind', maxBytes: 100 }, /^The file ".*fruit.csv" is too large \(110 bytes; the limit is 100 bytes\)/, undefined, undefined],
    ['too many bytes (text)', () => readFileSync(fixture('fruit.csv'), 'utf8'), { target: 'kind', maxBytes: 100 }, /^The file is too large \(110 bytes; the limit is 100 bytes\)/, undefined, undefined],
  ];

  it.each(cases)('%s', (_what, input, opts, message, row, column) => {
    const options = { target: 't', ...opts };
    const err = dataError(() => (typeof input === 'string' ? importCsvFile(fixture(input), options) : importCsv(input(), options)));
    const prefix = typeof input === 'string' && !/too large/.test(err.message) ? `${fixture(input)}: ` : '';
    expect(err.message.startsWith(prefix)).toBe(true);
    expect(err.message.slice(prefix.length)).toMatch(message);
    expect(err.row).toBe(row);
    expect(err.column).toBe(column);
  });

  it('rows are numbered as a spreadsheet shows them: blank lines count, a multi-line cell is one row', () => {
    const err = dataError(() => importCsvFile(fixture('blank-lines.csv'), { target: 't' }));
    expect(err.message).toMatch(/blank-lines\.csv: Row 5, column "a": "x" is not a number/);
    expect([err.row, err.column]).toEqual([5, 'a']);
    const ok = importCsv(readFileSync(fixture('blank-lines.csv'), 'utf8').replace('x,', '3,'), { target: 't' });
    expect(ok.nRows).toBe(5);
    expect(ok.featureNames).toEqual(['a', 'note=plain', 'note=two\nlines']);
  });

  it('a file over the size limit is refused before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-csv-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'a,t\n' + Array.from({ length: 300 }, (_, i) => `1,${i % 2}\n`).join(''));
    expect(dataError(() => importCsvFile(path, { target: 't', maxBytes: 1000 })).message).toMatch(/too large \(1204 bytes; the limit is 1000 bytes\)/);
    expect(importCsvFile(path, { target: 't', task: 'regression' }).nRows).toBe(300);
  });

  it('the default limits are stated', () => {
    expect(CSV_LIMITS).toMatchObject({ maxBytes: 200 * 1024 * 1024, maxCells: 5_000_000, maxCategories: 100 });
  });
});

describe('UTF-8 check', () => {
  it('finds an invalid sequence exactly when the platform decoder refuses the bytes, and the prefix before it decodes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array): boolean => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 4 }), (bytes, text) => {
        const b = Uint8Array.from([...Buffer.from(text, 'utf8'), ...bytes]);
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at >= 0) expect(valid(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('UTF-16 files (Excel\'s "Unicode Text")', () => {
  // Excel's "Unicode Text" is UTF-16 LE with a byte order mark, tab-separated, lines ended by \r\n.
  const sheet = 'Stadt\tGröße\tKlasse\r\nZürich\t1,5\tja\r\nGenève\t2,5\tnein\r\nKöln\t3\tja\r\nMünchen\t4\tnein\r\n';
  const utf8 = importCsv(Buffer.from(sheet, 'utf8'), { target: 'Klasse' });
  const cases: [string, Uint8Array, string][] = [
    ['LE with a byte order mark', Uint8Array.from([0xff, 0xfe, ...Buffer.from(sheet, 'utf16le')]), 'UTF-16LE'],
    ['BE with a byte order mark', Uint8Array.from([0xfe, 0xff, ...Buffer.from(sheet, 'utf16le').swap16()]), 'UTF-16BE'],
    ['LE without a mark', Uint8Array.from(Buffer.from(sheet, 'utf16le')), 'UTF-16LE'],
    ['BE without a mark', Uint8Array.from(Buffer.from(sheet, 'utf16le').swap16()), 'UTF-16BE'],
  ];
  it.each(cases)('reads %s as the same data set as its UTF-8 copy', (_, bytes, encoding) => {
    const read = fileText(bytes);
    expect(read).toEqual({ text: sheet, encoding });
    const ds = importCsv(bytes, { target: 'Klasse' });
    expect(ds.featureNames).toEqual(utf8.featureNames);
    expect(ds.featureNames).toContain('Stadt=Zürich');
    expect(Array.from(ds.x)).toEqual(Array.from(utf8.x));
    expect(ds.classNames).toEqual(['ja', 'nein']);
  });

  it('reads UTF-8 with and without a byte order mark, and names a chosen file in what it refuses', () => {
    expect(fileText(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('a,t\n1,0\n')]))).toEqual({ text: 'a,t\n1,0\n', encoding: 'UTF-8' });
    expect(fileText(Buffer.from('é,t\n1,0\n'))).toEqual({ text: 'é,t\n1,0\n', encoding: 'UTF-8' });
    expect(textOfFile('a.csv', Buffer.from('a;t\n1;0\n'))).toBe('a;t\n1;0\n');
    expect(() => textOfFile('prices.csv', Uint8Array.from([...Buffer.from('Stadt;Preis\nZ'), 0xfc, ...Buffer.from('rich;3\n')])))
      .toThrow(/^prices\.csv: The file is not UTF-8 text: byte 0xfc on line 2, in “Zürich” as Windows-1252 reads it\./);
    expect(() => textOfFile('book.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])))
      .toThrow(/^book\.xlsx: The file holds binary data \(a NUL byte on line 1\), not CSV text/);
  });
});

describe('mojibake: UTF-8 read as Windows-1252 and saved again ("ZÃ¼rich")', () => {
  it('reads back the text meant where every character maps to a Windows-1252 byte and those bytes are UTF-8; not text written right', () => {
    const cases: [string, string | null][] = [
      ['ZÃ¼rich', 'Zürich'], ['SÃ£o Paulo', 'São Paulo'], ['CafÃ©', 'Café'], ['â‚¬12', '€12'], ['GrÃ¶ÃŸe', 'Größe'],
      // Written right, or no UTF-8 underneath: "Zürich" is bytes 5A FC …, "Ão" a capital with no continuation after it, a dash alone a stray continuation byte.
      ['Zürich', null], ['Köln', null], ['Ão', null], ['plain', null], ['MÃ¼nchen – Ost', null],
    ];
    for (const [written, meant] of cases) expect(unMojibake(written), written).toBe(meant);
  });

  it('is said for the first column name, else the first text column, with how many of its cells are so written', () => {
    const cells = previewCsv('city,size,t\nMÃ¼nchen,1,a\nZürich,2,b\nMÃ¼nchen,3,a\nGenÃ¨ve,4,b\nKöln,5,a\n');
    expect(cells.mojibake).toEqual({ column: 'city', written: 'MÃ¼nchen', meant: 'München', cells: 3 });
    expect(previewCsv('Stadt,GrÃ¶ÃŸe,t\nZürich,1,a\nKöln,2,b\n').mojibake).toEqual({ column: 'GrÃ¶ÃŸe', written: 'GrÃ¶ÃŸe', meant: 'Größe', cells: 0 });
    expect(previewCsv('city,size,t\nZürich,1,a\nKöln,2,b\n').mojibake).toBeNull();
  });
});

describe('answers of an ordered scale ("Strongly disagree" … "Strongly agree")', () => {
  it('are found in text columns whose every value is a level of one scale, three levels or more, in the scale\'s order as written', () => {
    const text = 'q1,often,size,mix,two,t\n'
      + 'Agree,never,Low,Agree,Agree,a\n'
      + 'strongly disagree,Sometimes,High,Often,Disagree,b\n'
      + 'Neutral,always,Medium,Neutral,Agree,a\n'
      + 'Agree,Rarely,low,Agree,Disagree,b\n';
    const p = previewCsv(text, 5, { target: 't' });
    // "mix" mixes two scales and "two" has two levels: neither.
    expect(p.orderedScales).toEqual([
      { column: 'q1', levels: ['strongly disagree', 'Neutral', 'Agree'] },
      { column: 'often', levels: ['never', 'Rarely', 'Sometimes', 'always'] },
      { column: 'size', levels: ['Low', 'low', 'Medium', 'High'] },
    ]);
    expect(previewCsv('a,t\nx,1\ny,0\nz,1\n').orderedScales).toEqual([]);
  });
});
