/**
 * Issue 20: the ministry workbook written by documents/xlsx-writer.ts is the workbook the exceljs writer wrote
 * (reference/workbook-v1.ts, main's documents/workbook.ts and plan-appendix.ts verbatim). Both files are read
 * back with exceljs and compared sheet by sheet: names and order, every cell's type and value, number format,
 * font, alignment, border and fill, the quote prefix of formula-like texts (read from the raw styles), row heights,
 * column widths, merges, frozen panes, page setup (paper, orientation, scale/fit, margins, print area and titles),
 * header/footer, page breaks, the defined names and the document properties; and, stricter, every part of the
 * package is the very XML exceljs wrote (same parts, byte for byte once unzipped). On the report-model helper (formula
 * and script texts, sensitive figures, a plan), the committed database fixture, the demo province and a generated
 * national database (400 units). Equality only: no time is asserted.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { buildDemo } from '../../../src/main/demo';
import type { ReportModel } from '../../../src/main/documents/model';
import { buildMinistryWorkbook } from '../../../src/main/documents/workbook';
import { ministryWorkbook, reportModel } from '../../../src/main/services/reports';
import type { TaskAnswer, TaskResult } from '../../../src/shared/contract/plan';
import type { StoredValue } from '../../../src/shared/domain/records';
import { buildNationalDb } from '../../../scripts/bench/national';
import { updateCounts } from '../../../src/main/db/read-cache';
import { callOp, closeFixtures, currentOf, fixtureCtx } from '../../helpers/fixture-db';
import { importSeededForm } from '../../helpers/province';
import { FORMULA_TEXT, makeReportModel, SCRIPT_TEXT } from '../../helpers/report-model';
import { tmpDir } from '../../helpers/tmp';
import { buildMinistryWorkbook as buildBefore } from '../services/reference/workbook-v1';

const FIXTURE = resolve(__dirname, '../../fixtures/db/v0.1.0.sqlite');
const open: Ctx[] = [];
afterAll(() => {
  for (const c of open) c.close();
  closeFixtures();
});

const json = (v: unknown) => JSON.stringify(v ?? null);

/** The addresses (sheet!cell) whose style carries Excel's quote prefix, from the package's own XML. */
async function quotePrefixed(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*>/g) ?? [];
  const prefixed = new Set(xfs.flatMap((x, i) => (/quotePrefix="1"/.test(x) ? [String(i)] : [])));
  const out: string[] = [];
  for (const name of Object.keys(zip.files)
    .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
    .sort()) {
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)"/g)) if (prefixed.has(m[2]!)) out.push(`${name}!${m[1]}`);
  }
  return out.sort();
}

/** Everything a reader sees in the workbook, as lines "where: what" (one per cell, row, column, sheet setting). */
async function snapshot(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const lines: string[] = [
    `workbook: ${json({ creator: wb.creator, title: wb.title, created: wb.created, modified: wb.modified })}`,
    `definedNames: ${json(wb.definedNames.model)}`,
    `sheets: ${json(wb.worksheets.map((ws) => ws.name))}`,
  ];
  for (const ws of wb.worksheets) {
    const at = (s: string) => `${ws.name}!${s}`;
    lines.push(`${at('pageSetup')}: ${json(ws.pageSetup)}`);
    lines.push(`${at('headerFooter')}: ${json(ws.headerFooter)}`);
    lines.push(`${at('views')}: ${json(ws.views)}`);
    lines.push(`${at('properties')}: ${json(ws.properties)}`);
    lines.push(`${at('merges')}: ${json([...ws.model.merges].sort())}`);
    lines.push(`${at('rowBreaks')}: ${json((ws as unknown as { rowBreaks: unknown }).rowBreaks)}`);
    lines.push(`${at('dimensions')}: ${json(ws.dimensions.range)}`);
    (ws.columns ?? []).forEach((c, i) => lines.push(`${at(`col ${i + 1}`)}: ${json(c.width)}`));
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      lines.push(`${at(`row ${r}`)}: height ${json(row.height)}`);
      row.eachCell({ includeEmpty: true }, (cell) => {
        lines.push(
          `${at(cell.address)}: ${json({
            type: cell.type,
            value: cell.value,
            numFmt: cell.numFmt,
            font: cell.font,
            alignment: cell.alignment,
            border: cell.border,
            fill: cell.fill,
            protection: cell.protection,
          })}`,
        );
      });
    });
  }
  for (const q of await quotePrefixed(bytes)) lines.push(`quotePrefix: ${q}`);
  return lines;
}

