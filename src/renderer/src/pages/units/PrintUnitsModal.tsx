/** The unit list to print (A4, NĐ 30 header): shown in a sandboxed frame, printed from it or saved as .html. */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space } from 'antd';
import { useRef } from 'react';
import { hostErrorMessage, printFrame, saveHtml } from '../../api/host';
import { useOp } from '../../api/client';
import { ErrorBox, Loading } from '../../components/common';

export function PrintUnitsModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const doc = useOp('units.printHtml', {});
  const frame = useRef<HTMLIFrameElement>(null);
  const print = () => {
    try {
      printFrame(frame.current);
    } catch {
      void message.error('Không mở được hộp thoại in. Hãy dùng “Tải về (.html)” rồi in từ trình duyệt.');
    }
  };
  return (
    <Modal
      open
      title="In danh sách đơn vị"
      onCancel={onClose}
      width={960}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>Đóng</Button>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            disabled={!doc.data}
            onClick={() => doc.data && saveHtml(doc.data).catch((e: unknown) => message.error(hostErrorMessage(e)))}
          >
            Tải về (.html)
          </Button>
          <Button type="primary" icon={<PrinterOutlined aria-hidden />} disabled={!doc.data} onClick={print}>
            In
          </Button>
        </Space>
      }
    >
      {doc.isLoading ? <Loading /> : null}
      {doc.error ? <ErrorBox error={doc.error} onRetry={() => void doc.refetch()} /> : null}
      {doc.data ? (
        <iframe
          ref={frame}
          className="print-frame"
          title={`Bản in: ${doc.data.title}`}
          sandbox="allow-same-origin allow-modals"
          srcDoc={doc.data.html}
          style={{ width: '100%', height: '65vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : null}
    </Modal>
  );
}
