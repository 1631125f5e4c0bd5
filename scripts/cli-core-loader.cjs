/**
 * The built `bdg`'s entry requires its core (bdg-core.cjs) through this loader, bundled into the entry by
 * scripts/build-cli.mjs. It compiles the core with V8's code cache (bdg-core.cache, written by the build): the
 * core's 1,4 MB need not be parsed and its start-up functions compiled on every call. The cache is used only for
 * the very source it was made from: its first line is the SHA-256 of bdg-core.cjs, checked here; V8 itself
 * rejects a cache of another version or other flags. Without a usable cache the core is compiled as `require`
 * would (the same module, in require.cache, the same file name in stack traces).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: the build's cache maker and the tests require it */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const CORE = 'bdg-core.cjs';
const CACHE = 'bdg-core.cache';

/** the cache file's content for the core source `code`: its hash, a newline, V8's cached data */
function cacheFileFor(code, data) {
  return Buffer.concat([Buffer.from(`${createHash('sha256').update(code).digest('hex')}\n`), data]);
}

/** V8's cached data in `file` when it was made from `code`, else undefined */
function cachedDataFor(file, code) {
  let buf;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  const hash = createHash('sha256').update(code).digest('hex');
  return buf.length > 65 && buf.toString('latin1', 0, 65) === `${hash}\n` ? buf.subarray(65) : undefined;
}

/** Loads the core in `dir` as a CommonJS module; returns it and the compiled script. */
function loadCore(dir, { useCache = true } = {}) {
  const filename = join(dir, CORE);
  const cached = require.cache[filename];
  if (cached) return { exports: cached.exports, script: null };
  const code = readFileSync(filename);
  const script = new Script(Module.wrap(code.toString('utf8')), {
    filename,
    cachedData: useCache ? cachedDataFor(join(dir, CACHE), code) : undefined,
  });
  const m = new Module(filename, module);
  m.filename = filename;
  require.cache[filename] = m;
  try {
    script.runInThisContext().call(m.exports, m.exports, Module.createRequire(filename), m, filename, dir);
  } catch (e) {
    delete require.cache[filename];
    throw e;
  }
  m.loaded = true;
  return { exports: m.exports, script, code };
}

module.exports = { loadCore, cacheFileFor, cachedDataFor, CORE, CACHE };
