/**
 * The project's shared folder (../shared beside the repository: fixtures made outside the project). CI clones the
 * repository next to it; BDG_SHARED_DIR overrides the place.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

function findShared(): string {
  const candidates = [
    process.env.BDG_SHARED_DIR,
    resolve(__dirname, '../../../shared'),
    resolve(process.cwd(), '../shared'),
    '/work/shared',
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(join(c, 'fixtures')));
  if (!found) throw new Error(`Không tìm thấy thư mục shared/ (đã thử: ${candidates.join(', ')}); đặt BDG_SHARED_DIR.`);
  return found;
}

export const SHARED_DIR = findShared();
export const SHARED_FIXTURES = join(SHARED_DIR, 'fixtures');
