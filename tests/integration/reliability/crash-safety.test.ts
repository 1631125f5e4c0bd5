/**
 * Crash safety (issue point 1), the short run in `npm test`: the real CLI importing a real batch is SIGKILLed at
 * seeded random moments; what is left is whole and a re-run completes it exactly. The full loop (40 files,
 * 30 kills) is tests/stress/crash-kill-loop.stress.test.ts (`npm run test:stress`).
 */
import { describe, expect, it } from 'vitest';
import { killLoop, seedFromEnv } from '../../stress/lib/batch';
import { tmpDir } from '../../helpers/tmp';

describe('SIGKILL during an import batch', () => {
  it('leaves only whole submissions, and re-running completes the batch with exact figures', async () => {
    const seed = seedFromEnv('crash-safety');
    const stats = await killLoop(tmpDir('bdg-crash-'), 10, 3, seed);
    expect(stats.killedMidBatch + stats.finishedBeforeKill).toBe(3);
    expect(stats.killedMidBatch).toBeGreaterThan(0);
  }, 300_000);
});
