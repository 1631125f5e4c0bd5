/**
 * Importing the register from the Excel list in use: a preview first (how the columns were read, with a
 * drop-down per column when one is not recognised; generated codes and guessed kinds she can correct; each
 * change to an existing unit, before → after, with a tick), written only on "Xác nhận nhập" with her choices.
 */
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { FilePayload, UnitColumnRole, UnitImportDecisions, UnitImportResult } from '../../../../shared/contract';
import type { UnitKind } from '../../../../shared/domain/catalog';
import { formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useOpMutation } from '../../api/client';
import { hostErrorMessage, saveFiles } from '../../api/host';
import { FilePicker } from '../../components/FilePicker';
import { ErrorAlert } from '../../components/FormModal';
import { useTask } from '../../components/useTask';
import { fileToPayload } from '../../components/util';
import { ColumnMapping } from './ColumnMapping';
import { UnitImportRows, type RowChoices } from './UnitImportRows';

const counts = (r: UnitImportResult) =>
  `${formatNumber(r.imported)} thêm mới, ${formatNumber(r.updated)} cập nhật, ${formatNumber(r.unchanged)} không đổi, ${formatNumber(r.errors.length)} dòng lỗi`;

const NO_CHOICES: RowChoices = { skipRows: new Set(), skipChanges: new Set(), codes: new Map(), kinds: new Map() };

function decisionsOf(c: RowChoices): UnitImportDecisions {
  return {
    skipRows: [...c.skipRows],
    skipChanges: [...c.skipChanges].map((k) => {
      const [row, field] = k.split(':');
      return { row: Number(row), field: field! };
    }),
    codes: [...c.codes].map(([row, code]) => ({ row, code })),
    kinds: [...c.kinds].map(([row, kind]) => ({ row, kind })),
  };
}

export function ImportUnitsModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<FilePayload | null>(null);
  const [preview, setPreview] = useState<UnitImportResult | null>(null);
  const [done, setDone] = useState<UnitImportResult | null>(null);
  const [columns, setColumns] = useState<Record<string, UnitColumnRole> | null>(null);
  const [choices, setChoices] = useState<RowChoices>(NO_CHOICES);
  const reading = useTask();
  const commit = useOpMutation('units.import');

  const read = (payload: FilePayload, cols: Record<string, UnitColumnRole> | null, c: RowChoices) =>
    reading.run(async () => {
      setPreview(
        await call('units.import', {
          file: payload,
          dryRun: true,
          ...(cols ? { columns: cols } : {}),
          decisions: decisionsOf(c),
        }),
      );
    });

  const pick = (files: File[]) => {
    const f = files[0];
    if (!f) return;
    setPreview(null);
    setDone(null);
    setColumns(null);
    setChoices(NO_CHOICES);
    void reading.run(async () => {
      const payload = await fileToPayload(f);
      setFile(payload);
      setPreview(await call('units.import', { file: payload, dryRun: true }));
    });
  };

  const remap = (cols: Record<string, UnitColumnRole>) => {
    if (!file) return;
    setColumns(cols);
    setChoices(NO_CHOICES);
    void read(file, cols, NO_CHOICES);
  };

  /** kinds and codes change what the preview computes (codes, errors): read again; ticks do not */
  const choose = (c: RowChoices, reread: boolean) => {
    setChoices(c);
    if (reread && file) void read(file, columns, c);
  };

  const confirm = () => {
    if (!file) return;
    commit.mutate(
      { file, dryRun: false, ...(columns ? { columns } : {}), decisions: decisionsOf(choices) },
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

  const sample = async () => {
    try {
      const f = await call('units.sampleXlsx', {});
      await saveFiles([f]);
    } catch (e) {
      void message.error(hostErrorMessage(e));
    }
  };

  const shown = done ?? preview;
  const canCommit =
    !!preview && !done && !preview.needsMapping && preview.imported + preview.updated + preview.links.length > 0;

  return (
    <Modal
      open
      title="Nhập danh sách đơn vị từ Excel"
      onCancel={onClose}
      width={1100}
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
        Chọn tệp Excel (.xlsx, .xls) đang dùng: dòng tiêu đề có thể nằm dưới phần đầu trang; chỉ cần cột{' '}
        <strong>Tên đơn vị</strong> (không có mã thì ứng dụng tự tạo, không có loại thì đoán theo tên). Ứng dụng cho xem
        trước; chỉ khi bấm <strong>Xác nhận nhập</strong> dữ liệu mới được ghi. Ô để trống trong tệp không xóa thông tin
        đã có.
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
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
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void sample()}>
          Tải danh sách mẫu
        </Button>
      </Space>
      <ErrorAlert error={reading.error} style={{ marginBottom: 12 }} />
      {reading.busy ? <Alert type="info" showIcon title="Đang đọc tệp…" style={{ marginBottom: 12 }} /> : null}
      {shown ? (
        <>
          {shown.needsMapping ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={shown.errors[0]?.message ?? 'Chưa nhận ra cột cần thiết.'}
              description="Chọn ở bảng dưới cột nào là gì, rồi bấm “Đọc lại theo cách chọn này”."
            />
          ) : (
            <Alert
              type={done ? 'success' : shown.errors.length ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={done ? `Đã nhập xong: ${counts(done)} (không nhập).` : `Xem trước: ${counts(shown)} (sẽ bỏ qua).`}
              description={
                shown.notices.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {shown.notices.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
          {!done ? (
            <Collapse
              style={{ marginBottom: 12 }}
              defaultActiveKey={shown.needsMapping ? ['cols'] : []}
              key={shown.needsMapping ? 'open' : 'closed'}
              items={[
                {
                  key: 'cols',
                  label: `Cột trong tệp (dòng tiêu đề ${shown.headerRow}, ${shown.columns.length} cột)`,
                  children: <ColumnMapping result={shown} onApply={remap} busy={reading.busy} />,
                },
              ]}
            />
          ) : null}
          {!shown.needsMapping ? (
            <UnitImportRows
              result={shown}
              choices={choices}
              onChange={done ? undefined : choose}
              onKind={(row: number, kind: UnitKind) => {
                const kinds = new Map(choices.kinds).set(row, kind);
                choose({ ...choices, kinds }, true);
              }}
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
