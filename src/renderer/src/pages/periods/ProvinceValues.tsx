/** Figures the province supplies itself (statistics, surveys): entered once for the period, never summed from units. */
import { App, Button, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { CellValue, Period, StoredValue } from '../../../../shared/domain/records';
import { compareVi, formatNumber } from '../../../../shared/text/vi';
import { errorMessage, useOp, useOpMutation } from '../../api/client';
import { ErrorBox, Loading } from '../../components/common';
import { ValueEditor } from '../../components/ValueEditor';
import { cellKey, sameValue, valueMap } from '../../components/values';
import { CELL_LABEL } from '../../labels';

type Draft = Record<string, CellValue | null>;

export function ProvinceValues({ period }: { period: Period }) {
  const { message } = App.useApp();
  const catalog = useOp('catalog.get', {});
  const values = useOp('periods.provinceValues', { id: period.id });
  const save = useOpMutation('periods.setProvinceValue');
  const [draft, setDraft] = useState<Draft>({});
  const elements = useMemo(
    () =>
      (catalog.data?.dataElements ?? [])
        .filter((e) => e.collectedFrom === 'province')
        .sort((a, b) => compareVi(a.code, b.code)),
    [catalog.data],
  );
  const stored = useMemo(() => valueMap(values.data ?? ([] as StoredValue[])), [values.data]);

  if (catalog.isLoading || values.isLoading) return <Loading />;
  if (catalog.error || values.error) return <ErrorBox error={catalog.error ?? values.error} />;

  const current = (el: string, cell: CellKey): CellValue | null => {
    const k = cellKey(el, cell);
    return k in draft ? (draft[k] ?? null) : (stored.get(k) ?? null);
  };
  const dirtyKeys = Object.keys(draft).filter((k) => !sameValue(draft[k], stored.get(k)));
  const closed = period.status === 'closed';

  const saveAll = async () => {
    try {
      for (const k of dirtyKeys) {
        const [element, cell] = k.split('|') as [string, CellKey];
        await save.mutateAsync({ id: period.id, element, cell, value: draft[k] ?? null });
      }
      setDraft({});
      void message.success('Đã lưu số liệu cấp tỉnh.');
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<DataElement> = [
    { title: 'Chỉ tiêu', dataIndex: 'name' },
    { title: 'Đơn vị tính', dataIndex: 'unit', width: 110 },
    {
      title: 'Số liệu',
      width: 380,
      render: (_: unknown, el) => (
        <Flex gap={8} wrap>
          {el.cells.map((cell) => (
            <div key={cell} style={{ width: el.cells.length > 1 ? 170 : 340 }}>
              {el.cells.length > 1 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {CELL_LABEL[cell]}
                </Typography.Text>
              ) : null}
              <ValueEditor
                element={el}
                label={`${el.name} – ${CELL_LABEL[cell]}`}
                value={current(el.code, cell)}
                disabled={closed}
                onChange={(v) => setDraft((d) => ({ ...d, [cellKey(el.code, cell)]: v }))}
              />
            </div>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        Các số liệu này do cấp tỉnh cung cấp (thống kê, điều tra), nhập một lần cho cả tỉnh và không cộng từ báo cáo đơn
        vị.
      </Typography.Paragraph>
      <Table<DataElement>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={elements}
        locale={{ emptyText: 'Danh mục không có chỉ tiêu nào lấy số liệu cấp tỉnh.' }}
        columns={columns}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!dirtyKeys.length || closed}
          loading={save.isPending}
          onClick={() => void saveAll()}
        >
          Lưu số liệu cấp tỉnh
        </Button>
        {dirtyKeys.length ? (
          <Typography.Text style={{ color: '#ad4e00' }}>{formatNumber(dirtyKeys.length)} ô chưa lưu</Typography.Text>
        ) : null}
      </Space>
    </>
  );
}
