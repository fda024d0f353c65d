// Hostile names (issue #7, "Bad input"): SQL fragments, path separators, HTML and script, quotes and
// delimiters in project, search and data-set names, and all of these and line breaks in notes, are stored
// and read back exactly through the Workbench, never reach a file path, leave the schema alone, and
// come out of the CSV exports quoted so a CSV reader gets back exactly what went in. A name holding
// a control character (a line break, a tab, an escape) is refused, naming the character: names print
// on one line of `knobs list` and a terminal.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src-core/data';
import { controlCharacterIn } from '../../src-core/api/names';
import { caller } from '../helpers/call';
import { Bench } from './api-harness';
import { FC, HOSTILE } from './fuzz-helpers';

let dir: string;
let bench: Bench;
const call = caller(() => bench.wb);
/** The schema as another program reading the file sees it. */
function schema(): string {
  const db = new Database(bench.dbPath, { readonly: true });
  try {
    return (db.prepare(`SELECT group_concat(sql, ';') AS s FROM sqlite_master`).get() as { s: string }).s;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-hostile-'));
  bench = new Bench(dir);
  await bench.ensureSeeded();
});
afterAll(async () => {
  await bench.wb.shutdown();
  bench.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A hostile fragment inside arbitrary (well-formed) text. */
const hostile = fc
  .tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 12 }))
  .map(([a, h, b]) => `${a}${h}${b}`);
/** What the contract keeps of a name: trimmed, 1 to 200 characters. */
const asName = (s: string): string => s.trim().slice(0, 200).trim() || 'x';

/** A file name the export offers: one path segment of safe characters, never hidden or climbing out. */
function expectSafeFilename(f: string): void {
  expect(basename(f)).toBe(f);
  expect(f).toMatch(/^[A-Za-z0-9_][\w.-]*\.csv$/);
}

describe('hostile names and notes through the Workbench', () => {
  it('every HOSTILE string as a project name, search name, data set name and note is stored and read back exactly', async () => {
    const before = schema();
    for (const [i, h] of HOSTILE.entries()) {
      const name = asName(h);
      if (controlCharacterIn(name)) {
        // Refused wherever a name comes in, naming the character; the notes keep it.
        const said = new RegExp(`name: contains ${controlCharacterIn(name)!.replace(/[()+]/g, '\\$&')}; a name is one line of printable text`);
        await expect(call('projects.create', { name })).rejects.toThrow(said);
        await expect(call('searches.create', { spec: { project: 'ok', name, dataset: { builtin: 'iris' } } })).rejects.toThrow(said);
        await expect(call('datasets.importCsv', { name, text: 'a,y\n1,p\n2,q\n', target: 'y' })).rejects.toThrow(said);
        const p = await call('projects.create', { name: `hostile notes ${i}` });
        expect((await call('projects.setNotes', { id: p.id, notes: h })).notes).toBe(h);
        await expect(call('projects.rename', { id: p.id, name })).rejects.toThrow(said);
        continue;
      }
      const p = await call('projects.create', { name });
      expect(p.name).toBe(name);
      expect((await call('projects.list')).find((x) => x.id === p.id)?.name).toBe(name);
      expect((await call('projects.setNotes', { id: p.id, notes: h })).notes).toBe(h);
      expect(bench.store.projects.get(p.id)).toMatchObject({ name, notes: h });

      const s = await call('searches.create', { spec: { project: name, name, dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } } } });
      expect(s.project).toBe(name);
      expect(s.name).toBe(name);
      expect((await call('searches.rename', { id: s.id, name: `${name} 2` })).name).toBe(`${name} 2`);
      expect((await call('searches.get', { id: s.id })).name).toBe(`${name} 2`);
      expectSafeFilename((await call('export.trialsCsv', { searchId: s.id })).filename);
      expectSafeFilename((await call('export.curvesCsv', { searchId: s.id })).filename);
      expectSafeFilename((await call('export.confusionCsv', { searchId: s.id })).filename);

      const t = bench.store.trials.start(s.id, 0, 1, { lr: 0.01 }, 1);
      expect((await call('trials.setNotes', { searchId: s.id, number: 0, notes: h })).notes).toBe(h);
      expect((await call('trials.get', { searchId: s.id, number: 0 })).notes).toBe(h);
      expect(t.id).toBeGreaterThan(0);

      const d = await call('datasets.importCsv', { name: `${name} ${i}`, text: 'a,y\n1,p\n2,q\n', target: 'y' });
      expect(d.name).toBe(`${name} ${i}`);
      // The stored copy lives directly in the data-sets folder, whatever the name says.
      const file = 'csv' in d.ref ? d.ref.csv : '';
      expect(dirname(resolve(file))).toBe(bench.datasetsDir);
      expect(basename(file)).toMatch(/^[\w.-]+\.csv$/);
      expect((await call('datasets.preview', { name: `${name} ${i}` })).header).toEqual(['a', 'y']);
    }
    // Nothing escaped the folder, nothing was dropped or altered in the schema.
    expect(readdirSync(bench.datasetsDir).every((f) => /^[\w.-]+\.csv$/.test(f))).toBe(true);
    expect(schema()).toBe(before);
    expect(bench.store.projects.list().length).toBeGreaterThan(HOSTILE.length);
  });

  // Found by this suite: a name or note holding a lone UTF-16 surrogate (JSON "\ud800") was accepted and SQLite stored it
  // as U+FFFD, so it did not read back exactly. The contract now refuses it, naming the field.
  it('refuses names and notes that are not well-formed Unicode (a lone surrogate) at the contract boundary', async () => {
    await expect(call('projects.create', { name: 'bad \ud800 name' })).rejects.toThrow(/name.*well-formed Unicode/);
    const p = await call('projects.create', { name: 'pair 😀 ok' });
    expect(p.name).toBe('pair 😀 ok');
    await expect(call('projects.setNotes', { id: p.id, notes: 'x\udc00' })).rejects.toThrow(/notes.*well-formed Unicode/);
    await expect(call('projects.rename', { id: p.id, name: '\udfff' })).rejects.toThrow(/well-formed/);
  });

  it(`generated hostile names and notes (${FC.numRuns} cases) round-trip exactly and leave the schema alone`, async () => {
    const before = schema();
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (n, notes) => {
        const name = asName(n);
        if (controlCharacterIn(name)) {
          await expect(call('projects.create', { name })).rejects.toThrow(/name: contains .*; a name is one line of printable text/);
          return;
        }
        if (bench.store.projects.list().some((p) => p.name === name)) return;
        const p = await call('projects.create', { name });
        try {
          expect(p.name).toBe(name);
          expect((await call('projects.setNotes', { id: p.id, notes })).notes).toBe(notes);
          expect(bench.store.projects.get(p.id)).toMatchObject({ name, notes });
        } finally {
          await call('projects.delete', { id: p.id });
        }
      }),
      FC,
    );
    expect(schema()).toBe(before);
  });
});

