/** A searchable unit select (diacritics ignored), for the plan's lead and partner units. */
import { Select } from 'antd';
import type { Unit } from '../../../../shared/domain/records';
import { matchesSearch } from '../../../../shared/text/vi';

export function UnitPicker({
  units,
  value,
  onChange,
  multiple,
  placeholder,
  ariaLabel,
  id,
}: {
  units: Unit[];
  value?: string[] | string | null;
  onChange?: (v: string[] | string) => void;
  multiple?: boolean;
  placeholder?: string;
  ariaLabel?: string;
  id?: string;
}) {
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder ?? 'Chọn đơn vị'}
      style={{ minWidth: 260, width: '100%' }}
      showSearch={{ filterOption: (input, o) => matchesSearch(String(o?.label ?? ''), input) }}
      options={units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
    />
  );
}
