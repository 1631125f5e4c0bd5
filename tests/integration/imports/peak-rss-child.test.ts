/**
 * The bench's peakRss1000MB child (scripts/bench/peak-rss.ts) runs the import bundled as the app runs it: the
 * bundle must import the bench's forms exactly as the sources do (every form accepted, in one batch, parsed in the
 * parse worker), so the figure is the memory of the real import and not of a bundle that failed early or parsed
 * in its own thread.
 */
import { describe, expect, it } from 'vitest';
import { peakRss1000, peakRssOf } from '../../../scripts/bench/peak-rss';
import { tmpDir } from '../../helpers/tmp';

describe('the peak-RSS child of the bench', () => {
  it('bundled, imports the forms in one batch as the sources do', async () => {
    const dir = tmpDir();
    const bundled = await peakRss1000(dir, 6);
    const sources = await peakRssOf(dir, 6, { sources: true });
    expect(bundled.accepted).toBe(6);
    expect(sources.accepted).toBe(6);
    expect(bundled.peakRss1000MB).toBeGreaterThan(0);
    // each parsed the forms in its parse worker, as the app does: the bundled one beside it, or the source
    expect(bundled.parseWorker).toBe('parse-worker.js');
    expect(sources.parseWorker).toBe('parse-worker.ts');
  }, 240_000);
});
