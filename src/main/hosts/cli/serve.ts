/** `bdg serve`: the local web host, printing its URL (with the per-launch token) and opening a browser. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCore } from '../../worker/core';
import { createEventHub } from '../events';
import { startWebHost } from '../web/server';

export function rendererDir(): string {
  if (process.env.BDG_RENDERER_DIR) return resolve(process.env.BDG_RENDERER_DIR);
  const candidates = [
    resolve(__dirname, '../../../../out/renderer'), // from the sources (src/main/hosts/cli)
    resolve(__dirname, '../renderer'), // from the built command (out/cli/bdg.cjs)
    resolve(process.cwd(), 'out/renderer'),
  ];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser found: the URL is printed anyway
  }
}

export async function serve(opts: {
  dbPath: string;
  port?: number;
  demo: boolean;
  open: boolean;
  io: { out: (s: string) => void; err: (s: string) => void };
}): Promise<number> {
  const staticDir = rendererDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    opts.io.err('Chưa có bản dựng giao diện. Hãy chạy "npm run build" một lần rồi chạy lại lệnh này.\n');
    return 1;
  }
  if (opts.demo) opts.io.err('Đang tạo dữ liệu trình diễn (không đụng tới cơ sở dữ liệu thật)…\n');
  // the ctx's events (import progress) reach the browser through the host's event stream
  const events = createEventHub();
  const ctx = await openCore(opts.dbPath, {
    door: 'web',
    demo: opts.demo,
    emit: events.emit,
    onBackupError: (message) => opts.io.err(`Cảnh báo: chưa sao lưu hằng ngày được (${message}).\n`),
  });
  const host = await startWebHost({
    ctx,
    staticDir,
    events,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });
  opts.io.out(`${host.url}\n`);
  opts.io.err(`Báo cáo BĐG đang chạy tại ${host.origin} (chỉ truy cập được từ máy này). Nhấn Ctrl+C để dừng.\n`);
  if (opts.open && !process.env.CI) openBrowser(host.url);
  await new Promise<void>((resolveP) => {
    const stop = () => {
      void host.close().then(() => {
        ctx.close();
        resolveP();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
