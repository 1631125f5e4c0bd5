/** The plan's tasks by section: lead and partner units, names still to resolve (pick a unit), edit and delete. */
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PlanTask, PlanView } from '../../../../shared/contract/plan';
import type { Unit } from '../../../../shared/domain/records';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { errorMessage, useOpMutation } from '../../api/client';
import { ROLE_LABEL } from './labels';
import { TaskModal } from './TaskModal';
import { UnitPicker } from './UnitPicker';

function Resolve({ item, units }: { item: PlanTask['unmatched'][number]; units: Unit[] }) {
  const resolve = useOpMutation('plan.resolve');
  const { message } = App.useApp();
  return (
    <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
      <Tag color="orange">
        {ROLE_LABEL[item.role]}: “{item.text}” chưa khớp đơn vị
      </Tag>
      <div style={{ width: 300 }}>
        <UnitPicker
          units={units}
          ariaLabel={`Chọn đơn vị cho “${item.text}”`}
          placeholder="Chọn đơn vị đúng"
          onChange={(code) =>
            resolve.mutate(
              { unmatchedId: item.id, unitCode: String(code) },
              {
                onSuccess: () => void message.success(`Đã gán “${item.text}” cho đơn vị đã chọn.`),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        />
      </div>
    </Flex>
  );
}

export function PlanTasks({ plan, units }: { plan: PlanView; units: Unit[] }) {
  const [editing, setEditing] = useState<PlanTask | null | 'new'>(null);
  const del = useOpMutation('plan.deleteTask');
  const { message } = App.useApp();
  const open = plan.tasks.reduce((n, t) => n + t.unmatched.length, 0);
  const unitsLine = (list: PlanTask['lead']) =>
    list.length > 4
      ? `${list
          .slice(0, 3)
          .map((u) => u.name)
          .join(', ')} và ${formatNumber(list.length - 3)} đơn vị khác`
      : list.map((u) => u.name).join(', ') || '—';
  return (
    <>
      {open ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`Có ${formatNumber(open)} tên đơn vị trong kế hoạch chưa khớp danh sách đơn vị`}
          description="Ở mỗi nhiệm vụ có ô màu cam, hãy chọn đơn vị đúng. Tên chưa khớp được giữ lại, không bị bỏ qua."
        />
      ) : null}
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => setEditing('new')}>
          Thêm nhiệm vụ
        </Button>
      </Flex>
      <Table<PlanTask>
        size="small"
        rowKey="id"
        dataSource={plan.tasks}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: `Năm ${plan.year} chưa có kế hoạch. Hãy nhập từ Excel, sao chép từ năm trước hoặc thêm nhiệm vụ.`,
        }}
        columns={[
          {
            title: 'Mục',
            dataIndex: 'section',
            width: 200,
            render: (s: string) => <Typography.Text>{s}</Typography.Text>,
          },
          { title: 'STT', dataIndex: 'stt', width: 60 },
          {
            title: 'Nội dung nhiệm vụ',
            render: (_: unknown, t) => (
              <>
                <div>{t.title}</div>
                {t.unmatched.map((u) => (
                  <Resolve key={u.id} item={u} units={units} />
                ))}
              </>
            ),
          },
          { title: 'Chủ trì', width: 180, render: (_: unknown, t) => unitsLine(t.lead) },
          { title: 'Phối hợp', width: 200, render: (_: unknown, t) => unitsLine(t.partners) },
          {
            title: 'Thời hạn',
            width: 110,
            render: (_: unknown, t) => (t.due ? formatDate(t.due) : (t.dueText ?? '—')),
          },
          {
            title: '',
            width: 90,
            render: (_: unknown, t) => (
              <Space size={0}>
                <Button
                  type="text"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={`Sửa nhiệm vụ ${t.stt ?? ''}`}
                  onClick={() => setEditing(t)}
                />
                <Popconfirm
                  title="Xóa nhiệm vụ này?"
                  okText="Xóa"
                  cancelText="Hủy"
                  onConfirm={() =>
                    del.mutate(
                      { id: t.id },
                      {
                        onSuccess: () => void message.success('Đã xóa nhiệm vụ.'),
                        onError: (e) => void message.error(errorMessage(e)),
                      },
                    )
                  }
                >
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`Xóa nhiệm vụ ${t.stt ?? ''}`}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TaskModal
        open={editing !== null}
        year={plan.year}
        task={editing === 'new' ? null : editing}
        sections={plan.sections}
        units={units}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
