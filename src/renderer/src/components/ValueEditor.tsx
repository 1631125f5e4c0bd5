import { Checkbox, Flex, Input, Select } from 'antd';
import type { DataElement } from '../../../shared/domain/catalog';
import type { CellValue } from '../../../shared/domain/records';
import { ViNumberInput } from './ViNumberInput';

/** One cell editor following the element's type: number, Có/Không, text, or "Không áp dụng". */
export function ValueEditor({
  element,
  value,
  onChange,
  label,
  disabled,
}: {
  element: Pick<DataElement, 'type' | 'name'>;
  value: CellValue | null;
  onChange: (v: CellValue | null) => void;
  label: string;
  disabled?: boolean;
}) {
  if (element.type === 'yesno') {
    const v = value?.state === 'yesno' ? (value.value ? 'yes' : 'no') : value?.state === 'na' ? 'na' : undefined;
    return (
      <Select
        aria-label={label}
        allowClear
        disabled={disabled}
        style={{ width: '100%' }}
        placeholder="Chưa báo cáo"
        value={v}
        onChange={(x?: string) =>
          onChange(
            x === 'yes'
              ? { state: 'yesno', value: true }
              : x === 'no'
                ? { state: 'yesno', value: false }
                : x === 'na'
                  ? { state: 'na' }
                  : null,
          )
        }
        options={[
          { value: 'yes', label: 'Có' },
          { value: 'no', label: 'Không' },
          { value: 'na', label: 'Không áp dụng' },
        ]}
      />
    );
  }
  if (element.type === 'text') {
    return (
      <Input.TextArea
        aria-label={label}
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 6 }}
        value={value?.state === 'text' ? value.value : ''}
        onChange={(e) => onChange(e.target.value ? { state: 'text', value: e.target.value } : null)}
      />
    );
  }
  const na = value?.state === 'na';
  return (
    <Flex vertical gap={2}>
      <ViNumberInput
        aria-label={label}
        integer={element.type === 'integer'}
        min={0}
        disabled={disabled || na}
        placeholder={na ? 'Không áp dụng' : 'Chưa báo cáo'}
        value={value?.state === 'number' ? value.value : null}
        onChange={(n) => onChange(n === null ? null : { state: 'number', value: n })}
      />
      <Checkbox
        disabled={disabled}
        checked={na}
        aria-label={`${label}: không áp dụng`}
        onChange={(e) => onChange(e.target.checked ? { state: 'na' } : null)}
      >
        <span style={{ fontSize: 12 }}>Không áp dụng</span>
      </Checkbox>
    </Flex>
  );
}
