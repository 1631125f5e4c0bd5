import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Ctx, type CtxOptions } from '../../src/main/api/context';

export function tmpDir(prefix = 'bdg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh database file in a temp folder, seeded, with its context. */
export function tmpCtx(opts: CtxOptions = {}): Ctx & { dir: string; dispose(): void } {
  const dir = tmpDir();
  const ctx = createContext(join(dir, 'test.sqlite'), opts);
  return Object.assign(ctx, {
    dir,
    dispose() {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
