/**
 * Mẫu biểu của tỉnh (issue 17): the forms the app did not generate — the province's own Excel forms, last years'
 * files, the ministry's appendix — described once (a layout) and saved. A blank or filled copy is read by
 * `layouts.suggest`, reviewed beside the form as it looks, saved under a name; listed here, deleted with a confirmation.
 */
import { DeleteOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { FilePayload } from '../../../../shared/contract';
import type { LayoutPurpose, LayoutSuggestion, LayoutSummary } from '../../../../shared/contract/layouts';
import { compareVi, formatDate, formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../../api/client';
import { ErrorBox, Loading, PAGE_OF_20, PageHeader } from '../../components/common';
import { isWorkbook } from '../../components/dropFiles';
import { FilePicker } from '../../components/FilePicker';
import { ErrorAlert } from '../../components/FormModal';
import { useTask } from '../../components/useTask';
import { fileToPayload } from '../../components/util';
import { useCatalog } from '../../state/catalog';
import { LayoutReview } from './LayoutReview';
import { PURPOSE_LABEL } from './review';

export const LAYOUTS_TITLE = 'Mẫu biểu của tỉnh';

interface Draft {
  file: FilePayload;
  purpose: LayoutPurpose;
  suggestion: LayoutSuggestion;
}

export function LayoutsPage() {
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const catalog = useCatalog();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader
        title={LAYOUTS_TITLE}
        sub="Mẫu biểu Excel không do ứng dụng tạo (mẫu tỉnh đang dùng, tệp các năm trước, phụ lục của Bộ): ghép một lần, dùng để nhập báo cáo hoặc điền phụ lục."
        extra={
          !adding && !draft ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              Thêm mẫu biểu
            </Button>
          ) : null
        }
      />
      {draft && catalog.data ? (
        <LayoutReview
          key={draft.file.name}
          suggestion={draft.suggestion}
          fileName={draft.file.name}
          purpose={draft.purpose}
          catalog={catalog.data}
          onCancel={() => setDraft(null)}
          onSaved={(_, name) => {
            setDraft(null);
            void message.success(`Đã lưu mẫu biểu “${name}”.`);
          }}
        />
      ) : adding ? (
        <AddLayout
          onCancel={() => setAdding(false)}
          onSuggested={(d) => {
            setAdding(false);
            setDraft(d);
          }}
        />
      ) : (
        <LayoutList />
      )}
    </>
  );
}

/** Choose what the form is for and the file; `layouts.suggest` reads it. */
function AddLayout({ onSuggested, onCancel }: { onSuggested: (d: Draft) => void; onCancel: () => void }) {
  const [purpose, setPurpose] = useState<LayoutPurpose>('import');
  const [over, setOver] = useState(false);
  const task = useTask();
  const read = (files: File[]) => {
    const f = files[0];
    if (!f) return;
    if (!isWorkbook(f.name)) {
      task.setError(`Tệp “${f.name}” không phải tệp Excel (.xlsx, .xls): hãy chọn tệp mẫu biểu Excel.`);
      return;
    }
    void task.run(async () => {
      const file = await fileToPayload(f);
      const suggestion = await call('layouts.suggest', { file, purpose });
      onSuggested({ file, purpose, suggestion });
    });
  };
  return (
    <Card title="Thêm mẫu biểu">
      <Flex vertical gap={16}>
        <div>
          <Typography.Text id="layout-purpose-label" strong>
            Mẫu biểu này dùng để
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Radio.Group
              aria-labelledby="layout-purpose-label"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as LayoutPurpose)}
              options={[
                { value: 'import', label: 'Nhập báo cáo (mẫu đơn vị gửi về, tệp các năm trước)' },
                { value: 'appendix', label: 'Phụ lục của Bộ (điền số liệu của tỉnh vào mẫu trắng)' },
              ]}
            />
          </div>
        </div>
        <div
          role="group"
          aria-label="Vùng thả tệp mẫu biểu"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            read(Array.from(e.dataTransfer.files));
          }}
          style={{
            border: `2px dashed ${over ? '#1f5fbf' : '#c5cdd8'}`,
            background: over ? '#eef4ff' : '#fafbfc',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
          }}
        >
          <Typography.Paragraph>
            Kéo thả vào đây một bản trắng hoặc một bản đã điền của mẫu biểu, hoặc
          </Typography.Paragraph>
          <FilePicker
            label="Chọn tệp mẫu biểu"
            accept=".xlsx,.xlsm,.xls"
            icon={<FileExcelOutlined aria-hidden />}
            type="primary"
            onFiles={read}
            testId="layout-file-input"
            disabled={task.busy}
          />
        </div>
        {task.busy ? <Alert type="info" showIcon title="Đang đọc mẫu biểu và ghép với danh mục chỉ tiêu…" /> : null}
        <ErrorAlert error={task.error} />
        <div>
          <Button onClick={onCancel}>Hủy</Button>
        </div>
      </Flex>
    </Card>
  );
}

function LayoutList() {
  const q = useOp('layouts.list', {});
  const del = useOpMutation('layouts.delete');
  const { modal, message } = App.useApp();
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const layouts = [...q.data.layouts].sort((a, b) => compareVi(a.name, b.name));
  const remove = (l: LayoutSummary) =>
    modal.confirm({
      title: `Xóa mẫu biểu “${l.name}”?`,
      content: 'Các báo cáo đã nhập theo mẫu này vẫn giữ nguyên; chỉ không dùng mẫu này để đọc tệp mới được nữa.',
      okText: 'Xóa',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () =>
        del
          .mutateAsync({ id: l.id })
          .then(() => void message.success(`Đã xóa mẫu biểu “${l.name}”.`))
          .catch((e: unknown) => void message.error(errorMessage(e))),
    });
  return (
    <Table<LayoutSummary>
      rowKey="id"
      size="small"
      dataSource={layouts}
      pagination={PAGE_OF_20}
      locale={{ emptyText: 'Chưa có mẫu biểu nào. Bấm “Thêm mẫu biểu” và chọn một tệp mẫu để ghép.' }}
      columns={[
        { title: 'Tên mẫu biểu', dataIndex: 'name' },
        {
          title: 'Dùng để',
          dataIndex: 'purpose',
          width: 160,
          render: (p: LayoutPurpose) => <Tag color={p === 'import' ? 'blue' : 'purple'}>{PURPOSE_LABEL[p]}</Tag>,
        },
        {
          title: 'Số dòng đã ghép',
          dataIndex: 'rows',
          width: 140,
          align: 'right',
          render: (n: number) => formatNumber(n),
        },
        { title: 'Ngày tạo', dataIndex: 'createdAt', width: 120, render: (d: string) => formatDate(d) },
        { title: 'Cập nhật', dataIndex: 'updatedAt', width: 120, render: (d: string) => formatDate(d) },
        {
          title: 'Thao tác',
          width: 100,
          render: (_: unknown, l) => (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={`Xóa mẫu biểu ${l.name}`}
              onClick={() => remove(l)}
            >
              Xóa
            </Button>
          ),
        },
      ]}
    />
  );
}
