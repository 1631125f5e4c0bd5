/** A unit of the period, picked by name or code; the search ignores diacritics ("so noi vu" finds "Sở Nội vụ"). */
import { Select } from 'antd';
import { useMemo } from 'react';
import { compareVi, matchesSearch } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';

export function UnitPicker({
  periodId,
  value,
  onChange,
  id,
  label,
  allowClear,
  placeholder = 'Gõ tên hoặc mã đơn vị…',
  style,
  autoFocus,
}: {
  periodId: number;
  value: number | null;
  onChange: (unitId: number | null) => void;
  id?: string;
  label: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  autoFocus?: boolean;
}) {
  const q = useOp('periods.get', { id: periodId });
  const options = useMemo(
    () =>
      [...(q.data?.expectedUnits ?? [])]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((u) => ({ value: u.id, label: u.name, code: u.code })),
    [q.data],
  );
  return (
    <Select<number>
      id={id}
      aria-label={label}
      showSearch={{
        filterOption: (input, o) => matchesSearch(`${o?.label ?? ''} ${(o as { code?: string })?.code ?? ''}`, input),
      }}
      allowClear={allowClear}
      autoFocus={autoFocus}
      loading={q.isLoading}
      style={style ?? { width: '100%' }}
      placeholder={placeholder}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label} <span style={{ color: 'rgba(0,0,0,0.62)' }}>({(o.data as { code: string }).code})</span>
        </span>
      )}
      notFoundContent="Không có đơn vị phù hợp"
    />
  );
}
