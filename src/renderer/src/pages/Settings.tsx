/** Cài đặt: agency lines, signer, nơi nhận, officer, backups, database and integrity, about. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { BackupEntry, Settings } from '../../../shared/contract';
import { formatDateTime, formatNumber } from '../../../shared/text/vi';
import { call, errorMessage, useInvalidateAfter, useOp, useOpMutation } from '../api/client';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { ErrorAlert, required, TextItem } from '../components/FormModal';
import { useTask } from '../components/useTask';
import { APP_NAME } from '../labels';
import { agencyInSentence } from '../../../shared/text/agency';

export function SettingsPage() {
  const settings = useOp('settings.get', {});
  return (
    <>
      <PageHeader title="Cài đặt" sub="Thông tin in trên văn bản, sao lưu và kiểm tra dữ liệu." />
      {settings.isLoading ? <Loading /> : null}
      {settings.error ? <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          {settings.data ? <SettingsForm settings={settings.data} /> : null}
        </Col>
        <Col xs={24} xxl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Backups />
            <DatabaseInfo />
          </Space>
        </Col>
      </Row>
    </>
  );
}

type SettingsFormValues = Omit<Settings, 'setupDone'>;

/** a field that shares its line with others, wrapping below 220 px */
const GROW = { flex: '1 1 220px' };

const AUTHORITY_OPTIONS = [
  { value: '', label: '(ký trực tiếp)' },
  { value: 'TM.', label: 'TM.' },
  { value: 'KT.', label: 'KT.' },
  { value: 'TL.', label: 'TL.' },
  { value: 'TUQ.', label: 'TUQ.' },
];

function SettingsForm({ settings }: { settings: Settings }) {
  const { message } = App.useApp();
  const save = useOpMutation('settings.update');
  const [form] = Form.useForm<SettingsFormValues>();
  const { setupDone: _s, ...initial } = settings;
  return (
    <Card title="Thông tin cơ quan và văn bản" size="small">
      <Form<SettingsFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate(
            {
              ...v,
              recipients: (v.recipients ?? []).map((r) => r.trim()).filter(Boolean),
              reminderRecipients: (v.reminderRecipients ?? []).map((r) => r.trim()).filter(Boolean),
            },
            { onSuccess: () => void message.success('Đã lưu cài đặt.') },
          )
        }
      >
        <Flex gap={12} wrap>
          <TextItem label="Tỉnh, thành phố" name="province" style={GROW} rules={required('Nhập tên tỉnh')} />
          <TextItem
            label="Địa danh ghi trên văn bản"
            name="placeName"
            style={{ flex: '1 1 180px' }}
            extra="Ví dụ: Lào Cai (… , ngày … tháng … năm …)"
            max={100}
          />
        </Flex>
        <Flex gap={12} wrap>
          <TextItem label="Cơ quan chủ quản" name="agencyParent" style={GROW} />
          <TextItem label="Cơ quan ban hành" name="agencyName" style={GROW} />
        </Flex>
        <Flex gap={12} wrap>
          <TextItem
            label="Mẫu số văn bản"
            name="docNumberPattern"
            style={GROW}
            extra="{so} được thay bằng số văn bản, ví dụ {so}/BC-BVSTBPN"
            max={100}
          />
          <TextItem
            label="Đơn vị soạn thảo (viết tắt)"
            name="draftingUnit"
            style={{ flex: '1 1 160px' }}
            extra="Ghi sau ký hiệu công văn và ở dòng “Lưu: VT, …”, ví dụ VP"
            max={30}
          />
        </Flex>
        <TextItem
          label="Tên cơ quan khi viết trong câu"
          name="agencyNameInSentence"
          extra={`Để trống thì dùng “${agencyInSentence({ ...settings, agencyNameInSentence: '' })}” (viết từ dòng cơ quan ban hành)`}
        />
        <Flex gap={12} wrap>
          <TextItem label="Cán bộ phụ trách (ghi vào nhật ký)" name="officer" style={GROW} />
          <TextItem label="Điện thoại liên hệ" name="officerPhone" style={{ flex: '1 1 160px' }} max={50} />
          <TextItem
            label="Thư điện tử liên hệ"
            name="officerEmail"
            style={GROW}
            rules={[{ type: 'email', message: 'Địa chỉ thư điện tử chưa đúng (ví dụ ten@laocai.gov.vn)' }]}
          />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 15 }}>
          Người ký
        </Typography.Title>
        <Flex gap={12} wrap>
          <Form.Item label="Thẩm quyền ký" name={['signer', 'authority']} style={{ width: 150 }}>
            <Select options={AUTHORITY_OPTIONS} />
          </Form.Item>
          <TextItem
            label="Chức danh của thủ trưởng"
            name={['signer', 'authorityTitle']}
            style={{ flex: '1 1 200px' }}
            extra="Ví dụ: TRƯỞNG BAN"
          />
        </Flex>
        <Flex gap={12} wrap>
          <TextItem
            label="Chức vụ người ký"
            name={['signer', 'title']}
            style={GROW}
            extra="Ví dụ: PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
          />
          <TextItem label="Họ và tên người ký" name={['signer', 'name']} style={GROW} />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 15 }}>
          Nơi nhận
        </Typography.Title>
        <RecipientList name="recipients" what="Nơi nhận" />
        <Typography.Title level={2} style={{ fontSize: 15 }}>
          Nơi nhận của văn bản đôn đốc
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          Dòng “Như trên” được thêm đầu tiên; nếu không có dòng “Lưu”, thêm “Lưu: VT, (đơn vị soạn thảo)”.
        </Typography.Paragraph>
        <RecipientList name="reminderRecipients" what="Nơi nhận văn bản đôn đốc" />
        <Form.Item label="Số bản sao lưu giữ lại" name="backupKeep" style={{ marginTop: 16 }}>
          <InputNumber min={1} max={365} style={{ width: 120 }} />
        </Form.Item>
        <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu cài đặt
        </Button>
      </Form>
    </Card>
  );
}

