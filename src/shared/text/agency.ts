/** The agency's name as it reads inside a sentence (used by the documents and shown on the Settings screen). */
import type { Settings } from '../contract/app';

/** Words kept capitalised inside an agency's name (NĐ 30 Phụ lục II: "Ban Vì sự tiến bộ phụ nữ"). */
const KEEP_CAPITAL = [/^(ban) vì(?=\s|$)/u];

/**
 * The agency's name as it reads inside a sentence: the setting when the officer typed one, else the header line
 * in sentence case ("BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI" → "Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai"), the
 * province's own name kept with its capitals.
 */
export function agencyInSentence(
  s: Pick<Settings, 'agencyName' | 'province'> & { agencyNameInSentence?: string | undefined },
): string {
  const own = s.agencyNameInSentence?.trim();
  if (own) return own;
  const raw = s.agencyName.trim().replace(/\s+/g, ' ');
  if (!raw) return 'Ban Vì sự tiến bộ phụ nữ';
  // already mixed case: the officer wrote it as it reads
  if (raw !== raw.toLocaleUpperCase('vi')) return raw;
  let t = raw.toLocaleLowerCase('vi');
  for (const re of KEEP_CAPITAL) t = t.replace(re, (m) => m.replace(/ vì/u, ' Vì'));
  t = t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
  // the province name ("Tỉnh Lào Cai" → "tỉnh Lào Cai"; "Thành phố Huế" → "thành phố Huế")
  const prov = s.province.trim().replace(/\s+/g, ' ');
  const m = /^(tỉnh|thành phố)\s+(.+)$/iu.exec(prov);
  if (m) {
    const properName = m[2]!;
    const at = t.toLocaleLowerCase('vi').lastIndexOf(properName.toLocaleLowerCase('vi'));
    if (at >= 0) t = t.slice(0, at) + properName + t.slice(at + properName.length);
  }
  return t;
}
