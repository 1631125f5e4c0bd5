/**
 * "Phiếu phản hồi": the short letter to the unit of a refused file, listing what to fix. Shown as the print view
 * (sandboxed frame, printed through the page like the other documents), downloadable as .docx, and as a plain
 * message to copy into Zalo or an e-mail.
 */
import { CopyOutlined, DownloadOutlined, MailOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useRef } from 'react';
import type { InboxEntry } from '../../../../shared/contract/inbox';
import { call, useOp } from '../../api/client';
import { hostErrorMessage, printFrame, saveFiles } from '../../api/host';
import { ErrorBox, Loading } from '../../components/common';

export function mailLink(email: string, subject: string, body: string): string {
  return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function FeedbackModal({ entry, onClose }: { entry: InboxEntry; onClose: () => void }) {
  const { message } = App.useApp();
  const frame = useRef<HTMLIFrameElement>(null);
  const q = useOp('inbox.feedback', { id: entry.id, format: 'html' }, { staleTime: 0 });
  const html = q.data ? new TextDecoder().decode(q.data.bytes) : '';
  const subject = `Phiếu phản hồi báo cáo${entry.unitName ? ` của ${entry.unitName}` : ''}`;

  const docx = async () => {
    try {
      const f = await call('inbox.feedback', { id: entry.id, format: 'docx' });
      const folder = await saveFiles([{ name: f.name, bytes: f.bytes }]);
      if (folder) void message.success(`Đã lưu phiếu phản hồi vào ${folder}.`);
    } catch (e) {
      void message.error(hostErrorMessage(e));
    }
  };
  const print = () => {
    try {
      printFrame(frame.current);
    } catch {
      void message.error('Không mở được hộp thoại in. Hãy dùng “Tải .docx” rồi in từ Word.');
    }
  };
  const copy = async () => {
    if (!q.data) return;
    try {
      await navigator.clipboard.writeText(q.data.message);
      void message.success('Đã sao chép nội dung; dán vào Zalo hoặc thư điện tử.');
    } catch {
      void message.warning('Không sao chép tự động được; hãy chọn nội dung trong ô bên dưới rồi bấm Ctrl+C.');
    }
  };

  return (
    <Modal
      open
      width={900}
      title={subject}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          Đóng
        </Button>
      }
    >
      {q.isLoading ? <Loading label="Đang soạn phiếu phản hồi…" /> : null}
      {q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={print}>
              In phiếu
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void docx()}>
              Tải .docx
            </Button>
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
              Sao chép nội dung
            </Button>
            {q.data.email ? (
              <Button icon={<MailOutlined aria-hidden />} href={mailLink(q.data.email, subject, q.data.message)}>
                Gửi thư cho {q.data.email}
              </Button>
            ) : (
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                Đơn vị chưa có địa chỉ thư điện tử (thêm ở màn hình Đơn vị).
              </Typography.Text>
            )}
          </Flex>
          <iframe
            ref={frame}
            className="print-frame"
            title="Phiếu phản hồi (bản in)"
            sandbox="allow-same-origin allow-modals"
            srcDoc={html}
            style={{ width: '100%', height: 420, border: '1px solid #d9d9d9' }}
          />
          <label htmlFor="feedback-message" style={{ display: 'block', margin: '12px 0 4px' }}>
            Nội dung gửi qua Zalo / thư điện tử
          </label>
          <Input.TextArea
            id="feedback-message"
            readOnly
            value={q.data.message}
            autoSize={{ minRows: 3, maxRows: 10 }}
          />
        </>
      ) : null}
    </Modal>
  );
}