describe('hostile values in CSV exports and imports', () => {
  it('exported trials CSV quotes hostile knob values so csv-parse reads back exactly what was stored', async () => {
    const s = await call('searches.create', {
      spec: { project: 'export', name: "'; DROP TABLE trials; --", dataset: { builtin: 'iris' }, space: { optimizer: { type: 'categorical', values: ['sgd', 'adam'] }, lr: { type: 'float', low: 1e-3, high: 0.1 } } },
    });
    // Knob values as an older version (or a hand-edited database) might have stored them.
    HOSTILE.forEach((h, n) => bench.store.trials.start(s.id, n, 1, { optimizer: h, lr: { text: h } }, n));
    const { filename, csv } = await call('export.trialsCsv', { searchId: s.id });
    expectSafeFilename(filename);
    const rows = parse(csv, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows).toHaveLength(HOSTILE.length);
    HOSTILE.forEach((h, n) => {
      expect(rows[n].trial).toBe(String(n));
      expect(rows[n].param_optimizer).toBe(h);
      expect(JSON.parse(rows[n].param_lr)).toEqual({ text: h });
    });
  });

  it(`a CSV with hostile column names and categories (written by csv-stringify) imports with them exactly (${FC.numRuns} cases)`, () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostile.map((h) => h.trim()).filter((h) => h !== '' && !/^(na|n\/a|#n\/a|<na>|nan|-nan|null|none|\?)$/i.test(h)), { minLength: 2, maxLength: 3 }), (names) => {
        const [col, ...cats] = names;
        const values = cats.length > 1 ? cats : [cats[0], `${cats[0]}!`];
        const text = stringify([[col, 'target'], ...values.flatMap((v, i) => [[v, String(i)], [v, String(i)]])]);
        // The comma is given: a header and rows that all hold the same unquoted semicolons read as well with ';' (a real ambiguity).
        const ds = importCsv(text, { target: 'target', delimiter: ',' });
        expect(ds.featureNames).toEqual([...values].sort().map((v) => `${col}=${v}`));
        expect(ds.nRows).toBe(values.length * 2);
      }),
      FC,
    );
  });
});

describe('cases the fuzzer found', () => {
  it('the delimiter is guessed from the header outside quoted names (a quoted name with semicolons made it guess ";")', () => {
    const ds = importCsv('"price; EUR; net",y\n1,a\n2,b\n', { target: 'y' });
    expect(ds.featureNames).toEqual(['price; EUR; net']);
    expect(importCsv('"a,b,c";y\n1;a\n2;b\n', { target: 'y' }).featureNames).toEqual(['a,b,c']);
    // An unquoted name with semicolons: the comma is the delimiter that splits every line alike.
    expect(importCsv("x'; DROP TABLE projects; --,target\n\"a \"\"q\"\"\",0\nb,1\n", { target: 'target' }).featureNames).toEqual([
      "x'; DROP TABLE projects; --=a \"q\"", "x'; DROP TABLE projects; --=b",
    ]);
  });
});
