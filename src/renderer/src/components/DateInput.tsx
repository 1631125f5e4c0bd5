/** antd DatePicker speaking ISO strings (YYYY-MM-DD) and showing dd/mm/yyyy. */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';

export const VI_DATE = 'DD/MM/YYYY';

export function DateInput({
  value,
  onChange,
  id,
  allowClear = true,
  placeholder = 'dd/mm/yyyy',
  style,
  ...rest
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      format={[VI_DATE, 'D/M/YYYY', 'YYYY-MM-DD']}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
