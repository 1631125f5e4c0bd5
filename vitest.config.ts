import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// `electron` cannot be loaded in plain Node here (no binary): every test sees a small fake instead.
const alias = { electron: resolve(__dirname, 'tests/fakes/electron.ts') };

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
