import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noNodeBuiltins = {
  patterns: [
    { group: ['node:*'], message: 'Không dùng module của Node ở đây (chỉ src/main được dùng).' },
    { group: ['electron'], message: 'Chỉ src/main/hosts/electron được import electron.' },
  ],
  paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'zlib', 'buffer'].map((name) => ({
    name,
    message: 'Không dùng module của Node ở đây.',
  })),
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/**',
      'src/main/db/migrations/bundle.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // electron only in the Electron door
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'Chỉ src/main/hosts/electron được import electron.' }] },
      ],
    },
  },
  // shared: no Node, no DOM, no electron
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noNodeBuiltins] },
  },
  // renderer: no Node, no electron, never src/main
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          ...noNodeBuiltins,
          patterns: [
            ...noNodeBuiltins.patterns,
            {
              group: ['**/main/**', '../../main/*'],
              message: 'Giao diện chỉ nói chuyện qua window.api, không import src/main.',
            },
          ],
        },
      ],
    },
  },
);
