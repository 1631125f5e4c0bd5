/**
 * Importing the officer's unit list: a preview (dry run) first, then the same computation written with the
 * choices she made on it (rows and single changes unticked, generated codes edited, kinds chosen).
 *
 * - Codes are normalised (shared/text/unit-code.ts): "lca-s01", "LCA–S01" and "LCA S01" are one code.
 * - A list without a code column: each row is matched to the register by name (unitNameKey: diacritics, case,
 *   "UBND" / "Ủy ban nhân dân" ignored); only unmatched rows get a generated code: the kind's prefix (S sở/ban/
 *   ngành, D đoàn thể, X cấp xã, K khác) and the next free number (2 digits, 3 for X) in list order.
 * - Re-import merges, never wipes: a field the file leaves empty or does not have keeps its value; every other
 *   difference is a change (before → after) she can untick. Units the list does not name are only listed.
 * - "Sáp nhập vào" + dates record the merger (unit_links) and end the old unit's validity the day before; the
 *   successor's start is what its own row says (a Văn phòng UBND that absorbs a Sở existed before the merger).
 */
import { eq } from 'drizzle-orm';
import type {
  UnitColumnRole,
  UnitImportChange,
  UnitImportDecisions,
  UnitImportResult,
  UnitImportRow,
} from '../../shared/contract';
import type { UnitKind } from '../../shared/domain/catalog';
import { localIsoDate } from '../../shared/rules/period';
import { unitActiveOn } from '../../shared/rules/unit-validity';
import { normalizeUnitCode, UNIT_CODE_PATTERN } from '../../shared/text/unit-code';
import { unitNameKey } from '../../shared/text/unit-names';
import { searchKey } from '../../shared/text/vi';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { parseUnitList } from '../excel/parse-pool';
import { dayAfter, FIELD_LABEL, type UnitListRow } from '../excel/unit-list-reader';
import { audit } from './audit';

type UnitRow = typeof t.units.$inferSelect;

const PREFIX: Record<UnitKind, string> = { so_nganh: 'S', doan_the: 'D', xa: 'X', khac: 'K' };
const WIDTH: Record<UnitKind, number> = { so_nganh: 2, doan_the: 2, xa: 3, khac: 2 };

