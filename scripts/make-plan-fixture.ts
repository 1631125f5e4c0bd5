/**
 * Writes the plan-list fixture the way a province writes its Kế hoạch: a title, a header row, section rows in bold
 * merged across the table, tasks with units written by name (group phrases, one misspelt name), then has
 * LibreOffice save it again (tests/fixtures/plan/ke-hoach-2026-libreoffice.xlsx).
 *   npx tsx scripts/make-plan-fixture.ts
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = join(__dirname, '..', 'tests', 'fixtures', 'plan');

const rows: Array<[string, string, string, string, string | Date, string]> = [
  ['I', 'CÔNG TÁC TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT VỀ BÌNH ĐẲNG GIỚI', '', '', '', ''],
  [
    '1',
    'Tổ chức các hoạt động truyền thông về bình đẳng giới trên các phương tiện thông tin đại chúng',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Các sở, ban, ngành; Báo và Phát thanh, Truyền hình tỉnh',
    new Date(Date.UTC(2026, 5, 30)),
    'Chuyên mục, tin bài',
  ],
  [
    '2',
    'Tuyên truyền phòng ngừa, ứng phó với bạo lực trên cơ sở giới trong hội viên, đoàn viên',
    'Hội LHPN tỉnh',
    'Các tổ chức chính trị - xã hội',
    'Thường xuyên',
    'Báo cáo kết quả',
  ],
  ['II', 'NÂNG CAO NĂNG LỰC QUẢN LÝ NHÀ NƯỚC VỀ BÌNH ĐẲNG GIỚI', '', '', '', ''],
  [
    '3',
    'Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh',
    'Sở Nội vụ',
    'Các thành viên Ban',
    '31/3/2026',
    'Quyết định kiện toàn',
  ],
  [
    '4',
    'Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
    'Sở Nội vụ',
    'UBND các xã, phường, đặc khu; Sở Tư Pháo',
    '15/12/2026',
    'Kế hoạch, báo cáo',
  ],
  [
    '5',
    'Kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới tại cơ sở',
    'Sở Nội vụ, Sở Y tế',
    'Phường Cam Đường và Xã Bảo Thắng',
    'Quý III/2026',
    'Biên bản kiểm tra',
  ],
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục');
  ws.columns = [{ width: 6 }, { width: 60 }, { width: 28 }, { width: 36 }, { width: 14 }, { width: 22 }];
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = 'PHỤ LỤC NHIỆM VỤ KẾ HOẠCH THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026';
  ws.getCell('A1').font = { bold: true, size: 13 };
  const header = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Sản phẩm'];
  header.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  let r = 4;
  for (const row of rows) {
    if (!row[2]) {
      ws.getCell(r, 1).value = row[0];
      ws.mergeCells(r, 2, r, 6);
      ws.getCell(r, 2).value = row[1];
      ws.getRow(r).font = { bold: true };
    } else {
      row.forEach((v, i) => (ws.getCell(r, i + 1).value = v));
      ws.getCell(r, 5).numFmt = 'dd/mm/yyyy';
    }
    r++;
  }
  const dir = mkdtempSync(join(tmpdir(), 'plan-fixture-'));
  const src = join(dir, 'ke-hoach-2026.xlsx');
  writeFileSync(src, Buffer.from(await wb.xlsx.writeBuffer()));
  copyFileSync(src, join(OUT, 'ke-hoach-2026-exceljs.xlsx'));
  const lo = join(dir, 'lo');
  execFileSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', lo, src], { stdio: 'inherit' });
  copyFileSync(join(lo, 'ke-hoach-2026.xlsx'), join(OUT, 'ke-hoach-2026-libreoffice.xlsx'));
}

void main();
