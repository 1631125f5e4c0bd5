/**
 * Kết quả thực hiện per task for one period: units done / in progress / not done / not reported, with each
 * unit's answer (lead first) under the row; filters by section, status and unit kind; per unit, tasks done of given.
 */
import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PlanResults, TaskAnswer, TaskResult, TaskStatus } from '../../../../shared/contract/plan';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/domain/catalog';
import { formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { ErrorBox, Loading } from '../../components/common';
import { UNIT_KIND_LABEL } from '../../labels';
import { NOT_REPORTED, ROLE_LABEL, TASK_STATUS_COLOR, TASK_STATUS_LABEL } from './labels';

type StatusFilter = TaskStatus | 'none';

export function StatusTag({ status }: { status: TaskStatus | null }) {
  return status ? <Tag color={TASK_STATUS_COLOR[status]}>{TASK_STATUS_LABEL[status]}</Tag> : <Tag>{NOT_REPORTED}</Tag>;
}

function Answers({ answers }: { answers: TaskAnswer[] }) {
  return (
    <Table<TaskAnswer>
      size="small"
      rowKey="unit"
      dataSource={answers}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      columns={[
        { title: 'Đơn vị', dataIndex: 'unitName' },
        { title: 'Vai trò', dataIndex: 'role', width: 100, render: (r: TaskAnswer['role']) => ROLE_LABEL[r] },
        {
          title: 'Tình trạng',
          dataIndex: 'status',
          width: 150,
          render: (s: TaskStatus | null) => <StatusTag status={s} />,
        },
        { title: 'Kết quả', dataIndex: 'result', render: (r: string | null) => r ?? '—' },
        {
          title: 'Số hoạt động',
          dataIndex: 'activities',
          width: 120,
          align: 'right',
          render: (n: number | null) => (n === null ? '—' : formatNumber(n)),
        },
      ]}
    />
  );
}

export function TaskResults({ periodId }: { periodId: number }) {
  const q = useOp('plan.results', { periodId });
  const [section, setSection] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const [kind, setKind] = useState<UnitKind | null>(null);
  const rows = useMemo(() => filterTasks(q.data, section, status, kind), [q.data, section, status, kind]);
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const sections = [...new Set(q.data.tasks.map((t) => t.section))];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label="Lọc theo mục"
          placeholder="Mọi mục"
          style={{ width: 320 }}
          value={section}
          onChange={(v) => setSection(v ?? null)}
          options={sections.map((s) => ({ value: s, label: s }))}
        />
        <Select
          allowClear
          aria-label="Lọc theo tình trạng"
          placeholder="Mọi tình trạng"
          style={{ width: 200 }}
          value={status}
          onChange={(v) => setStatus(v ?? null)}
          options={[
            { value: 'done', label: TASK_STATUS_LABEL.done },
            { value: 'in_progress', label: TASK_STATUS_LABEL.in_progress },
            { value: 'not_done', label: TASK_STATUS_LABEL.not_done },
            { value: 'none', label: NOT_REPORTED },
          ]}
        />
        <Select
          allowClear
          aria-label="Lọc theo loại đơn vị"
          placeholder="Mọi loại đơn vị"
          style={{ width: 220 }}
          value={kind}
          onChange={(v) => setKind(v ?? null)}
          options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABEL[k] }))}
        />
      </Flex>
      <Table<TaskResult>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: 'Không có nhiệm vụ nào khớp bộ lọc.' }}
        expandable={{ expandedRowRender: (t) => <Answers answers={t.answers} /> }}
        columns={[
          { title: 'STT', dataIndex: 'stt', width: 60 },
          {
            title: 'Nhiệm vụ',
            render: (_: unknown, t) => (
              <>
                <div>{t.title}</div>
                <Typography.Text type="secondary">{t.section}</Typography.Text>
              </>
            ),
          },
          { title: 'Đã hoàn thành', dataIndex: 'done', width: 110, align: 'right' },
          { title: 'Đang thực hiện', dataIndex: 'inProgress', width: 110, align: 'right' },
          { title: 'Chưa thực hiện', dataIndex: 'notDone', width: 110, align: 'right' },
          { title: NOT_REPORTED, dataIndex: 'notReported', width: 110, align: 'right' },
        ]}
      />
      <Card size="small" title="Theo đơn vị: nhiệm vụ đã hoàn thành / được giao" style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey="unit"
          dataSource={q.data.units.filter((u) => !kind || u.kind === kind)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unitName' },
            { title: 'Loại', dataIndex: 'kind', width: 200, render: (k: UnitKind) => UNIT_KIND_LABEL[k] },
            {
              title: 'Hoàn thành / được giao',
              width: 180,
              align: 'right',
              render: (_: unknown, u: PlanResults['units'][number]) =>
                `${formatNumber(u.done)}/${formatNumber(u.given)}`,
            },
          ]}
        />
      </Card>
    </>
  );
}

/** The tasks whose section, status and unit kind fit; the answers shown are those of the kind chosen. */
function filterTasks(
  data: PlanResults | undefined,
  section: string | null,
  status: StatusFilter | null,
  kind: UnitKind | null,
): TaskResult[] {
  if (!data) return [];
  return data.tasks
    .filter((t) => !section || t.section === section)
    .map((t) => (kind ? recount({ ...t, answers: t.answers.filter((a) => a.kind === kind) }) : t))
    .filter((t) => !kind || t.answers.length > 0)
    .filter((t) => !status || t.answers.some((a) => (a.status ?? 'none') === status));
}

function recount(t: TaskResult): TaskResult {
  const n = (s: TaskStatus | null) => t.answers.filter((a) => a.status === s).length;
  return { ...t, done: n('done'), inProgress: n('in_progress'), notDone: n('not_done'), notReported: n(null) };
}
