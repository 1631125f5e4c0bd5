/**
 * antd DatePicker speaking ISO strings (YYYY-MM-DD) and showing dd/mm/yyyy. Inside a dialog its calendar opens
 * upward (above the field, flipping only when there is no room), so it never lies over the dialog's own buttons:
 * the first click on "Lưu" / "Ghi nhận" reaches the button instead of only closing the calendar; and a date typed in
 * full counts at once.
 */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { parseViDate } from '../../../shared/text/vi';
import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';

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
  const where = useRef<HTMLSpanElement>(null);
  const [inDialog, setInDialog] = useState(false);
  // the value when the calendar opened
  const openedWith = useRef<string | null | undefined>(undefined);
  useLayoutEffect(() => setInDialog(!!where.current?.closest('.ant-modal')), []);
  return (
    <span
      ref={where}
      className="date-input"
      style={{ display: 'contents' }}
      // a full date typed by hand counts at once, not only on blur: a click on the dialog's button right after
      // typing then submits the typed date (otherwise the first click only commits it and the form sees a blank)
      // Escape takes back what was typed since the calendar opened (cancel, nothing kept)
      onKeyDown={(e) => {
        if (e.key === 'Escape' && openedWith.current !== undefined && openedWith.current !== (value ?? null))
          onChange?.(openedWith.current);
      }}
      onInput={(e) => {
        const t = e.target as HTMLInputElement;
        if (t.tagName !== 'INPUT') return;
        const iso = parseViDate(t.value);
        if (iso && iso !== value) onChange?.(iso);
      }}
    >
      <DatePicker
        id={id}
        aria-label={rest['aria-label']}
        format={[VI_DATE, 'D/M/YYYY', 'YYYY-MM-DD']}
        allowClear={allowClear}
        placeholder={placeholder}
        style={style}
        placement={inDialog ? 'topLeft' : 'bottomLeft'}
        onOpenChange={(open) => {
          if (open) openedWith.current = value ?? null;
        }}
        value={value ? dayjs(value) : null}
        onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      />
    </span>
  );
}
