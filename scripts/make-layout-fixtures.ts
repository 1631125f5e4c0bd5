/**
 * Writes the layout tests' forms BY HAND with exceljs (issue 17): forms a province made itself, not derived from
 * the app's template — a single-row header, a two-row header ("Số liệu" over "Tổng số | Trong đó: Nữ"), a
 * value-only form with yes/no rows ("Có", "x", blank), province-only rows, the unit in a cell or only in the file
 * name, and drifted copies (a row and a column inserted; a mapped row removed). Then re-saves each with
 * LibreOffice (`soffice --headless --convert-to xlsx`) into tests/fixtures/layouts/libreoffice/.
 *
 *   npx tsx scripts/make-layout-fixtures.ts
 *
 * The specs (labels, the code each row should map to, the figures typed) are exported for the tests.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type Figure = number | string | null;

export interface SpecRow {
  /** numbering cell (STT) */
  stt?: string;
  label: string;
  /** the code the row should map to (null: a province-only row, or a section heading) */
  code: string | null;
  section?: boolean;
  uom?: string;
  /** the figures in the figure columns, in order */
  figures?: Figure[];
}

export interface FormSpec {
  file: string;
  sheet: string;
  title: string[];
  unitLine: string | null;
  /** header: one row of column titles, or two (upper row merges given as [first, last] column indexes) */
  header: { upper?: Array<{ text: string; from: number; to: number }>; lower: string[] };
  /** a numbering row "(1) (2) …" under the header */
  numbering?: boolean;
  /** the columns of the table in order: 'stt' | 'label' | 'uom' | 'fig' | 'note' | 'plan' */
  cols: Array<'stt' | 'label' | 'uom' | 'fig' | 'note' | 'plan'>;
  rows: SpecRow[];
}

const SO_Y_TE_ROWS: SpecRow[] = [
  { stt: 'I', label: 'CÔNG TÁC CHỈ ĐẠO, TUYÊN TRUYỀN', code: null, section: true },
  {
    stt: '1',
    label: 'Số văn bản chỉ đạo, kế hoạch về BĐG, VSTBPN được ban hành',
    code: 'VB_BANHANH',
    uom: 'văn bản',
    figures: [3],
  },
  {
    stt: '2',
    label: 'Số cuộc tuyên truyền, phổ biến pháp luật về BĐG',
    code: 'TT_CUOC',
    uom: 'cuộc',
    figures: [12],
  },
  {
    stt: '3',
    label: 'Số lượt người tham dự tuyên truyền về BĐG (lượt người)',
    code: 'TT_LUOT',
    uom: 'lượt',
    figures: [1500, 800],
  },
  {
    stt: '4',
    label:
      'Có ban hành kế hoạch và triển khai Tháng hành động vì BĐG và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
    code: 'THD_KEHOACH',
    uom: 'có/không',
    figures: ['Có'],
  },
  { stt: 'II', label: 'NGUỒN NHÂN LỰC', code: null, section: true },
  { stt: '5', label: 'Số CB, CC, VC, người lao động (người)', code: 'CBCCVC', uom: 'người', figures: [420, 260] },
  {
    stt: '6',
    label: 'Trong đó: Số người giữ chức vụ lãnh đạo, quản lý',
    code: 'LDQL',
    uom: 'người',
    figures: [35, 12],
  },
  {
    stt: '7',
    label: 'Kinh phí thực hiện công tác BĐG và VSTBPN (triệu đồng)',
    code: 'KINHPHI',
    uom: 'triệu đồng',
    figures: [125.5],
  },
  {
    stt: '8',
    label: 'Số buổi sinh hoạt câu lạc bộ dưỡng sinh cho người cao tuổi',
    code: null,
    uom: 'buổi',
    figures: [24],
  },
  { stt: '9', label: 'Số ca tử vong mẹ (liên quan đến thai sản)', code: 'TUVONG_ME', uom: 'ca', figures: [0] },
  { stt: '10', label: 'Số hội thi, liên hoan văn nghệ quần chúng do ngành tổ chức', code: null, figures: [2] },
];

/** single-row header, the unit named in a cell */
export const SO_Y_TE: FormSpec = {
  file: 'so-y-te-bieu-so-lieu-2025.xlsx',
  sheet: 'Biểu 01',
  title: ['BIỂU SỐ LIỆU NĂM 2025', 'Về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ'],
  unitLine: 'Đơn vị báo cáo: Sở Y tế',
  header: { lower: ['STT', 'Nội dung', 'Đơn vị tính', 'Tổng số', 'Trong đó nữ', 'Ghi chú'] },
  cols: ['stt', 'label', 'uom', 'fig', 'fig', 'note'],
  rows: SO_Y_TE_ROWS,
};

