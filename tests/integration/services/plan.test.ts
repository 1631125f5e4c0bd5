/**
 * The year's plan end to end on a real SQLite file: a plan list saved by LibreOffice (group phrases, a misspelt
 * unit), the units' forms with their task rows, filled forms with every status spelling imported through the
 * normal pipeline, and the consolidation per task and per unit.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTemplateWorkbook } from '../../../src/main/excel/template-writer';
import { getCatalog, getTemplateRow } from '../../../src/main/services/catalog';
import { periodConsolidation } from '../../../src/main/services/consolidation';
import { importFile } from '../../../src/main/services/imports';
import { createPeriod, getPeriodRow, setExpected } from '../../../src/main/services/periods';
import {
  checkTaskAnswers,
  copyPlan,
  getPlan,
  importPlan,
  planResults,
  resolveUnmatched,
  unitTasks,
} from '../../../src/main/services/plan';
import { databaseId, getSettings } from '../../../src/main/services/settings';
import { exportTemplates } from '../../../src/main/services/templates';
import { saveUnit, setUnitActive } from '../../../src/main/services/units';
import { ministryWorkbook, reportWord } from '../../../src/main/services/reports';
import { planNarrative } from '../../../src/main/documents/plan-narrative';
import mammoth from 'mammoth';
import { APP_VERSION } from '../../../src/main/version';
import { runCli } from '../../../src/main/hosts/cli/run';
import { fillTasks, PLAN_FIXTURE, PLAN_UNITS, taskRowsOf, type TaskFill } from '../../helpers/plan';
import { tmpCtx } from '../../helpers/tmp';
import { dispatch } from '../../../src/main/api/dispatch';
import type { EntryForm } from '../../../src/shared/contract/inbox';

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
  return r.data as T;
}

const open: Array<{ dispose(): void }> = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});

function province() {
  const ctx = tmpCtx({ today: () => '2026-06-05' });
  open.push(ctx);
  const ids = new Map<string, number>();
  for (const [code, name, kind, validTo] of PLAN_UNITS) {
    ids.set(code, saveUnit(ctx.db, { code, name, kind, ...(validTo ? { validTo } : {}) }).id);
  }
  return { ctx, ids };
}

const planFile = () => ({ name: 'ke-hoach-2026-libreoffice.xlsx', bytes: readFileSync(PLAN_FIXTURE) });

async function withPlan() {
  const p = province();
  const r = await importPlan(p.ctx.db, 2026, planFile());
  const plan = getPlan(p.ctx.db, 2026);
  const task = (n: string) => plan.tasks.find((x) => x.stt === n)!;
  return { ...p, r, plan, task };
}

const codes = (list: Array<{ code: string }>) => list.map((u) => u.code).sort();

describe('the plan list, as LibreOffice saved it', () => {
  it('reads sections and tasks, expands group phrases to the units of the year and keeps the misspelt name', async () => {
    const { r, plan, task } = await withPlan();
    expect(r).toMatchObject({ tasks: 5, errors: [], dryRun: false });
    expect(r.unmatched).toEqual([{ row: expect.any(Number), text: 'Sở Tư Pháo' }]);
    expect(plan.sections).toEqual([
      'I. CÔNG TÁC TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT VỀ BÌNH ĐẲNG GIỚI',
      'II. NÂNG CAO NĂNG LỰC QUẢN LÝ NHÀ NƯỚC VỀ BÌNH ĐẲNG GIỚI',
    ]);
    // "Sở Văn hóa, Thể thao và Du lịch" (commas inside a name) and "các sở, ban, ngành" (a group)
    expect(codes(task('1').lead)).toEqual(['S03']);
    expect(codes(task('1').partners)).toEqual(['B01', 'S01', 'S02', 'S04']);
    expect(task('1').due).toBe('2026-06-30');
    // "Hội LHPN tỉnh" (abbreviation); "các tổ chức chính trị - xã hội" without the lead itself
    expect(codes(task('2').lead)).toEqual(['D01']);
    expect(codes(task('2').partners)).toEqual(['D02']);
    expect(task('2')).toMatchObject({ due: null, dueText: 'Thường xuyên' });
    // "các thành viên Ban": departments, mass organisations and the others, not the communes
    expect(codes(task('3').partners)).toEqual(['B01', 'D01', 'D02', 'S02', 'S03', 'S04']);
    // "UBND các xã, phường, đặc khu": the communes valid in 2026 (not the district closed in 2025)
    expect(codes(task('4').partners)).toEqual(['X01', 'X02']);
    expect(task('4').unmatched).toEqual([{ id: expect.any(Number), role: 'partner', text: 'Sở Tư Pháo' }]);
    // two leads; "Phường Cam Đường và Xã Bảo Thắng"
    expect(codes(task('5').lead)).toEqual(['S01', 'S02']);
    expect(codes(task('5').partners)).toEqual(['X01', 'X02']);
    expect(r.assignments).toBe(5 + 2 + 7 + 3 + 4);
  });

  it('a dry run writes nothing; the officer resolves the unmatched name to a unit', async () => {
    const p = province();
    const dry = await importPlan(p.ctx.db, 2026, planFile(), true);
    expect(dry).toMatchObject({ tasks: 5, dryRun: true });
    expect(getPlan(p.ctx.db, 2026).tasks).toEqual([]);
    await importPlan(p.ctx.db, 2026, planFile());
    const t4 = getPlan(p.ctx.db, 2026).tasks.find((x) => x.stt === '4')!;
    const after = resolveUnmatched(p.ctx.db, t4.unmatched[0]!.id, 'S04');
    expect(after.unmatched).toEqual([]);
    expect(codes(after.partners)).toEqual(['S04', 'X01', 'X02']);
  });

  it('copies last year: units still valid kept, deadlines moved a year, names of closed units kept to resolve', async () => {
    const { ctx, ids } = await withPlan();
    setUnitActive(ctx.db, ids.get('X02')!, false, '2026-12-31');
    const r = copyPlan(ctx.db, 2026, 2027);
    expect(r.tasks).toBe(5);
    const next = getPlan(ctx.db, 2027);
    expect(next.tasks.find((x) => x.stt === '1')!.due).toBe('2027-06-30');
    expect(next.tasks.find((x) => x.stt === '4')!.unmatched.map((u) => u.text)).toEqual(['Xã Bảo Thắng', 'Sở Tư Pháo']);
    expect(codes(next.tasks.find((x) => x.stt === '4')!.partners)).toEqual(['X01']);
    expect(() => copyPlan(ctx.db, 2026, 2027)).toThrow(/đã có kế hoạch/);
  });

  it("the import keeps only answers about the unit's own tasks, and says when the form's task list is stale", async () => {
    const { ctx, ids, task } = await withPlan();
    const answer = (id: number) => ({
      element: `NV:${id}`,
      cell: 'value' as const,
      value: { state: 'text' as const, value: 'done' },
    });
    const r = checkTaskAnswers(ctx.db, 2026, ids.get('S03')!, {
      values: [answer(task('1').id), answer(task('2').id)],
      taskMeta: { ids: [task('1').id], fingerprint: 'stale' },
    });
    expect(r.values).toEqual([answer(task('1').id)]);
    expect(r.warnings.map((w) => w.code)).toEqual(['TASK_NOT_GIVEN', 'TASK_LIST_CHANGED', 'TASK_NOT_REPORTED']);
  });

  it('the CLI: plan import and plan list print the contract', async () => {
    const p = province();
    const dbPath = join(p.ctx.dir, 'test.sqlite');
    p.ctx.close();
    const cli = async (args: string[]) => {
      let out = '';
      const code = await runCli(args, { out: (s) => (out += s), err: () => undefined });
      return { code, json: JSON.parse(out) as Record<string, unknown> };
    };
    const dry = await cli(['plan', 'import', '--db', dbPath, '--year', '2026', PLAN_FIXTURE, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(Object.keys(dry.json).sort()).toEqual(['assignments', 'errors', 'tasks', 'unmatched']);
    const list0 = await cli(['plan', 'list', '--db', dbPath, '--year', '2026', '--json']);
    expect(list0.json).toEqual({ tasks: [] });
    const imp = await cli(['plan', 'import', '--db', dbPath, '--year', '2026', PLAN_FIXTURE, '--json']);
    expect(imp.json).toMatchObject({ tasks: 5, assignments: 21, unmatched: [{ text: 'Sở Tư Pháo' }], errors: [] });
    const list = await cli(['plan', 'list', '--db', dbPath, '--year', '2026', '--json']);
    const tasks = list.json.tasks as Array<Record<string, unknown>>;
    expect(tasks).toHaveLength(5);
    expect(Object.keys(tasks[0]!).sort()).toEqual(['due', 'id', 'lead', 'partners', 'section', 'title']);
    expect(tasks[0]).toMatchObject({ lead: ['S03'], due: '2026-06-30' });
    expect(tasks[4]).toMatchObject({ lead: ['S01', 'S02'], partners: ['X01', 'X02'], due: null });
  });
});

/** Every cell (value, style, validation), merge, row height, column width and page setup of a workbook's sheets. */
async function dump(bytes: Uint8Array): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: unknown[] = [wb.definedNames.model];
  wb.eachSheet((ws) => {
    out.push(ws.name, ws.state, ws.pageSetup, ws.headerFooter, ws.views, ws.model.merges);
    ws.columns.forEach((c) => out.push(c.width));
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      out.push(r, row.height);
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = ws.name === '_meta' && row.getCell(1).value === 'generatedAt' ? '(time)' : cell.value;
        out.push(cell.address, v, JSON.stringify(cell.style), JSON.stringify(cell.dataValidation ?? null));
      });
    });
  });
  return out;
}

