import { contextBridge, ipcRenderer } from 'electron';
import { IPC, isChannel } from '../../src-core/api/channels';
import type { IpcAnswer, KnobsBridge, MenuCommand, PushEvent } from '../../src-core/api/contract';

/** Subscribe to one IPC channel; returns the unsubscribe function (the page never sees the event object). */
function listen<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_e: unknown, value: T): void => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

/** The only thing the page sees: the contract, native dialogs and menu commands, never raw ipcRenderer. */
const bridge: KnobsBridge = {
  // Answers (errors too) come back as plain data: an Error thrown across the context bridge would lose its kind and issues.
  async call(channel, input) {
    if (!isChannel(channel)) return { ok: false, error: `Unknown request "${String(channel)}"`, kind: 'bad-input', issues: [] };
    return (await ipcRenderer.invoke(IPC.call, channel, input)) as IpcAnswer<never>;
  },
  onPush: (listener) => listen<PushEvent[]>(IPC.push, listener),
  dialogs: {
    openCsv: () => ipcRenderer.invoke(IPC.openCsv),
    saveText: (input) => ipcRenderer.invoke(IPC.saveText, { filename: input.filename, text: input.text }),
    saveBytes: (input) => ipcRenderer.invoke(IPC.saveBytes, { filename: input.filename, data: input.data }),
    openBundle: () => ipcRenderer.invoke(IPC.openBundle),
  },
  onMenu: (listener) => listen<MenuCommand>(IPC.menu, listener),
};

contextBridge.exposeInMainWorld('knobs', bridge);
