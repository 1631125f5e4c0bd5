/** A data element the province adds to its own catalogue (in the templates of periods made afterwards). */
import { Checkbox, Flex, Form, Radio, Select, Typography } from 'antd';
import type { CatalogView, Input } from '../../../../shared/contract';
import { CELL_KEYS } from '../../../../shared/domain/catalog';
import { FormModal, required, TextItem, useSaveAndClose } from '../../components/FormModal';
import { CELL_LABEL, UNIT_KIND_OPTIONS, VALUE_TYPE_OPTIONS } from '../../labels';
import { ReporterSelect } from './reporters';

type ElementForm = Input<'catalog.saveElement'>;

export function ElementModal({
  catalog,
  onClose,
  initialName,
  onSaved,
}: {
  catalog: CatalogView;
  onClose: () => void;
  /** the name proposed (a form's row label, when a layout's row is mapped to a new element) */
  initialName?: string;
  /** told the new element's code once it is saved (before the dialog closes) */
  onSaved?: (code: string, name: string) => void;
}) {
  const { save, saving } = useSaveAndClose('catalog.saveElement', onClose);
  const [form] = Form.useForm<ElementForm>();
  const sections = catalog.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.name}` }));
  return (
    <FormModal<ElementForm>
      title="Thêm chỉ tiêu thu thập của tỉnh"
      width={720}
      form={form}
      saving={saving}
      intro={
        <Typography.Paragraph type="secondary">
          Chỉ tiêu mới được thêm vào mẫu biểu của các kỳ tạo sau; mẫu của các kỳ đã tạo không đổi.
        </Typography.Paragraph>
      }
      initialValues={{
        type: 'integer',
        cells: ['total', 'female'],
        section: catalog.sections[0]?.code,
        reportedBy: ['so_nganh', 'doan_the', 'xa'],
        sensitive: false,
        collectedFrom: 'units',
        unit: 'người',
        ...(initialName ? { name: initialName } : {}),
      }}
      onFinish={(v) =>
        save({ ...v, reporterUnits: v.reporterUnits?.length ? v.reporterUnits : null }, (r) => {
          onSaved?.(r.code, v.name);
          return `Đã thêm chỉ tiêu “${v.name}”.`;
        })
      }
    >
      <Flex gap={12}>
        <TextItem
          label="Mã số"
          name="code"
          style={{ width: 220 }}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: true, message: 'Nhập mã' },
            { pattern: /^[A-Z0-9_.]+$/, message: 'Chỉ dùng chữ in hoa, số, dấu gạch dưới, dấu chấm' },
          ]}
          max={50}
          autoFocus
        />
        <TextItem label="Tên chỉ tiêu" name="name" style={{ flex: 1 }} rules={required('Nhập tên')} max={500} />
      </Flex>
      <Flex gap={12}>
        <TextItem label="Đơn vị tính" name="unit" style={{ width: 160 }} max={50} />
        <Form.Item label="Kiểu số liệu" name="type" style={{ width: 180 }}>
          <Select options={VALUE_TYPE_OPTIONS} />
        </Form.Item>
        <Form.Item label="Thuộc mục" name="section" style={{ flex: 1 }} rules={[{ required: true }]}>
          <Select options={sections} />
        </Form.Item>
      </Flex>
      <Form.Item label="Các ô số liệu" name="cells" rules={[{ required: true, message: 'Chọn ít nhất một ô' }]}>
        <Checkbox.Group options={CELL_KEYS.map((c) => ({ value: c, label: CELL_LABEL[c] }))} />
      </Form.Item>
      <Form.Item label="Nguồn số liệu" name="collectedFrom">
        <Radio.Group
          options={[
            { value: 'units', label: 'Đơn vị báo cáo' },
            { value: 'province', label: 'Cấp tỉnh nhập một lần' },
          ]}
        />
      </Form.Item>
      <Form.Item label="Loại đơn vị báo cáo" name="reportedBy">
        <Checkbox.Group options={UNIT_KIND_OPTIONS} />
      </Form.Item>
      <ReporterSelect />
      <Form.Item name="sensitive" valuePropName="checked">
        <Checkbox>Số liệu nhạy cảm (không đưa vào báo cáo theo từng đơn vị khi không chọn)</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
