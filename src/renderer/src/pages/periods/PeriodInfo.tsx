/** A period's name, dates and note; a closed period still lets its name and deadline change. */
import { App, Button, Flex, Form, Input, Space, Typography } from 'antd';
import type { Period } from '../../../../shared/domain/records';
import { useOpMutation } from '../../api/client';
import { SubmitOnEnter } from '../../components/common';
import { DateInput } from '../../components/DateInput';
import { ErrorAlert, required } from '../../components/FormModal';

interface InfoForm {
  label: string;
  dataFrom: string;
  dataTo: string;
  deadline: string;
  note: string | null;
}

const DATE_RULES = [{ required: true, message: 'Chọn ngày' }];

export function PeriodInfo({ period }: { period: Period }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InfoForm>();
  const update = useOpMutation('periods.update');
  const closed = period.status === 'closed';
  return (
    <Form<InfoForm>
      form={form}
      layout="vertical"
      disabled={update.isPending}
      initialValues={{
        label: period.label,
        dataFrom: period.dataFrom,
        dataTo: period.dataTo,
        deadline: period.deadline,
        note: period.note,
      }}
      onFinish={(v) =>
        update.mutate(
          {
            id: period.id,
            label: v.label,
            dataFrom: v.dataFrom,
            dataTo: v.dataTo,
            deadline: v.deadline,
            note: v.note ?? null,
          },
          { onSuccess: () => void message.success('Đã lưu thông tin kỳ báo cáo.') },
        )
      }
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
        {closed ? (
          <Typography.Text type="secondary">Kỳ đã khóa sổ: vẫn có thể sửa tên và hạn nộp.</Typography.Text>
        ) : null}
      </Space>
    </Form>
  );
}
