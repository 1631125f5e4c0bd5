/**
 * Catalogue expressions (DESIGN.md "How the catalogue's expressions read").
 *
 *   expression := term ( "+" term )*
 *   term       := CODE "." cell            the value of that cell (a unit's, or the consolidated sum)
 *               | "count_yes(" CODE ")"     the number of units that answered "Có"
 *               | "count_reported(" CODE ")" the number of units that answered at all ('na' is not an answer)
 *   cell       := total | female | male | value
 *
 * Whitespace is free. Anything else is a malformed expression and throws an ExpressionError whose message is
 * Vietnamese and says what is wrong (used to validate indicators and rules the officer adds).
 */
import { CELL_KEYS, type CellKey, type DataElement } from '../domain/catalog';

export type Term =
  | { kind: 'cell'; element: string; cell: CellKey }
  | { kind: 'count_yes'; element: string }
  | { kind: 'count_reported'; element: string };

export interface Expression {
  source: string;
  terms: Term[];
}

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const CODE = '[A-Za-z][A-Za-z0-9_]*';
const CELL_RE = new RegExp(`^(${CODE})\\.([A-Za-z]+)$`);
const FN_RE = new RegExp(`^(count_yes|count_reported)\\s*\\(\\s*(${CODE})\\s*\\)$`);

function parseTerm(raw: string, source: string): Term {
  const t = raw.trim();
  if (!t) throw new ExpressionError(`Biểu thức "${source}" có chỗ trống giữa hai dấu "+" hoặc ở đầu/cuối.`, source);
  const fn = FN_RE.exec(t);
  if (fn) return { kind: fn[1] as 'count_yes' | 'count_reported', element: fn[2]! };
  const m = CELL_RE.exec(t);
  if (m) {
    const cell = m[2]!;
    if (!(CELL_KEYS as readonly string[]).includes(cell)) {
      throw new ExpressionError(
        `Biểu thức "${source}": ô "${cell}" không tồn tại (chỉ dùng total, female, male hoặc value).`,
        source,
      );
    }
    return { kind: 'cell', element: m[1]!, cell: cell as CellKey };
  }
  throw new ExpressionError(
    `Biểu thức "${source}" không đọc được ở "${t}". Mỗi thành phần phải có dạng MÃ.ô (ví dụ LDQL.female), ` +
      `count_yes(MÃ) hoặc count_reported(MÃ), nối với nhau bằng dấu "+".`,
    source,
  );
}

export function parseExpression(source: string): Expression {
  if (typeof source !== 'string' || !source.trim()) {
    throw new ExpressionError('Biểu thức đang để trống.', String(source ?? ''));
  }
  if (source.length > 500) throw new ExpressionError('Biểu thức quá dài (tối đa 500 ký tự).', source.slice(0, 50));
  return { source, terms: source.split('+').map((p) => parseTerm(p, source)) };
}

const cache = new Map<string, Expression>();
/** parseExpression with a small cache (catalogue expressions are evaluated many times). */
export function compileExpression(source: string): Expression {
  let e = cache.get(source);
  if (!e) {
    e = parseExpression(source);
    if (cache.size > 1000) cache.clear();
    cache.set(source, e);
  }
  return e;
}

/**
 * Parses and checks the expression against the catalogue: every element exists, `CODE.cell` names a cell the
 * element has and is numeric (integer/decimal), count_yes/count_reported name a yes/no element (count_reported
 * also accepts any element). Throws ExpressionError.
 */
export function checkExpression(source: string, elements: readonly DataElement[]): Expression {
  const expr = parseExpression(source);
  const byCode = new Map(elements.map((e) => [e.code, e]));
  for (const t of expr.terms) {
    const el = byCode.get(t.element);
    if (!el) throw new ExpressionError(`Biểu thức "${source}": không có chỉ tiêu mã "${t.element}".`, source);
    if (t.kind === 'cell') {
      if (!el.cells.includes(t.cell)) {
        throw new ExpressionError(
          `Biểu thức "${source}": chỉ tiêu ${t.element} không có ô "${t.cell}" (chỉ có ${el.cells.join(', ')}).`,
          source,
        );
      }
      if (el.type !== 'integer' && el.type !== 'decimal') {
        throw new ExpressionError(
          `Biểu thức "${source}": ${t.element} không phải số liệu; với câu hỏi có/không hãy dùng count_yes(${t.element}).`,
          source,
        );
      }
    } else if (t.kind === 'count_yes' && el.type !== 'yesno') {
      throw new ExpressionError(`Biểu thức "${source}": count_yes chỉ dùng cho câu hỏi có/không.`, source);
    }
  }
  return expr;
}

export function expressionElements(expr: Expression): string[] {
  return [...new Set(expr.terms.map((t) => t.element))];
}

/** What the evaluator needs: each returns null when nothing was reported. */
export interface Resolver {
  cell(element: string, cell: CellKey): number | null;
  countYes(element: string): number | null;
  countReported(element: string): number | null;
}

/**
 * - `skip_if_any` (validation rules, DHIS2 SKIP_IF_ANY_VALUE_MISSING): null as soon as one term is missing;
 * - `skip_if_all` (indicators, DHIS2 SKIP_IF_ALL_VALUES_MISSING): missing terms count as 0, null only if all are.
 */
export type MissingPolicy = 'skip_if_any' | 'skip_if_all';

export function resolveTerm(t: Term, r: Resolver): number | null {
  switch (t.kind) {
    case 'cell':
      return r.cell(t.element, t.cell);
    case 'count_yes':
      return r.countYes(t.element);
    case 'count_reported':
      return r.countReported(t.element);
  }
}

export function evaluateExpression(
  expr: Expression | string,
  r: Resolver,
  missing: MissingPolicy = 'skip_if_any',
): number | null {
  const e = typeof expr === 'string' ? compileExpression(expr) : expr;
  let sum = 0;
  let seen = 0;
  for (const t of e.terms) {
    const v = resolveTerm(t, r);
    if (v === null) {
      if (missing === 'skip_if_any') return null;
      continue;
    }
    sum += v;
    seen++;
  }
  return seen === 0 ? null : sum;
}

const EPS = 1e-9;
/** `left op right`, tolerant of floating-point noise (3/14×100 compared with 21.428571428571427 etc.). */
export function compare(left: number, op: '<=' | '<' | '==' | '>=' | '>', right: number): boolean {
  const tol = EPS * Math.max(1, Math.abs(left), Math.abs(right));
  switch (op) {
    case '<=':
      return left <= right + tol;
    case '<':
      return left < right - tol;
    case '==':
      return Math.abs(left - right) <= tol;
    case '>=':
      return left >= right - tol;
    case '>':
      return left > right + tol;
  }
}
