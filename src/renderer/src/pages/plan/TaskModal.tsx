/** Adds or edits one task of the plan: section, number, content, deadline, product, lead and partner units. */
import { App, AutoComplete, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import type { PlanTask } from '../../../../shared/contract/plan';
import type { Unit } from '../../../../shared/domain/records';
import { errorMessage, useOpMutation } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { UnitPicker } from './UnitPicker';

interface Values {
  section: string;
  stt?: string;
  title: string;
  due?: string | null;
  product?: string;
  lead: string[];
  partners: string[];
}

export function TaskModal({
  open,
  year,
  task,
  sections,
  units,
  onClose,
}: {
  open: boolean;
  year: number;
  task: PlanTask | null;
  sections: string[];
  units: Unit[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useOpMutation('plan.saveTask');
  const { message } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      task
        ? {
            section: task.section,
            stt: task.stt ?? '',
            title: task.title,
            due: task.due,
            product: task.product ?? '',
            lead: task.lead.map((u) => u.code),
            partners: task.partners.map((u) => u.code),
          }
        : { section: sections[sections.length - 1] ?? '', lead: [], partners: [] },
    );
  }, [open, task, sections, form]);
  return (
    <Modal
      open={open}
      title={task ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ'}
      okText="Lưu"
      cancelText="Hủy"
      width={720}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          save.mutate(
            {
              ...(task ? { id: task.id } : {}),
              year,
              section: v.section,
              stt: v.stt || null,
              title: v.title,
              due: v.due ?? null,
              product: v.product || null,
              lead: v.lead ?? [],
              partners: v.partners ?? [],
            },
            {
              onSuccess: () => {
                void message.success('Đã lưu nhiệm vụ.');
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="section" label="Mục" rules={[{ required: true, message: 'Cần nhập mục của nhiệm vụ' }]}>
          <AutoComplete options={sections.map((s) => ({ value: s }))} placeholder="Ví dụ: I. Công tác tuyên truyền" />
        </Form.Item>
        <Form.Item name="stt" label="Số thứ tự">
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="title" label="Nội dung nhiệm vụ" rules={[{ required: true, message: 'Cần nhập nội dung' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="lead" label="Đơn vị chủ trì">
          <UnitPicker units={units} multiple ariaLabel="Đơn vị chủ trì" />
        </Form.Item>
        <Form.Item name="partners" label="Đơn vị phối hợp">
          <UnitPicker units={units} multiple ariaLabel="Đơn vị phối hợp" />
        </Form.Item>
        <Form.Item name="due" label="Thời hạn">
          <DateInput aria-label="Thời hạn" />
        </Form.Item>
        <Form.Item name="product" label="Sản phẩm">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
