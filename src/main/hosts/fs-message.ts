/**
 * Node's file-system errors in the officer's words, for the doors that write files where she asked (the `bdg`
 * command's --out, the desktop app's "save to folder"). Nothing here loads the core.
 */

/**
 * A file-system error of Node (`ENOENT`, `EEXIST`…, with its syscall and path) said in Vietnamese: a command writing
 * to a folder that is a file, into a folder that does not exist, where it may not write, on a full disk. Null for
 * any other error.
 */
export function fileSystemMessage(e: unknown): string | null {
  const x = e as { code?: unknown; syscall?: unknown; path?: unknown } | null;
  if (!x || typeof x.code !== 'string' || typeof x.syscall !== 'string' || !/^E[A-Z]+$/.test(x.code)) return null;
  const where = typeof x.path === 'string' ? `"${x.path}"` : 'đường dẫn đã cho';
  switch (x.code) {
    case 'ENOENT':
      return `Không tìm thấy ${where} (hay thư mục chứa nó). Hãy kiểm tra lại đường dẫn.`;
    case 'EEXIST':
      return x.syscall === 'mkdir'
        ? `${where} là một tệp, không phải thư mục. Hãy chọn một thư mục để ghi.`
        : `${where} đã có. Hãy chọn một tên khác để không ghi đè.`;
    case 'EISDIR':
      return `${where} là một thư mục. Hãy ghi rõ tên tệp (ví dụ bao-cao.xlsx trong thư mục đó).`;
    case 'ENOTDIR':
      return `Một phần của đường dẫn ${where} là tệp, không phải thư mục. Hãy kiểm tra lại đường dẫn.`;
    case 'EACCES':
    case 'EPERM':
      return `Không có quyền truy cập ${where}. Hãy chọn nơi khác (ví dụ thư mục Tài liệu) hoặc đóng chương trình đang mở tệp đó.`;
    case 'EBUSY':
      return `${where} đang được một chương trình khác mở (ví dụ Excel). Hãy đóng chương trình đó rồi thử lại.`;
    case 'ENOSPC':
      return `Ổ đĩa đã đầy, không ghi được ${where}. Hãy giải phóng chỗ trống rồi thử lại.`;
    case 'EROFS':
      return `Ổ đĩa chỉ cho đọc, không ghi được ${where}. Hãy chọn nơi khác để ghi.`;
    default:
      return null;
  }
}
