/**
 * Crash safety (issue point 1), the full loop: 40 generated, filled forms imported by the real CLI into a real
 * database file, SIGKILLed 30 times at seeded random moments. After every kill: integrity ok, foreign keys ok,
 * every stored submission has ALL of its values exactly as the unit sent them, no partial submission, every
 * backup whole; re-running the batch completes it with exact figures. The seed is printed.
 */
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { killLoop, seedFromEnv } from './lib/batch';

const FILES = 40;
const KILLS = Number(process.env.BDG_STRESS_KILLS ?? 30);

describe('SIGKILL loop over a 40-file import batch', () => {
  it(`${KILLS} kills at random moments: only whole submissions, and a re-run completes the batch`, async () => {
    const seed = seedFromEnv('kill-loop');
    const stats = await killLoop(tmpDir('bdg-kill-'), FILES, KILLS, seed);
    expect(stats.killedMidBatch + stats.finishedBeforeKill).toBe(KILLS);
    // the kill times fall inside the batch: most runs must really have been cut
    expect(stats.killedMidBatch).toBeGreaterThanOrEqual(Math.ceil(KILLS * 0.6));
  });
});
