/** Correcting one figure of a submission: the new value and a reason, both kept in the audit log. */
import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { CellValue } from '../../../../shared/domain/records';
import { FormModal, useSaveAndClose } from '../../components/FormModal';
import { ValueEditor } from '../../components/ValueEditor';
import { valueText } from '../../components/values';
import { CELL_LABEL } from '../../labels';

export function CorrectModal({
  submissionId,
  element,
  cell,
  current,
  onClose,
}: {
  submissionId: number;
  element: DataElement;
  cell: CellKey;
  current: CellValue | null;
  onClose: () => void;
}) {
  const { save, saving } = useSaveAndClose('submissions.correct', onClose);
  const [value, setValue] = useState<CellValue | null>(current);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      title="Sửa số liệu"
      form={form}
      saving={saving}
      intro={
        <Typography.Paragraph>
          <strong>{element.name}</strong> – {CELL_LABEL[cell]}
          <br />
          Giá trị hiện tại: <strong>{valueText(current) || 'trống'}</strong>
        </Typography.Paragraph>
      }
      onFinish={(v) =>
        save(
          { id: submissionId, element: element.code, cell, value, reason: v.reason.trim() },
          'Đã sửa số liệu và ghi vào nhật ký.',
        )
      }
    >
      <Form.Item label="Giá trị mới" required>
        <ValueEditor element={element} label="Giá trị mới" value={value} onChange={setValue} />
      </Form.Item>
      <Form.Item
        label="Lý do sửa"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: 'Cần ghi lý do sửa' },
          { min: 3, message: 'Lý do cần ít nhất 3 ký tự' },
        ]}
        extra="Ví dụ: Đơn vị báo lại qua điện thoại ngày …; theo công văn số …"
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