describe("the units' forms", () => {
  async function setup() {
    const p = await withPlan();
    // a unit added after the plan was imported: no task is given to it
    p.ids.set('X03', saveUnit(p.ctx.db, { code: 'X03', name: 'Đặc khu Cô Tô', kind: 'xa' }).id);
    const period = createPeriod(p.ctx.db, { year: 2026, kind: 'half_year' });
    setExpected(
      p.ctx.db,
      period.id,
      [...p.ids.entries()].filter(([c]) => c !== 'H01').map(([, id]) => id),
    );
    const form = async (code: string) => (await exportTemplates(p.ctx.db, period.id, [code]))[0]!;
    return { ...p, period, form };
  }

  it('hold rows only for the tasks given to the unit, marked lead or partner, with a status drop-down', async () => {
    const { task, form } = await setup();
    const lead = await taskRowsOf((await form('S03')).bytes);
    expect(lead.map((x) => [x.code, x.role])).toEqual([
      [`NV:${task('1').id}`, 'Chủ trì'],
      [`NV:${task('3').id}`, 'Phối hợp'],
    ]);
    expect(lead[0]!.title).toContain('(thời hạn: 30/06/2026)');
    const partner = await taskRowsOf((await form('D02')).bytes);
    expect(partner.map((x) => [x.code, x.role])).toEqual([
      [`NV:${task('2').id}`, 'Phối hợp'],
      [`NV:${task('3').id}`, 'Phối hợp'],
    ]);
    expect(await taskRowsOf((await form('X03')).bytes)).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await form('S03')).bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    let statusCell: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (row.getCell(2).value === `NV:${task('1').id}`) statusCell = row.getCell(5);
    });
    expect(statusCell!.dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Đã hoàn thành,Đang thực hiện,Chưa thực hiện"'],
    });
    expect(statusCell!.protection).toMatchObject({ locked: false });
    // the task list and its fingerprint are part of the form's identity (_meta, after the usual keys)
    const meta = wb.getWorksheet('_meta')!;
    const keys: string[] = [];
    meta.eachRow((row) => keys.push(String(row.getCell(1).value)));
    expect(keys.slice(-2)).toEqual(['tasks', 'taskFingerprint']);
  });

  it('a form without tasks is cell for cell the form the writer makes without a plan', async () => {
    const { ctx, period, form } = await setup();
    const exported = await form('X03');
    const catalog = getCatalog(ctx.db);
    const p = getPeriodRow(ctx.db, period.id);
    const tpl = getTemplateRow(ctx.db, p.templateId);
    const settings = getSettings(ctx.db);
    const today = await buildTemplateWorkbook({
      catalog: { sections: catalog.sections, cellLabels: catalog.cellLabels, dataElements: catalog.dataElements },
      template: { code: tpl.code, version: tpl.version, name: tpl.name, rows: tpl.rows },
      period: {
        id: p.id,
        year: p.year,
        kind: 'half_year',
        label: p.label,
        dataFrom: p.dataFrom,
        dataTo: p.dataTo,
        deadline: p.deadline,
      },
      unit: { code: 'X03', name: 'Đặc khu Cô Tô', kind: 'xa' },
      province: settings.province,
      agencyName: settings.agencyName,
      appVersion: APP_VERSION,
      databaseId: databaseId(ctx.db) ?? undefined,
    });
    expect(await dump(exported.bytes)).toEqual(await dump(today));
  });
});

