/** Báo cáo đơn vị: one submission as the form, findings, revisions compared, corrections with a reason, status. */
import { CheckOutlined, DownloadOutlined, ExclamationCircleOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SubmissionDetail } from '../../../shared/contract';
import type { CellKey, DataElement } from '../../../shared/domain/catalog';
import type { AuditEntry, CellValue, Finding, Period } from '../../../shared/domain/records';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../api/client';
import { ErrorBox, Loading, PageHeader, SubmitOnEnter } from '../components/common';
import { hostErrorMessage, saveFiles } from '../components/util';
import { auditAction, auditText, cellKey, sameValue, valueMap, valueText } from '../components/values';
import { CELL_LABEL, CHANNEL_LABEL, SUBMISSION_STATUS_COLOR, SUBMISSION_STATUS_LABEL } from '../labels';
import { useCatalog, type CatalogIndex } from '../state/catalog';
import { ValueEditor } from './Periods';

const CELLS: CellKey[] = ['total', 'female', 'male', 'value'];
export function SubmissionPage() {
  const id = Number(useParams().id);
  const q = useOp('submissions.get', { id }, { enabled: Number.isInteger(id) && id > 0 });
  const { index, error: catErr } = useCatalog();
  const periodQ = useOp('periods.get', { id: q.data?.submission.periodId ?? 0 }, { enabled: !!q.data });
  if (q.isLoading || (!index && !catErr)) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  if (!index) return <ErrorBox error={catErr} />;
  return <SubmissionView detail={q.data} index={index} period={periodQ.data ?? null} />;
}

interface FormRow {
  key: string;
  kind: 'section' | 'element';
  sectionName?: string;
  element?: DataElement;
  stt?: number;
}

