/** Danh mục chỉ tiêu: data elements, indicators with national and provincial targets, validation rules. */
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
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
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { CatalogView } from '../../../shared/contract';
import type {
  CellKey,
  CompareOp,
  DataElement,
  Indicator,
  Target,
  UnitKind,
  ValidationRule,
} from '../../../shared/domain/catalog';
import { formatNumber, matchesSearch } from '../../../shared/text/vi';
import { errorMessage, useOpMutation } from '../api/client';
import { ErrorBox, Loading, PageHeader, SubmitOnEnter } from '../components/common';
import { ViNumberInput } from '../components/ViNumberInput';
import { CELL_LABEL, OP_LABEL, UNIT_KIND_LABEL, UNIT_KIND_OPTIONS, VALUE_TYPE_LABEL } from '../labels';
import { useCatalog } from '../state/catalog';
const OPS: CompareOp[] = ['>=', '>', '<=', '<', '=='];

function targetStr(t: Target | undefined, unit: string): string {
  if (!t) return '—';
  return `${OP_LABEL[t.op]} ${formatNumber(t.value)}${unit === '%' ? '%' : ''}`;
}

export function CatalogPage() {
  const q = useCatalog();
  const [adding, setAdding] = useState<'element' | 'indicator' | null>(null);
  return (
    <>
      <PageHeader
        title="Danh mục chỉ tiêu"
        sub={
          q.data
            ? `Phiên bản danh mục ${q.data.catalogVersion}. Chỉ tiêu do tỉnh thêm được đánh dấu “Của tỉnh”.`
            : undefined
        }
        extra={
          <>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding('element')}>
              Thêm chỉ tiêu thu thập
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding('indicator')}>
              Thêm chỉ tiêu tính toán
            </Button>
          </>
        }
      />
      {q.isLoading ? <Loading /> : null}
      {q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <Tabs
          items={[
            {
              key: 'elements',
              label: `Chỉ tiêu thu thập (${formatNumber(q.data.dataElements.length)})`,
              children: <Elements catalog={q.data} />,
            },
            {
              key: 'indicators',
              label: `Chỉ tiêu tính toán, mục tiêu (${formatNumber(q.data.indicators.length)})`,
              children: <Indicators catalog={q.data} />,
            },
            {
              key: 'rules',
              label: `Quy tắc kiểm tra (${formatNumber(q.data.validationRules.length)})`,
              children: <Rules catalog={q.data} />,
            },
          ]}
        />
      ) : null}
      {adding === 'element' && q.data ? <ElementModal catalog={q.data} onClose={() => setAdding(null)} /> : null}
      {adding === 'indicator' && q.data ? <IndicatorModal catalog={q.data} onClose={() => setAdding(null)} /> : null}
    </>
  );
}

