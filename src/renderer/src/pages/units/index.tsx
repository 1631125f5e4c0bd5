/** Đơn vị: the register of member units (search without diacritics, filter by kind, add/edit, merge, import). */
import {
  ApartmentOutlined,
  ExportOutlined,
  FileExcelOutlined,
  PlusOutlined,
  PrinterOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { App, Button, Checkbox, Empty, Flex, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { UnitKind } from '../../../../shared/domain/catalog';
import type { Unit } from '../../../../shared/domain/records';
import { formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../../api/client';
import { hostErrorMessage, saveFiles } from '../../api/host';
import { ErrorBox, PageHeader } from '../../components/common';
import { useUnitSearch } from '../../components/useUnitSearch';
import { UNIT_KIND_OPTIONS } from '../../labels';
import { ImportUnitsModal } from './ImportUnitsModal';
import { LinkModal } from './LinkModal';
import { PrintUnitsModal } from './PrintUnitsModal';
import { UnitModal } from './UnitModal';
import { UnitsTable } from './UnitsTable';

/** what the register's search looks in: code, name, contact, position, e-mail, phone, address, note */
const unitText = (u: Unit): string =>
  [u.code, u.name, u.contact, u.position, u.email, u.phone, u.address, u.note].filter(Boolean).join(' ');

export function UnitsPage() {
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<UnitKind | 'all'>('all');
  const [activeOnly, setActiveOnly] = useState(false);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [printOpen, setPrintOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const list = useOp('units.list', {});
  const setActive = useOpMutation('units.setActive');

  const units = useMemo(() => list.data ?? [], [list.data]);
  const matching = useUnitSearch(units, unitText, q);
  const rows = useMemo(
    () => matching.filter((u) => (kind === 'all' || u.kind === kind) && (!activeOnly || u.active)),
    [matching, kind, activeOnly],
  );

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const folder = await saveFiles([await call('units.exportXlsx', {})]);
      if (folder) void message.success(`Đã lưu danh sách đơn vị vào ${folder}.`);
    } catch (e) {
      void message.error(hostErrorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const toggleActive = (u: Unit) => {
    if (!u.active && u.state === 'ended') {
      modal.confirm({
        title: `Kích hoạt lại “${u.name}”?`,
        content:
          'Đơn vị đã hết hiệu lực. Kích hoạt lại sẽ xóa ngày hết hiệu lực, đơn vị lại phải báo cáo ở các kỳ mới. Chỉ làm khi đã ghi nhầm việc sáp nhập, giải thể.',
        okText: 'Kích hoạt lại',
        cancelText: 'Hủy',
        onOk: () =>
          setActive
            .mutateAsync({ id: u.id, active: true })
            .then(() => void message.success('Đã kích hoạt lại đơn vị.'))
            .catch((e: unknown) => void message.error(errorMessage(e))),
      });
      return;
    }
    if (u.active) {
      modal.confirm({
        title: `Ngừng theo dõi “${u.name}”?`,
        content:
          'Đơn vị sẽ không còn trong danh sách phải báo cáo của các kỳ mới. Dữ liệu cũ vẫn được giữ. Có thể kích hoạt lại bất cứ lúc nào.',
        okText: 'Ngừng theo dõi',
        cancelText: 'Hủy',
        okButtonProps: { danger: true },
        onOk: () =>
          setActive
            .mutateAsync({ id: u.id, active: false })
            .then(() => void message.success('Đã ngừng theo dõi đơn vị.'))
            .catch((e: unknown) => void message.error(errorMessage(e))),
      });
    } else {
      setActive.mutate(
        { id: u.id, active: true },
        {
          onSuccess: () => void message.success('Đã kích hoạt lại đơn vị.'),
          onError: (e) => void message.error(errorMessage(e)),
        },
      );
    }
  };

  const isEmpty = !list.isLoading && !list.error && units.length === 0;
  const importButton = (type?: 'primary') => (
    <Button type={type} icon={<FileExcelOutlined aria-hidden />} onClick={() => setImportOpen(true)}>
      Nhập danh sách từ Excel
    </Button>
  );
  const addButton = (type?: 'primary') => (
    <Button type={type} icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
      Thêm đơn vị
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Đơn vị"
        sub="Danh sách đơn vị thành viên phải gửi báo cáo: sở, ban, ngành, đoàn thể, UBND xã, phường, đặc khu."
        extra={
          <>
            {importButton()}
            <Button
              icon={<ExportOutlined aria-hidden />}
              onClick={() => void exportXlsx()}
              loading={exporting}
              disabled={units.length === 0}
            >
              Xuất Excel
            </Button>
            <Button
              icon={<PrinterOutlined aria-hidden />}
              onClick={() => setPrintOpen(true)}
              disabled={units.length === 0}
            >
              In danh sách
            </Button>
            <Button
              icon={<ApartmentOutlined aria-hidden />}
              onClick={() => setLinkOpen(true)}
              disabled={units.length < 2}
            >
              Sáp nhập, chia tách
            </Button>
            {addButton('primary')}
          </>
        }
      />
      {list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : null}
      {isEmpty ? (
        <Empty
          style={{ padding: 48, background: '#fff', borderRadius: 8 }}
          description={
            <>
              <Typography.Text strong>Chưa có đơn vị nào.</Typography.Text>
              <br />
              Hãy nhập danh sách đơn vị từ tệp Excel đang dùng, hoặc thêm từng đơn vị.
            </>
          }
        >
          <Space>
            {importButton('primary')}
            {addButton()}
          </Space>
        </Empty>
      ) : (
        <>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <Input
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder="Tìm theo tên, mã, người đầu mối, ghi chú"
              title="Gõ không dấu cũng được: “ha noi” tìm ra “Hà Nội”."
              aria-label="Tìm đơn vị"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 340 }}
            />
            <Select
              aria-label="Lọc theo loại đơn vị"
              value={kind}
              onChange={setKind}
              style={{ width: 240 }}
              options={[{ value: 'all', label: 'Tất cả loại đơn vị' }, ...UNIT_KIND_OPTIONS]}
            />
            <Checkbox checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)}>
              Chỉ đơn vị đang hoạt động
            </Checkbox>
            <Typography.Text type="secondary" aria-live="polite">
              {formatNumber(rows.length)} / {formatNumber(units.length)} đơn vị
            </Typography.Text>
          </Flex>
          <UnitsTable
            rows={rows}
            units={units}
            loading={list.isLoading}
            onEdit={setEditing}
            onToggleActive={toggleActive}
          />
        </>
      )}
      {editing ? <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {linkOpen ? <LinkModal units={units} onClose={() => setLinkOpen(false)} /> : null}
      {importOpen ? <ImportUnitsModal onClose={() => setImportOpen(false)} /> : null}
      {printOpen ? <PrintUnitsModal onClose={() => setPrintOpen(false)} /> : null}
    </>
  );
}
