import type { Channel, InputOf, KnobsBridge, MenuCommand, OutputOf, PushEvent } from '../../src-core/api/contract';

/**
 * How the renderer reaches the Workbench: IPC inside Electron (window.knobs from the preload),
 * HTTP + server-sent events in a browser (`knobs serve`, token read from the URL). Only stores
 * (src-renderer/src/stores) import this module; ESLint refuses it anywhere else.
 */
export interface Transport {
  readonly host: 'electron' | 'browser';
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Listen to pushed events (delivered in batches); returns a function that stops listening. */
  subscribe(listener: (events: PushEvent[]) => void): () => void;
  /** Let the user pick a CSV file: a native dialog in Electron, a file input in a browser. */
  openCsv(): Promise<{ name: string; text: string } | null>;
  /** Save text as a file: a save dialog in Electron, a download in a browser. Resolves to where, or null when cancelled. */
  saveText(filename: string, text: string): Promise<string | null>;
  /** Menu commands (Electron's app menu); a browser gets them from keyboard shortcuts instead. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Base64 of bytes (chunked: String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Let the user pick a binary file (IDX images or labels) with a file input, in either host; resolves to its name and base64 bytes. */
export async function pickBinary(accept: string): Promise<{ name: string; size: number; base64: string } | null> {
  const file = await pickFile(accept);
  if (!file) return null;
  return { name: file.name, size: file.size, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** Offer text as a file download (browser mode). */
export function download(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A refused request: the engine's message, and each issue with the key path it is about (bad input). */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(message: string, readonly issues: string[] = [], readonly status = 0) {
    super(message);
  }
}

/** What a page says when the server refuses its token (restarted with a new one, or a link opened in another browser). */
export const TOKEN_REFUSED =
  'Knobs refused this page\'s token: the server was restarted (it prints a new URL each time) or this link was opened outside the browser session that opened Knobs. Open the URL "knobs serve" printed.';

function httpTransport(): Transport {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('knobs-token') ?? '';
  if (token) sessionStorage.setItem('knobs-token', token);
  if (params.has('token')) {
    // The URL carries the token once: take it out, keep the rest (a copied link then holds no secret; the session cookie and sessionStorage carry it).
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
  }
  return {
    host: 'browser',
    async call(channel, input) {
      let res: Response;
      try {
        res = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input ?? null),
        });
      } catch {
        throw new RequestError('Knobs is not reachable: is "knobs serve" still running?');
      }
      const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
      if (res.status === 401) throw new RequestError(TOKEN_REFUSED, [], 401);
      if (!res.ok) throw new RequestError(body.error ?? `HTTP ${res.status}`, Array.isArray(body.issues) ? body.issues : [], res.status);
      return body;
    },
    subscribe(listener) {
      const source = new EventSource('/api/events');
      source.onmessage = (m) => listener(JSON.parse(m.data) as PushEvent[]);
      return () => source.close();
    },
    async openCsv() {
      const file = await pickFile('.csv,.txt,text/csv');
      return file ? { name: file.name, text: await file.text() } : null;
    },
    async saveText(filename, text) {
      download(filename, text);
      return filename;
    },
    onMenu: () => () => {},
  };
}

function ipcTransport(bridge: KnobsBridge): Transport {
  return {
    host: 'electron',
    call: async (channel, input) => {
      try {
        return await bridge.call(channel, input);
      } catch (e) {
        const err = e as Error & { issues?: string[] };
        throw new RequestError(err.message, Array.isArray(err.issues) ? err.issues : []);
      }
    },
    subscribe: (listener) => bridge.onPush(listener),
    openCsv: () => bridge.dialogs.openCsv(),
    saveText: (filename, text) => bridge.dialogs.saveText({ filename, text }),
    onMenu: (listener) => bridge.onMenu(listener),
  };
}

/** The transport for this window. */
export function transport(): Transport {
  const bridge = (window as unknown as { knobs?: KnobsBridge }).knobs;
  return bridge ? ipcTransport(bridge) : httpTransport();
}

/** The shared transport. */
export const api = transport();
