/** The units' text answers (opinions, proposals), by element and unit. */
import { Empty, Table } from 'antd';
import type { Consolidation } from '../../../../shared/domain/report';
import { PAGE_OF_20 } from '../../components/common';
import type { CatalogIndex } from '../../state/catalog';

export function Texts({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  if (!c.texts.length) return <Empty description="Chưa có ý kiến nào." />;
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.code}-${r.unit}`}
      pagination={PAGE_OF_20}
      dataSource={c.texts}
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
  );
}
