/** Where files arrive: dropped (folders walked) or chosen, files or a whole folder. */
import { FileExcelOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useState } from 'react';
import { filesFromDrop } from '../../components/dropFiles';
import { FilePicker } from '../../components/FilePicker';

export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const [dragOver, setDragOver] = useState(false);
  return (
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
        void filesFromDrop(dt).then(onFiles);
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
          onFiles={onFiles}
          testId="import-files-input"
          disabled={disabled}
        />
        <FilePicker
          label="Chọn thư mục"
          icon={<FolderOpenOutlined aria-hidden />}
          directory
          onFiles={onFiles}
          testId="import-folder-input"
          disabled={disabled}
        />
      </Space>
    </div>
  );
}
