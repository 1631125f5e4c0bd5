/** The app's antd theme (ConfigProvider), one place: the screens and scripts/antd-styles.tsx use the same. */
import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
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
};
