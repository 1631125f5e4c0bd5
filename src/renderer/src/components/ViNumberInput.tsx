/** A number box that reads and shows Vietnamese numbers: "1.234,5". */
import { InputNumber } from 'antd';
import type { CSSProperties } from 'react';
import { formatNumber, parseViNumber } from '../../../shared/text/vi';

export function ViNumberInput({
  value,
  onChange,
  integer,
  min,
  id,
  style,
  placeholder,
  disabled,
  onPressEnter,
  ...rest
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  integer?: boolean;
  min?: number;
  id?: string;
  style?: CSSProperties;
  placeholder?: string;
  disabled?: boolean;
  onPressEnter?: () => void;
  'aria-label'?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? null}
      min={min}
      precision={integer ? 0 : undefined}
      style={style ?? { width: '100%' }}
      placeholder={placeholder}
      disabled={disabled}
      decimalSeparator=","
      formatter={(v, info) => {
        if (info.userTyping) return info.input;
        if (v === undefined || v === null || String(v) === '') return '';
        const n = typeof v === 'number' ? v : Number(v);
        return Number.isFinite(n) ? formatNumber(n, 4) : String(v);
      }}
      parser={(s) => {
        const n = parseViNumber(s ?? '');
        return (n ?? NaN) as number;
      }}
      onChange={(v) => onChange?.(typeof v === 'number' && Number.isFinite(v) ? v : null)}
      onPressEnter={onPressEnter}
    />
  );
}
