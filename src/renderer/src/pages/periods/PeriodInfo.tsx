/** A period's name, dates and note; a closed period still lets its name and deadline change. */
import { App, Button, Flex, Form, Input, Space, Typography } from 'antd';
import type { Period } from '../../../../shared/domain/records';
import { useOpMutation } from '../../api/client';
import { SubmitOnEnter } from '../../components/common';
import { DateInput } from '../../components/DateInput';
import { ErrorAlert, required } from '../../components/FormModal';
import { useDraft } from '../../state/drafts';

interface InfoForm {
  label: string;
  dataFrom: string;
  dataTo: string;
  deadline: string;
  note: string | null;
}

const DATE_RULES = [{ required: true, message: 'Chọn ngày' }];

const savedValues = (p: Period): InfoForm => ({
  label: p.label,
  dataFrom: p.dataFrom,
  dataTo: p.dataTo,
  deadline: p.deadline,
  note: p.note,
});

/** the fields that differ from what is saved */
export function changedFields(saved: InfoForm, v: InfoForm): Array<keyof InfoForm> {
  return (Object.keys(saved) as Array<keyof InfoForm>).filter((k) => (v[k] || null) !== (saved[k] || null));
}

export function PeriodInfo({ period }: { period: Period }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InfoForm>();
  const update = useOpMutation('periods.update');
  const closed = period.status === 'closed';
  const saved = savedValues(period);
  // what she typed survives leaving the screen, until saved or discarded
  const [draft, setDraft, clearDraft, hasDraft] = useDraft<InfoForm | null>(`period.info:${period.id}`, null);
  const discard = () => {
    clearDraft();
    form.setFieldsValue(saved);
  };
  return (
    <Form<InfoForm>
      form={form}
      layout="vertical"
      disabled={update.isPending}
      initialValues={draft ?? saved}
      onValuesChange={(_, all) => {
        if (changedFields(saved, all).length) setDraft(all);
        else clearDraft();
      }}
      onFinish={(v) => {
        // nothing differs from what is saved (e.g. Escape took back a typed date): say so, never "Đã lưu"
        if (!changedFields(saved, v).length) {
          clearDraft();
          void message.info('Không có thay đổi nào cần lưu.');
          return;
        }
        update.mutate(
          {
            id: period.id,
            label: v.label,
            dataFrom: v.dataFrom,
            dataTo: v.dataTo,
            deadline: v.deadline,
            note: v.note ?? null,
          },
          {
            onSuccess: () => {
              clearDraft();
              void message.success('Đã lưu thông tin kỳ báo cáo.');
            },
          },
        );
      }}
    >
      <SubmitOnEnter />
      <Form.Item label="Tên kỳ" name="label" rules={required('Nhập tên kỳ')}>
        <Input maxLength={200} style={{ maxWidth: 480 }} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label="Số liệu tính từ ngày" name="dataFrom" rules={DATE_RULES}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item label="Đến ngày" name="dataTo" rules={DATE_RULES}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item label="Hạn nộp" name="deadline" rules={DATE_RULES}>
          <DateInput allowClear={false} />
        </Form.Item>
      </Flex>
      <Form.Item label="Ghi chú" name="note">
        <Input.TextArea rows={2} maxLength={2000} style={{ maxWidth: 720 }} />
      </Form.Item>
      <ErrorAlert error={update.error} style={{ marginBottom: 12 }} />
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          Lưu thông tin kỳ
        </Button>
        {hasDraft ? (
          <>
            <Typography.Text style={{ color: '#ad4e00' }}>Có thay đổi chưa lưu.</Typography.Text>
            <Button onClick={discard}>Bỏ thay đổi</Button>
          </>
        ) : null}
        {closed ? (
          <Typography.Text type="secondary">Kỳ đã khóa sổ: vẫn có thể sửa tên và hạn nộp.</Typography.Text>
        ) : null}
      </Space>
    </Form>
  );
}
