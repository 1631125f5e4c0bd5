/** The label matcher and the table's header words (issue 17): pure, shared by the import layouts and the appendix. */
import { describe, expect, it } from 'vitest';
import {
  isSectionNumbering,
  makeMatcher,
  matchLabel,
  matchLabels,
  normaliseLabel,
} from '../../../src/main/excel/layout/match';
import { headerKind, periodFromText, unitNameFromCell } from '../../../src/main/excel/layout/table';
import { SEED } from '../../../src/main/services/catalog';

const matcher = makeMatcher(SEED.dataElements.map((d) => ({ code: d.code, name: d.name, unit: d.unit ?? null })));

describe('normaliseLabel', () => {
  it('drops numbering, "Trong đó:", units in brackets; expands abbreviations; folds diacritics and đ', () => {
    expect(normaliseLabel('1. Số CB, CC, VC (người)')).toBe('so can bo cong chuc vien chuc');
    expect(normaliseLabel('a) Trong đó: Số đại biểu HĐND')).toBe('so dai bieu hoi dong nhan dan');
    expect(normaliseLabel('II. Công tác BĐG, VSTBPN')).toBe('cong tac binh dang gioi vi su tien bo phu nu');
    expect(normaliseLabel('- Số vụ BLGĐ (vụ)')).toBe('so vu bao luc gia dinh');
    expect(normaliseLabel('+ Kinh phí (triệu đồng)')).toBe('kinh phi');
    // a bracket that is not a unit of measure is kept
    expect(normaliseLabel('Số đại biểu (khóa hiện tại)')).toBe('so dai bieu khoa hien tai');
  });
});

describe('matchLabel', () => {
  it('maps a paraphrase with a confidence, and leaves a label with no element unmapped', () => {
    const m = matchLabel('Số người làm công tác BĐG và VSTBPN', matcher);
    expect(m.code).toBe('CB_BDG');
    expect(m.confidence).toBeGreaterThan(0.8);
    const none = matchLabel('Số buổi sinh hoạt câu lạc bộ dưỡng sinh', matcher);
    expect(none.code).toBeNull();
    expect(none.confidence).toBeLessThan(0.5);
  });

  it('never gives one code to two rows: the better fit keeps it, the other is left unmapped', () => {
    const [a, b] = matchLabels(
      ['Số lượt người tham dự tuyên truyền về bình đẳng giới', 'Số lượt người tham dự tuyên truyền về BĐG nữ'],
      matcher,
    );
    expect(a!.code).toBe('TT_LUOT');
    expect(b!.code).toBeNull();
    expect(b!.confidence).toBeLessThan(0.5);
  });
});

describe('the table words', () => {
  it('reads the column roles from the header words (Nữ is not Nam, Năm is neither)', () => {
    expect(headerKind('Tổng số')).toBe('total');
    expect(headerKind('Trong đó: Nữ')).toBe('female');
    expect(headerKind('Nam')).toBe('male');
    expect(headerKind('Năm 2025')).toBeNull();
    expect(headerKind('Số lượng')).toBe('value');
    expect(headerKind('Kết quả thực hiện')).toBe('value');
    expect(headerKind('Nội dung')).toBe('label');
    expect(headerKind('Đơn vị tính')).toBe('skip');
    expect(headerKind('Tỷ lệ nữ (%)')).toBe('skip');
    expect(headerKind('So với cùng kỳ năm trước')).toBe('skip');
  });

  it('section headings, the period of a title, the unit of a header line', () => {
    expect(isSectionNumbering('II. NGUỒN NHÂN LỰC')).toBe(true);
    expect(isSectionNumbering('1. Số cuộc')).toBe(false);
    expect(isSectionNumbering('a) Số vụ')).toBe(false);
    expect(periodFromText('Biểu số liệu năm 2024')).toMatchObject({ year: 2024, kind: 'year' });
    expect(periodFromText('BÁO CÁO 6 THÁNG ĐẦU NĂM 2025')).toMatchObject({ year: 2025, kind: 'half_year' });
    expect(periodFromText('Sở Y tế')).toBeNull();
    expect(unitNameFromCell('Đơn vị báo cáo: Sở Y tế')).toBe('Sở Y tế');
    expect(unitNameFromCell('Tên đơn vị: ……………')).toBe('');
  });
});
