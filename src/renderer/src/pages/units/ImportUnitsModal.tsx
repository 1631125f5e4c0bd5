/** Importing the register from the Excel list in use: a preview first, written only on "Xác nhận nhập". */
import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { FilePayload, UnitImportResult } from '../../../../shared/contract';
import { formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useOpMutation } from '../../api/client';
import { FilePicker } from '../../components/FilePicker';
import { ErrorAlert } from '../../components/FormModal';
import { useTask } from '../../components/useTask';
import { fileToPayload } from '../../components/util';
import { UnitImportRows } from './UnitImportRows';

const counts = (r: UnitImportResult) =>
  `${formatNumber(r.imported)} thêm mới, ${formatNumber(r.updated)} cập nhật, ${formatNumber(r.unchanged)} không đổi, ${formatNumber(r.errors.length)} dòng lỗi`;

export function ImportUnitsModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<FilePayload | null>(null);
  const [preview, setPreview] = useState<UnitImportResult | null>(null);
  const [done, setDone] = useState<UnitImportResult | null>(null);
  const reading = useTask();
  const commit = useOpMutation('units.import');

  const pick = (files: File[]) => {
    const f = files[0];
    if (!f) return;
    setPreview(null);
    setDone(null);
    void reading.run(async () => {
      const payload = await fileToPayload(f);
      setFile(payload);
      setPreview(await call('units.import', { file: payload, dryRun: true }));
    });
  };

  const confirm = () => {
    if (!file) return;
    commit.mutate(
      { file, dryRun: false },
      {
        onSuccess: (r) => {
          setDone(r);
          void message.success(
            `Đã nhập danh sách: ${formatNumber(r.imported)} đơn vị mới, ${formatNumber(r.updated)} đơn vị cập nhật.`,
          );
        },
        onError: (e) => reading.setError(errorMessage(e)),
      },
    );
  };

  const shown = done ?? preview;
  const canCommit = !!preview && !done && preview.imported + preview.updated > 0;

  return (
    <Modal
      open
      title="Nhập danh sách đơn vị từ Excel"
      onCancel={onClose}
      width={1000}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            Đóng
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>Hủy</Button>
            <Button type="primary" disabled={!canCommit} loading={commit.isPending} onClick={confirm}>
              Xác nhận nhập
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph>
        Chọn tệp Excel (.xlsx) có các cột: mã, tên đơn vị, loại, người liên hệ, điện thoại, thư điện tử. Ứng dụng sẽ cho
        xem trước; chỉ khi bạn bấm <strong>Xác nhận nhập</strong> thì dữ liệu mới được ghi. Đơn vị trùng mã sẽ được cập
        nhật, không tạo bản trùng.
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <FilePicker
          label={file ? 'Chọn tệp khác' : 'Chọn tệp Excel'}
          accept=".xlsx,.xls"
          icon={<FileExcelOutlined aria-hidden />}
          type={file ? 'default' : 'primary'}
          onFiles={pick}
          testId="unit-import-input"
          disabled={reading.busy || commit.isPending}
        />
        {file ? <Typography.Text>{file.name}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={reading.error} style={{ marginBottom: 12 }} />
      {reading.busy ? <Alert type="info" showIcon title="Đang đọc tệp…" /> : null}
      {shown ? (
        <>
          <Alert
            type={done ? 'success' : shown.errors.length ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={done ? `Đã nhập xong: ${counts(done)} (không nhập).` : `Xem trước: ${counts(shown)} (sẽ bỏ qua).`}
          />
          <UnitImportRows result={shown} />
        </>
      ) : null}
    </Modal>
  );
}
