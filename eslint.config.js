import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

/** better-sqlite3 belongs to src-core/store (tests may open a file as another program would, to check what is on disk). */
const SQLITE = { group: ['better-sqlite3'], message: 'Only src-core/store opens the database: use the Store and its repositories.' };
/**
 * The engine's files the renderer may import: the contract, and the pure, dependency-free helpers
 * it shares with the engine (tsconfig.web.json type-checks each with the renderer, in the browser's
 * lib, so none can reach Node). Any other path into src-core, relative ("../../../src-core/store/…")
 * or not, is refused.
 */
const SHARED_CORE = ['api/[^/]+', 'vocabulary', 'errors', 'format', 'textFile', 'stretches', 'columns', 'analysis/(marginal|failures|best|chance|predictions|classes|threshold)', 'search/(around|trialSpec)'];
const ENGINE = { regex: `(^|/)src-core/(?!(${SHARED_CORE.join('|')})(\\.ts)?$)`, message: 'The renderer never imports Node or the engine: only the contract and the shared pure helpers (SHARED_CORE in eslint.config.js, and tsconfig.web.json).' };

/** The engine never imports Electron or the renderer's libraries. */
const UI = { group: ['electron', 'vue', 'pinia', 'echarts', 'naive-ui'], message: 'The engine (src-core) never imports Electron or UI code.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'resources/**', 'kernels/build/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/no-v-html': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['src-core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [UI, SQLITE] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded RNG (src-core/util/rng.ts).' }],
    },
  },
  {
    // The storage owns the database connection: everything else reads and writes through its repositories.
    files: ['src-core/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [UI] }] },
  },
  {
    files: ['src-main/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SQLITE] }] },
  },
  {
    // Electron belongs to the desktop shell: the CLI and the browser host run where it cannot even be installed.
    files: ['src-main/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SQLITE, { group: ['electron'], message: 'Only src-main/electron imports Electron: the CLI and knobs serve run without it.' }] }] },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'better-sqlite3', 'electron'], message: 'The renderer never imports Node or the engine: only the contract (import type).' },
          ENGINE,
          { regex: '(^|/)src-renderer/src/api(\\.ts)?$|^\\.{1,2}(/\\.\\.)*/api(\\.ts)?$', message: 'Only stores (src-renderer/src/stores) call the API: use a store.' },
        ],
      }],
    },
  },
  {
    // Stores are where requests are made; api.ts itself is the transport.
    files: ['src-renderer/src/stores/**/*.ts', 'src-renderer/src/api.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'better-sqlite3', 'electron'], message: 'The renderer never imports Node.' }, ENGINE] }],
    },
  },
);
