/**
 * Issue 14, the inbox through the API door (dispatch), on a real SQLite file with real .xlsx made by the app's
 * template export and filled with exceljs: refused files kept (after a restart) with their reasons and original,
 * status `returned`, the hand entry, assign, withdraw and the received-date correction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import type { Ctx } from '../../../src/main/api/context';
import { ORIGINAL_CAP } from '../../../src/main/services/imports/commit';
import { updateSettings } from '../../../src/main/services/settings';
import type { InboxEntry, InboxList, EntryForm } from '../../../src/shared/contract/inbox';
import type { Consolidation, ImportResult, StatusReport } from '../../../src/shared/domain/report';
import { cleanup, editForm, importOne, province } from '../intake/helpers';

afterEach(cleanup);

async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, op as never, input as never);
  if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
  return r.data as T;
}
async function callError(ctx: Ctx, op: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await dispatch(ctx, op as never, input as never);
  if (r.ok) throw new Error(`${op} should have failed`);
  return r.error;
}

const GOOD = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } };
const BAD = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 10, female: 12 } };

const unitStatus = async (ctx: Ctx, periodId: number, unit: string) =>
  (await call<StatusReport>(ctx, 'status.get', { periodId })).units.find((u) => u.unit === unit)!;
const consolidated = async (ctx: Ctx, periodId: number, code: string, cell: string) =>
  (await call<Consolidation>(ctx, 'consolidation.get', { periodId })).values.find(
    (v) => v.code === code && v.cell === cell,
  )?.value ?? null;
const auditOf = (ctx: Ctx, action: string) =>
  ctx.raw
    .prepare('SELECT actor, at, entity_id AS entityId, after, reason FROM audit_log WHERE action = ?')
    .all(action) as Array<{
    actor: string;
    at: string;
    entityId: string;
    after: string;
    reason: string | null;
  }>;

describe('the inbox keeps every file', () => {
  it('a refused file is in the inbox after a restart, with its reasons and its original; the unit is returned, then judged on its accepted resend', async () => {
    const p = province();
    // the deadline is 04/06 (today is 05/06): a file on 03/06 is in time, one on 05/06 late
    await call(p.ctx, 'periods.update', { id: p.period.id, deadline: '2026-06-04' });
    const bad = await p.form('LCA-S01', BAD);
    const r = await importOne(p.ctx, p.period.id, bad, { receivedAt: '2026-06-03' });
    expect(r.status).toBe('rejected');
    expect(r.entryId).toBeGreaterThan(0);

    p.ctx.reopen(); // the database closed and opened again (as after a restart)
    const list = await call<InboxList>(p.ctx, 'inbox.list', { periodId: p.period.id });
    expect(list.total).toBe(1);
    expect(list.counts.rejected).toBe(1);
    const e = list.entries[0]!;
    expect(e).toMatchObject({
      id: r.entryId,
      file: bad.name,
      status: 'rejected',
      unit: 'LCA-S01',
      unitName: 'Sở Nội vụ',
      channel: 'file',
      via: 'email',
      receivedAt: '2026-06-03',
      hasOriginal: true,
      revision: null,
    });
    expect(e.errors).toEqual(r.errors);
    expect(e.errors.map((x) => x.code)).toContain('R01');
    const orig = await call<{ name: string; bytes: Uint8Array }>(p.ctx, 'inbox.original', { id: e.id });
    expect(orig.name).toBe(bad.name);
    expect(Buffer.from(orig.bytes).equals(bad.bytes)).toBe(true);

    // status: returned (not missing, not received), the reason and the first attempt's date
    const st = await call<StatusReport>(p.ctx, 'status.get', { periodId: p.period.id });
    expect(st.units.find((u) => u.unit === 'LCA-S01')).toMatchObject({
      status: 'returned',
      receivedAt: null,
      firstAttemptAt: '2026-06-03',
      returnReason: r.errors[0]!.message,
    });
    expect(st).toMatchObject({ returned: 1, missing: 4, received: 0 });
    // the reminder asks it to send again, in its own paragraph with the reason; the workbook's list says so
    const letter = await call<{ text: string; returned: number }>(p.ctx, 'reports.reminder', { periodId: p.period.id });
    expect(letter.returned).toBe(1);
    const asked = letter.text
      .split('\n')
      .find((l) => l.includes('Sở Nội vụ') && l.includes(r.errors[0]!.message.slice(0, 30)));
    expect(asked, letter.text).toBeDefined();
    const wbFile = await call<{ bytes: Uint8Array }>(p.ctx, 'reports.workbook', { periodId: p.period.id });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(wbFile.bytes as unknown as ArrayBuffer);
    const listed: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => {
        const cells = (row.values as unknown[]).map((v) => String(v ?? ''));
        if (cells.includes('Sở Nội vụ')) listed.push(cells.join('|'));
      });
    expect(
      listed.some((l) => l.includes('Đã gửi, cần gửi lại')),
      listed.join('\n'),
    ).toBe(true);
    expect(listed.some((l) => l.includes('Chưa gửi'))).toBe(false);

    // the corrected file, received after the deadline: late, judged on the accepted report (not the first file)
    const good = await p.form('LCA-S01', GOOD);
    const ok = await importOne(p.ctx, p.period.id, good, { receivedAt: '2026-06-05' });
    expect(ok.status).toBe('accepted');
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({
      status: 'late',
      receivedAt: '2026-06-05',
      firstAttemptAt: '2026-06-03',
      returnReason: null,
    });
    const after = await call<InboxList>(p.ctx, 'inbox.list', { periodId: p.period.id });
    expect(after.entries.map((x) => x.status)).toEqual(['accepted', 'rejected']);
    expect(after.entries[0]).toMatchObject({ id: ok.entryId, revision: 1, submissionId: ok.submissionId });
  });

  it('filters by status, channel and unit; search ignores diacritics; pages', async () => {
    const p = province();
    await importOne(p.ctx, p.period.id, await p.form('LCA-S01', BAD));
    await importOne(p.ctx, p.period.id, await p.form('LCA-S03', GOOD));
    await importOne(p.ctx, p.period.id, await p.generic(GOOD));
    const list = (q: Record<string, unknown>) => call<InboxList>(p.ctx, 'inbox.list', { periodId: p.period.id, ...q });
    expect((await list({})).counts).toMatchObject({ rejected: 1, accepted: 1, unidentified: 1, withdrawn: 0 });
    expect((await list({ status: ['rejected', 'unidentified'] })).entries.map((e) => e.status)).toEqual([
      'unidentified',
      'rejected',
    ]);
    expect((await list({ unitId: p.ids.get('LCA-S03') })).entries.map((e) => e.unit)).toEqual(['LCA-S03']);
    // "so noi vu" finds "Sở Nội vụ"
    expect((await list({ search: 'so noi vu' })).entries.map((e) => e.unit)).toEqual(['LCA-S01']);
    expect((await list({ channel: ['paper'] })).total).toBe(0);
    const page = await list({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3 });
    expect(page.entries).toHaveLength(1);
  });

  it('an unreadable file is recorded with the sha256 of its bytes', async () => {
    const p = province();
    const garbage = { name: 'bao-cao.xlsx', bytes: Buffer.from('không phải bảng tính') };
    const r = await importOne(p.ctx, p.period.id, garbage);
    expect(r.status).toBe('rejected');
    const e = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
    const orig = await call<{ bytes: Uint8Array }>(p.ctx, 'inbox.original', { id: r.entryId });
    expect(Buffer.from(orig.bytes).equals(garbage.bytes)).toBe(true);
  });
});

describe('the original is capped', () => {
  it('a refused file over 20 MB is recorded without its bytes, and the result says so', async () => {
    const p = province();
    const big = { name: 'rat-lon.xlsx', bytes: Buffer.alloc(ORIGINAL_CAP + 1, 0x41) };
    const r = await importOne(p.ctx, p.period.id, big);
    expect(r.status).toBe('rejected');
    expect(r.warnings.map((w) => w.code)).toContain('ORIGINAL_NOT_KEPT');
    const e = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(e).toMatchObject({ hasOriginal: false, status: 'rejected', size: null });
    expect(e.warnings.map((w) => w.code)).toContain('ORIGINAL_NOT_KEPT');
    expect((await callError(p.ctx, 'inbox.original', { id: r.entryId })).code).toBe('not_found');
    expect((p.ctx.raw.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(0);
    // at the cap exactly, it is kept
    const edge = await importOne(p.ctx, p.period.id, { name: 'vua.xlsx', bytes: Buffer.alloc(ORIGINAL_CAP, 0x42) });
    expect((await call<InboxEntry>(p.ctx, 'inbox.get', { id: edge.entryId })).hasOriginal).toBe(true);
  });
});

describe('assign an unidentified file', () => {
  it('the generic copy assigned to a unit is checked as its report: accepted, audited, linked, counted', async () => {
    const p = province();
    const generic = await p.generic(GOOD);
    const r = await importOne(p.ctx, p.period.id, generic, { receivedAt: '2026-06-04' });
    expect(r.status).toBe('unidentified');
    // waiting for her (Xuất báo cáo says so): counted in `unassigned` until assigned, whatever the list's filter
    const list = (status?: InboxEntry['status'][]) =>
      call<InboxList>(p.ctx, 'inbox.list', { periodId: p.period.id, ...(status ? { status } : {}) });
    expect((await list()).unassigned).toBe(1);
    expect((await list(['accepted'])).unassigned).toBe(1);
    const a = await call<ImportResult & { entryId: number }>(p.ctx, 'inbox.assign', {
      id: r.entryId,
      unitCode: 'LCA-S02',
    });
    // its entry stays "unidentified" (with the assignment noted) but waits no longer
    expect(await list(['unidentified'])).toMatchObject({ total: 1, unassigned: 0 });
    expect(a).toMatchObject({ status: 'accepted', unit: 'LCA-S02', revision: 1 });
    const old = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(old.assignedEntryId).toBe(a.entryId);
    expect(old.note).toContain('LCA-S02');
    expect(old.status).toBe('unidentified');
    // received on the day the file came, not the day she assigned it
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S02')).toMatchObject({
      status: 'on_time',
      receivedAt: '2026-06-04',
    });
    expect(await consolidated(p.ctx, p.period.id, 'TT_LUOT', 'female')).toBe(45);
    const audit = auditOf(p.ctx, 'assign');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(String(r.entryId));
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ unit: 'LCA-S02', entry: a.entryId, status: 'accepted' });
  });

  it('a file whose _meta names ANOTHER unit is still refused when assigned; the figure checks still apply', async () => {
    const p = province();
    const noiVu = await p.form('LCA-S01', GOOD);
    const r = await importOne(p.ctx, p.period.id, noiVu, { unitCode: 'LCA-S02' });
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => e.code)).toEqual(['UNIT_MISMATCH']);
    expect(r.errors[0]!.message).toContain('Sở Nội vụ');
    // the generic copy with a rule error, assigned: refused with the rule's message
    const bad = await importOne(p.ctx, p.period.id, await p.generic(BAD));
    // the rules are checked once the unit (and so its form) is known: unidentified first, refused once assigned
    expect(bad.status).toBe('unidentified');
    const a = await call<ImportResult>(p.ctx, 'inbox.assign', { id: bad.entryId, unitCode: 'LCA-S02' });
    expect(a.status).toBe('rejected');
    expect(a.errors.map((e) => e.code)).toContain('R01');
    expect((await call<StatusReport>(p.ctx, 'status.get', { periodId: p.period.id })).received).toBe(0);
    // the typed name does not count: a generic copy naming a unit the register lacks, assigned, is accepted
    const named = await editForm((await p.generic(GOOD)).bytes, (m) => {
      for (let row = 1; row <= 20; row++)
        if (m.ws.getCell(row, 1).value === 'Đơn vị báo cáo:') m.ws.getCell(row, 3).value = 'Sở Tài chánh tỉnh';
    });
    const u = await importOne(p.ctx, p.period.id, { name: 'tai-chinh.xlsx', bytes: named });
    expect(u.status).toBe('unidentified');
    const ok = await call<ImportResult>(p.ctx, 'inbox.assign', { id: u.entryId, unitCode: 'LCA-S02' });
    expect(ok.status).toBe('accepted');
  });
});

describe('paper and scanned reports', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

  it('the form has the unit kind’s rows; values entered equal values consolidated; the scan is kept; the audit says who', async () => {
    const p = province();
    updateSettings(p.ctx.db, { officer: 'Nguyễn Thị Hoa' });
    const form = await call<EntryForm>(p.ctx, 'submissions.entryForm', { periodId: p.period.id, unitCode: 'LCA-S01' });
    expect(form.unit).toMatchObject({ code: 'LCA-S01', kind: 'so_nganh' });
    // who reports what: Sở Nội vụ has no health rows, Sở Y tế has them (the rule its exported form follows)
    expect(form.rows.map((r) => r.element)).not.toContain('SINH_SONG');
    const health = await call<EntryForm>(p.ctx, 'submissions.entryForm', {
      periodId: p.period.id,
      unitCode: 'LCA-S03',
    });
    expect(health.rows.map((r) => r.element)).toContain('SINH_SONG');
    const exported = (await p.form('LCA-S01')).bytes;
    expect(form.rows.length).toBeGreaterThan(5);
    // every row's code is on the unit's exported form, in its order
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.getWorksheet('Báo cáo')!.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && form.rows.some((r) => r.element === v)) codes.push(v);
    });
    expect(codes).toEqual(form.rows.map((r) => r.element));
    const yesno = form.rows.find((r) => r.type === 'yesno');
    const values: Record<string, Record<string, unknown>> = {
      VB_BANHANH: { value: 3 },
      TT_LUOT: { total: 120, female: '70' },
    };
    if (yesno) values[yesno.element] = { [yesno.cells[0]!]: 'Có' };
    const r = await call<ImportResult & { entryId: number }>(p.ctx, 'submissions.enter', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      values,
      scan: { name: 'bao-cao-so-noi-vu.png', bytes: PNG },
      receivedAt: '2026-06-02',
    });
    expect(r).toMatchObject({ status: 'accepted', revision: 1, unit: 'LCA-S01', file: 'bao-cao-so-noi-vu.png' });
    expect(await consolidated(p.ctx, p.period.id, 'TT_LUOT', 'total')).toBe(120);
    expect(await consolidated(p.ctx, p.period.id, 'TT_LUOT', 'female')).toBe(70);
    expect(await consolidated(p.ctx, p.period.id, 'VB_BANHANH', 'value')).toBe(3);
    const e = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(e).toMatchObject({ channel: 'scan', via: 'scan', status: 'accepted', receivedAt: '2026-06-02' });
    const scan = await call<{ name: string; bytes: Uint8Array }>(p.ctx, 'inbox.original', { id: r.entryId });
    expect(Buffer.from(scan.bytes).equals(PNG)).toBe(true);
    const enter = auditOf(p.ctx, 'enter');
    expect(enter).toHaveLength(1);
    expect(enter[0]).toMatchObject({ actor: 'Nguyễn Thị Hoa', entityId: String(r.submissionId) });
    expect(enter[0]!.at).toMatch(/^2\d{3}-\d\d-\d\d/);
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({
      status: 'on_time',
      receivedAt: '2026-06-02',
    });
    // the form starts from the current figures
    const again = await call<EntryForm>(p.ctx, 'submissions.entryForm', { periodId: p.period.id, unitCode: 'LCA-S01' });
    expect(again.currentRevision).toBe(1);
    expect(again.current.TT_LUOT).toMatchObject({ total: 120, female: 70 });
  });

  it('a rule error refuses the entry with the same message an import gives; no scan: the values kept as JSON', async () => {
    const p = province();
    const imported = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', BAD));
    const r = await call<ImportResult & { entryId: number }>(p.ctx, 'submissions.enter', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      values: { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 10, female: 12 } },
    });
    expect(r.status).toBe('rejected');
    const rule = (x: ImportResult) => x.errors.filter((e) => e.code === 'R01');
    expect(rule(r)).toHaveLength(1);
    expect(rule(r)).toEqual(rule(imported));
    expect((await call<StatusReport>(p.ctx, 'status.get', { periodId: p.period.id })).received).toBe(0);
    const e = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(e).toMatchObject({ channel: 'paper', file: null, status: 'rejected', hasOriginal: true });
    const json = await call<{ name: string; bytes: Uint8Array }>(p.ctx, 'inbox.original', { id: r.entryId });
    expect(json.name).toBe('nhap-tay_LCA-S01_2026-06-05.json');
    expect(JSON.parse(Buffer.from(json.bytes).toString('utf8')).values.TT_LUOT).toEqual({ total: 10, female: 12 });
    // a bad scan (a renamed text file) is refused before anything is written
    const err = await callError(p.ctx, 'submissions.enter', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      values: { VB_BANHANH: { value: 2 } },
      scan: { name: 'scan.pdf', bytes: Buffer.from('hello') },
    });
    expect(err.message).toMatch(/không phải bản scan dạng PDF, JPG hoặc PNG/);
    // a cell the row does not have
    const cell = await callError(p.ctx, 'submissions.enter', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      values: { VB_BANHANH: { female: 2 } },
    });
    expect(cell.message).toMatch(/không có ô "Nữ"/);
  });

  it('"không áp dụng" and "Không" are read as the form reader reads them; vi-VN numbers', async () => {
    const p = province();
    const form = await call<EntryForm>(p.ctx, 'submissions.entryForm', { periodId: p.period.id, unitCode: 'LCA-S01' });
    const yesno = form.rows.find((r) => r.type === 'yesno')!;
    const r = await call<ImportResult>(p.ctx, 'submissions.enter', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      values: {
        VB_BANHANH: { value: 'không áp dụng' },
        TT_LUOT: { total: '1.200', female: 600 },
        [yesno.element]: { [yesno.cells[0]!]: 'Không' },
      },
    });
    expect(r.status, JSON.stringify(r.errors)).toBe('accepted');
    const cells = p.ctx.raw
      .prepare('SELECT element, cell, state, num FROM submission_values WHERE submission_id = ? ORDER BY element, cell')
      .all(r.submissionId) as Array<{ element: string; cell: string; state: string; num: number | null }>;
    expect(cells).toContainEqual({ element: 'VB_BANHANH', cell: 'value', state: 'na', num: null });
    expect(cells).toContainEqual({ element: 'TT_LUOT', cell: 'total', state: 'number', num: 1200 });
    expect(cells).toContainEqual({ element: yesno.element, cell: yesno.cells[0], state: 'yesno', num: 0 });
  });
});

describe('withdraw and correct the received date', () => {
  it('withdrawing the current revision makes the one before current again, then none; a later import is max+1', async () => {
    const p = province();
    const r1 = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', GOOD), { receivedAt: '2026-06-04' });
    const r2 = await importOne(
      p.ctx,
      p.period.id,
      await p.form('LCA-S01', { VB_BANHANH: { value: 9 }, TT_LUOT: { total: 90, female: 50 } }),
      { receivedAt: '2026-06-05' },
    );
    expect(r2.revision).toBe(2);
    expect(await consolidated(p.ctx, p.period.id, 'VB_BANHANH', 'value')).toBe(9);
    const short = await callError(p.ctx, 'submissions.withdraw', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      reason: '',
    });
    expect(short.code).toBe('invalid_input');
    const w = await call<{ unit: string; revision: number | null }>(p.ctx, 'submissions.withdraw', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      reason: 'Đơn vị gửi nhầm số liệu của quý trước',
    });
    expect(w).toEqual({ unit: 'LCA-S01', revision: 1 });
    expect(await consolidated(p.ctx, p.period.id, 'VB_BANHANH', 'value')).toBe(2);
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({ status: 'on_time', revision: 1 });
    const e2 = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r2.entryId });
    expect(e2.status).toBe('withdrawn');
    expect(e2.note).toContain('gửi nhầm');
    // superseded_by is consistent: exactly one revision with superseded_by NULL, the current one
    const nulls = p.ctx.raw
      .prepare('SELECT revision FROM submissions WHERE period_id = ? AND superseded_by IS NULL')
      .all(p.period.id);
    expect(nulls).toEqual([{ revision: 1 }]);
    const w2 = await call<{ revision: number | null }>(p.ctx, 'submissions.withdraw', {
      periodId: p.period.id,
      unitCode: 'LCA-S01',
      reason: 'Rút nốt để đơn vị gửi lại',
    });
    expect(w2.revision).toBeNull();
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({ status: 'missing', revision: null });
    expect(await consolidated(p.ctx, p.period.id, 'VB_BANHANH', 'value')).toBeNull();
    expect(auditOf(p.ctx, 'withdraw').map((a) => a.reason)).toEqual([
      'Đơn vị gửi nhầm số liệu của quý trước',
      'Rút nốt để đơn vị gửi lại',
    ]);
    // the same bytes as a withdrawn revision come in as a new one, numbered after every revision
    const again = await importOne(p.ctx, p.period.id, {
      name: 'lai.xlsx',
      bytes: (await p.form('LCA-S01', GOOD)).bytes,
    });
    expect(again).toMatchObject({ status: 'accepted', revision: 3 });
    expect(r1.revision).toBe(1);
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({
      status: 'on_time',
      revision: 3,
      receivedAt: '2026-06-05',
    });
  });

  it('a received date corrected (reason, audited): timeliness follows', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', GOOD), { receivedAt: '2026-06-04' });
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({ status: 'on_time' });
    const future = await callError(p.ctx, 'submissions.setReceived', {
      id: r.submissionId,
      receivedAt: '2026-07-01',
      reason: 'Ghi nhầm ngày',
    });
    expect(future.message).toMatch(/tương lai/);
    const out = await call<{ previous: string }>(p.ctx, 'submissions.setReceived', {
      id: r.submissionId,
      receivedAt: '2026-05-20',
      reason: 'Ngày trên dấu công văn đến',
    });
    expect(out.previous).toBe('2026-06-04');
    // the deadline 10/06 moved in the test's eyes: correct to after it
    await call(p.ctx, 'submissions.setReceived', { id: r.submissionId, receivedAt: '2026-06-05', reason: 'Sửa lại' });
    expect(await unitStatus(p.ctx, p.period.id, 'LCA-S01')).toMatchObject({
      status: 'on_time',
      receivedAt: '2026-06-05',
    });
    const e = await call<InboxEntry>(p.ctx, 'inbox.get', { id: r.entryId });
    expect(e.receivedAt).toBe('2026-06-05');
    expect(auditOf(p.ctx, 'set_received').map((a) => a.reason)).toEqual(['Ngày trên dấu công văn đến', 'Sửa lại']);
  });
});
