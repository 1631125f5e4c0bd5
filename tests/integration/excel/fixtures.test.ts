import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/shared/domain/catalog';
import type { Finding, StoredValue } from '../../../src/shared/domain/records';
import { readForm } from '../../../src/main/excel/form-reader';

const ROOT = resolve(__dirname, '../../..');
const DIR = join(ROOT, 'tests/fixtures/xlsx');
const catalog = JSON.parse(readFileSync(join(ROOT, 'resources/catalog.json'), 'utf8')) as Catalog;

interface Manifest {
  forms: Array<{
    file: string;
    format: 'xlsx' | 'xls';
    madeBy: string;
    identity: Record<string, unknown>;
    values: StoredValue[];
    findings: Array<Pick<Finding, 'code' | 'severity' | 'element' | 'cell'>>;
  }>;
}
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;

const key = (v: { element?: string; cell?: string; code?: string }): string =>
  `${v.code ?? ''}|${v.element ?? ''}|${v.cell ?? ''}`;
const sortValues = (vs: StoredValue[]): StoredValue[] => [...vs].sort((a, b) => key(a).localeCompare(key(b)));

describe('filled fixtures read back exactly as the manifest says', () => {
  it('the manifest lists exceljs and LibreOffice files, xlsx and xls', () => {
    expect(manifest.forms.length).toBeGreaterThanOrEqual(10);
    expect(manifest.forms.some((f) => f.madeBy === 'libreoffice' && f.format === 'xlsx')).toBe(true);
    expect(manifest.forms.some((f) => f.format === 'xls')).toBe(true);
  });

  for (const form of manifest.forms) {
    it(`${form.file}: every value, identity and finding`, async () => {
      const bytes = readFileSync(join(DIR, form.file));
      const parsed = await readForm(bytes, form.file, catalog);
      expect(parsed.format).toBe(form.format);
      expect(sortValues(parsed.values)).toEqual(sortValues(form.values));
      for (const [k, v] of Object.entries(form.identity)) {
        expect(parsed.identity[k as keyof typeof parsed.identity], `identity.${k}`).toEqual(v);
      }
      const got = parsed.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        element: f.element,
        cell: f.cell,
      }));
      const want = form.findings.map((f) => ({ code: f.code, severity: f.severity, element: f.element, cell: f.cell }));
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.map((f) => f.severity).sort()).toEqual(want.map((f) => f.severity).sort());
      for (const f of parsed.findings) {
        // Vietnamese, with diacritics, naming the element when there is one
        expect(f.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i);
        if (f.element) expect(f.message).toContain(f.element);
      }
    });
  }
});
