/** Kỳ báo cáo: periods (create with NĐ 09 defaults, edit, close/reopen), expected units, province values, templates. */
import { DownloadOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Transfer,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { CellKey, DataElement, PeriodKind } from '../../../shared/domain/catalog';
import type { CellValue, Period, StoredValue } from '../../../shared/domain/records';
import { periodDefaults } from '../../../shared/rules/period';
import { compareVi, formatDate, formatNumber, matchesSearch } from '../../../shared/text/vi';
import { call, errorMessage, useOp, useOpMutation } from '../api/client';
import { ErrorBox, Loading, PageHeader, SubmitOnEnter } from '../components/common';
import { DateInput } from '../components/DateInput';
import { downloadBytes, hostErrorMessage, todayIso } from '../components/util';
import { ViNumberInput } from '../components/ViNumberInput';
import { CELL_LABEL, PERIOD_KIND_LABEL, PERIOD_KIND_OPTIONS, PERIOD_STATUS_LABEL, UNIT_KIND_LABEL } from '../labels';
import { usePeriod } from '../state/period';

export function PeriodsPage() {
  const { modal, message } = App.useApp();
  const { periods, loading, periodId, setPeriodId } = usePeriod();
  const list = useOp('periods.list', {});
  const [creating, setCreating] = useState(false);
  const setStatus = useOpMutation('periods.setStatus');

  const toggle = (p: Period) => {
    const closing = p.status === 'open';
    modal.confirm({
      title: closing ? `Khóa sổ kỳ “${p.label}”?` : `Mở lại kỳ “${p.label}”?`,
      content: closing
        ? 'Sau khi khóa sổ, kỳ này không nhận thêm báo cáo và không sửa được số liệu. Có thể mở lại khi cần.'
        : 'Kỳ sẽ nhận báo cáo và cho phép sửa số liệu trở lại. Mọi thay đổi vẫn được ghi nhật ký.',
      okText: closing ? 'Khóa sổ' : 'Mở lại',
      cancelText: 'Hủy',
      onOk: () =>
        setStatus
          .mutateAsync({ id: p.id, status: closing ? 'closed' : 'open' })
          .then(() => void message.success(closing ? 'Đã khóa sổ kỳ báo cáo.' : 'Đã mở lại kỳ báo cáo.'))
          .catch((e: unknown) => void message.error(errorMessage(e))),
    });
  };

  return (
    <>
      <PageHeader
        title="Kỳ báo cáo"
        sub="Mỗi kỳ có khoảng thời gian lấy số liệu, hạn nộp, mẫu biểu và danh sách đơn vị phải báo cáo."
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            Tạo kỳ báo cáo
          </Button>
        }
      />
      {list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Period>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={periods}
        pagination={false}
        scroll={{ x: 1080 }}
        locale={{ emptyText: 'Chưa có kỳ báo cáo nào. Bấm “Tạo kỳ báo cáo” để bắt đầu.' }}
        rowClassName={(p) => (p.id === periodId ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: 'Kỳ báo cáo',
            dataIndex: 'label',
            render: (v: string, p) => (
              <>
                <Typography.Text strong={p.id === periodId}>{v}</Typography.Text>
                {p.id === periodId ? (
                  <div>
                    <Tag color="blue">Đang làm việc</Tag>
                  </div>
                ) : null}
              </>
            ),
          },
          { title: 'Loại', dataIndex: 'kind', width: 100, render: (k: PeriodKind) => PERIOD_KIND_LABEL[k] },
          {
            title: 'Số liệu tính từ – đến',
            width: 200,
            render: (_: unknown, p) => `${formatDate(p.dataFrom)} – ${formatDate(p.dataTo)}`,
          },
          { title: 'Hạn nộp', dataIndex: 'deadline', width: 110, render: (d: string) => formatDate(d) },
          {
            title: 'Mẫu biểu',
            width: 130,
            render: (_: unknown, p) => `${p.templateCode} (bản ${p.templateVersion})`,
          },
          {
            title: 'Đơn vị phải báo cáo',
            dataIndex: 'expected',
            width: 120,
            align: 'right',
            render: (n: number) => formatNumber(n),
          },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            width: 110,
            render: (s: Period['status']) => (
              <Tag color={s === 'open' ? 'green' : 'default'}>{PERIOD_STATUS_LABEL[s]}</Tag>
            ),
          },
          {
            title: 'Thao tác',
            width: 190,
            render: (_: unknown, p) => (
              <Space size={4}>
                <Button
                  size="small"
                  disabled={p.id === periodId}
                  onClick={() => setPeriodId(p.id)}
                  aria-label={`Làm việc với kỳ ${p.label}`}
                >
                  Chọn
                </Button>
                <Button
                  size="small"
                  icon={p.status === 'open' ? <LockOutlined aria-hidden /> : <UnlockOutlined aria-hidden />}
                  onClick={() => toggle(p)}
                  aria-label={`${p.status === 'open' ? 'Khóa sổ' : 'Mở lại'} kỳ ${p.label}`}
                >
                  {p.status === 'open' ? 'Khóa sổ' : 'Mở lại'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {periodId ? <PeriodDetail key={periodId} periodId={periodId} /> : null}
      {creating ? (
        <CreatePeriodModal
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setPeriodId(p.id);
            modal.success({
              title: `Đã tạo kỳ “${p.label}”`,
              content: (
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { label: 'Số liệu tính từ', children: formatDate(p.dataFrom) },
                    { label: 'Đến', children: formatDate(p.dataTo) },
                    { label: 'Hạn nộp', children: formatDate(p.deadline) },
                    { label: 'Mẫu biểu', children: `${p.templateCode} (bản ${p.templateVersion})` },
                    { label: 'Đơn vị phải báo cáo', children: formatNumber(p.expected) },
                  ]}
                />
              ),
              okText: 'Đóng',
            });
          }}
        />
      ) : null}
    </>
  );
}

