import type { Channel, InputOf, OutputOf } from '../../src-core/api/contract';

/** How the renderer reaches the Workbench: IPC inside Electron, HTTP with the launch token in a browser. */
export interface Transport {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

interface Bridge {
  call(channel: string, input: unknown): Promise<unknown>;
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
  };
}

/** The transport for this window. */
export function transport(): Transport {
  const bridge = (window as unknown as { knobs?: Bridge }).knobs;
  if (bridge) return { call: (channel, input) => bridge.call(channel, input) as never };
  return httpTransport();
}
