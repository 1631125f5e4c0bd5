/**
 * Issue 17, part 4: the ministry's blank appendix, mapped (layouts.suggest with purpose 'appendix', adjusted as
 * the officer would, layouts.save) and filled with the province's figures of a period (reports.fillAppendix, and
 * `bdg export --into … --layout …`). The filled copy is re-read cell by cell: the mapped cells hold the
 * consolidation's figures; every other cell, every row, the sheet's other XML (merges, columns, page setup, print
 * titles), styles.xml, the other sheet and every other part are byte for byte the blank's.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/hosts/cli/run';
import type { LayoutDefinition, LayoutSuggestion } from '../../../src/shared/contract/layouts';
import { SEED } from '../../../src/main/services/catalog';
import type { Consolidation } from '../../../src/shared/domain/report';
import { targetFor } from '../../../src/shared/rules/aggregate';
import { cleanup } from '../intake/helpers';
import {
  BLANKS,
  SHEET,
  SHEET_PART,
  blank,
  call,
  parts,
  provinceWithFigures,
  reviewed,
  sheetCells,
  styleOf,
  valueOf,
  type Figures,
} from './helpers';

// one province per describe, kept for its tests
afterAll(cleanup);

type Fill = { name: string; bytes: Uint8Array; filled: number; empty: number };

/** The figure each mapped cell must hold, read off the consolidation (null: the period has none). */
function expected(c: Consolidation): Map<string, number | string | null> {
  const ind = (code: string) => c.indicators.find((i) => i.code === code)!;
  const prevInd = (code: string) => c.previous!.indicators.find((i) => i.code === code)?.value ?? null;
  const val = (code: string, cell: string, list = c.values) =>
    list.find((v) => v.code === code && v.cell === cell)?.value ?? null;
  const prev = (code: string, cell: string) => val(code, cell, c.previous!.values);
  const m = new Map<string, number | string | null>();
  for (const [row, code] of [
    [8, 'TL.LDQL.NU'],
    [9, 'CL.M1.1'],
    [10, 'CL.M6.4'],
  ] as const) {
    m.set(`F${row}`, ind(code).value);
    m.set(`G${row}`, ind(code).target?.value ?? null);
    m.set(`H${row}`, prevInd(code));
  }
  // the province's own yes/no: in "Kết quả thực hiện" (she moved it there), its strategy target, last year's
  m.set('F11', val('GD_NOIDUNG_GIOI', 'value') === 1 ? 'Có' : 'Không');
  m.set('H11', prev('GD_NOIDUNG_GIOI', 'value') === 1 ? 'Có' : 'Không');
  const gd = SEED.dataElements.find((e) => e.code === 'GD_NOIDUNG_GIOI')!;
  m.set('G11', targetFor({ code: gd.strategyCode!, targets: gd.targets }, 2026)!.value === 1 ? 'Có' : 'Không');
  for (const [row, code] of [
    [13, 'TT_LUOT'],
    [14, 'TAPHUAN_LUOT'],
    [17, 'CBCCVC'],
  ] as const) {
    m.set(`D${row}`, val(code, 'total'));
    m.set(`E${row}`, val(code, 'female'));
    m.set(`H${row}`, prev(code, 'total'));
  }
  m.set('D16', val('TAPHUAN_LOP', 'value'));
  m.set('H16', prev('TAPHUAN_LOP', 'value'));
  return m;
}