interface CreateForm {
  year: number;
  kind: PeriodKind;
  label?: string;
  dataFrom?: string | null;
  dataTo?: string | null;
  deadline?: string | null;
}

function CreatePeriodModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Period) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const create = useOpMutation('periods.create');
  const year = Form.useWatch('year', form) ?? new Date().getFullYear();
  const kind = Form.useWatch('kind', form) ?? 'half_year';
  const def = useMemo(() => {
    try {
      return periodDefaults(year, kind, { today: todayIso() });
    } catch {
      return null;
    }
  }, [year, kind]);
  const month = new Date().getMonth() + 1;

  return (
    <Modal
      open
      title="Tạo kỳ báo cáo"
      okText="Tạo kỳ"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), kind: month <= 7 ? 'half_year' : 'year' }}
        onFinish={(v) =>
          create.mutate(
            {
              year: v.year,
              kind: v.kind,
              ...(v.label?.trim() ? { label: v.label.trim() } : {}),
              ...(v.dataFrom ? { dataFrom: v.dataFrom } : {}),
              ...(v.dataTo ? { dataTo: v.dataTo } : {}),
              ...(v.deadline ? { deadline: v.deadline } : {}),
            },
            { onSuccess: onCreated },
          )
        }
      >
        <SubmitOnEnter />
        <Flex gap={16}>
          <Form.Item label="Năm" name="year" rules={[{ required: true, message: 'Nhập năm' }]}>
            <InputNumber min={2000} max={2100} style={{ width: 120 }} autoFocus />
          </Form.Item>
          <Form.Item label="Loại kỳ" name="kind" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={PERIOD_KIND_OPTIONS} />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary">
          Để trống các ô dưới đây để dùng mặc định theo Nghị định 09/2019/NĐ-CP
          {def
            ? `: “${def.label}”, số liệu từ ${formatDate(def.dataFrom)} đến ${formatDate(def.dataTo)}, hạn nộp ${formatDate(def.deadline)}.`
            : '.'}
        </Typography.Paragraph>
        <Form.Item label="Tên kỳ (không bắt buộc)" name="label">
          <Input maxLength={200} placeholder={def?.label} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label="Số liệu tính từ ngày" name="dataFrom">
            <DateInput placeholder={def ? formatDate(def.dataFrom) : 'dd/mm/yyyy'} />
          </Form.Item>
          <Form.Item label="Đến ngày" name="dataTo">
            <DateInput placeholder={def ? formatDate(def.dataTo) : 'dd/mm/yyyy'} />
          </Form.Item>
          <Form.Item label="Hạn nộp" name="deadline">
            <DateInput placeholder={def ? formatDate(def.deadline) : 'dd/mm/yyyy'} />
          </Form.Item>
        </Flex>
        {create.error ? <Alert type="error" showIcon title={errorMessage(create.error)} /> : null}
      </Form>
    </Modal>
  );
}

