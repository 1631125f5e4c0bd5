/**
 * Hồ sơ đã nhận: everything received in the period, one row per file or paper report, whatever became of it
 * (kept in the database). Filters by outcome (with counts), kind and unit, a search that ignores diacritics, pages
 * from the core (offset/limit); per row: open the original, assign an unidentified file, the feedback letter of a
 * refused one, withdraw or correct the date of an accepted one.
 */
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  ENTRY_CHANNELS,
  ENTRY_STATUSES,
  type EntryChannel,
  type EntryStatus,
  type InboxEntry,
} from '../../../../shared/contract/inbox';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { call, useOp } from '../../api/client';
import { hostErrorMessage, saveFiles } from '../../api/host';
import { ErrorBox, LinkButton, PeriodPage } from '../../components/common';
import { CHANNEL_LABEL, ENTRY_CHANNEL_LABEL, ENTRY_STATUS_COLOR, ENTRY_STATUS_LABEL } from '../../labels';
import { usePeriod } from '../../state/period';
import { AssignModal } from './AssignModal';
import { FeedbackModal } from './FeedbackModal';
import { ReceivedDateModal, WithdrawModal } from './SubmissionActions';
import { UnitPicker } from './UnitPicker';

const PAGE = 20;

export function InboxPage() {
  return (
    <PeriodPage
      title="Hồ sơ đã nhận"
      sub="Mọi tệp và báo cáo giấy đơn vị gửi về trong kỳ, kể cả tệp bị từ chối hoặc chưa rõ đơn vị."
    >
      {(periodId) => <InboxBody periodId={periodId} />}
    </PeriodPage>
  );
}

type Action = { kind: 'assign' | 'feedback' | 'withdraw' | 'date'; entry: InboxEntry } | null;

/** what the officer may do with an entry: decided from its outcome (and whether its revision is the current one) */
export function entryActions(e: InboxEntry, currentRevision: number | null | undefined, open: boolean) {
  return {
    original: e.hasOriginal,
    assign: open && e.status === 'unidentified' && !e.assignedEntryId,
    feedback: e.status === 'rejected' && e.unitId !== null,
    withdraw: open && e.status === 'accepted' && e.revision !== null && e.revision === currentRevision,
    date: open && e.status === 'accepted' && e.submissionId !== null,
  };
}