describe.each(BLANKS)('the ministry appendix %s', (file) => {
  let p: Figures;
  let suggestion: LayoutSuggestion;
  let layoutId: number;
  let consolidation: Consolidation;
  let fill: Fill;
  const bytes = blank(file);

  beforeAll(async () => {
    p = await provinceWithFigures();
    suggestion = await call<LayoutSuggestion>(p.ctx, 'layouts.suggest', {
      file: { name: file, bytes: new Uint8Array(bytes) },
      purpose: 'appendix',
    });
    // she confirms the proposals and puts the province's yes/no in "Kết quả thực hiện" instead of "Tổng số"
    const definition = reviewed(suggestion, (d) => {
      d.rows.find((r) => r.row === 11)!.column = 'F';
    });
    layoutId = (
      await call<{ id: number }>(p.ctx, 'layouts.save', { name: 'Phụ lục II của Bộ', definition, purpose: 'appendix' })
    ).id;
    consolidation = await call<Consolidation>(p.ctx, 'consolidation.get', { periodId: p.period.id });
    fill = await call<Fill>(p.ctx, 'reports.fillAppendix', {
      periodId: p.period.id,
      layoutId,
      file: { name: file, bytes: new Uint8Array(bytes) },
    });
    // BDG_LOOK_DIR=…: keep the filled copy, to look at it (LibreOffice → PDF → PNG)
    if (process.env.BDG_LOOK_DIR) writeFileSync(join(process.env.BDG_LOOK_DIR, `filled-${file}`), fill.bytes);
  }, 120_000);

  it('suggests the rows (indicators and elements) and the columns’ roles; heading, SUM and province rows unmapped', () => {
    expect(suggestion.sheet).toBe(SHEET);
    expect(suggestion.headerRows).toEqual([5, 6]);
    expect(suggestion.appendixColumns).toEqual([
      { column: 'D', role: 'total' },
      { column: 'E', role: 'female' },
      { column: 'F', role: 'result' },
      { column: 'G', role: 'target' },
      { column: 'H', role: 'previous' },
    ]);
    const byRow = new Map(suggestion.rows.map((r) => [r.row, r]));
    expect(byRow.get(8)).toMatchObject({ code: 'TL.LDQL.NU', kind: 'indicator' });
    expect(byRow.get(9)).toMatchObject({ code: 'CL.M1.1', kind: 'indicator' });
    expect(byRow.get(10)).toMatchObject({ code: 'CL.M6.4', kind: 'indicator' });
    expect(byRow.get(11)).toMatchObject({ code: 'GD_NOIDUNG_GIOI' });
    expect(byRow.get(13)?.code).toBe('TT_LUOT');
    expect(byRow.get(14)?.code).toBe('TAPHUAN_LUOT');
    expect(byRow.get(16)?.code).toBe('TAPHUAN_LOP');
    expect(byRow.get(17)?.code).toBe('CBCCVC');
    // the section headings (numbered I, II in the STT column), the SUM row and the province's own row: unmapped
    for (const row of [7, 12, 15, 18]) expect(byRow.get(row)?.code ?? null, `row ${row}`).toBeNull();
  });

  it('writes the consolidation’s figures into the mapped cells, as numbers (ratios recomputed) or Có/Không', async () => {
    const want = expected(consolidation);
    const cells = sheetCells((await parts(fill.bytes)).get(SHEET_PART)!.toString('utf8')).cells;
    const written = [...want].filter(([, v]) => v !== null);
    expect(written.length).toBeGreaterThan(15);
    for (const [ref, v] of written) expect(valueOf(cells.get(ref)!), ref).toBe(v);
    // the ratio is numerator ÷ denominator of the sums, not an average of the units' ratios
    const ldql = consolidation.values.filter((x) => x.code === 'LDQL');
    const sum = (cell: string) => ldql.find((x) => x.cell === cell)!.value;
    expect(valueOf(cells.get('F8')!)).toBe((sum('female') / sum('total')) * 100);
    expect(fill.filled).toBe(written.length);
    // missing: the 2025 LDQL figure (H8), the target of an indicator without one (G8 keeps the ministry's "—")
    expect(fill.empty).toBe([...want].filter(([, v]) => v === null).length);
    expect(want.get('H8')).toBeNull();
    expect(want.get('G8')).toBeNull();
    expect(fill.name).toMatch(/^phu-luc-bo.*_6-thang-dau-nam-2026\.xlsx$/);
  });

  it('leaves every other cell, row, sheet part, style and sheet byte for byte as the blank has it', async () => {
    const before = await parts(bytes);
    const after = await parts(fill.bytes);
    // the same entries in the same order (no folder entry added, none dropped)
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, content] of before) {
      if (name === SHEET_PART || name === 'xl/workbook.xml') continue;
      expect(after.get(name)!.equals(content), `${name} unchanged`).toBe(true);
    }
    // workbook.xml: only fullCalcOnLoad="1" on calcPr, so the SUM and "so với cùng kỳ" formulas refresh in Excel
    const wbBefore = before.get('xl/workbook.xml')!.toString('utf8');
    const wbAfter = after.get('xl/workbook.xml')!.toString('utf8');
    expect(wbAfter).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    expect(wbAfter.replace(/ fullCalcOnLoad="1"/, '').replace('<calcPr/>', '')).toBe(
      wbBefore.replace(/<calcPr[^>]*\/>/, (m) => (m === '<calcPr/>' ? '' : m)),
    );

    const a = sheetCells(before.get(SHEET_PART)!.toString('utf8'));
    const b = sheetCells(after.get(SHEET_PART)!.toString('utf8'));
    // merges, column widths, page setup, print options, header/footer, views: the text outside <sheetData>
    expect(b.outside).toBe(a.outside);
    expect(b.outside).toMatch(/<mergeCell /);
    expect(b.rows).toEqual(a.rows);
    const mapped = new Set([...expected(consolidation)].filter(([, v]) => v !== null).map(([ref]) => ref));
    expect([...b.cells.keys()].sort()).toEqual([...a.cells.keys()].sort());
    // a formula reading a written cell keeps its formula and style, and loses only its cached result (so that
    // LibreOffice, which ignores fullCalcOnLoad, recomputes it too); the others are untouched
    const reads = (formula: string): string[] =>
      [...formula.matchAll(/([A-Z])(\d+)(?::([A-Z])(\d+))?/g)].flatMap((m) => {
        const out: string[] = [];
        for (let r = Number(m[2]); r <= Number(m[4] ?? m[2]); r++) out.push(`${m[1]}${r}`);
        return out;
      });
    let stale = 0;
    for (const [ref, xml] of a.cells) {
      const formula = /<f[^>]*>([^<]*)<\/f>/.exec(xml)?.[1];
      if (mapped.has(ref)) expect(styleOf(b.cells.get(ref)), `${ref} keeps its style`).toBe(styleOf(xml));
      else if (formula && reads(formula).some((x) => mapped.has(x))) {
        stale++;
        expect(b.cells.get(ref), `${ref}: formula kept, cached result dropped`).toBe(
          xml.replace(/ t="[^"]*"/, '').replace(/<v>[^<]*<\/v>|<v\/>/, ''),
        );
      } else expect(b.cells.get(ref), `${ref} untouched`).toBe(xml);
    }
    // D15, E15 (the SUM row) and "so với cùng kỳ" on the rows whose result or previous figure was written
    expect(stale).toBeGreaterThanOrEqual(8);
    expect(b.cells.get('I18'), 'the province row’s formula reads nothing written').toBe(a.cells.get('I18'));
    // the formulas are still there, untouched
    expect(b.cells.get('D15')).toMatch(/<f[^>]*>SUM\(D13:D14\)<\/f>/);
    expect(b.cells.get('I9')).toMatch(/<f[ >]/);
  });

  it('reads back in exceljs: figures, formulas, fonts, number formats, merges, widths, print setup', async () => {
    const load = async (b: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(b as unknown as ExcelJS.Buffer);
      return wb;
    };
    const [wa, wb] = [await load(bytes), await load(fill.bytes)];
    const [sa, sb] = [wa.getWorksheet(SHEET)!, wb.getWorksheet(SHEET)!];
    const want = expected(consolidation);
    for (let r = 1; r <= 20; r++) {
      for (let c = 1; c <= 9; c++) {
        const [x, y] = [sa.getCell(r, c), sb.getCell(r, c)];
        const ref = x.address;
        expect(y.style, `${ref} style`).toEqual(x.style);
        const w = want.get(ref);
        if (w !== undefined && w !== null) expect(y.value, ref).toBe(w);
        else expect(y.value, ref).toEqual(x.value);
      }
    }
    expect(sb.getCell('G8').value).toBe('—');
    expect(sb.getCell('I8').formula).toBe(sa.getCell('I8').formula);
    expect(sb.getCell('A2').isMerged).toBe(true);
    expect(sb.getColumn(2).width).toBe(sa.getColumn(2).width);
    expect(sb.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('Hướng dẫn')!.getCell('A1').value).toBe('Hướng dẫn điền Phụ lục II');
  });

  it('the CLI writes the same file and prints the counts', async () => {
    const dir = p.ctx.dir;
    const into = join(dir, file);
    writeFileSync(into, bytes);
    const outPath = join(dir, `filled-${file}`);
    let out = '';
    let err = '';
    p.ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
    const code = await runCli(
      [
        'export',
        '--db',
        p.ctx.dbPath,
        '--period',
        String(p.period.id),
        '--into',
        into,
        '--layout',
        String(layoutId),
        '--out',
        outPath,
        '--json',
      ],
      { out: (s) => (out += s), err: (s) => (err += s) },
    );
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toEqual({
      path: outPath,
      bytes: fill.bytes.byteLength,
      filled: fill.filled,
      empty: fill.empty,
    });
    expect(Buffer.from(readFileSync(outPath)).equals(Buffer.from(fill.bytes))).toBe(true);

    // and the built command itself, as the officer runs it (npm run bdg → out/cli/bdg.cjs), on a copy of the
    // database file (this process holds the original open: one program at a time)
    const spawned = join(dir, `spawned-${file}`);
    const dbCopy = join(dir, 'copy.sqlite');
    copyFileSync(p.ctx.dbPath, dbCopy);
    const stdout = execFileSync(
      'node',
      [
        join(__dirname, '../../../scripts/bdg.mjs'),
        'export',
        '--db',
        dbCopy,
        '--period',
        String(p.period.id),
        '--into',
        into,
        '--layout',
        String(layoutId),
        '--out',
        spawned,
        '--json',
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ filled: fill.filled, empty: fill.empty });
    expect(Buffer.from(readFileSync(spawned)).equals(Buffer.from(fill.bytes))).toBe(true);
  }, 200_000);

  it('refuses, naming the cell, a layout that would write into a formula or under a merge; nothing is returned', async () => {
    const save = async (name: string, change: (d: LayoutDefinition) => void) =>
      (
        await call<{ id: number }>(p.ctx, 'layouts.save', {
          name,
          definition: reviewed(suggestion, change),
          purpose: 'appendix',
        })
      ).id;
    const fillWith = (id: number) =>
      import('../../../src/main/api/dispatch').then(({ dispatch }) =>
        dispatch(p.ctx, 'reports.fillAppendix', {
          periodId: p.period.id,
          layoutId: id,
          file: { name: file, bytes: new Uint8Array(bytes) },
        }),
      );
    // the SUM row mapped to an element with Tổng số and Nữ
    const sumRow = await save(`${file} SUM`, (d) => {
      const r = d.rows.find((x) => x.row === 15)!;
      r.code = 'DBHDND';
      r.confidence = 1;
    });
    const r1 = await fillWith(sumRow);
    expect(r1.ok).toBe(false);
    expect(!r1.ok && r1.error.message).toMatch(/Ô D15 .*công thức/);
    // a column role on the merged signature line (F20:I20): G20 is under the merge
    const merged = await save(`${file} merge`, (d) => {
      d.rows.push({ row: 20, label: 'THỦ TRƯỞNG CƠ QUAN', code: 'DANSO', confidence: 1 });
    });
    const r2 = await fillWith(merged);
    expect(r2.ok).toBe(false);
    expect(!r2.ok && r2.error.message).toMatch(/Ô H20 nằm trong vùng gộp ô F20:I20/);
  });
});

