/**
 * A catalogue expression in words: `LDQL.female` → "Lao động quản lý (nữ)", `count_yes(KH_BDG)` → "số đơn vị trả lời
 * Có – Có kế hoạch…", `A.male + A.female` → "A (nam) + A (nữ)". Pure; the caller gives the names.
 */
const CELL: Record<string, string> = { total: 'tổng số', female: 'nữ', male: 'nam', value: '' };

export function formulaWords(expr: string, nameOf: (code: string) => string | undefined): string {
  const name = (code: string) => nameOf(code) ?? 'chỉ tiêu không còn trong danh mục';
  return expr
    .replace(/count_yes\(\s*([A-Za-z0-9_.]+)\s*\)/g, (_, c: string) => `số đơn vị trả lời “Có” – ${name(c)}`)
    .replace(/count_reported\(\s*([A-Za-z0-9_.]+)\s*\)/g, (_, c: string) => `số đơn vị có báo cáo – ${name(c)}`)
    .replace(/\b([A-Za-z][A-Za-z0-9_.]*?)\.(total|female|male|value)\b/g, (_, c: string, cell: string) =>
      CELL[cell] ? `${name(c)} (${CELL[cell]})` : name(c),
    )
    .replace(/\s+/g, ' ')
    .trim();
}
