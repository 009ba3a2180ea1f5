import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'coverage/', 'node_modules/', 'test/fixtures/', 'test/.tmp/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware rules that catch real bugs in async I/O code: a promise nobody awaits loses its
    // rejection (and so a finding or an error), and a promise passed where a plain callback is
    // expected (an event handler, a condition) is never awaited.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Core judgement stays pure: no I/O, no clock, no GitHub.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*', 'dns2', 'node:net', 'node:tls', 'node:dns', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:child_process'], message: 'src/core is pure: do I/O in an adapter' },
          ],
        },
      ],
    },
  },
);
