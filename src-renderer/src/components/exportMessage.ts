import type { MessageApi } from 'naive-ui';

/** Tell the user where an export went: saved (Electron) or downloaded (browser), cancelled, or nothing (the error banner already says why). */
export function exportMessage(message: MessageApi, result: { where: string; rows: number } | null | undefined, what: 'trials' | 'curves' | 'classes' | 'rows' | 'chart'): void {
  if (result === undefined) return;
  if (result === null) {
    message.info('Export cancelled: nothing was saved.');
    return;
  }
  const rows = what === 'chart' ? 'the chart' : what === 'trials' ? `${result.rows} trial${result.rows === 1 ? '' : 's'}`
    : what === 'classes' ? `the confusion of ${result.rows} classes`
      : what === 'curves' ? `${result.rows} epoch rows` : `${result.rows} row${result.rows === 1 ? '' : 's'}`;
  const browser = !/[/\\]/.test(result.where);
  message.success(browser ? `Downloaded ${rows} as ${result.where} (see your browser's downloads).` : `Saved ${rows} to ${result.where}.`, { duration: 5000 });
}
