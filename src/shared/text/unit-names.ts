/**
 * Matching a unit's name as people write it to the register: diacritics and case ignored, the "UBND" /
 * "Ủy ban nhân dân" prefix and the usual abbreviations tolerated ("P." phường, "TP" thành phố, "HLHPN" Hội Liên
 * hiệp Phụ nữ, "MTTQ" Mặt trận Tổ quốc…), punctuation and spaces folded.
 */
import { searchKey } from './vi';

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bu\.?b\.?n\.?d\.?\b/g, ''],
  [/\buy ban nhan dan\b/g, ''],
  [/\btp\.?(?=\s|$)/g, 'thanh pho'],
  [/\btt\.(?=\s|$)/g, 'thi tran'],
  [/^p\.\s*/g, 'phuong '],
  [/^x\.\s*/g, 'xa '],
  [/\bhlhpn\b/g, 'hoi lien hiep phu nu'],
  [/\bhlh phu nu\b/g, 'hoi lien hiep phu nu'],
  [/\blhpn\b/g, 'lien hiep phu nu'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bvn\b/g, 'viet nam'],
  [/\bvstbpn\b/g, 'vi su tien bo phu nu'],
  [/\bbdg\b/g, 'binh dang gioi'],
  [/\bs\.\s*/g, 'so '],
];

/** The key two spellings of one unit's name share: "UBND Phường Cam Đường" and "phuong cam duong" alike. */
export function unitNameKey(name: string): string {
  let k = searchKey(name)
    .replace(/[“”"'()[\]]/g, ' ')
    .replace(/\s*[-–—,;:]\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [re, to] of ABBREVIATIONS) k = k.replace(re, to);
  return k.replace(/[.]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The same key as a file-name slug ("so-noi-vu"), to look for a unit's name inside a file name. */
export function unitNameSlug(name: string): string {
  return unitNameKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
