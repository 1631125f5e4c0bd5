/**
 * "Vẫn nhập…": the officer confirms a new revision that leaves blank the cells the current revision has figures
 * for (a BLANKING refusal). Lists those cells and their previous values, says what happens, then imports the file
 * again with `allowBlanking`.
 */
import { Alert, App, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { errorMessage } from '../../api/client';
import { CELL_LABEL } from '../../labels';
import type { ResultRow } from './ImportResults';

type Blanked = NonNullable<ImportResult['blanked']>[number];

const COLUMNS: TableColumnsType<Blanked> = [
  {
    title: 'Chỉ tiêu',
    dataIndex: 'name',
    render: (v: string, b) => (
      <>
        {v}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          ({b.element})
        </Typography.Text>
      </>
    ),
  },
  { title: 'Ô', dataIndex: 'cell', width: 90, render: (c: Blanked['cell']) => CELL_LABEL[c] },
  { title: 'Số liệu lần trước', dataIndex: 'previous', width: 150, align: 'right' },
];

export function BlankingConfirm({
  row,
  onImport,
  onClose,
}: {
  row: ResultRow;
  /** imports the row's file again with allowBlanking; resolves with the new result */
  onImport: (key: string) => Promise<ImportResult>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const blanked = row.blanked ?? [];
  const unit = row.unitName ?? row.unit ?? 'đơn vị';

  const confirm = async () => {
    setBusy(true);
    try {
      const r = await onImport(row.key);
      if (r.status === 'accepted')
        void message.success(
          `Đã nhập tệp ${row.file}${r.revision ? ` thành lần gửi thứ ${formatNumber(r.revision)}` : ''}.`,
        );
      else void message.warning(`Tệp ${row.file} vẫn chưa được nhập: xem thông báo ở dòng của tệp.`);
      onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="Vẫn nhập tệp này?"
      width={760}
      okText="Vẫn nhập"
      cancelText="Hủy"
      confirmLoading={busy}
      cancelButtonProps={{ disabled: busy }}
      closable={!busy}
      mask={{ closable: !busy }}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        Tệp <strong style={{ wordBreak: 'break-all' }}>{row.file}</strong> của {unit} để trống{' '}
        <strong>{formatNumber(blanked.length)} ô</strong> mà lần gửi trước có số liệu:
      </Typography.Paragraph>
      <Table<Blanked>
        size="small"
        rowKey={(b) => `${b.element}|${b.cell}`}
        dataSource={blanked}
        columns={COLUMNS}
        pagination={false}
        scroll={blanked.length > 8 ? { y: 300 } : undefined}
        aria-label="Các ô sẽ để trống"
      />
      <Alert
        type="warning"
        showIcon
        style={{ marginTop: 12 }}
        title="Các ô này sẽ để trống trong bản mới; số liệu cũ vẫn xem được ở lần gửi trước."
        description="Chỉ vẫn nhập khi đơn vị xác nhận bỏ các số liệu này. Nếu đơn vị quên điền, hãy bấm Hủy và đề nghị đơn vị điền đủ rồi gửi lại."
      />
    </Modal>
  );
}
