import { contextBridge, ipcRenderer } from 'electron';

/** The only thing the page sees: one call into the contract, never raw ipcRenderer. */
const bridge = {
  async call(channel: string, input: unknown): Promise<unknown> {
    const r = (await ipcRenderer.invoke('knobs:call', channel, input)) as { ok: boolean; value?: unknown; error?: string };
    if (!r.ok) throw new Error(r.error);
    return r.value;
  },
};

contextBridge.exposeInMainWorld('knobs', bridge);
export type KnobsBridge = typeof bridge;
