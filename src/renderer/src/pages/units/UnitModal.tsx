/** Adding a unit or editing one: code, name, kind, contact, validity dates, order, note. */
import { Flex, Form, Input, InputNumber, Select } from 'antd';
import type { UnitInput } from '../../../../shared/contract';
import type { Unit } from '../../../../shared/domain/records';
import { normalizeUnitCode, UNIT_CODE_PATTERN } from '../../../../shared/text/unit-code';
import { DateInput } from '../../components/DateInput';
import { FormModal, required, TextItem, useSaveAndClose } from '../../components/FormModal';
import { UNIT_KIND_OPTIONS } from '../../labels';

type UnitForm = Omit<UnitInput, 'id'>;

const formOf = (u: Unit): UnitForm => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  group: u.group,
  contact: u.contact,
  position: u.position ?? null,
  address: u.address ?? null,
  phone: u.phone,
  email: u.email,
  validFrom: u.validFrom,
  validTo: u.validTo,
  sortOrder: u.sortOrder,
  note: u.note,
});

export function UnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const [form] = Form.useForm<UnitForm>();
  const { save, saving } = useSaveAndClose('units.save', onClose);
  return (
    <FormModal<UnitForm>
      title={unit ? `Sửa đơn vị: ${unit.name}` : 'Thêm đơn vị'}
      width={720}
      form={form}
      saving={saving}
      initialValues={unit ? formOf(unit) : { kind: 'so_nganh' }}
      onFinish={(v) => save({ ...v, ...(unit ? { id: unit.id } : {}) }, unit ? 'Đã lưu thay đổi.' : 'Đã thêm đơn vị.')}
    >
      <Flex gap={12}>
        <TextItem
          label="Mã đơn vị"
          name="code"
          style={{ width: 200 }}
          rules={[
            ...required('Cần nhập mã đơn vị'),
            {
              // the code is stored normalised (upper case, ASCII hyphen, no spaces: shared/text/unit-code.ts)
              validator: (_, v: string | undefined) =>
                !v || UNIT_CODE_PATTERN.test(normalizeUnitCode(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error('Chỉ gồm chữ, số, dấu gạch, dấu chấm')),
            },
          ]}
          max={50}
          autoFocus
        />
        <TextItem
          label="Tên đơn vị"
          name="name"
          style={{ flex: 1 }}
          rules={required('Cần nhập tên đơn vị')}
          max={300}
        />
      </Flex>
      <Flex gap={12}>
        <Form.Item label="Loại đơn vị" name="kind" style={{ width: 260 }} rules={[{ required: true }]}>
          <Select options={UNIT_KIND_OPTIONS} />
        </Form.Item>
        <TextItem label="Nhóm (không bắt buộc)" name="group" style={{ flex: 1 }} />
      </Flex>
      <Flex gap={12}>
        <TextItem label="Người đầu mối" name="contact" style={{ flex: 1 }} />
        <TextItem label="Chức vụ" name="position" style={{ width: 200 }} />
      </Flex>
      <Flex gap={12}>
        <TextItem label="Điện thoại" name="phone" style={{ width: 180 }} max={50} />
        <TextItem
          label="Thư điện tử"
          name="email"
          style={{ flex: 1 }}
          rules={[{ type: 'email', message: 'Địa chỉ thư điện tử chưa đúng' }]}
        />
      </Flex>
      <Flex gap={12}>
        <Form.Item label="Hiệu lực từ ngày" name="validFrom">
          <DateInput />
        </Form.Item>
        <Form.Item
          label="Hiệu lực đến ngày"
          name="validTo"
          tooltip="Ngày cuối cùng đơn vị còn hiệu lực; từ hôm sau đơn vị không còn hoạt động."
        >
          <DateInput />
        </Form.Item>
        <Form.Item label="Thứ tự sắp xếp" name="sortOrder">
          <InputNumber min={0} style={{ width: 140 }} />
        </Form.Item>
      </Flex>
      <TextItem label="Địa chỉ" name="address" max={300} />
      <Form.Item label="Ghi chú" name="note">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
