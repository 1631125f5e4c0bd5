/** The app: providers, first-run gate, the shell (sider + header) and the routes. */
import {
  AppstoreOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  ImportOutlined,
  InboxOutlined,
  FormOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Flex, Layout, Menu, Select, Tag, Typography } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { useEffect, useMemo } from 'react';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { formatDate } from '../../shared/text/vi';
import { useOp } from './api/client';
import { ErrorBox, Loading } from './components/common';
import { APP_NAME, PERIOD_STATUS_LABEL } from './labels';
import { CatalogPage } from './pages/catalog';
import { ConsolidationPage } from './pages/consolidation';
import { DashboardPage } from './pages/Dashboard';
import { ExportPage } from './pages/Export';
import { ImportPage } from './pages/import';
import { InboxPage } from './pages/inbox';
import { LayoutsPage } from './pages/layouts';
import { PaperEntryPage } from './pages/entry';
import { PeriodsPage } from './pages/periods';
import { PlanPage } from './pages/plan';
import { SettingsPage } from './pages/Settings';
import { SubmissionPage } from './pages/submission';
import { UnitDetailPage } from './pages/UnitDetail';
import { UnitsPage } from './pages/units';
import { WelcomePage } from './pages/Welcome';
import { useDemoSwitch } from './state/demo';
import { PeriodProvider, usePeriod } from './state/period';

export const NAV = [
  { path: '/', label: 'Tổng quan', icon: <DashboardOutlined aria-hidden /> },
  { path: '/don-vi', label: 'Đơn vị', icon: <TeamOutlined aria-hidden /> },
  { path: '/ky-bao-cao', label: 'Kỳ báo cáo', icon: <CalendarOutlined aria-hidden /> },
  { path: '/nhap-bao-cao', label: 'Nhập báo cáo', icon: <ImportOutlined aria-hidden /> },
  { path: '/nhap-bao-cao-giay', label: 'Báo cáo giấy', icon: <FormOutlined aria-hidden /> },
  { path: '/ho-so-da-nhan', label: 'Hồ sơ đã nhận', icon: <InboxOutlined aria-hidden /> },
  { path: '/tong-hop', label: 'Tổng hợp', icon: <BarChartOutlined aria-hidden /> },
  { path: '/ke-hoach', label: 'Kế hoạch năm', icon: <ScheduleOutlined aria-hidden /> },
  { path: '/xuat-bao-cao', label: 'Xuất báo cáo', icon: <FileDoneOutlined aria-hidden /> },
  { path: '/mau-bieu', label: 'Mẫu biểu của tỉnh', icon: <TableOutlined aria-hidden /> },
  { path: '/danh-muc', label: 'Danh mục chỉ tiêu', icon: <AppstoreOutlined aria-hidden /> },
  { path: '/cai-dat', label: 'Cài đặt', icon: <SettingOutlined aria-hidden /> },
] as const;

const EXTRA_TITLES: Array<[RegExp, string]> = [
  [/^\/don-vi\/\d+/, 'Chi tiết đơn vị'],
  [/^\/bao-cao\/\d+/, 'Báo cáo đơn vị'],
];

function navKey(pathname: string): string {
  if (pathname.startsWith('/bao-cao/')) return '/nhap-bao-cao';
  const top = '/' + (pathname.split('/')[1] ?? '');
  return NAV.some((n) => n.path === top) ? top : '/';
}

