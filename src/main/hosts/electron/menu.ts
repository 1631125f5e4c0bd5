/** The Vietnamese application menu (a plain template so it is testable without Electron). */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  navigate(route: string): void;
  reload(): void;
  toggleDevTools(): void;
  quit(): void;
  about(): void;
  openDataFolder(): void;
}

export function buildMenuTemplate(actions: MenuActions, opts: { packaged: boolean }): MenuItemConstructorOptions[] {
  const go = (label: string, route: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => actions.navigate(route),
    ...(accelerator ? { accelerator } : {}),
  });
  const view: MenuItemConstructorOptions[] = [
    { label: 'Phóng to', role: 'zoomIn' },
    { label: 'Thu nhỏ', role: 'zoomOut' },
    { label: 'Cỡ chữ mặc định', role: 'resetZoom' },
    { type: 'separator' },
    { label: 'Toàn màn hình', role: 'togglefullscreen' },
  ];
  if (!opts.packaged) {
    view.push({ type: 'separator' }, { label: 'Tải lại', accelerator: 'CmdOrCtrl+R', click: () => actions.reload() });
    view.push({ label: 'Công cụ nhà phát triển', accelerator: 'F12', click: () => actions.toggleDevTools() });
  }
  return [
    {
      label: 'Tệp',
      submenu: [
        go('Nhập báo cáo…', '/nhap-bao-cao', 'CmdOrCtrl+O'),
        go('Xuất báo cáo…', '/xuat-bao-cao', 'CmdOrCtrl+E'),
        { type: 'separator' },
        { label: 'Mở thư mục dữ liệu', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: 'Thoát', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: 'Sửa',
      submenu: [
        { label: 'Hoàn tác', role: 'undo' },
        { label: 'Làm lại', role: 'redo' },
        { type: 'separator' },
        { label: 'Cắt', role: 'cut' },
        { label: 'Sao chép', role: 'copy' },
        { label: 'Dán', role: 'paste' },
        { label: 'Chọn tất cả', role: 'selectAll' },
      ],
    },
    {
      label: 'Đi tới',
      submenu: [
        go('Tổng quan', '/', 'CmdOrCtrl+1'),
        go('Đơn vị', '/don-vi', 'CmdOrCtrl+2'),
        go('Kỳ báo cáo', '/ky-bao-cao', 'CmdOrCtrl+3'),
        go('Nhập báo cáo', '/nhap-bao-cao', 'CmdOrCtrl+4'),
        go('Tổng hợp', '/tong-hop', 'CmdOrCtrl+5'),
        go('Xuất báo cáo', '/xuat-bao-cao', 'CmdOrCtrl+6'),
        go('Danh mục chỉ tiêu', '/danh-muc', 'CmdOrCtrl+7'),
        go('Cài đặt', '/cai-dat', 'CmdOrCtrl+8'),
      ],
    },
    { label: 'Xem', submenu: view },
    {
      label: 'Trợ giúp',
      submenu: [{ label: 'Giới thiệu Báo cáo BĐG', click: () => actions.about() }],
    },
  ];
}
