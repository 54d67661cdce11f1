// Typed lint over the whole project. The engine is pure: it may import only itself and tldts/punycode
// (see docs/engine.md "Purity"); the rule below is the dependency check that keeps it so.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
      }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // Tests take assert from src/test-assert.ts: node's, but a check without a message cannot hang there (see it).
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/test-assert.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:assert', 'node:assert/strict', 'assert', 'assert/strict'].map((name) => ({ name, message: 'import assert from src/test-assert.ts' })),
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'dns', 'child_process', 'os', 'url'], message: 'the engine is pure: no I/O modules' },
          { group: ['../*', '!../errors.js'], message: 'the engine imports nothing from the rest of hookwatch but the error registry' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'Date', 'fetch', 'require'],
    },
  },
  {
    // The UI shows attackers' text: it is only ever set as text (web/lib/dom.ts). No HTML parsing of strings.
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'untrusted data: build elements with h() (web/lib/dom.ts)' },
        { property: 'outerHTML', message: 'untrusted data: build elements with h() (web/lib/dom.ts)' },
        { property: 'insertAdjacentHTML', message: 'untrusted data: build elements with h() (web/lib/dom.ts)' },
        { object: 'document', property: 'write', message: 'untrusted data: build elements with h() (web/lib/dom.ts)' },
        { property: 'createContextualFragment', message: 'untrusted data: build elements with h() (web/lib/dom.ts)' },
      ],
      'no-restricted-globals': ['error', 'eval', 'DOMParser'],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