/** the same form drifted: a row inserted near the top, a column "Kế hoạch" inserted before the figures */
export const SO_Y_TE_DRIFT: FormSpec = {
  ...SO_Y_TE,
  file: 'so-y-te-bieu-so-lieu-2025-sua.xlsx',
  header: { lower: ['STT', 'Nội dung', 'Đơn vị tính', 'Kế hoạch', 'Tổng số', 'Trong đó nữ', 'Ghi chú'] },
  cols: ['stt', 'label', 'uom', 'plan', 'fig', 'fig', 'note'],
  rows: [
    SO_Y_TE_ROWS[0]!,
    { stt: '1a', label: 'Số cuộc họp giao ban của ngành', code: null, figures: [4] },
    ...SO_Y_TE_ROWS.slice(1),
  ],
};

/** the same form with a mapped row removed ("Số cuộc tuyên truyền…") */
export const SO_Y_TE_REMOVED: FormSpec = {
  ...SO_Y_TE,
  file: 'so-y-te-bieu-so-lieu-2025-thieu-dong.xlsx',
  rows: SO_Y_TE_ROWS.filter((r) => r.code !== 'TT_CUOC'),
};

/** two-row header, the unit only in the file name, a numbering row, "x" in a yes/no row */
export const SO_NOI_VU: FormSpec = {
  file: 'bao-cao-so-noi-vu-nam-2025.xlsx',
  sheet: 'Sheet1',
  title: ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025'],
  unitLine: null,
  header: {
    upper: [{ text: 'Số liệu', from: 4, to: 5 }],
    lower: ['TT', 'Chỉ tiêu', 'ĐVT', 'Tổng số', 'Trong đó: Nữ'],
  },
  numbering: true,
  cols: ['stt', 'label', 'uom', 'fig', 'fig'],
  rows: [
    { stt: '1.', label: 'Số người làm công tác BĐG và VSTBPN', code: 'CB_BDG', uom: 'người', figures: [6, 4] },
    {
      stt: '2.',
      label: 'Số lượt người được tập huấn về giới, lồng ghép giới',
      code: 'TAPHUAN_LUOT',
      uom: 'lượt người',
      figures: [300, 180],
    },
    { stt: '3.', label: 'Số lớp tập huấn, bồi dưỡng về giới', code: 'TAPHUAN_LOP', uom: 'lớp', figures: [5] },
    {
      stt: '4.',
      label: 'Số cán bộ thuộc diện quy hoạch chức danh lãnh đạo, quản lý',
      code: 'QUYHOACH',
      uom: 'người',
      figures: [50, 20],
    },
    {
      stt: '5.',
      label: 'Số tổ chức được phổ biến, cập nhật thông tin về BĐG',
      code: 'TOCHUC_PHOBIEN',
      uom: 'tổ chức',
      figures: [14],
    },
    { stt: '6.', label: 'Số đoàn công tác kiểm tra liên ngành', code: null, uom: 'đoàn', figures: [3] },
    { stt: '7.', label: 'Số cơ sở trợ giúp xã hội công lập', code: 'CSTGXH', uom: 'cơ sở', figures: [2] },
    {
      stt: '8.',
      label:
        'Có kế hoạch triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
      code: 'THD_KEHOACH',
      figures: ['x'],
    },
  ],
};

/** value-only form (one "Kết quả" column), yes/no rows with "x" and blank, the unit in a "Tên đơn vị" cell */
export const CAM_DUONG: FormSpec = {
  file: 'cam-duong-2025.xlsx',
  sheet: 'Báo cáo',
  title: ['BÁO CÁO SỐ LIỆU BÌNH ĐẲNG GIỚI NĂM 2025'],
  unitLine: 'Tên đơn vị: UBND Phường Cam Đường',
  header: { lower: ['STT', 'Nội dung', 'Kết quả'] },
  cols: ['stt', 'label', 'fig'],
  rows: [
    {
      stt: '1',
      label: 'Số tin, bài về BĐG trên hệ thống thông tin cơ sở (tin, bài)',
      code: 'TINBAI_BDG',
      figures: [8],
    },
    {
      stt: '2',
      label: 'Mỗi quý có ít nhất 04 tin, bài về BĐG trên hệ thống thông tin cơ sở',
      code: 'XA_DU4TINBAI',
      figures: ['x'],
    },
    {
      stt: '3',
      label: 'Xã đạt chỉ tiêu 18.6 (Đảm bảo BĐG và phòng chống BLGĐ; bảo vệ, hỗ trợ người dễ bị tổn thương)',
      code: 'NTM_18_6',
      figures: [null],
    },
    { stt: '4', label: 'Tổng số hương ước, quy ước đã được thông qua', code: 'HUONGUOC_TONG', figures: [12] },
    {
      stt: '5',
      label: 'Số hương ước, quy ước không có sự phân biệt đối xử về giới',
      code: 'HUONGUOC_KPBDX',
      figures: [12],
    },
    { stt: '6', label: 'Tổng số vụ BLGĐ', code: 'BLGD_VU', figures: [2] },
    { stt: '7', label: 'Số buổi ra quân dọn vệ sinh môi trường', code: null, figures: [4] },
  ],
};