function Elements({ catalog }: { catalog: CatalogView }) {
  const [q, setQ] = useState('');
  const [section, setSection] = useState<string>('all');
  const rows = useMemo(
    () =>
      catalog.dataElements.filter(
        (e) => (section === 'all' || e.section === section) && matchesSearch(`${e.code} ${e.name}`, q),
      ),
    [catalog, q, section],
  );
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }} wrap>
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          aria-label="Tìm chỉ tiêu"
          placeholder="Tìm theo mã hoặc tên"
          style={{ width: 320 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          aria-label="Lọc theo mục"
          style={{ width: 420 }}
          value={section}
          onChange={setSection}
          options={[
            { value: 'all', label: 'Tất cả các mục' },
            ...catalog.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.name}` })),
          ]}
        />
      </Flex>
      <Table<DataElement>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã số', dataIndex: 'code', width: 170 },
          {
            title: 'Chỉ tiêu',
            dataIndex: 'name',
            render: (n: string, e) => (
              <>
                <NameWithLocal name={n} local={e.local} />
                {e.sensitive ? (
                  <Tag color="volcano" style={{ marginInlineStart: 6 }}>
                    Nhạy cảm
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: 'Mục', dataIndex: 'section', width: 60 },
          { title: 'Đơn vị tính', dataIndex: 'unit', width: 110 },
          { title: 'Kiểu', dataIndex: 'type', width: 110, render: (t: DataElement['type']) => VALUE_TYPE_LABEL[t] },
          {
            title: 'Ô số liệu',
            dataIndex: 'cells',
            width: 150,
            render: (cells: CellKey[]) => cells.map((c) => CELL_LABEL[c]).join(', '),
          },
          {
            title: 'Nguồn số liệu',
            width: 210,
            render: (_: unknown, e) =>
              e.collectedFrom === 'province' ? 'Cấp tỉnh nhập' : e.reportedBy.map((k) => UNIT_KIND_LABEL[k]).join('; '),
          },
        ]}
      />
    </>
  );
}

function Indicators({ catalog }: { catalog: CatalogView }) {
  const [editing, setEditing] = useState<Indicator | null>(null);
  const years = ['2025', '2030'];
  return (
    <>
      <Table<Indicator>
        size="small"
        rowKey="code"
        dataSource={catalog.indicators}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 130 },
          {
            title: 'Chỉ tiêu',
            dataIndex: 'name',
            render: (n: string, i) => (
              <>
                <NameWithLocal name={n} local={i.local} />
                <div style={{ fontSize: 12, color: '#595959' }}>
                  = {i.numerator} ÷ {i.denominator}
                  {i.factor !== 1 ? ` × ${formatNumber(i.factor)}` : ''}
                </div>
              </>
            ),
          },
          ...years.map((y) => ({
            title: `Mục tiêu ${y} (quốc gia)`,
            width: 130,
            render: (_: unknown, i: Indicator) => targetStr(i.targets[y], i.unit),
          })),
          {
            title: 'Mục tiêu của tỉnh',
            width: 190,
            render: (_: unknown, i: Indicator) => {
              const pt = catalog.provinceTargets[i.code];
              const entries = pt ? Object.entries(pt).sort(([a], [b]) => a.localeCompare(b)) : [];
              return entries.length
                ? entries.map(([y, t]) => <div key={y}>{`${y}: ${targetStr(t, i.unit)}`}</div>)
                : '—';
            },
          },
          {
            title: '',
            width: 120,
            render: (_: unknown, i: Indicator) => (
              <Button size="small" onClick={() => setEditing(i)} aria-label={`Đặt mục tiêu của tỉnh cho ${i.code}`}>
                Đặt mục tiêu
              </Button>
            ),
          },
        ]}
      />
      {editing ? <TargetModal catalog={catalog} indicator={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function TargetModal({
  catalog,
  indicator,
  onClose,
}: {
  catalog: CatalogView;
  indicator: Indicator;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const save = useOpMutation('catalog.setProvinceTarget');
  const [form] = Form.useForm<{ year: number; op: CompareOp; value: number | null }>();
  const year = Form.useWatch('year', form) ?? 2030;
  const existing = catalog.provinceTargets[indicator.code]?.[String(year)];
  const national = indicator.targets[String(year)];
  return (
    <Modal
      open
      title={`Mục tiêu của tỉnh: ${indicator.code}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>Hủy</Button>
          <Button
            danger
            disabled={!existing}
            onClick={() =>
              save.mutate(
                { indicator: indicator.code, year, target: null },
                {
                  onSuccess: () => {
                    void message.success('Đã bỏ mục tiêu của tỉnh; dùng mục tiêu quốc gia.');
                    onClose();
                  },
                },
              )
            }
          >
            Bỏ mục tiêu của tỉnh
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            Lưu
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{indicator.name}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: 2030,
          op: indicator.targets['2030']?.op ?? '>=',
          value: catalog.provinceTargets[indicator.code]?.['2030']?.value ?? null,
        }}
        onFinish={(v) =>
          v.value !== null &&
          save.mutate(
            { indicator: indicator.code, year: v.year, target: { op: v.op, value: v.value } },
            {
              onSuccess: () => {
                void message.success('Đã lưu mục tiêu của tỉnh.');
                onClose();
              },
            },
          )
        }
      >
        <SubmitOnEnter />
        <Flex gap={12}>
          <Form.Item label="Năm" name="year" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="Điều kiện đạt" name="op" rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={OPS.map((o) => ({ value: o, label: OP_LABEL[o] }))} />
          </Form.Item>
          <Form.Item
            label={`Giá trị (${indicator.unit})`}
            name="value"
            rules={[{ required: true, message: 'Nhập giá trị' }]}
          >
            <ViNumberInput style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">
          Mục tiêu quốc gia năm {year}: {targetStr(national, indicator.unit)}
          {existing ? `; tỉnh đang đặt: ${targetStr(existing, indicator.unit)}` : ''}
        </Typography.Text>
        {save.error ? <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Modal>
  );
}

