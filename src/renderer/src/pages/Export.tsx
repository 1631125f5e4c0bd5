/** Xuất báo cáo: the ministry workbook, the print view (sandboxed iframe), the reminder letter. */
import { CopyOutlined, DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Space, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatNumber } from '../../../shared/text/vi';
import { call } from '../api/client';
import { canPrintToPdf, hostErrorMessage, printFrame, saveFiles, saveHtml, savePdf } from '../api/host';
import { PeriodPage } from '../components/common';
import { DateInput } from '../components/DateInput';
import { ErrorAlert } from '../components/FormModal';
import { useTask } from '../components/useTask';
import { useDraft } from '../state/drafts';

export function ExportPage() {
  return (
    <PeriodPage title="Xuất báo cáo" sub={(period) => `Kỳ báo cáo: ${period.label}`}>
      {(id) => <ExportBody periodId={id} />}
    </PeriodPage>
  );
}

/** Saves a generated document as .html. */
function SaveButton({ doc }: { doc: { title: string; html: string } | null }) {
  return (
    <Button icon={<DownloadOutlined aria-hidden />} disabled={!doc} onClick={() => doc && void saveHtml(doc)}>
      Tải về (.html)
    </Button>
  );
}

function ExportBody({ periodId }: { periodId: number }) {
  const [params, setParams] = useSearchParams();
  // kept while she moves between screens, per period, until she clears them
  const [includeSensitive, setIncludeSensitive] = useDraft(`export.includeSensitive:${periodId}`, false);
  const [docNumber, setDocNumber] = useDraft(`export.docNumber:${periodId}`, '');
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
  const { busy, error, run } = useTask(hostErrorMessage);
  const save = () =>
    run(async () => {
      const f = await call('reports.workbook', opts);
      const folder = await saveFiles([f]);
      void message.success(folder ? `Đã lưu ${f.name} vào ${folder}.` : `Đã tạo tệp ${f.name}.`);
    });
  return (
    <>
      <Typography.Paragraph>
        Tệp Excel theo mẫu báo cáo gửi Bộ Nội vụ: số liệu tổng hợp toàn tỉnh, các chỉ tiêu so với mục tiêu, tình hình
        nộp báo cáo của các đơn vị{opts.includeSensitive ? ' và số liệu nhạy cảm theo từng đơn vị (đánh dấu MẬT)' : ''}.
      </Typography.Paragraph>
      <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void save()}>
        Tải báo cáo Excel
      </Button>
      <ErrorAlert error={error} style={{ marginTop: 12 }} />
    </>
  );
}

function PrintView({ opts }: { opts: Opts }) {
  const { message } = App.useApp();
  const [doc, setDoc] = useState<{ title: string; html: string } | null>(null);
  const task = useTask(hostErrorMessage);
  const [savingPdf, setSavingPdf] = useState(false);
  // one spinner for both: on "Xem bản in" before there is a document, on "Xuất PDF" once there is one
  const busy = task.busy || savingPdf;
  const frame = useRef<HTMLIFrameElement>(null);

  const load = () => task.run(async () => setDoc(await call('reports.printHtml', opts)));

  const print = () => {
    try {
      printFrame(frame.current);
    } catch {
      void message.error('Không mở được hộp thoại in. Hãy dùng “Tải về (.html)” rồi in từ trình duyệt.');
    }
  };

  const pdf = async () => {
    if (!doc || !canPrintToPdf()) return;
    setSavingPdf(true);
    try {
      const folder = await savePdf(doc);
      if (folder) void message.success(`Đã lưu tệp PDF vào ${folder}.`);
    } catch (e) {
      void message.error(hostErrorMessage(e));
    } finally {
      setSavingPdf(false);
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
        {canPrintToPdf() ? (
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            disabled={!doc}
            loading={busy && !!doc}
            onClick={() => void pdf()}
          >
            Xuất PDF
          </Button>
        ) : null}
        <SaveButton doc={doc} />
      </Space>
      <ErrorAlert error={task.error} style={{ marginBottom: 12 }} />
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
  const [newDeadline, setNewDeadline] = useDraft<string | null>(`export.newDeadline:${periodId}`, null);
  const [doc, setDoc] = useState<{ title: string; text: string; html: string; units: number } | null>(null);
  const { busy, error, run } = useTask(hostErrorMessage);
  const load = () =>
    run(async () => setDoc(await call('reports.reminder', { periodId, ...(newDeadline ? { newDeadline } : {}) })));
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
        <SaveButton doc={doc} />
      </Flex>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
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
