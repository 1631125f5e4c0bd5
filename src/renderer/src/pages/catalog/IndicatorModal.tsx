/** A computed indicator the province adds: numerator ÷ denominator × factor over consolidated figures, targets. */
import { Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { CatalogView, Input } from '../../../../shared/contract';
import type { CompareOp, Target } from '../../../../shared/domain/catalog';
import { matchesSearch } from '../../../../shared/text/vi';
import { FormModal, required, TextItem, useSaveAndClose } from '../../components/FormModal';
import { CELL_LABEL } from '../../labels';
import { TargetInput } from './TargetInput';

type IndicatorForm = Omit<Input<'catalog.saveIndicator'>, 'targets'> & {
  t2025op?: CompareOp;
  t2025?: number | null;
  t2030op?: CompareOp;
  t2030?: number | null;
};

const filter = (input: string, o?: { label?: unknown; value?: unknown }) =>
  matchesSearch(`${String(o?.value ?? '')} ${String(o?.label ?? '')}`, input);

function targetsOf(v: IndicatorForm): Record<string, Target> {
  const targets: Record<string, Target> = {};
  for (const [year, value, op] of [
    ['2025', v.t2025, v.t2025op],
    ['2030', v.t2030, v.t2030op],
  ] as const) {
    if (value !== undefined && value !== null) targets[year] = { op: op ?? '>=', value };
  }
  return targets;
}

export function IndicatorModal({ catalog, onClose }: { catalog: CatalogView; onClose: () => void }) {
  const { save, saving } = useSaveAndClose('catalog.saveIndicator', onClose);
  const [form] = Form.useForm<IndicatorForm>();
  const exprOptions = useMemo(
    () =>
      catalog.dataElements.flatMap((e) =>
        e.type === 'yesno'
          ? [
              { value: `count_yes(${e.code})`, label: `Số đơn vị trả lời “Có”: ${e.name}` },
              { value: `count_reported(${e.code})`, label: `Số đơn vị trả lời: ${e.name}` },
            ]
          : e.type === 'text'
            ? []
            : e.cells.map((c) => ({ value: `${e.code}.${c}`, label: `${e.name} – ${CELL_LABEL[c]}` })),
      ),
    [catalog],
  );
  return (
    <FormModal<IndicatorForm>
      title="Thêm chỉ tiêu tính toán của tỉnh"
      width={760}
      form={form}
      saving={saving}
      errorStyle={{ marginTop: 12 }}
      intro={
        <Typography.Paragraph type="secondary">
          Chỉ tiêu tính toán = tử số ÷ mẫu số × hệ số, tính lại từ số liệu tổng hợp (không lấy trung bình tỷ lệ).
        </Typography.Paragraph>
      }
      initialValues={{ factor: 100, unit: '%', t2025op: '>=', t2030op: '>=' }}
      onFinish={(v) =>
        save(
          {
            code: v.code,
            name: v.name,
            unit: v.unit ?? '',
            numerator: v.numerator,
            denominator: v.denominator,
            factor: v.factor,
            targets: targetsOf(v),
          },
          () => `Đã thêm chỉ tiêu “${v.name}”.`,
        )
      }
    >
      <Flex gap={12}>
        <TextItem label="Mã" name="code" style={{ width: 200 }} rules={required('Nhập mã')} max={50} autoFocus />
        <TextItem label="Tên chỉ tiêu" name="name" style={{ flex: 1 }} rules={required('Nhập tên')} max={500} />
      </Flex>
      <Form.Item label="Tử số" name="numerator" rules={[{ required: true, message: 'Chọn tử số' }]}>
        <Select showSearch={{ filterOption: filter }} options={exprOptions} />
      </Form.Item>
      <Form.Item label="Mẫu số" name="denominator" rules={[{ required: true, message: 'Chọn mẫu số' }]}>
        <Select showSearch={{ filterOption: filter }} options={exprOptions} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item label="Hệ số" name="factor" rules={[{ required: true }]}>
          <InputNumber min={0.0001} style={{ width: 110 }} />
        </Form.Item>
        <TextItem label="Đơn vị tính" name="unit" style={{ width: 110 }} max={50} />
        <TargetInput year="2025" />
        <TargetInput year="2030" />
      </Flex>
    </FormModal>
  );
}
