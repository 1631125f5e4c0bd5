/** Vietnamese names of the codes that both the core (documents) and the screens show. */
import type { UnitKind } from '../domain/catalog';

/** short names, for screens and tables */
export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  so_nganh: 'Sở, ban, ngành',
  doan_the: 'Đoàn thể',
  xa: 'UBND xã, phường, đặc khu',
  khac: 'Khác',
};

/** the full group names a report uses as headings (Phụ lục, the reminder) */
export const UNIT_KIND_HEADING: Record<UnitKind, string> = {
  so_nganh: 'Sở, ban, ngành cấp tỉnh',
  doan_the: 'Ủy ban MTTQ và các tổ chức chính trị - xã hội cấp tỉnh',
  xa: 'UBND xã, phường, đặc khu',
  khac: 'Đơn vị khác',
};

export { UNIT_KINDS } from '../domain/catalog';

/**
 * The note under a table whose comparisons with the same period of last year mix coverages (the two periods'
 * figures come from different numbers of units): the documents and the Tổng hợp screen say it in these words.
 */
export const COVERAGE_NOTE =
  'Số đơn vị báo cáo của hai kỳ khác nhau: mức tăng/giảm chỉ mang tính tham khảo, không phản ánh đầy đủ biến động của toàn tỉnh.';

/** What an assessment (Đạt / Chưa đạt) is while some expected units have not reported yet. */
export const PROVISIONAL = 'tạm tính';

/**
 * Why the assessments are provisional, under a table of them (the documents prefix it "(*)"). The counts come as the
 * caller writes them: the documents as they are, the screens formatted.
 */
export function provisionalNote(received: number | string, expected: number | string): string {
  return `Số liệu tổng hợp từ ${received}/${expected} đơn vị đã gửi báo cáo: kết quả đánh giá là ${PROVISIONAL}.`;
}
