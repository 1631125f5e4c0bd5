/**
 * The proposals, a row of the form each: its label, the data element proposed (name and code) and how sure the
 * match is in words; per row: confirm, change (a searchable select), clear, or map to a new local element.
 * Paged (a long form never renders thousands of rows), filtered by state, searched by label.
 */
import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import type { CatalogView } from '../../../../shared/contract';
import type { LayoutRow } from '../../../../shared/contract/layouts';
import { formatNumber, matchesSearch } from '../../../../shared/text/vi';
import { ElementPicker, type Pick } from './ElementPicker';
import { ROW_STATE, rowState, type RowState } from './review';

type Filter = 'all' | RowState;

export function RowProposals({
  rows,
  reviewed,
  catalog,
  withIndicators,
  onConfirm,
  onPick,
  onNew,
  onFocusRow,
}: {
  rows: LayoutRow[];
  reviewed: ReadonlySet<number>;
  catalog: CatalogView;
  withIndicators: boolean;
  onConfirm: (row: number) => void;
  /** a code chosen for the row, or null: cleared */
  onPick: (row: number, p: Pick | null) => void;
  onNew: (row: LayoutRow) => void;
  onFocusRow: (row: number) => void;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const counts = useMemo(() => {
    const c: Record<RowState, number> = { confirmed: 0, sure: 0, review: 0, none: 0 };
    for (const r of rows) c[rowState(r, reviewed)]++;
    return c;
  }, [rows, reviewed]);
  const shown = useMemo(
    () =>
      rows.filter(
        (r) => (filter === 'all' || rowState(r, reviewed) === filter) && (!search || matchesSearch(r.label, search)),
      ),
    [rows, reviewed, filter, search],
  );
  const options: Array<{ value: Filter; label: string }> = [
    { value: 'all', label: `Tất cả (${formatNumber(rows.length)})` },
    ...(['review', 'none', 'sure', 'confirmed'] as RowState[]).map((s) => ({
      value: s,
      label: `${ROW_STATE[s].label} (${formatNumber(counts[s])})`,
    })),
  ];
  return (
    <section aria-label="Đề xuất ghép chỉ tiêu">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Segmented<Filter>
          aria-label="Lọc các dòng theo mức độ khớp"
          options={options}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
        />
        <Input.Search
          aria-label="Tìm dòng theo nhãn"
          placeholder="Tìm theo nhãn dòng…"
          allowClear
          style={{ width: 220 }}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </Flex>
      <Table<LayoutRow>
        size="small"
        rowKey="row"
        tableLayout="fixed"
        scroll={{ x: 716 }}
        dataSource={shown}
        pagination={{
          current: page,
          pageSize: 20,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        locale={{ emptyText: 'Không có dòng nào' }}
        onRow={(r) => ({ onFocus: () => onFocusRow(r.row), onClick: () => onFocusRow(r.row) })}
        columns={[
          { title: 'Dòng', dataIndex: 'row', width: 48, align: 'right' },
          { title: 'Nhãn trong mẫu', dataIndex: 'label', width: 200 },
          {
            title: 'Chỉ tiêu ghép',
            width: 260,
            render: (_: unknown, r) => (
              <ElementPicker
                catalog={catalog}
                withIndicators={withIndicators}
                kind={r.kind}
                code={r.code}
                label={`Chỉ tiêu cho dòng ${r.row}: ${r.label}`}
                onPick={(p) => onPick(r.row, p)}
              />
            ),
          },
          {
            title: 'Mức độ khớp',
            width: 104,
            render: (_: unknown, r) => {
              const s = rowState(r, reviewed);
              const tag = <Tag color={ROW_STATE[s].color}>{ROW_STATE[s].label}</Tag>;
              return s === 'sure' || s === 'review' ? (
                <Tooltip title={`Độ khớp ${formatNumber(Math.round(r.confidence * 100))}%`}>{tag}</Tooltip>
              ) : (
                tag
              );
            },
          },
          {
            title: 'Thao tác',
            width: 104,
            render: (_: unknown, r) => {
              const s = rowState(r, reviewed);
              return (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<CheckOutlined aria-hidden />}
                    aria-label={`Xác nhận dòng ${r.row}`}
                    title="Xác nhận"
                    disabled={!r.code || s === 'confirmed'}
                    onClick={() => onConfirm(r.row)}
                  />
                  <Button
                    size="small"
                    icon={<CloseOutlined aria-hidden />}
                    aria-label={`Bỏ ghép dòng ${r.row}`}
                    title="Bỏ ghép (để trống)"
                    disabled={!r.code}
                    onClick={() => onPick(r.row, null)}
                  />
                  <Button
                    size="small"
                    icon={<PlusOutlined aria-hidden />}
                    aria-label={`Ghép dòng ${r.row} với chỉ tiêu mới của tỉnh`}
                    title="Ghép với chỉ tiêu mới của tỉnh"
                    onClick={() => onNew(r)}
                  />
                </Space>
              );
            },
          },
        ]}
      />
    </section>
  );
}
