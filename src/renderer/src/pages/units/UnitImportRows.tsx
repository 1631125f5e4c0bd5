/**
 * A unit-list import row by row: a tick to import the row, the code (editable when generated), the kind (a
 * drop-down when it was guessed or missing), the result and each change to an existing unit (before → after)
 * with its own tick; then the units the list does not name and the rows skipped without a unit.
 */
import { Alert, Checkbox, Input, Select, Table, Tag, Typography } from 'antd';
import type { UnitImportChange, UnitImportResult, UnitImportRow } from '../../../../shared/contract';
import type { UnitKind } from '../../../../shared/domain/catalog';
import { formatDate } from '../../../../shared/text/vi';
import { UNIT_KIND_LABEL, UNIT_KIND_OPTIONS } from '../../labels';

const ACTION_LABEL: Record<string, { text: string; color: string }> = {
  new: { text: 'Thêm mới', color: 'green' },
  update: { text: 'Cập nhật', color: 'blue' },
  same: { text: 'Không đổi', color: 'default' },
  error: { text: 'Lỗi', color: 'red' },
  skipped: { text: 'Bỏ qua', color: 'default' },
};

const FIELD_LABEL: Record<string, string> = {
  name: 'Tên',
  kind: 'Loại',
  group: 'Nhóm',
  contact: 'Người đầu mối',
  position: 'Chức vụ',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  address: 'Địa chỉ',
  note: 'Ghi chú',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hết hiệu lực',
  successor: 'Sáp nhập vào',
};

/** what she chose on the preview: rows and changes unticked, codes typed, kinds picked */
export interface RowChoices {
  skipRows: Set<number>;
  /** "row:field" */
  skipChanges: Set<string>;
  codes: Map<number, string>;
  kinds: Map<number, UnitKind>;
}

function shown(field: string, v: string | null): string {
  if (v === null || v === '') return '(trống)';
  if (field === 'kind') return UNIT_KIND_LABEL[v as UnitKind] ?? v;
  if (field === 'validFrom' || field === 'validTo') return formatDate(v);
  return v;
}

export function UnitImportRows({
  result,
  choices,
  onChange,
  onKind,
}: {
  result: UnitImportResult;
  choices: RowChoices;
  /** absent once the import is written (nothing to choose any more); `reread` when the preview must be recomputed */
  onChange?: (c: RowChoices, reread: boolean) => void;
  onKind?: (row: number, kind: UnitKind) => void;
}) {
  const others = result.errors.filter((e) => !result.rows.some((r) => r.row === e.row));
  const changesOf = new Map<number, UnitImportChange[]>();
  for (const c of result.changes) changesOf.set(c.row, [...(changesOf.get(c.row) ?? []), c]);
  const editable = !!onChange;
  const toggleRow = (row: number, on: boolean) => {
    const skipRows = new Set(choices.skipRows);
    if (on) skipRows.delete(row);
    else skipRows.add(row);
    onChange?.({ ...choices, skipRows }, false);
  };
  const toggleChange = (c: UnitImportChange, on: boolean) => {
    const skipChanges = new Set(choices.skipChanges);
    const key = `${c.row}:${c.field}`;
    if (on) skipChanges.delete(key);
    else skipChanges.add(key);
    onChange?.({ ...choices, skipChanges }, false);
  };
  return (
    <>
      <Table<UnitImportRow>
        size="small"
        rowKey={(r) => `${r.row}`}
        dataSource={result.rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: 'Nhập',
            width: 60,
            render: (_: unknown, r) =>
              r.action === 'error' || (r.action === 'same' && !changesOf.has(r.row)) ? null : (
                <Checkbox
                  aria-label={`Nhập dòng ${r.row} (${r.name})`}
                  checked={!choices.skipRows.has(r.row)}
                  disabled={!editable}
                  onChange={(e) => toggleRow(r.row, e.target.checked)}
                />
              ),
          },
          { title: 'Dòng', dataIndex: 'row', width: 60 },
          {
            title: 'Mã',
            width: 130,
            render: (_: unknown, r) =>
              r.generated && editable ? (
                <Input
                  size="small"
                  aria-label={`Mã tạo cho dòng ${r.row} (${r.name})`}
                  defaultValue={choices.codes.get(r.row) ?? r.code}
                  title="Mã do ứng dụng tạo; có thể sửa"
                  onBlur={(e) => {
                    const v = e.target.value.trim();
                    if (v && v !== r.code)
                      onChange?.({ ...choices, codes: new Map(choices.codes).set(r.row, v) }, true);
                  }}
                />
              ) : (
                <>
                  {r.code}
                  {r.generated ? <Tag style={{ marginInlineStart: 4 }}>mã mới</Tag> : null}
                </>
              ),
          },
          {
            title: 'Tên đơn vị',
            dataIndex: 'name',
            render: (n: string, r) => (
              <>
                {n}
                {r.matchedByName ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    Nhận theo tên đơn vị đã có
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          {
            title: 'Loại',
            width: 210,
            render: (_: unknown, r) =>
              editable && (r.kindInferred || !r.kind) ? (
                <Select<UnitKind>
                  size="small"
                  aria-label={`Loại đơn vị của dòng ${r.row} (${r.name})`}
                  placeholder="Chọn loại"
                  value={choices.kinds.get(r.row) ?? r.kind ?? undefined}
                  options={UNIT_KIND_OPTIONS}
                  onChange={(k) => onKind?.(r.row, k)}
                  style={{ width: '100%' }}
                />
              ) : r.kind ? (
                UNIT_KIND_LABEL[r.kind]
              ) : (
                ''
              ),
          },
          {
            title: 'Kết quả',
            width: 330,
            render: (_: unknown, r) => {
              const action = choices.skipRows.has(r.row) ? 'skipped' : r.action;
              const changes = changesOf.get(r.row) ?? [];
              return (
                <>
                  <Tag color={ACTION_LABEL[action]?.color}>{ACTION_LABEL[action]?.text ?? action}</Tag>
                  {r.message ? (
                    <Typography.Text type="danger" style={{ display: 'block' }}>
                      {r.message}
                    </Typography.Text>
                  ) : null}
                  {changes.map((c) => (
                    <div key={c.field} style={{ fontSize: 13 }}>
                      <Checkbox
                        checked={!choices.skipChanges.has(`${c.row}:${c.field}`) && !choices.skipRows.has(r.row)}
                        disabled={!editable || choices.skipRows.has(r.row)}
                        onChange={(e) => toggleChange(c, e.target.checked)}
                      >
                        {FIELD_LABEL[c.field] ?? c.field}: <del>{shown(c.field, c.before)}</del> →{' '}
                        <strong>{shown(c.field, c.after)}</strong>
                      </Checkbox>
                    </div>
                  ))}
                </>
              );
            },
          },
        ]}
      />
      {result.absent.length ? (
        <Alert
          type="info"
          style={{ marginTop: 12 }}
          title={`${result.absent.length} đơn vị đang hoạt động không có trong danh sách này`}
          description={
            <>
              Các đơn vị này vẫn giữ nguyên (không bị ngừng theo dõi). Nếu đơn vị đã sáp nhập hay giải thể, hãy ghi nhận
              ở trang Đơn vị.
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {result.absent.slice(0, 20).map((a) => (
                  <li key={a.code}>
                    {a.code} — {a.name}
                  </li>
                ))}
                {result.absent.length > 20 ? <li>… và {result.absent.length - 20} đơn vị khác</li> : null}
              </ul>
            </>
          }
        />
      ) : null}
      {others.length ? (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          title="Các dòng khác bị bỏ qua"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {others.map((e) => (
                <li key={e.row}>{e.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}
