/**
 * Matching a row's label, as a province writes it, to the catalogue's names (issue 17). Vietnamese-aware: case and
 * diacritics ignored (đ → d), numbering ("1.", "a)", "I.", "-", "+") and "Trong đó:" prefixes dropped, units of
 * measure in brackets ("(người)", "(lượt)") dropped, the usual abbreviations (BĐG, VSTBPN, CB/CC/VC, HĐND, UBND…)
 * expanded on both sides. Scored by token overlap (a weighted Dice over words and word pairs, each weighted by how
 * rare it is among the candidates), with a confidence that drops when a second candidate scores nearly as well.
 * A label under the threshold gets no code: never a guess. Pure (the appendix reuses it).
 */
import { searchKey } from '../../../shared/text/vi';

export interface MatchCandidate {
  code: string;
  name: string;
  /** the element's unit of measure ("người"): a bracket holding it is dropped from labels */
  unit?: string | null;
  kind?: 'element' | 'indicator';
}

export interface LabelMatch {
  code: string | null;
  confidence: number;
  /** the best candidate even when under the threshold (for the review screen's hint) */
  best: { code: string; score: number } | null;
}

/** a label mapped below this confidence is left unmapped */
export const MATCH_THRESHOLD = 0.5;

/** words of units of measure (after searchKey) a bracket may hold */
const UNIT_WORDS = new Set([
  'nguoi',
  'luot',
  'luot nguoi',
  'cuoc',
  'buoi',
  'lop',
  'vu',
  'ca',
  'tre',
  'don vi',
  'dv',
  'trieu dong',
  'tr dong',
  'trd',
  'dong',
  'nghin dong',
  'ty dong',
  'ban',
  'co so',
  'to chuc',
  'co quan',
  'dia chi',
  'tin bai',
  'tin, bai',
  'bai',
  'hoc sinh',
  'hs',
  'doanh nghiep',
  'dn',
  'dai',
  'gio',
  'gio/tuan',
  'co/khong',
  'co, khong',
  'co hoac khong',
  'van ban',
  'vb',
  '%',
  'ty le %',
  'xa',
  'nam',
  'ho',
  'lan',
  'chuyen muc',
]);

/** abbreviations as provinces write them, expanded (keys after searchKey; word boundaries) */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bcb\s*[,/.-]?\s*cc\s*[,/.-]?\s*vc\b/g, 'can bo cong chuc vien chuc'],
  [/\bcbccvc\b/g, 'can bo cong chuc vien chuc'],
  [/\bcbcc\b/g, 'can bo cong chuc'],
  [/\bnld\b/g, 'nguoi lao dong'],
  [/\bcb\b/g, 'can bo'],
  [/\bcc\b/g, 'cong chuc'],
  [/\bvc\b/g, 'vien chuc'],
  [/\bbdg\b/g, 'binh dang gioi'],
  [/\bvstbcpn\b/g, 'vi su tien bo cua phu nu'],
  [/\bvstbpn\b/g, 'vi su tien bo phu nu'],
  [/\bvstb\b/g, 'vi su tien bo'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bblgd\b/g, 'bao luc gia dinh'],
  [/\bbltcsg\b/g, 'bao luc tren co so gioi'],
  [/\bblg\b/g, 'bao luc gioi'],
  [/\bldql\b/g, 'lanh dao quan ly'],
  [/\bld\b/g, 'lao dong'],
  [/\bql\b/g, 'quan ly'],
  [/\bpn\b/g, 'phu nu'],
  [/\bdtts\b/g, 'dan toc thieu so'],
  [/\bthcs\b/g, 'trung hoc co so'],
  [/\bthpt\b/g, 'trung hoc pho thong'],
  [/\bgdnn\b/g, 'giao duc nghe nghiep'],
  [/\bhtx\b/g, 'hop tac xa'],
  [/\bdn\b/g, 'doanh nghiep'],
  [/\bntm\b/g, 'nong thon moi'],
  [/\bcstgxh\b/g, 'co so tro giup xa hoi'],
  [/\btgxh\b/g, 'tro giup xa hoi'],
  [/\bcsyt\b/g, 'co so y te'],
  [/\bdctc\b/g, 'dia chi tin cay'],
  [/\bkh\b/g, 'ke hoach'],
  [/\bvb\b/g, 'van ban'],
  [/\bkp\b/g, 'kinh phi'],
  [/\btt\s*[,/-]\s*pbpl\b/g, 'tuyen truyen pho bien phap luat'],
  [/\bpbpl\b/g, 'pho bien phap luat'],
  [/\bsl\b/g, 'so luong'],
  [/\btb\b/g, 'trung binh'],
  [/\bptth\b/g, 'phat thanh truyen hinh'],
  [/\bpt-th\b/g, 'phat thanh truyen hinh'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bhlhpn\b/g, 'hoi lien hiep phu nu'],
];

/** common words that say little about which element a row is */
const STOP = new Set(['so', 'cua', 'va', 'cac', 'duoc', 've', 'la', 'o', 'tai', 'cho', 'voi', 'theo', 'nhung', 'mot']);

const ROMAN = /^(?=[ivxlc])(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/** "I.", "II)", "1.", "1.2.", "a)", "b.", "-", "+", "•", "*": the numbering in front of a label */
const NUMBERING =
  /^\s*(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])\s*[.):/-]\s*|\d+(?:\.\d+)+\s+|\(\s*(?:\d+|[a-z])\s*\)\s*|[-+•*–—·]\s*)/;

