/** Xuất báo cáo: the ministry workbook, the print view (sandboxed iframe), the reminder letter. */
import {
  CopyOutlined,
  DownloadOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  MailOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Pagination, Space, Tabs, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatNumber } from '../../../shared/text/vi';
import type { Output } from '../../../shared/contract';
import { call } from '../api/client';
import { canPrintToPdf, hostErrorMessage, printFrame, saveFiles, saveHtml, savePdf } from '../api/host';
import { PeriodPage } from '../components/common';
import { DateInput } from '../components/DateInput';
import { ErrorAlert } from '../components/FormModal';
import { useTask } from '../components/useTask';
import { useDraft } from '../state/drafts';
import { ExportReadiness } from './ExportReadiness';
import { AppendixFill } from './layouts/AppendixFill';

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
      <ExportReadiness periodId={periodId} />
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
          { key: 'word', label: 'Dự thảo báo cáo (Word)', children: <ReportWord opts={opts} /> },
          { key: 'reminder', label: 'Văn bản đôn đốc', children: <Reminder periodId={periodId} /> },
          { key: 'appendix', label: 'Điền phụ lục của Bộ', children: <AppendixFill periodId={periodId} /> },
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

/** The report draft as a Word file: Phần I–V written from the data, the appendices as tables. */
function ReportWord({ opts }: { opts: Opts }) {
  const { message } = App.useApp();
  const { busy, error, run } = useTask(hostErrorMessage);
  const save = () =>
    run(async () => {
      const f = await call('reports.docx', opts);
      const folder = await saveFiles([f]);
      void message.success(folder ? `Đã lưu ${f.name} vào ${folder}.` : `Đã tạo tệp ${f.name}.`);
    });
  return (
    <>
      <Typography.Paragraph>
        Dự thảo báo cáo gửi Bộ Nội vụ theo thể thức Nghị định 30/2020/NĐ-CP, tự viết từ số liệu: công tác chỉ đạo, kết
        quả từng mục tiêu, chỉ tiêu (so với cùng kỳ và chỉ tiêu, ghi rõ số đơn vị đã báo cáo), đánh giá và kiến nghị của
        các đơn vị, tình hình gửi báo cáo, kèm các phụ lục. Mở bằng Word để sửa lời văn trước khi trình ký.
      </Typography.Paragraph>
      <Button type="primary" icon={<FileWordOutlined aria-hidden />} loading={busy} onClick={() => void save()}>
        Tải dự thảo báo cáo (.docx)
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
  // kept while she moves between screens, per period, until she clears it
  const [reminderNumber, setReminderNumber] = useDraft(`export.reminderNumber:${periodId}`, '');
  const [doc, setDoc] = useState<Output<'reports.reminder'> | null>(null);
  const { busy, error, run } = useTask(hostErrorMessage);
  const word = useTask(hostErrorMessage);
  const input = {
    periodId,
    ...(newDeadline ? { newDeadline } : {}),
    ...(reminderNumber.trim() ? { docNumber: reminderNumber.trim() } : {}),
  };
  const load = () => run(async () => setDoc(await call('reports.reminder', input)));
  const saveWord = () =>
    word.run(async () => {
      const f = await call('reports.reminderDocx', input);
      const folder = await saveFiles([f]);
      void message.success(folder ? `Đã lưu ${f.name} vào ${folder}.` : `Đã tạo tệp ${f.name}.`);
    });
  const copyText = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(done);
    } catch {
      void message.error('Không sao chép được. Hãy bôi đen nội dung rồi nhấn Ctrl+C.');
    }
  };
  return (
    <>
      <Flex gap={12} wrap align="end" style={{ marginBottom: 12 }}>
        <Form.Item label="Số công văn đôn đốc" htmlFor="reminder-number" layout="vertical" style={{ margin: 0 }}>
          <Input
            id="reminder-number"
            style={{ width: 140 }}
            maxLength={50}
            value={reminderNumber}
            placeholder="ví dụ 231"
            onChange={(e) => setReminderNumber(e.target.value)}
          />
        </Form.Item>
        <Form.Item label="Hạn nộp mới (nếu gia hạn)" htmlFor="new-deadline" layout="vertical" style={{ margin: 0 }}>
          <DateInput id="new-deadline" value={newDeadline} onChange={setNewDeadline} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void load()}>
          {doc ? 'Soạn lại' : 'Soạn văn bản đôn đốc'}
        </Button>
        <Button icon={<FileWordOutlined aria-hidden />} loading={word.busy} onClick={() => void saveWord()}>
          Tải về (.docx)
        </Button>
        <Button
          icon={<CopyOutlined aria-hidden />}
          disabled={!doc}
          onClick={() => doc && void copyText(doc.text, 'Đã sao chép nội dung văn bản.')}
        >
          Sao chép
        </Button>
        <SaveButton doc={doc} />
      </Flex>
      <ErrorAlert error={error ?? word.error} style={{ marginBottom: 12 }} />
      {doc ? (
        <>
          <Alert
            type={doc.units ? 'info' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              doc.units
                ? doc.returned
                  ? `Văn bản gửi ${formatNumber(doc.units)} đơn vị: ${formatNumber(doc.units - doc.returned)} đơn vị chưa nộp, ${formatNumber(doc.returned)} đơn vị cần gửi lại báo cáo.`
                  : `Văn bản gửi ${formatNumber(doc.units)} đơn vị chưa nộp báo cáo.`
                : 'Tất cả đơn vị đã nộp báo cáo; không cần đôn đốc.'
            }
          />
          {doc.units ? <SendBeside doc={doc} copyText={copyText} /> : null}
          <iframe className="print-frame" title={`Văn bản: ${doc.title}`} sandbox="" srcDoc={doc.html} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          Văn bản đôn đốc các đơn vị chưa nộp báo cáo và các đơn vị cần gửi lại, ghi sẵn danh sách đơn vị theo loại và
          hạn nộp.
        </Typography.Paragraph>
      )}
    </>
  );
}