function titleFor(pathname: string): string {
  const extra = EXTRA_TITLES.find(([re]) => re.test(pathname));
  if (extra) return extra[1];
  return NAV.find((n) => n.path === navKey(pathname))?.label ?? APP_NAME;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

export function Root() {
  return (
    <ConfigProvider
      locale={viVN}
      theme={{
        token: {
          colorPrimary: '#1f5fbf',
          colorPrimaryHover: '#184d9c',
          colorPrimaryActive: '#123b78',
          colorLinkHover: '#184d9c',
          colorError: '#cf1322',
          colorLink: '#1f5fbf',
          // darker secondary texts than antd's defaults so every text meets WCAG AA contrast (4.5:1)
          colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          borderRadius: 6,
          fontSize: 14,
        },
        components: { Layout: { headerBg: '#ffffff', siderBg: '#0f2a4d' }, Menu: { darkItemBg: '#0f2a4d' } },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <Boot />
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function DemoRibbon({ canLeave }: { canLeave: boolean }) {
  const demo = useDemoSwitch();
  return (
    <div className="demo-ribbon" role="note">
      Bản trình diễn – dữ liệu mẫu
      {canLeave ? (
        <Button
          size="small"
          style={{ marginLeft: 12 }}
          loading={demo.isPending}
          onClick={() => demo.mutate({ open: false })}
        >
          Quay về dữ liệu của tôi
        </Button>
      ) : null}
    </div>
  );
}

function Boot() {
  const settings = useOp('settings.get', {});
  const info = useOp('app.info', {});
  if (settings.isLoading) return <Loading label="Đang mở dữ liệu…" />;
  if (settings.error || !settings.data)
    return (
      <div style={{ padding: 24 }}>
        <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} />
      </div>
    );
  const demo = info.data?.demo ?? false;
  return (
    <>
      {demo ? <DemoRibbon canLeave={info.data?.canLeaveDemo ?? false} /> : null}
      {settings.data.setupDone ? (
        <PeriodProvider>
          <Shell province={settings.data.province} />
        </PeriodProvider>
      ) : (
        <WelcomePage settings={settings.data} />
      )}
    </>
  );
}

function PeriodSelect() {
  const { periods, periodId, setPeriodId, loading } = usePeriod();
  const options = useMemo(
    () =>
      [...periods]
        .sort((a, b) => b.year - a.year || b.dataTo.localeCompare(a.dataTo) || b.id - a.id)
        .map((p) => ({
          value: p.id,
          label: `${p.label}${p.status === 'closed' ? ` (${PERIOD_STATUS_LABEL.closed.toLowerCase()})` : ''}`,
        })),
    [periods],
  );
  return (
    <Flex align="center" gap={8}>
      <label htmlFor="period-select" style={{ whiteSpace: 'nowrap' }}>
        Kỳ báo cáo:
      </label>
      <Select
        id="period-select"
        aria-label="Kỳ báo cáo đang làm việc"
        style={{ width: 300 }}
        loading={loading}
        value={periodId ?? undefined}
        placeholder="Chưa có kỳ báo cáo"
        options={options}
        onChange={(v: number) => setPeriodId(v)}
        notFoundContent="Chưa có kỳ báo cáo"
      />
    </Flex>
  );
}

function Shell({ province }: { province: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const { period } = usePeriod();
  const title = titleFor(location.pathname);
  useEffect(() => {
    document.title = `${title} – ${APP_NAME}`;
  }, [title]);

  return (
    <Layout style={{ minHeight: '100vh' }} hasSider>
      <a
        href="#main-content"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Bỏ qua thanh điều hướng
      </a>
      <Layout.Sider width={220} className="app-sider" style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div style={{ padding: '16px 16px 8px', color: '#fff', background: '#0f2a4d' }}>
          <div style={{ fontSize: 18, fontWeight: 700 }}>{APP_NAME}</div>
          <div style={{ fontSize: 12, color: '#c9d6ea' }}>Ban Vì sự tiến bộ phụ nữ</div>
        </div>
        <nav aria-label="Điều hướng chính">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[navKey(location.pathname)]}
            items={NAV.map((n) => ({ key: n.path, icon: n.icon, label: n.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            padding: '0 24px',
            borderBottom: '1px solid #e5e7eb',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex align="baseline" gap={12} style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {APP_NAME}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis>
              {province || 'Chưa đặt tên tỉnh'}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={12}>
            {period ? (
              <Tag color={period.status === 'open' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                {PERIOD_STATUS_LABEL[period.status]} · hạn {formatDate(period.deadline)}
              </Tag>
            ) : null}
            <PeriodSelect />
          </Flex>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: 24, outline: 'none' }} role="main">
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/don-vi" element={<UnitsPage />} />
            <Route path="/don-vi/:id" element={<UnitDetailPage />} />
            <Route path="/ky-bao-cao" element={<PeriodsPage />} />
            <Route path="/nhap-bao-cao" element={<ImportPage />} />
            <Route path="/bao-cao/:id" element={<SubmissionPage />} />
            <Route path="/ho-so-da-nhan" element={<InboxPage />} />
            <Route path="/nhap-bao-cao-giay" element={<PaperEntryPage />} />
            <Route path="/tong-hop" element={<ConsolidationPage />} />
            <Route path="/ke-hoach" element={<PlanPage />} />
            <Route path="/xuat-bao-cao" element={<ExportPage />} />
            <Route path="/mau-bieu" element={<LayoutsPage />} />
            <Route path="/danh-muc" element={<CatalogPage />} />
            <Route path="/cai-dat" element={<SettingsPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
