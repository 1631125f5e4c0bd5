/** A new period: year and kind, the rest defaulting to Nghị định 09/2019/NĐ-CP unless the officer fills it in. */
import { Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useMemo } from 'react';
import type { PeriodKind } from '../../../../shared/domain/catalog';
import type { Period } from '../../../../shared/domain/records';
import { localIsoDate, periodDefaults } from '../../../../shared/rules/period';
import { formatDate } from '../../../../shared/text/vi';
import { useOpMutation } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { PERIOD_KIND_OPTIONS } from '../../labels';

interface CreateForm {
  year: number;
  kind: PeriodKind;
  label?: string;
  dataFrom?: string | null;
  dataTo?: string | null;
  deadline?: string | null;
}

export function CreatePeriodModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Period) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const create = useOpMutation('periods.create');
  const year = Form.useWatch('year', form) ?? new Date().getFullYear();
  const kind = Form.useWatch('kind', form) ?? 'half_year';
  const def = useMemo(() => {
    try {
      return periodDefaults(year, kind, { today: localIsoDate() });
    } catch {
      return null;
    }
  }, [year, kind]);
  const month = new Date().getMonth() + 1;

  return (
    <FormModal<CreateForm>
      title="Tạo kỳ báo cáo"
      okText="Tạo kỳ"
      width={640}
      form={form}
      saving={{ pending: create.isPending, error: create.error, onClose }}
      initialValues={{ year: new Date().getFullYear(), kind: month <= 7 ? 'half_year' : 'year' }}
      onFinish={(v) =>
        create.mutate(
          {
            year: v.year,
            kind: v.kind,
            ...(v.label?.trim() ? { label: v.label.trim() } : {}),
            ...(v.dataFrom ? { dataFrom: v.dataFrom } : {}),
            ...(v.dataTo ? { dataTo: v.dataTo } : {}),
            ...(v.deadline ? { deadline: v.deadline } : {}),
          },
          { onSuccess: onCreated },
        )
      }
    >
      <Flex gap={16}>
        <Form.Item label="Năm" name="year" rules={[{ required: true, message: 'Nhập năm' }]}>
          <InputNumber min={2000} max={2100} style={{ width: 120 }} autoFocus />
        </Form.Item>
        <Form.Item label="Loại kỳ" name="kind" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={PERIOD_KIND_OPTIONS} />
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary">
        Để trống các ô dưới đây để dùng mặc định theo Nghị định 09/2019/NĐ-CP
        {def
          ? `: “${def.label}”, số liệu từ ${formatDate(def.dataFrom)} đến ${formatDate(def.dataTo)}, hạn nộp ${formatDate(def.deadline)}.`
          : '.'}
      </Typography.Paragraph>
      <Form.Item label="Tên kỳ (không bắt buộc)" name="label">
        <Input maxLength={200} placeholder={def?.label} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label="Số liệu tính từ ngày" name="dataFrom">
          <DateInput placeholder={def ? formatDate(def.dataFrom) : 'dd/mm/yyyy'} />
        </Form.Item>
        <Form.Item label="Đến ngày" name="dataTo">
          <DateInput placeholder={def ? formatDate(def.dataTo) : 'dd/mm/yyyy'} />
        </Form.Item>
        <Form.Item label="Hạn nộp" name="deadline">
          <DateInput placeholder={def ? formatDate(def.deadline) : 'dd/mm/yyyy'} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
