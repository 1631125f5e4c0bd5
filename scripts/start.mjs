// `npm start`: the desktop app in Electron when its binary is available; otherwise says so plainly and starts
// the local web host instead (printing the URL and opening a browser if one is found).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

if (!existsSync('out/renderer/index.html') || !existsSync('out/main/index.js')) {
  console.error('Đang dựng ứng dụng (npm run build)…');
  const b = run('npm', ['run', 'build']);
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const bin = electronBinary();
if (bin) {
  const child = spawn(bin, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(
    'Không tìm thấy chương trình Electron trên máy này (không tải được khi cài đặt), nên ứng dụng chạy trong trình duyệt.\n' +
      'Giao diện và dữ liệu giống hệt bản cài đặt; chỉ truy cập được từ chính máy này.',
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'serve', ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
}
