/**
 * Excel's quote prefix (`quotePrefix="1"` on the cell's xf, what typing a leading apostrophe sets) for exceljs,
 * which does not write it. A string cell starting with `=`, `+`, `-`, `@`, tab or CR is inert as stored, but
 * F2 + Enter in Excel would turn it into a live formula; with the prefix the cell stays text after editing.
 * exceljs's style writer is wrapped once per process, the first time a cell is marked (quoteIfFormulaLike): a style carrying the prefix exists only after that, so it is always written by the wrapped
 * writer; the wrap throws if exceljs's internals ever change shape (it is pinned). Not at import: `bdg` loads
 * exceljs only when a command uses it.
 */
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json)
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json)
import StyleXform from 'exceljs/lib/xlsx/xform/style/style-xform.js';
import type ExcelJS from 'exceljs';

/** Does a string cell need the quote prefix (would Excel read it as a formula once edited)? */
export function needsQuotePrefix(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

const PATCHED = Symbol.for('bdg.quotePrefix');

interface Stream {
  openNode(name: string, attrs?: Record<string, unknown>): unknown;
}
type StyleModel = Record<string, unknown> & { quotePrefix?: boolean };
interface StylesThis {
  _addStyle(style: StyleModel): number;
}

function ensurePatched(): void {
  const styles = (StylesXform as { prototype?: Record<string | symbol, unknown> } | undefined)?.prototype;
  const style = (StyleXform as { prototype?: Record<string | symbol, unknown> } | undefined)?.prototype;
  if (
    typeof styles?.addStyleModel !== 'function' ||
    typeof styles._addStyle !== 'function' ||
    typeof style?.render !== 'function'
  ) {
    throw new Error('exceljs internals changed: StylesXform.addStyleModel/_addStyle or StyleXform.render not found');
  }
  if (styles[PATCHED]) return;
  styles[PATCHED] = true;

  // a cell style carrying quotePrefix gets an xf of its own that carries it too (the xf's XML is its identity)
  const addStyleModel = styles.addStyleModel as (this: StylesThis, model: StyleModel, cellType?: number) => number;
  styles.addStyleModel = function (this: StylesThis, model: StyleModel | undefined, cellType?: number): number {
    if (!model?.quotePrefix) return addStyleModel.call(this, model as StyleModel, cellType);
    const own = Object.prototype.hasOwnProperty.call(this, '_addStyle');
    const add = this._addStyle;
    this._addStyle = (s: StyleModel) => add.call(this, { ...s, quotePrefix: true });
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      if (own) this._addStyle = add;
      else delete (this as Partial<StylesThis>)._addStyle;
    }
  };

  // the attribute goes on <xf> itself, before its children are written
  const render = style.render as (this: unknown, stream: Stream, model: StyleModel) => void;
  style.render = function (this: unknown, stream: Stream, model: StyleModel): void {
    if (!model?.quotePrefix) return render.call(this, stream, model);
    const own = Object.prototype.hasOwnProperty.call(stream, 'openNode');
    const open = stream.openNode;
    stream.openNode = function (name: string, attrs?: Record<string, unknown>) {
      return open.call(this, name, name === 'xf' ? { ...attrs, quotePrefix: '1' } : attrs);
    };
    try {
      render.call(this, stream, model);
    } finally {
      if (own) stream.openNode = open;
      else delete (stream as Partial<Stream>).openNode;
    }
  };
}

/** Marks a string cell as quote-prefixed when it needs it (see needsQuotePrefix). */
export function quoteIfFormulaLike(cell: ExcelJS.Cell, s: string): void {
  if (needsQuotePrefix(s)) {
    ensurePatched();
    (cell.style as StyleModel).quotePrefix = true;
  }
}
