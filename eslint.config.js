// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

// The layering (STYLE "Layering", issue #12 step 2) as rules, so that `npm run check` fails on a violation.
// Paths are relative to this file; a glob `from` needs glob exceptions (import-x/no-restricted-paths).
const routesZone = {
  target: 'server/features/**/*.routes.ts',
  from: 'server/features/**/*.repository.ts',
  message:
    'Routes call services; only services and repositories reach the SQL (routes → services → repositories).',
};
const otherZones = [
  {
    target: 'server/features',
    from: 'server/pipeline',
    // The one public entry: the upload API runs a 5W sheet through the same import transaction and file
    // readers as `npm run import` (issue #11 item 10), so that both read and write a sheet alike.
    except: ['./import-batch.ts', './parse'],
    message: 'Features do not use pipeline internals; shared vocabulary lives in server/db or server/shared.',
  },
  {
    target: 'server/shared',
    from: 'server/features',
    message: 'Shared code is what features build on; it must not depend on one of them.',
  },
  {
    target: 'server/model',
    from: ['server/db', 'server/features', 'server/pipeline', 'server/shared'],
    message:
      'The model is pure domain math, importable by the web client too: no database, features or pipeline.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', '.atlas/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // .svelte files are read too (their <script lang="ts"> through typescript-eslint), so that the web zones below
  // hold in components, not only in .ts files.
  ...svelte.configs['flat/base'],
  {
    files: ['web/src/**/*.svelte', 'web/src/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    // TypeScript (svelte-check) already checks names; ESLint's no-undef knows no DOM or TypeScript globals.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['server/**/*.ts', 'web/src/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads the files an import leads to (no-cycle follows them): the plugin's TypeScript preset.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [routesZone, ...otherZones] }],
      // Type-only imports are skipped by the rule: they vanish at run time and cannot form a loading circle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Components and map layers get their data from state classes and never fetch (STYLE "Layering": components
    // → state → api). Types from the API are welcome. A typescript-eslint rule, because
    // import-x/no-restricted-paths has no type-only exception (4.18).
    files: ['web/src/lib/components/**', 'web/src/lib/map/**', 'web/src/lib/views/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api(/|$)',
              allowTypeImports: true,
              message:
                'Components and map layers read state; only state classes call the API (import type is fine).',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time and typed Kysely<any> on purpose (STYLE §4: Kysely docs).
    files: ['server/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