/** Every part of the package, unzipped, name → text. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort())
    if (!zip.files[name]!.dir) out[name] = await zip.file(name)!.async('string');
  return out;
}

/**
 * The same workbook from the new writer as from the reference; returns how many lines were compared. `given`: the
 * file to compare, when not the new writer's on the same model (the service's, read its own way).
 */
async function expectSameWorkbook(model: ReportModel, label: string, given?: Uint8Array): Promise<number> {
  // each writer gets its own copy: neither may depend on what the other did to the model
  const beforeBytes = new Uint8Array(await buildBefore(structuredClone(model)));
  const nowBytes = given ?? new Uint8Array(await buildMinistryWorkbook(structuredClone(model)));
  // the package itself: the same parts, each the same XML as exceljs wrote (only the compression differs)
  const [partsBefore, partsNow] = [await parts(beforeBytes), await parts(nowBytes)];
  expect(Object.keys(partsNow), label).toEqual(Object.keys(partsBefore));
  for (const name of Object.keys(partsBefore))
    expect(partsNow[name] === partsBefore[name], `${label}: ${name} is the XML exceljs wrote`).toBe(true);
  const before = await snapshot(beforeBytes);
  const now = await snapshot(nowBytes);
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(before.length, now.length) && diffs.length < 5; i++)
    if (before[i] !== now[i]) diffs.push(`line ${i}\n  before: ${before[i]}\n  now:    ${now[i]}`);
  expect(diffs, label).toEqual([]);
  expect(now.length, label).toBe(before.length);
  return now.length;
}

const answer = (
  unit: string,
  unitName: string,
  role: 'lead' | 'partner',
  status: TaskAnswer['status'],
): TaskAnswer => ({
  unit,
  unitName,
  kind: 'so_nganh',
  role,
  status,
  result: null,
  activities: null,
  submissionId: null,
});
const PLAN: TaskResult[] = [
  {
    id: 1,
    section: 'I. Công tác chỉ đạo',
    stt: '1',
    title: 'Ban hành kế hoạch thực hiện công tác bình đẳng giới năm 2026',
    due: '2026-03-31',
    lead: ['SNV'],
    answers: [answer('SNV', 'Sở Nội vụ', 'lead', 'done'), answer('SYT', 'Sở Y tế', 'partner', 'in_progress')],
    done: 1,
    inProgress: 1,
    notDone: 0,
    notReported: 3,
  },
  {
    id: 2,
    section: 'I. Công tác chỉ đạo',
    stt: null,
    title: '=HYPERLINK("http://x.example","nhiệm vụ")',
    due: null,
    lead: [],
    answers: [],
    done: 0,
    inProgress: 0,
    notDone: 2,
    notReported: 3,
  },
  {
    id: 3,
    section: '+II. Truyền thông',
    stt: '2',
    title: 'Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
    due: '2026-11-30',
    lead: ['HPN'],
    answers: [answer('HPN', 'Hội Liên hiệp Phụ nữ tỉnh', 'lead', 'not_done')],
    done: 0,
    inProgress: 0,
    notDone: 1,
    notReported: 4,
  },
];