function PeriodDetail({ periodId }: { periodId: number }) {
  const q = useOp('periods.get', { id: periodId });
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  return (
    <Card
      style={{ marginTop: 24 }}
      title={
        <Space>
          <span>{p.label}</span>
          <Tag color={p.status === 'open' ? 'green' : 'default'}>{PERIOD_STATUS_LABEL[p.status]}</Tag>
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'info', label: 'Thông tin kỳ', children: <PeriodInfo period={p} /> },
          {
            key: 'templates',
            label: 'Mẫu biểu gửi đơn vị',
            children: <TemplateExport period={p} />,
          },
          {
            key: 'expected',
            label: `Đơn vị phải báo cáo (${formatNumber(p.expectedUnits.length)})`,
            children: <ExpectedUnits period={p} expectedIds={p.expectedUnits.map((u) => u.id)} />,
          },
          { key: 'province', label: 'Số liệu cấp tỉnh', children: <ProvinceValues period={p} /> },
        ]}
      />
    </Card>
  );
}

interface InfoForm {
  label: string;
  dataFrom: string;
  dataTo: string;
  deadline: string;
  note: string | null;
}

function PeriodInfo({ period }: { period: Period }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InfoForm>();
  const update = useOpMutation('periods.update');
  const closed = period.status === 'closed';
  return (
    <Form<InfoForm>
      form={form}
      layout="vertical"
      disabled={update.isPending}
      initialValues={{
        label: period.label,
        dataFrom: period.dataFrom,
        dataTo: period.dataTo,
        deadline: period.deadline,
        note: period.note,
      }}
      onFinish={(v) =>
        update.mutate(
          {
            id: period.id,
            label: v.label,
            dataFrom: v.dataFrom,
            dataTo: v.dataTo,
            deadline: v.deadline,
            note: v.note ?? null,
          },
          { onSuccess: () => void message.success('Đã lưu thông tin kỳ báo cáo.') },
        )
      }
    >
      <SubmitOnEnter />
      <Form.Item label="Tên kỳ" name="label" rules={[{ required: true, whitespace: true, message: 'Nhập tên kỳ' }]}>
        <Input maxLength={200} style={{ maxWidth: 480 }} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label="Số liệu tính từ ngày" name="dataFrom" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item label="Đến ngày" name="dataTo" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item label="Hạn nộp" name="deadline" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
      </Flex>
      <Form.Item label="Ghi chú" name="note">
        <Input.TextArea rows={2} maxLength={2000} style={{ maxWidth: 720 }} />
      </Form.Item>
      {update.error ? (
        <Alert type="error" showIcon title={errorMessage(update.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          Lưu thông tin kỳ
        </Button>
        {closed ? (
          <Typography.Text type="secondary">Kỳ đã khóa sổ: vẫn có thể sửa tên và hạn nộp.</Typography.Text>
        ) : null}
      </Space>
    </Form>
  );
}

function TemplateExport({ period }: { period: Period & { expectedUnits: { code: string; name: string }[] } }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unitCodes, setUnitCodes] = useState<string[]>([]);
  const host = window.api.host;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const codes = unitCodes.length ? { unitCodes } : {};
      if (host.kind === 'electron' && host.saveFilesToFolder) {
        const r = await call('templates.export', { periodId: period.id, ...codes });
        const saved = await host.saveFilesToFolder(r.files.map((f) => ({ name: f.name, bytes: f.bytes })));
        if (!saved.ok) throw new Error(saved.error.message);
        if (saved.data)
          void message.success(`Đã lưu ${formatNumber(r.files.length)} tệp vào thư mục ${saved.data.folder}.`);
      } else {
        const r = await call('templates.export', { periodId: period.id, zip: true, ...codes });
        for (const f of r.files) downloadBytes(f.name, f.bytes);
        void message.success('Đã tạo tệp nén chứa mẫu biểu của các đơn vị.');
      }
    } catch (e) {
      setError(hostErrorMessage(e, errorMessage));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Paragraph>
        Mỗi đơn vị nhận một tệp Excel riêng đã ghi sẵn tên đơn vị, kỳ báo cáo và hạn nộp; kèm một bản chung để dùng khi
        cần. Tệp được khóa cấu trúc để đơn vị chỉ điền vào các ô số liệu.
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <Select
          mode="multiple"
          allowClear
          aria-label="Chỉ xuất cho các đơn vị"
          placeholder={`Tất cả ${formatNumber(period.expectedUnits.length)} đơn vị phải báo cáo`}
          style={{ minWidth: 420, maxWidth: 640 }}
          value={unitCodes}
          onChange={setUnitCodes}
          options={period.expectedUnits.map((u) => ({ value: u.code, label: u.name }))}
          filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
        />
        <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
          {host.kind === 'electron' ? 'Xuất mẫu biểu vào thư mục…' : 'Tải mẫu biểu (.zip)'}
        </Button>
      </Flex>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
    </>
  );
}

function ExpectedUnits({ period, expectedIds }: { period: Period; expectedIds: number[] }) {
  const { message } = App.useApp();
  const units = useOp('units.list', {});
  const save = useOpMutation('periods.setExpected');
  const [target, setTarget] = useState<number[]>(expectedIds);
  useEffect(() => setTarget(expectedIds), [expectedIds]);
  const data = useMemo(
    () =>
      (units.data ?? []).map((u) => ({
        key: u.id,
        title: `${u.name}`,
        description: `${u.code} · ${UNIT_KIND_LABEL[u.kind]}${u.active ? '' : ' · đã ngừng'}`,
        name: u.name,
      })),
    [units.data],
  );
  const dirty = useMemo(() => {
    const a = [...target].sort((x, y) => x - y).join(',');
    const b = [...expectedIds].sort((x, y) => x - y).join(',');
    return a !== b;
  }, [target, expectedIds]);
  if (units.isLoading) return <Loading />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        Khi tạo kỳ, danh sách được lấy từ các đơn vị đang hoạt động và còn hiệu lực vào ngày cuối của kỳ. Có thể thêm,
        bớt đơn vị ở đây.
      </Typography.Paragraph>
      <Transfer
        dataSource={data}
        targetKeys={target}
        onChange={(keys) => setTarget(keys.map(Number))}
        titles={['Không phải báo cáo', 'Phải báo cáo']}
        showSearch
        filterOption={(input, item) => matchesSearch(`${item.title} ${item.description}`, input)}
        render={(item) => item.title}
        styles={{ section: { width: 440, height: 380 } }}
        locale={{ searchPlaceholder: 'Tìm đơn vị' }}
        disabled={period.status === 'closed'}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!dirty || period.status === 'closed'}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { id: period.id, unitIds: target },
              {
                onSuccess: (p) => void message.success(`Đã lưu: ${formatNumber(p.expected)} đơn vị phải báo cáo.`),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          Lưu danh sách
        </Button>
        <Button disabled={!dirty} onClick={() => setTarget(expectedIds)}>
          Hoàn tác
        </Button>
      </Space>
    </>
  );
}

type Draft = Record<string, CellValue | null>;
const keyOf = (element: string, cell: CellKey) => `${element}|${cell}`;

function ProvinceValues({ period }: { period: Period }) {
  const { message } = App.useApp();
  const catalog = useOp('catalog.get', {});
  const values = useOp('periods.provinceValues', { id: period.id });
  const save = useOpMutation('periods.setProvinceValue');
  const [draft, setDraft] = useState<Draft>({});
  const elements = useMemo(
    () =>
      (catalog.data?.dataElements ?? [])
        .filter((e) => e.collectedFrom === 'province')
        .sort((a, b) => compareVi(a.code, b.code)),
    [catalog.data],
  );
  const stored = useMemo(() => {
    const m = new Map<string, CellValue>();
    for (const v of values.data ?? ([] as StoredValue[])) m.set(keyOf(v.element, v.cell), v.value);
    return m;
  }, [values.data]);

  if (catalog.isLoading || values.isLoading) return <Loading />;
  if (catalog.error || values.error) return <ErrorBox error={catalog.error ?? values.error} />;

  const current = (el: string, cell: CellKey): CellValue | null => {
    const k = keyOf(el, cell);
    return k in draft ? (draft[k] ?? null) : (stored.get(k) ?? null);
  };
  const dirtyKeys = Object.keys(draft).filter(
    (k) => JSON.stringify(draft[k] ?? null) !== JSON.stringify(stored.get(k) ?? null),
  );
  const closed = period.status === 'closed';

  const saveAll = async () => {
    try {
      for (const k of dirtyKeys) {
        const [element, cell] = k.split('|') as [string, CellKey];
        await save.mutateAsync({ id: period.id, element, cell, value: draft[k] ?? null });
      }
      setDraft({});
      void message.success('Đã lưu số liệu cấp tỉnh.');
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        Các số liệu này do cấp tỉnh cung cấp (thống kê, điều tra), nhập một lần cho cả tỉnh và không cộng từ báo cáo đơn
        vị.
      </Typography.Paragraph>
      <Table<DataElement>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={elements}
        locale={{ emptyText: 'Danh mục không có chỉ tiêu nào lấy số liệu cấp tỉnh.' }}
        columns={[
          { title: 'Mã số', dataIndex: 'code', width: 170 },
          { title: 'Chỉ tiêu', dataIndex: 'name' },
          { title: 'Đơn vị tính', dataIndex: 'unit', width: 110 },
          {
            title: 'Số liệu',
            width: 380,
            render: (_: unknown, el) => (
              <Flex gap={8} wrap>
                {el.cells.map((cell) => (
                  <div key={cell} style={{ width: el.cells.length > 1 ? 170 : 340 }}>
                    {el.cells.length > 1 ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {CELL_LABEL[cell]}
                      </Typography.Text>
                    ) : null}
                    <ValueEditor
                      element={el}
                      label={`${el.name} – ${CELL_LABEL[cell]}`}
                      value={current(el.code, cell)}
                      disabled={closed}
                      onChange={(v) => setDraft((d) => ({ ...d, [keyOf(el.code, cell)]: v }))}
                    />
                  </div>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!dirtyKeys.length || closed}
          loading={save.isPending}
          onClick={() => void saveAll()}
        >
          Lưu số liệu cấp tỉnh
        </Button>
        {dirtyKeys.length ? (
          <Typography.Text style={{ color: '#ad4e00' }}>{formatNumber(dirtyKeys.length)} ô chưa lưu</Typography.Text>
        ) : null}
      </Space>
    </>
  );
}

/** One cell editor following the element's type: number, Có/Không, text, or "Không áp dụng". */
export function ValueEditor({
  element,
  value,
  onChange,
  label,
  disabled,
}: {
  element: Pick<DataElement, 'type' | 'name'>;
  value: CellValue | null;
  onChange: (v: CellValue | null) => void;
  label: string;
  disabled?: boolean;
}) {
  if (element.type === 'yesno') {
    const v = value?.state === 'yesno' ? (value.value ? 'yes' : 'no') : value?.state === 'na' ? 'na' : undefined;
    return (
      <Select
        aria-label={label}
        allowClear
        disabled={disabled}
        style={{ width: '100%' }}
        placeholder="Chưa báo cáo"
        value={v}
        onChange={(x?: string) =>
          onChange(
            x === 'yes'
              ? { state: 'yesno', value: true }
              : x === 'no'
                ? { state: 'yesno', value: false }
                : x === 'na'
                  ? { state: 'na' }
                  : null,
          )
        }
        options={[
          { value: 'yes', label: 'Có' },
          { value: 'no', label: 'Không' },
          { value: 'na', label: 'Không áp dụng' },
        ]}
      />
    );
  }
  if (element.type === 'text') {
    return (
      <Input.TextArea
        aria-label={label}
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 6 }}
        value={value?.state === 'text' ? value.value : ''}
        onChange={(e) => onChange(e.target.value ? { state: 'text', value: e.target.value } : null)}
      />
    );
  }
  const na = value?.state === 'na';
  return (
    <Flex gap={4}>
      <ViNumberInput
        aria-label={label}
        integer={element.type === 'integer'}
        min={0}
        disabled={disabled || na}
        placeholder={na ? 'Không áp dụng' : 'Chưa báo cáo'}
        value={value?.state === 'number' ? value.value : null}
        onChange={(n) => onChange(n === null ? null : { state: 'number', value: n })}
      />
      <Button
        size="small"
        style={{ height: 32 }}
        disabled={disabled}
        type={na ? 'primary' : 'default'}
        aria-pressed={na}
        title="Không áp dụng"
        aria-label={`${label}: không áp dụng`}
        onClick={() => onChange(na ? null : { state: 'na' })}
      >
        KAD
      </Button>
    </Flex>
  );
}
