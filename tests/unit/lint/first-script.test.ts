/**
 * The renderer's first script (main.tsx and what it imports statically, before any screen loads on demand) holds
 * no zod schemas (issue 20: ~170 kB of zod evaluated before the first API call). The contract's schemas are
 * loaded with the first write (api/client.ts) and by the screens that need a constant of theirs. Bundled here
 * with esbuild (code splitting, as the real build): the entry's output and the chunks it imports statically.
 */
import { build, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** The source files (their code, not only a re-export shaken off) in the entry's chunk and every chunk it imports statically (dynamic imports left out). */
function firstScriptInputs(meta: Metafile, entry: string): string[] {
  const outs = Object.entries(meta.outputs);
  const start = outs.find(([, o]) => o.entryPoint === entry)![0];
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const o = meta.outputs[queue.shift()!]!;
    for (const i of o.imports) {
      if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue;
      seen.add(i.path);
      queue.push(i.path);
    }
  }
  return [...seen].flatMap((o) =>
    Object.entries(meta.outputs[o]!.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([path]) => path),
  );
}

it('the first script carries neither zod schema builders nor contract schemas', async () => {
  const entry = 'src/renderer/src/main.tsx';
  const r = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out/first-script-check',
    write: false,
    metafile: true,
    jsx: 'automatic',
    minify: false,
    logLevel: 'silent',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty' },
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.DEV': 'false' },
  });
  const inputs = firstScriptInputs(r.metafile, entry);
  expect(inputs.some((i) => i.includes('src/renderer/src/App.tsx'))).toBe(true);
  const zod = inputs.filter((i) => /node_modules\/zod\/v4\/classic\//.test(i));
  expect(zod, 'zod schemas in the first script').toEqual([]);
  const contract = inputs.filter((i) => i.includes('src/shared/contract/') && !i.endsWith('/names.ts'));
  expect(contract, 'contract modules in the first script').toEqual([]);
}, 120_000);