function Rules({ catalog }: { catalog: CatalogView }) {
  return (
    <Table<ValidationRule>
      size="small"
      rowKey="code"
      dataSource={catalog.validationRules}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { title: 'Mã', dataIndex: 'code', width: 140 },
        {
          title: 'Điều kiện',
          width: 360,
          render: (_: unknown, r) => (
            <code style={{ fontSize: 12 }}>
              {r.left} {OP_LABEL[r.op]} {r.right}
            </code>
          ),
        },
        {
          title: 'Mức độ',
          dataIndex: 'severity',
          width: 120,
          render: (s: ValidationRule['severity']) =>
            s === 'error' ? <Tag color="red">Lỗi (từ chối tệp)</Tag> : <Tag color="gold">Cảnh báo</Tag>,
        },
        { title: 'Thông báo', dataIndex: 'message' },
      ]}
    />
  );
}

interface ElementForm {
  code: string;
  name: string;
  unit: string;
  type: DataElement['type'];
  cells: CellKey[];
  section: string;
  reportedBy: UnitKind[];
  sensitive: boolean;
  collectedFrom: 'units' | 'province';
}

function ElementModal({ catalog, onClose }: { catalog: CatalogView; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useOpMutation('catalog.saveElement');
  const [form] = Form.useForm<ElementForm>();
  return (
    <Modal
      open
      title="Thêm chỉ tiêu thu thập của tỉnh"
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Chỉ tiêu mới được thêm vào mẫu biểu của các kỳ tạo sau; mẫu của các kỳ đã tạo không đổi.
      </Typography.Paragraph>
      <Form<ElementForm>
        form={form}
        layout="vertical"
        initialValues={{
          type: 'integer',
          cells: ['total', 'female'],
          section: catalog.sections[0]?.code,
          reportedBy: ['so_nganh', 'doan_the', 'xa'],
          sensitive: false,
          collectedFrom: 'units',
          unit: 'người',
        }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: (r) => {
              void message.success(`Đã thêm chỉ tiêu ${r.code}.`);
              onClose();
            },
          })
        }
      >
        <SubmitOnEnter />
        <Flex gap={12}>
          <Form.Item
            label="Mã số"
            name="code"
            style={{ width: 220 }}
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              { required: true, message: 'Nhập mã' },
              { pattern: /^[A-Z0-9_.]+$/, message: 'Chỉ dùng chữ in hoa, số, dấu gạch dưới, dấu chấm' },
            ]}
          >
            <Input maxLength={50} autoFocus />
          </Form.Item>
          <Form.Item
            label="Tên chỉ tiêu"
            name="name"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: 'Nhập tên' }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item label="Đơn vị tính" name="unit" style={{ width: 160 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="Kiểu số liệu" name="type" style={{ width: 180 }}>
            <Select options={Object.entries(VALUE_TYPE_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="Thuộc mục" name="section" style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={catalog.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.name}` }))} />
          </Form.Item>
        </Flex>
        <Form.Item label="Các ô số liệu" name="cells" rules={[{ required: true, message: 'Chọn ít nhất một ô' }]}>
          <Checkbox.Group
            options={(['total', 'female', 'male', 'value'] as CellKey[]).map((c) => ({
              value: c,
              label: CELL_LABEL[c],
            }))}
          />
        </Form.Item>
        <Form.Item label="Nguồn số liệu" name="collectedFrom">
          <Radio.Group
            options={[
              { value: 'units', label: 'Đơn vị báo cáo' },
              { value: 'province', label: 'Cấp tỉnh nhập một lần' },
            ]}
          />
        </Form.Item>
        <Form.Item label="Loại đơn vị báo cáo" name="reportedBy">
          <Checkbox.Group options={UNIT_KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="sensitive" valuePropName="checked">
          <Checkbox>Số liệu nhạy cảm (không đưa vào báo cáo theo từng đơn vị khi không chọn)</Checkbox>
        </Form.Item>
        {save.error ? <Alert type="error" showIcon title={errorMessage(save.error)} /> : null}
      </Form>
    </Modal>
  );
}

interface IndicatorForm {
  code: string;
  name: string;
  unit: string;
  numerator: string;
  denominator: string;
  factor: number;
  t2025op?: CompareOp;
  t2025?: number | null;
  t2030op?: CompareOp;
  t2030?: number | null;
}

function IndicatorModal({ catalog, onClose }: { catalog: CatalogView; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useOpMutation('catalog.saveIndicator');
  const [form] = Form.useForm<IndicatorForm>();
  const exprOptions = useMemo(
    () =>
      catalog.dataElements.flatMap((e) =>
        e.type === 'yesno'
          ? [
              { value: `count_yes(${e.code})`, label: `Số đơn vị trả lời “Có”: ${e.name}` },
              { value: `count_reported(${e.code})`, label: `Số đơn vị trả lời: ${e.name}` },
            ]
          : e.type === 'text'
            ? []
            : e.cells.map((c) => ({ value: `${e.code}.${c}`, label: `${e.name} – ${CELL_LABEL[c]}` })),
      ),
    [catalog],
  );
  const filter = (input: string, o?: { label?: unknown; value?: unknown }) =>
    matchesSearch(`${String(o?.value ?? '')} ${String(o?.label ?? '')}`, input);
  return (
    <Modal
      open
      title="Thêm chỉ tiêu tính toán của tỉnh"
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Chỉ tiêu tính toán = tử số ÷ mẫu số × hệ số, tính lại từ số liệu tổng hợp (không lấy trung bình tỷ lệ).
      </Typography.Paragraph>
      <Form<IndicatorForm>
        form={form}
        layout="vertical"
        initialValues={{ factor: 100, unit: '%', t2025op: '>=', t2030op: '>=' }}
        onFinish={(v) => {
          const targets: Record<string, Target> = {};
          if (v.t2025 !== undefined && v.t2025 !== null) targets['2025'] = { op: v.t2025op ?? '>=', value: v.t2025 };
          if (v.t2030 !== undefined && v.t2030 !== null) targets['2030'] = { op: v.t2030op ?? '>=', value: v.t2030 };
          save.mutate(
            {
              code: v.code,
              name: v.name,
              unit: v.unit ?? '',
              numerator: v.numerator,
              denominator: v.denominator,
              factor: v.factor,
              targets,
            },
            {
              onSuccess: (r) => {
                void message.success(`Đã thêm chỉ tiêu ${r.code}.`);
                onClose();
              },
            },
          );
        }}
      >
        <SubmitOnEnter />
        <Flex gap={12}>
          <Form.Item
            label="Mã"
            name="code"
            style={{ width: 200 }}
            rules={[{ required: true, whitespace: true, message: 'Nhập mã' }]}
          >
            <Input maxLength={50} autoFocus />
          </Form.Item>
          <Form.Item
            label="Tên chỉ tiêu"
            name="name"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: 'Nhập tên' }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item label="Tử số" name="numerator" rules={[{ required: true, message: 'Chọn tử số' }]}>
          <Select showSearch={{ filterOption: filter }} options={exprOptions} />
        </Form.Item>
        <Form.Item label="Mẫu số" name="denominator" rules={[{ required: true, message: 'Chọn mẫu số' }]}>
          <Select showSearch={{ filterOption: filter }} options={exprOptions} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label="Hệ số" name="factor" rules={[{ required: true }]}>
            <InputNumber min={0.0001} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="Đơn vị tính" name="unit" style={{ width: 110 }}>
            <Input maxLength={50} />
          </Form.Item>
          <TargetInput year="2025" />
          <TargetInput year="2030" />
        </Flex>
        {save.error ? <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Modal>
  );
}

/** A target for one year in the local-indicator form: the operator and the value (fields t<year>op, t<year>). */
function TargetInput({ year }: { year: '2025' | '2030' }) {
  return (
    <Form.Item label={`Mục tiêu ${year}`} style={{ marginBottom: 0 }}>
      <Space.Compact>
        <Form.Item name={`t${year}op`} noStyle>
          <Select
            aria-label={`Điều kiện ${year}`}
            style={{ width: 70 }}
            options={OPS.map((o) => ({ value: o, label: OP_LABEL[o] }))}
          />
        </Form.Item>
        <Form.Item name={`t${year}`} noStyle>
          <ViNumberInput aria-label={`Giá trị mục tiêu ${year}`} style={{ width: 110 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** A catalogue name, marked "Của tỉnh" when the province added it. */
function NameWithLocal({ name, local }: { name: string; local: boolean | undefined }) {
  return (
    <>
      {name}
      {local ? (
        <Tag color="purple" style={{ marginInlineStart: 6 }}>
          Của tỉnh
        </Tag>
      ) : null}
    </>
  );
}
