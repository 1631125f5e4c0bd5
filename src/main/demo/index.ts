/**
 * The demo: a sample province with units (including a 2025 merger), two periods and filled reports, built in a
 * throw-away database through the same code path as real work (templates generated, filled, imported).
 * It never touches the officer's real database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitKind } from '../../shared/domain/catalog';
import { createContext, type Ctx } from '../api/context';
import { fillForm } from './form-filler';
import { getCatalog } from '../services/catalog';
import { unitFigures, toFill } from './data';
import { importFile } from '../services/imports';
import { createPeriod, setPeriodStatus, setProvinceValue } from '../services/periods';
import { updateSettings } from '../services/settings';
import { exportTemplates } from '../services/templates';
import { linkUnits, saveUnit } from '../services/units';

const UNITS: Array<[string, string, UnitKind, string, string]> = [
  ['HB-S01', 'Sở Nội vụ', 'so_nganh', 'Nguyễn Thị Hoa', '0214 3820 101'],
  ['HB-S02', 'Sở Tài chính', 'so_nganh', 'Trần Văn Minh', '0214 3820 102'],
  ['HB-S03', 'Sở Tư pháp', 'so_nganh', 'Lê Thị Lan', '0214 3820 103'],
  ['HB-S04', 'Sở Y tế', 'so_nganh', 'Phạm Thu Hà', '0214 3820 104'],
  ['HB-S05', 'Sở Giáo dục và Đào tạo', 'so_nganh', 'Hoàng Văn Đức', '0214 3820 105'],
  ['HB-S06', 'Sở Văn hóa, Thể thao và Du lịch', 'so_nganh', 'Vũ Thị Mai', '0214 3820 106'],
  ['HB-S07', 'Công an tỉnh', 'so_nganh', 'Đặng Quốc Huy', '0214 3820 107'],
  ['HB-S08', 'Báo và Phát thanh, Truyền hình tỉnh', 'so_nganh', 'Bùi Thị Thu', '0214 3820 108'],
  ['HB-D01', 'Ủy ban MTTQ Việt Nam tỉnh', 'doan_the', 'Đỗ Văn Nam', '0214 3821 201'],
  ['HB-D02', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the', 'Ngô Thị Hương', '0214 3821 202'],
  ['HB-D03', 'Liên đoàn Lao động tỉnh', 'doan_the', 'Dương Văn Tùng', '0214 3821 203'],
  ['HB-D04', 'Tỉnh đoàn', 'doan_the', 'Lý Thị Ngọc', '0214 3821 204'],
  ['HB-X01', 'Phường Hoa Ban', 'xa', 'Nguyễn Văn An', '0912 000 301'],
  ['HB-X02', 'Phường Suối Hoa', 'xa', 'Trần Thị Bình', '0912 000 302'],
  ['HB-X03', 'Xã Bản Lầu', 'xa', 'Lò Văn Chiến', '0912 000 303'],
  ['HB-X04', 'Xã Mường Khương', 'xa', 'Giàng Thị Dung', '0912 000 304'],
  ['HB-X05', 'Xã Tả Van', 'xa', 'Sùng A Páo', '0912 000 305'],
  ['HB-X06', 'Xã Phong Niên', 'xa', 'Hà Thị Én', '0912 000 306'],
  ['HB-X07', 'Đặc khu Thác Bạc', 'xa', 'Mai Văn Giang', '0912 000 307'],
  ['HB-X08', 'Phường Cam Đường', 'xa', 'Phùng Thị Hạnh', '0912 000 308'],
];
/** before 01/7/2025: three communes, merged into Phường Cam Đường (HB-X08) */
const OLD: Array<[string, string]> = [
  ['HB-C01', 'Xã Cam Đường'],
  ['HB-C02', 'Xã Tả Phời'],
  ['HB-C03', 'Phường Pom Hán'],
];

const mail = (code: string) => `${code.toLowerCase()}@hoaban.gov.vn`;

async function importAll(
  ctx: Ctx,
  periodId: number,
  share: number,
  dates: (i: number) => string,
  seed: number,
): Promise<void> {
  const catalog = getCatalog(ctx.db);
  const files = await exportTemplates(ctx.db, periodId);
  const unitFiles = files.filter((f) => f.unit !== null);
  const take = Math.round(unitFiles.length * share);
  for (let i = 0; i < take; i++) {
    const f = unitFiles[i]!;
    const values = unitFigures(
      catalog.dataElements,
      catalog.validationRules,
      catalog.cellLabels,
      seed + i,
      catalog.indicators,
    );
    const bytes = await fillForm(f.bytes, toFill(values), catalog.cellLabels);
    const r = await importFile(ctx, {
      periodId,
      file: { name: f.name, bytes },
      receivedAt: dates(i),
      channel: i % 3 === 0 ? 'usb' : 'email',
    });
    if (r.status === 'rejected')
      throw new Error(`Dữ liệu trình diễn bị từ chối: ${r.errors.map((e) => e.message).join('; ')}`);
  }
}