describe('the ministry workbook from the new writer is the exceljs one', () => {
  it('on the report-model helper: formula and script texts, sensitive figures hidden and shown, a plan, a number', async () => {
    const base = makeReportModel();
    // the helper's texts include a formula-like one and a script: the quote prefix and escaping are compared
    expect(JSON.stringify(base)).toContain(JSON.stringify(FORMULA_TEXT).slice(1, -1));
    expect(JSON.stringify(base)).toContain(JSON.stringify(SCRIPT_TEXT).slice(1, -1));
    await expectSameWorkbook(base, 'helper');
    await expectSameWorkbook(makeReportModel({ includeSensitive: true, docNumber: '12' }), 'helper, sensitive shown');
    const lines = await expectSameWorkbook(makeReportModel({ planTasks: PLAN }), 'helper with a plan');
    expect(lines).toBeGreaterThan(500);
  }, 120_000);

  it('with unit names and answers that are markup, formulas, control characters, "<5", spaces and line breaks', async () => {
    const base = makeReportModel();
    const hostile = [
      '=SUM(A1:A9)',
      '+cmd|calc',
      '-1',
      '@x',
      '\tTab đầu',
      '<5',
      'A & B <c> "q" \'a\'',
      'điều khiển \u0001\u0008\u000b\u001f ký tự',
      ' cách đầu và cuối ',
      'Xã Tả Van\n(mới)',
      'Ủy ban nhân dân xã Đồng Văn, huyện Đồng Văn, tỉnh Hà Giang (tên rất dài để xuống nhiều dòng trong ô)',
    ];
    const unit = base.byUnit[0]!;
    const number = base.catalog.dataElements.find((e) => e.type === 'integer' && e.collectedFrom !== 'province')!;
    const sensitive = base.catalog.dataElements.find((e) => e.sensitive && e.collectedFrom !== 'province')!;
    const other = base.catalog.dataElements.find(
      (e) => e.type === 'integer' && e.collectedFrom !== 'province' && !e.sensitive && e !== number,
    )!;
    const line = base.status.units[0]!;
    const answer = base.consolidation.texts[0]!;
    expect([number, sensitive, other, line, answer].every(Boolean)).toBe(true);
    const text = (value: string): StoredValue['value'] => ({ state: 'text', value });
    hostile.forEach((name, i) => {
      const code = `H${i}`;
      const values: StoredValue[] = [
        ...unit.values.filter((v) => ![number.code, sensitive.code, other.code].includes(v.element)),
        // integers of every length: the long ones wrap in their column (the row grows), negative ones too
        {
          element: other.code,
          cell: other.cells[0]!,
          value: { state: 'number', value: (i % 2 ? -1 : 1) * 7 ** (i * 2) },
        },
        // a hidden sensitive figure ("<5")
        { element: sensitive.code, cell: sensitive.cells[0]!, value: { state: 'number', value: 3 } },
      ];
      // a figure column holding a text, a formula-like one: on every third unit (on the others the integer decides
      // the row's height)
      if (i % 3 === 0)
        values.push({ element: number.code, cell: number.cells[0]!, value: text(hostile[(i + 1) % 11]!) });
      base.byUnit.push({ unitCode: code, unitName: name, kind: unit.kind, values });
      base.status.units.push({ ...line, unitId: 1000 + i, unit: code, name });
      base.consolidation.texts.push({ ...answer, unit: code, unitName: name, text: hostile[(i + 3) % 11]! });
    });
    await expectSameWorkbook(base, 'hostile names');
  }, 120_000);

  it('on the committed database fixture, every period', async () => {
    const path = join(tmpDir(), 'fixture.sqlite');
    copyFileSync(FIXTURE, path);
    const ctx = createContext(path, { today: () => '2026-06-15' });
    open.push(ctx);
    const ids = (ctx.raw.prepare('SELECT id FROM periods ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      await expectSameWorkbook(reportModel(ctx.db, id, { today: '2026-06-15' }), `period ${id}`);
      // the service: its own read of the units' figures (services/reports-figures.ts), then the new writer
      const { bytes } = await ministryWorkbook(ctx.db, id, { today: '2026-06-15' });
      await expectSameWorkbook(reportModel(ctx.db, id, { today: '2026-06-15' }), `period ${id}, service`, bytes);
    }
  }, 240_000);

  it('on the demo province', async () => {
    const path = join(tmpDir(), 'demo.sqlite');
    await buildDemo(path);
    const ctx = createContext(path, { demo: true });
    open.push(ctx);
    const p = ctx.raw.prepare("SELECT id FROM periods WHERE label = 'Năm 2026'").get() as { id: number };
    const opts = { today: '2026-12-20', docNumber: '5' };
    await expectSameWorkbook(reportModel(ctx.db, p.id, opts), 'demo');
    await expectSameWorkbook(
      reportModel(ctx.db, p.id, opts),
      'demo, service',
      (await ministryWorkbook(ctx.db, p.id, opts)).bytes,
    );
  }, 240_000);

  it('on a generated national database (400 units): Phụ lục V split in parts, every unit and text answer', async () => {
    const path = join(tmpDir(), 'national.sqlite');
    const built = buildNationalDb(path, { units: 400 });
    open.push(built.ctx);
    const model = reportModel(built.ctx.db, built.target, { today: '2026-06-10' });
    expect(model.byUnit.length).toBeGreaterThan(300);
    expect(model.consolidation.texts.length).toBeGreaterThan(300);
    const lines = await expectSameWorkbook(model, 'national');
    expect(lines).toBeGreaterThan(40_000);
    const { bytes } = await ministryWorkbook(built.ctx.db, built.target, { today: '2026-06-10' });
    await expectSameWorkbook(model, 'national, service', bytes);
  }, 600_000);

  it("after writes to the period: the service's kept figures brought up to date, the workbook still the exceljs one", async () => {
    // the committed fixture's open period (2025, year)
    const ctx = fixtureCtx();
    const P = 2;
    const opts = { today: '2026-06-15' };
    const service = async () => (await ministryWorkbook(ctx.db, P, opts)).bytes;
    const updated = () => updateCounts.get('figureTable') ?? 0;
    await expectSameWorkbook(reportModel(ctx.db, P, opts), 'before the writes', await service());
    const id = currentOf(ctx, 'LC-X02');
    const v = ctx.raw
      .prepare(
        "SELECT element, cell, num FROM submission_values WHERE submission_id = ? AND state = 'number' " +
          'ORDER BY element, cell LIMIT 1',
      )
      .get(id) as { element: string; cell: string; num: number };
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['an import (a new revision)', () => importSeededForm(ctx, P, 'LC-S03', 31, '2026-01-10')],
      [
        'a correction',
        () =>
          callOp(ctx, 'submissions.correct', {
            id,
            element: v.element,
            cell: v.cell,
            value: { state: 'number', value: v.num + 1000 },
            reason: 'Đơn vị báo sửa số',
          }),
      ],
      [
        'a withdrawal',
        () => callOp(ctx, 'submissions.withdraw', { periodId: P, unitCode: 'LC-S03', reason: 'Đơn vị gửi nhầm tệp' }),
      ],
    ];
    // the sheets (the package's dates aside)
    const sheets = async (bytes: Uint8Array) =>
      Object.entries(await parts(bytes)).filter(([name]) => name.startsWith('xl/worksheets/'));
    let before = await sheets(await service());
    for (const [what, write] of writes) {
      const n = updated();
      await write();
      const bytes = await service();
      expect(updated(), what).toBe(n + 1);
      await expectSameWorkbook(reportModel(ctx.db, P, opts), what, bytes);
      // the write shows in the workbook's sheets (the figures or the status)
      const now = await sheets(bytes);
      expect(now, what).not.toEqual(before);
      before = now;
    }
  }, 240_000);
});
