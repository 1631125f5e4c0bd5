/**
 * The batch's results: counts, the "done / total" bar, a row per file with its unit and messages. Values typed
 * into grey cells are listed apart from the warnings; a file refused for blanking cells can be confirmed and
 * imported again ("Vẫn nhập…").
 */
import { Button, Card, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ImportResult, ImportStatus } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { IMPORT_STATUS_COLOR, IMPORT_STATUS_LABEL, NOT_COUNTED_TITLE } from '../../labels';
import { entryIdOf } from '../../state/importSession';
import { BlankingConfirm } from './BlankingConfirm';

export interface ResultRow extends ImportResult {
  key: string;
  /** known only from a progress event so far (status and unit); the full result follows */
  partial?: boolean;
  /** the file as chosen, to send it again */
  source?: File;
}

/** what the officer does with a file that was neither accepted nor refused for its content */
export const STATUS_NOTE: Partial<Record<ImportStatus, string>> = {
  unidentified:
    'Tệp chưa rõ đơn vị: chưa ghi gì vào dữ liệu. Kiểm tra tên và mã đơn vị ghi trong tệp (hoặc gửi cho đơn vị mẫu ' +
    'biểu mang tên đơn vị đó) rồi nhập lại.',
  duplicate: 'Hai tệp của cùng một đơn vị: không tệp nào được ghi; hãy nhập riêng tệp đúng.',
};

/** A refusal the officer may override: the file would blank cells the current revision has figures for. */
export const canForceBlanking = (r: ResultRow): boolean =>
  !r.partial && r.status === 'rejected' && !!r.blanked?.length && r.errors.some((e) => e.code === 'BLANKING');

export function NotCounted({ items }: { items: Array<{ message: string }> }) {
  if (!items.length) return null;
  return (
    <div style={{ marginTop: 6 }} role="group" aria-label={NOT_COUNTED_TITLE}>
      <Typography.Text strong style={{ color: '#595959' }}>
        {NOT_COUNTED_TITLE} ({formatNumber(items.length)})
      </Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {items.map((w, i) => (
          <li key={i}>
            <Typography.Text type="secondary">{w.message}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Messages({ result, onForce, busy }: { result: ResultRow; onForce: () => void; busy: boolean }) {
  if (result.partial) return null;
  const notCounted = result.notCounted ?? [];
  const note = STATUS_NOTE[result.status];
  if (!result.errors.length && !result.warnings.length && !notCounted.length && !note)
    return (
      <Typography.Text type="secondary">
        {result.status === 'unchanged' ? 'Tệp giống bản đã nhận trước đó.' : 'Không có lỗi.'}
      </Typography.Text>
    );
  return (
    <>
      {note ? (
        <Typography.Paragraph strong style={{ margin: '0 0 4px' }}>
          {note}
        </Typography.Paragraph>
      ) : null}
      {result.errors.length || result.warnings.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {result.errors.map((e, i) => (
            <li key={`e${i}`}>
              <Typography.Text type="danger">{e.message}</Typography.Text>
            </li>
          ))}
          {result.warnings.map((w, i) => (
            <li key={`w${i}`}>
              <Typography.Text style={{ color: '#ad4e00' }}>{w.message}</Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
      <NotCounted items={notCounted} />
      {canForceBlanking(result) ? (
        <Button size="small" style={{ marginTop: 6 }} disabled={busy} onClick={onForce}>
          Vẫn nhập…
        </Button>
      ) : null}
    </>
  );
}

export function UnitCell({ r }: { r: ResultRow }) {
  if (r.unitName)
    return (
      <>
        {r.unitName}
        <Typography.Text type="secondary"> ({r.unit})</Typography.Text>
        {r.revision && r.revision > 1 ? <Tag style={{ marginInlineStart: 6 }}>Lần {r.revision}</Tag> : null}
      </>
    );
  if (r.partial && r.unit) return <>{r.unit}</>;
  return <Typography.Text type="secondary">Không xác định</Typography.Text>;
}

function columns(onForce: (r: ResultRow) => void, busy: boolean): TableColumnsType<ResultRow> {
  return [
    {
      title: 'Tệp',
      dataIndex: 'file',
      width: 260,
      render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
    },
    {
      title: 'Kết quả',
      dataIndex: 'status',
      width: 140,
      render: (s: ResultRow['status']) => <Tag color={IMPORT_STATUS_COLOR[s]}>{IMPORT_STATUS_LABEL[s]}</Tag>,
    },
    { title: 'Đơn vị', width: 240, render: (_: unknown, r) => <UnitCell r={r} /> },
    {
      title: 'Thông báo',
      render: (_: unknown, r) => <Messages result={r} busy={busy} onForce={() => onForce(r)} />,
    },
    {
      title: '',
      width: 130,
      render: (_: unknown, r) => {
        const entry = entryIdOf(r);
        return (
          <Space orientation="vertical" size={2}>
            {r.submissionId ? <Link to={`/bao-cao/${r.submissionId}`}>Xem báo cáo</Link> : null}
            {entry ? <Link to={`/ho-so-da-nhan?muc=${entry}`}>Xem trong hồ sơ</Link> : null}
          </Space>
        );
      },
    },
  ];
}

/** the counts in the card's header: the three usual ones always, the others once a file has them */
const COUNTS: Array<{ status: ImportStatus; always: boolean }> = [
  { status: 'accepted', always: true },
  { status: 'rejected', always: true },
  { status: 'unchanged', always: true },
  { status: 'unidentified', always: false },
  { status: 'duplicate', always: false },
];

export function ImportResults({
  title = 'Kết quả nhập',
  results,
  done,
  total,
  running,
  onImportAgain,
}: {
  title?: string;
  results: ResultRow[];
  done: number;
  total: number;
  running: boolean;
  /** imports one row's file again with allowBlanking (the officer confirmed); resolves with the new result */
  onImportAgain: (key: string) => Promise<ImportResult>;
}) {
  const [confirming, setConfirming] = useState<ResultRow | null>(null);
  const cols = useMemo(() => columns(setConfirming, running), [running]);
  const count = (s: ImportStatus) => results.filter((r) => r.status === s).length;
  const notAccepted = count('rejected') + count('unidentified') + count('duplicate');
  return (
    <Card
      title={title}
      extra={
        <Space wrap size={[4, 4]} style={{ justifyContent: 'flex-end' }}>
          {COUNTS.map(({ status, always }) => {
            const n = count(status);
            if (!n && !always) return null;
            return (
              <Tag key={status} color={status === 'unchanged' ? undefined : IMPORT_STATUS_COLOR[status]}>
                {IMPORT_STATUS_LABEL[status]}: {formatNumber(n)}
              </Tag>
            );
          })}
        </Space>
      }
    >
      <Progress
        percent={Math.round((done / total) * 100)}
        status={running ? 'active' : notAccepted ? 'normal' : 'success'}
        // dark text: antd's green "success" text is below WCAG AA contrast on white
        format={() => (
          <span style={{ color: 'rgba(0, 0, 0, 0.88)' }}>{`${formatNumber(done)}/${formatNumber(total)}`}</span>
        )}
        aria-label="Tiến độ nhập tệp"
      />
      <Table<ResultRow>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="key"
        dataSource={results}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        columns={cols}
      />
      {confirming ? (
        <BlankingConfirm row={confirming} onImport={onImportAgain} onClose={() => setConfirming(null)} />
      ) : null}
    </Card>
  );
}