/** the fields a row can change on an existing unit, with their column in the table */
const FIELDS = [
  ['name', 'name'],
  ['kind', 'kind'],
  ['group', 'groupName'],
  ['contact', 'contact'],
  ['position', 'position'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['address', 'address'],
  ['note', 'note'],
  ['validFrom', 'validFrom'],
  ['validTo', 'validTo'],
] as const satisfies ReadonlyArray<readonly [string, keyof UnitRow]>;

export interface UnitImportOptions {
  dryRun?: boolean;
  columns?: Record<string, UnitColumnRole>;
  decisions?: UnitImportDecisions;
  today?: string;
}

/**
 * The generated code of a row: the kind's prefix and the row's place among the list's units of that kind
 * ("the 2nd sở" → S02), so the same list always gives the same codes; when that code is taken, the next free one.
 */
function nextCode(kind: UnitKind, ordinal: number, taken: Set<string>): string {
  const p = PREFIX[kind];
  const wanted = `${p}${String(ordinal).padStart(WIDTH[kind], '0')}`;
  if (!taken.has(wanted)) return wanted;
  let max = 0;
  const re = new RegExp(`^${p}(\\d+)$`);
  for (const c of taken) {
    const m = re.exec(c);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${p}${String(max + 1).padStart(WIDTH[kind], '0')}`;
}

export async function importUnitList(
  db: Db,
  file: { name: string; bytes: Uint8Array },
  opts: UnitImportOptions | boolean = {},
): Promise<UnitImportResult> {
  const o: UnitImportOptions = typeof opts === 'boolean' ? { dryRun: opts } : opts;
  const today = o.today ?? localIsoDate();
  const dec = o.decisions ?? {};
  const parsed = await parseUnitList(file.bytes, file.name, o.columns ?? {});
  const { layout } = parsed;
  const result: UnitImportResult = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    rows: [],
    changes: [],
    generatedCodes: [],
    absent: [],
    links: [],
    columns: layout.columns.map((c) => ({ letter: c.letter, header: c.header, role: c.role, samples: c.samples })),
    headerRow: layout.headerRow,
    missing: layout.missing.map((f) => FIELD_LABEL[f]),
    needsMapping: layout.missing.length > 0,
    notices: [],
  };
  if (result.needsMapping) {
    result.errors.push({
      row: layout.headerRow,
      message:
        `Không nhận ra cột "${result.missing.join('", "')}" trong dòng tiêu đề (dòng ${layout.headerRow}). ` +
        `Hãy chọn ở bảng "Cột trong tệp" cột nào là tên đơn vị (dòng lệnh: --columns name=${
          layout.columns.find((c) => c.role === 'extra')?.letter ?? 'B'
        }).`,
    });
    return result;
  }
  // the name column the officer chose has nothing under its header: one answer about the column, not one
  // "thiếu tên đơn vị" per row; nothing is read from the rows, she chooses again. (Another field's column may be
  // empty: the screen sends every column's role, and an empty "Điện thoại" column only has nothing to give.)
  const nameLetter = Object.entries(o.columns ?? {})
    .find(([, role]) => role === 'name')?.[0]
    .toUpperCase();
  if (nameLetter && !layout.columns.find((c) => c.letter === nameLetter)?.samples.length) {
    const filled = layout.columns.filter((c) => c.samples.length).map((c) => c.letter);
    result.needsMapping = true;
    result.errors.push({
      row: layout.headerRow,
      message:
        `Cột ${nameLetter} được chọn là "${FIELD_LABEL.name}" nhưng trống ở mọi dòng từ dòng ${layout.headerEnd + 1} ` +
        `trở xuống: không có gì để nhập, chưa ghi gì. Hãy chọn ở bảng "Cột trong tệp" cột có tên đơn vị` +
        (filled.length ? ` (các cột có nội dung: ${filled.join(', ')}).` : '.'),
    });
    return result;
  }
  const extras = layout.columns.filter((c) => c.role === 'extra');
  if (extras.length)
    result.notices.push(
      `Các cột ứng dụng chưa có được giữ vào Ghi chú của đơn vị: ${extras.map((c) => `"${c.header}" (cột ${c.letter})`).join(', ')}.`,
    );
  const hasCode = layout.columns.some((c) => c.role === 'code');
  const hasKind = layout.columns.some((c) => c.role === 'kind');
  if (!hasCode)
    result.notices.push(
      'Tệp không có cột mã đơn vị: đơn vị đã có được nhận theo tên; đơn vị mới được tạo mã (xem cột Mã, có thể sửa).',
    );
  if (!hasKind) result.notices.push('Tệp không có cột loại đơn vị: loại được đoán theo tên, hãy xem lại cột Loại.');

  const problems = new Map<number, string>();
  for (const p of parsed.problems)
    problems.set(p.row, problems.has(p.row) ? `${problems.get(p.row)}; ${p.message}` : p.message);
  const skipRows = new Set(dec.skipRows ?? []);
  const skipChanges = new Set((dec.skipChanges ?? []).map((c) => `${c.row}:${c.field}`));
  const codeOf = new Map((dec.codes ?? []).map((c) => [c.row, normalizeUnitCode(c.code)]));
  const kindOf = new Map((dec.kinds ?? []).map((k) => [k.row, k.kind]));

  const register = db.select().from(t.units).all();
  const byCode = new Map(register.map((u) => [normalizeUnitCode(u.code), u]));
  const byName = new Map<string, UnitRow[]>();
  for (const u of register) {
    const k = unitNameKey(u.name);
    byName.set(k, [...(byName.get(k) ?? []), u]);
  }
  const taken = new Set(byCode.keys());
  const ordinals = new Map<UnitKind, number>();

  interface Planned {
    r: UnitListRow;
    row: UnitImportRow;
    code: string;
    kind: UnitKind;
    existing: UnitRow | null;
    changes: UnitImportChange[];
  }
  const planned: Planned[] = [];
  const usedUnits = new Set<number>();
  const fail = (row: UnitImportRow, message: string) => {
    row.action = 'error';
    row.message = message;
    result.errors.push({ row: row.row, message });
    result.rows.push(row);
  };

  for (const r of parsed.rows) {
    const kind = kindOf.get(r.row) ?? r.kind;
    const row: UnitImportRow = {
      row: r.row,
      code: r.code,
      name: r.name,
      kind,
      contact: r.contact,
      phone: r.phone,
      email: r.email,
      position: r.position ?? null,
      address: r.address ?? null,
      note: r.note ?? null,
      validFrom: r.validFrom ?? null,
      validTo: r.validTo ?? null,
      successors: r.successors ?? [],
      kindInferred: !kindOf.has(r.row) && r.kindInferred === true,
      action: 'error',
    };
    // the unit the row is about: by code, else (a list without codes) by name
    let existing: UnitRow | null = null;
    let code = codeOf.get(r.row) ?? r.code;
    if (code) existing = byCode.get(code) ?? null;
    if (!existing && !r.code) {
      const same = (byName.get(unitNameKey(r.name)) ?? []).filter((u) => !usedUnits.has(u.id));
      if (same.length > 1) {
        fail(
          row,
          `Dòng ${r.row} ("${r.name}"): có ${same.length} đơn vị cùng tên trong ứng dụng (${same.map((u) => u.code).join(', ')}). ` +
            'Hãy ghi mã đơn vị cho dòng này.',
        );
        continue;
      }
      if (same.length === 1 && !codeOf.has(r.row)) {
        existing = same[0]!;
        code = existing.code;
        row.matchedByName = true;
      }
    } else if (!existing && r.code) {
      // a new code for a name the register already has under another code: a twin, ask
      const twin = (byName.get(unitNameKey(r.name)) ?? []).find(
        (u) => normalizeUnitCode(u.code) !== code && unitActiveOn(u, today),
      );
      if (twin) {
        fail(
          row,
          `Dòng ${r.row} ("${r.name}"): đã có đơn vị cùng tên với mã "${twin.code}", khác mã "${code}" trong tệp. ` +
            'Nếu là cùng một đơn vị, hãy sửa mã trong tệp thành mã đã có; nếu là đơn vị khác, hãy ghi tên phân biệt.',
        );
        continue;
      }
    }
    row.code = code;
    const problem = problems.get(r.row);
    if (problem && !(kindOf.has(r.row) && /loại đơn vị/.test(problem) && !problem.includes('; '))) {
      fail(row, problem);
      continue;
    }
    const finalKind = kind ?? (existing?.kind as UnitKind | undefined) ?? null;
    if (!finalKind) {
      fail(
        row,
        `Dòng ${r.row} ("${r.name}"): chưa ghi loại đơn vị và không đoán được từ tên. Hãy chọn loại ở cột "Loại" ` +
          '("Sở, ban, ngành", "Đoàn thể", "UBND xã, phường, đặc khu" hoặc "Khác").',
      );
      continue;
    }
    if (skipRows.has(r.row)) {
      row.action = 'skipped';
      if (existing) usedUnits.add(existing.id);
      result.rows.push(row);
      continue;
    }
    const ordinal = (ordinals.get(finalKind) ?? 0) + 1;
    ordinals.set(finalKind, ordinal);
    if (!existing && !code) {
      code = nextCode(finalKind, ordinal, taken);
      row.generated = true;
      result.generatedCodes.push({ row: r.row, code, name: r.name });
    }
    if (!UNIT_CODE_PATTERN.test(code) || code.length > 50) {
      fail(row, `Dòng ${r.row} ("${r.name}"): mã "${code}" không dùng được. Mã chỉ gồm chữ, số, dấu gạch, dấu chấm.`);
      continue;
    }
    if (!existing && taken.has(code)) {
      fail(row, `Dòng ${r.row} ("${r.name}"): mã "${code}" đã được dùng cho đơn vị khác. Hãy chọn mã khác.`);
      continue;
    }
    if (existing && usedUnits.has(existing.id)) {
      fail(
        row,
        `Dòng ${r.row} ("${r.name}"): đơn vị "${existing.name}" đã có ở một dòng trên. Mỗi đơn vị ghi một lần.`,
      );
      continue;
    }
    taken.add(code);
    row.code = code;
    row.kind = finalKind;
    if (existing) usedUnits.add(existing.id);
    // field-level changes: only what the file says and differs; empty cells keep the stored value
    const changes: UnitImportChange[] = [];
    if (existing) {
      const file: Record<string, string | null> = {
        name: r.name,
        kind: hasKind || kindOf.has(r.row) ? finalKind : null,
        group: r.group,
        contact: r.contact,
        position: r.position ?? null,
        phone: r.phone,
        email: r.email,
        address: r.address ?? null,
        note: r.note ?? null,
        validFrom: r.validFrom ?? null,
        validTo: r.validTo ?? null,
      };
      for (const [field, col] of FIELDS) {
        const after = file[field] ?? null;
        if (after === null || after === '') continue;
        const before = (existing[col] as string | null) ?? null;
        if (before === after) continue;
        if (field === 'note' && before && before.includes(after)) continue;
        // the same name written with "UBND" or without diacritics is not a change
        if (field === 'name' && row.matchedByName && unitNameKey(before ?? '') === unitNameKey(after)) continue;
        changes.push({ row: r.row, code, field, before, after });
      }
    }
    row.action = 'same'; // settled below, once the merger links are resolved
    planned.push({ r, row, code, kind: finalKind, existing, changes });
  }

  // merger links: successors named by code or name, in this list or in the register
  const listByCode = new Map(planned.map((p) => [p.code, p]));
  const listByName = new Map(planned.map((p) => [unitNameKey(p.r.name), p]));
  const existingLinks = db.select().from(t.unitLinks).all();
  const linkPlans: Array<{ p: Planned; succ: Array<Planned | UnitRow>; effectiveDate: string }> = [];
  for (const p of planned) {
    const names = p.r.successors ?? [];
    if (!names.length || !p.r.mergeDate) continue;
    const succ: Array<Planned | UnitRow> = [];
    const unknown: string[] = [];
    const resolve = (s: string): Planned | UnitRow | null => {
      const c = normalizeUnitCode(s);
      return (
        listByCode.get(c) ??
        byCode.get(c) ??
        listByName.get(unitNameKey(s)) ??
        ((byName.get(unitNameKey(s)) ?? []).length === 1 ? byName.get(unitNameKey(s))![0]! : null)
      );
    };
    for (const s of names) {
      const one = resolve(s);
      if (one) succ.push(one);
      else {
        // "Phường A, Phường B": a split into several
        const parts = s.split(/\s*,\s*/).map(resolve);
        if (parts.length > 1 && parts.every(Boolean)) succ.push(...(parts as Array<Planned | UnitRow>));
        else unknown.push(s);
      }
    }
    if (unknown.length) {
      const message =
        `Dòng ${p.r.row} ("${p.r.name}"): không tìm thấy đơn vị kế thừa "${unknown.join('", "')}" trong danh sách ` +
        'hay trong ứng dụng. Hãy ghi đúng tên hoặc mã của đơn vị kế thừa.';
      p.row.action = 'error';
      p.row.message = message;
      result.errors.push({ row: p.r.row, message });
      continue;
    }
    const succName = (x: Planned | UnitRow) => ('r' in x ? x.r.name : x.name);
    const succId = (x: Planned | UnitRow) => ('r' in x ? x.existing?.id : x.id);
    const before = p.existing
      ? existingLinks
          .filter((l) => l.predecessorId === p.existing!.id)
          .map((l) => register.find((u) => u.id === l.successorId)?.name ?? '')
      : [];
    const already =
      p.existing &&
      succ.every((x) => existingLinks.some((l) => l.predecessorId === p.existing!.id && l.successorId === succId(x)));
    if (!already) {
      p.changes.push({
        row: p.r.row,
        code: p.code,
        field: 'successor',
        before: before.length ? before.join('; ') : null,
        after: `${succ.map(succName).join('; ')} (từ ${p.r.mergeDate.split('-').reverse().join('/')})`,
      });
    }
    linkPlans.push({ p, succ, effectiveDate: p.r.mergeDate });
  }

  for (const p of planned) {
    if (p.row.action === 'error') {
      result.rows.push(p.row);
      continue;
    }
    const accepted = p.changes.filter((c) => !skipChanges.has(`${c.row}:${c.field}`));
    for (const c of p.changes) result.changes.push(c);
    if (!p.existing) {
      p.row.action = 'new';
      result.imported++;
    } else if (accepted.length) {
      p.row.action = 'update';
      result.updated++;
    } else {
      p.row.action = 'same';
      result.unchanged++;
    }
    if (p.r.invisible)
      (result.warnings ??= []).push({
        row: p.r.row,
        message:
          `Dòng ${p.r.row} ("${p.r.name}"): có ký tự ẩn (ví dụ ký tự đảo chiều chữ) làm tên hiển thị khác thực tế; ` +
          'đã bỏ các ký tự này. Hãy kiểm tra lại tên đơn vị.',
      });
    result.rows.push(p.row);
  }
  for (const l of linkPlans) {
    if (l.p.row.action === 'error') continue;
    result.links.push({
      row: l.p.r.row,
      predecessor: l.p.code,
      successors: l.succ.map((x) => ('r' in x ? x.code : x.code)),
      effectiveDate: l.effectiveDate,
    });
  }
  for (const p of parsed.problems) {
    if (!result.rows.some((r) => r.row === p.row)) result.errors.push({ row: p.row, message: p.message });
  }
  result.errors.sort((a, b) => a.row - b.row);
  result.rows.sort((a, b) => a.row - b.row);
  result.absent = register
    .filter((u) => !usedUnits.has(u.id) && unitActiveOn(u, today))
    .map((u) => ({ code: u.code, name: u.name }));

  if (o.dryRun) return result;
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    let order = register.reduce((m, r) => Math.max(m, r.sortOrder), 0);
    const idOf = new Map<string, number>();
    const now = new Date().toISOString();
    for (const p of planned) {
      if (p.row.action === 'error' || p.row.action === 'skipped') continue;
      if (!p.existing) {
        const values = {
          code: p.code,
          name: p.r.name,
          searchKey: searchKey(`${p.code} ${p.r.name}`),
          kind: p.kind,
          groupName: p.r.group,
          contact: p.r.contact,
          position: p.r.position ?? null,
          phone: p.r.phone,
          email: p.r.email,
          address: p.r.address ?? null,
          note: p.r.note ?? null,
          validFrom: p.r.validFrom ?? null,
          validTo: p.r.validTo ?? null,
        };
        const ins = d
          .insert(t.units)
          .values({ ...values, sortOrder: ++order })
          .returning({ id: t.units.id })
          .get();
        idOf.set(p.code, ins.id);
        audit(d, { action: 'import', entity: 'unit', entityId: ins.id, after: values });
        continue;
      }
      idOf.set(p.code, p.existing.id);
      const set: Partial<UnitRow> = {};
      for (const c of p.changes) {
        if (skipChanges.has(`${c.row}:${c.field}`) || c.field === 'successor') continue;
        const col = FIELDS.find(([f]) => f === c.field)![1];
        (set as Record<string, unknown>)[col] = c.after;
      }
      if (!Object.keys(set).length) continue;
      const name = (set.name as string | undefined) ?? p.existing.name;
      d.update(t.units)
        .set({ ...set, searchKey: searchKey(`${p.existing.code} ${name}`), updatedAt: now })
        .where(eq(t.units.id, p.existing.id))
        .run();
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, p.existing![k as keyof UnitRow]]));
      audit(d, { action: 'import', entity: 'unit', entityId: p.existing.id, before, after: set });
    }
    for (const l of linkPlans) {
      if (l.p.row.action === 'error' || l.p.row.action === 'skipped') continue;
      if (skipChanges.has(`${l.p.r.row}:successor`)) continue;
      const pred = idOf.get(l.p.code);
      if (!pred) continue;
      const succIds = l.succ
        .map((x) => ('r' in x ? idOf.get(x.code) : x.id))
        .filter((x): x is number => typeof x === 'number');
      for (const s of succIds) {
        d.insert(t.unitLinks)
          .values({ predecessorId: pred, successorId: s, effectiveDate: l.effectiveDate })
          .onConflictDoUpdate({
            target: [t.unitLinks.predecessorId, t.unitLinks.successorId],
            set: { effectiveDate: l.effectiveDate },
          })
          .run();
      }
      const prow = d.select().from(t.units).where(eq(t.units.id, pred)).get()!;
      const end = new Date(`${l.effectiveDate}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() - 1);
      const validTo = end.toISOString().slice(0, 10);
      if (!prow.validTo || dayAfter(prow.validTo) > l.effectiveDate)
        d.update(t.units).set({ validTo }).where(eq(t.units.id, pred)).run();
      audit(d, {
        action: 'link',
        entity: 'unit',
        entityId: String(pred),
        after: { successorIds: succIds, effectiveDate: l.effectiveDate },
      });
    }
  });
  return result;
}
