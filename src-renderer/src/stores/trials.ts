import { defineStore } from 'pinia';
import { shallowRef, triggerRef } from 'vue';
import type { PushEvent, TestEvaluation, TrialDetail, TrialDiagnostics } from '../../../src-core/api/contract';
import { api } from '../api';
import { useApp } from './app';

const key = (searchId: number, number: number): string => `${searchId}:${number}`;
const diagKey = (searchId: number, number: number, targetError: number | null): string => `${searchId}:${number}:${targetError ?? ''}`;

/**
 * One trial's detail (configuration, curves, notes, test evaluations) and diagnostics, fetched once
 * and shared by the trial drawer, the compare view and the curves; a trial that starts again or
 * finishes is fetched afresh when next asked for.
 */
export const useTrials = defineStore('trials', () => {
  const app = useApp();
  const details = shallowRef(new Map<string, TrialDetail>());
  const diagnostics = shallowRef(new Map<string, TrialDiagnostics>());
  const inflight = new Map<string, Promise<unknown>>();

  /** Fetch once: concurrent askers share the request. */
  function once<T>(k: string, cache: Map<string, T>, fetch: () => Promise<T>, refresh: () => void): Promise<T | undefined> {
    const have = cache.get(k);
    if (have) return Promise.resolve(have);
    const pending = inflight.get(k) as Promise<T | undefined> | undefined;
    if (pending) return pending;
    const p = app
      .guard(fetch)
      .then((v) => {
        if (v !== undefined) {
          cache.set(k, v);
          refresh();
        }
        return v;
      })
      .finally(() => inflight.delete(k));
    inflight.set(k, p);
    return p;
  }

  /** A trial's detail, fetched when not cached. */
  const detail = (searchId: number, number: number): Promise<TrialDetail | undefined> =>
    once(key(searchId, number), details.value, () => api.call('trials.get', { searchId, number }), () => triggerRef(details));

  /** Fetch a trial's detail again, keeping the cached one shown until the new one lands (a trial another process trains). */
  async function refresh(searchId: number, number: number): Promise<TrialDetail | undefined> {
    const d = await app.guard(() => api.call('trials.get', { searchId, number }));
    if (d) {
      details.value.set(key(searchId, number), d);
      triggerRef(details);
    }
    return d;
  }

  /** The cached detail (reactive; undefined until fetched). */
  const cachedDetail = (searchId: number, number: number): TrialDetail | undefined => details.value.get(key(searchId, number));

  /** A trial's diagnostics, read against the error you would accept (targetError 0–1, or null for none). */
  const diagnosticsOf = (searchId: number, number: number, targetError: number | null = null): Promise<TrialDiagnostics | undefined> =>
    once(diagKey(searchId, number, targetError), diagnostics.value, () => api.call('trials.diagnostics', { searchId, number, ...(targetError !== null ? { targetError } : {}) }), () => triggerRef(diagnostics));

  const cachedDiagnostics = (searchId: number, number: number, targetError: number | null = null): TrialDiagnostics | undefined =>
    diagnostics.value.get(diagKey(searchId, number, targetError));

  /** Forget what is cached of one trial (it started again, or finished); with `refetch`, what was cached is fetched again for those showing it. */
  function forget(searchId: number, number: number, refetch = false): void {
    const prefix = key(searchId, number);
    const hadDetail = details.value.delete(prefix);
    if (hadDetail) triggerRef(details);
    const targets: (number | null)[] = [];
    for (const k of [...diagnostics.value.keys()]) {
      if (!k.startsWith(`${prefix}:`)) continue;
      diagnostics.value.delete(k);
      const t = k.slice(prefix.length + 1);
      targets.push(t === '' ? null : Number(t));
    }
    if (targets.length > 0) triggerRef(diagnostics);
    if (!refetch) return;
    if (hadDetail) void detail(searchId, number);
    for (const t of targets) void diagnosticsOf(searchId, number, t);
  }

  app.onEvents((events: PushEvent[]) => {
    for (const e of events) if (e.type === 'trialStarted' || e.type === 'trialFinished') forget(e.searchId, e.number, true);
  });

  async function setNotes(searchId: number, number: number, notes: string): Promise<boolean> {
    const r = await app.guard(() => api.call('trials.setNotes', { searchId, number, notes }));
    if (!r) return false;
    const d = details.value.get(key(searchId, number));
    if (d) {
      details.value.set(key(searchId, number), { ...d, notes: r.notes });
      triggerRef(details);
    }
    return true;
  }

  /** Replace a trial's tags; false when refused (the banner says why). */
  async function setTags(searchId: number, number: number, tags: string[]): Promise<boolean> {
    const r = await app.guard(() => api.call('trials.setTags', { searchId, number, tags }));
    if (!r) return false;
    const d = details.value.get(key(searchId, number));
    if (d) {
      details.value.set(key(searchId, number), { ...d, tags: r.tags });
      triggerRef(details);
    }
    return true;
  }

  /** Train the trial again and evaluate it on the test split; throws with the engine's message. */
  async function evaluateTest(searchId: number, number: number, again: boolean): Promise<TestEvaluation> {
    const e = await api.call('trials.evaluateTest', { searchId, number, again });
    forget(searchId, number);
    await detail(searchId, number);
    return e;
  }

  return { details, diagnostics, detail, refresh, cachedDetail, diagnosticsOf, cachedDiagnostics, forget, setNotes, setTags, evaluateTest };
});
