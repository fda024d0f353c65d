import type { Channel, InputOf, OutputOf, PushEvent } from '../../src-core/api/contract';

/** How the renderer reaches the Workbench: IPC inside Electron, HTTP + server-sent events in a browser. */
export interface Transport {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Listen to pushed events (delivered in batches); returns a function that stops listening. */
  subscribe(listener: (events: PushEvent[]) => void): () => void;
}

interface Bridge {
  call(channel: string, input: unknown): Promise<unknown>;
  onPush(listener: (event: unknown) => void): () => void;
}

function httpTransport(): Transport {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('knobs-token') ?? '';
  if (token) sessionStorage.setItem('knobs-token', token);
  return {
    async call(channel, input) {
      const res = await fetch(`api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? null),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body;
    },
    subscribe(listener) {
      const source = new EventSource('api/events');
      source.onmessage = (m) => listener(JSON.parse(m.data) as PushEvent[]);
      return () => source.close();
    },
  };
}

/** The transport for this window. */
export function transport(): Transport {
  const bridge = (window as unknown as { knobs?: Bridge }).knobs;
  if (bridge) {
    return {
      call: (channel, input) => bridge.call(channel, input) as never,
      subscribe: (listener) => bridge.onPush((e) => listener([e as PushEvent])),
    };
  }
  return httpTransport();
}

/** The shared transport. */
export const api = transport();