export const FORMS: FormSpec[] = [SO_Y_TE, SO_Y_TE_DRIFT, SO_Y_TE_REMOVED, SO_NOI_VU, CAM_DUONG];

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** The workbook of a spec, written cell by cell the way a clerk would lay it out. */
export async function writeForm(spec: FormSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheet);
  const width = spec.cols.length;
  ws.columns = spec.cols.map((c) => ({ width: c === 'label' ? 60 : c === 'stt' ? 6 : 14 }));
  let r = 1;
  for (const t of spec.title) {
    ws.getCell(r, 1).value = t;
    ws.getCell(r, 1).font = { bold: true, size: 13 };
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    ws.mergeCells(r, 1, r, width);
    r++;
  }
  if (spec.unitLine) {
    ws.getCell(r, 1).value = spec.unitLine;
    ws.mergeCells(r, 1, r, Math.min(width, 3));
    r++;
  }
  r++;
  if (spec.header.upper) {
    const top = r;
    const merged = new Set<number>();
    for (const u of spec.header.upper) {
      ws.getCell(top, u.from).value = u.text;
      ws.mergeCells(top, u.from, top, u.to);
      for (let c = u.from; c <= u.to; c++) merged.add(c);
    }
    spec.header.lower.forEach((h, i) => {
      const c = i + 1;
      if (merged.has(c)) ws.getCell(top + 1, c).value = h;
      else {
        ws.getCell(top, c).value = h;
        ws.mergeCells(top, c, top + 1, c);
      }
    });
    for (const rr of [top, top + 1])
      for (let c = 1; c <= width; c++) {
        ws.getCell(rr, c).font = { bold: true };
        ws.getCell(rr, c).border = BORDER;
      }
    r += 2;
  } else {
    spec.header.lower.forEach((h, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.border = BORDER;
    });
    r++;
  }
  if (spec.numbering) {
    for (let c = 1; c <= width; c++) ws.getCell(r, c).value = `(${c})`;
    r++;
  }
  for (const row of spec.rows) {
    let fig = 0;
    spec.cols.forEach((kind, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.border = BORDER;
      if (kind === 'stt' && row.stt) cell.value = row.stt;
      if (kind === 'label') {
        cell.value = row.label;
        if (row.section) cell.font = { bold: true };
      }
      if (kind === 'uom' && row.uom) cell.value = row.uom;
      if (kind === 'fig') {
        const v = row.figures?.[fig++];
        if (v !== undefined && v !== null) cell.value = v;
      }
    });
    r++;
  }
  r++;
  ws.getCell(r, 2).value = 'Người lập biểu';
  ws.getCell(r, Math.min(width, 4)).value = 'Thủ trưởng đơn vị';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const FIXTURE_DIR = resolve(__dirname, '..', 'tests', 'fixtures', 'layouts');
export const LIBREOFFICE_DIR = join(FIXTURE_DIR, 'libreoffice');

async function main(): Promise<void> {
  mkdirSync(LIBREOFFICE_DIR, { recursive: true });
  for (const spec of FORMS) writeFileSync(join(FIXTURE_DIR, spec.file), await writeForm(spec));
  // LibreOffice re-saves every form (its own xlsx writer: shared strings, styles and merges written its way)
  const work = mkdtempSync(join(tmpdir(), 'layout-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(work, 'out'),
        ...FORMS.map((s) => join(FIXTURE_DIR, s.file)),
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
    for (const f of readdirSync(join(work, 'out'))) renameSync(join(work, 'out', f), join(LIBREOFFICE_DIR, f));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`Đã ghi ${FORMS.length} biểu vào ${FIXTURE_DIR} (và bản LibreOffice lưu lại trong libreoffice/).`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
