/**
 * A catalogue element (or, for an appendix, an indicator) for a row of a form: searched by name or code ignoring
 * diacritics ("so luot" finds "Số lượt"), listed in Vietnamese order.
 */
import { Select } from 'antd';
import { useMemo } from 'react';
import type { CatalogView } from '../../../../shared/contract';
import { compareVi, matchesSearch } from '../../../../shared/text/vi';

export type Pick = { kind: 'element' | 'indicator'; code: string; name: string };

interface Option {
  value: string;
  label: string;
  code: string;
  kind: 'element' | 'indicator';
  name: string;
}

const valueOf = (kind: 'element' | 'indicator', code: string) => `${kind === 'indicator' ? 'i' : 'e'}:${code}`;

export function useCatalogOptions(catalog: CatalogView, withIndicators: boolean) {
  return useMemo(() => {
    const els: Option[] = [...catalog.dataElements]
      .sort((a, b) => compareVi(a.name, b.name) || compareVi(a.code, b.code))
      .map((e) => ({
        value: valueOf('element', e.code),
        label: `${e.name} (${e.code})`,
        code: e.code,
        kind: 'element',
        name: e.name,
      }));
    if (!withIndicators) return { options: els, byValue: new Map(els.map((o) => [o.value, o])) };
    const inds: Option[] = [...catalog.indicators]
      .sort((a, b) => compareVi(a.name, b.name) || compareVi(a.code, b.code))
      .map((i) => ({
        value: valueOf('indicator', i.code),
        label: `${i.name} (${i.code})`,
        code: i.code,
        kind: 'indicator',
        name: i.name,
      }));
    return {
      options: [
        { label: 'Chỉ tiêu thu thập', options: els },
        { label: 'Chỉ tiêu tính toán', options: inds },
      ],
      byValue: new Map([...els, ...inds].map((o) => [o.value, o])),
    };
  }, [catalog, withIndicators]);
}

export function ElementPicker({
  catalog,
  withIndicators,
  kind,
  code,
  onPick,
  label,
  id,
}: {
  catalog: CatalogView;
  withIndicators: boolean;
  kind: 'element' | 'indicator' | undefined;
  code: string | null;
  onPick: (p: Pick | null) => void;
  label: string;
  id?: string;
}) {
  const { options, byValue } = useCatalogOptions(catalog, withIndicators);
  const value = code ? valueOf(kind ?? 'element', code) : undefined;
  const known = value ? byValue.has(value) : true;
  return (
    <Select<string>
      id={id}
      aria-label={label}
      showSearch={{
        filterOption: (input, o) => matchesSearch(String((o as Option | undefined)?.label ?? ''), input),
      }}
      allowClear
      style={{ width: '100%' }}
      placeholder="Chưa ghép – gõ tên hoặc mã để chọn"
      value={value}
      // a code the catalogue no longer has is shown as it is, not silently dropped
      {...(!known && code ? { labelRender: () => `${code} (không có trong danh mục)` } : {})}
      onChange={(v) => {
        const o = v ? byValue.get(v) : undefined;
        onPick(o ? { kind: o.kind, code: o.code, name: o.name } : null);
      }}
      options={options}
      popupMatchSelectWidth={520}
      notFoundContent="Không có chỉ tiêu phù hợp"
    />
  );
}