describe('an appendix layout is required', () => {
  it('refuses an import layout and an unknown one, with a message that says what to do', async () => {
    const p = await provinceWithFigures();
    const file = BLANKS[0];
    const s = await call<LayoutSuggestion>(p.ctx, 'layouts.suggest', {
      file: { name: file, bytes: new Uint8Array(blank(file)) },
      purpose: 'appendix',
    });
    const id = (await call<{ id: number }>(p.ctx, 'layouts.save', { name: 'nhầm mục đích', definition: reviewed(s) }))
      .id;
    const { dispatch } = await import('../../../src/main/api/dispatch');
    const r = await dispatch(p.ctx, 'reports.fillAppendix', {
      periodId: p.period.id,
      layoutId: id,
      file: { name: file, bytes: new Uint8Array(blank(file)) },
    });
    expect(!r.ok && r.error.message).toMatch(/không phải mẫu phụ lục của Bộ/);
    const r2 = await dispatch(p.ctx, 'reports.fillAppendix', {
      periodId: p.period.id,
      layoutId: 999,
      file: { name: file, bytes: new Uint8Array(blank(file)) },
    });
    expect(!r2.ok && r2.error.code).toBe('not_found');
  }, 120_000);
});

describe('the appendix mapped and filled through the CLI alone', () => {
  it('layout suggest --appendix → her changes → layout save --appendix → export --into', async () => {
    const p = await provinceWithFigures();
    const file = BLANKS[1];
    const dir = p.ctx.dir;
    const into = join(dir, file);
    writeFileSync(into, blank(file));
    const cli = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli([...args, '--db', p.ctx.dbPath, '--json'], {
        out: (s) => (out += s),
        err: (s) => (err += s),
      });
      expect(code, err).toBe(0);
      return JSON.parse(out) as Record<string, unknown>;
    };
    const s = (await cli(['layout', 'suggest', '--appendix', into])) as unknown as LayoutSuggestion;
    expect(s.appendixColumns?.map((c) => c.role)).toEqual(['total', 'female', 'result', 'target', 'previous']);
    s.rows.find((r) => r.row === 11)!.column = 'F';
    const from = join(dir, 'mau-phu-luc.json');
    writeFileSync(from, JSON.stringify(s));
    const { id } = (await cli(['layout', 'save', '--appendix', '--name', 'Phụ lục II', '--from', from])) as {
      id: number;
    };
    const out = join(dir, 'phu-luc-da-dien.xlsx');
    const r = await cli([
      'export',
      '--period',
      String(p.period.id),
      '--into',
      into,
      '--layout',
      String(id),
      '--out',
      out,
    ]);
    const byDispatch = await call<Fill>(p.ctx, 'reports.fillAppendix', {
      periodId: p.period.id,
      layoutId: id,
      file: { name: file, bytes: new Uint8Array(blank(file)) },
    });
    expect(r).toEqual({
      path: out,
      bytes: byDispatch.bytes.byteLength,
      filled: byDispatch.filled,
      empty: byDispatch.empty,
    });
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(byDispatch.bytes))).toBe(true);
    const cells = sheetCells((await parts(readFileSync(out))).get(SHEET_PART)!.toString('utf8')).cells;
    expect(valueOf(cells.get('F11')!)).toBe('Có');
    // without --appendix the layout is an import one, and export refuses it
    const { id: wrong } = (await cli(['layout', 'save', '--name', 'nhầm', '--from', from])) as { id: number };
    let err = '';
    const code = await runCli(
      ['export', '--db', p.ctx.dbPath, '--period', '1', '--into', into, '--layout', String(wrong), '--out', out],
      { out: () => {}, err: (x) => (err += x) },
    );
    expect(code).toBe(1);
    expect(err).toMatch(/không phải mẫu phụ lục của Bộ/);
  }, 120_000);
});
