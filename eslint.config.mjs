import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only src/main/electron may import electron.' };

/**
 * The adapters that host main's domains. A domain never imports one: it would then run
 * only under that host, and the hosts could no longer share it.
 */
const noAdapters = {
  group: ['**/cli', '**/cli/**', '**/host', '**/host/**', '**/electron/**'],
  message: 'A domain under src/main never imports an adapter (cli/, electron/, host/): pass it what it needs instead.',
};

/**
 * The renderer and the preload never load a validator: zod and the contract's schemas stay in main.
 * From the schema modules they take types only (`import type`); the names come from
 * shared/contract-names.ts and constants from shared/request-basics.ts and shared/credential-basics.ts.
 */
const noSchemas = {
  paths: [{ name: 'zod', message: 'zod stays in main: the renderer and the preload load no validator.' }],
  patterns: [
    {
      regex: '(^|/)shared/(contract|model|collection|api/[^/]+)$',
      allowTypeImports: true,
      message:
        'Schema module: take its types with `import type`; names come from shared/contract-names, constants from shared/request-basics or shared/credential-basics.',
    },
  ],
};

/** How import-x reads TypeScript sources: which files are modules, which parser reads them, how paths resolve. */
const importSettings = {
  'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
  'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
  'import-x/resolver-next': [createTypeScriptImportResolver()],
};

/** Renderer feature folders; `common/` is the one every feature may use. */
const features = readdirSync(join(import.meta.dirname, 'src/renderer'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'common')
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use nothing from it.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // The domains: everything in main but the adapters and the composition root (app.ts).
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/cli/**', 'src/main/electron/**', 'src/main/host/**', 'src/main/app.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noAdapters] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron'], message: 'src/shared stays free of Node and Electron.' }] },
      ],
    },
  },
  // Renderer features talk through common/ and the stores, never through each other's components.
  // (Tests may assemble several features' components the way App.tsx does.)
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/**/*.test.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: features.map((feature) => ({
            target: `./src/renderer/${feature}`,
            from: features.filter((other) => other !== feature).map((other) => `./src/renderer/${other}/**/*.tsx`),
            message: 'A feature uses another feature through common/ or a store, not through its components.',
          })),
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', 'src/renderer/test/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', noSchemas] },
  },
  // No import cycles anywhere in src: each module can be read after the ones it imports.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