/** How each spelling a unit may type reads (written here, apart from the code under test). */
const MEANS: Record<string, 'done' | 'inProgress' | 'notDone' | null> = {
  x: 'done',
  'Đã hoàn thành': 'done',
  'hoàn thành': 'done',
  'đã thực hiện': 'done',
  'Đang thực hiện': 'inProgress',
  'đang thực hiện': 'inProgress',
  'Chưa thực hiện': 'notDone',
  ok: null,
};

describe('filled forms, imported through the normal pipeline', () => {
  it('count per task as the files say; a unit that sent nothing is not reported on each of its tasks', async () => {
    const { ctx, ids, task, plan } = await withPlan();
    const period = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    setExpected(
      ctx.db,
      period.id,
      [...ids.entries()].filter(([c]) => c !== 'H01').map(([, id]) => id),
    );
    const t = (n: string) => task(n).id;
    const fills: Record<string, Record<number, TaskFill>> = {
      S01: {
        [t('1')]: { status: 'x' },
        [t('3')]: { status: 'Đã hoàn thành', result: 'Quyết định số 12/QĐ-UBND' },
        [t('4')]: { status: 'đang thực hiện' },
        [t('5')]: { status: 'Chưa thực hiện' },
      },
      S03: {
        [t('1')]: { status: 'hoàn thành', result: 'Đăng 24 tin, bài; 2 chuyên mục', activities: 26 },
        [t('3')]: { status: 'đã thực hiện' },
      },
      D02: { [t('2')]: { status: 'Đang thực hiện' }, [t('3')]: { status: 'ok' } },
      X01: { [t('4')]: { status: 'Đã hoàn thành', activities: '3' } },
    };
    const dir = join(ctx.dir, 'lo');
    mkdirSync(dir);
    for (const [code, fill] of Object.entries(fills)) {
      const f = (await exportTemplates(ctx.db, period.id, [code]))[0]!;
      let bytes: Uint8Array = await fillTasks(f.bytes, fill);
      if (code === 'S03') {
        // one unit's file saved again by LibreOffice, as units do
        writeFileSync(join(dir, f.name), bytes);
        execFileSync(
          'soffice',
          ['--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, f.name)],
          {
            stdio: 'ignore',
          },
        );
        bytes = readFileSync(join(dir, 'out', f.name));
      }
      const r = await importFile(ctx, { periodId: period.id, file: { name: f.name, bytes } });
      expect(r.status, `${code}: ${JSON.stringify(r.errors)}`).toBe('accepted');
      if (code === 'D02') expect(r.warnings.map((w) => w.code)).toContain('TASK_STATUS_UNCLEAR');
    }
    // the expected counts, from the files written above
    const expected = plan.tasks.map((x) => {
      const c = { id: x.id, done: 0, inProgress: 0, notDone: 0, notReported: 0 };
      for (const u of [...x.lead, ...x.partners]) {
        const spelt = fills[u.code]?.[x.id]?.status;
        const m = spelt === undefined ? null : MEANS[spelt]!;
        c[m ?? 'notReported']++;
      }
      return c;
    });
    expect(periodConsolidation(ctx.db, period.id).tasks).toEqual(expected);
    expect(expected.find((x) => x.id === t('1'))).toEqual({
      id: t('1'),
      done: 2,
      inProgress: 0,
      notDone: 0,
      notReported: 3,
    });

    const results = planResults(ctx.db, period.id);
    const r1 = results.tasks.find((x) => x.id === t('1'))!;
    expect(r1.answers[0]).toMatchObject({
      unit: 'S03',
      role: 'lead',
      status: 'done',
      result: 'Đăng 24 tin, bài; 2 chuyên mục',
      activities: 26,
    });
    // S02 sent no report: not reported on each of its tasks
    const s02 = results.tasks.flatMap((x) => x.answers.filter((a) => a.unit === 'S02'));
    expect(s02.length).toBe(3);
    expect(s02.every((a) => a.status === null && a.submissionId === null)).toBe(true);
    expect(results.units.find((u) => u.unit === 'S01')).toMatchObject({ given: 4, done: 2 });
    expect(results.units.find((u) => u.unit === 'S02')).toMatchObject({ given: 3, done: 0 });
    expect(unitTasks(ctx.db, period.id, ids.get('X01')!)).toMatchObject({
      given: 2,
      done: 1,
      tasks: [
        { id: t('4'), status: 'done', activities: 3 },
        { id: t('5'), status: null },
      ],
    });

    // the ministry workbook's appendix: one row per task under its section, with the same counts
    const wbFile = await ministryWorkbook(ctx.db, period.id, { today: '2026-06-20' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(wbFile.bytes as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets.find((w) => String(w.getCell(2, 1).value).includes('KẾT QUẢ THỰC HIỆN NHIỆM VỤ'))!;
    expect(sheet, 'appendix sheet').toBeDefined();
    const rows: unknown[][] = [];
    sheet.eachRow((row, r) => {
      if (r > 5) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]![0]).toBe('I. CÔNG TÁC TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT VỀ BÌNH ĐẲNG GIỚI');
    const row1 = rows.find((r) => r[1] === task('1').title)!;
    expect(row1.slice(2)).toEqual(['Sở Văn hóa, Thể thao và Du lịch', '30/06/2026', 2, 0, 0, 3]);
    const row5 = rows.find((r) => r[1] === task('5').title)!;
    expect(row5.slice(2)).toEqual(['Sở Nội vụ; Sở Y tế', '', 0, 0, 1, 3]);

    // Phần I: a paragraph per section, what was done, by whom, what remains
    const [p1, p2] = planNarrative(results.tasks);
    expect(p1!.text).toContain('Kế hoạch có 2 nhiệm vụ, đã hoàn thành 1, đang thực hiện 1.');
    expect(p1!.text).toContain('(Sở Văn hóa, Thể thao và Du lịch chủ trì, Sở Nội vụ phối hợp): đăng 24 tin, bài');
    expect(p2!.text).toContain('Kế hoạch có 3 nhiệm vụ, đã hoàn thành 1, đang thực hiện 1, còn 1 nhiệm vụ');
    expect(p2!.text).toContain('Chưa thực hiện: kiểm tra, giám sát');

    // the Word draft writes them as its Phần I
    const draft = await reportWord(ctx.db, period.id, { today: '2026-06-20' });
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(draft.bytes) });
    const partOne = text.slice(text.indexOf('I. CÔNG TÁC CHỈ ĐẠO'), text.indexOf('II. KẾT QUẢ'));
    expect(partOne).toContain('Kế hoạch có 2 nhiệm vụ, đã hoàn thành 1, đang thực hiện 1.');
    expect(partOne).toContain('Chưa thực hiện: kiểm tra, giám sát');
  }, 60_000);
});

describe('the paper-entry form (a report that came on paper)', () => {
  it("shows the unit's tasks after its figures and stores the answers as its form would", async () => {
    const { ctx, ids, task } = await withPlan();
    const period = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    setExpected(ctx.db, period.id, [ids.get('S01')!, ids.get('S04')!]);
    const t = (n: string) => task(n).id;
    const form = await ok<EntryForm>(dispatch(ctx, 'submissions.entryForm', { periodId: period.id, unitCode: 'S01' }));
    const taskCodes = form.rows.filter((r) => r.section === 'NV').map((r) => r.element);
    // S01 is given tasks 1, 3, 4, 5 on its form: the same four, three rows each, after the figures
    const exported = await taskRowsOf((await exportTemplates(ctx.db, period.id, ['S01']))[0]!.bytes);
    expect(taskCodes.filter((c) => !c.includes('.'))).toEqual(exported.map((r) => r.code));
    expect(taskCodes).toHaveLength(exported.length * 3);
    expect(form.rows.findIndex((r) => r.section === 'NV')).toBeGreaterThan(5);
    expect(form.rows.find((r) => r.element === `NV:${t('1')}`)!.name).toMatch(/chủ trì|phối hợp/);

    const enter = (values: Record<string, Record<string, unknown>>) =>
      dispatch(ctx, 'submissions.enter', { periodId: period.id, unitCode: 'S01', receivedAt: '2026-06-04', values });
    // a status that cannot be read is refused with a message saying what to write
    const unclear = await enter({ VB_BANHANH: { value: 2 }, [`NV:${t('1')}`]: { value: 'ok' } });
    expect(unclear.ok).toBe(false);
    expect(!unclear.ok && unclear.error.message).toMatch(/Tình trạng của nhiệm vụ .* không rõ.*Đã hoàn thành/);
    // a task not given to S01 (task 2) is not a row of its form
    const other = await enter({ VB_BANHANH: { value: 2 }, [`NV:${t('2')}`]: { value: 'x' } });
    expect(other.ok).toBe(false);

    const r = await ok<{ status: string }>(
      enter({
        VB_BANHANH: { value: 2 },
        [`NV:${t('1')}`]: { value: 'x' },
        [`NV:${t('1')}.KQ`]: { value: 'Đăng 3 tin bài' },
        [`NV:${t('1')}.SL`]: { value: '3' },
        [`NV:${t('4')}`]: { value: 'Đang thực hiện' },
      }),
    );
    expect(r.status).toBe('accepted');
    expect(unitTasks(ctx.db, period.id, ids.get('S01')!)).toMatchObject({ given: 4, done: 1 });
    const results = planResults(ctx.db, period.id);
    expect(results.tasks.find((x) => x.id === t('1'))!.answers.find((a) => a.unit === 'S01')).toMatchObject({
      status: 'done',
      result: 'Đăng 3 tin bài',
      activities: 3,
    });
    // the form opened again starts from what was entered, in the form's words
    const again = await ok<EntryForm>(dispatch(ctx, 'submissions.entryForm', { periodId: period.id, unitCode: 'S01' }));
    expect(again.current[`NV:${t('4')}`]).toEqual({ value: 'Đang thực hiện' });
  }, 60_000);
});