function Reasons({ e }: { e: InboxEntry }) {
  const all = [...e.errors.map((m) => ({ ...m, error: true })), ...e.warnings.map((m) => ({ ...m, error: false }))];
  if (!all.length && !e.note) return <Typography.Text type="secondary">—</Typography.Text>;
  const [first, ...rest] = all;
  return (
    <div>
      {first ? (
        <Typography.Text
          type={first.error ? 'danger' : undefined}
          style={first.error ? undefined : { color: '#ad4e00' }}
        >
          {first.message}
        </Typography.Text>
      ) : null}
      {rest.length ? (
        <details>
          <summary style={{ cursor: 'pointer', color: '#1f5fbf' }}>Thêm {formatNumber(rest.length)} thông báo</summary>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {rest.map((m, i) => (
              <li key={i}>
                <Typography.Text
                  type={m.error ? 'danger' : undefined}
                  style={m.error ? undefined : { color: '#ad4e00' }}
                >
                  {m.message}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {e.note ? (
        <div>
          <Typography.Text type="secondary">Ghi chú: {e.note}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

function columns(
  open: boolean,
  current: Map<number, number | null>,
  act: (a: Action) => void,
  openOriginal: (e: InboxEntry) => void,
): TableColumnsType<InboxEntry> {
  return [
    {
      title: 'Ngày nhận',
      dataIndex: 'receivedAt',
      width: 100,
      render: (v: string | null, e) => formatDate(v ?? e.at.slice(0, 10)),
    },
    {
      title: 'Đơn vị',
      width: 170,
      render: (_: unknown, e) =>
        e.unitId && e.unitName ? (
          <Link to={`/don-vi/${e.unitId}`}>{e.unitName}</Link>
        ) : (
          <Typography.Text type="secondary">Chưa rõ đơn vị</Typography.Text>
        ),
    },
    {
      title: 'Tệp, hình thức',
      width: 210,
      render: (_: unknown, e) => (
        <>
          {e.file ? (
            <span style={{ wordBreak: 'break-all' }}>{e.file}</span>
          ) : (
            <Typography.Text type="secondary">(không có tệp)</Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {ENTRY_CHANNEL_LABEL[e.channel]}
            {e.channel === 'file' && e.via && e.via in CHANNEL_LABEL
              ? ` · ${CHANNEL_LABEL[e.via as keyof typeof CHANNEL_LABEL]}`
              : ''}
          </Typography.Text>
        </>
      ),
    },
    {
      title: 'Kết quả',
      dataIndex: 'status',
      width: 130,
      render: (s: EntryStatus) => <Tag color={ENTRY_STATUS_COLOR[s]}>{ENTRY_STATUS_LABEL[s]}</Tag>,
    },
    { title: 'Lý do, thông báo', render: (_: unknown, e) => <Reasons e={e} /> },
    {
      title: 'Lần nộp',
      width: 75,
      render: (_: unknown, e) =>
        e.revision && e.submissionId ? <Link to={`/bao-cao/${e.submissionId}`}>Lần {e.revision}</Link> : '—',
    },
    {
      title: 'Thao tác',
      width: 160,
      render: (_: unknown, e) => {
        const can = entryActions(e, e.unitId ? current.get(e.unitId) : null, open);
        const label = e.unitName ?? e.file ?? 'hồ sơ';
        return (
          <Space orientation="vertical" size={2} align="start">
            {can.original ? (
              <Button
                size="small"
                type="link"
                icon={<DownloadOutlined aria-hidden />}
                aria-label={`Mở bản gốc: ${label}`}
                onClick={() => openOriginal(e)}
              >
                Mở bản gốc
              </Button>
            ) : null}
            {can.assign ? (
              <Button size="small" onClick={() => act({ kind: 'assign', entry: e })}>
                Giao cho đơn vị…
              </Button>
            ) : null}
            {can.feedback ? (
              <Button
                size="small"
                aria-label={`Phiếu phản hồi: ${label}`}
                onClick={() => act({ kind: 'feedback', entry: e })}
              >
                Phiếu phản hồi
              </Button>
            ) : null}
            {can.withdraw ? (
              <Button
                size="small"
                danger
                aria-label={`Rút lại: ${label}`}
                onClick={() => act({ kind: 'withdraw', entry: e })}
              >
                Rút lại
              </Button>
            ) : null}
            {can.date ? (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined aria-hidden />}
                aria-label={`Sửa ngày nhận: ${label}`}
                onClick={() => act({ kind: 'date', entry: e })}
              >
                Sửa ngày nhận
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];
}

/** a typed search, sent once she pauses */
function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

function InboxBody({ periodId }: { periodId: number }) {
  const { message } = App.useApp();
  const { period } = usePeriod();
  const [params, setParams] = useSearchParams();
  const focusId = Number(params.get('muc')) || null;
  // ?ket-qua=unidentified (from Xuất báo cáo's notice): the list opens filtered on that result
  const [statuses, setStatuses] = useState<EntryStatus[]>(() =>
    params.getAll('ket-qua').filter((x): x is EntryStatus => (ENTRY_STATUSES as readonly string[]).includes(x)),
  );
  const [channels, setChannels] = useState<EntryChannel[]>([]);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<Action>(null);
  useEffect(() => setPage(1), [statuses, channels, unitId, search, periodId]);

  const input = {
    periodId,
    offset: (page - 1) * PAGE,
    limit: PAGE,
    ...(statuses.length ? { status: statuses } : {}),
    ...(channels.length ? { channel: channels } : {}),
    ...(unitId ? { unitId } : {}),
    ...(search ? { search } : {}),
  };
  const q = useOp('inbox.list', input, { placeholderData: keepPreviousData });
  const focus = useOp('inbox.get', { id: focusId ?? 0 }, { enabled: !!focusId });
  const status = useOp('status.get', { periodId });
  const current = useMemo(() => new Map((status.data?.units ?? []).map((u) => [u.unitId, u.revision])), [status.data]);

  const openOriginal = async (e: InboxEntry) => {
    try {
      const f = await call('inbox.original', { id: e.id });
      const folder = await saveFiles([f]);
      if (folder) void message.success(`Đã lưu bản gốc vào ${folder}.`);
    } catch (err) {
      void message.error(hostErrorMessage(err));
    }
  };
  const closed = period?.status === 'closed';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const cols = useMemo(() => columns(!closed, current, setAction, (e) => void openOriginal(e)), [closed, current]);

  const counts = q.data?.counts;

  return (
    <>
      <Flex justify="flex-end" gap={8} style={{ marginTop: -8, marginBottom: 12 }}>
        <LinkButton to="/nhap-bao-cao">Nhập tệp Excel</LinkButton>
        <LinkButton to="/nhap-bao-cao-giay" type="primary">
          Nhập báo cáo giấy
        </LinkButton>
      </Flex>
      {focusId ? (
        <Card
          size="small"
          title="Hồ sơ được chọn"
          style={{ marginBottom: 16 }}
          extra={
            <Button size="small" onClick={() => setParams({})}>
              Bỏ chọn
            </Button>
          }
        >
          {focus.error ? <ErrorBox error={focus.error} /> : null}
          <Table<InboxEntry>
            size="small"
            rowKey="id"
            pagination={false}
            loading={focus.isLoading}
            dataSource={focus.data ? [focus.data] : []}
            columns={cols}
          />
        </Card>
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <div role="group" aria-labelledby="inbox-status-label">
            <Typography.Text strong id="inbox-status-label" style={{ marginInlineEnd: 12 }}>
              Kết quả:
            </Typography.Text>
            <Checkbox.Group<EntryStatus>
              value={statuses}
              onChange={setStatuses}
              options={ENTRY_STATUSES.map((s) => ({
                value: s,
                label: `${ENTRY_STATUS_LABEL[s]} (${formatNumber(counts?.[s] ?? 0)})`,
              }))}
            />
          </div>
          <Flex gap={16} wrap align="center">
            <div role="group" aria-labelledby="inbox-channel-label">
              <Typography.Text strong id="inbox-channel-label" style={{ marginInlineEnd: 12 }}>
                Hình thức:
              </Typography.Text>
              <Checkbox.Group<EntryChannel>
                value={channels}
                onChange={setChannels}
                options={ENTRY_CHANNELS.map((c) => ({ value: c, label: ENTRY_CHANNEL_LABEL[c] }))}
              />
            </div>
            <UnitPicker
              periodId={periodId}
              label="Lọc theo đơn vị"
              placeholder="Tất cả đơn vị"
              allowClear
              value={unitId}
              onChange={setUnitId}
              style={{ width: 280 }}
            />
            <Input.Search
              aria-label="Tìm theo tên tệp hoặc đơn vị"
              placeholder="Tìm tên tệp, đơn vị (gõ không dấu cũng được)"
              allowClear
              style={{ width: 340 }}
              value={text}
              onChange={(ev) => setText(ev.target.value)}
              onSearch={(v) => setText(v)}
            />
          </Flex>
        </Flex>
      </Card>
      {q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<InboxEntry>
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.entries ?? []}
        columns={cols}
        locale={{
          emptyText:
            statuses.length || channels.length || unitId || search
              ? 'Không có hồ sơ nào khớp bộ lọc.'
              : 'Chưa nhận hồ sơ nào trong kỳ này.',
        }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (t) => `${formatNumber(t)} hồ sơ`,
          onChange: setPage,
        }}
      />
      {action?.kind === 'assign' ? <AssignModal entry={action.entry} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'feedback' ? <FeedbackModal entry={action.entry} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'withdraw' && action.entry.unitId ? (
        <WithdrawModal
          periodId={periodId}
          unitId={action.entry.unitId}
          unitName={action.entry.unitName ?? ''}
          revision={action.entry.revision}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'date' && action.entry.submissionId ? (
        <ReceivedDateModal
          submissionId={action.entry.submissionId}
          unitName={action.entry.unitName ?? ''}
          receivedAt={action.entry.receivedAt}
          onClose={() => setAction(null)}
        />
      ) : null}
      {closed ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          Kỳ đã khóa sổ: chỉ xem được, không giao, rút lại hay sửa ngày nhận.
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
