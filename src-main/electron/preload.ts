import { contextBridge, ipcRenderer } from 'electron';

/** The only thing the page sees: one call into the contract, never raw ipcRenderer. */
const bridge = {
  async call(channel: string, input: unknown): Promise<unknown> {
    const r = (await ipcRenderer.invoke('knobs:call', channel, input)) as { ok: boolean; value?: unknown; error?: string };
    if (!r.ok) throw new Error(r.error);
    return r.value;
  },
  /** Listen to pushed events; returns a function that stops listening. */
  onPush(listener: (event: unknown) => void): () => void {
    const wrapped = (_e: unknown, event: unknown): void => listener(event);
    ipcRenderer.on('knobs:push', wrapped);
    return () => ipcRenderer.removeListener('knobs:push', wrapped);
  },
};

contextBridge.exposeInMainWorld('knobs', bridge);
export type KnobsBridge = typeof bridge;
