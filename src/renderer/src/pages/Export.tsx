/** Xuất báo cáo: the ministry workbook, the print view (sandboxed iframe), the reminder letter. */
import { CopyOutlined, DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Space, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatNumber } from '../../../shared/text/vi';
import { call, errorMessage } from '../api/client';
import { PageHeader, WithPeriod } from '../components/common';
import { DateInput } from '../components/DateInput';
import { downloadBytes, hostErrorMessage, saveFiles } from '../components/util';
import { usePeriod } from '../state/period';

export function ExportPage() {
  const { period } = usePeriod();
  return (
    <>
      <PageHeader title="Xuất báo cáo" sub={period ? `Kỳ báo cáo: ${period.label}` : undefined} />
      <WithPeriod>{(id) => <ExportBody periodId={id} />}</WithPeriod>
    </>
  );
}

function msg(e: unknown): string {
  return hostErrorMessage(e, errorMessage);
}

function ExportBody({ periodId }: { periodId: number }) {
  const [params, setParams] = useSearchParams();
  const [includeSensitive, setIncludeSensitive] = useState(false);
  const [docNumber, setDocNumber] = useState('');
  const opts = { periodId, includeSensitive, ...(docNumber.trim() ? { docNumber: docNumber.trim() } : {}) };
  const tab = params.get('tab') ?? 'workbook';
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={24} wrap align="center">
          <Flex align="center" gap={8}>
            <label htmlFor="doc-number">Số văn bản:</label>
            <Input
              id="doc-number"
              style={{ width: 140 }}
              maxLength={50}
              value={docNumber}
              placeholder="ví dụ 125"
              onChange={(e) => setDocNumber(e.target.value)}
            />
          </Flex>
          <Checkbox checked={includeSensitive} onChange={(e) => setIncludeSensitive(e.target.checked)}>
            Kèm số liệu nhạy cảm (bạo lực, mua bán người) theo từng đơn vị – chỉ dùng nội bộ
          </Checkbox>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'workbook' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'workbook', label: 'Báo cáo Excel gửi Bộ', children: <Workbook opts={opts} /> },
          { key: 'print', label: 'Bản in', children: <PrintView opts={opts} /> },
          { key: 'reminder', label: 'Văn bản đôn đốc', children: <Reminder periodId={periodId} /> },
        ]}
      />
    </>
  );
}

type Opts = { periodId: number; includeSensitive: boolean; docNumber?: string };

