import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The rooms of the code and what each may import: the contract in src/lib/core is the only door. */
const boundaries = [
  {
    // The engine (worker and CLI runtime) sees only the contract, never the app's internals.
    files: ['workers/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    patterns: [
      {
        group: ['**/src/lib/*', '!**/src/lib/core', '**/src/lib/!(core)/**'],
        message: 'workers/ imports only src/lib/core (the contract).',
      },
    ],
  },
  {
    // The app talks to the engine through the contract and a worker URL, never by importing it.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    patterns: [
      { group: ['**/workers/**'], message: 'src/ reaches the engine through src/lib/core, not by importing workers/.' },
    ],
  },
  {
    // The contract depends on nothing of ours.
    files: ['src/lib/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [{ group: ['../*', '!./*'], message: 'src/lib/core imports nothing outside itself.' }],
  },
];

export default ts.config(
  {
    ignores: [
      '.scratch/',
      'dist/',
      'dist-cli/',
      'node_modules/',
      'fixtures/',
      'static/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.svelte.ts', '.js', '.svelte', '.json'] })],
      // Cycles are traced through TypeScript modules; components sit at the leaves of the graph.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/ignore': ['\\.svelte$'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...boundaries.map(({ files, ignores, patterns }) => ({
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
);
