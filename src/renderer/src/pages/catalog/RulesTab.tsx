/** The validation rules every imported file is checked against. */
import { Tag, type TableColumnsType } from 'antd';
import type { CatalogView } from '../../../../shared/contract';
import type { ValidationRule } from '../../../../shared/domain/catalog';
import { CatalogTable } from './CatalogTable';
import { OP_LABEL } from '../../labels';

const COLUMNS: TableColumnsType<ValidationRule> = [
  { title: 'Mã', dataIndex: 'code', width: 140 },
  {
    title: 'Điều kiện',
    width: 360,
    render: (_: unknown, r) => (
      <code style={{ fontSize: 12 }}>
        {r.left} {OP_LABEL[r.op]} {r.right}
      </code>
    ),
  },
  {
    title: 'Mức độ',
    dataIndex: 'severity',
    width: 120,
    render: (s: ValidationRule['severity']) =>
      s === 'error' ? <Tag color="red">Lỗi (từ chối tệp)</Tag> : <Tag color="gold">Cảnh báo</Tag>,
  },
  { title: 'Thông báo', dataIndex: 'message' },
];

export function RulesTab({ catalog }: { catalog: CatalogView }) {
  return <CatalogTable rows={catalog.validationRules} columns={COLUMNS} />;
}
