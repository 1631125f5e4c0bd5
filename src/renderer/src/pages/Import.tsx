/** Nhập báo cáo: drop files or folders, import ONE file per call (progress, responsive), a result per file. */
import { FileExcelOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Channel, Period } from '../../../shared/domain/records';
import type { ImportResult } from '../../../shared/domain/report';
import { formatDate, formatNumber } from '../../../shared/text/vi';
import { call, errorMessage, useInvalidateAfter } from '../api/client';
import { PageHeader, WithPeriod } from '../components/common';
import { DateInput } from '../components/DateInput';
import { filesFromDrop, isWorkbook } from '../components/dropFiles';
import { FilePicker } from '../components/FilePicker';
import { fileToPayload, todayIso } from '../components/util';
import { CHANNEL_OPTIONS, IMPORT_STATUS_COLOR, IMPORT_STATUS_LABEL } from '../labels';
import { usePeriod } from '../state/period';

interface Row extends ImportResult {
  key: string;
}

export function ImportPage() {
  return (
    <>
      <PageHeader
        title="Nhập báo cáo"
        sub="Kéo thả các tệp Excel đơn vị gửi về (hoặc cả thư mục). Mỗi tệp được kiểm tra riêng; tệp lỗi không ghi gì vào dữ liệu."
      />
      <WithPeriod>{() => <ImportBody />}</WithPeriod>
    </>
  );
}

