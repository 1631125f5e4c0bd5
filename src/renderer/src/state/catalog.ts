/** The catalogue, indexed for screens: element and indicator by code, sections in order. */
import { useMemo } from 'react';
import type { CatalogView } from '../../../shared/contract';
import type { DataElement, Indicator } from '../../../shared/domain/catalog';
import { useOp } from '../api/client';

export interface CatalogIndex {
  catalog: CatalogView;
  element: Map<string, DataElement>;
  indicator: Map<string, Indicator>;
  /** a readable name for an indicator result code (indicators, or elements carrying a strategy code) */
  indicatorName: (code: string) => string;
  indicatorUnit: (code: string) => string;
}

export function indexCatalog(catalog: CatalogView): CatalogIndex {
  const element = new Map(catalog.dataElements.map((e) => [e.code, e]));
  const indicator = new Map(catalog.indicators.map((i) => [i.code, i]));
  const byStrategy = new Map(catalog.dataElements.filter((e) => e.strategyCode).map((e) => [e.strategyCode!, e]));
  return {
    catalog,
    element,
    indicator,
    indicatorName: (code) => indicator.get(code)?.name ?? byStrategy.get(code)?.name ?? code,
    indicatorUnit: (code) => indicator.get(code)?.unit ?? byStrategy.get(code)?.unit ?? '',
  };
}

export function useCatalog() {
  const q = useOp('catalog.get', {}, { staleTime: 60_000 });
  const index = useMemo(() => (q.data ? indexCatalog(q.data) : null), [q.data]);
  return { ...q, index };
}

/** Strategy indicators (NQ 28): codes starting with "CL.". */
export const isStrategy = (code: string) => code.startsWith('CL.');