/** addresses a page (a national reminder goes to thousands of units) */
const EMAIL_PAGE = 50;

/** Beside the letter: the units' e-mail addresses (each a mail link, all copied at once) and the Zalo message. */
function SendBeside({
  doc,
  copyText,
}: {
  doc: Output<'reports.reminder'>;
  copyText: (text: string, done: string) => Promise<void>;
}) {
  const all = useMemo(() => doc.emails.map((e) => e.email).join('; '), [doc.emails]);
  const [chosen, setPage] = useState(1);
  // a new letter may have fewer pages than the one before
  const page = Math.min(chosen, Math.max(1, Math.ceil(doc.emails.length / EMAIL_PAGE)));
  const pageOf = doc.emails.slice((page - 1) * EMAIL_PAGE, page * EMAIL_PAGE);
  return (
    <Card size="small" title="Gửi kèm qua thư điện tử, Zalo" style={{ marginBottom: 12 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {doc.emails.length ? (
          <>
            <Space wrap>
              <Button
                icon={<MailOutlined aria-hidden />}
                onClick={() =>
                  void copyText(all, `Đã sao chép ${formatNumber(doc.emails.length)} địa chỉ thư điện tử.`)
                }
              >
                Sao chép tất cả địa chỉ thư điện tử
              </Button>
              <Typography.Text type="secondary">
                {formatNumber(doc.emails.length)} đơn vị có địa chỉ
                {doc.units > doc.emails.length
                  ? `; ${formatNumber(doc.units - doc.emails.length)} đơn vị chưa có (bổ sung ở Đơn vị)`
                  : ''}
              </Typography.Text>
            </Space>
            <ul
              aria-label="Địa chỉ thư điện tử của các đơn vị"
              style={{ margin: 0, paddingLeft: 20, maxHeight: 220, overflowY: 'auto' }}
              tabIndex={0}
            >
              {pageOf.map((e) => (
                <li key={e.unit}>
                  {e.name}:{' '}
                  <a
                    href={`mailto:${encodeURIComponent(e.email).replace(/%40/g, '@')}`}
                    style={{ textDecoration: 'underline' }}
                  >
                    {e.email}
                  </a>
                </li>
              ))}
            </ul>
            <Pagination
              size="small"
              align="center"
              current={page}
              pageSize={EMAIL_PAGE}
              total={doc.emails.length}
              onChange={setPage}
              showSizeChanger={false}
              hideOnSinglePage
            />
          </>
        ) : (
          <Typography.Text type="secondary">Các đơn vị được đôn đốc chưa có địa chỉ thư điện tử.</Typography.Text>
        )}
        <Typography.Text strong>Tin nhắn ngắn (dán vào Zalo):</Typography.Text>
        <Input.TextArea
          aria-label="Tin nhắn ngắn gửi Zalo"
          readOnly
          autoSize={{ minRows: 3, maxRows: 8 }}
          value={doc.message}
        />
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copyText(doc.message, 'Đã sao chép tin nhắn.')}>
          Sao chép tin nhắn
        </Button>
      </Space>
    </Card>
  );
}
