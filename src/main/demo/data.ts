/**
 * Plausible unit figures for the demo and the benchmark: deterministic (seeded), consistent with every
 * catalogue validation rule (nữ ≤ tổng số, tiếp cận ≤ phát hiện, nam + nữ = tổng…).
 */
import type { CellKey, DataElement, Indicator, ValidationRule } from '../../shared/domain/catalog';
import type { StoredValue } from '../../shared/domain/records';
import { evaluateRules } from '../../shared/rules/validation';
import type { FormFill } from './form-filler';

/** mulberry32: a tiny seeded PRNG so the same seed gives the same figures. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALE: Record<string, number> = {
  CBCCVC: 400,
  LDQL: 40,
  QUYHOACH: 30,
  TT_LUOT: 900,
  TAPHUAN_LUOT: 200,
  DBHDND: 30,
  CAPUY: 25,
  KINHPHI: 120,
  SINH_SONG: 600,
  PN_15_19: 2500,
  HS_DTTS_TH: 800,
  HS_DTTS_TH_HT: 700,
  HS_DTTS_THCS: 600,
  HS_DTTS_THCS_HT: 500,
  GDNN_TUYENMOI: 300,
  THACSI: 60,
  TIENSI: 8,
  DN_TONG: 150,
};

/**
 * `indicators`, when given, make the ratios plausible: each simple numerator is drawn around the indicator's
 * target share of its denominator (so the demo's maternal mortality is not 3.000 per 100.000).
 */
export function unitFigures(
  elements: DataElement[],
  rules: ValidationRule[],
  cellLabels: Record<CellKey, string>,
  seed: number,
  indicators: Indicator[] = [],
): StoredValue[] {
  const rand = rng(seed);
  const values = new Map<string, StoredValue>();
  const set = (element: string, cell: CellKey, v: StoredValue['value']) =>
    values.set(`${element}.${cell}`, { element, cell, value: v });
  for (const e of elements) {
    if (e.type === 'text') {
      set(e.code, 'value', {
        state: 'text',
        value: 'Đã triển khai các hoạt động theo kế hoạch; cần thêm kinh phí cho truyền thông ở cơ sở.',
      });
      continue;
    }
    if (e.type === 'yesno') {
      set(e.code, 'value', { state: 'yesno', value: rand() < 0.75 });
      continue;
    }
    if (rand() < 0.06) continue; // some blanks: not reported
    const scale = SCALE[e.code] ?? (e.sensitive ? 6 : 12);
    const total = Math.round(rand() * scale) + (e.sensitive ? 0 : 1);
    for (const c of e.cells) {
      let n: number;
      if (c === 'total' || c === 'value') n = total;
      else if (c === 'female') n = Math.round(total * (0.3 + rand() * 0.4));
      else n = total - Math.round(total * 0.5);
      if (e.type === 'decimal') n = Math.round((n + rand()) * 10) / 10;
      set(e.code, c, { state: 'number', value: n });
    }
    if (e.cells.includes('male') && e.cells.includes('female') && e.cells.includes('total')) {
      const f = values.get(`${e.code}.female`)!.value as { value: number };
      set(e.code, 'male', { state: 'number', value: total - f.value });
    }
  }
  const simple = /^([A-Z0-9_]+)\.(total|female|male|value)$/;
  for (const ind of indicators) {
    const n = simple.exec(ind.numerator);
    const d = simple.exec(ind.denominator);
    if (!n || !d || n[1] === d[1]) continue;
    const den = values.get(`${d[1]}.${d[2]}`)?.value;
    const num = values.get(`${n[1]}.${n[2]}`);
    if (!den && num) {
      // a unit that did not report the denominator does not report the numerator either
      values.delete(`${n[1]}.${n[2]}`);
      continue;
    }
    if (!den || den.state !== 'number' || !num || num.value.state !== 'number') continue;
    const target = ind.targets['2025']?.value ?? ind.targets['2030']?.value ?? ind.factor * 0.4;
    const share = Math.min(1, (target / ind.factor) * (0.8 + rand() * 0.35));
    const value = Math.round(den.value * share);
    set(n[1]!, n[2] as CellKey, { state: 'number', value });
    // keep a numerator's own female part below it
    const fem = values.get(`${n[1]}.female`);
    if (n[2] === 'total' && fem && fem.value.state === 'number' && fem.value.value > value) {
      set(n[1]!, 'female', { state: 'number', value: Math.round(value * 0.6) });
    }
  }
  // repair any rule the random draw broke: shrink the left side (a few passes settle chains)
  for (let pass = 0; pass < 6; pass++) {
    const list = [...values.values()];
    const broken = evaluateRules(rules, list, elements, cellLabels).filter((f) => f.severity === 'error');
    if (!broken.length) break;
    for (const f of broken) {
      const rule = rules.find((r) => r.code === f.code)!;
      const right = rule.right.split('+').map((s) => s.trim());
      const left = rule.left.split('+').map((s) => s.trim());
      const num = (ref: string) => {
        const v = values.get(ref)?.value;
        return v && v.state === 'number' ? v.value : 0;
      };
      const rightSum = right.reduce((s, r) => s + num(r), 0);
      if (rule.op === '==' && right.length === 1) {
        const [el, cell] = right[0]!.split('.') as [string, CellKey];
        set(el, cell, { state: 'number', value: left.reduce((s, r) => s + num(r), 0) });
      } else if (left.length === 1) {
        const [el, cell] = left[0]!.split('.') as [string, CellKey];
        set(el, cell, { state: 'number', value: Math.floor(rightSum * 0.8) });
      }
    }
  }
  return [...values.values()];
}

export function toFill(values: StoredValue[]): FormFill {
  const fill: FormFill = {};
  for (const v of values) {
    const row = (fill[v.element] ??= {});
    if (v.value.state === 'number') row[v.cell] = v.value.value;
    else if (v.value.state === 'yesno') row[v.cell] = v.value.value;
    else if (v.value.state === 'text') row[v.cell] = v.value.value;
    else row[v.cell] = 'Không áp dụng';
  }
  return fill;
}
