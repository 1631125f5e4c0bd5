import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:stress`: the long crash-safety kill loop and the hostile-file corpus (run by .ci/run after npm test).
// Seeds are printed; replay one with BDG_STRESS_SEED=<seed> npm run test:stress.
const alias = { electron: resolve(__dirname, 'tests/fakes/electron.ts') };

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'stress',
    environment: 'node',
    include: ['tests/stress/**/*.stress.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-stress.json' }]],
    testTimeout: 15 * 60_000,
    hookTimeout: 10 * 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
