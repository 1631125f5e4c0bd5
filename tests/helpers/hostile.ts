/** Hostile workbooks made from good ones, shared by the tests of the parse worker's limits. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect } from 'vitest';

/**
 * A workbook whose first sheet also declares one merged range from A2000 to the last cell of the sheet (XFD1048576, about
 * 1.7e10 cells). The file guard lets it through (the dimension and the real rows are small), but exceljs expands a
 * merge cell by cell: in-process, reading it ran for more than a minute and grew past 4 GB before it was killed
 * (measured on the 2-core build machine; tests never assert on time, so this is not re-measured here).
 */
export function hostileMerge(source: Uint8Array): Uint8Array {
  const files = unzipSync(source);
  const name = Object.keys(files).find((n) => /^xl\/worksheets\/sheet1\.xml$/.test(n))!;
  const xml = strFromU8(files[name]!);
  const patched = /<mergeCells count="\d+">/.test(xml)
    ? xml.replace(
        /<mergeCells count="(\d+)">/,
        (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="A2000:XFD1048576"/>`,
      )
    : xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A2000:XFD1048576"/></mergeCells>');
  expect(patched).toContain('A2000:XFD1048576');
  files[name] = strToU8(patched);
  return zipSync(files);
}
