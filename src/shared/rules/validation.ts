/**
 * Validation rules on one unit's values (DHIS2 validation rules with SKIP_IF_ANY_VALUE_MISSING): a rule whose
 * operands were not all reported, or one of which is 'na' (không áp dụng), is skipped, never failed.
 */
import type { CellKey, DataElement, ValidationRule } from '../domain/catalog';
import type { Finding, StoredValue } from '../domain/records';
import { formatNumber } from '../text/vi';
import { compare, compileExpression, resolveTerm, type Resolver, type Term } from './expressions';

/** A resolver over one unit's stored values. 'na', text and blank cells resolve to null (missing). */
export function unitResolver(values: readonly StoredValue[]): Resolver {
  const map = new Map<string, StoredValue['value']>();
  for (const v of values) map.set(`${v.element}\u0000${v.cell}`, v.value);
  const get = (element: string, cell: CellKey) => map.get(`${element}\u0000${cell}`);
  const answer = (element: string): boolean | null => {
    const v = get(element, 'value');
    return v && v.state === 'yesno' ? v.value : null;
  };
  return {
    cell(element, cell) {
      const v = get(element, cell);
      if (!v) return null;
      if (v.state === 'number') return v.value;
      if (v.state === 'yesno') return v.value ? 1 : 0;
      return null;
    },
    countYes(element) {
      const a = answer(element);
      return a === null ? null : a ? 1 : 0;
    },
    countReported(element) {
      return answer(element) === null ? null : 1;
    },
  };
}

function termLabel(
  t: Term,
  names: Map<string, string>,
  cellLabels: Partial<Record<CellKey, string>>,
  oneElement: boolean,
): string {
  const name = names.get(t.element) ?? t.element;
  if (t.kind === 'count_yes') return `Số đơn vị trả lời "Có" (${name})`;
  if (t.kind === 'count_reported') return `Số đơn vị trả lời (${name})`;
  const cell = cellLabels[t.cell] ?? t.cell;
  return oneElement ? cell : `${name} – ${cell.toLocaleLowerCase('vi')}`;
}

export function evaluateRules(
  rules: readonly ValidationRule[],
  values: readonly StoredValue[],
  elements: readonly DataElement[],
  cellLabels: Partial<Record<CellKey, string>>,
): Finding[] {
  const r = unitResolver(values);
  // the elements' names, for the messages only: built when a first rule fails (most forms pass every rule)
  let namesMap: Map<string, string> | null = null;
  const namesOf = (): Map<string, string> => (namesMap ??= new Map(elements.map((e) => [e.code, e.name])));
  const findings: Finding[] = [];
  for (const rule of rules) {
    const left = compileExpression(rule.left);
    const right = compileExpression(rule.right);
    const sides = [left.terms, right.terms].map((terms) => terms.map((t) => ({ t, v: resolveTerm(t, r) })));
    if (sides.some((s) => s.some((x) => x.v === null))) continue; // SKIP_IF_ANY_VALUE_MISSING
    const [l, rr] = sides.map((s) => s.reduce((a, x) => a + (x.v ?? 0), 0)) as [number, number];
    if (compare(l, rule.op, rr)) continue;
    const all = [...left.terms, ...right.terms];
    const oneElement = new Set(all.map((t) => t.element)).size === 1;
    const names = namesOf();
    const side = (terms: Term[], v: number) =>
      `${terms.map((t) => termLabel(t, names, cellLabels, oneElement)).join(' + ')} = ${formatNumber(v, 4)}`;
    const cells = all.length;
    const first = left.terms[0]!;
    findings.push({
      code: rule.code,
      severity: rule.severity,
      message:
        `${rule.message.trim().replace(/[.;:]+$/, '')}: ${side(left.terms, l)}, ${side(right.terms, rr)}.` +
        ` Hãy kiểm tra lại ${cells === 2 ? 'hai ô này' : 'các ô này'}.`,
      element: first.element,
      ...(first.kind === 'cell' ? { cell: first.cell } : {}),
    });
  }
  return findings;
}
