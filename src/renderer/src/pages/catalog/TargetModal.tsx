/** The province's own target for one indicator and year (or none: the national target applies). */
import { Button, Flex, Form, InputNumber, Select, Space, Typography } from 'antd';
import type { CatalogView } from '../../../../shared/contract';
import type { CompareOp, Indicator } from '../../../../shared/domain/catalog';
import { FormModal, useSaveAndClose } from '../../components/FormModal';
import { ViNumberInput } from '../../components/ViNumberInput';
import { OP_OPTIONS, targetStr } from './targets';

interface TargetForm {
  year: number;
  op: CompareOp;
  value: number | null;
}

export function TargetModal({
  catalog,
  indicator,
  onClose,
}: {
  catalog: CatalogView;
  indicator: Indicator;
  onClose: () => void;
}) {
  const { save, saving } = useSaveAndClose('catalog.setProvinceTarget', onClose);
  const [form] = Form.useForm<TargetForm>();
  const year = Form.useWatch('year', form) ?? 2030;
  const existing = catalog.provinceTargets[indicator.code]?.[String(year)];
  const national = indicator.targets[String(year)];
  return (
    <FormModal<TargetForm>
      title={`Mục tiêu của tỉnh: ${indicator.name}`}
      form={form}
      saving={saving}
      errorStyle={{ marginTop: 12 }}
      footer={
        <Space>
          <Button onClick={onClose}>Hủy</Button>
          <Button
            danger
            disabled={!existing}
            onClick={() =>
              save(
                { indicator: indicator.code, year, target: null },
                'Đã bỏ mục tiêu của tỉnh; dùng mục tiêu quốc gia.',
              )
            }
          >
            Bỏ mục tiêu của tỉnh
          </Button>
          <Button type="primary" loading={saving.pending} onClick={() => form.submit()}>
            Lưu
          </Button>
        </Space>
      }
      intro={<Typography.Paragraph>{indicator.name}</Typography.Paragraph>}
      initialValues={{
        year: 2030,
        op: indicator.targets['2030']?.op ?? '>=',
        value: catalog.provinceTargets[indicator.code]?.['2030']?.value ?? null,
      }}
      onFinish={(v) =>
        v.value !== null &&
        save(
          { indicator: indicator.code, year: v.year, target: { op: v.op, value: v.value } },
          'Đã lưu mục tiêu của tỉnh.',
        )
      }
    >
      <Flex gap={12}>
        <Form.Item label="Năm" name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="Điều kiện đạt" name="op" rules={[{ required: true }]}>
          <Select style={{ width: 110 }} options={OP_OPTIONS} />
        </Form.Item>
        <Form.Item
          label={`Giá trị (${indicator.unit})`}
          name="value"
          rules={[{ required: true, message: 'Nhập giá trị' }]}
        >
          <ViNumberInput style={{ width: 160 }} />
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">
        Mục tiêu quốc gia năm {year}: {targetStr(national, indicator.unit)}
        {existing ? `; tỉnh đang đặt: ${targetStr(existing, indicator.unit)}` : ''}
      </Typography.Text>
    </FormModal>
  );
}
