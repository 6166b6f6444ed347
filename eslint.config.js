import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The preload, the renderer and the shared modules they load bundle neither zod nor the gateway: they may import
    // types from them (the control calls' input and output types come from src/main/control/calls/), not values.
    files: ['src/preload/**', 'src/renderer/**', 'src/shared/control-api.ts', 'src/shared/control-bridge.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', allowTypeImports: true, message: 'Validation runs in main (src/main/control/calls/): import zod types only.' }],
          patterns: [{ group: ['**/main/**'], allowTypeImports: true, message: 'Import types only from the gateway: its code stays out of the preload and the panel.' }],
        },
      ],
    },
  },
  {
    // The web program also sees Node's types (through the calls' types), so the panel's code is kept off Node's globals here.
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({ name, message: 'The panel runs in a browser page: no Node globals.' }))],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The panel runs in a browser page: no Node modules.' }] }],
    },
  },
  {
    // The gateway is plain Node: it runs headless and in tests. Only the Electron shell may import electron.
    files: ['src/main/**', 'src/shared/**'],
    ignores: ['src/main/index.ts', 'src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Gateway modules must run on plain Node: import electron only in src/main/index.ts or src/main/electron/.' }] }],
    },
  },
);
