/**
 * The one typed contract between the engine and any UI, grouped by domain. Hosts (Electron IPC,
 * the HTTP server) and the renderer's client share it through `import type`; channel names are
 * derived from it (`"datasets.list"`), never typed twice.
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

/** Every request: domain → method → (input) => output. */
export interface Api {
  app: {
    info(input: void): { version: string; kernels: string[]; database: string };
  };
  datasets: {
    list(input: void): DatasetSummary[];
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