function SubmissionView({
  detail,
  index,
  period,
}: {
  detail: SubmissionDetail;
  index: CatalogIndex;
  period: Period | null;
}) {
  const { modal, message } = App.useApp();
  const s = detail.submission;
  const [compareId, setCompareId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ element: DataElement; cell: CellKey } | null>(null);
  const [needsFix, setNeedsFix] = useState(false);
  const setStatus = useOpMutation('submissions.setStatus');
  const audit = useOp('audit.list', { entity: 'submission', entityId: String(s.id), limit: 200 });
  const other = useOp('submissions.get', { id: compareId ?? 0 }, { enabled: compareId !== null });

  const values = useMemo(() => valueMap(detail.values), [detail.values]);
  const otherValues = useMemo(() => (other.data ? valueMap(other.data.values) : null), [other.data]);
  const findingsByCell = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of detail.findings) {
      if (!f.element) continue;
      const keys = f.cell ? [cellKey(f.element, f.cell)] : CELLS.map((c) => cellKey(f.element!, c));
      for (const k of keys) m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  }, [detail.findings]);
  const corrected = useMemo(() => {
    const set = new Set<string>();
    for (const e of audit.data ?? []) {
      const a = e.after as { element?: string; cell?: CellKey } | null;
      if (e.action === 'correct' && a?.element && a.cell) set.add(cellKey(a.element, a.cell));
    }
    return set;
  }, [audit.data]);

  const rows = useMemo<FormRow[]>(() => {
    const cat = index.catalog;
    const tpl =
      cat.templates.find((t) => t.code === period?.templateCode && t.version === period?.templateVersion) ??
      cat.templates.find((t) => t.code === period?.templateCode) ??
      cat.templates[0];
    const codes = tpl ? tpl.rows : [...new Set(detail.values.map((v) => v.element))];
    const out: FormRow[] = [];
    let lastSection: string | null = null;
    let stt = 0;
    for (const code of codes) {
      const el = index.element.get(code);
      if (!el) continue;
      if (el.section !== lastSection) {
        lastSection = el.section;
        const sec = cat.sections.find((x) => x.code === el.section);
        out.push({ key: `s-${el.section}`, kind: 'section', sectionName: `${el.section}. ${sec?.name ?? ''}` });
      }
      out.push({ key: el.code, kind: 'element', element: el, stt: ++stt });
    }
    return out;
  }, [index, period, detail.values]);

  const usedCells = useMemo(() => CELLS.filter((c) => rows.some((r) => r.element?.cells.includes(c))), [rows]);
  const latest = s.supersededBy === null;
  const editable = latest && period?.status === 'open';
  const diffCount = useMemo(() => {
    if (!otherValues) return 0;
    let n = 0;
    for (const r of rows)
      for (const c of r.element?.cells ?? []) {
        const k = cellKey(r.element!.code, c);
        if (!sameValue(values.get(k), otherValues.get(k))) n++;
      }
    return n;
  }, [rows, values, otherValues]);

  const approve = () =>
    modal.confirm({
      title: 'Duyệt báo cáo này?',
      content: 'Báo cáo được đánh dấu “Đã duyệt”. Vẫn có thể sửa số liệu (có ghi lý do) khi kỳ còn mở.',
      okText: 'Duyệt',
      cancelText: 'Hủy',
      onOk: () =>
        setStatus
          .mutateAsync({ id: s.id, status: 'approved' })
          .then(() => void message.success('Đã duyệt báo cáo.'))
          .catch((e: unknown) => void message.error(errorMessage(e))),
    });

  const openOriginal = async () => {
    try {
      const f = await call('submissions.original', { id: s.id });
      const folder = await saveFiles([f]);
      if (folder) void message.success(`Đã lưu tệp gốc vào ${folder}.`);
    } catch (e) {
      void message.error(hostErrorMessage(e, errorMessage));
    }
  };

  const columns = [
    {
      title: 'STT',
      width: 56,
      onCell: (r: FormRow) => (r.kind === 'section' ? { colSpan: 3 + usedCells.length } : {}),
      render: (_: unknown, r: FormRow) =>
        r.kind === 'section' ? <Typography.Text strong>{r.sectionName}</Typography.Text> : r.stt,
    },
    {
      title: 'Mã số',
      width: 150,
      onCell: (r: FormRow) => (r.kind === 'section' ? { colSpan: 0 } : {}),
      render: (_: unknown, r: FormRow) => <span style={{ fontSize: 12 }}>{r.element?.code}</span>,
    },
    {
      title: 'Chỉ tiêu',
      onCell: (r: FormRow) => (r.kind === 'section' ? { colSpan: 0 } : {}),
      render: (_: unknown, r: FormRow) =>
        r.element ? (
          <>
            {r.element.name}
            <Typography.Text type="secondary"> ({r.element.unit})</Typography.Text>
          </>
        ) : null,
    },
    ...usedCells.map((cell) => ({
      title: CELL_LABEL[cell],
      width: 130,
      align: 'right' as const,
      onCell: (r: FormRow) => {
        if (r.kind === 'section') return { colSpan: 0 };
        const el = r.element!;
        if (!el.cells.includes(cell)) return { style: { background: '#f5f5f5' } };
        const k = cellKey(el.code, cell);
        const changed = otherValues ? !sameValue(values.get(k), otherValues.get(k)) : false;
        const cls = changed
          ? 'cell-changed'
          : findingsByCell.has(k)
            ? 'cell-warning'
            : corrected.has(k)
              ? 'cell-corrected'
              : '';
        return { className: cls };
      },
      render: (_: unknown, r: FormRow) => {
        const el = r.element;
        if (!el || !el.cells.includes(cell)) return null;
        const k = cellKey(el.code, cell);
        const v = values.get(k);
        const text = valueText(v) || '—';
        const fs = findingsByCell.get(k);
        const body = editable ? (
          <button
            type="button"
            className="clickable-num"
            aria-label={`Sửa ${el.name} – ${CELL_LABEL[cell]}: ${valueText(v) || 'trống'}`}
            onClick={() => setEditing({ element: el, cell })}
            style={{ textAlign: el.type === 'text' ? 'left' : 'right', whiteSpace: 'pre-wrap' }}
          >
            {text}
          </button>
        ) : (
          <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
        );
        return (
          <div>
            {fs ? (
              <Tooltip title={fs.map((f) => f.message).join('\n')}>
                <ExclamationCircleOutlined
                  style={{ color: '#ad6800', marginInlineEnd: 4 }}
                  aria-label={`Cảnh báo: ${fs.map((f) => f.message).join('; ')}`}
                />
              </Tooltip>
            ) : null}
            {body}
            {otherValues ? (
              <div style={{ fontSize: 12, color: '#595959' }} title="Giá trị ở lần nộp đang so sánh">
                {valueText(otherValues.get(k)) || '—'}
              </div>
            ) : null}
          </div>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader
        title="Báo cáo đơn vị"
        sub={`${s.unitName} · ${period?.label ?? ''} · lần nộp thứ ${s.revision}`}
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void openOriginal()}>
              Mở tệp gốc
            </Button>
            <Button
              icon={<EditOutlined aria-hidden />}
              disabled={!latest || period?.status !== 'open'}
              onClick={() => setNeedsFix(true)}
            >
              Cần bổ sung
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              disabled={!latest || period?.status !== 'open' || s.status === 'approved'}
              onClick={approve}
            >
              Duyệt
            </Button>
          </>
        }
      />
      {!latest ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Đây là bản cũ; đơn vị đã gửi bản mới hơn."
          action={<Link to={`/bao-cao/${s.supersededBy}`}>Xem bản mới nhất</Link>}
        />
      ) : null}
      {period?.status === 'closed' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="Kỳ đã khóa sổ: không sửa được số liệu." />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { label: 'Đơn vị', children: <Link to={`/don-vi/${s.unitId}`}>{s.unitName}</Link> },
            { label: 'Mã đơn vị', children: s.unitCode },
            {
              label: 'Trạng thái',
              children: <Tag color={SUBMISSION_STATUS_COLOR[s.status]}>{SUBMISSION_STATUS_LABEL[s.status]}</Tag>,
            },
            { label: 'Ngày nhận', children: formatDate(s.receivedAt) },
            { label: 'Ngày công văn đến', children: formatDate(s.officialDate) || '—' },
            { label: 'Hình thức', children: CHANNEL_LABEL[s.channel] },
            { label: 'Tệp', children: <span style={{ wordBreak: 'break-all' }}>{s.fileName}</span> },
            { label: 'Lần nộp', children: `${s.revision} / ${detail.revisions.length}` },
            { label: 'Mã băm SHA-256', children: <span title={s.sha256}>{s.sha256.slice(0, 16)}…</span> },
          ]}
        />
      </Card>
      {detail.findings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${formatNumber(detail.findings.length)} cảnh báo khi kiểm tra số liệu`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {detail.findings.map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Card
        size="small"
        title="Số liệu báo cáo"
        extra={
          detail.revisions.length > 1 ? (
            <Flex align="center" gap={8}>
              <label htmlFor="compare-rev">So sánh với:</label>
              <Select
                id="compare-rev"
                allowClear
                placeholder="Chọn lần nộp khác"
                style={{ width: 260 }}
                value={compareId ?? undefined}
                onChange={(v?: number) => setCompareId(v ?? null)}
                options={detail.revisions
                  .filter((r) => r.id !== s.id)
                  .map((r) => ({ value: r.id, label: `Lần ${r.revision} – nhận ${formatDate(r.receivedAt)}` }))}
              />
              {otherValues ? (
                <Tag color={diffCount ? 'gold' : 'green'}>
                  {diffCount ? `${formatNumber(diffCount)} ô khác nhau` : 'Không khác nhau'}
                </Tag>
              ) : null}
            </Flex>
          ) : null
        }
      >
        {editable ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            Bấm vào một số liệu để sửa (phải ghi lý do). Ô nền vàng nhạt có cảnh báo; ô nền xanh đã được sửa.
          </Typography.Paragraph>
        ) : null}
        <Table<FormRow>
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={columns}
          rowClassName={(r) => (r.kind === 'section' ? 'section-row' : '')}
          sticky
          tableLayout="fixed"
        />
      </Card>
      <Card size="small" title="Các lần nộp" style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.revisions}
          columns={[
            { title: 'Lần', dataIndex: 'revision', width: 60 },
            { title: 'Ngày nhận', dataIndex: 'receivedAt', width: 120, render: (v: string) => formatDate(v) },
            { title: 'Tệp', dataIndex: 'fileName' },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              width: 130,
              render: (st: keyof typeof SUBMISSION_STATUS_LABEL) => (
                <Tag color={SUBMISSION_STATUS_COLOR[st]}>{SUBMISSION_STATUS_LABEL[st]}</Tag>
              ),
            },
            {
              title: '',
              width: 120,
              render: (_: unknown, r: { id: number }) =>
                r.id === s.id ? <Tag>Đang xem</Tag> : <Link to={`/bao-cao/${r.id}`}>Xem lần này</Link>,
            },
          ]}
        />
      </Card>
      <Card size="small" title="Nhật ký thay đổi" style={{ marginTop: 16 }}>
        <AuditTable
          entries={audit.data ?? []}
          loading={audit.isLoading}
          elementName={(c) => index.element.get(c)?.name ?? c}
        />
      </Card>
      {editing ? (
        <CorrectModal
          submissionId={s.id}
          element={editing.element}
          cell={editing.cell}
          current={values.get(cellKey(editing.element.code, editing.cell)) ?? null}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {needsFix ? <NeedsFixModal submissionId={s.id} onClose={() => setNeedsFix(false)} /> : null}
    </>
  );
}

export function AuditTable({
  entries,
  loading,
  elementName,
}: {
  entries: AuditEntry[];
  loading?: boolean;
  elementName?: (code: string) => string;
}) {
  return (
    <Table<AuditEntry>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={entries}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: 'Chưa có thay đổi nào.' }}
      columns={[
        { title: 'Thời điểm', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
        { title: 'Người thực hiện', dataIndex: 'actor', width: 170 },
        { title: 'Thao tác', width: 140, render: (_: unknown, e) => auditAction(e) },
        {
          title: 'Nội dung',
          render: (_: unknown, e) => {
            const b = auditText(e.before, elementName);
            const a = auditText(e.after, elementName);
            return b ? (
              <>
                <div>Trước: {b}</div>
                <div>Sau: {a}</div>
              </>
            ) : (
              a
            );
          },
        },
        { title: 'Lý do', dataIndex: 'reason', width: 220, render: (v: string | null) => v ?? '' },
      ]}
    />
  );
}

function CorrectModal({
  submissionId,
  element,
  cell,
  current,
  onClose,
}: {
  submissionId: number;
  element: DataElement;
  cell: CellKey;
  current: CellValue | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const correct = useOpMutation('submissions.correct');
  const [value, setValue] = useState<CellValue | null>(current);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = (v: { reason: string }) =>
    correct.mutate(
      { id: submissionId, element: element.code, cell, value, reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success('Đã sửa số liệu và ghi vào nhật ký.');
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title="Sửa số liệu"
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <strong>{element.name}</strong> – {CELL_LABEL[cell]}
        <br />
        Giá trị hiện tại: <strong>{valueText(current) || 'trống'}</strong>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <SubmitOnEnter />
        <Form.Item label="Giá trị mới" required>
          <ValueEditor element={element} label="Giá trị mới" value={value} onChange={setValue} />
        </Form.Item>
        <Form.Item
          label="Lý do sửa"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: 'Cần ghi lý do sửa' },
            { min: 3, message: 'Lý do cần ít nhất 3 ký tự' },
          ]}
          extra="Ví dụ: Đơn vị báo lại qua điện thoại ngày …; theo công văn số …"
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {correct.error ? <Alert type="error" showIcon title={errorMessage(correct.error)} /> : null}
      </Form>
    </Modal>
  );
}

function NeedsFixModal({ submissionId, onClose }: { submissionId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const setStatus = useOpMutation('submissions.setStatus');
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title="Yêu cầu đơn vị bổ sung"
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setStatus.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          setStatus.mutate(
            { id: submissionId, status: 'needs_fix', reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success('Đã chuyển báo cáo sang “Cần bổ sung”.');
                onClose();
              },
            },
          )
        }
      >
        <SubmitOnEnter />
        <Form.Item
          label="Đơn vị cần bổ sung gì?"
          name="reason"
          rules={[{ required: true, whitespace: true, message: 'Hãy ghi rõ đơn vị cần bổ sung gì' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} autoFocus />
        </Form.Item>
        {setStatus.error ? <Alert type="error" showIcon title={errorMessage(setStatus.error)} /> : null}
      </Form>
    </Modal>
  );
}
