/**
 * The Electron door: app lifecycle, a hardened window, the app:// protocol, IPC to the core worker,
 * native dialogs and printing. The only folder that imports 'electron'.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import type { PdfPrintOptions } from '../../../shared/contract/app';
import { defaultDbPath } from '../../paths';
import { startCoreWorker, type CoreClient } from '../../worker/client';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { HOST_CHANNELS, EVENT_PREFIX } from './preload-api';
import { appProtocolHandler } from './protocol';
import { writeFilesToFolder } from './save-files';
import {
  APP_ORIGIN,
  APP_SCHEME,
  createMainWindowOptions,
  isTrustedSender,
  navigationGuard,
  permissionCheckHandler,
  permissionRequestHandler,
  webviewGuard,
  windowOpenHandler,
} from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', webviewGuard());
    contents.on('will-navigate', navigationGuard());
    contents.on('will-redirect', navigationGuard());
    contents.setWindowOpenHandler(windowOpenHandler((url) => shell.openExternal(url)));
  });
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Báo cáo BĐG', `Không khởi động được ứng dụng: ${e instanceof Error ? e.message : String(e)}`);
    app.quit();
  });
  app.on('window-all-closed', () => {
    void core?.terminate();
    app.quit();
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler());
  session.defaultSession.setPermissionCheckHandler(permissionCheckHandler());
  const rendererRoot = join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererRoot));

  const dbPath = defaultDbPath();
  core = startCoreWorker(join(__dirname, 'core-worker.js'), { dbPath });
  try {
    await core.ready;
  } catch (e) {
    dialog.showErrorBox('Báo cáo BĐG', e instanceof Error ? e.message : String(e));
    app.quit();
    return;
  }
  const client = core;
  registerIpc(ipcMain, (op, input) => client.call(op, input));
  client.onEvent((event, payload) => mainWindow?.webContents.send(EVENT_PREFIX + event, payload));
  // the daily backup (once a day, rotated) is taken by the core worker when it opens the database

  ipcMain.handle(HOST_CHANNELS.saveFiles, async (event, files: Array<{ name: string; bytes: Uint8Array }>) => {
    if (!isTrustedSender(event) || !mainWindow)
      return { ok: false, error: { code: 'unauthorized', message: 'Không được phép.' } };
    const r = await dialog.showOpenDialog(mainWindow, {
      title: 'Chọn thư mục lưu tệp',
      properties: ['openDirectory', 'createDirectory'],
    });
    if (r.canceled || !r.filePaths[0]) return { ok: true, data: null };
    return writeFilesToFolder(r.filePaths[0], files);
  });
  ipcMain.handle(HOST_CHANNELS.printToPdf, async (event, html: string) => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'Không được phép.' } };
    const options = await client.call('app.printOptions', {});
    if (!options.ok) return options;
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, javascript: false },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await win.webContents.printToPDF(options.data as PdfPrintOptions);
      return { ok: true, data: { bytes: new Uint8Array(pdf) } };
    } catch (e) {
      return {
        ok: false,
        error: {
          code: 'internal',
          message:
            'Không in được ra PDF. Hãy bấm "Xuất PDF" lại; nếu vẫn không được, dùng nút "In" (chọn máy in ' +
            '"Microsoft Print to PDF") hoặc "Tải về (.html)".',
          details: { cause: e instanceof Error ? e.message : String(e) },
        },
      };
    } finally {
      win.destroy();
    }
  });

  mainWindow = new BrowserWindow(createMainWindowOptions(join(__dirname, '../preload/index.js')));
  const win = mainWindow;
  const menu = Menu.buildFromTemplate(
    buildMenuTemplate(
      {
        navigate: (route) => void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify('#' + route)}`),
        reload: () => win.webContents.reload(),
        toggleDevTools: () => win.webContents.toggleDevTools(),
        quit: () => app.quit(),
        about: () =>
          void dialog.showMessageBox(win, {
            title: 'Giới thiệu',
            message: `Báo cáo BĐG ${app.getVersion()}`,
            detail: `Dữ liệu: ${dbPath}`,
          }),
        openDataFolder: () => void shell.openPath(dirname(dbPath)),
      },
      { packaged: app.isPackaged },
    ),
  );
  Menu.setApplicationMenu(menu);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  await win.loadURL(!app.isPackaged && devUrl ? devUrl : `${APP_ORIGIN}/index.html`);
}
