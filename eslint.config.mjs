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

const electronOnlyInDoor = { group: ['electron'], message: 'Chỉ src/main/hosts/electron được import electron.' };

/**
 * Layer rules (DESIGN.md "One core, three doors"). In a flat config a later block's `no-restricted-imports`
 * replaces an earlier one for the same file, so each layer's block repeats the electron rule.
 * tests/unit/lint/layers.test.ts lints one violating file per rule and expects each to be reported.
 */
const LAYER_RULES = {
  services: {
    regex: '(^|/)(api|hosts)(/|$)',
    message:
      'Lớp services không được import api/ hay hosts/: services là hàm thuần trên CSDL. Kiểu Ctx ở services/context.ts; việc của một cửa thì để cửa đó gọi qua dispatch.',
  },
  documents: {
    regex: '(^|/)(services|db|api)(/|$)',
    message:
      'excel/ và documents/ chỉ đọc/ghi tệp, không truy cập services, db hay api: hãy để service gọi tới và truyền dữ liệu vào làm tham số.',
  },
  hostsCore: {
    regex: '(^|/)(services|db|excel|documents|reports|demo)(/|$)',
    message:
      'Cửa (hosts/) chỉ tới lõi qua api/dispatch, api/context, worker/ và paths. Hãy thêm một thao tác vào hợp đồng (src/shared/contract) và gọi dispatch.',
  },
  hostsApi: {
    regex: '(^|/)api/(?!dispatch$|context$)',
    message:
      'Cửa (hosts/) chỉ dùng api/dispatch và api/context, không gọi handler trực tiếp: mọi lệnh đi qua dispatch.',
  },
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
      'no-restricted-imports': ['error', { patterns: [electronOnlyInDoor] }],
    },
  },
  // services: plain functions over a db handle; never the doors
  {
    files: ['src/main/services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnlyInDoor, LAYER_RULES.services] }] },
  },
  // excel/ and documents/: file formats only
  {
    files: ['src/main/excel/**/*.ts', 'src/main/documents/**/*.ts', 'src/main/reports/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnlyInDoor, LAYER_RULES.documents] }] },
  },
  // doors: the core only through dispatch, the context, the worker and paths
  {
    files: ['src/main/hosts/**/*.ts'],
    ignores: ['src/main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronOnlyInDoor, LAYER_RULES.hostsCore, LAYER_RULES.hostsApi] },
      ],
    },
  },
  {
    files: ['src/main/hosts/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LAYER_RULES.hostsCore, LAYER_RULES.hostsApi] }] },
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
