/** Nhập báo cáo: drop files or folders, import them as ONE batch in the core (progress events), a result per file. */
import { Alert, Button, Card, Collapse, Flex, Form, List, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Channel, Period } from '../../../../shared/domain/records';
import { localIsoDate } from '../../../../shared/rules/period';
import { compareVi, formatDate, formatDateTime, formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { PeriodPage } from '../../components/common';
import { DateInput } from '../../components/DateInput';
import { isWorkbook } from '../../components/dropFiles';
import { CHANNEL_OPTIONS, IMPORT_STATUS_LABEL } from '../../labels';
import { clearBatches, useSessionBatches } from '../../state/importSession';
import { usePeriod } from '../../state/period';
import { DropZone } from './DropZone';
import { ImportResults, type ResultRow } from './ImportResults';
import { fileLabel, useImportBatch } from './useImportBatch';

export function ImportPage() {
  return (
    <PeriodPage
      title="Nhập báo cáo"
      sub="Kéo thả các tệp Excel đơn vị gửi về (hoặc cả thư mục). Mỗi tệp được kiểm tra riêng; tệp lỗi không ghi gì vào dữ liệu."
    >
      {() => <ImportBody />}
    </PeriodPage>
  );
}

const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

function ImportBody() {
  const { period } = usePeriod();
  const [queue, setQueue] = useState<File[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [receivedAt, setReceivedAt] = useState<string>(localIsoDate());
  const [officialDate, setOfficialDate] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('email');
  const [layoutId, setLayoutId] = useState<number>(0);
  const layouts = useOp('layouts.list', {});
  const importLayouts = (layouts.data?.layouts ?? [])
    .filter((l) => l.purpose === 'import')
    .sort((a, b) => compareVi(a.name, b.name));
  // a layout deleted meanwhile falls back to the app's own form
  const chosenLayout = importLayouts.some((l) => l.id === layoutId) ? layoutId : 0;
  const batch = useImportBatch();
  const batches = useSessionBatches(period?.id ?? 0);
  const running = batches.some((b) => b.running);
  // the newest batch in full; the earlier ones of the session one click away, each with its counts
  const [latest, ...earlier] = batches;

  if (!period) return null;
  const closed = period.status === 'closed';

  const add = (files: File[]) => {
    const ok = files.filter((f) => isWorkbook(f.name));
    const bad = files.filter((f) => !isWorkbook(f.name)).map((f) => f.name);
    setQueue((q) => {
      const seen = new Set(q.map(fileKey));
      return [...q, ...ok.filter((f) => !seen.has(fileKey(f)))];
    });
    setSkipped((s) => [...s, ...bad]);
  };

  const run = async () => {
    if (!queue.length) return;
    const ok = await batch.start({
      periodId: period.id,
      files: queue,
      receivedAt,
      channel,
      officialDate,
      layoutId: chosenLayout || null,
    });
    if (ok) {
      setQueue([]);
      setSkipped([]);
    }
  };

  return (
    <>
      <PeriodLine period={period} />
      {closed ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Kỳ này đã khóa sổ nên không nhận thêm báo cáo."
          description="Mở lại kỳ ở màn hình Kỳ báo cáo nếu cần nhập thêm."
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <DropZone onFiles={add} disabled={running || closed} />
        <Flex gap={16} wrap align="end" style={{ marginTop: 16 }}>
          <Form.Item label="Ngày nhận" htmlFor="received-at" style={{ margin: 0 }} layout="vertical">
            <DateInput id="received-at" value={receivedAt} allowClear={false} onChange={(v) => v && setReceivedAt(v)} />
          </Form.Item>
          <Form.Item label="Ngày công văn đến (nếu có)" htmlFor="official-date" style={{ margin: 0 }} layout="vertical">
            <DateInput id="official-date" value={officialDate} onChange={setOfficialDate} />
          </Form.Item>
          <Form.Item label="Hình thức nhận" htmlFor="channel" style={{ margin: 0 }} layout="vertical">
            <Select
              id="channel"
              value={channel}
              onChange={setChannel}
              options={CHANNEL_OPTIONS}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item label="Đọc theo mẫu biểu" htmlFor="import-layout" style={{ margin: 0 }} layout="vertical">
            <Select
              id="import-layout"
              value={chosenLayout}
              onChange={setLayoutId}
              loading={layouts.isLoading}
              style={{ width: 280 }}
              options={[
                { value: 0, label: 'Mẫu của ứng dụng' },
                ...importLayouts.map((l) => ({ value: l.id, label: l.name })),
              ]}
            />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              size="large"
              disabled={!queue.length || running || closed}
              loading={running}
              onClick={() => void run()}
            >
              {queue.length ? `Nhập ${formatNumber(queue.length)} tệp` : 'Nhập tệp'}
            </Button>
            {running ? (
              <Button onClick={batch.stop}>Dừng sau tệp này</Button>
            ) : queue.length ? (
              <Button
                onClick={() => {
                  setQueue([]);
                  setSkipped([]);
                }}
              >
                Bỏ chọn
              </Button>
            ) : null}
          </Space>
        </Flex>
        {queue.length && !running ? (
          <List
            size="small"
            style={{ marginTop: 12 }}
            header={<Typography.Text strong>Tệp chờ nhập ({formatNumber(queue.length)})</Typography.Text>}
            dataSource={queue}
            pagination={{ pageSize: 20, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
            renderItem={(f) => <List.Item>{fileLabel(f)}</List.Item>}
          />
        ) : null}
        {skipped.length ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={`Bỏ qua ${formatNumber(skipped.length)} tệp không phải Excel`}
            description={skipped.slice(0, 10).join(', ') + (skipped.length > 10 ? '…' : '')}
          />
        ) : null}
      </Card>
      {batches.length ? (
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            Kết quả các đợt nhập từ khi mở ứng dụng ({formatNumber(batches.length)} đợt), giữ lại đến khi bấm “Xóa kết
            quả”.
          </Typography.Text>
          <Button icon={<DeleteOutlined aria-hidden />} disabled={running} onClick={() => clearBatches(period.id)}>
            Xóa kết quả
          </Button>
        </Flex>
      ) : null}
      {latest ? (
        <div style={{ marginBottom: 16 }}>
          <ImportResults
            results={latest.rows}
            done={latest.done}
            total={latest.total}
            running={latest.running}
            onImportAgain={(key) => batch.importAgain(latest.id, key)}
          />
        </div>
      ) : null}
      {earlier.length ? (
        <Collapse
          items={earlier.map((b) => ({
            key: b.id,
            label: `Đợt nhập lúc ${formatDateTime(b.startedAt)}: ${batchSummary(b.rows)}`,
            children: (
              <ImportResults
                title={`Kết quả nhập lúc ${formatDateTime(b.startedAt)}`}
                results={b.rows}
                done={b.done}
                total={b.total}
                running={b.running}
                onImportAgain={(key) => batch.importAgain(b.id, key)}
              />
            ),
          }))}
        />
      ) : null}
    </>
  );
}

/** "3 tệp: đã nhận 2, bị từ chối 1" */
function batchSummary(rows: ResultRow[]): string {
  const by = new Map<string, number>();
  for (const r of rows) by.set(IMPORT_STATUS_LABEL[r.status], (by.get(IMPORT_STATUS_LABEL[r.status]) ?? 0) + 1);
  const parts = [...by].map(([label, n]) => `${label.toLocaleLowerCase('vi')} ${formatNumber(n)}`);
  return `${formatNumber(rows.length)} tệp${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function PeriodLine({ period }: { period: Period }) {
  return (
    <Typography.Paragraph>
      Kỳ báo cáo: <strong>{period.label}</strong> · hạn nộp {formatDate(period.deadline)} ·{' '}
      {formatNumber(period.expected)} đơn vị phải báo cáo
    </Typography.Paragraph>
  );
}
