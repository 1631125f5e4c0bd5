/**
 * exceljs's reader, with three facts it drops kept (see below). The parsers are wrapped once per process by
 * ensureExcelJsPatched(), which every reader calls before loading a workbook with exceljs (grid.ts, the demo
 * filler); it throws if exceljs's internals ever change shape (it is pinned). Not at import: `bdg` loads exceljs
 * only when a command uses it.
 */
import ExcelJS from 'exceljs';
// exceljs ships no types for its parts; these are the ones its xlsx reader uses for <c>, <row> and <numFmt>
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json)
import CellXform from 'exceljs/lib/xlsx/xform/sheet/cell-xform.js';
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json)
import RowXform from 'exceljs/lib/xlsx/xform/sheet/row-xform.js';
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json)
import NumFmtXform from 'exceljs/lib/xlsx/xform/style/numfmt-xform.js';
import { isZeroHeightRow, protectEscapedPercent } from './fast-grid';

// ---------------------------------------------------------------------------------------------------------------
// Three facts exceljs's reader drops and the grid needs, kept by wrapping its parsers (a few lines each, checked by
// the tests that compare this path with the fast reader):
// - a t="str" formula cell with an empty <v> (what Excel and LibreOffice write for ="") has a cached result, the
//   empty string; exceljs keeps no result for it, just as for a formula never calculated (no <v> at all). The cell
//   model gets EMPTY_TEXT_RESULT, which exceljs ignores (cell.model still carries it);
// - a row of height 0 set by hand (ht="0" customHeight="1") is hidden; exceljs drops a 0 height and never reads
//   customHeight, so such a row is marked hidden while parsing;
// - an escaped percent sign in a custom number format (`0.0\%`, as LibreOffice saves `0.0"%"`) is a literal, but
//   exceljs removes the backslash; the code is handed over with `"%"` instead (protectEscapedPercent), which shows
//   the same.

export const EMPTY_TEXT_RESULT = 'bdgEmptyTextResult';
const SAW_V = Symbol('bdg <v> seen');

interface XformNode {
  name: string;
  attributes: Record<string, string | undefined>;
}
interface CellXformThis {
  parser?: unknown;
  t?: string;
  model?: Record<string, unknown>;
  [SAW_V]?: boolean;
}
interface RowXformThis {
  parser?: unknown;
  model?: Record<string, unknown>;
}
type ParseOpen<T> = (this: T, node: XformNode) => boolean;
type ParseClose<T> = (this: T, name: string) => boolean;

export function ensureExcelJsPatched(): void {
  const cell = (CellXform as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const row = (RowXform as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const numFmt = (NumFmtXform as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (
    typeof cell?.parseOpen !== 'function' ||
    typeof cell.parseClose !== 'function' ||
    typeof row?.parseOpen !== 'function' ||
    typeof numFmt?.parseOpen !== 'function'
  ) {
    throw new Error('exceljs internals changed: CellXform/RowXform/NumFmtXform parseOpen/parseClose not found');
  }
  if (cell[EMPTY_TEXT_RESULT]) return; // patched already (one module instance per process, but be safe)
  cell[EMPTY_TEXT_RESULT] = true;
  const cellOpen = cell.parseOpen as ParseOpen<CellXformThis>;
  const cellClose = cell.parseClose as ParseClose<CellXformThis>;
  const rowOpen = row.parseOpen as ParseOpen<RowXformThis>;
  const numFmtOpen = numFmt.parseOpen as ParseOpen<unknown>;
  cell.parseOpen = function (this: CellXformThis, node: XformNode): boolean {
    if (!this.parser) {
      if (node.name === 'c') this[SAW_V] = false;
      else if (node.name === 'v') this[SAW_V] = true;
    }
    return cellOpen.call(this, node);
  } satisfies ParseOpen<CellXformThis>;
  cell.parseClose = function (this: CellXformThis, name: string): boolean {
    const model = this.model;
    const out = cellClose.call(this, name);
    if (
      name === 'c' &&
      model &&
      model.type === ExcelJS.ValueType.Formula &&
      model.result === undefined &&
      this.t === 'str' &&
      this[SAW_V]
    ) {
      model[EMPTY_TEXT_RESULT] = true;
    }
    return out;
  } satisfies ParseClose<CellXformThis>;
  row.parseOpen = function (this: RowXformThis, node: XformNode): boolean {
    const isRow = !this.parser && node.name === 'row';
    const out = rowOpen.call(this, node);
    if (isRow && this.model && isZeroHeightRow(node.attributes.ht, node.attributes.customHeight)) {
      this.model.hidden = true;
    }
    return out;
  } satisfies ParseOpen<RowXformThis>;
  numFmt.parseOpen = function (this: unknown, node: XformNode): boolean {
    const code = node.attributes.formatCode;
    if (node.name === 'numFmt' && typeof code === 'string') node.attributes.formatCode = protectEscapedPercent(code);
    return numFmtOpen.call(this, node);
  } satisfies ParseOpen<unknown>;
}
