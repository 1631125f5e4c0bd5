/** Shared bits of every screen: page title, error and empty states. */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Popover, Spin, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Period } from '../../../shared/domain/records';
import { errorMessage, useOp } from '../api/client';
import { HELP } from '../help';
import { usePeriod } from '../state/period';

/** The screen's short help, one click away: what it is for, what to do next. */
export function HelpButton({ topic }: { topic: string }) {
  const help = HELP[topic];
  if (!help) return null;
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      title={`Màn hình “${topic}”`}
      content={
        <div style={{ maxWidth: 420 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{help.what}</Typography.Paragraph>
          <Typography.Text strong>Việc tiếp theo</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            {help.next.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      }
    >
      <Button type="text" size="small" icon={<QuestionCircleOutlined aria-hidden />} aria-label={`Trợ giúp: ${topic}`}>
        Trợ giúp
      </Button>
    </Popover>
  );
}

export function PageHeader({
  title,
  extra,
  sub,
  help,
}: {
  title: string;
  extra?: ReactNode;
  sub?: ReactNode;
  /** the help topic (HELP in help.ts); the title by default */
  help?: string;
}) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Flex align="center" gap={8}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {title}
          </Typography.Title>
          <HelpButton topic={help ?? title} />
        </Flex>
        {sub ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {sub}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="Không tải được dữ liệu"
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            Thử lại
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }} role="status" aria-live="polite">
      <Spin description={label} />
    </Flex>
  );
}

/** The paging of long reference tables: 20 rows a page, no pager for a single page. */
export const PAGE_OF_20 = { pageSize: 20, showSizeChanger: false, hideOnSinglePage: true };

/** The first steps, in the order of the work: đơn vị → kỳ báo cáo → mẫu biểu → nhập báo cáo. */
export function FirstSteps() {
  const units = useOp('units.list', { activeOnly: true });
  const hasUnits = (units.data?.length ?? 0) > 0;
  const steps = [
    {
      title: 'Lập danh sách đơn vị',
      description: 'Nhập danh sách từ tệp Excel hoặc thêm từng đơn vị thành viên.',
      to: '/don-vi',
      action: 'Mở danh sách đơn vị',
    },
    {
      title: 'Tạo kỳ báo cáo',
      description: 'Chọn năm, loại kỳ (6 tháng, năm, đột xuất) và hạn nộp.',
      to: '/ky-bao-cao',
      action: 'Tạo kỳ báo cáo',
    },
    {
      title: 'Gửi mẫu biểu',
      description: 'Trong kỳ báo cáo, mở thẻ “Mẫu biểu” để lưu tệp Excel gửi các đơn vị.',
      to: '/ky-bao-cao',
      action: '',
    },
    {
      title: 'Nhập báo cáo',
      description: 'Kéo thả các tệp đơn vị gửi về để kiểm tra và ghi nhận.',
      to: '/nhap-bao-cao',
      action: '',
    },
  ];
  const current = hasUnits ? 1 : 0;
  const next = steps[current]!;
  return (
    <Card size="small" title="Bắt đầu công việc">
      <Steps
        orientation="vertical"
        size="small"
        current={current}
        items={steps.map((x) => ({ title: x.title, content: x.description }))}
      />
      <LinkButton to={next.to} type="primary">
        {next.action}
      </LinkButton>
    </Card>
  );
}

/** Renders children with the current period id, or the first steps of the work. */
export function WithPeriod({ children }: { children: (periodId: number) => ReactNode }) {
  const { periodId, loading } = usePeriod();
  if (loading) return <Loading />;
  if (!periodId) return <FirstSteps />;
  return <>{children(periodId)}</>;
}

/** A screen about the current period: its title (and a line about the period), then the body for that period. */
export function PeriodPage({
  title,
  sub,
  children,
}: {
  title: string;
  sub?: string | ((period: Period) => string);
  children: (periodId: number) => ReactNode;
}) {
  const { period } = usePeriod();
  return (
    <>
      <PageHeader title={title} sub={typeof sub === 'function' ? (period ? sub(period) : undefined) : sub} />
      <WithPeriod>{children}</WithPeriod>
    </>
  );
}

/** A button that navigates inside the app (no nested link + button). */
export function LinkButton({
  to,
  children,
  type,
  icon,
  size,
}: {
  to: string;
  children: ReactNode;
  type?: 'primary' | 'default' | 'link' | 'text';
  icon?: ReactNode;
  size?: 'small' | 'middle' | 'large';
}) {
  const navigate = useNavigate();
  return (
    <Button type={type} icon={icon} size={size} onClick={() => navigate(to)}>
      {children}
    </Button>
  );
}

/** Lets Enter submit a form whose visible OK button sits outside it (antd Modal footers). */
export function SubmitOnEnter() {
  return <button type="submit" hidden aria-hidden="true" tabIndex={-1} />;
}
