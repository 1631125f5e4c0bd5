/** The validation rules every imported file is checked against. */
import { Tag, type TableColumnsType } from 'antd';
import type { CatalogView } from '../../../../shared/contract';
import type { ValidationRule } from '../../../../shared/domain/catalog';
import { useMemo } from 'react';
import { formulaWords } from '../../../../shared/text/formula';
import { CatalogTable, CodeNote } from './CatalogTable';
import { OP_LABEL } from '../../labels';

const columns = (nameOf: (code: string) => string | undefined): TableColumnsType<ValidationRule> => [
  {
    title: 'Điều kiện',
    width: 420,
    render: (_: unknown, r) => (
      <>
        {formulaWords(r.left, nameOf)} {OP_LABEL[r.op]} {formulaWords(r.right, nameOf)} <CodeNote code={r.code} />
      </>
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
  const names = useMemo(() => new Map(catalog.dataElements.map((e) => [e.code, e.name])), [catalog]);
  return <CatalogTable rows={catalog.validationRules} columns={columns((c) => names.get(c))} />;
}
