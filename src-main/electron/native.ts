import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 build for this Electron (ABI differs from Node's), kept beside the Node build
 * so neither needs a rebuild: `native/electron-<version>-<platform>-<arch>/better_sqlite3.node`
 * under the app root (fetched by `node src-main/electron/fetch-native.mjs`). Undefined when
 * not running under Electron or when no such build exists (better-sqlite3 then loads its default).
 */
export function electronNativeBinding(root: string, versions: NodeJS.ProcessVersions = process.versions, platform = process.platform, arch = process.arch): string | undefined {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  if (!electron) return undefined;
  const file = join(root, 'native', `electron-${electron}-${platform}-${arch}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
