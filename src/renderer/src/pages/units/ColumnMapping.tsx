/** Which column is which: a drop-down per column of the file, with its header and first values. */
import { Button, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import type { UnitColumnRole, UnitImportColumn, UnitImportResult } from '../../../../shared/contract';
import { UNIT_FIELD_LABEL } from '../../../../shared/contract/units';

export const COLUMN_ROLE_LABEL: Record<UnitColumnRole, string> = {
  ...UNIT_FIELD_LABEL,
  extra: 'Giữ vào ghi chú',
  skip: 'Bỏ qua (không nhập)',
};

const OPTIONS = (Object.keys(COLUMN_ROLE_LABEL) as UnitColumnRole[]).map((r) => ({
  value: r,
  label: COLUMN_ROLE_LABEL[r],
}));

export function ColumnMapping({
  result,
  onApply,
  busy,
}: {
  result: UnitImportResult;
  onApply: (columns: Record<string, UnitColumnRole>) => void;
  busy: boolean;
}) {
  const [roles, setRoles] = useState<Record<string, UnitColumnRole>>(() =>
    Object.fromEntries(result.columns.map((c) => [c.letter, c.role])),
  );
  const twice = Object.entries(roles).filter(
    ([, r], _, all) => r !== 'extra' && r !== 'skip' && all.filter(([, x]) => x === r).length > 1,
  );
  const hasName = Object.values(roles).includes('name');
  return (
    <>
      <Table<UnitImportColumn>
        size="small"
        rowKey="letter"
        pagination={false}
        dataSource={result.columns}
        columns={[
          { title: 'Cột', dataIndex: 'letter', width: 60 },
          {
            title: 'Tiêu đề trong tệp',
            dataIndex: 'header',
            width: 220,
            render: (h: string) => h || <Typography.Text type="secondary">(trống)</Typography.Text>,
          },
          {
            title: 'Vài dòng đầu',
            dataIndex: 'samples',
            render: (s: string[]) => (
              <Typography.Text style={{ fontSize: 13 }}>{s.length ? s.join(' · ') : '—'}</Typography.Text>
            ),
          },
          {
            title: 'Cột này là',
            width: 260,
            render: (_: unknown, c) => (
              <Select
                aria-label={`Cột ${c.letter} (${c.header || 'không tiêu đề'}) là`}
                value={roles[c.letter]}
                onChange={(v: UnitColumnRole) => setRoles({ ...roles, [c.letter]: v })}
                options={OPTIONS}
                // 16 choices: all rendered, so each can be reached (a virtual list shows only those near the value)
                virtual={false}
                listHeight={400}
                style={{ width: '100%' }}
              />
            ),
          },
        ]}
      />
      {twice.length ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
          Mỗi loại thông tin chỉ chọn cho một cột: {COLUMN_ROLE_LABEL[twice[0]![1]]} đang được chọn cho các cột{' '}
          {twice.map(([l]) => l).join(', ')}.
        </Typography.Paragraph>
      ) : null}
      {!hasName ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
          Cần chọn cột nào là “Tên đơn vị”.
        </Typography.Paragraph>
      ) : null}
      <Button
        style={{ marginTop: 8 }}
        type={result.needsMapping ? 'primary' : 'default'}
        disabled={busy || !hasName || twice.length > 0}
        onClick={() => onApply(roles)}
      >
        Đọc lại theo cách chọn này
      </Button>
    </>
  );
}
