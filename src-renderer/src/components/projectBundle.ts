import { useMessage } from 'naive-ui';
import { useRouter } from 'vue-router';
import { projectLink } from '../routes';
import { useApp } from '../stores/app';

/**
 * Export project… and Import project…, as every view offers them: the save or pick (a dialog in
 * Electron, a download or file input in a browser), then a message saying where it went or what
 * the import did (a renamed project or data set said in words), and the imported project opened.
 */
export function useProjectBundle(): { exportProject: (id: number, name: string) => Promise<void>; importProject: () => Promise<void> } {
  const app = useApp();
  const message = useMessage();
  const router = useRouter();
  return {
    async exportProject(id, name) {
      const where = await app.exportProject(id);
      if (where === undefined) return;
      if (where === null) return void message.info('Export cancelled: nothing was saved.');
      const browser = !/[/\\]/.test(where);
      message.success(browser ? `Downloaded the project “${name}” as ${where} (see your browser's downloads).` : `Saved the project “${name}” to ${where}.`, { duration: 6000 });
    },
    async importProject() {
      const r = await app.importProject();
      if (r === undefined) return;
      if (r === null) return void message.info('Import cancelled: nothing was imported.');
      const what = `Imported the project “${r.project.name}”: ${r.searches} search${r.searches === 1 ? '' : 'es'}, ${r.trials} trial${r.trials === 1 ? '' : 's'}${r.datasets.length ? `, ${r.datasets.length} data set${r.datasets.length === 1 ? '' : 's'}` : ''}.`;
      message.success([what, ...r.messages].join(' '), { duration: 10_000, closable: true });
      await router.push(projectLink(r.project.id));
    },
  };
}
