/**
 * The ministry workbook's orders by unit name (Phụ lục V's units, Phụ lục VI's answers), with the comparisons of
 * documents/model.ts (sortedUnits, textRows) but fewer calls to the Vietnamese collator (issue 20: sorting a
 * national Phụ lục VI's ~13,000 answers made ~180,000 ICU comparisons, ~0,2 s).
 *
 * Each distinct name is sorted once and given its rank (names the collator finds equal share one); a comparison of
 * two names is then one of two numbers, of the same sign as compareVi's. The sorts below are model.ts's with that
 * comparison: the same stable sort asked the same questions gives the same answers, so the same order
 * (tests/integration/documents/workbook-equality.test.ts compares the workbooks written both ways).
 */
import { compareVi } from '../../shared/text/vi';
import { cleanForDocument, textRows, type ReportModel } from './model';
import type { FigureTable } from './workbook-figures';

/** cleanForDocument's answers for texts of 65 to 2,000 characters (it remembers the shorter ones itself) */
const CLEANED = new Map<string, string>();

/**
 * cleanForDocument (model.ts) of a cell's text, remembered up to 2,000 characters (a national Phụ lục VI repeats
 * its answers: two regexes over each of ~13,000 texts). The same answer: the function is pure.
 */
export function cleanText(s: string): string {
  if (s.length <= 64 || s.length > 2000) return cleanForDocument(s);
  let t = CLEANED.get(s);
  if (t === undefined) {
    if (CLEANED.size >= 20_000) CLEANED.clear();
    CLEANED.set(s, (t = cleanForDocument(s)));
  }
  return t;
}

/** compareVi of strings known in advance, as a subtraction of ranks. */
export class ViRanks {
  private readonly rank = new Map<string, number>();

  constructor(strings: Iterable<string>) {
    const sorted = [...new Set(strings)].sort(compareVi);
    let r = 0;
    sorted.forEach((s, i) => {
      if (i > 0 && compareVi(sorted[i - 1]!, s) !== 0) r++;
      this.rank.set(s, r);
    });
  }

  /** the sign of compareVi(a, b); a string not given in advance is compared by the collator */
  compare(a: string, b: string): number {
    const x = this.rank.get(a);
    const y = this.rank.get(b);
    return x === undefined || y === undefined ? compareVi(a, b) : x - y;
  }
}

/** The ranks of every unit name the workbook sorts by (Phụ lục V's units, Phụ lục VI's answers). */
export function unitNameRanks(model: ReportModel, figures: FigureTable): ViRanks {
  const names: string[] = [];
  for (const u of figures.units) names.push(u.unitName);
  for (const t of model.consolidation.texts) names.push(t.unitName);
  return new ViRanks(names);
}

/** sortedUnits (model.ts) of the table's units: their indexes, by name then code. */
export function sortedUnitIndexes(figures: FigureTable, ranks: ViRanks): number[] {
  const u = figures.units;
  return u
    .map((_, i) => i)
    .sort((a, b) => ranks.compare(u[a]!.unitName, u[b]!.unitName) || compareVi(u[a]!.unitCode, u[b]!.unitCode));
}

/** textRows (model.ts) with the ranks made once and the cleaned texts kept. */
export function sortedTextRows(
  model: ReportModel,
  ranks: ViRanks,
): Array<{ unitName: string; unitCode: string; item: string; text: string }> {
  return textRows(model, (a, b) => ranks.compare(a, b), cleanText);
}
