import type { Api } from '../api/contract';
import { builtinDatasets } from '../data/builtin';
import { availableKernelPaths } from '../nn/kernels/index';

/** What a host needs to give the Workbench. */
export interface WorkbenchOptions {
  database: string;
  version: string;
}

/** Implements the contract over the engine; every host (IPC, HTTP) calls it the same way. */
export class Workbench {
  constructor(private readonly opts: WorkbenchOptions) {}

  /** The handlers of every channel, grouped by domain as in the contract. */
  readonly api: Api = {
    app: {
      info: () => ({ version: this.opts.version, kernels: availableKernelPaths(), database: this.opts.database }),
    },
    datasets: {
      list: () =>
        builtinDatasets().map((d) => ({
          name: d.name,
          rows: d.rows,
          features: d.features,
          classes: d.target_names,
          classCounts: d.class_counts,
          description: d.description,
          citation: d.citation,
        })),
    },
  };

  /** Dispatch "domain.method" with an input; unknown channels are an error naming the valid ones. */
  async call(channel: string, input: unknown): Promise<unknown> {
    const [domain, method] = channel.split('.');
    const group = (this.api as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[domain];
    const fn = group && Object.hasOwn(group, method) ? group[method] : undefined;
    if (!fn) throw new UnknownChannelError(channel, this.channels());
    return fn(input);
  }

  /** Every channel name. */
  channels(): string[] {
    return Object.entries(this.api).flatMap(([d, g]) => Object.keys(g).map((m) => `${d}.${m}`));
  }
}

/** A request for a channel the contract does not have. */
export class UnknownChannelError extends Error {
  constructor(channel: string, valid: string[]) {
    super(`Unknown request "${channel}" (valid: ${valid.join(', ')})`);
    this.name = 'BadInputError';
  }
}
