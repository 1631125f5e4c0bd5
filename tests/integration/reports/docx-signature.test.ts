/**
 * The signature block never sits alone on a page (issue 16, item 5 for the Word side): letters of growing length,
 * so that one of them ends right at a page foot, converted by LibreOffice in one run; on every one, the page
 * holding "Nơi nhận" also holds body text above it.
 */
import { describe, expect, it } from 'vitest';
import { buildDocx, type OfficialDocument } from '../../../src/main/documents/docx/build';
import { docxToPdf, pdfPages, PT_PER_MM } from '../../helpers/pdf-measure';

const PARA =
  'Thực hiện chế độ báo cáo về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ, các cơ quan, đơn vị đã ' +
  'triển khai các hoạt động theo kế hoạch, lồng ghép nội dung bình đẳng giới trong xây dựng và thực hiện chính sách.';

function letter(n: number): OfficialDocument {
  return {
    title: `Thư ${n}`,
    header: {
      parent: 'UBND TỈNH LÀO CAI',
      name: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ',
      numberLine: 'Số: 12/BVSTBPN-VP',
      dateLine: 'Lào Cai, ngày 05 tháng 6 năm 2026',
      vv: 'V/v thử độ dài văn bản',
    },
    kinhGui: ['Sở Y tế'],
    body: Array.from({ length: n }, (_, i) => ({ kind: 'para' as const, runs: [`${i + 1}. ${PARA}`] })),
    signer: { authority: 'KT. TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: 'Nguyễn Thị Hoa' },
    recipients: ['- Như trên;', '- Lưu: VT, VP.'],
  };
}

describe('the signature block', () => {
  it('is never alone on its page, whatever the body length', async () => {
    const ns = [7, 8, 9, 10, 11, 12, 13, 14];
    const files = await Promise.all(
      ns.map(async (n) => ({ name: `thu-${n}.docx`, bytes: await buildDocx(letter(n)) })),
    );
    const pdfs = docxToPdf(files);
    let pageBreaks = 0;
    pdfs.forEach((pdf, i) => {
      const pages = pdfPages(pdf);
      if (pages.length > 1) pageBreaks++;
      const pg = pages.find((x) => x.words.some((w) => w.text === 'Nơi'))!;
      const noi = pg.words.find((w) => w.text === 'Nơi')!;
      const above = pg.words.filter((w) => w.yMax < noi.yMin && w.yMin > 18 * PT_PER_MM);
      expect(above.length, `${ns[i]} paragraphs: page ${pg.page} holds only the signature`).toBeGreaterThan(5);
    });
    expect(pageBreaks).toBeGreaterThan(0);
  }, 200_000);
});
