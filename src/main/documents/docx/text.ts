/**
 * Wording shared by the Word letters and the report draft (pure text: no docx objects here), following NĐ 30/2020
 * Phụ lục I–III: numbers below 10 with a leading zero, the công văn's ký hiệu with the drafting unit, the agency's
 * name as it reads inside a sentence, the Nơi nhận list with "Như trên" and "Lưu: VT, …".
 */
import type { Settings } from '../../../shared/contract/app';
import { fillNumber } from '../model';

/** "5" → "05" (NĐ 30, Phụ lục I: số of a document below 10 takes a leading zero); anything else as typed. */
export function padDocNumber(no: string): string {
  const t = no.trim();
  return /^[1-9]$/.test(t) ? `0${t}` : t;
}

/** "Số: 05/BC-BVSTBPN" for a document with a type code (báo cáo…); dots when no number is given. */
export function reportNumberLine(pattern: string, docNumber?: string): string {
  const p = pattern.trim() || '{so}';
  const no = docNumber?.trim() ? padDocNumber(docNumber) : '……';
  return `Số: ${p.includes('{so}') ? fillNumber(p, no) : `${no}/${p}`}`;
}

/**
 * A công văn's number line: no type code, the agency abbreviation plus the drafting unit (NĐ 30, Phụ lục III:
 * "05/BNV-VP"): "{so}/BC-BVSTBPN" with drafting unit "VP" → "Số: 231/BVSTBPN-VP".
 */
export function congVanNumberLine(pattern: string, draftingUnit: string, docNumber?: string): string {
  let p = (pattern.trim() || '{so}').replace(/\/(BC|KH|QĐ|TB|HD|TTr|CTr|BB|GM)-/u, '/');
  const unit = draftingUnit.trim();
  if (unit && !p.toLocaleUpperCase('vi').endsWith(`-${unit.toLocaleUpperCase('vi')}`)) p = `${p}-${unit}`;
  const no = docNumber?.trim() ? padDocNumber(docNumber) : '……';
  return `Số: ${p.includes('{so}') ? fillNumber(p, no) : `${no}/${p}`}`;
}

export { agencyInSentence } from '../../../shared/text/agency';

const clean = (r: string) =>
  r
    .trim()
    .replace(/^[-–•+]\s*/, '')
    .replace(/[;.,]+$/, '');

/**
 * Nơi nhận lines for a document sent to the recipients named under "Kính gửi": "- Như trên;" first, the officer's
 * list, the last "- Lưu: VT, <drafting unit>." (added when the list has none).
 */
export function noiNhanLines(list: readonly string[], draftingUnit: string, nhuTren = true): string[] {
  const items = list.map(clean).filter(Boolean);
  const rest = items.filter((r) => !/^như trên$/iu.test(r));
  const luuAt = rest.findIndex((r) => /^lưu\b/iu.test(r));
  const unit = draftingUnit.trim();
  const luu = luuAt >= 0 ? rest.splice(luuAt, 1)[0]! : `Lưu: VT${unit ? `, ${unit}` : ''}`;
  return [...(nhuTren ? ['Như trên'] : []), ...rest].map((r) => `- ${r};`).concat(`- ${luu}.`);
}

/** "0214 3840 123, thư điện tử: an@x.vn" — the contact part of a letter; empty when the officer set neither. */
export function contactPhrase(s: Pick<Settings, 'officerPhone' | 'officerEmail'>): string {
  const parts: string[] = [];
  if (s.officerPhone?.trim()) parts.push(`điện thoại ${s.officerPhone.trim()}`);
  if (s.officerEmail?.trim()) parts.push(`thư điện tử ${s.officerEmail.trim()}`);
  return parts.join(', ');
}
