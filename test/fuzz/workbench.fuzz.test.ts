// Fuzz of every API payload through the Workbench (issue #7, "Bad input"): 10,000 requests over
// the real handler path, half of them as Electron IPC delivers them (structured clone, so NaN,
// undefined, BigInt, Map and Date arrive too, and the answer goes back through structured clone).
// Every request is answered or refused with an error the user can act on (kind bad-input, not-found
// or store: BadInputError, SpecError, DataError, NotFoundError, StoreError) whose message names what
// was wrong, and a refused request leaves the SQLite file byte-identical.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChannel } from '../../src-core/api/channels';
import type { IpcAnswer } from '../../src-core/api/contract';
import { answer } from '../../src-main/answer';
import { Bench, DbWatch, expectNamedRejection, isUserError, request, USER_KINDS } from './api-harness';
import { SpecError } from '../../src-core/spec/errors';
import { cloneOnly, FC, preview, RUNS } from './fuzz-helpers';

let dir: string;
let bench: Bench;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-fuzz-wb-'));
  bench = new Bench(dir);
  await bench.ensureSeeded();
});
afterAll(() => {
  bench.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the Electron host does with a request (src-main/electron/main.ts): channel check, then the hosts' answer(), sent back as a structured clone. */
async function ipcCall(channel: unknown, input: unknown): Promise<IpcAnswer> {
  if (!isChannel(channel)) return { ok: false, error: `Unknown request "${String(channel)}"`, kind: 'bad-input', issues: [] };
  const bugs: unknown[] = [];
  const r = structuredClone(await answer(bench.wb, channel, input, (e) => bugs.push(e)));
  if (bugs.length > 0) throw bugs[0];
  return r;
}

/** A payload with, sometimes, a value only structured clone carries, at the top or under a key. */
const withCloneOnly = request.chain((r) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(r) },
    { weight: 1, arbitrary: cloneOnly.map((v) => ({ ...r, payload: v })) },
    {
      weight: 1,
      arbitrary: fc.tuple(cloneOnly, fc.constantFrom('id', 'name', 'spec', 'notes', 'searchId', 'number', 'text', 'knobs')).map(([v, k]) => ({
        ...r, payload: r.payload && typeof r.payload === 'object' && !Array.isArray(r.payload) ? { ...r.payload, [k]: v } : { [k]: v },
      })),
    },
  ),
);

describe(`every API payload through the Workbench, ${RUNS} requests`, () => {
  it('answers or refuses with a user error naming what was wrong; a refusal leaves the database file byte-identical', async () => {
    const watch = new DbWatch(bench);
    watch.baseline();
    const outcome = { answered: 0, refused: 0, ipc: 0, rebaselined: 0 };
    await fc.assert(
      fc.asyncProperty(withCloneOnly, fc.boolean(), async ({ channel, payload }, viaIpc) => {
        const input = bench.resolve(payload);
        const what = (): string => `${channel} ${preview(input)}`;
        let error: unknown;
        let issues: unknown;
        if (viaIpc) {
          outcome.ipc++;
          let cloned: unknown;
          try {
            cloned = structuredClone(input);
          } catch {
            return; // not cloneable (a function, a symbol): IPC itself refuses to send it
          }
          const r = await ipcCall(channel, cloned);
          if (r.ok) error = undefined;
          else {
            // A bug would have been thrown above; what crosses IPC says its kind and carries its issues.
            expect(USER_KINDS, `${what()}: kind ${r.kind}`).toContain(r.kind);
            error = new Error(r.error);
            issues = r.issues;
          }
        } else {
          try {
            await bench.wb.call(channel, input);
          } catch (e) {
            error = e;
            issues = (e as { issues?: unknown }).issues;
          }
        }
        if (error === undefined) {
          outcome.answered++;
          if (watch.changed()) {
            outcome.rebaselined++;
            await bench.ensureSeeded();
            watch.baseline();
          }
          return;
        }
        if (!viaIpc && !isUserError(error)) throw new Error(`${what()} threw ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack}`);
        expectNamedRejection(channel, (error as Error).message, issues, () => input);
        watch.expectUntouched(what);
        outcome.refused++;
      }),
      FC,
    );
    expect(outcome.refused).toBeGreaterThan(RUNS / 2);
    expect(outcome.answered).toBeGreaterThan(RUNS / 20);
    console.log('workbench fuzz', outcome);
  });
});

describe('the database watch and the cases the fuzzer found', () => {
  it('notices a write (so "byte-identical" above means something)', () => {
    const watch = new DbWatch(bench);
    watch.baseline();
    bench.store.notes.setProject(bench.ids.project, `touched ${Date.now()}`);
    expect(() => watch.expectUntouched(() => 'self-check')).toThrow(/rows changed/);
    watch.baseline();
    watch.expectUntouched(() => 'self-check');
  });

  it('playground.path refuses bad optimizer knobs with a SpecError naming the key (it used to throw a raw ZodError: HTTP 500)', async () => {
    const e = await bench.wb.call('playground.path', { surface: 'elongated', knobs: { optimizer: 1, lr: -1 }, start: [1, -1], steps: 1 }).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(SpecError);
    expect(isUserError(e)).toBe(true);
    expect(e?.message).toMatch(/^Invalid optimizer knobs:\n {2}- knobs\.optimizer: .*expected one of .*\n {2}- knobs\.lr: .*expected above 0, got /);
  });
});