function ImportBody() {
  const { message } = App.useApp();
  const { period } = usePeriod();
  const invalidateAfter = useInvalidateAfter();
  const [queue, setQueue] = useState<File[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [receivedAt, setReceivedAt] = useState<string>(todayIso());
  const [officialDate, setOfficialDate] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('email');
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [results, setResults] = useState<Row[]>([]);
  const [dragOver, setDragOver] = useState(false);
  const cancelled = useRef(false);

  if (!period) return null;
  const closed = period.status === 'closed';

  const add = (files: File[]) => {
    const ok = files.filter((f) => isWorkbook(f.name));
    const bad = files.filter((f) => !isWorkbook(f.name)).map((f) => f.name);
    setQueue((q) => {
      const seen = new Set(q.map((f) => `${f.name}|${f.size}|${f.lastModified}`));
      return [...q, ...ok.filter((f) => !seen.has(`${f.name}|${f.size}|${f.lastModified}`))];
    });
    setSkipped((s) => [...s, ...bad]);
  };

  const run = async () => {
    const files = queue;
    if (!files.length) return;
    const batchId = crypto.randomUUID();
    cancelled.current = false;
    setRunning(true);
    setDone(0);
    setTotal(files.length);
    setResults([]);
    let accepted = 0;
    for (let i = 0; i < files.length; i++) {
      if (cancelled.current) break;
      const f = files[i]!;
      const label = f.webkitRelativePath || f.name;
      let row: Row;
      try {
        const file = await fileToPayload(f);
        const r = await call('imports.file', {
          periodId: period.id,
          file,
          receivedAt,
          channel,
          batchId,
          ...(officialDate ? { officialDate } : {}),
        });
        row = { ...r, key: `${i}-${label}`, file: label };
        if (r.status === 'accepted') accepted++;
      } catch (e) {
        row = {
          key: `${i}-${label}`,
          file: label,
          status: 'rejected',
          unit: null,
          unitName: null,
          revision: null,
          submissionId: null,
          errors: [{ code: 'CALL', message: errorMessage(e) }],
          warnings: [],
        };
      }
      setResults((rs) => [...rs, row]);
      setDone(i + 1);
      // let the window breathe between files
      await new Promise((r) => window.setTimeout(r, 0));
    }
    setRunning(false);
    setQueue([]);
    setSkipped([]);
    void invalidateAfter('imports.file');
    void message.info(`Đã xử lý ${formatNumber(files.length)} tệp: ${formatNumber(accepted)} tệp được nhận.`);
  };

  const counts = {
    accepted: results.filter((r) => r.status === 'accepted').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    unchanged: results.filter((r) => r.status === 'unchanged').length,
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
        <div
          role="group"
          aria-label="Vùng thả tệp"
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragOver(false);
            const dt = e.dataTransfer;
            void filesFromDrop(dt).then(add);
          }}
          style={{
            border: `2px dashed ${dragOver ? '#1f5fbf' : '#c5cdd8'}`,
            background: dragOver ? '#eef4ff' : '#fafbfc',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
          }}
        >
          <InboxOutlined style={{ fontSize: 40, color: '#1f5fbf' }} aria-hidden />
          <Typography.Paragraph style={{ margin: '8px 0' }}>
            Kéo thả tệp Excel hoặc cả thư mục vào đây, hoặc
          </Typography.Paragraph>
          <Space wrap style={{ justifyContent: 'center' }}>
            <FilePicker
              label="Chọn tệp"
              icon={<FileExcelOutlined aria-hidden />}
              accept=".xlsx,.xlsm,.xls"
              multiple
              onFiles={add}
              testId="import-files-input"
              disabled={running || closed}
            />
            <FilePicker
              label="Chọn thư mục"
              icon={<FolderOpenOutlined aria-hidden />}
              directory
              onFiles={add}
              testId="import-folder-input"
              disabled={running || closed}
            />
          </Space>
        </div>
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
              <Button onClick={() => (cancelled.current = true)}>Dừng sau tệp này</Button>
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
            style={{ marginTop: 12, maxHeight: 180, overflow: 'auto' }}
            header={<Typography.Text strong>Tệp chờ nhập ({formatNumber(queue.length)})</Typography.Text>}
            dataSource={queue}
            renderItem={(f) => <List.Item>{f.webkitRelativePath || f.name}</List.Item>}
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
      {total ? (
        <Card
          title="Kết quả nhập"
          extra={
            <Space>
              <Tag color="green">Đã nhận: {formatNumber(counts.accepted)}</Tag>
              <Tag color="red">Bị từ chối: {formatNumber(counts.rejected)}</Tag>
              <Tag>Không thay đổi: {formatNumber(counts.unchanged)}</Tag>
            </Space>
          }
        >
          <Progress
            percent={Math.round((done / total) * 100)}
            status={running ? 'active' : counts.rejected ? 'normal' : 'success'}
            format={() => `${formatNumber(done)}/${formatNumber(total)}`}
            aria-label="Tiến độ nhập tệp"
          />
          <Table<Row>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="key"
            dataSource={results}
            pagination={false}
            columns={[
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
                render: (s: Row['status']) => <Tag color={IMPORT_STATUS_COLOR[s]}>{IMPORT_STATUS_LABEL[s]}</Tag>,
              },
              {
                title: 'Đơn vị',
                width: 240,
                render: (_: unknown, r) =>
                  r.unitName ? (
                    <>
                      {r.unitName}
                      <Typography.Text type="secondary"> ({r.unit})</Typography.Text>
                      {r.revision && r.revision > 1 ? (
                        <Tag style={{ marginInlineStart: 6 }}>Lần {r.revision}</Tag>
                      ) : null}
                    </>
                  ) : (
                    <Typography.Text type="secondary">Không xác định</Typography.Text>
                  ),
              },
              {
                title: 'Thông báo',
                render: (_: unknown, r) => <Messages result={r} />,
              },
              {
                title: '',
                width: 110,
                render: (_: unknown, r) =>
                  r.submissionId ? <Link to={`/bao-cao/${r.submissionId}`}>Xem báo cáo</Link> : null,
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}

function Messages({ result }: { result: ImportResult }) {
  if (!result.errors.length && !result.warnings.length)
    return (
      <Typography.Text type="secondary">
        {result.status === 'unchanged' ? 'Tệp giống bản đã nhận trước đó.' : 'Không có lỗi.'}
      </Typography.Text>
    );
  return (
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
  );
}

function PeriodLine({ period }: { period: Period }) {
  return (
    <Typography.Paragraph>
      Kỳ báo cáo: <strong>{period.label}</strong> · hạn nộp {formatDate(period.deadline)} ·{' '}
      {formatNumber(period.expected)} đơn vị phải báo cáo
    </Typography.Paragraph>
  );
}
