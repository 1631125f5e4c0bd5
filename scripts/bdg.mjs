/**
 * `npm run bdg` → this launcher: runs the built bundle (out/cli/bdg.cjs, which requires out/cli/bdg-core.cjs once
 * --help is answered; no TypeScript compiled per call), and builds it first when a file of it is missing or older
 * than any source file (a fresh clone, or after an edit), so the command is always the current code. The freshness check stats the sources (a few milliseconds).
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'bdg.cjs');

function newestUnder(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestUnder(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  let built;
  try {
    // the entry, the core it requires and the parse worker: the oldest of the three (a missing one: build)
    built = Math.min(
      ...['bdg.cjs', 'bdg-core.cjs', 'parse-worker.js'].map((f) => statSync(join(dirname(bundle), f)).mtimeMs),
    );
  } catch {
    return true;
  }
  const sources = Math.max(
    newestUnder(join(root, 'src', 'main')),
    newestUnder(join(root, 'src', 'shared')),
    newestUnder(join(root, 'resources')),
    statSync(join(root, 'package-lock.json')).mtimeMs,
    statSync(fileURLToPath(new URL('./build-cli.mjs', import.meta.url))).mtimeMs,
    statSync(fileURLToPath(new URL('./cli-core-loader.cjs', import.meta.url))).mtimeMs,
  );
  return sources > built;
}

if (stale()) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
createRequire(import.meta.url)(bundle);
