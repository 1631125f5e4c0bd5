/** A realistic ReportModel for report tests: the seed catalogue, a few invented units, figures computed by the rules. */
import catalogJson from '../../resources/catalog.json';
import type { Catalog, CellKey, UnitKind } from '../../src/shared/domain/catalog';
import type { StoredValue } from '../../src/shared/domain/records';
import type { Settings } from '../../src/shared/contract/app';
import { consolidate, femaleShares } from '../../src/shared/rules/aggregate';
import { computeStatus, type ExpectedUnit } from '../../src/shared/rules/completeness';
import type { ReportModel } from '../../src/main/documents/model';

export const catalog = catalogJson as unknown as Catalog;

export const n = (element: string, cell: CellKey, value: number): StoredValue => ({
  element,
  cell,
  value: { state: 'number', value },
});
export const yn = (element: string, value: boolean): StoredValue => ({
  element,
  cell: 'value',
  value: { state: 'yesno', value },
});
export const txt = (element: string, value: string): StoredValue => ({
  element,
  cell: 'value',
  value: { state: 'text', value },
});

export const FORMULA_TEXT = '=HYPERLINK("http://evil.example/x","Bấm vào đây")';
export const SCRIPT_TEXT = '<script>alert("x")</script> & <b>đậm</b>';

export const settings: Settings = {
  setupDone: true,
  province: 'Tỉnh Lào Cai',
  agencyParent: 'UBND tỉnh Lào Cai',
  agencyName: 'Ban Vì sự tiến bộ phụ nữ',
  docNumberPattern: '{so}/BC-BVSTBPN',
  placeName: 'Lào Cai',
  signer: {
    authority: 'KT.',
    authorityTitle: 'Trưởng ban',
    title: 'Phó Trưởng ban Thường trực',
    name: 'Nguyễn Thị Hoa',
  },
  recipients: ['Bộ Nội vụ', 'UBND tỉnh', 'Thành viên Ban VSTBPN tỉnh', 'Lưu: VT, BVSTBPN'],
  backupKeep: 30,
  officer: 'Trần Văn An',
  officerPhone: '0214 3840 123',
  officerEmail: 'an.tv@laocai.gov.vn',
  agencyNameInSentence: '',
  draftingUnit: 'VP',
  reminderRecipients: ['Lưu: VT, VP'],
};

interface UnitDef {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  values: StoredValue[] | null;
  receivedAt?: string;
  revision?: number;
}

export const units: UnitDef[] = [
  {
    id: 1,
    code: 'SNV',
    name: 'Sở Nội vụ',
    kind: 'so_nganh',
    receivedAt: '2026-06-05',
    revision: 2,
    values: [
      n('VB_BANHANH', 'value', 3),
      yn('THD_KEHOACH', true),
      n('CBCCVC', 'total', 420),
      n('CBCCVC', 'female', 250),
      n('LDQL', 'total', 40),
      n('LDQL', 'female', 14),
      n('QUYHOACH', 'total', 60),
      n('QUYHOACH', 'female', 27),
      n('CQ_TONG', 'value', 4),
      n('CQ_LDCC_NU', 'value', 2),
      n('KINHPHI', 'value', 125.5),
      txt('TXT_KETQUA', 'Đã tổ chức 3 hội nghị tập huấn cho 250 lượt cán bộ.'),
    ],
  },
  {
    id: 2,
    code: 'SYT',
    name: 'Sở Y tế',
    kind: 'so_nganh',
    receivedAt: '2026-06-12',
    revision: 1,
    values: [
      n('VB_BANHANH', 'value', 1),
      yn('THD_KEHOACH', false),
      n('CBCCVC', 'total', 1800),
      n('CBCCVC', 'female', 1230),
      n('LDQL', 'total', 90),
      n('LDQL', 'female', 31),
      n('SINH_SONG', 'total', 11000),
      n('SINH_SONG', 'male', 5800),
      n('SINH_SONG', 'female', 5200),
      n('TUVONG_ME', 'value', 4),
      n('CSYT_LGBT', 'value', 1),
      n('BLGD_VU', 'value', 2),
      n('BLGD_VU_XULY', 'value', 2),
      txt('TXT_KIENNGHI', FORMULA_TEXT),
    ],
  },
  {
    id: 3,
    code: 'HLHPN',
    name: 'Hội Liên hiệp Phụ nữ tỉnh',
    kind: 'doan_the',
    receivedAt: '2026-06-10',
    revision: 1,
    values: [
      n('VB_BANHANH', 'value', 5),
      yn('THD_KEHOACH', true),
      n('TT_CUOC', 'value', 48),
      n('TT_LUOT', 'total', 5230),
      n('TT_LUOT', 'female', 4100),
      n('CAPUY', 'total', 15),
      n('CAPUY', 'female', 9),
      txt('TXT_TONTAI', SCRIPT_TEXT),
    ],
  },
  {
    id: 4,
    code: 'XA_TAVAN',
    name: 'Xã Tả Van',
    kind: 'xa',
    receivedAt: '2026-06-09',
    revision: 1,
    values: [
      n('VB_BANHANH', 'value', 2),
      n('CQ_TONG', 'value', 10),
      n('CQ_LDCC_NU', 'value', 1),
      n('BLGD_VU', 'value', 3),
      n('BLGD_VU_XULY', 'value', 3),
      n('BLGD_NANNHAN', 'total', 3),
      n('BLGD_NANNHAN', 'female', 3),
      n('HUONGUOC_TONG', 'value', 12),
      n('HUONGUOC_KPBDX', 'value', 12),
      yn('XA_DU4TINBAI', true),
      n('TINBAI_BDG', 'value', 6),
    ],
  },
  {
    id: 5,
    code: 'XA_BANHO',
    name: 'Xã Bản Hồ',
    kind: 'xa',
    receivedAt: '2026-06-15',
    revision: 1,
    values: [
      n('VB_BANHANH', 'value', 1),
      n('CQ_TONG', 'value', 6),
      n('CQ_LDCC_NU', 'value', 0),
      n('BLGD_VU', 'value', 7),
      n('BLGD_VU_XULY', 'value', 5),
      n('HUONGUOC_TONG', 'value', 9),
      n('HUONGUOC_KPBDX', 'value', 8),
      yn('XA_DU4TINBAI', false),
      n('TINBAI_BDG', 'value', 2),
    ],
  },
  { id: 6, code: 'P_CAMDUONG', name: 'Phường Cam Đường', kind: 'xa', values: null },
  { id: 7, code: 'STP', name: 'Sở Tư pháp', kind: 'so_nganh', values: null },
];

