/**
 * The units' text answers (opinions, proposals), by element and unit: a page at a time from the main process
 * (`consolidation.texts`; at national scale a period has thousands), with a search that ignores diacritics.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { Empty, Input, Table } from 'antd';
import { useState } from 'react';
import type { Consolidation } from '../../../../shared/domain/report';
import { useOp } from '../../api/client';
import { ErrorBox } from '../../components/common';
import type { CatalogIndex } from '../../state/catalog';

const PAGE = 20;

export function Texts({ c, periodId, index }: { c: Consolidation; periodId: number; index: CatalogIndex }) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const q = useOp(
    'consolidation.texts',
    { periodId, offset: (page - 1) * PAGE, limit: PAGE, ...(search.trim() ? { search: search.trim() } : {}) },
    { placeholderData: keepPreviousData },
  );
  if ((c.textsTotal ?? c.texts.length) === 0) return <Empty description="Chưa có ý kiến nào." />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <Input.Search
        allowClear
        placeholder="Tìm theo đơn vị hoặc nội dung ý kiến (không cần gõ dấu)"
        style={{ maxWidth: 420, marginBottom: 12 }}
        onSearch={(v) => {
          setSearch(v);
          setPage(1);
        }}
      />
      <Table
        size="small"
        loading={q.isFetching}
        rowKey={(r) => `${r.code}-${r.unit}`}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: search ? 'Không có ý kiến nào khớp với từ tìm.' : 'Chưa có ý kiến nào.' }}
        columns={[
          { title: 'Nội dung', dataIndex: 'code', width: 260, render: (x: string) => index.element.get(x)?.name ?? x },
          { title: 'Đơn vị', dataIndex: 'unitName', width: 220 },
          {
            title: 'Ý kiến',
            dataIndex: 'text',
            render: (t: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span>,
          },
        ]}
      />
    </>
  );
}
