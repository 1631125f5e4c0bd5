/**
 * Builds the `bdg` command into one CommonJS bundle (out/cli/bdg.cjs, with the parse worker beside it), so a call
 * does not compile TypeScript first. npm packages stay outside the bundle (node_modules, the native
 * better-sqlite3); the heavy spreadsheet libraries (exceljs, @e965/xlsx, jszip, fflate) are loaded on first use
 * through getters (their member names read at build time), so `bdg status` or `bdg --help` never pays for them.
 * The command is two files: bdg.cjs holds only what reads the arguments and answers --help (hosts/cli/run.ts,
 * usage.ts, help.ts); the commands and the whole core (hosts/cli/commands.ts and all it imports) are bdg-core.cjs,
 * required by run.ts's `import('./commands')` once the arguments are read, so `bdg --help` compiles a few KB.
 *
 *   node scripts/build-cli.mjs [outDir]       (scripts/bdg.mjs runs it when the bundle is missing or stale)
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
export const LAZY = /^(exceljs|@e965\/xlsx|jszip|fflate|docx)$/;
/**
 * exceljs's own parts that exceljs-patch.ts and quote-prefix.ts wrap: each module is a class, imported as a default;
 * the stand-in's `default` is a getter, so the class is required where the code first reads it (the wrap, done on
 * first use, not at load). They stay outside the bundle: they must be the very modules exceljs itself uses.
 */
export const LAZY_PARTS = /^exceljs\/lib\//;

/** the entry's one lazy import, kept out of the entry bundle: it is the second file, bdg-core.cjs */
export const CORE = {
  importer: /[\\/]hosts[\\/]cli[\\/]run\.ts$/,
  file: 'bdg-core.cjs',
  cache: 'bdg-core.cache',
};
const coreApart = {
  name: 'core-apart',
  setup(b) {
    // a stand-in module that loads the second file as CommonJS with V8's code cache (scripts/cli-core-loader.cjs,
    // bundled into the entry; a plain require, not an external import() through Node's ESM loader)
    b.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      CORE.importer.test(args.importer) ? { path: CORE.file, namespace: 'core-apart' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'core-apart' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: `module.exports = require('./scripts/cli-core-loader.cjs').loadCore(__dirname).exports;\n`,
    }));
  },
};

/** `import X from 'exceljs'` becomes a proxy that requires exceljs the first time one of its members is used. */
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) =>
      args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' },
    );
    b.onResolve({ filter: LAZY_PARTS }, (args) =>
      args.namespace === 'lazy-part'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-part' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (args) => ({
      loader: 'js',
      resolveDir: root,
      contents:
        `let m;\nObject.defineProperty(exports, "__esModule", { value: true });\n` +
        `Object.defineProperty(exports, "default", { enumerable: true, get: () => (m ??= require(${JSON.stringify(args.path)})) });\n`,
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      // the member names are read here, at build time, so the bundle's interop can copy them as getters
      const real = requireFromRoot(args.path);
      const keys = Object.keys(real).filter((k) => k !== 'default' && k !== '__esModule');
      const path = JSON.stringify(args.path);
      return {
        loader: 'js',
        resolveDir: root,
        contents:
          `let m;\nconst load = () => (m ??= require(${path}));\n` +
          (real.__esModule ? 'Object.defineProperty(exports, "__esModule", { value: true });\n' : '') +
          `for (const k of ${JSON.stringify(keys)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });\n` +
          ('default' in real
            ? 'Object.defineProperty(exports, "default", { enumerable: true, get: () => load().default });\n'
            : ''),
      };
    });
  },
};

/** esbuild's options for one of the command's bundles (also the bench's peak-RSS child, scripts/bench/peak-rss.ts) */
export function bundleOptions() {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // the pure-JS packages every command needs (zod, drizzle-orm) are bundled: one file compiled instead of ~200
    // resolved and read one by one (about a third of the start); native and lazily loaded ones stay outside, and so
    // do exceljs's own modules that exceljs-patch.ts and quote-prefix.ts patch (they must be the copies exceljs uses)
    external: ['better-sqlite3', 'electron', 'exceljs/*', '@e965/xlsx/*', 'jszip/*', 'fflate/*', 'docx/*'],
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [lazyPackages],
    absWorkingDir: root,
  };
}

/**
 * bdg-core.cache: V8's code cache of the core, made by a plain node that loads the core (its modules evaluated,
 * nothing run) and serializes what it compiled, headed by the core's SHA-256 (scripts/cli-core-loader.cjs).
 */
function writeCodeCache(outDir, tmp) {
  const loader = join(root, 'scripts', 'cli-core-loader.cjs');
  const make =
    `const l = require(${JSON.stringify(loader)}); const { writeFileSync } = require('node:fs');` +
    `const r = l.loadCore(${JSON.stringify(outDir)}, { useCache: false });` +
    `writeFileSync(${JSON.stringify(join(outDir, CORE.cache + tmp))}, l.cacheFileFor(r.code, r.script.createCachedData()));`;
  execFileSync(process.execPath, ['-e', make], { stdio: 'inherit' });
  renameSync(join(outDir, CORE.cache + tmp), join(outDir, CORE.cache));
}

export async function buildCli(outDir = join(root, 'out', 'cli')) {
  mkdirSync(outDir, { recursive: true });
  const common = bundleOptions();
  // each file written beside and renamed into place (two calls building at once never see half a file); the
  // worker first, then the core, and the entry last, so an entry that exists always has its core and worker
  const tmp = `.tmp-${process.pid}`;
  writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  for (const [entry, name, plugins] of [
    ['src/main/excel/parse-worker.ts', 'parse-worker.js', []],
    ['src/main/hosts/cli/commands.ts', CORE.file, []],
    ['src/main/hosts/cli/main.ts', 'bdg.cjs', [coreApart]],
  ]) {
    await build({
      ...common,
      plugins: [...common.plugins, ...plugins],
      entryPoints: [entry],
      outfile: join(outDir, name + tmp),
    });
    renameSync(join(outDir, name + tmp), join(outDir, name));
    if (name === CORE.file) writeCodeCache(outDir, tmp);
  }
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
