import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of DESIGN.md section 2, as import rules:
 * shared imports nothing of ours; core and renderer import shared; electron imports core and shared;
 * nothing imports electron/ or cli/. Core never imports electron or React; renderer never imports Node.
 */
const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

const notElectronOrCli = ['**/electron/**', '**/cli/**', '!**/node_modules/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: layer(['**/core/**', '**/renderer/**', '**/cli/**', '**/electron/**', 'electron', 'react', 'react-dom', 'node:*', 'better-sqlite3', 'mqtt'], 'src/shared is pure TypeScript used by every side: it imports nothing of ours but shared (DESIGN.md section 2).'),
  },
  {
    files: ['src/core/**'],
    languageOptions: { globals: globals.node },
    rules: layer(['**/renderer/**', ...notElectronOrCli, 'electron', 'react', 'react-dom', 'react/*'], 'src/core is Node only: it imports shared, never renderer, electron/, cli/, Electron or React (DESIGN.md section 2).'),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: layer(['**/core/**', ...notElectronOrCli, 'electron', 'node:*', 'better-sqlite3', 'mqtt', 'ws'], 'src/renderer runs in the browser: it imports shared, never core, electron/, cli/ or Node modules (DESIGN.md section 2).'),
  },
  {
    files: ['electron/**'],
    languageOptions: { globals: globals.node },
    rules: layer(['**/renderer/**', '**/cli/**'], 'electron/ imports core and shared only (DESIGN.md section 2).'),
  },
  {
    files: ['src/cli/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
);
