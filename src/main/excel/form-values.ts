/**
 * Turns one raw cell of a filled form into a typed value for its element (number, Có/Không, text, không áp dụng),
 * or into a finding that tells the officer what is wrong with it and what the unit should do.
 */
import type { CellKey, DataElement } from '../../shared/domain/catalog';
import type { CellValue, Finding } from '../../shared/domain/records';
import { boundsProblem } from '../../shared/rules/bounds';
import { numberToViWords, readViNumber } from '../../shared/text/numbers';
import { cleanText, formatNumber, parseYesNo, searchKey } from '../../shared/text/vi';
import { cellText, type RawCell } from './grid';

const NA_KEYS = new Set(['kad', 'khong ap dung', 'k/ad', 'k.a.d', 'n/a', 'na', 'kap dung', 'khong ap dung.']);
const DASH_KEYS = new Set(['-', '–', '—', '--', '---']);

/** Names a cell in a message: 'Dòng "CODE" (name, unit; dòng 12 trong tệp), cột "Nữ"'. */
export type Where = (d: DataElement, row: number, k?: CellKey) => string;

/** Adds the finding of a wrong cell (its place named by `where`); null, the cell's value. */
function fail(
  findings: Finding[],
  where: Where,
  d: DataElement,
  row: number,
  k: CellKey,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): null {
  findings.push({ code, severity, element: d.code, cell: k, message: `${where(d, row, k)}: ${message}` });
  return null;
}

