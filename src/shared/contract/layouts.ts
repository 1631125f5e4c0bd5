/**
 * Layouts (issue 17): a saved description of a form the app did not generate — a province's own Excel form, last
 * years' files, the ministry's blank appendix. Which sheet, which header rows, which column holds which cell,
 * which row holds which data element (or indicator), where the unit's name and the period are written.
 *
 * `layouts.suggest` proposes one from a blank or filled copy (labels matched to the catalogue, each with a
 * confidence; a row with no good match is left unmapped, never guessed); the officer reviews it and saves it
 * (`layouts.save`); files in that layout are imported with `layoutId` on `imports.file` / `imports.batch`, and the
 * ministry's appendix is filled with `reports.fillAppendix`.
 */
import { z } from 'zod';
import { cellKey, fileSchema, id, op } from './op';

export const LAYOUT_PURPOSES = ['import', 'appendix'] as const;
export type LayoutPurpose = (typeof LAYOUT_PURPOSES)[number];

/** an Excel column's letters ("D") */
const columnLetters = z.string().regex(/^[A-Z]{1,3}$/, 'Cột phải là chữ cái của cột Excel, ví dụ "D"');
/** an Excel cell's address ("B4") */
const cellAddress = z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/, 'Ô phải là địa chỉ ô Excel, ví dụ "B4"');

/** Which column of the table holds which cell of a data element (null: the form has no such column). */
export const layoutColumnsSchema = z
  .object({
    total: columnLetters.nullable(),
    female: columnLetters.nullable(),
    male: columnLetters.nullable(),
    value: columnLetters.nullable(),
  })
  .strict();
export type LayoutColumns = z.infer<typeof layoutColumnsSchema>;

/**
 * What the appendix's other columns mean (purpose `appendix`): the province's result, the target, the same
 * period of the previous year, or a data element's cell.
 */
export const APPENDIX_COLUMN_ROLES = ['result', 'target', 'previous', 'total', 'female', 'male', 'value'] as const;
export type AppendixColumnRole = (typeof APPENDIX_COLUMN_ROLES)[number];

export const layoutRowSchema = z
  .object({
    /** the row's number in the sheet (1-based, as Excel shows it) */
    row: z.number().int().positive(),
    /** the row's label as the form writes it */
    label: z.string().max(2000),
    /** the data element's code (or, with kind `indicator`, the indicator's); null: not mapped */
    code: z.string().max(50).nullable(),
    /** how sure the suggestion was, 0..1 (1 for a row the officer set herself) */
    confidence: z.number().min(0).max(1),
    /** element (default) | indicator (appendix rows may take an indicator) */
    kind: z.enum(['element', 'indicator']).optional(),
    /**
     * for an element with a single value (a count, a yes/no, an amount): the column its figure is read from,
     * when not the table's first figure column
     */
    column: columnLetters.nullable().optional(),
    /** the catalogue's name of the proposed code, for the review screen */
    name: z.string().max(2000).nullable().optional(),
  })
  .strict();
export type LayoutRow = z.infer<typeof layoutRowSchema>;

/** A layout as `layout suggest` prints it and `layout save` takes it (the CLI contract's shape). */
export const layoutDefinitionSchema = z
  .object({
    sheet: z.string().min(1).max(200),
    headerRows: z.array(z.number().int().positive()).min(1).max(10),
    columns: layoutColumnsSchema,
    rows: z.array(layoutRowSchema).max(2000),
    unit: z
      .object({
        source: z.enum(['cell', 'sheet', 'file']).nullable(),
        cell: cellAddress.nullable(),
      })
      .strict(),
    period: z.object({ cell: cellAddress.nullable() }).strict(),
    /** purpose `appendix`: the meaning of each figure column (other columns are left untouched) */
    appendixColumns: z
      .array(z.object({ column: columnLetters, role: z.enum(APPENDIX_COLUMN_ROLES) }).strict())
      .max(50)
      .optional(),
  })
  .passthrough();
export type LayoutDefinition = z.infer<typeof layoutDefinitionSchema>;

/** One row of the form as it looks, for the review screen (cells' shown text by column letter). */
export interface LayoutPreviewRow {
  row: number;
  cells: Record<string, string>;
}

export interface LayoutSuggestion extends LayoutDefinition {
  /** the sheet's used columns in order, and the first rows of the form as they look (never more than 400) */
  preview: { columns: string[]; rows: LayoutPreviewRow[] };
  /** the unit found (by the header cell, the sheet name or the file name), when one was */
  unitFound?: { code: string; name: string } | null;
  /** the period read from the title, when one was ("6 tháng đầu năm 2024") */
  periodFound?: { year: number; kind: string; text: string } | null;
}

export interface LayoutSummary {
  id: number;
  name: string;
  purpose: LayoutPurpose;
  /** how many rows are mapped to a code */
  rows: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredLayout extends LayoutSummary {
  definition: LayoutDefinition;
}

const LAYOUT_WRITE = ['layouts', 'audit'];

export const layoutsContract = {
  'layouts.suggest': op(
    z.object({ file: fileSchema, purpose: z.enum(LAYOUT_PURPOSES).optional() }).strict(),
  ).returns<LayoutSuggestion>(),
  'layouts.save': op(
    z
      .object({
        name: z.string().trim().min(1).max(200),
        definition: layoutDefinitionSchema,
        purpose: z.enum(LAYOUT_PURPOSES).optional(),
        /** replace the layout with this id (same name or a new one) */
        id: id.optional(),
      })
      .strict(),
  )
    .invalidates(LAYOUT_WRITE)
    .returns<{ id: number }>(),
  'layouts.list': op(z.object({}).strict()).returns<{ layouts: LayoutSummary[] }>(),
  'layouts.get': op(z.object({ id }).strict()).returns<StoredLayout>(),
  'layouts.delete': op(z.object({ id }).strict()).invalidates(LAYOUT_WRITE).returns<{ deleted: boolean }>(),
  /**
   * The ministry's blank appendix filled with the province's figures of a period, by an `appendix` layout: a copy
   * of THAT workbook, its formatting, merges, fonts and formulas kept, unmapped cells untouched.
   */
  'reports.fillAppendix': op(z.object({ periodId: id, layoutId: id, file: fileSchema }).strict()).returns<{
    name: string;
    bytes: Uint8Array;
    /** cells written */
    filled: number;
    /** mapped rows with no figure in the period (left as the blank has them) */
    empty: number;
  }>(),
};

/** the cell keys a layout's columns name, in the catalogue's order */
export const LAYOUT_CELL_KEYS = cellKey.options;
