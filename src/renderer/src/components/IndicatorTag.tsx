import { Tag, Typography } from 'antd';
import type { Consolidation, IndicatorResult } from '../../../shared/domain/report';
import { coverageDiffers, indicatorUnits, isProvisional } from '../../../shared/rules/coverage';
import { PROVISIONAL, provisionalNote } from '../../../shared/text/labels';
import { formatNumber } from '../../../shared/text/vi';
import { OP_LABEL } from '../labels';
import type { CatalogIndex } from '../state/catalog';

/**
 * Đạt / Chưa đạt; "(tạm tính)" when the figure comes from part of the units expected (shared/rules/coverage.ts),
 * as the documents write it.
 */
export function MetTag({ met, provisional = false }: { met: boolean | null; provisional?: boolean }) {
  if (met === null) return <Tag>Chưa đủ số liệu</Tag>;
  const tail = provisional ? ` (${PROVISIONAL})` : '';
  return met ? <Tag color="green">{`Đạt${tail}`}</Tag> : <Tag color="red">{`Chưa đạt${tail}`}</Tag>;
}

export function targetText(t: IndicatorResult['target'], unit = ''): string {
  if (!t) return '';
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  return `${OP_LABEL[t.op] ?? t.op} ${formatNumber(t.value)}${u} (${t.year}${t.source === 'province' ? ', tỉnh' : ''})`;
}

/**
 * Each indicator result's coverage, by code, as the documents judge it (shared/rules/coverage.ts): `provisional`, an
 * assessment (a target and a Đạt / Chưa đạt) from part of the units expected; `differs`, last year's value from a
 * different number of units.
 */
export function indicatorCoverage(
  c: Pick<Consolidation, 'indicators' | 'values' | 'reporting' | 'previous'>,
  index: CatalogIndex,
): Map<string, { provisional: boolean; differs: boolean }> {
  const els = index.catalog.dataElements;
  const before = new Map((c.previous?.indicators ?? []).map((i) => [i.code, i.value]));
  const out = new Map<string, { provisional: boolean; differs: boolean }>();
  for (const i of c.indicators) {
    const ind = index.indicator.get(i.code);
    const units = ind ? indicatorUnits(ind, els, c.values) : null;
    const previousUnits = ind && c.previous ? indicatorUnits(ind, els, c.previous.values) : null;
    out.set(i.code, {
      provisional: i.target !== null && i.met !== null && isProvisional(units, c.reporting),
      differs: coverageDiffers(units, previousUnits, before.get(i.code)),
    });
  }
  return out;
}

/** Under a table of assessments some of which are provisional: why (the documents' "(*)" note). */
export function ProvisionalNote({ reporting }: { reporting: { received: number; expected: number } }) {
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
      {provisionalNote(formatNumber(reporting.received), formatNumber(reporting.expected))}
    </Typography.Paragraph>
  );
}
