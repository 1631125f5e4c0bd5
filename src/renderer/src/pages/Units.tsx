/** Đơn vị: the register of member units (search without diacritics, filter by kind, add/edit, merge, import). */
import { ApartmentOutlined, FileExcelOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { FilePayload, UnitImportResult, UnitInput } from '../../../shared/contract';
import type { UnitKind } from '../../../shared/domain/catalog';
import type { Unit } from '../../../shared/domain/records';
import { compareVi, formatDate, formatNumber, matchesSearch } from '../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../api/client';
import { ErrorBox, PageHeader, SubmitOnEnter } from '../components/common';
import { DateInput } from '../components/DateInput';
import { FilePicker } from '../components/FilePicker';
import { fileToPayload } from '../components/util';
import { UNIT_KIND_LABEL, UNIT_KIND_OPTIONS } from '../labels';

export function UnitsPage() {
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<UnitKind | 'all'>('all');
  const [activeOnly, setActiveOnly] = useState(false);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const list = useOp('units.list', {});
  const setActive = useOpMutation('units.setActive');

  const units = useMemo(() => list.data ?? [], [list.data]);
  const rows = useMemo(
    () =>
      units.filter(
        (u) =>
          (kind === 'all' || u.kind === kind) &&
          (!activeOnly || u.active) &&
          matchesSearch(`${u.code} ${u.name} ${u.contact ?? ''} ${u.email ?? ''} ${u.phone ?? ''}`, q),
      ),
    [units, kind, activeOnly, q],
  );
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);

  const toggleActive = (u: Unit) => {
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

  return (
    <>
      <PageHeader
        title="Đơn vị"
        sub="Danh sách đơn vị thành viên phải gửi báo cáo: sở, ban, ngành, đoàn thể, UBND xã, phường, đặc khu."
        extra={
          <>
            <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => setImportOpen(true)}>
              Nhập danh sách từ Excel
            </Button>
            <Button
              icon={<ApartmentOutlined aria-hidden />}
              onClick={() => setLinkOpen(true)}
              disabled={units.length < 2}
            >
              Sáp nhập, chia tách
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              Thêm đơn vị
            </Button>
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
            <Button type="primary" icon={<FileExcelOutlined aria-hidden />} onClick={() => setImportOpen(true)}>
              Nhập danh sách từ Excel
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              Thêm đơn vị
            </Button>
          </Space>
        </Empty>
      ) : (
        <>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <Input
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder="Tìm theo mã, tên, người liên hệ (gõ không dấu cũng được)"
              aria-label="Tìm đơn vị"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 380 }}
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
          <Table<Unit>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 1040 }}
            locale={{ emptyText: 'Không có đơn vị nào khớp với điều kiện tìm' }}
            columns={[
              { title: 'Mã', dataIndex: 'code', width: 105, sorter: (a, b) => compareVi(a.code, b.code) },
              {
                title: 'Tên đơn vị',
                dataIndex: 'name',
                sorter: (a, b) => compareVi(a.name, b.name),
                render: (_: unknown, u) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/don-vi/${u.id}`}>{u.name}</Link>
                    {u.successorIds.length ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        Đã sáp nhập vào: {u.successorIds.map((id) => byId.get(id)?.name ?? `#${id}`).join(', ')}
                      </Typography.Text>
                    ) : null}
                    {u.predecessorIds.length ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        Kế thừa: {u.predecessorIds.map((id) => byId.get(id)?.name ?? `#${id}`).join(', ')}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: 'Loại',
                dataIndex: 'kind',
                width: 170,
                render: (k: UnitKind) => UNIT_KIND_LABEL[k],
                sorter: (a, b) => compareVi(UNIT_KIND_LABEL[a.kind], UNIT_KIND_LABEL[b.kind]),
              },
              {
                title: 'Liên hệ',
                width: 270,
                render: (_: unknown, u) => (
                  <div style={{ fontSize: 13, lineHeight: 1.45 }}>
                    {u.contact ? <div>{u.contact}</div> : null}
                    {u.phone ? <div>{u.phone}</div> : null}
                    {u.email ? <div style={{ wordBreak: 'break-all' }}>{u.email}</div> : null}
                    {!u.contact && !u.phone && !u.email ? (
                      <Typography.Text type="secondary">Chưa có</Typography.Text>
                    ) : null}
                  </div>
                ),
              },
              {
                title: 'Trạng thái',
                width: 140,
                render: (_: unknown, u) =>
                  u.active ? (
                    <Tag color="green">Đang hoạt động</Tag>
                  ) : (
                    <Tag>Ngừng{u.validTo ? ` từ ${formatDate(u.validTo)}` : ''}</Tag>
                  ),
              },
              {
                title: 'Thao tác',
                width: 150,
                fixed: 'right',
                render: (_: unknown, u) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing(u)} aria-label={`Sửa ${u.name}`}>
                      Sửa
                    </Button>
                    <Button
                      size="small"
                      danger={u.active}
                      onClick={() => toggleActive(u)}
                      aria-label={`${u.active ? 'Ngừng theo dõi' : 'Kích hoạt'} ${u.name}`}
                    >
                      {u.active ? 'Ngừng' : 'Kích hoạt'}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {editing ? <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {linkOpen ? <LinkModal units={units} onClose={() => setLinkOpen(false)} /> : null}
      {importOpen ? <ImportUnitsModal onClose={() => setImportOpen(false)} /> : null}
    </>
  );
}

