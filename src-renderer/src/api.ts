import type { Channel, InputOf, KnobsBridge, MenuCommand, OutputOf, PushEvent } from '../../src-core/api/contract';
import { base64Of, bytesOf } from '../../src-core/api/floats';
import { httpCall, ipcCall } from './model/client';
import { textOfFile } from '../../src-core/textFile';

export { ApiCallError, TOKEN_REFUSED } from './model/client';

/**
 * How the renderer reaches the Workbench: IPC inside Electron (window.knobs from the preload),
 * HTTP + server-sent events in a browser (`knobs serve`, token read from the URL). Only stores
 * (src-renderer/src/stores) import this module; ESLint refuses it anywhere else. A refused request
 * throws an ApiCallError (its message, its kind, and the issues that name the input's fields),
 * whichever host answered.
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
  /** Save bytes (base64) as a file, e.g. a project bundle: a save dialog in Electron, a download in a browser. Resolves to where, or null when cancelled. */
  saveBytes(filename: string, data: string): Promise<string | null>;
  /** Let the user pick a project bundle (.knobs): a native dialog in Electron, a file input in a browser; its name and bytes (base64). */
  openBundle(): Promise<{ name: string; data: string } | null>;
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

/** Let the user pick a binary file (IDX images or labels) with a file input, in either host; resolves to its name and base64 bytes. */
export async function pickBinary(accept: string): Promise<{ name: string; size: number; base64: string } | null> {
  const file = await pickFile(accept);
  if (!file) return null;
  return { name: file.name, size: file.size, base64: base64Of(new Uint8Array(await file.arrayBuffer())) };
}

/** Offer text as a file download (browser mode). */
export function download(filename: string, text: string | Uint8Array<ArrayBuffer>, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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
    call: httpCall('/', token),
    subscribe(listener) {
      const source = new EventSource('/api/events');
      source.onmessage = (m) => listener(JSON.parse(m.data) as PushEvent[]);
      return () => source.close();
    },
    async openCsv() {
      const file = await pickFile('.csv,.txt,text/csv');
      return file ? { name: file.name, text: textOfFile(file.name, new Uint8Array(await file.arrayBuffer())) } : null;
    },
    async saveText(filename, text) {
      download(filename, text);
      return filename;
    },
    async saveBytes(filename, data) {
      download(filename, bytesOf(data), 'application/octet-stream');
      return filename;
    },
    async openBundle() {
      const file = await pickBinary('.knobs,application/octet-stream,application/vnd.sqlite3');
      return file ? { name: file.name, data: file.base64 } : null;
    },
    onMenu: () => () => {},
  };
}

function ipcTransport(bridge: KnobsBridge): Transport {
  return {
    host: 'electron',
    call: ipcCall(bridge),
    subscribe: (listener) => bridge.onPush(listener),
    async openCsv() {
      const file = await bridge.dialogs.openCsv();
      return file ? { name: file.name, text: textOfFile(file.name, bytesOf(file.data)) } : null;
    },
    saveText: (filename, text) => bridge.dialogs.saveText({ filename, text }),
    saveBytes: (filename, data) => bridge.dialogs.saveBytes({ filename, data }),
    openBundle: () => bridge.dialogs.openBundle(),
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
