/** Kỳ báo cáo: periods (create with NĐ 09 defaults, edit, close/reopen), expected units, province values, templates. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import type { Period } from '../../../../shared/domain/records';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { errorMessage, useOp, useOpMutation } from '../../api/client';
import { ErrorBox, PageHeader } from '../../components/common';
import { usePeriod } from '../../state/period';
import { fetchReadiness, readinessLines } from '../ExportReadiness';
import { CreatePeriodModal } from './CreatePeriodModal';
import { PeriodDetail } from './PeriodDetail';
import { PeriodsTable } from './PeriodsTable';

export function PeriodsPage() {
  const { modal, message } = App.useApp();
  const { periods, loading, periodId, setPeriodId } = usePeriod();
  const list = useOp('periods.list', {});
  const [creating, setCreating] = useState(false);
  const setStatus = useOpMutation('periods.setStatus');

  const toggle = async (p: Period) => {
    const closing = p.status === 'open';
    // closing a period that still lacks reports: the confirmation says what (as Xuất báo cáo does)
    const gaps = closing ? await fetchReadiness(p.id).then(readinessLines, () => []) : [];
    modal.confirm({
      title: closing ? `Khóa sổ kỳ “${p.label}”?` : `Mở lại kỳ “${p.label}”?`,
      content: closing ? (
        <>
          {gaps.length ? (
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>Kỳ này còn:</Typography.Paragraph>
              <ul style={{ marginTop: 0, paddingInlineStart: 20 }} data-testid="close-period-gaps">
                {gaps.map((g) => (
                  <li key={g.key}>{g.text}</li>
                ))}
              </ul>
            </>
          ) : null}
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            Sau khi khóa sổ, kỳ này không nhận thêm báo cáo và không sửa được số liệu. Có thể mở lại khi cần.
          </Typography.Paragraph>
        </>
      ) : (
        'Kỳ sẽ nhận báo cáo và cho phép sửa số liệu trở lại. Mọi thay đổi vẫn được ghi nhật ký.'
      ),
      okText: closing ? 'Khóa sổ' : 'Mở lại',
      cancelText: 'Hủy',
      onOk: () =>
        setStatus
          .mutateAsync({ id: p.id, status: closing ? 'closed' : 'open' })
          .then(() => void message.success(closing ? 'Đã khóa sổ kỳ báo cáo.' : 'Đã mở lại kỳ báo cáo.'))
          .catch((e: unknown) => void message.error(errorMessage(e))),
    });
  };

  const created = (p: Period) => {
    setCreating(false);
    setPeriodId(p.id);
    modal.success({
      title: `Đã tạo kỳ “${p.label}”`,
      content: (
        <Descriptions
          column={1}
          size="small"
          items={[
            { label: 'Số liệu tính từ', children: formatDate(p.dataFrom) },
            { label: 'Đến', children: formatDate(p.dataTo) },
            { label: 'Hạn nộp', children: formatDate(p.deadline) },
            { label: 'Mẫu biểu', children: `${p.templateCode} (bản ${p.templateVersion})` },
            { label: 'Đơn vị phải báo cáo', children: formatNumber(p.expected) },
          ]}
        />
      ),
      okText: 'Đóng',
    });
  };

  return (
    <>
      <PageHeader
        title="Kỳ báo cáo"
        sub="Mỗi kỳ có khoảng thời gian lấy số liệu, hạn nộp, mẫu biểu và danh sách đơn vị phải báo cáo."
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            Tạo kỳ báo cáo
          </Button>
        }
      />
      {list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : null}
      <PeriodsTable
        periods={periods}
        loading={loading}
        periodId={periodId}
        onChoose={(p) => setPeriodId(p.id)}
        onToggle={(p) => void toggle(p)}
      />
      {periodId ? <PeriodDetail key={periodId} periodId={periodId} /> : null}
      {creating ? <CreatePeriodModal onClose={() => setCreating(false)} onCreated={created} /> : null}
    </>
  );
}