/** An editable list of Nơi nhận lines (add, move up, remove). */
function RecipientList({ name, what }: { name: 'recipients' | 'reminderRecipients'; what: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove, move }) => (
        <>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} style={{ marginBottom: 8 }}>
              <Form.Item name={f.name} noStyle>
                <Input aria-label={`${what} thứ ${i + 1}`} maxLength={300} />
              </Form.Item>
              <Button
                aria-label={`Đưa ${what.toLocaleLowerCase('vi')} thứ ${i + 1} lên`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </Button>
              <Button
                aria-label={`Xóa ${what.toLocaleLowerCase('vi')} thứ ${i + 1}`}
                icon={<DeleteOutlined aria-hidden />}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add('')} disabled={fields.length >= 50}>
            Thêm nơi nhận
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Backups() {
  const { modal, message } = App.useApp();
  const list = useOp('backup.list', {});
  const create = useOpMutation('backup.create');
  const invalidateAfter = useInvalidateAfter();
  const [restoring, setRestoring] = useState<string | null>(null);
  const restore = (b: BackupEntry) =>
    modal.confirm({
      title: 'Khôi phục dữ liệu từ bản sao lưu?',
      content: (
        <>
          Dữ liệu hiện tại sẽ được thay bằng bản sao lưu lúc <strong>{formatDateTime(b.createdAt)}</strong>. Dữ liệu
          hiện tại được giữ lại thành một bản sao lưu riêng trước khi khôi phục.
        </>
      ),
      okText: 'Khôi phục',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: async () => {
        setRestoring(b.name);
        try {
          const r = await call('backup.restore', { name: b.name });
          void message.success(`Đã khôi phục. Dữ liệu trước đó được giữ tại ${r.keptAs}.`);
          void invalidateAfter('backup.restore');
        } catch (e) {
          void message.error(errorMessage(e));
        } finally {
          setRestoring(null);
        }
      },
    });
  return (
    <Card
      title="Sao lưu"
      size="small"
      extra={
        <Button
          type="primary"
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { reason: 'thu-cong' },
              {
                onSuccess: (b) => void message.success(`Đã sao lưu (${formatNumber(b.size / 1024, 0)} KB).`),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          Sao lưu ngay
        </Button>
      }
    >
      {list.error ? <ErrorBox error={list.error} /> : null}
      <Table<BackupEntry>
        size="small"
        rowKey="name"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: 'Chưa có bản sao lưu nào.' }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: 'Lý do', dataIndex: 'label', render: (label: string) => <Tag>{label}</Tag> },
          {
            title: 'Dung lượng',
            dataIndex: 'size',
            width: 100,
            align: 'right',
            render: (n: number) => `${formatNumber(n / 1024, 0)} KB`,
          },
          {
            title: '',
            width: 110,
            render: (_: unknown, b) => (
              <Button
                size="small"
                loading={restoring === b.name}
                onClick={() => restore(b)}
                aria-label={`Khôi phục bản sao lưu ${formatDateTime(b.createdAt)}`}
              >
                Khôi phục
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function DatabaseInfo() {
  const info = useOp('app.info', {});
  const [check, setCheck] = useState<{ integrity: string; foreignKeys: string } | null>(null);
  const { busy: checking, error, run } = useTask();
  const runCheck = () => run(async () => setCheck(await call('db.check', {})));
  const ok = check && check.integrity === 'ok' && check.foreignKeys === 'ok';
  return (
    <Card title="Dữ liệu và phiên bản" size="small">
      {info.data ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { label: 'Ứng dụng', children: `${APP_NAME} – phiên bản ${info.data.version}` },
              {
                label: 'Danh mục chỉ tiêu',
                children: info.data.catalogVersion ? `phiên bản ${info.data.catalogVersion}` : '—',
              },
              ...(info.data.demo ? [{ label: 'Chế độ', children: <Tag color="gold">Bản trình diễn</Tag> }] : []),
            ]}
          />
          <Collapse
            size="small"
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'tech',
                label: 'Thông tin kỹ thuật',
                children: (
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      {
                        label: 'Tệp dữ liệu',
                        children: <span style={{ wordBreak: 'break-all' }}>{info.data.dbPath}</span>,
                      },
                      {
                        label: 'Thư mục dữ liệu',
                        children: <span style={{ wordBreak: 'break-all' }}>{info.data.dataDir}</span>,
                      },
                      {
                        label: 'Cấu trúc dữ liệu',
                        children: `phiên bản ${formatNumber(Number.parseInt(info.data.schemaVersion, 10) || info.data.migrationsApplied)}, đã nâng cấp ${formatNumber(info.data.migrationsApplied)} lần`,
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      ) : info.error ? (
        <ErrorBox error={info.error} />
      ) : (
        <Loading />
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Button loading={checking} onClick={() => void runCheck()}>
          Kiểm tra toàn vẹn dữ liệu
        </Button>
        {check ? (
          ok ? (
            <Tag color="green">Dữ liệu toàn vẹn</Tag>
          ) : (
            <Tag color="red">
              Có lỗi: {check.integrity !== 'ok' ? check.integrity : ''}{' '}
              {check.foreignKeys !== 'ok' ? check.foreignKeys : ''}
            </Tag>
          )
        ) : null}
      </Space>
      <ErrorAlert error={error} style={{ marginTop: 12 }} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {APP_NAME} giúp Thường trực Ban Vì sự tiến bộ phụ nữ cấp tỉnh thu nhận, kiểm tra, tổng hợp báo cáo bình đẳng
        giới. Dữ liệu chỉ nằm trên máy này.
      </Typography.Paragraph>
    </Card>
  );
}
