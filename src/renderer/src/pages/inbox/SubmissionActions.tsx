/**
 * Two corrections of what was received, each with a mandatory reason (audited): withdrawing the unit's current
 * revision (the one before becomes current again, or the unit returns to "Chưa nộp"), and correcting a received date
 * (timeliness follows). Used from the inbox and from the submission page.
 */
import { Form, Input, Typography } from 'antd';
import { formatDate } from '../../../../shared/text/vi';
import { DateInput } from '../../components/DateInput';
import { FormModal, useSaveAndClose } from '../../components/FormModal';

const REASON_RULES = [
  { required: true, whitespace: true, message: 'Hãy ghi lý do (sẽ ghi vào nhật ký thay đổi).' },
  { min: 3, message: 'Lý do cần ít nhất 3 ký tự.' },
];

export function WithdrawModal({
  periodId,
  unitId,
  unitName,
  revision,
  onClose,
}: {
  periodId: number;
  unitId: number;
  unitName: string;
  revision: number | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { save, saving } = useSaveAndClose('submissions.withdraw', onClose);
  return (
    <FormModal
      title="Rút lại báo cáo"
      okText="Rút lại"
      form={form}
      saving={saving}
      intro={
        <Typography.Paragraph>
          Rút lại {revision ? `lần nộp thứ ${revision}` : 'bản đang dùng'} của <strong>{unitName}</strong>. Lần nộp
          trước đó (nếu có) được dùng lại; nếu không còn lần nào, đơn vị trở về “Chưa nộp”. Tệp và số liệu vẫn được lưu
          trong hồ sơ.
        </Typography.Paragraph>
      }
      onFinish={(v) =>
        save({ periodId, unitId, reason: v.reason.trim() }, (r) =>
          r.revision
            ? `Đã rút lại. ${unitName} trở về lần nộp thứ ${r.revision}.`
            : `Đã rút lại. ${unitName} trở về “Chưa nộp”.`,
        )
      }
    >
      <Form.Item name="reason" label="Lý do rút lại" rules={REASON_RULES}>
        <Input.TextArea rows={3} maxLength={1000} autoFocus />
      </Form.Item>
    </FormModal>
  );
}

export function ReceivedDateModal({
  submissionId,
  unitName,
  receivedAt,
  onClose,
}: {
  submissionId: number;
  unitName: string;
  receivedAt: string | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ receivedAt: string; reason: string }>();
  const { save, saving } = useSaveAndClose('submissions.setReceived', onClose);
  return (
    <FormModal
      title="Sửa ngày nhận"
      form={form}
      saving={saving}
      initialValues={{ receivedAt: receivedAt ?? undefined }}
      intro={
        <Typography.Paragraph>
          Báo cáo của <strong>{unitName}</strong>, hiện ghi nhận ngày {formatDate(receivedAt) || '—'}. Đúng hạn hay trễ
          hạn được tính lại theo ngày mới.
        </Typography.Paragraph>
      }
      onFinish={(v) =>
        save(
          { id: submissionId, receivedAt: v.receivedAt, reason: v.reason.trim() },
          (r) => `Đã sửa ngày nhận từ ${formatDate(r.previous)} thành ${formatDate(r.receivedAt)}.`,
        )
      }
    >
      <Form.Item
        name="receivedAt"
        label="Ngày nhận đúng"
        htmlFor="fix-received-at"
        rules={[{ required: true, message: 'Hãy chọn ngày nhận (dd/mm/yyyy).' }]}
      >
        <DateInput id="fix-received-at" allowClear={false} />
      </Form.Item>
      <Form.Item name="reason" label="Lý do sửa" rules={REASON_RULES}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
