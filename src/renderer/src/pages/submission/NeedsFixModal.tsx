/** Asking the unit to complete its report: the submission turns "Cần bổ sung" with what is missing. */
import { Form, Input } from 'antd';
import { FormModal, required, useSaveAndClose } from '../../components/FormModal';

export function NeedsFixModal({ submissionId, onClose }: { submissionId: number; onClose: () => void }) {
  const { save, saving } = useSaveAndClose('submissions.setStatus', onClose);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      title="Yêu cầu đơn vị bổ sung"
      form={form}
      saving={saving}
      onFinish={(v) =>
        save(
          { id: submissionId, status: 'needs_fix', reason: v.reason.trim() },
          'Đã chuyển báo cáo sang “Cần bổ sung”.',
        )
      }
    >
      <Form.Item label="Đơn vị cần bổ sung gì?" name="reason" rules={required('Hãy ghi rõ đơn vị cần bổ sung gì')}>
        <Input.TextArea rows={3} maxLength={1000} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