export const provinceValues: StoredValue[] = [
  n('LD_NU_COVIECLAM', 'value', 210_000),
  n('LD_NU_LCHL', 'value', 98_000),
  n('LD_NU_NONGNGHIEP', 'value', 120_000),
  n('DANSO', 'total', 780_000),
  n('DANSO', 'female', 388_000),
  n('DANSO_TIEPCAN_BDG', 'value', 520_000),
];

export function makeReportModel(over: Partial<ReportModel> = {}): ReportModel {
  const year = 2026;
  const reported = units.filter((u) => u.values);
  const c = consolidate({
    elements: catalog.dataElements,
    indicators: catalog.indicators,
    provinceTargets: {},
    year,
    units: reported.map((u) => ({ unitId: u.id, unitCode: u.code, unitName: u.name, kind: u.kind, values: u.values! })),
    provinceValues,
  });
  const prev = consolidate({
    elements: catalog.dataElements,
    indicators: catalog.indicators,
    provinceTargets: {},
    year: 2025,
    units: [
      {
        unitId: 4,
        unitCode: 'XA_TAVAN',
        unitName: 'Xã Tả Van',
        kind: 'xa',
        values: [n('CQ_TONG', 'value', 10), n('CQ_LDCC_NU', 'value', 1)],
      },
      { unitId: 1, unitCode: 'SNV', unitName: 'Sở Nội vụ', kind: 'so_nganh', values: [n('VB_BANHANH', 'value', 2)] },
    ],
    provinceValues: [],
  });
  const expectedUnits: ExpectedUnit[] = units.map((u) => ({
    unitId: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    contact: null,
    phone: null,
    email: null,
  }));
  const firstReceived = new Map(
    reported.map((u) => [u.id, { receivedAt: u.receivedAt!, revision: u.revision!, submissionId: u.id * 10 }]),
  );
  const status = { periodId: 12, ...computeStatus({ deadline: '2026-06-10', expectedUnits, firstReceived }) };
  return {
    settings,
    period: {
      id: 12,
      label: '6 tháng đầu năm 2026',
      year,
      kind: 'half_year',
      dataFrom: '2025-12-15',
      dataTo: '2026-06-14',
      deadline: '2026-06-10',
    },
    catalog: {
      sections: catalog.sections,
      cellLabels: catalog.cellLabels,
      dataElements: catalog.dataElements,
      indicators: catalog.indicators,
    },
    consolidation: {
      ...c,
      femaleShares: femaleShares(c.values),
      reporting: { expected: status.expected, received: status.received, onTime: status.onTime },
      previous: { periodId: 3, label: '6 tháng đầu năm 2025', values: prev.values, indicators: prev.indicators },
    },
    status: { ...status, today: '2026-02-05', daysLeft: 125 },
    byUnit: reported.map((u) => ({ unitCode: u.code, unitName: u.name, kind: u.kind, values: u.values! })),
    includeSensitive: false,
    docNumber: '15',
    today: '2026-02-05',
    ...over,
  };
}
