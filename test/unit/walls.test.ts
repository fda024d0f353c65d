// The three rooms' walls as eslint.config.js draws them (docs/ARCHITECTURE.md): the renderer imports
// nothing of the engine but the contract and the shared pure helpers, whether the path is relative or
// not; the engine never imports the UI's libraries; only the store opens the database. Each rule is
// checked by linting a line of code as if it stood in a file of that room.
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });

/** The no-restricted-imports messages for `code` placed at `file`. */
async function refused(code: string, file: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the walls between the rooms', () => {
  it('the renderer: the contract and the shared helpers pass; the store, the study loop and Node are refused, by any path', async () => {
    const view = 'src-renderer/src/model/x.ts';
    for (const ok of ['../../../src-core/api/contract', '../../../src-core/format', '../../../src-core/vocabulary', '../../../src-core/analysis/failures', '../../../src-core/analysis/best', '../../../src-core/search/around', '../../../src-core/search/trialSpec', '../../../src-core/api/trialText']) {
      expect(await refused(`import * as m from '${ok}';\nexport const x = m;\n`, view), ok).toEqual([]);
    }
    for (const bad of ['../../../src-core/store/store', '../../../src-core/search/study', '../../../src-core/analysis/forest', '../../../src-core/format/extra', 'node:fs', 'better-sqlite3', 'electron']) {
      expect((await refused(`import * as m from '${bad}';\nexport const x = m;\n`, view)).length, bad).toBe(1);
    }
  });

  it('only stores call the api; the engine imports no UI library; only src-core/store opens the database; only the desktop shell imports Electron', async () => {
    expect(await refused(`import { api } from '../api';\nexport const x = api;\n`, 'src-renderer/src/views/X.ts')).toHaveLength(1);
    expect(await refused(`import { api } from '../api';\nexport const x = api;\n`, 'src-renderer/src/stores/x.ts')).toEqual([]);
    expect(await refused(`import { ref } from 'vue';\nexport const x = ref;\n`, 'src-core/analysis/x.ts')).toHaveLength(1);
    expect(await refused(`import Database from 'better-sqlite3';\nexport const x = Database;\n`, 'src-core/service/x.ts')).toHaveLength(1);
    expect(await refused(`import Database from 'better-sqlite3';\nexport const x = Database;\n`, 'src-core/store/x.ts')).toEqual([]);
    // Electron only in the desktop shell.
    expect(await refused(`import { app } from 'electron';\nexport const x = app;\n`, 'src-main/cli/x.ts')).toHaveLength(1);
    expect(await refused(`import { app } from 'electron';\nexport const x = app;\n`, 'src-main/server/x.ts')).toHaveLength(1);
    expect(await refused(`import { app } from 'electron';\nexport const x = app;\n`, 'src-main/electron/x.ts')).toEqual([]);
  });
});

describe('the renderer\'s components stay readable', () => {
  it('every view and component is under 400 lines (docs/ARCHITECTURE.md): a longer one is split into sections or panels', () => {
    const root = join(__dirname, '..', '..', 'src-renderer', 'src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vue'));
    expect(files.length).toBeGreaterThan(30);
    const long = files.map((f) => [relative(root, join(root, f)), readFileSync(join(root, f), 'utf8').split('\n').length] as const).filter(([, n]) => n >= 400);
    expect(long).toEqual([]);
  });
});