/** Is the label a section heading ("I.", "II. Lĩnh vực …", "A. …")? */
export function isSectionNumbering(label: string): boolean {
  const m = /^\s*([IVXLC]+|[A-Z])\s*[.):]\s*\S/.exec(label.normalize('NFC').trim());
  return !!m && (ROMAN.test(m[1]!.toLowerCase()) || /^[A-Z]$/.test(m[1]!));
}

/**
 * The label as the matcher compares it: searchKey, numbering, "Trong đó:", bracketed units dropped, abbreviations
 * expanded, punctuation folded. The same function is used for both sides and for the import's re-matching.
 */
export function normaliseLabel(label: string, extraUnits: Iterable<string> = []): string {
  let k = searchKey(label);
  const units = new Set(UNIT_WORDS);
  for (const u of extraUnits) units.add(searchKey(u));
  // numbering, possibly several ("1. a)"), and "trong do:" / "bao gom:" prefixes
  for (let i = 0; i < 4; i++) {
    const before = k;
    k = k.replace(NUMBERING, '').replace(/^(?:trong do|bao gom|gom|cu the|rieng)\s*[:,-]?\s*/, '');
    if (k === before) break;
  }
  k = k.replace(/\(([^()]*)\)/g, (all, inner: string) => {
    const t = inner.trim().replace(/^(?:dvt|don vi tinh)\s*[:.]?\s*/, '');
    return units.has(t) || t === '' ? ' ' : ` ${inner} `;
  });
  k = ` ${k.replace(/[“”"'[\]{}]/g, ' ')} `;
  for (const [re, to] of ABBREVIATIONS) k = k.replace(re, to);
  return k
    .replace(/[.,;:!?()/\\&+*=_–—-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Features {
  words: Set<string>;
  pairs: Set<string>;
}

function features(norm: string): Features {
  const all = norm.split(' ').filter(Boolean);
  const words = new Set(all.filter((w) => !STOP.has(w)));
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < all.length; i++) pairs.add(`${all[i]} ${all[i + 1]}`);
  return { words, pairs };
}

/** A prepared set of candidates: their features and each feature's rarity, built once per catalogue. */
export interface Matcher {
  candidates: Array<MatchCandidate & { norm: string; f: Features }>;
  weight(feature: string): number;
  units: string[];
}

export function makeMatcher(candidates: MatchCandidate[]): Matcher {
  const units = [...new Set(candidates.map((c) => c.unit).filter((u): u is string => !!u))];
  const prepared = candidates.map((c) => {
    const norm = normaliseLabel(c.name, units);
    return { ...c, norm, f: features(norm) };
  });
  const df = new Map<string, number>();
  for (const c of prepared) for (const x of [...c.f.words, ...c.f.pairs]) df.set(x, (df.get(x) ?? 0) + 1);
  const n = Math.max(1, prepared.length);
  // a feature no candidate has still weighs (it is what makes the label different)
  const weight = (x: string) => Math.log(1 + n / (df.get(x) ?? 1));
  return { candidates: prepared, weight, units };
}

function dice(a: Set<string>, b: Set<string>, w: (x: string) => number): number {
  let common = 0;
  let total = 0;
  for (const x of a) {
    const wx = w(x);
    total += wx;
    if (b.has(x)) common += wx;
  }
  for (const x of b) total += w(x);
  return total > 0 ? (2 * common) / total : 0;
}

/** How well a normalised label fits a candidate, 0..1. */
function score(label: Features, c: Features, w: (x: string) => number): number {
  return 0.55 * dice(label.words, c.words, w) + 0.45 * dice(label.pairs, c.pairs, w);
}

/** The best candidate for a label, with a confidence; code null under the threshold. */
export function matchLabel(label: string, matcher: Matcher): LabelMatch {
  const norm = normaliseLabel(label, matcher.units);
  const f = features(norm);
  if (f.words.size === 0) return { code: null, confidence: 0, best: null };
  let best: { code: string; score: number } | null = null;
  let second = 0;
  for (const c of matcher.candidates) {
    const s = c.norm === norm ? 1 : score(f, c.f, matcher.weight);
    if (!best || s > best.score) {
      if (best) second = Math.max(second, best.score);
      best = { code: c.code, score: s };
    } else second = Math.max(second, s);
  }
  if (!best) return { code: null, confidence: 0, best: null };
  // a near tie is not a sure answer: the confidence falls with the gap
  const gap = best.score - second;
  const confidence = round(best.score * (0.55 + 0.45 * Math.min(1, gap / 0.12)));
  return { code: confidence >= MATCH_THRESHOLD ? best.code : null, confidence, best };
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;

/**
 * Labels matched together: no two rows get the same code. The row that fits best keeps it; another row wanting
 * it is left unmapped (its confidence kept as the hint of how close it was).
 */
export function matchLabels(labels: string[], matcher: Matcher): LabelMatch[] {
  const out = labels.map((l) => matchLabel(l, matcher));
  const byCode = new Map<string, number>();
  out.forEach((m, i) => {
    if (!m.code) return;
    const j = byCode.get(m.code);
    if (j === undefined) byCode.set(m.code, i);
    else if (out[j]!.confidence >= m.confidence) out[i] = { ...m, code: null, confidence: Math.min(m.confidence, 0.3) };
    else {
      out[j] = { ...out[j]!, code: null, confidence: Math.min(out[j]!.confidence, 0.3) };
      byCode.set(m.code, i);
    }
  });
  return out;
}