type UnitForm = Omit<UnitInput, 'id'>;

function UnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const save = useOpMutation('units.save');
  const onFinish = (v: UnitForm) => {
    save.mutate(
      { ...v, ...(unit ? { id: unit.id } : {}) },
      {
        onSuccess: () => {
          void message.success(unit ? 'Đã lưu thay đổi.' : 'Đã thêm đơn vị.');
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={unit ? `Sửa đơn vị: ${unit.name}` : 'Thêm đơn vị'}
      onCancel={onClose}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<UnitForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          unit
            ? {
                code: unit.code,
                name: unit.name,
                kind: unit.kind,
                group: unit.group,
                contact: unit.contact,
                phone: unit.phone,
                email: unit.email,
                validFrom: unit.validFrom,
                validTo: unit.validTo,
                sortOrder: unit.sortOrder,
                note: unit.note,
              }
            : { kind: 'so_nganh' }
        }
      >
        <SubmitOnEnter />
        <Flex gap={12}>
          <Form.Item
            label="Mã đơn vị"
            name="code"
            style={{ width: 200 }}
            rules={[
              { required: true, whitespace: true, message: 'Cần nhập mã đơn vị' },
              { pattern: /^[\p{L}\p{N}_.-]+$/u, message: 'Chỉ gồm chữ, số, dấu gạch, dấu chấm' },
            ]}
          >
            <Input autoFocus maxLength={50} />
          </Form.Item>
          <Form.Item
            label="Tên đơn vị"
            name="name"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: 'Cần nhập tên đơn vị' }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item label="Loại đơn vị" name="kind" style={{ width: 260 }} rules={[{ required: true }]}>
            <Select options={UNIT_KIND_OPTIONS} />
          </Form.Item>
          <Form.Item label="Nhóm (không bắt buộc)" name="group" style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item label="Người liên hệ" name="contact" style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="Điện thoại" name="phone" style={{ width: 180 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            label="Thư điện tử"
            name="email"
            style={{ flex: 1 }}
            rules={[{ type: 'email', message: 'Địa chỉ thư điện tử chưa đúng' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item label="Hiệu lực từ ngày" name="validFrom">
            <DateInput />
          </Form.Item>
          <Form.Item label="Hết hiệu lực từ ngày" name="validTo">
            <DateInput />
          </Form.Item>
          <Form.Item label="Thứ tự sắp xếp" name="sortOrder">
            <InputNumber min={0} style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <Form.Item label="Ghi chú" name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon title={errorMessage(save.error)} /> : null}
      </Form>
    </Modal>
  );
}

function LinkModal({ units, onClose }: { units: Unit[]; onClose: () => void }) {
  const { message } = App.useApp();
  const link = useOpMutation('units.link');
  const [form] = Form.useForm<{ predecessorIds: number[]; successorIds: number[]; effectiveDate: string }>();
  const options = useMemo(
    () =>
      [...units]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((u) => ({ value: u.id, label: `${u.name} (${u.code})` })),
    [units],
  );
  return (
    <Modal
      open
      title="Sáp nhập, chia tách đơn vị"
      onCancel={onClose}
      okText="Ghi nhận"
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={link.isPending}
      width={680}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Ghi nhận đơn vị cũ được thay bằng đơn vị mới từ một ngày. Đơn vị cũ hết hiệu lực từ ngày hôm trước; số liệu các
        kỳ trước vẫn giữ nguyên và được so sánh qua liên kết này.
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          link.mutate(v, {
            onSuccess: (r) => {
              void message.success(`Đã ghi nhận ${formatNumber(r.linked)} liên kết.`);
              onClose();
            },
          })
        }
      >
        <SubmitOnEnter />
        <Form.Item
          label="Đơn vị cũ"
          name="predecessorIds"
          rules={[{ required: true, message: 'Chọn ít nhất một đơn vị cũ' }]}
        >
          <Select mode="multiple" options={options} optionFilterProp="label" filterOption={filterVi} />
        </Form.Item>
        <Form.Item
          label="Đơn vị mới (kế thừa)"
          name="successorIds"
          rules={[{ required: true, message: 'Chọn ít nhất một đơn vị mới' }]}
        >
          <Select mode="multiple" options={options} filterOption={filterVi} />
        </Form.Item>
        <Form.Item label="Có hiệu lực từ ngày" name="effectiveDate" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DateInput />
        </Form.Item>
        {link.error ? <Alert type="error" showIcon title={errorMessage(link.error)} /> : null}
      </Form>
    </Modal>
  );
}

export function filterVi(input: string, option?: { label?: unknown }): boolean {
  return matchesSearch(String(option?.label ?? ''), input);
}

const ACTION_LABEL: Record<string, { text: string; color: string }> = {
  new: { text: 'Thêm mới', color: 'green' },
  update: { text: 'Cập nhật', color: 'blue' },
  same: { text: 'Không đổi', color: 'default' },
  error: { text: 'Lỗi', color: 'red' },
};

function ImportUnitsModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<FilePayload | null>(null);
  const [preview, setPreview] = useState<UnitImportResult | null>(null);
  const [done, setDone] = useState<UnitImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commit = useOpMutation('units.import');

  const pick = async (files: File[]) => {
    const f = files[0];
    if (!f) return;
    setBusy(true);
    setError(null);
    setPreview(null);
    setDone(null);
    try {
      const payload = await fileToPayload(f);
      setFile(payload);
      setPreview(await call('units.import', { file: payload, dryRun: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
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
        onError: (e) => setError(errorMessage(e)),
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
          onFiles={(f) => void pick(f)}
          testId="unit-import-input"
          disabled={busy || commit.isPending}
        />
        {file ? <Typography.Text>{file.name}</Typography.Text> : null}
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {busy ? <Alert type="info" showIcon title="Đang đọc tệp…" /> : null}
      {shown ? (
        <>
          <Alert
            type={done ? 'success' : shown.errors.length ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              done
                ? `Đã nhập xong: ${formatNumber(done.imported)} thêm mới, ${formatNumber(done.updated)} cập nhật, ${formatNumber(done.unchanged)} không đổi, ${formatNumber(done.errors.length)} dòng lỗi (không nhập).`
                : `Xem trước: ${formatNumber(shown.imported)} thêm mới, ${formatNumber(shown.updated)} cập nhật, ${formatNumber(shown.unchanged)} không đổi, ${formatNumber(shown.errors.length)} dòng lỗi (sẽ bỏ qua).`
            }
          />
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.code}`}
            dataSource={shown.rows}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: 'Dòng', dataIndex: 'row', width: 70 },
              { title: 'Mã', dataIndex: 'code', width: 110 },
              { title: 'Tên đơn vị', dataIndex: 'name' },
              {
                title: 'Loại',
                dataIndex: 'kind',
                width: 170,
                render: (k: UnitKind | null) => (k ? UNIT_KIND_LABEL[k] : ''),
              },
              {
                title: 'Kết quả',
                dataIndex: 'action',
                width: 260,
                render: (a: string, r) => (
                  <>
                    <Tag color={ACTION_LABEL[a]?.color}>{ACTION_LABEL[a]?.text ?? a}</Tag>
                    {r.message ? (
                      <Typography.Text type="danger" style={{ display: 'block' }}>
                        {r.message}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          {shown.errors.filter((e) => !shown.rows.some((r) => r.row === e.row)).length ? (
            <Alert
              type="warning"
              style={{ marginTop: 12 }}
              title="Các dòng khác bị bỏ qua"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {shown.errors
                    .filter((e) => !shown.rows.some((r) => r.row === e.row))
                    .map((e) => (
                      <li key={e.row}>{e.message}</li>
                    ))}
                </ul>
              }
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
