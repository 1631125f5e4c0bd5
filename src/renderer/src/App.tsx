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
import { lazy, Suspense, useEffect, useMemo, type ComponentType } from 'react';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { formatDate } from '../../shared/text/vi';
import { useOp } from './api/client';
import { ErrorBox, Loading } from './components/common';
import { APP_NAME, PERIOD_STATUS_LABEL } from './labels';
import { DashboardPage } from './pages/Dashboard';
import { useDemoSwitch } from './state/demo';
import { THEME } from './theme';
import { PeriodProvider, usePeriod } from './state/period';

/**
 * The screens other than Tổng quan, each loaded when first opened: the first screen parses only its own code
 * (issue 20: the whole renderer was one 5 MB script parsed before anything showed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each screen's own props
function page<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const CatalogPage = page(() => import('./pages/catalog'), 'CatalogPage');
const ConsolidationPage = page(() => import('./pages/consolidation'), 'ConsolidationPage');
const ExportPage = page(() => import('./pages/Export'), 'ExportPage');
const ImportPage = page(() => import('./pages/import'), 'ImportPage');
const InboxPage = page(() => import('./pages/inbox'), 'InboxPage');
const LayoutsPage = page(() => import('./pages/layouts'), 'LayoutsPage');
const PaperEntryPage = page(() => import('./pages/entry'), 'PaperEntryPage');
const PeriodsPage = page(() => import('./pages/periods'), 'PeriodsPage');
const PlanPage = page(() => import('./pages/plan'), 'PlanPage');
const SettingsPage = page(() => import('./pages/Settings'), 'SettingsPage');
const SubmissionPage = page(() => import('./pages/submission'), 'SubmissionPage');
const UnitDetailPage = page(() => import('./pages/UnitDetail'), 'UnitDetailPage');
const UnitsPage = page(() => import('./pages/units'), 'UnitsPage');
const WelcomePage = page(() => import('./pages/Welcome'), 'WelcomePage');

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

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

export function Root() {
  return (
    <ConfigProvider locale={viVN} theme={THEME}>
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
        <Suspense fallback={<Loading />}>
          <WelcomePage settings={settings.data} />
        </Suspense>
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
            {/* one line on a narrow window (1024 px): the province's name gives way, with an ellipsis */}
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
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
          <Suspense fallback={<Loading />}>
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
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
