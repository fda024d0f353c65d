import { defineStore } from 'pinia';
import { shallowRef, triggerRef } from 'vue';
import type { CsvPreviewResult, DatasetPreview, DatasetSummary, ImageSamples } from '../../../src-core/api/contract';
import { api, pickBinary } from '../api';
import { useApp } from './app';

/** A data set's first rows and sample images (fetched once each), and importing and removing data sets. */
export const useDatasets = defineStore('datasets', () => {
  const app = useApp();
  const previews = shallowRef(new Map<string, DatasetPreview>());
  const images = shallowRef(new Map<string, ImageSamples>());

  /** A data set's first rows and class balance (cached). */
  async function preview(name: string): Promise<DatasetPreview | undefined> {
    const have = previews.value.get(name);
    if (have) return have;
    const p = await app.guard(() => api.call('datasets.preview', { name }));
    if (p) {
      previews.value.set(name, p);
      triggerRef(previews);
    }
    return p;
  }

  /** Sample images of an image data set (cached). */
  async function samples(name: string, count = 40): Promise<ImageSamples | undefined> {
    const have = images.value.get(name);
    if (have) return have;
    const s = await app.guard(() => api.call('datasets.images', { name, count }));
    if (s) {
      images.value.set(name, s);
      triggerRef(images);
    }
    return s;
  }

  /** Let the user pick a CSV file (a native dialog in Electron, a file input in a browser). */
  const chooseCsv = (): Promise<{ name: string; text: string } | null> => api.openCsv();
  /** Let the user pick an IDX file; resolves to its name, size and base64 bytes. */
  const chooseBinary = (accept: string): Promise<{ name: string; size: number; base64: string } | null> => pickBinary(accept);

  /** Read a CSV's header, kinds and first rows (throws with the message naming the row and column). */
  /** A CSV's preview; `exclude` given, its missing rows are counted without those columns (else without the proposed ones). */
  const previewCsv = (text: string, target?: string, exclude?: string[], notMissing?: string[]): Promise<CsvPreviewResult> =>
    api.call('datasets.previewCsv', { text, ...(target !== undefined ? { target } : {}), ...(exclude ? { exclude } : {}), ...(notMissing?.length ? { notMissing } : {}) });

  /** Import a CSV (throws with the engine's message); the sidebar then lists it. */
  async function importCsv(input: { name: string; text: string; target: string; task: 'classification' | 'regression'; exclude?: string[]; missing?: 'drop'; notMissing?: string[] }): Promise<DatasetSummary> {
    const d = await api.call('datasets.importCsv', input);
    await app.loadAll();
    return d;
  }

  /** Import IDX images and labels (throws with the engine's message). */
  async function importIdx(input: { name: string; images: string; labels: string }): Promise<DatasetSummary> {
    const d = await api.call('datasets.importIdx', input);
    await app.loadAll();
    return d;
  }

  /** Forget an imported data set; true when done. */
  async function remove(id: number): Promise<boolean> {
    const done = Boolean(await app.guard(() => api.call('datasets.delete', { id })));
    if (done) await app.loadAll();
    return done;
  }

  return { previews, images, preview, samples, chooseCsv, chooseBinary, previewCsv, importCsv, importIdx, remove };
});