function Workbook({ opts }: { opts: Opts }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const f = await call('reports.workbook', opts);
      const folder = await saveFiles([f]);
      void message.success(folder ? `Đã lưu ${f.name} vào ${folder}.` : `Đã tạo tệp ${f.name}.`);
    } catch (e) {
      setError(msg(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Paragraph>
        Tệp Excel theo mẫu báo cáo gửi Bộ Nội vụ: số liệu tổng hợp toàn tỉnh, các chỉ tiêu so với mục tiêu, tình hình
        nộp báo cáo của các đơn vị{opts.includeSensitive ? ' và số liệu nhạy cảm theo từng đơn vị (đánh dấu MẬT)' : ''}.
      </Typography.Paragraph>
      <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
        Tải báo cáo Excel
      </Button>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
    </>
  );
}

function PrintView({ opts }: { opts: Opts }) {
  const { message } = App.useApp();
  const [doc, setDoc] = useState<{ title: string; html: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const host = window.api.host;

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setDoc(await call('reports.printHtml', opts));
    } catch (e) {
      setError(msg(e));
    } finally {
      setBusy(false);
    }
  };

  const print = () => {
    try {
      frame.current?.contentWindow?.focus();
      frame.current?.contentWindow?.print();
    } catch {
      void message.error('Không mở được hộp thoại in. Hãy dùng “Tải về (.html)” rồi in từ trình duyệt.');
    }
  };

  const pdf = async () => {
    if (!doc || !host.printToPdf) return;
    setBusy(true);
    try {
      const r = await host.printToPdf(doc.html);
      if (!r.ok) throw new Error(r.error.message);
      const folder = await saveFiles([{ name: `${doc.title}.pdf`, bytes: r.data.bytes }]);
      if (folder) void message.success(`Đã lưu tệp PDF vào ${folder}.`);
    } catch (e) {
      void message.error(msg(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type={doc ? 'default' : 'primary'} loading={busy && !doc} onClick={() => void load()}>
          {doc ? 'Tạo lại bản in' : 'Xem bản in'}
        </Button>
        <Button icon={<PrinterOutlined aria-hidden />} disabled={!doc} onClick={print}>
          In
        </Button>
        {host.kind === 'electron' && host.printToPdf ? (
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            disabled={!doc}
            loading={busy && !!doc}
            onClick={() => void pdf()}
          >
            Xuất PDF
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined aria-hidden />} disabled={!doc} onClick={() => doc && void saveHtml(doc)}>
          Tải về (.html)
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {doc ? (
        <iframe
          ref={frame}
          className="print-frame"
          title={`Bản in: ${doc.title}`}
          // no scripts inside: same-origin only so the parent can call print(); modals for the print dialog
          sandbox="allow-same-origin allow-modals"
          srcDoc={doc.html}
        />
      ) : (
        <Typography.Paragraph type="secondary">
          Bản in theo thể thức Nghị định 30/2020/NĐ-CP (khổ A4), gồm báo cáo và các phụ lục số liệu.
        </Typography.Paragraph>
      )}
    </>
  );
}

function Reminder({ periodId }: { periodId: number }) {
  const { message } = App.useApp();
  const [newDeadline, setNewDeadline] = useState<string | null>(null);
  const [doc, setDoc] = useState<{ title: string; text: string; html: string; units: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setDoc(await call('reports.reminder', { periodId, ...(newDeadline ? { newDeadline } : {}) }));
    } catch (e) {
      setError(msg(e));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!doc) return;
    try {
      await navigator.clipboard.writeText(doc.text);
      void message.success('Đã sao chép nội dung văn bản.');
    } catch {
      void message.error('Không sao chép được. Hãy bôi đen nội dung rồi nhấn Ctrl+C.');
    }
  };
  return (
    <>
      <Flex gap={12} wrap align="end" style={{ marginBottom: 12 }}>
        <Form.Item label="Hạn nộp mới (nếu gia hạn)" htmlFor="new-deadline" layout="vertical" style={{ margin: 0 }}>
          <DateInput id="new-deadline" value={newDeadline} onChange={setNewDeadline} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void load()}>
          {doc ? 'Soạn lại' : 'Soạn văn bản đôn đốc'}
        </Button>
        <Button icon={<CopyOutlined aria-hidden />} disabled={!doc} onClick={() => void copy()}>
          Sao chép
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} disabled={!doc} onClick={() => doc && void saveHtml(doc)}>
          Tải về (.html)
        </Button>
      </Flex>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {doc ? (
        <>
          <Alert
            type={doc.units ? 'info' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              doc.units
                ? `Văn bản gửi ${formatNumber(doc.units)} đơn vị chưa nộp báo cáo.`
                : 'Tất cả đơn vị đã nộp báo cáo; không cần đôn đốc.'
            }
          />
          <iframe className="print-frame" title={`Văn bản: ${doc.title}`} sandbox="" srcDoc={doc.html} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          Văn bản đôn đốc các đơn vị chưa nộp báo cáo, ghi sẵn danh sách đơn vị và hạn nộp.
        </Typography.Paragraph>
      )}
    </>
  );
}

async function saveHtml(doc: { title: string; html: string }): Promise<void> {
  if (window.api.host.kind === 'electron') {
    await saveFiles([{ name: `${doc.title}.html`, bytes: new TextEncoder().encode(doc.html) }]);
  } else {
    downloadBytes(`${doc.title}.html`, doc.html, 'text/html;charset=utf-8');
  }
}
