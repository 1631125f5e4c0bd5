/**
 * Bench part (issue 17): how well `layouts.suggest` maps a province's own form. The form is written here, as a
 * province would word it: the catalogue's names PARAPHRASED (other words, abbreviations BĐG/VSTBPN/CB, CC, VC/
 * HĐND/BLGĐ/DTTS…, "Trong đó:", units in brackets, numbering "1.", "a)", "-", "+", section headings) and a few rows
 * of its own that have no catalogue element. The answer key says what each row is.
 *
 *   layoutSuggestRows           data rows of the form
 *   layoutSuggestRight          share mapped right (a province-only row counts right when left unmapped)
 *   layoutSuggestWrongConfident rows mapped to a wrong code with confidence ≥ 0,8 (the goal: none)
 *
 *   npx tsx scripts/bench/layout.ts        (standalone; `npm run bench` prints the same figures)
 */
import ExcelJS from 'exceljs';
import { resolve } from 'node:path';
import { loadGrid } from '../../src/main/excel/grid';
import { suggestFromGrid } from '../../src/main/excel/layout/suggest';
import { SEED } from '../../src/main/services/catalog';

type Row = [label: string, code: string | null, figures?: Array<number | string>];

/** [label as the province writes it, the element it is (null: the province's own row)] */
export const BENCH_FORM: Array<Row | { section: string }> = [
  { section: 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ TUYÊN TRUYỀN' },
  ['1. Số văn bản chỉ đạo, hướng dẫn về công tác BĐG, VSTBPN đã ban hành (văn bản)', 'VB_BANHANH', [4]],
  [
    '2. Đơn vị có xây dựng kế hoạch và tổ chức Tháng hành động vì BĐG, phòng ngừa, ứng phó bạo lực trên cơ sở giới',
    'THD_KEHOACH',
    ['x'],
  ],
  ['3. Số cuộc tuyên truyền, phổ biến PL về BĐG (cuộc)', 'TT_CUOC', [10]],
  ['- Tổng số lượt người tham dự các cuộc tuyên truyền về BĐG (lượt người)', 'TT_LUOT', [900, 500]],
  ['4. Số lớp tập huấn, bồi dưỡng kiến thức về giới, lồng ghép giới (lớp)', 'TAPHUAN_LOP', [3]],
  ['- Số lượt người tham gia tập huấn về giới và lồng ghép giới', 'TAPHUAN_LUOT', [120, 70]],
  ['5. Kinh phí bố trí cho công tác BĐG và VSTBPN (triệu đồng)', 'KINHPHI', [85]],
  ['6. Số buổi giao lưu văn nghệ chào mừng ngày Quốc tế Phụ nữ 8/3', null, [2]],
  { section: 'II. TỔ CHỨC BỘ MÁY, NHÂN SỰ' },
  ['1. Số người làm công tác BĐG, VSTBPN (kể cả kiêm nhiệm)', 'CB_BDG', [5, 3]],
  ['2. Tổng số CB, CC, VC và người lao động của đơn vị (người)', 'CBCCVC', [310, 180]],
  ['Trong đó: Số người giữ chức vụ lãnh đạo, quản lý các cấp', 'LDQL', [28, 9]],
  ['3. Số cán bộ được quy hoạch vào các chức danh lãnh đạo, quản lý', 'QUYHOACH', [40, 16]],
  ['4. Số đại biểu HĐND nhiệm kỳ hiện tại', 'DBHDND', [50, 15]],
  ['5. Số ủy viên cấp ủy nhiệm kỳ hiện tại', 'CAPUY', [33, 8]],
  ['6. Số hội viên phụ nữ tham gia hiến máu tình nguyện (lượt)', null, [60]],
  { section: 'III. PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH, MUA BÁN NGƯỜI' },
  ['a) Tổng số vụ BLGĐ xảy ra trong kỳ (vụ)', 'BLGD_VU', [6]],
  ['b) Số vụ BLGĐ đã được xử lý', 'BLGD_VU_XULY', [5]],
  ['c) Số nạn nhân của bạo lực gia đình (người)', 'BLGD_NANNHAN', [6, 5]],
  ['d) Số người có hành vi gây bạo lực gia đình', 'BLGD_NGUOIGAY', [6, 1]],
  ['đ) Số địa chỉ tin cậy, nhà tạm lánh tại cộng đồng', 'DCTC', [4]],
  ['+ Số lượt nạn nhân đến địa chỉ tin cậy, nhà tạm lánh', 'DCTC_LUOT', [3, 3]],
  ['e) Số nạn nhân bị mua bán trở về được phát hiện có nhu cầu được hỗ trợ', 'NNMB_NHUCAU', [2, 2]],
  ['g) Số câu lạc bộ phòng chống bạo lực gia đình đang duy trì sinh hoạt', null, [12]],
  { section: 'IV. Y TẾ, GIÁO DỤC' },
  ['1. Số trẻ em sinh ra sống trong kỳ (trẻ)', 'SINH_SONG', [1200, 580]],
  ['2. Số ca tử vong mẹ liên quan đến thai sản', 'TUVONG_ME', [0]],
  ['3. Số ca sinh ở phụ nữ từ 15 - 19 tuổi', 'SINH_ME_15_19', [14]],
  ['4. Số học sinh DTTS hoàn thành chương trình tiểu học', 'HS_DTTS_TH_HT', [800, 390]],
  ['5. Số học sinh DTTS hoàn thành chương trình THCS', 'HS_DTTS_THCS_HT', [600, 300]],
  ['6. Số người có trình độ thạc sĩ', 'THACSI', [90, 50]],
  ['7. Số người có trình độ tiến sĩ', 'TIENSI', [7, 2]],
  ['8. Số trường học đạt chuẩn xanh - sạch - đẹp', null, [9]],
  { section: 'V. KINH TẾ, THÔNG TIN' },
  ['1. Số DN, HTX có giám đốc hoặc chủ doanh nghiệp là nữ', 'DN_CHUNU', [45]],
  ['2. Số đài PT-TH địa phương có chuyên mục về BĐG hằng tháng', 'DAI_CHUYENMUC', [1]],
  ['3. Số hương ước, quy ước của cộng đồng đã được thông qua (bản)', 'HUONGUOC_TONG', [30]],
  ['4. Số mô hình phụ nữ khởi nghiệp được hỗ trợ vốn', null, [5]],
  ['5. Số tin bài tuyên truyền BĐG đăng trên hệ thống thông tin cơ sở', 'TINBAI_BDG', [20]],
  ['6. Số giờ làm việc nhà không được trả công bình quân/tuần', 'GIO_NOITRO', [14, 20]],
  { section: 'VI. CÁC CHỈ TIÊU KHÁC' },
  ['1. Số cơ quan, địa phương có lãnh đạo chủ chốt là nữ', 'CQ_LDCC_NU', [3]],
  ['2. Số người bị BLGĐ, bạo lực trên cơ sở giới được phát hiện', 'NBBL_PHATHIEN', [9, 8]],
  ['3. Số người gây bạo lực được tư vấn, tham vấn', 'NGBL_TUVAN', [4, 0]],
  ['4. Số cơ sở TGXH công lập có hoạt động phòng ngừa, ứng phó bạo lực trên cơ sở giới', 'CSTGXH_BLG', [1]],
  ['5. Số tổ chức được phổ biến và cam kết thực hiện BĐG', 'TOCHUC_PHOBIEN', [11]],
  ['6. Số hộ gia đình đạt danh hiệu gia đình văn hóa', null, [1500]],
  ['7. Số phụ nữ được hỗ trợ vay vốn ưu đãi', null, [230]],
];

/** The bench form as a workbook: a title, the unit line, a two-row header, the rows. */
export async function benchWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu tổng hợp');
  ws.getCell('A1').value = 'BIỂU TỔNG HỢP SỐ LIỆU VỀ BÌNH ĐẲNG GIỚI 6 THÁNG ĐẦU NĂM 2025';
  ws.mergeCells('A1:E1');
  ws.getCell('A2').value = 'Đơn vị báo cáo: Sở Lao động - Thương binh và Xã hội';
  ws.getCell('A4').value = 'Nội dung chỉ tiêu';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = 'ĐVT';
  ws.mergeCells('B4:B5');
  ws.getCell('C4').value = 'Kết quả thực hiện';
  ws.mergeCells('C4:D4');
  ws.getCell('C5').value = 'Tổng số';
  ws.getCell('D5').value = 'Trong đó: Nữ';
  ws.getCell('E4').value = 'Ghi chú';
  ws.mergeCells('E4:E5');
  let r = 6;
  for (const row of BENCH_FORM) {
    if ('section' in row) ws.getCell(r, 1).value = row.section;
    else {
      ws.getCell(r, 1).value = row[0];
      (row[2] ?? []).forEach((v, i) => (ws.getCell(r, 3 + i).value = v));
    }
    r++;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface LayoutBench {
  layoutSuggestRows: number;
  layoutSuggestRight: number;
  layoutSuggestWrongConfident: number;
  /** the rows it got wrong: label, expected, proposed, confidence */
  misses: Array<{ label: string; want: string | null; got: string | null; confidence: number }>;
}

export async function benchLayout(): Promise<LayoutBench> {
  const bytes = await benchWorkbook();
  const grid = await loadGrid(bytes, 'bieu-tong-hop-6-thang-2025.xlsx');
  const s = suggestFromGrid(grid, 'bieu-tong-hop-6-thang-2025.xlsx', {
    elements: SEED.dataElements,
    indicators: [],
    unitOf: () => null,
  });
  const key = new Map(BENCH_FORM.filter((x): x is Row => Array.isArray(x)).map((x) => [x[0], x[1]]));
  let right = 0;
  let wrongConfident = 0;
  const misses: LayoutBench['misses'] = [];
  for (const row of s.rows) {
    const want = key.has(row.label) ? key.get(row.label)! : null;
    if (row.code === want) right++;
    else {
      misses.push({ label: row.label, want, got: row.code, confidence: row.confidence });
      if (row.code !== null && row.confidence >= 0.8) wrongConfident++;
    }
  }
  // a row of the key the table finder missed counts as wrong
  const rows = key.size;
  return {
    layoutSuggestRows: rows,
    layoutSuggestRight: Math.round((right / rows) * 1000) / 1000,
    layoutSuggestWrongConfident: wrongConfident,
    misses,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  benchLayout()
    .then((b) => {
      console.log(`layoutSuggestRows            ${b.layoutSuggestRows}`);
      console.log(`layoutSuggestRight           ${b.layoutSuggestRight}`);
      console.log(`layoutSuggestWrongConfident  ${b.layoutSuggestWrongConfident} (mục tiêu: 0)`);
      for (const m of b.misses)
        console.log(
          `  sai: "${m.label}" — cần ${m.want ?? '(để trống)'}, gợi ý ${m.got ?? '(để trống)'} (${m.confidence})`,
        );
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