/** The typed value of a cell; null when blank or wrong (a wrong cell adds its finding). */
export function toValue(
  d: DataElement,
  raw: RawCell,
  row: number,
  k: CellKey,
  where: Where,
  findings: Finding[],
): CellValue | null {
  switch (raw.kind) {
    case 'blank':
      if (raw.formula) {
        return fail(
          findings,
          where,
          d,
          row,
          k,
          'FORMULA_NO_RESULT',
          `ô có công thức "=${raw.formula}" nhưng tệp không lưu kết quả tính. Hãy đề nghị đơn vị mở tệp bằng Excel, ` +
            'kiểm tra kết quả, lưu lại rồi gửi lại (hoặc ghi thẳng con số thay cho công thức).',
        );
      }
      return null;
    case 'error':
      return fail(
        findings,
        where,
        d,
        row,
        k,
        'CELL_ERROR',
        `ô báo lỗi "${raw.value}" (công thức tham chiếu sai hoặc chia cho 0). Hãy đề nghị đơn vị sửa công thức ` +
          'hoặc ghi thẳng con số rồi gửi lại.',
      );
    case 'number':
      if (raw.externalFormula) {
        fail(
          findings,
          where,
          d,
          row,
          k,
          'FORMULA_EXTERNAL',
          `ô có công thức "=${raw.externalFormula}" lấy số liệu từ một tệp Excel khác; đã dùng kết quả lưu trong tệp ` +
            `(${formatNumber(raw.value, 10)}). Hãy kiểm tra lại con số này với đơn vị.`,
          'warning',
        );
      }
      break;
    default:
      break;
  }
  const text = raw.kind === 'text' ? raw.value : null;
  if (text !== null) {
    const key = searchKey(text);
    if (NA_KEYS.has(key)) return { state: 'na' };
    if (d.type !== 'text' && DASH_KEYS.has(text.trim())) {
      fail(
        findings,
        where,
        d,
        row,
        k,
        'DASH_AS_BLANK',
        `ô ghi "${text}", được hiểu là không có số liệu (để trống). Nếu số liệu bằng không, hãy ghi 0; nếu không ` +
          'áp dụng, hãy ghi KAD.',
        'warning',
      );
      return null;
    }
  }

  if (d.type === 'text') {
    if (raw.kind === 'text' && raw.invisible)
      fail(
        findings,
        where,
        d,
        row,
        k,
        'INVISIBLE_CHARS',
        'ô có ký tự ẩn (ví dụ ký tự đảo chiều chữ, ký tự độ rộng 0) có thể làm nội dung hiển thị khác với thực tế; ' +
          'đã bỏ các ký tự này. Hãy kiểm tra lại nội dung với đơn vị.',
        'warning',
      );
    const s = raw.kind === 'number' ? formatNumber(raw.value, 10) : cleanText(cellText(raw) ?? '');
    return s ? { state: 'text', value: s } : null;
  }

  if (d.type === 'yesno') {
    if (raw.kind === 'bool') return { state: 'yesno', value: raw.value };
    if (raw.kind === 'number' && (raw.value === 1 || raw.value === 0))
      return { state: 'yesno', value: raw.value === 1 };
    if (text !== null) {
      const yn = parseYesNo(text);
      if (yn !== null) return { state: 'yesno', value: yn };
    }
    return fail(
      findings,
      where,
      d,
      row,
      k,
      'TYPE_YESNO',
      `ô ghi "${cellText(raw) ?? ''}" trong khi chỉ được ghi "Có" hoặc "Không".`,
    );
  }

  // integer / decimal
  let n: number | null = null;
  if (raw.kind === 'number') {
    n = raw.value;
    if (raw.percent) {
      if (d.type === 'integer') {
        return fail(
          findings,
          where,
          d,
          row,
          k,
          'PERCENT_IN_COUNT',
          `ô được định dạng phần trăm (hiển thị ${formatNumber(n * 100, 4)}%, giá trị thật ${formatNumber(n, 6)}) ` +
            'trong khi chỉ tiêu là số đếm. Hãy đổi định dạng ô về Số (Number) và ghi con số đếm.',
        );
      }
      fail(
        findings,
        where,
        d,
        row,
        k,
        'PERCENT_FORMAT',
        `ô được định dạng phần trăm (hiển thị ${formatNumber(n * 100, 4)}%); đã ghi nhận giá trị ${formatNumber(n, 6)}. ` +
          'Hãy kiểm tra lại với đơn vị.',
        'warning',
      );
    }
  } else if (text !== null) {
    const reading = readViNumber(text);
    if (reading.kind === 'us_only') {
      return fail(
        findings,
        where,
        d,
        row,
        k,
        'AMBIGUOUS_NUMBER',
        `ô ghi "${text}": theo cách ghi của Việt Nam (dấu chấm ngăn cách hàng nghìn, dấu phẩy là dấu thập phân) ` +
          `đây không phải là một số; nếu theo cách ghi tiếng Anh thì là ${formatNumber(reading.usValue, 6)}. ` +
          `Hãy ghi ${formatNumber(reading.usValue, 6)} nếu đúng là số đó.`,
      );
    }
    if (reading.kind === 'invalid') {
      const hint = /%/.test(text)
        ? 'Hãy bỏ dấu % và chỉ ghi con số.'
        : 'Hãy chỉ ghi con số (ví dụ 1.234 hoặc 12,5), không ghi chữ hay đơn vị tính; chỉ tiêu không áp dụng thì ghi KAD.';
      return fail(findings, where, d, row, k, 'TYPE_TEXT_IN_NUMBER', `ô ghi "${text}", không phải là số. ${hint}`);
    }
    n = reading.value;
    if (reading.commaThousands) {
      const thousands = Math.round(Math.abs(n) * 1000);
      if (d.type === 'integer') {
        return fail(
          findings,
          where,
          d,
          row,
          k,
          'AMBIGUOUS_NUMBER',
          `ô ghi "${text}", theo cách ghi của Việt Nam là ${formatNumber(n, 6)} (dấu phẩy là dấu thập phân), không ` +
            `phải số nguyên. Nếu là ${numberToViWords(thousands)}, hãy ghi ${formatNumber(thousands)}.`,
        );
      }
      fail(
        findings,
        where,
        d,
        row,
        k,
        'COMMA_THOUSANDS',
        `ô ghi "${text}", đã đọc là ${formatNumber(n, 6)} (dấu phẩy là dấu thập phân). Có phải ` +
          `${formatNumber(thousands)} (${numberToViWords(thousands)})? Nếu vậy, hãy sửa lại.`,
        'warning',
      );
    }
  } else if (raw.kind === 'bool') {
    return fail(
      findings,
      where,
      d,
      row,
      k,
      'TYPE_TEXT_IN_NUMBER',
      `ô ghi giá trị đúng/sai (${raw.value ? 'TRUE' : 'FALSE'}) thay vì một con số. Hãy ghi con số.`,
    );
  } else if (raw.kind === 'date') {
    return fail(
      findings,
      where,
      d,
      row,
      k,
      'TYPE_TEXT_IN_NUMBER',
      'ô đang ở dạng ngày tháng thay vì con số (thường do định dạng ô bị đổi). Hãy đổi định dạng ô về Số (Number) ' +
        'và ghi lại con số.',
    );
  }
  if (n === null) return null;
  const problem = boundsProblem(d, n);
  if (problem) return fail(findings, where, d, row, k, problem.code, problem.message);
  n = d.type === 'integer' ? Math.round(n) : Number(n.toPrecision(15));
  return { state: 'number', value: n === 0 ? 0 : n };
}
