import type { ApiError, Channel, ErrorKind, InputOf, Issue, KnobsBridge, OutputOf } from '../../../src-core/api/contract';

/**
 * A refused or failed request, as the renderer's api client throws it, whichever host answered
 * (Electron IPC or `knobs serve` over HTTP): the engine's message, its kind, and the issues that
 * point at the input's fields (`path` such as `name` or `train.lr`), so a form can show each
 * message beside its field.
 *
 * @example
 *   try { await api.call('projects.rename', { id, name }) }
 *   catch (e) { if (e instanceof ApiCallError) nameError.value = e.issueAt('name')?.message ?? e.message }
 */
export class ApiCallError extends Error {
  readonly kind: ErrorKind;
  readonly issues: Issue[];
  readonly channel: string;
  /** The HTTP status of the answer (0 over IPC, or when the server was not reached). */
  readonly status: number;
  constructor(channel: string, data: ApiError, status = 0) {
    // A person reads the message: the engine's "Invalid input for projects.create: " names a channel, not anything on screen.
    const prefix = `Invalid input for ${channel}: `;
    super(data.kind === 'bad-input' && data.error.startsWith(prefix) ? data.error.slice(prefix.length) : data.error);
    this.name = 'ApiCallError';
    this.channel = channel;
    this.kind = data.kind;
    this.issues = data.issues;
    this.status = status;
  }

  /** The first issue about a field (its path, or a path under it such as `train` for `train.lr`). */
  issueAt(path: string): Issue | undefined {
    return this.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  }
}

/** An error answer from a host, checked field by field (a host too old or a proxy may send something else). */
export function apiErrorOf(body: unknown, fallback: string): ApiError {
  const b = (body ?? {}) as Partial<Record<keyof ApiError, unknown>>;
  const issues = Array.isArray(b.issues)
    ? b.issues.filter((i): i is Issue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string')
    : [];
  const kinds: readonly string[] = ['bad-input', 'not-found', 'store', 'cancelled', 'internal'] satisfies ErrorKind[];
  return {
    error: typeof b.error === 'string' && b.error ? b.error : fallback,
    kind: typeof b.kind === 'string' && kinds.includes(b.kind) ? (b.kind as ErrorKind) : 'internal',
    issues,
  };
}

/** A call function of the contract. */
export type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

/** What a page says when the server refuses its token (restarted with a new one, or a link opened in another browser). */
export const TOKEN_REFUSED =
  'Knobs refused this page\'s token: the server was restarted (it prints a new URL each time) or this link was opened outside the browser session that opened Knobs. Open the URL "knobs serve" printed.';

/**
 * Calls over HTTP to `knobs serve` at `base` (ending with a slash: `/` in the page); the token, when
 * there is one, goes in the Authorization header (else the session cookie carries it). Refusals
 * throw ApiCallError; a refused token says how to get back in.
 */
export function httpCall(base: string, token: string, fetchFn: typeof fetch = fetch): Call {
  return async (channel, input) => {
    let res: Response;
    try {
      res = await fetchFn(`${base}api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? null),
      });
    } catch {
      throw new ApiCallError(channel, { error: 'Knobs is not reachable: is "knobs serve" still running?', kind: 'internal', issues: [] });
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 401) throw new ApiCallError(channel, { error: TOKEN_REFUSED, kind: 'bad-input', issues: [] }, 401);
    if (!res.ok) throw new ApiCallError(channel, apiErrorOf(body, `HTTP ${res.status}`), res.status);
    return body as never;
  };
}

/**
 * Calls over the Electron preload's bridge; refusals (answered as data) throw ApiCallError. The
 * input crosses as the JSON that HTTP sends: the context bridge and IPC copy arguments with the
 * structured clone, which refuses a Vue reactive value (a Proxy: "An object could not be cloned"),
 * and the stores hand such values on (the compared searches' ids); JSON also drops what HTTP
 * drops (undefined fields), so both hosts see the same input.
 */
export function ipcCall(bridge: Pick<KnobsBridge, 'call'>): Call {
  return async (channel, input) => {
    const r = await bridge.call(channel, JSON.parse(JSON.stringify(input ?? null)) as typeof input);
    if (!r.ok) throw new ApiCallError(channel, apiErrorOf(r, 'The request failed'));
    return r.value;
  };
}
