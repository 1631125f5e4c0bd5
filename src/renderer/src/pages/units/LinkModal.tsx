/** Recording a merger or split: old units replaced by new ones from a date (the old ones end the day before). */
import { Form, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { Unit } from '../../../../shared/domain/records';
import { compareVi, formatNumber, matchesSearch } from '../../../../shared/text/vi';
import { DateInput } from '../../components/DateInput';
import { FormModal, useSaveAndClose } from '../../components/FormModal';

interface LinkForm {
  predecessorIds: number[];
  successorIds: number[];
  effectiveDate: string;
}

function filterVi(input: string, option?: { label?: unknown }): boolean {
  return matchesSearch(String(option?.label ?? ''), input);
}

export function LinkModal({ units, onClose }: { units: Unit[]; onClose: () => void }) {
  const { save, saving } = useSaveAndClose('units.link', onClose);
  const [form] = Form.useForm<LinkForm>();
  const options = useMemo(
    () =>
      [...units]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((u) => ({ value: u.id, label: `${u.name} (${u.code})` })),
    [units],
  );
  return (
    <FormModal<LinkForm>
      title="Sáp nhập, chia tách đơn vị"
      okText="Ghi nhận"
      width={680}
      form={form}
      saving={saving}
      intro={
        <Typography.Paragraph type="secondary">
          Ghi nhận đơn vị cũ được thay bằng đơn vị mới từ một ngày. Đơn vị cũ hết hiệu lực từ ngày hôm trước; số liệu
          các kỳ trước vẫn giữ nguyên và được so sánh qua liên kết này.
        </Typography.Paragraph>
      }
      onFinish={(v) => save(v, (r) => `Đã ghi nhận ${formatNumber(r.linked)} liên kết.`)}
    >
      <Form.Item
        label="Đơn vị cũ"
        name="predecessorIds"
        rules={[{ required: true, message: 'Chọn ít nhất một đơn vị cũ' }]}
      >
        <Select mode="multiple" options={options} optionFilterProp="label" filterOption={filterVi} />
      </Form.Item>
      <Form.Item
        label="Đơn vị mới (kế thừa)"
        name="successorIds"
        rules={[{ required: true, message: 'Chọn ít nhất một đơn vị mới' }]}
      >
        <Select mode="multiple" options={options} filterOption={filterVi} />
      </Form.Item>
      <Form.Item label="Có hiệu lực từ ngày" name="effectiveDate" rules={[{ required: true, message: 'Chọn ngày' }]}>
        <DateInput />
      </Form.Item>
    </FormModal>
  );
}
