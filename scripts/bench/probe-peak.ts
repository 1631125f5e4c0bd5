/**
 * Probe (not part of the bench): peakRss1000MB alone, the 1,000 forms made once in DIR and reused on later runs
 * (scripts/bench/peak-rss.ts), to compare settings of the parse pool without minutes of form-making each time.
 *   npx tsx scripts/bench/probe-peak.ts DIR
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { peakRss1000, peakRssOf } from './peak-rss';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx scripts/bench/probe-peak.ts DIR');
void (async () => {
  const r = existsSync(join(dir, 'identity.txt')) ? await peakRssOf(dir, 1000) : await peakRss1000(dir);
  console.log(JSON.stringify(r));
})();