/** Figures from the provincial statistics office, entered once per year. */
function provinceFigures(ctx: Ctx, periodId: number, growth: number): void {
  const figures: Array<[string, 'total' | 'female' | 'value', number]> = [
    ['DANSO', 'total', 742_000],
    ['DANSO', 'female', 366_500],
    ['DANSO_TIEPCAN_BDG', 'value', 452_600],
    ['LD_NU_COVIECLAM', 'value', 221_000],
    ['LD_NU_LCHL', 'value', 71_300],
    ['LD_NU_NONGNGHIEP', 'value', 122_800],
  ];
  for (const [element, cell, value] of figures) {
    const v = element === 'DANSO' ? value : Math.round(value * growth);
    setProvinceValue(ctx.db, { id: periodId, element, cell, value: { state: 'number', value: v } });
  }
}

export async function buildDemo(dbPath: string): Promise<void> {
  const ctx = createContext(dbPath, { demo: true });
  try {
    updateSettings(ctx.db, {
      setupDone: true,
      province: 'Tỉnh Hoa Ban',
      agencyParent: 'UBND TỈNH HOA BAN',
      agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH',
      placeName: 'Hoa Ban',
      docNumberPattern: '{so}/BC-BVSTBPN',
      signer: {
        authority: 'KT.',
        authorityTitle: 'TRƯỞNG BAN',
        title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
        name: 'Nguyễn Thị Thanh',
      },
      officer: 'Chuyên viên Sở Nội vụ (trình diễn)',
    });
    const ids = new Map<string, number>();
    for (const [code, name, kind, contact, phone] of UNITS) {
      ids.set(code, saveUnit(ctx.db, { code, name, kind, contact, phone, email: mail(code) }).id);
    }
    for (const [code, name] of OLD) {
      ids.set(
        code,
        saveUnit(ctx.db, { code, name, kind: 'xa', contact: 'Cán bộ văn hóa - xã hội', email: mail(code) }).id,
      );
    }
    linkUnits(
      ctx.db,
      OLD.map(([c]) => ids.get(c)!),
      [ids.get('HB-X08')!],
      '2025-07-01',
    );

    const h1 = createPeriod(ctx.db, { year: 2025, kind: 'half_year' });
    await importAll(ctx, h1.id, 1, (i) => (i % 5 === 0 ? '2025-06-13' : '2025-06-0' + ((i % 9) + 1)), 100);
    setPeriodStatus(ctx.db, h1.id, 'closed');

    const y2025 = createPeriod(ctx.db, { year: 2025, kind: 'year' });
    await importAll(ctx, y2025.id, 1, (i) => (i % 4 === 0 ? '2025-12-15' : '2025-12-0' + ((i % 9) + 1)), 200);
    provinceFigures(ctx, y2025.id, 1);
    setPeriodStatus(ctx.db, y2025.id, 'closed');

    const h2026 = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    await importAll(ctx, h2026.id, 0.9, (i) => (i % 6 === 0 ? '2026-06-12' : '2026-06-0' + ((i % 9) + 1)), 300);

    const y2026 = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    await importAll(ctx, y2026.id, 0.65, (i) => '2026-11-' + String(10 + (i % 12)).padStart(2, '0'), 400);
    provinceFigures(ctx, y2026.id, 1.03);
  } finally {
    ctx.close();
  }
}

/** one demo database per process, built on first use in the temp folder */
let demoPath: Promise<string> | null = null;

/** The demo database of this process (built on first call; a failed build is tried again next time). */
export async function demoDatabase(): Promise<string> {
  demoPath ??= (async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bdg-demo-')), 'demo.sqlite');
    await buildDemo(path);
    return path;
  })();
  try {
    return await demoPath;
  } catch (e) {
    demoPath = null;
    throw e;
  }
}

/** Opens the demo in place of the officer's database, or goes back to hers (when the demo was opened from the app). */
export async function switchDemo(ctx: Ctx, open: boolean): Promise<void> {
  if (open && !ctx.demo) ctx.switchTo(await demoDatabase(), true);
  else if (!open && ctx.demo && ctx.homeDbPath !== ctx.dbPath) ctx.switchTo(ctx.homeDbPath, false);
}
