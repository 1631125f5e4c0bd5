import { join } from 'node:path';
/** Seeds a host through the API (the same calls the UI makes): settings, units, a period, some submissions. */
import { readFileSync } from 'node:fs';
import { fillTemplate } from './helpers';
import type { TestHost } from './host';
import { SHARED_FIXTURES } from '../helpers/shared';

export const UNIT_FIXTURE = join(SHARED_FIXTURES, 'don-vi-lao-cai.xlsx');

export async function seed(host: TestHost, opts: { submissions?: number } = {}) {
  await host.call('settings.update', {
    setupDone: true,
    province: 'Tỉnh Lào Cai',
    agencyParent: 'UBND TỈNH LÀO CAI',
    officer: 'Nguyễn Thị Hoa',
    placeName: 'Lào Cai',
  });
  await host.call('units.import', {
    file: { name: 'don-vi.xlsx', bytes: new Uint8Array(readFileSync(UNIT_FIXTURE)) },
  });
  const period = await host.call('periods.create', { year: new Date().getFullYear(), kind: 'year' });
  const catalog = await host.call('catalog.get', {});
  const { files } = await host.call('templates.export', { periodId: period.id });
  const unitFiles = files.filter((f) => f.unit).slice(0, opts.submissions ?? 3);
  const results = [];
  for (const [i, f] of unitFiles.entries()) {
    const bytes = await fillTemplate(f.bytes, catalog, { base: 100 * (i + 1) });
    results.push(
      await host.call('imports.file', { periodId: period.id, file: { name: f.name, bytes: new Uint8Array(bytes) } }),
    );
  }
  const units = await host.call('units.list', {});
  return { period, results, units, catalog };
}
