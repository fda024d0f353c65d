import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { ExperimentInfo, ExperimentOutcome, PathResult, SearchSummary, SurfaceInfo } from '../../../src-core/api/contract';
import { api } from '../api';
import { useApp } from './app';

/** The experiments (one click, ordinary searches) and the optimizer playground's surfaces and paths. */
export const useLearn = defineStore('learn', () => {
  const app = useApp();
  const experiments = shallowRef<ExperimentInfo[]>([]);
  const surfaces = shallowRef<SurfaceInfo[]>([]);

  async function loadExperiments(): Promise<ExperimentInfo[]> {
    if (experiments.value.length === 0) experiments.value = (await app.guard(() => api.call('experiments.list', undefined))) ?? [];
    return experiments.value;
  }

  /** Create an experiment's searches and start them; resolves to them (empty when refused). */
  async function runExperiment(id: string): Promise<SearchSummary[]> {
    const created = (await app.guard(() => api.call('experiments.run', { id }))) ?? [];
    if (created.length > 0) await app.loadAll();
    return created;
  }

  /** What the latest run of an experiment shows (its progress while it runs; null when never run). */
  const outcome = async (id: string): Promise<ExperimentOutcome | null> => (await app.guard(() => api.call('experiments.outcome', { id }))) ?? null;

  async function loadSurfaces(): Promise<SurfaceInfo[]> {
    if (surfaces.value.length === 0) surfaces.value = (await app.guard(() => api.call('playground.surfaces', undefined))) ?? [];
    return surfaces.value;
  }

  /** An optimizer's path over a surface (throws with the engine's message, e.g. for a bad knob). */
  const path = (surface: SurfaceInfo['id'], knobs: Record<string, unknown>, start: [number, number], steps: number): Promise<PathResult> =>
    api.call('playground.path', { surface, knobs, start, steps });

  return { experiments, surfaces, loadExperiments, runExperiment, outcome, loadSurfaces, path };
});
