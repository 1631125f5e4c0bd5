/**
 * The layer rules of eslint.config.mjs must keep matching: each file in tests/fixtures/lint breaks one rule (or,
 * for host-allowed.ts, none) and is linted as if it stood in the layer it names. If a rule's pattern stops
 * matching (a folder renamed, a regex broken), the violating file is no longer reported and this test fails.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const fixtures = join(root, 'tests/fixtures/lint');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(fixture: string, asPath: string): Promise<string[]> {
  const code = readFileSync(join(fixtures, fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, asPath) });
  expect(result, `${asPath} was linted`).toBeDefined();
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const violations: Array<{ rule: string; fixture: string; as: string; says: RegExp }> = [
  {
    rule: 'services never import api',
    fixture: 'service-imports-api.ts',
    as: 'src/main/services/probe.ts',
    says: /Lớp services không được import api\/ hay hosts\//,
  },
  {
    rule: 'services never import api (from a sub-folder)',
    fixture: 'service-imports-api.ts',
    as: 'src/main/services/imports/probe.ts',
    says: /Lớp services không được import api\/ hay hosts\//,
  },
  {
    rule: 'services never import hosts',
    fixture: 'service-imports-host.ts',
    as: 'src/main/services/probe.ts',
    says: /Lớp services không được import api\/ hay hosts\//,
  },
  {
    rule: 'excel never imports services',
    fixture: 'excel-imports-service.ts',
    as: 'src/main/excel/probe.ts',
    says: /excel\/ và documents\/ chỉ đọc\/ghi tệp/,
  },
  {
    rule: 'excel never imports db',
    fixture: 'excel-imports-db.ts',
    as: 'src/main/excel/probe.ts',
    says: /excel\/ và documents\/ chỉ đọc\/ghi tệp/,
  },
  {
    rule: 'documents never import api',
    fixture: 'documents-imports-api.ts',
    as: 'src/main/documents/probe.ts',
    says: /excel\/ và documents\/ chỉ đọc\/ghi tệp/,
  },
  {
    rule: 'hosts never import services',
    fixture: 'host-imports-service.ts',
    as: 'src/main/hosts/cli/probe.ts',
    says: /Cửa \(hosts\/\) chỉ tới lõi qua api\/dispatch/,
  },
  {
    rule: 'hosts never import db',
    fixture: 'host-imports-db.ts',
    as: 'src/main/hosts/cli/probe.ts',
    says: /Cửa \(hosts\/\) chỉ tới lõi qua api\/dispatch/,
  },
  {
    rule: 'the Electron door never imports the documents',
    fixture: 'host-imports-documents.ts',
    as: 'src/main/hosts/electron/probe.ts',
    says: /Cửa \(hosts\/\) chỉ tới lõi qua api\/dispatch/,
  },
  {
    rule: 'hosts never call a handler directly',
    fixture: 'host-imports-handler.ts',
    as: 'src/main/hosts/web/probe.ts',
    says: /mọi lệnh đi qua dispatch/,
  },
];

describe('layer rules in eslint.config.mjs', () => {
  for (const v of violations) {
    it(`reports: ${v.rule}`, async () => {
      const messages = await restrictedImports(v.fixture, v.as);
      expect(messages.length, `${v.fixture} as ${v.as}`).toBeGreaterThan(0);
      expect(messages.join('\n')).toMatch(v.says);
    });
  }

  it('lets a door import dispatch, the context, the worker client, paths and shared code', async () => {
    expect(await restrictedImports('host-allowed.ts', 'src/main/hosts/cli/probe.ts')).toEqual([]);
    expect(await restrictedImports('host-allowed.ts', 'src/main/hosts/electron/probe.ts')).toEqual([]);
  });

  it('lets the api layer import services (the rules are per layer, not global)', async () => {
    expect(await restrictedImports('excel-imports-service.ts', 'src/main/api/handlers/probe.ts')).toEqual([]);
  });
});
