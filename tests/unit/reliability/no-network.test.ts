/**
 * Nothing leaves the machine (issue point 7): the app's own code (src/main, src/renderer, src/shared) names no
 * remote host and uses no network API except the documented ones. Remote URLs must be loopback, or a host of the
 * documented external-link allow-list (EXTERNAL_ALLOWLIST in src/main/hosts/electron/security.ts, opened in the
 * user's browser only on a click). A new remote URL or network client makes this test fail on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_ALLOWLIST } from '../../../src/main/hosts/electron/security';

const ROOT = resolve(__dirname, '../../..');
const DIRS = ['src/main', 'src/renderer', 'src/shared'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') out.push(...files(p));
    } else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(name)) out.push(p);
  }
  return out;
}

const sources = DIRS.flatMap((d) => files(join(ROOT, d))).map((p) => ({
  path: relative(ROOT, p),
  text: readFileSync(p, 'utf8'),
}));

/** Each network API, and the only files allowed to use it (with why). */
const NETWORK_APIS: Array<{ what: string; re: RegExp; allowed: string[] }> = [
  // the renderer's API client calls its own origin (relative /api/…), checked below
  { what: 'fetch()', re: /(?<![\w.])fetch\s*\(|\bwindow\.fetch\s*\(/, allowed: ['src/renderer/src/api/http.ts'] },
  { what: 'XMLHttpRequest', re: /\bXMLHttpRequest\b/, allowed: [] },
  { what: 'WebSocket', re: /\bnew\s+WebSocket\b/, allowed: [] },
  { what: 'EventSource', re: /\bnew\s+EventSource\b/, allowed: [] },
  { what: 'sendBeacon', re: /\bsendBeacon\b/, allowed: [] },
  // the local web door: a server bound to 127.0.0.1 (tests/integration/doors/web-host.test.ts)
  {
    what: 'node:http',
    re: /from\s+'(node:)?http'|require\('(node:)?http'\)/,
    allowed: ['src/main/hosts/web/server.ts'],
  },
  {
    what: 'node:https/http2/net/tls/dgram clients',
    re: /^import\s+(?!type\b)[^;]*from\s+'(node:)?(https|http2|net|tls|dgram)'|require\('(node:)?(https|http2|net|tls|dgram)'\)/m,
    allowed: [],
  },
  {
    what: 'electron net / autoUpdater / crashReporter',
    re: /\b(net\.request|autoUpdater|crashReporter|electron-updater)\b/,
    allowed: [],
  },
  { what: 'HTTP client libraries', re: /from\s+'(axios|node-fetch|undici|got|superagent|ky)'/, allowed: [] },
];

/**
 * The workbook writer writes OOXML itself: its namespaces and relationship types are URIs that name things inside
 * the file (xmlns, Type=…), never fetched. Allowed in that one file, for those hosts only.
 */
const XML_NAMESPACES = {
  files: ['src/main/documents/xlsx-writer.ts'],
  hosts: ['schemas.openxmlformats.org', 'schemas.microsoft.com', 'purl.org', 'www.w3.org'],
};

describe('nothing leaves the machine', () => {
  it('scans a real amount of code', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.path.startsWith('src/renderer/'))).toBe(true);
  });

  it('every http(s)/ws(s) URL in the code is loopback or on the documented external-link allow-list', () => {
    const found: string[] = [];
    for (const s of sources) {
      for (const m of s.text.matchAll(/\b(https?|wss?|ftp):\/\/([^/'"`\s)<>]+)/g)) {
        const host = m[2]!.replace(/:(\d+|\$\{[^}]+\})$/, '').replace(/^[^@]*@/, '');
        if (LOOPBACK.has(host) || EXTERNAL_ALLOWLIST.includes(host)) continue;
        if (XML_NAMESPACES.files.includes(s.path) && XML_NAMESPACES.hosts.includes(host)) continue;
        found.push(`${s.path}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('network APIs appear only where documented', () => {
    const found: string[] = [];
    for (const s of sources) {
      for (const api of NETWORK_APIS) {
        if (api.re.test(s.text) && !api.allowed.includes(s.path)) found.push(`${s.path}: ${api.what}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("the renderer's fetch goes to its own origin only", () => {
    const http = sources.find((s) => s.path === 'src/renderer/src/api/http.ts')!;
    // the only request URL is `${base}/api/…` with base defaulting to '' (same origin)
    expect(http.text).toMatch(/doFetch\(`\$\{base\}\/api\//);
    expect(http.text).toMatch(/baseUrl \?\? ''/);
  });

  it('the web door listens on 127.0.0.1 only', () => {
    const server = sources.find((s) => s.path === 'src/main/hosts/web/server.ts')!;
    const listens = [...server.text.matchAll(/\.listen\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(listens.length).toBeGreaterThan(0);
    for (const l of listens) expect(l).toContain("'127.0.0.1'");
  });

  it('the external-link allow-list holds only https government/legal portals', () => {
    for (const h of EXTERNAL_ALLOWLIST)
      expect(h).toMatch(/(\.gov\.vn|(^|\.)vbpl\.vn|^thuvienphapluat\.vn|(^|\.)chinhphu\.vn)$/);
  });
});
