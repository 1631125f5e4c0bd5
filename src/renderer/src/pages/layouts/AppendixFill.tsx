/**
 * Điền phụ lục của Bộ: the ministry's blank appendix filled with the period's figures by a saved appendix layout
 * (`reports.fillAppendix`): a copy of THAT workbook, its formatting kept, unmapped cells untouched; downloaded.
 */
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { FilePayload } from '../../../../shared/contract';
import { compareVi, formatNumber } from '../../../../shared/text/vi';
import { call, useOp } from '../../api/client';
import { hostErrorMessage, saveFiles } from '../../api/host';
import { FilePicker } from '../../components/FilePicker';
import { ErrorAlert } from '../../components/FormModal';
import { useTask } from '../../components/useTask';
import { fileToPayload } from '../../components/util';

export function AppendixFill({ periodId }: { periodId: number }) {
  const { message } = App.useApp();
  const q = useOp('layouts.list', {});
  const layouts = (q.data?.layouts ?? [])
    .filter((l) => l.purpose === 'appendix')
    .sort((a, b) => compareVi(a.name, b.name));
  const [layoutId, setLayoutId] = useState<number | null>(null);
  const [blank, setBlank] = useState<FilePayload | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const task = useTask(hostErrorMessage);
  const chosen = layouts.find((l) => l.id === layoutId)?.id ?? layouts[0]?.id ?? null;

  const fill = () =>
    task.run(async () => {
      if (!chosen || !blank) return;
      const r = await call('reports.fillAppendix', { periodId, layoutId: chosen, file: blank });
      const folder = await saveFiles([{ name: r.name, bytes: r.bytes }]);
      const text = `Đã điền ${formatNumber(r.filled)} ô${r.empty ? `; ${formatNumber(r.empty)} dòng chưa có số liệu trong kỳ, để nguyên như bản trắng` : ''}.`;
      setDone(text);
      void message.success(folder ? `Đã lưu ${r.name} vào ${folder}.` : `Đã tạo tệp ${r.name}.`);
    });

  if (q.isSuccess && !layouts.length)
    return (
      <Alert
        type="info"
        showIcon
        title="Chưa có mẫu phụ lục của Bộ nào."
        description={
          <>
            Vào <Link to="/mau-bieu">Mẫu biểu của tỉnh</Link>, bấm “Thêm mẫu biểu”, chọn “Phụ lục của Bộ” và tệp phụ lục
            trắng Bộ gửi để ghép một lần; sau đó điền phụ lục ở đây.
          </>
        }
      />
    );
  return (
    <>
      <Typography.Paragraph>
        Điền số liệu của tỉnh trong kỳ này vào chính tệp phụ lục trắng Bộ gửi: giữ nguyên định dạng, ô gộp, phông chữ,
        công thức; ô không ghép để nguyên.
      </Typography.Paragraph>
      <Flex gap={16} wrap align="end">
        <Flex vertical gap={4}>
          <label htmlFor="appendix-layout">Mẫu phụ lục đã ghép</label>
          <Select
            id="appendix-layout"
            style={{ width: 320 }}
            loading={q.isLoading}
            value={chosen ?? undefined}
            onChange={setLayoutId}
            options={layouts.map((l) => ({ value: l.id, label: l.name }))}
          />
        </Flex>
        <Flex vertical gap={4}>
          <span>Tệp phụ lục trắng của Bộ</span>
          <Flex gap={8} align="center">
            <FilePicker
              label={blank ? 'Chọn tệp khác' : 'Chọn tệp phụ lục trắng'}
              accept=".xlsx,.xlsm"
              icon={<FileExcelOutlined aria-hidden />}
              testId="appendix-blank-input"
              onFiles={(files) => {
                const f = files[0];
                if (!f) return;
                setDone(null);
                void fileToPayload(f).then(setBlank);
              }}
            />
            {blank ? <Typography.Text>{blank.name}</Typography.Text> : null}
          </Flex>
        </Flex>
        <Button
          type="primary"
          icon={<DownloadOutlined aria-hidden />}
          disabled={!chosen || !blank}
          loading={task.busy}
          onClick={() => void fill()}
        >
          Điền phụ lục và tải về
        </Button>
      </Flex>
      {done ? <Alert type="success" showIcon style={{ marginTop: 12 }} title={done} /> : null}
      <ErrorAlert error={task.error} style={{ marginTop: 12 }} />
    </>
  );
}
