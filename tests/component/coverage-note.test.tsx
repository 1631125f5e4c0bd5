/**
 * Tổng hợp, "Số liệu tổng hợp": a change from last year whose two figures come from different numbers of units is
 * marked (**) with last year's count beside this year's, and the table ends with the documents' coverage note;
 * a change between equal coverages is shown plain, and a table without any such change has no note. An assessment
 * from part of the units expected reads "Đạt (tạm tính)" / "Chưa đạt (tạm tính)", as in the documents.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogView } from '../../src/shared/contract';
import type { DataElement } from '../../src/shared/domain/catalog';
import type { ConsolidatedValue, Consolidation } from '../../src/shared/domain/report';
import { COVERAGE_NOTE } from '../../src/shared/text/labels';
import { MetTag } from '../../src/renderer/src/components/IndicatorTag';
import { ValuesTable } from '../../src/renderer/src/pages/consolidation/ValuesTable';
import { indexCatalog } from '../../src/renderer/src/state/catalog';

const element = (code: string, name: string, extra: Partial<DataElement> = {}): DataElement => ({
  code,
  name,
  unit: 'cuộc',
  type: 'integer',
  cells: ['value'],
  section: 'I',
  reportedBy: ['so_nganh', 'xa'],
  sensitive: false,
  collectedFrom: 'units',
  aggregation: 'sum',
  ...extra,
});

const catalog = {
  sections: [{ code: 'I', name: 'Công tác chỉ đạo' }],
  dataElements: [
    element('A', 'Số cuộc tuyên truyền'),
    element('B', 'Số lớp tập huấn'),
    element('C', 'Số văn bản của tỉnh', { collectedFrom: 'province' }),
  ],
  indicators: [],
} as unknown as CatalogView;

const value = (code: string, v: number, units: number): ConsolidatedValue => ({ code, cell: 'value', value: v, units });

function consolidation(now: ConsolidatedValue[], before: ConsolidatedValue[] | null): Consolidation {
  return {
    values: now,
    indicators: [],
    femaleShares: [],
    reporting: { expected: 20, received: 13, onTime: 13 },
    texts: [],
    byKind: [],
    previous: before ? { periodId: 1, label: 'Năm 2025', values: before, indicators: [] } : null,
  };
}

const rowOf = (name: string): HTMLElement => screen.getByText(name).closest('tr') as HTMLElement;

afterEach(cleanup);

describe('Tổng hợp: comparisons with last year across different coverages', () => {
  it('marks a change whose two figures come from different numbers of units, and says why under the table', () => {
    render(
      <ValuesTable
        c={consolidation(
          [value('A', 87, 13), value('B', 30, 12), value('C', 5, 0)],
          [value('A', 164, 20), value('B', 20, 12), value('C', 4, 0)],
        )}
        index={indexCatalog(catalog)}
        onDrill={() => undefined}
      />,
    );
    const a = within(rowOf('Số cuộc tuyên truyền'));
    expect(a.getByText('-47% (**)')).toBeTruthy();
    expect(a.getByText('(cùng kỳ: 20)')).toBeTruthy();
    // the same 12 units both years: the change as it is, no second count
    const b = within(rowOf('Số lớp tập huấn'));
    expect(b.getByText('+50%')).toBeTruthy();
    expect(b.queryByText(/\(\*\*\)|cùng kỳ:/)).toBeNull();
    // a province figure has no units to compare
    expect(within(rowOf('Số văn bản của tỉnh')).getByText('+25%')).toBeTruthy();
    expect(screen.getByText(`(**) ${COVERAGE_NOTE}`)).toBeTruthy();
  });

  it('has no note when every comparison is between equal coverages, or when there is no last year', () => {
    const { unmount } = render(
      <ValuesTable
        c={consolidation([value('A', 87, 13)], [value('A', 80, 13)])}
        index={indexCatalog(catalog)}
        onDrill={() => undefined}
      />,
    );
    expect(within(rowOf('Số cuộc tuyên truyền')).getByText('+8,8%')).toBeTruthy();
    expect(screen.queryByText(/\(\*\*\)/)).toBeNull();
    unmount();
    render(
      <ValuesTable
        c={consolidation([value('A', 87, 13)], null)}
        index={indexCatalog(catalog)}
        onDrill={() => undefined}
      />,
    );
    expect(screen.queryByText(/\(\*\*\)/)).toBeNull();
    expect(screen.queryByText('So với cùng kỳ')).toBeNull();
  });
});

describe('Đạt / Chưa đạt while units are still to report', () => {
  it('says "tạm tính" when provisional, and only then', () => {
    render(
      <>
        <MetTag met={true} provisional />
        <MetTag met={false} provisional />
        <MetTag met={true} />
        <MetTag met={null} provisional />
      </>,
    );
    expect(screen.getByText('Đạt (tạm tính)')).toBeTruthy();
    expect(screen.getByText('Chưa đạt (tạm tính)')).toBeTruthy();
    expect(screen.getByText('Đạt')).toBeTruthy();
    // no assessment at all: nothing to call provisional
    expect(screen.getByText('Chưa đủ số liệu')).toBeTruthy();
  });
});
