/** Báo cáo đơn vị: one submission as the form, findings, revisions compared, corrections with a reason, status. */
import { CalendarOutlined, CheckOutlined, DownloadOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SubmissionDetail } from '../../../../shared/contract';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { Period } from '../../../../shared/domain/records';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../../api/client';
import { hostErrorMessage, saveFiles } from '../../api/host';
import { ErrorBox, Loading, PageHeader } from '../../components/common';
import { cellKey, valueMap } from '../../components/values';
import { NOT_COUNTED_TITLE } from '../../labels';
import { useCatalog, type CatalogIndex } from '../../state/catalog';
import { ReceivedDateModal, WithdrawModal } from '../inbox/SubmissionActions';
import { AuditTable } from './AuditTable';
import { CorrectModal } from './CorrectModal';
import { FiguresCard } from './FiguresCard';
import { NeedsFixModal } from './NeedsFixModal';
import { RevisionsCard } from './RevisionsCard';
import { SubmissionFacts } from './SubmissionFacts';

/** the finding of a value typed into a grey (not applicable) cell */
const GREY_CELL = 'VALUE_IN_GREY_CELL';

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
  const [editing, setEditing] = useState<{ element: DataElement; cell: CellKey } | null>(null);
  const [needsFix, setNeedsFix] = useState(false);
  const [fixing, setFixing] = useState<'withdraw' | 'date' | null>(null);
  const setStatus = useOpMutation('submissions.setStatus');
  const audit = useOp('audit.list', { entity: 'submission', entityId: String(s.id), limit: 200 });
  const values = useMemo(() => valueMap(detail.values), [detail.values]);
  // values typed into grey cells are set apart from the warnings: they are not counted at all
  const [notCounted, warnings] = useMemo(
    () => [detail.findings.filter((f) => f.code === GREY_CELL), detail.findings.filter((f) => f.code !== GREY_CELL)],
    [detail.findings],
  );
  const latest = s.supersededBy === null;
  const open = latest && period?.status === 'open';

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
      void message.error(hostErrorMessage(e));
    }
  };

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
            <Button icon={<EditOutlined aria-hidden />} disabled={!open} onClick={() => setNeedsFix(true)}>
              Cần bổ sung
            </Button>
            <Button
              icon={<CalendarOutlined aria-hidden />}
              disabled={period?.status !== 'open'}
              onClick={() => setFixing('date')}
            >
              Sửa ngày nhận
            </Button>
            <Button
              danger
              icon={<RollbackOutlined aria-hidden />}
              disabled={!open || !!s.withdrawnAt}
              onClick={() => setFixing('withdraw')}
            >
              Rút lại
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              disabled={!open || s.status === 'approved'}
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
      {s.withdrawnAt ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Lần nộp này đã được rút lại ngày ${formatDate(s.withdrawnAt)}; số liệu không còn được tính.`}
          description={s.withdrawReason ? `Lý do: ${s.withdrawReason}` : undefined}
        />
      ) : null}
      {period?.status === 'closed' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="Kỳ đã khóa sổ: không sửa được số liệu." />
      ) : null}
      <SubmissionFacts detail={detail} />
      {warnings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${formatNumber(warnings.length)} cảnh báo khi kiểm tra số liệu`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {notCounted.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${NOT_COUNTED_TITLE} (${formatNumber(notCounted.length)})`}
          description={
            <>
              <Typography.Paragraph style={{ margin: '0 0 4px' }}>
                Đơn vị ghi số liệu vào ô nền xám (không áp dụng cho loại đơn vị này); các số đó không được cộng vào báo
                cáo.
              </Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {notCounted.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            </>
          }
        />
      ) : null}
      <FiguresCard
        detail={detail}
        index={index}
        period={period}
        values={values}
        audit={audit.data ?? []}
        editable={open}
        onEdit={(element, cell) => setEditing({ element, cell })}
      />
      <RevisionsCard revisions={detail.revisions} currentId={s.id} />
      <Card size="small" title="Nhật ký thay đổi" style={{ marginTop: 16 }}>
        <AuditTable
          entries={audit.data ?? []}
          loading={audit.isLoading}
          names={{
            element: (c) => index.element.get(c)?.name,
            indicator: (c) => index.indicator.get(c)?.name,
            unit: (c) => (c === s.unitCode || c === String(s.unitId) ? s.unitName : undefined),
            period: (p) => (p === period?.id ? period.label : undefined),
          }}
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
      {fixing === 'withdraw' ? (
        <WithdrawModal
          periodId={s.periodId}
          unitId={s.unitId}
          unitName={s.unitName}
          revision={s.revision}
          onClose={() => setFixing(null)}
        />
      ) : null}
      {fixing === 'date' ? (
        <ReceivedDateModal
          submissionId={s.id}
          unitName={s.unitName}
          receivedAt={s.receivedAt}
          onClose={() => setFixing(null)}
        />
      ) : null}
      {needsFix ? <NeedsFixModal submissionId={s.id} onClose={() => setNeedsFix(false)} /> : null}
    </>
  );
}
