/**
 * The one typed contract between the engine and any UI, grouped by domain. Hosts (Electron IPC,
 * the HTTP server) and the renderer's client share it through `import type`; channel names are
 * derived from it (`"datasets.list"`), never typed twice. Inputs are validated at every host
 * boundary with the zod schemas in `schemas.ts`.
 */

/** A built-in data set as the UI lists it. */
export interface DatasetSummary {
  name: string;
  rows: number;
  features: number;
  classes: string[];
  classCounts: number[];
  description: string;
  citation: string;
}

/** A project with its searches' count. */
export interface ProjectSummary {
  id: number;
  name: string;
  notes: string;
  createdAt: string;
  searches: number;
}

/** Trial counts by status. */
export type StatusCounts = Partial<Record<'queued' | 'running' | 'complete' | 'early_stopped' | 'diverged' | 'failed' | 'cancelled' | 'interrupted', number>>;

/** A search as lists and headers show it. */
export interface SearchSummary {
  id: number;
  projectId: number;
  project: string;
  name: string;
  status: 'queued' | 'running' | 'paused' | 'complete' | 'cancelled' | 'failed' | 'interrupted';
  strategy: string;
  metric: string;
  direction: 'minimize' | 'maximize';
  plannedTrials: number;
  counts: StatusCounts;
  best: number | null;
  stopReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One trial row (metrics at its best epoch). */
export interface TrialSummary {
  id: number;
  number: number;
  round: number;
  status: string;
  knobs: Record<string, unknown>;
  seed: number;
  objective: number | null;
  bestEpoch: number | null;
  stoppedEpoch: number | null;
  stopReason: string | null;
  trainLoss: number | null;
  valLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  durationS: number | null;
  error: string | null;
}

/** A search's curves in columns: one entry per stored epoch. */
export interface Curves {
  trial: number[];
  fold: number[];
  epoch: number[];
  trainLoss: (number | null)[];
  valLoss: (number | null)[];
  trainAccuracy: (number | null)[];
  valAccuracy: (number | null)[];
  lr: (number | null)[];
}

/** Events pushed to every attached UI. */
export type PushEvent =
  | { type: 'roundStarted'; searchId: number; round: number; box: unknown }
  | { type: 'trialStarted'; searchId: number; trialId: number; number: number; round: number; knobs: Record<string, unknown> }
  | { type: 'epoch'; searchId: number; trialId: number; number: number; epoch: number; fold: number; trainLoss: number; valLoss: number; valAccuracy: number | null }
  | { type: 'trialFinished'; searchId: number; trialId: number; number: number; status: string; objective: number | null; error: string | null }
  | { type: 'searchFinished'; searchId: number; status: string; stopReason: string };

/** Every request: domain → method → (input) => output. */
export interface Api {
  app: {
    info(input: void): { version: string; kernels: string[]; database: string };
  };
  datasets: {
    list(input: void): DatasetSummary[];
  };
  projects: {
    list(input: void): ProjectSummary[];
    create(input: { name: string }): ProjectSummary;
    rename(input: { id: number; name: string }): ProjectSummary;
    setNotes(input: { id: number; notes: string }): ProjectSummary;
    delete(input: { id: number }): { deleted: number };
  };
  searches: {
    list(input: { projectId?: number }): SearchSummary[];
    get(input: { id: number }): SearchSummary & { spec: unknown; rounds: { round: number; box: unknown }[] };
    create(input: { spec: unknown; start?: boolean }): SearchSummary;
    start(input: { id: number }): SearchSummary;
    stop(input: { id: number }): SearchSummary;
    pause(input: { id: number }): SearchSummary;
  };
  trials: {
    list(input: { searchId: number }): TrialSummary[];
    curves(input: { searchId: number }): Curves;
  };
  export: {
    trialsCsv(input: { searchId: number }): { filename: string; csv: string };
    curvesCsv(input: { searchId: number }): { filename: string; csv: string };
  };
}

/** "domain.method" names of every request. */
export type Channel = { [D in keyof Api]: `${D & string}.${keyof Api[D] & string}` }[keyof Api];
type Fn<C extends Channel> = C extends `${infer D}.${infer M}`
  ? D extends keyof Api
    ? M extends keyof Api[D]
      ? Api[D][M]
      : never
    : never
  : never;
/** The input type of a channel. */
export type InputOf<C extends Channel> = Fn<C> extends (input: infer I) => unknown ? I : never;
/** The output type of a channel. */
export type OutputOf<C extends Channel> = Fn<C> extends (input: never) => infer O ? O : never;

/** Errors cross hosts as this shape; `message` is written for the user. */
export interface ApiError {
  error: string;
  issues?: string[];
}
